"""The forms service's commands: its clock (`tick`), `reindex` and `keys`."""

from __future__ import annotations

import click
from flask import Flask


def _app() -> Flask:
    """Create the app from the environment, or stop with the configuration error."""
    from . import ConfigurationError, create_app

    try:
        return create_app()
    except ConfigurationError as error:
        raise click.ClickException(str(error)) from error


@click.command()
def tick() -> None:
    """Send due reminders, escalate, apply timeouts, retry the mail outbox, and
    block or remove what has been kept long enough."""
    from .drafts import purge_drafts
    from .retention import apply_retention
    from .services import get_services

    with _app().app_context():
        services = get_services()
        report = services.requests.tick()
        store = services.store
        now = services.engine.now()
        drafts = purge_drafts(store.drafts, store.uploads, now)
        links = services.approval_links.purge_expired(now)
        services.limiter.purge(now)
        store.remove_temporaries()
        kept = apply_retention(store, services.registry, now)
    click.echo(
        f"tick: {report}, {drafts} old draft(s) and {links} expired link(s) "
        f"removed, {kept}"
    )


@click.command()
def reindex() -> None:
    """Rebuild the list of submissions from the stored files (crash, restore)."""
    from .services import get_services

    with _app().app_context():
        count = get_services().store.submissions.rebuild_index()
    click.echo(f"reindex: {count} submission(s) listed")


@click.group()
def keys() -> None:
    """Make and rotate the keys that encrypt the store."""


@keys.command("new")
@click.option(
    "--env",
    is_flag=True,
    help="Print XARXA_SECRET_KEY and XARXA_DATA_KEY lines for an environment file.",
)
def new_keys(env: bool) -> None:
    """Print a new data key (or a whole environment file with --env)."""
    import secrets

    from .store.cipher import new_key

    if env:
        click.echo(f"XARXA_SECRET_KEY={secrets.token_hex(32)}")
        click.echo(f"XARXA_DATA_KEY={new_key()}")
    else:
        click.echo(new_key())


@keys.command("rotate")
def rotate() -> None:
    """Re-encrypt the store under the first key of XARXA_DATA_KEY (service stopped)."""
    from .services import get_services
    from .store import UnreadableData
    from .store.rotation import rotate_store

    with _app().app_context():
        store = get_services().store
        try:
            report = rotate_store(store.root, store.cipher, store.locks)
        except UnreadableData as error:
            raise click.ClickException(
                f"{error}: list the key it was written with after the new one"
            ) from error
    click.echo(f"keys rotate: {report}")


@click.command("data-inventory")
@click.option(
    "--workflows",
    "workflows_dir",
    default="workflows",
    show_default=True,
    help="Workflows folder.",
)
def data_inventory(workflows_dir: str) -> None:
    """Print the personal data kept, why, who sees it and for how long (Markdown)."""
    from .inventory import inventory, missing_purposes
    from .workflow import WorkflowRegistry

    registry = WorkflowRegistry.from_directory(workflows_dir)
    missing = missing_purposes(registry)
    if missing:
        raise click.ClickException(
            "no purpose written down for personal field(s): " + ", ".join(missing)
        )
    click.echo(inventory(registry), nl=False)
