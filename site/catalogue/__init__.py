"""The public static catalogue of social services (frozen with Frozen-Flask)."""

from __future__ import annotations

from datetime import date
from pathlib import Path
from typing import Any

from flask import Flask
from flask_frozen import Freezer
from jinja2 import FileSystemBytecodeCache

from forms_service.workflow import Workflow, load_workflows

from .buildcache import BuildCache, statuses_under
from .config import defaults
from .content import load_catalogue
from .identifiers import TEXTS_IN_LANGUAGE
from .problems import ContentError, Severity


def create_app(config: dict[str, Any] | None = None) -> Flask:
    """Create the catalogue app.

    A `BUILD_CACHE` (a `buildcache.BuildCache`) in *config* lets the app reuse what
    an earlier build read of unchanged content files, and keeps the rendered bodies
    there instead of in memory.

    :raises ContentError: the content has errors.
    :raises InvalidWorkflow: a workflow file has errors.
    """
    app = Flask(__name__)
    app.config.update(defaults())
    app.config.update(
        FREEZER_REDIRECT_POLICY="error",
        FREEZER_IGNORE_404_NOT_FOUND=False,
        FREEZER_REMOVE_EXTRA_FILES=True,
        BABEL_DEFAULT_LOCALE="ca",
        BUILD_DATE=date.today(),
    )
    if config:
        app.config.update(config)
    app.config.from_prefixed_env("XARXA")
    # Frozen-Flask's settings, with their defaults, from the start: a build
    # fingerprints the settings before it creates a freezer (see `plan`).
    Freezer(app, with_static_files=False, with_no_argument_rules=False)
    app.jinja_env.trim_blocks = True
    app.jinja_env.lstrip_blocks = True
    cache: BuildCache | None = app.config.get("BUILD_CACHE")
    if cache is not None:
        # Compiling the templates costs a build a tenth of a second, once a process.
        app.jinja_env.bytecode_cache = FileSystemBytecodeCache(str(cache.templates))
    load_content(app)

    from . import browse, data_views, feeds, formatting, i18n, pagination, views
    from .urls import cached_url_for

    app.jinja_env.globals["url_for"] = cached_url_for
    i18n.init_app(app)
    formatting.init_app(app)
    pagination.init_app(app)
    app.register_blueprint(views.bp)
    app.register_blueprint(browse.bp)
    app.register_blueprint(feeds.bp)
    app.register_blueprint(data_views.bp)
    return app


def load_content(app: Flask) -> None:
    """Load the workflows and the content into *app*, in place of what it had.

    A process that builds again (`xarxa build --watch`) keeps its app and loads
    only the content again; on an error the app keeps what it had.

    :raises ContentError: the content has errors.
    :raises InvalidWorkflow: a workflow file has errors.
    """
    cache: BuildCache | None = app.config.get("BUILD_CACHE")
    workflows = _workflows(Path(app.config["WORKFLOWS_DIR"]), cache)
    catalogue, problems = load_catalogue(
        Path(app.config["CONTENT_DIR"]), workflows, cache
    )
    if any(problem.severity is Severity.ERROR for problem in problems):
        raise ContentError(problems)
    app.extensions["xarxa_catalogue"] = catalogue
    app.extensions["xarxa_workflows"] = workflows
    # Texts remembered for the documents of the content it had (`identifiers`).
    app.extensions.pop(TEXTS_IN_LANGUAGE, None)


def _workflows(folder: Path, cache: BuildCache | None) -> dict[str, Workflow]:
    """Load the workflows; a process that builds again reloads them only when a
    file of theirs changed."""
    if cache is None or not cache.remembers:
        return load_workflows(folder)
    known = cache.reuse("workflows")
    return known.get(statuses_under(folder), load_workflows, folder)
