"""The service objects of one app: store, workflows, engine, mail, links."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from urllib.parse import quote

from flask import Flask, Response, after_this_request, current_app, has_request_context

from . import ConfigurationError
from .links import ApprovalLinks, StatusLinks
from .mail import MailQueue, transport_from_config
from .notifications import Notifier
from .ratelimit import RateLimiter
from .requests import Requests, run_now
from .store import Store
from .workflow import Engine, WorkflowRegistry, system_clock


@dataclass(frozen=True)
class Services:
    """What the views use; built once per app by `init_app`."""

    store: Store
    registry: WorkflowRegistry
    engine: Engine
    queue: MailQueue
    approval_links: ApprovalLinks
    status_links: StatusLinks
    requests: Requests
    limiter: RateLimiter


def init_app(app: Flask, data_dir: Path) -> None:
    """Open the store and load the workflows (current and stored versions).

    :raises ConfigurationError: `MAIL_FROM` is not one email address.
    """
    store = Store(data_dir, app.extensions["xarxa.cipher"])
    registry = WorkflowRegistry.from_directory(app.config["WORKFLOWS_DIR"])
    for sha in store.definitions.ids():
        document = store.definitions.get(sha)
        if document is not None:
            registry.add_text(document["text"], f"stored definition {sha[:12]}")
    engine = Engine(registry, clock=app.config.get("CLOCK") or system_clock)
    try:
        queue = MailQueue(
            store.outbox,
            transport_from_config(app.config, data_dir),
            app.config["MAIL_FROM"],
            store.locks,
        )
    except ValueError as error:
        raise ConfigurationError(f"XARXA_MAIL_FROM: {error}") from error
    approval_links = ApprovalLinks(store.tokens)
    status_links = StatusLinks(app.config["SECRET_KEY"])
    base = str(app.config["PUBLIC_URL"]).rstrip("/")

    def status_url(language: str, reference: str) -> str:
        return f"{base}/{language}/status/{quote(status_links.make(reference))}"

    def decision_url(language: str, token: str) -> str:
        return f"{base}/{language}/decide/{quote(token)}"

    notifier = Notifier(
        registry, queue, approval_links, status_url, decision_url,
        reload_templates=lambda: app.jinja_env.auto_reload,
    )  # fmt: skip
    # The development server does not always close a response whose client
    # went away (werkzeug skips it on a reset connection), so there mail goes
    # out before the page, as the README's walk-through expects to see it.
    development = app.config["ENV"] == "development"
    requests = Requests(
        store, engine, notifier, queue, approval_links,
        defer=run_now if development else after_response,
    )  # fmt: skip
    app.extensions["xarxa"] = Services(
        store, registry, engine, queue, approval_links, status_links, requests,
        RateLimiter(store),
    )  # fmt: skip


def after_response(work: Callable[[], None]) -> None:
    """Run *work* once the current response has been sent (at once outside one).

    Mail goes out after the page that acknowledges the request, so that a slow
    mail server never delays it; the message is in the durable outbox first,
    so a worker stopped in between loses nothing (`xarxa tick` sends it).
    """
    if not has_request_context():
        work()
        return

    @after_this_request
    def _later(response: Response) -> Response:
        response.call_on_close(work)
        return response


def get_services() -> Services:
    """Return the current app's services."""
    services: Services = current_app.extensions["xarxa"]
    return services
