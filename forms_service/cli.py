"""`xarxa tick`: the forms service's clock, meant for cron."""

from __future__ import annotations

import click


@click.command()
def tick() -> None:
    """Send due reminders, escalate, apply timeouts and retry the mail outbox."""
    from . import ConfigurationError, create_app
    from .drafts import purge_drafts
    from .services import get_services

    try:
        app = create_app()
    except ConfigurationError as error:
        raise click.ClickException(str(error)) from error
    with app.app_context():
        services = get_services()
        report = services.requests.tick()
        store = services.store
        drafts = purge_drafts(store.drafts, store.uploads, services.engine.now())
    click.echo(f"tick: {report}, {drafts} old draft(s) removed")


@click.command()
def reindex() -> None:
    """Rebuild the list of submissions from the stored files (crash, restore)."""
    from . import ConfigurationError, create_app
    from .services import get_services

    try:
        app = create_app()
    except ConfigurationError as error:
        raise click.ClickException(str(error)) from error
    with app.app_context():
        count = get_services().store.submissions.rebuild_index()
    click.echo(f"reindex: {count} submission(s) listed")
