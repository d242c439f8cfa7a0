"""Application services: submit a request, act on it, run the clock.

Each operation is the engine's decision applied to the stored submission under
its lock, then the resulting emails put in the durable outbox. The outbox is
written before anything is acknowledged, so an SMTP failure loses nothing.
"""

from __future__ import annotations

import logging
from collections.abc import Callable, Mapping
from dataclasses import dataclass
from datetime import datetime
from typing import Any

from .links import ApprovalLink, ApprovalLinks, LinkError, UnknownLink
from .mail import MailQueue
from .notifications import Notifier
from .store import NotFound, Store
from .workflow import ActionRefused, Engine, Step, Submission, Task

log = logging.getLogger(__name__)


class LinkRefused(LinkError):
    """An approval link that cannot decide any more, and why, as data.

    ``code`` is one of ``used`` (this link already decided), ``decided`` (its
    task was decided, by this approver elsewhere or by someone else),
    ``superseded`` (the request moved on and newer links were sent),
    ``replaced`` (the decision was handed to others after a deadline),
    ``expired`` and ``other_approver`` (the task is not the link's approver's).
    ``actor``, ``action`` and ``when`` say who did what and when, where known,
    so that a page can say it in its own language.
    """

    def __init__(
        self, code: str, *, actor: str | None = None, action: str | None = None,
        when: datetime | None = None,
    ) -> None:  # fmt: skip
        self.code, self.actor, self.action, self.when = code, actor, action, when
        super().__init__(f"link refused: {code} ({action} by {actor} at {when})")


@dataclass(frozen=True)
class TickReport:
    """What one run of the clock did."""

    submissions_changed: int
    mails_sent: int
    mails_failed: int

    def __str__(self) -> str:
        return (
            f"{self.submissions_changed} submission(s) changed, "
            f"{self.mails_sent} mail(s) sent, {self.mails_failed} mail(s) failed"
        )


def run_now(work: Callable[[], None]) -> None:
    """Run *work* at once (outside a web request: the CLI, the tests)."""
    work()


class Requests:
    """Everything that changes a submission goes through here."""

    def __init__(
        self,
        store: Store,
        engine: Engine,
        notifier: Notifier,
        queue: MailQueue,
        approval_links: ApprovalLinks,
        defer: Callable[[Callable[[], None]], None] = run_now,
    ) -> None:
        self.store, self.engine, self.notifier = store, engine, notifier
        self.queue, self.approval_links = queue, approval_links
        self.defer = defer

    def submit(
        self, workflow_id: str, answers: Mapping[str, Any], language: str
    ) -> Submission:
        """Start and store a submission; queue its emails.

        :raises SubmissionRefused: a rule of the workflow refuses it.
        :raises InvalidAnswers: answers that do not fit the form.
        """
        now = self.engine.now()
        reference = self.store.submissions.next_reference(now)
        claimed: list[str] = []

        def is_taken(key: str) -> bool:
            if self.store.submissions.claim_key(key):
                claimed.append(key)
                return False
            return True

        try:
            step = self.engine.start(
                workflow_id, answers, reference=reference, language=language,
                is_taken=is_taken,
            )  # fmt: skip
            self._keep_definition(step.submission)
            self.store.submissions.add(step.submission)
        except BaseException:
            for key in claimed:
                self.store.submissions.release_key(key)
            raise
        try:
            self._send(step, now)
        except OSError:  # stored and acknowledged: a full disk must not undo that
            log.exception("%s stored, but its mail could not be queued", reference)
        return step.submission

    def act(
        self,
        reference: str,
        action: str,
        *,
        actor: str,
        channel: str,
        comment: str | None = None,
        answers: Mapping[str, Any] | None = None,
        task_id: str | None = None,
    ) -> Submission:
        """Apply *action* by *actor* to the stored submission.

        :raises ActionRefused: the workflow does not allow it now, with the reason.
        """

        def change(submission: Submission) -> tuple[Submission, Step]:
            step = self.engine.act(
                submission, action, actor=actor, channel=channel, comment=comment,
                answers=answers, task_id=task_id,
            )  # fmt: skip
            return step.submission, step

        step = self.store.submissions.change(reference, change)
        self._send(step, self.engine.now(step.submission))
        return step.submission

    def decide(self, token: str, action: str, comment: str | None) -> Submission:
        """Decide through an emailed approval link (the POST of its page).

        :raises UnknownLink: no such link.
        :raises LinkRefused: used, expired, or its task is no longer open.
        :raises ActionRefused: the workflow refuses the action (e.g. no comment).
        """
        reference = self.approval_links.find(token).reference

        def change(submission: Submission) -> tuple[Submission, Step]:
            link = self.approval_links.find(token)  # read again under the lock
            now = self.engine.now(submission)
            self.check_link(link, submission, now)
            step = self.engine.act(
                submission, action, actor=link.approver, channel="email-link",
                comment=comment, task_id=link.task_id,
            )  # fmt: skip
            self.approval_links.mark_used(token, action, now)
            return step.submission, step

        step = self.store.submissions.change(reference, change)
        self._send(step, self.engine.now(step.submission))
        return step.submission

    def open_link(self, token: str) -> tuple[ApprovalLink, Submission]:
        """Return the link behind *token* and its submission, changing nothing.

        :raises UnknownLink: no such link, or its submission is gone.
        :raises LinkRefused: the link can no longer decide (see `check_link`).
        """
        link = self.approval_links.find(token)
        try:
            submission = self.store.submissions.get(link.reference)
        except NotFound as error:
            raise UnknownLink(token) from error
        self.check_link(link, submission, self.engine.now(submission))
        return link, submission

    def check_link(
        self, link: ApprovalLink, submission: Submission, now: datetime
    ) -> None:
        """Refuse a link that is not its approver's, was used, whose task was
        decided or moved on, or that has expired."""
        task = next((t for t in submission.tasks if t.id == link.task_id), None)
        if task is not None and task.approver != link.approver:
            raise LinkRefused("other_approver")
        if link.used_at is not None:
            used_at = datetime.fromisoformat(link.used_at)
            raise LinkRefused(
                "used", actor=link.approver, action=link.used_action, when=used_at
            )
        if task is not None and task.status == "done":
            raise LinkRefused(
                "decided", actor=task.decided_by, action=task.action,
                when=task.decided_at,
            )  # fmt: skip
        if task is None or task not in submission.open_tasks():
            raise _moved_on(submission, task)
        if link.expired(now):
            raise LinkRefused("expired", when=datetime.fromisoformat(link.expires_at))

    def tick(self, now: datetime | None = None) -> TickReport:
        """Send due reminders, escalate, apply timeouts, retry the outbox."""
        changed = 0
        for entry in self.store.submissions.index():
            if entry.outcome is not None:
                continue
            try:
                step = self.store.submissions.change(
                    entry.reference, lambda sub: self._tick_one(sub, now)
                )
            except (LookupError, ActionRefused) as error:
                log.warning("tick skipped %s: %s", entry.reference, error)
                continue
            if step.notifications or step.submission.state != entry.state:
                changed += 1
                self.notifier.queue_all(
                    self.engine.registry.for_submission(step.submission),
                    step.notifications,
                    self.engine.now(step.submission),
                )
        sent, failed = self.queue.deliver_due(now or self.engine.now())
        return TickReport(changed, sent, failed)

    def _tick_one(
        self, submission: Submission, now: datetime | None
    ) -> tuple[Submission, Step]:
        step = self.engine.tick(submission, now)
        return step.submission, step

    def _keep_definition(self, submission: Submission) -> None:
        definitions = self.store.definitions
        if definitions.get(submission.workflow_sha256) is None:
            workflow = self.engine.registry.for_submission(submission)
            definitions.put(submission.workflow_sha256, {"text": workflow.text})

    def _send(self, step: Step, now: datetime) -> None:
        workflow = self.engine.registry.for_submission(step.submission)
        batch = self.notifier.queue_all(workflow, step.notifications, now, hold=True)

        def deliver() -> None:  # best effort now; `xarxa tick` retries what fails
            self.queue.deliver_held(batch, now)

        self.defer(deliver)


def _moved_on(submission: Submission, task: Task | None) -> LinkRefused:
    """Say why a task that is no longer open cannot be decided."""
    if task is None or any(t.visit > task.visit for t in submission.tasks):
        return LinkRefused("superseded")
    if task.status == "replaced":
        return LinkRefused("replaced")
    ended = next(
        (e for e in submission.events if e.visit == task.visit and e.to_state),
        None,
    )
    if ended is None:
        return LinkRefused("superseded")
    return LinkRefused("decided", actor=ended.actor, action=ended.action, when=ended.at)
