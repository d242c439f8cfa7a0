"""The wording of every form field and choice (English msgids, translated later)."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass

from flask_babel import LazyString
from flask_babel import lazy_gettext as _l


@dataclass(frozen=True)
class FieldText:
    """Label, hint and messages of one field.

    ``section`` starts a new part of the form (an h2) before the field;
    ``conditional`` fields are needed only in some cases, which the hint says,
    so they are not marked "(optional)"; ``autocomplete`` is set only for data
    about the person filling the form in (WCAG 1.3.5).
    """

    label: LazyString
    hint: LazyString | None = None
    required: LazyString | None = None
    section: LazyString | None = None
    out_of_range: LazyString | None = None
    invalid_choice: LazyString | None = None
    conditional: bool = False
    autocomplete: str | None = None


_YOUR_EMAIL_HINT = _l("We send the confirmation and the decision to this address.")

FIELDS: Mapping[str, FieldText] = {
    # Referral: the referring professional
    "professional_name": FieldText(
        _l("Your full name"), required=_l("Enter your full name"),
        section=_l("About you"), autocomplete="name",
    ),
    "professional_role": FieldText(
        _l("Your job title"), _l("For example: social worker, teacher, nurse."),
        _l("Enter your job title"), autocomplete="organization-title",
    ),
    "professional_organisation": FieldText(
        _l("Your organisation"),
        _l("The school, health centre, service or entity you work for."),
        _l("Enter the name of your organisation"), autocomplete="organization",
    ),
    "professional_email": FieldText(
        _l("Your work email address"), _YOUR_EMAIL_HINT,
        _l("Enter your work email address"), autocomplete="email",
    ),
    "professional_phone": FieldText(_l("Your work phone number"), autocomplete="tel"),
    # Referral: the person referred, with as little data as the service needs
    "person_name": FieldText(
        _l("First name or initials of the person referred"),
        _l("Only the first name or the initials: the service does not need more."),
        _l("Enter the first name or the initials of the person referred"),
        section=_l("The person referred"),
    ),
    "person_age": FieldText(
        _l("Age"), _l("Give the age or the year of birth."), conditional=True
    ),
    "person_birth_year": FieldText(
        _l("Year of birth"), _l("For example, 2010."), conditional=True
    ),
    "person_municipality": FieldText(
        _l("Municipality where the person lives"),
        required=_l("Enter the municipality where the person lives"),
    ),
    "contact_channel": FieldText(
        _l("How should the service contact the person?"),
        required=_l("Choose how the service should contact the person"),
    ),
    "is_minor": FieldText(
        _l("The person is under 18"),
        _l("If so, give the contact of a parent or legal guardian below."),
    ),
    "guardian_name": FieldText(_l("Name of the parent or legal guardian")),
    "guardian_contact": FieldText(
        _l("Phone or email of the parent or legal guardian"),
        _l("Needed when the person is under 18."), conditional=True,
    ),
    # Referral: the reason
    "reason": FieldText(
        _l("Main reason for the referral"),
        required=_l("Choose the main reason for the referral"),
        section=_l("The reason for the referral"),
    ),
    "urgency": FieldText(
        _l("How urgent is it?"),
        _l("If someone is in danger now, call 112 instead of using this form."),
        _l("Choose how urgent the referral is"),
    ),
    "description": FieldText(
        _l("Describe the situation"),
        _l(
            "What the service needs to know to help: what is happening, since "
            "when, and what has been tried. Leave out details it does not need."
        ),
        _l("Describe the situation"),
    ),
    "consent": FieldText(
        _l(
            "I confirm that the person, or their parent or guardian if they are "
            "under 18, agreed to this referral and to sharing these data"
        ),
        required=_l("Confirm that consent to the referral was obtained"),
        section=_l("Consent and documents"),
    ),
    "attachments": FieldText(
        _l("Documents"), _l("Only if they help the service: reports, letters.")
    ),
    # Supervision application
    "entity_type": FieldText(
        _l("Type of entity"), required=_l("Choose the type of entity"),
        section=_l("The entity"),
        invalid_choice=_l(
            "Only an ajuntament, a consell comarcal or a mancomunitat can apply"
        ),
    ),
    "entity_name": FieldText(
        _l("Name of the entity"), required=_l("Enter the name of the entity")
    ),
    "entity_tax_id": FieldText(
        _l("Tax number (NIF) of the entity"),
        _l("A public entity's NIF: a letter, 7 digits and a letter, like P0800000B."),
        _l("Enter the tax number (NIF) of the entity"),
    ),
    "contact_name": FieldText(
        _l("Name of the contact person"),
        required=_l("Enter the name of the contact person"),
        section=_l("Contact person"), autocomplete="name",
    ),
    "contact_email": FieldText(
        _l("Contact email address"), _YOUR_EMAIL_HINT,
        _l("Enter the contact email address"), autocomplete="email",
    ),
    "contact_phone": FieldText(
        _l("Contact phone number"),
        required=_l("Enter the contact phone number"), autocomplete="tel",
    ),
    "modality": FieldText(
        _l("Modality of supervision"),
        required=_l("Choose the modality of supervision"),
        section=_l("The supervision requested"),
    ),
    "professionals": FieldText(
        _l("Number of professionals in the group"),
        _l("At least 8, or a smaller team that accepts being grouped."),
        _l("Enter the number of professionals in the group"),
    ),
    "accept_grouping": FieldText(
        _l("We accept being grouped with nearby municipalities"),
        _l("Needed when the group has fewer than 8 professionals."),
    ),
    "hours": FieldText(
        _l("Hours of supervision requested"), _l("From 1 to 18 hours."),
        _l("Enter the number of hours of supervision requested"),
        out_of_range=_l("Ask for 1 to 18 hours: the call allows 18 hours at most"),
    ),
    "technical_data": FieldText(
        _l("Technical-data form (C1-034)"),
        _l("The call's form C1-034, filled in and saved as a PDF."),
        _l("Attach the technical-data form C1-034 as a PDF"),
    ),
    "comments": FieldText(_l("Comments")),
    # Supervision evaluation
    "rating": FieldText(
        _l("How do you rate the supervisors' professional competence?"),
        _l("From 0 (very poor) to 10 (excellent)."),
        _l("Give a rating from 0 to 10"),
        out_of_range=_l("Give a rating from 0 to 10"),
    ),
    "evaluation_comments": FieldText(_l("Comments")),
    # Expression of interest
    "motivation": FieldText(
        _l("Why does the entity want the accompaniment?"),
        required=_l("Explain why the entity wants the accompaniment"),
    ),
    "has_expression_of_interest": FieldText(
        _l("The entity has a signed expression of interest"),
        _l("If so, attach it below; if not, explain why."),
        section=_l("Expression of interest"),
    ),
    "expression_of_interest_document": FieldText(
        _l("Expression of interest"), conditional=True
    ),
    "no_expression_reason": FieldText(
        _l("Why has the entity no expression of interest?"), conditional=True
    ),
}  # fmt: skip

#: Labels for people who read a request sent by someone else (approvers and
#: administrators), where the form's own label speaks to the sender ("Your …").
REVIEW_LABELS: Mapping[str, LazyString] = {
    "professional_name": _l("Name of the referring professional"),
    "professional_role": _l("Job title of the referring professional"),
    "professional_organisation": _l("Organisation of the referring professional"),
    "professional_email": _l("Email address of the referring professional"),
    "professional_phone": _l("Phone number of the referring professional"),
}

CHOICES: Mapping[str, Mapping[str, LazyString]] = {
    "contact_channel": {
        "phone": _l("By phone"),
        "email": _l("By email"),
        "video_call": _l("By video call"),
        "through_professional": _l("Through me, the referring professional"),
    },
    "reason": {
        "disorientation": _l("Academic, training or work disorientation"),
        "family_crisis": _l("Family crisis"),
        "peer_relationships": _l("Relationships with peers"),
        "addiction": _l("Addiction"),
        "eating": _l("Eating problems"),
        "self_esteem": _l("Self-esteem"),
        "other": _l("Other"),
    },
    "urgency": {
        "low": _l("Not urgent"),
        "normal": _l("Normal"),
        "high": _l("Urgent"),
    },
    "entity_type": {
        "ajuntament": _l("Ajuntament (town council)"),
        "consell_comarcal": _l("Consell comarcal (county council)"),
        "mancomunitat": _l("Mancomunitat (association of municipalities)"),
    },
    "modality": {
        "cases": _l("Supervision of cases"),
        "team": _l("Supervision of the team"),
    },
}
