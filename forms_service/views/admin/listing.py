"""The list of submissions an administrator may see, filtered and in pages."""

from __future__ import annotations

import re
from dataclasses import dataclass

from flask import g, render_template, request

from ...services import get_services
from ...store import IndexEntry
from ...workflow import Workflow
from .blueprint import bp
from .filters import PAGE_SIZE, FilterForm, apply_filters, filter_form, selected
from .scope import visible_workflows

_PAGE = re.compile(r"[1-9][0-9]{0,5}")


@dataclass(frozen=True)
class Row:
    """One line of the listing."""

    reference: str
    service: str
    state: str
    created: str
    updated: str


def matching_entries(lang: str) -> tuple[FilterForm, list[Workflow], list[IndexEntry]]:
    """Return the filter form, the visible workflows and the entries that match.

    With invalid filters, no entry matches (the form carries the errors).
    """
    services = get_services()
    workflows = visible_workflows(services.registry, g.admin)
    form = filter_form(request.args, workflows, lang)
    if not form.validate():
        return form, workflows, []
    allowed = {workflow.id for workflow in workflows}
    entries = apply_filters(services.store.submissions.index(), form, allowed)
    return form, workflows, entries


@bp.get("/")
def listing(lang: str) -> str:
    """List submissions with the filters of the query string, 50 a page."""
    form, workflows, entries = matching_entries(lang)
    pages = max(1, -(-len(entries) // PAGE_SIZE))
    page = _page_number(request.args.get("page", "1"))
    page_error = page is None or page > pages
    page = min(page or 1, pages)
    shown = entries[(page - 1) * PAGE_SIZE : page * PAGE_SIZE]
    titles = {workflow.id: workflow for workflow in workflows}
    return render_template(
        "admin/list.html",
        form=form,
        has_workflows=bool(workflows),
        rows=[_row(entry, titles[entry.workflow_id], lang) for entry in shown],
        total=len(entries),
        page=page,
        pages=pages,
        page_error=page_error,
        filters=selected(form) if not form.errors else {},
    )


def _page_number(value: str) -> int | None:
    return int(value) if _PAGE.fullmatch(value) else None


def _row(entry: IndexEntry, workflow: Workflow, lang: str) -> Row:
    state = workflow.states.get(entry.state)
    label = (state.label.get(lang) or state.label["ca"]) if state else entry.state
    return Row(
        entry.reference,
        workflow.title.get(lang) or workflow.title["ca"],
        label,
        entry.created_at,
        entry.updated_at,
    )
