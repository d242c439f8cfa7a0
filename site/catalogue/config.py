"""Settings of the static catalogue: one table of defaults with a help text each.

Values come from these defaults, then a mapping given to `create_app`, then the
environment (`XARXA_` prefix, e.g. `XARXA_FORMS_URL`).
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any


@dataclass(frozen=True)
class Setting:
    name: str
    default: Any
    help: str


SETTINGS = (
    Setting("CONTENT_DIR", "content", "Folder holding services/<slug>.<lang>.md."),
    Setting("WORKFLOWS_DIR", "workflows", "Folder holding the workflow YAML files."),
    Setting(
        "FORMS_URL",
        "http://127.0.0.1:8000/forms",
        "Base URL of the forms service that the catalogue's action links point to.",
    ),
    Setting(
        "BASE_URL",
        "http://127.0.0.1:8000/",
        "Public address of the built catalogue (sitemap, feed, canonical links).",
    ),
    Setting("BUILD_DIR", "build/site", "Where `xarxa build` writes the static site."),
)


def defaults() -> dict[str, Any]:
    """Return every setting's default value."""
    return {setting.name: setting.default for setting in SETTINGS}
