"""The `xarxa` command: check the content, build the catalogue, serve it."""

from __future__ import annotations

import sys
import time
from dataclasses import replace
from pathlib import Path

import click

from forms_service import ConfigurationError
from forms_service.cli import data_inventory, keys, reindex, tick
from forms_service.workflow import InvalidWorkflow
from forms_service.workflow.cli import workflows as workflows_group

from .problems import ContentError, Severity

_CONTENT = click.option(
    "--content",
    "content_dir",
    type=click.Path(path_type=Path, file_okay=False),
    default="content",
    show_default=True,
    help="Content folder.",
)

_WORKFLOWS = click.option(
    "--workflows",
    "workflows_dir",
    type=click.Path(path_type=Path, file_okay=False),
    default="workflows",
    show_default=True,
    help="Workflows folder.",
)


@click.group(help="Xarxa: social services catalogue and referral workflows.")
def main() -> None:
    """Group every `xarxa` command."""


main.add_command(workflows_group)
main.add_command(tick)
main.add_command(reindex)
main.add_command(keys)
main.add_command(data_inventory)


@main.command()
@_CONTENT
@_WORKFLOWS
def check(content_dir: Path, workflows_dir: Path) -> None:
    """Validate content and workflows; list every problem with its file and line."""
    from forms_service.workflow import inspect_workflows
    from forms_service.workflow.loader import workflow_files

    from .content import load_catalogue

    workflows, diagnostics = inspect_workflows(workflows_dir)
    # A file that fails to load still names a workflow: do not report it twice.
    known = set(workflows) | {path.stem for path in workflow_files(workflows_dir)}
    catalogue, problems = load_catalogue(content_dir, workflow_ids=known)
    for line in [*map(str, problems), *map(str, diagnostics)]:
        click.echo(line, err=True)
    errors = len(diagnostics) + sum(p.severity is Severity.ERROR for p in problems)
    warnings = len(problems) + len(diagnostics) - errors
    click.echo(
        f"{len(catalogue.services)} services, {len(catalogue.pages)} pages and "
        f"{len(workflows)} workflows checked: {errors} error(s), {warnings} warning(s)",
        err=bool(errors),
    )
    sys.exit(1 if errors else 0)


@main.command()
@_CONTENT
@click.option(
    "--out",
    type=click.Path(path_type=Path, file_okay=False),
    default="build/site",
    show_default=True,
    help="Folder to write the static site to (replaced).",
)
@click.option(
    "--base-url", help="Public address of the site, e.g. https://serveis.example/"
)
@click.option(
    "--watch",
    is_flag=True,
    help="Build again whenever the content or the workflows change (Ctrl+C stops).",
)
@_WORKFLOWS
def build(
    content_dir: Path,
    out: Path,
    base_url: str | None,
    watch: bool,
    workflows_dir: Path,
) -> None:
    """Validate the content and freeze the catalogue into static files.

    What the build reads and writes is kept in a cache beside the site (see
    `buildcache`), so that the next build writes only what changed.
    """
    from . import create_app
    from .buildcache import BuildCache, cache_folder_for
    from .freeze import BuildError, freeze
    from .watch import problems_of

    started = time.perf_counter()
    settings: dict[str, object] = {
        "CONTENT_DIR": str(content_dir),
        "WORKFLOWS_DIR": str(workflows_dir),
        "BUILD_CACHE": BuildCache(cache_folder_for(out), remembers=watch),
    }
    if base_url:
        settings.update(BASE_URL=base_url, FREEZER_BASE_URL=base_url)
    if watch:
        _watch(settings, out, content_dir, workflows_dir)
        return
    try:
        app = create_app(settings)
    except (ContentError, InvalidWorkflow) as error:
        for problem in problems_of(error):
            click.echo(str(problem), err=True)
        raise click.ClickException(
            "the content has errors: nothing was built"
        ) from error

    def progress(count: int) -> None:
        click.echo(f"  {count} files written…", err=True)

    try:
        report = freeze(app, out, progress)
    except BuildError as error:
        click.echo(str(error), err=True)
        raise click.ClickException("the build failed: fix the pages above") from error
    report = replace(report, seconds=time.perf_counter() - started)
    click.echo(f"{report} -> {out}")


def _watch(
    settings: dict[str, object], out: Path, content_dir: Path, workflows_dir: Path
) -> None:
    from .watch import Rebuilder, file_changes

    rebuilder = Rebuilder(settings, out, click.echo)
    try:
        rebuilder.watch(file_changes(content_dir, workflows_dir))
    except KeyboardInterrupt:
        if rebuilder.building:
            click.echo("stopped during a build: the next build writes what it missed")
            return
    click.echo("stopped")


@main.command()
@click.option(
    "--site",
    "site_dir",
    type=click.Path(path_type=Path, file_okay=False, exists=True),
    default="build/site",
    show_default=True,
    help="Built catalogue to serve at /.",
)
@click.option("--host", default="127.0.0.1", show_default=True)
@click.option("--port", default=8000, show_default=True, type=int)
def serve(site_dir: Path, host: str, port: int) -> None:
    """Serve the built catalogue at / and the forms service at /forms (development)."""
    from werkzeug.serving import run_simple

    from .devserver import create_dev_server

    base = f"http://{host}:{port}"
    try:
        application = create_dev_server(site_dir, base)
    except ConfigurationError as error:
        raise click.ClickException(str(error)) from error
    click.echo(f"Xarxa is running at {base}/  (forms: {base}/forms/, Ctrl+C stops it)")
    run_simple(host, port, application, threaded=True)
