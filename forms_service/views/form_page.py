"""The page of a request form, with a blank form's fields rendered once.

Rendering some thirty WTForms fields through the field macros is most of the
cost of the page. A form nobody has typed into, kept files in or been refused
renders the same for every visitor of a language (the CSRF token is outside
the fields), so each worker renders those fields once per form and language.
"""

from __future__ import annotations

from flask import current_app, render_template
from markupsafe import Markup

from ..forms import SpecForm
from ..i18n import current_language
from ..workflow import Workflow

#: Where an app keeps the blank fields: (form name, language) -> HTML.
BLANK_FIELDS = "xarxa.blank_fields"


def form_page(workflow: Workflow, form: SpecForm, blank: bool = False) -> str:
    """Return the form page; *blank* says that *form* is as nobody touched it."""
    if blank and not current_app.jinja_env.auto_reload:
        inputs = _blank_fields(workflow, form)
    else:
        inputs = _fields(form)
    return render_template(
        "submit/form.html", workflow=workflow, form=form, inputs=inputs
    )


def _fields(form: SpecForm) -> Markup:
    # The template escapes what it shows, so its output is safe HTML.
    return Markup(render_template("submit/_fields.html", form=form))


def _blank_fields(workflow: Workflow, form: SpecForm) -> Markup:
    cache: dict[tuple[str, str], Markup]
    cache = current_app.extensions.setdefault(BLANK_FIELDS, {})
    key = (workflow.form, current_language())
    if key not in cache:
        cache[key] = _fields(form)
    return cache[key]
