"""Turn the engine's notifications into emails in the outbox.

An email never carries personal data of the person concerned: only the
reference, the service, the state, a deadline and a link, through the
workflow's templates (see workflows/README.md).
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import datetime, timedelta
from html import escape

from babel.dates import format_date

from .links import ApprovalLink, ApprovalLinks
from .mail import Batch, MailQueue, NewMail
from .store.files import folder_syncs_at_end
from .workflow import (
    Notification,
    Template,
    Workflow,
    WorkflowRegistry,
    load_template,
    render,
)

DEFAULT_LINK_TTL = timedelta(days=7)


class Notifier:
    """Render notifications and put them in the outbox."""

    def __init__(
        self,
        registry: WorkflowRegistry,
        queue: MailQueue,
        approval_links: ApprovalLinks,
        status_url: Callable[[str, str], str],
        decision_url: Callable[[str, str], str],
        reload_templates: Callable[[], bool] = lambda: False,
    ) -> None:
        """:param reload_templates: say whether to read templates again each time
        (while developing, as Flask's own templates); else each is read once."""
        self.registry, self.queue, self.approval_links = registry, queue, approval_links
        self.status_url, self.decision_url = status_url, decision_url
        self.reload_templates = reload_templates
        self._templates: dict[tuple[str, str], Template] = {}

    def queue_all(
        self, workflow: Workflow, notifications: tuple[Notification, ...],
        now: datetime, *, hold: bool = False,
    ) -> Batch:  # fmt: skip
        """Put one email per notification in the outbox, together; return them.

        :param hold: the caller sends them (see `MailQueue.put_all`).
        """
        # The mails (and their approval links) are durable once this returns.
        with folder_syncs_at_end():
            mails = [self._mail(workflow, item, now) for item in notifications]
            return self.queue.put_all(mails, now, hold=hold)

    def _mail(self, workflow: Workflow, item: Notification, now: datetime) -> NewMail:
        language = item.language if item.language in workflow.languages else "ca"
        if item.task_id is not None:
            expires = now + _link_ttl(workflow, now)
            token = self.approval_links.create(
                ApprovalLink(
                    item.reference, item.task_id, item.to, now.isoformat(),
                    expires.isoformat(),
                )
            )  # fmt: skip
            link = self.decision_url(language, token)
        else:
            link = self.status_url(language, item.reference)
        state = workflow.states[item.state].label
        values = {
            "reference": item.reference,
            "service": workflow.title.get(language) or workflow.title["ca"],
            "state": state.get(language) or state["ca"],
            "deadline": _when(item.deadline, language),
            "link": link,
        }
        subject, text = render(self._template(item.template, language), values)
        return NewMail(item.to, subject, text, _html(text, link), language)

    def _template(self, name: str, language: str) -> Template:
        if self.reload_templates():
            return load_template(self.registry.templates, name, language)
        key = (name, language)
        if key not in self._templates:
            self._templates[key] = load_template(self.registry.templates, *key)
        return self._templates[key]


def _link_ttl(workflow: Workflow, now: datetime) -> timedelta:
    ttl = workflow.link_ttl
    if ttl is None:
        return DEFAULT_LINK_TTL
    return workflow.calendar.ends_at(now, ttl) - now


def _when(moment: datetime | None, language: str) -> str:
    if moment is None:
        return "—"
    # Deadlines end at midnight: the last day to act is the day before.
    return format_date((moment - timedelta(seconds=1)).date(), "long", locale=language)


def _html(text: str, link: str) -> str:
    paragraphs = []
    for block in text.strip().split("\n\n"):
        html = escape(block).replace("\n", "<br>\n")
        if link:
            anchor = f'<a href="{escape(link)}">{escape(link)}</a>'
            html = html.replace(escape(link), anchor)
        paragraphs.append(f"<p>{html}</p>")
    return (
        "<!doctype html>\n<html><body>\n" + "\n".join(paragraphs) + "\n</body></html>\n"
    )
