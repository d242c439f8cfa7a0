"""The listing's filters, read from the query string (a GET form changes nothing).

The listing and the CSV export share them, so an export holds exactly the
submissions the listing shows.
"""

from __future__ import annotations

from collections.abc import Sequence
from datetime import date, datetime

from flask_babel import lazy_gettext as _l
from werkzeug.datastructures import MultiDict
from wtforms import Form, SelectField, StringField, ValidationError
from wtforms.fields import Field
from wtforms.validators import Optional

from ...store import IndexEntry
from ...workflow import Workflow

PAGE_SIZE = 50
FILTERS = ("workflow", "state", "created_from", "created_to")


def _known(form: Form, field: Field) -> None:
    if field.data and field.data not in {value for value, _label in field.choices}:
        raise ValidationError(_l("Choose one of the options listed"))


def _iso_date(form: Form, field: Field) -> None:
    try:
        date.fromisoformat(field.data)
    except ValueError:
        raise ValidationError(
            _l("Enter a real date, like 2026-03-31 (year, month, day)")
        ) from None


class FilterForm(Form):
    """Service, state and a range of creation dates; every one optional."""

    workflow = SelectField(_l("Service"), validators=[_known], validate_choice=False)
    state = SelectField(_l("State"), validators=[_known], validate_choice=False)
    # Text inputs, not type=date: what was typed comes back as typed, even when
    # it is not a date, and every browser shows the same field.
    created_from = StringField(
        _l("Sent on or after"), validators=[Optional(), _iso_date]
    )
    created_to = StringField(
        _l("Sent on or before"), validators=[Optional(), _iso_date]
    )

    def validate_created_to(self, field: Field) -> None:
        if self.created_from.errors or not self.created_from.data or not field.data:
            return
        if date.fromisoformat(field.data) < date.fromisoformat(self.created_from.data):
            raise ValidationError(
                _l("The end date must be the same as or after the start date")
            )


def filter_form(
    args: MultiDict[str, str], workflows: Sequence[Workflow], lang: str
) -> FilterForm:
    """Build the form from the query string, with the administrator's choices."""
    form = FilterForm(args)
    form.workflow.choices = [("", _l("All services"))] + [
        (workflow.id, workflow.title.get(lang) or workflow.title["ca"])
        for workflow in workflows
    ]
    labels: dict[str, list[str]] = {}
    for workflow in workflows:
        for name, state in workflow.states.items():
            label = state.label.get(lang) or state.label["ca"]
            if label not in labels.setdefault(name, []):
                labels[name].append(label)
    form.state.choices = [("", _l("All states"))] + sorted(
        ((name, " / ".join(names)) for name, names in labels.items()),
        key=lambda choice: choice[1].casefold(),
    )
    return form


def selected(form: FilterForm) -> dict[str, str]:
    """Return the filters in use, for links that keep them (paging, export)."""
    return {name: form[name].data for name in FILTERS if form[name].data}


def apply_filters(
    entries: Sequence[IndexEntry], form: FilterForm, allowed: set[str]
) -> list[IndexEntry]:
    """Return the entries of *allowed* workflows that pass the (valid) filters."""
    start = _date(form.created_from.data)
    end = _date(form.created_to.data)
    return [
        entry
        for entry in entries
        if entry.workflow_id in allowed
        and form.workflow.data in ("", None, entry.workflow_id)
        and form.state.data in ("", None, entry.state)
        and (start is None or _created(entry) >= start)
        and (end is None or _created(entry) <= end)
    ]


def _date(value: str | None) -> date | None:
    return date.fromisoformat(value) if value else None


def _created(entry: IndexEntry) -> date:
    return datetime.fromisoformat(entry.created_at).date()
