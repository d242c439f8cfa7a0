"""The schema of a service's front matter, aligned with Open Referral HSDS 3.0.

Every model forbids unknown keys, so a misspelt key is reported instead of being
silently ignored. Dates arrive as text (see `frontmatter`) and are parsed here, so an
impossible date is a schema error with a line, like any other.
"""

from __future__ import annotations

import calendar
import re
from dataclasses import dataclass
from datetime import date
from enum import StrEnum
from typing import Annotated, Any

from pydantic import (
    AfterValidator,
    BaseModel,
    BeforeValidator,
    ConfigDict,
    Field,
    HttpUrl,
    StringConstraints,
    model_validator,
)

LANGUAGES = ("ca", "es", "en")
DEFAULT_LANGUAGE = "ca"

Text = Annotated[str, StringConstraints(strip_whitespace=True, min_length=1)]
Slug = Annotated[
    str, StringConstraints(pattern=r"^[a-z0-9]+(-[a-z0-9]+)*$", max_length=60)
]
Email = Annotated[
    str,
    StringConstraints(
        strip_whitespace=True, pattern=r"^[^@\s]+@[^@\s]+\.[A-Za-z]{2,}$"
    ),
]
Phone = Annotated[
    str, StringConstraints(strip_whitespace=True, pattern=r"^\+?[0-9][0-9 ]{2,19}$")
]
IneCode = Annotated[
    str, StringConstraints(pattern=r"^[0-9]{2}([0-9]{3})?$")
]  # a province (2 digits) or a municipality (5 digits)
LanguageCode = Annotated[str, StringConstraints(pattern=r"^[a-z]{2,3}$")]
IsoDuration = Annotated[str, StringConstraints(pattern=r"^P([0-9]+[YMWD])+$")]


class Status(StrEnum):
    ACTIVE = "active"
    PILOT = "pilot"
    CLOSED = "closed"


class Audience(StrEnum):
    YOUNG_PEOPLE = "young_people"
    CHILDREN = "children"
    FAMILIES = "families"
    ADULTS = "adults"
    PEOPLE_AT_RISK = "people_at_risk"
    PROFESSIONALS = "professionals"
    LOCAL_ENTITIES = "local_entities"


class Topic(StrEnum):
    EMOTIONAL_SUPPORT = "emotional_support"
    FAMILY_SUPPORT = "family_support"
    YOUTH = "youth"
    ONLINE = "online"
    PROFESSIONAL_SUPPORT = "professional_support"
    COMMUNITY = "community"
    SOCIAL_INCLUSION = "social_inclusion"
    EMPLOYMENT = "employment"
    MEDIATION = "mediation"
    INNOVATION = "innovation"


class RouteKind(StrEnum):
    REFERRAL = "referral"
    APPLICATION = "application"
    DIRECT = "direct"


class OrganisationKind(StrEnum):
    AJUNTAMENT = "ajuntament"
    DIPUTACIO = "diputacio"
    CONSELL_COMARCAL = "consell_comarcal"
    MANCOMUNITAT = "mancomunitat"
    ENTITY = "entity"


@dataclass(frozen=True, order=True)
class PartialDate:
    """A date known to the year, month or day: `2021`, `2021-04`, `2021-04-15`."""

    year: int
    month: int | None = None
    day: int | None = None

    def __str__(self) -> str:
        parts = [f"{self.year:04d}"]
        parts += [f"{part:02d}" for part in (self.month, self.day) if part is not None]
        return "-".join(parts)


_PARTIAL_DATE = re.compile(r"^(\d{4})(?:-(\d{2})(?:-(\d{2}))?)?$")


def _parse_partial_date(value: Any) -> PartialDate:
    if isinstance(value, PartialDate):
        return value
    match = _PARTIAL_DATE.match(str(value)) if isinstance(value, (str, int)) else None
    if match is None:
        raise ValueError("write a date as YYYY, YYYY-MM or YYYY-MM-DD")
    year, month, day = (int(part) if part else None for part in match.groups())
    assert year is not None
    if month is not None and not 1 <= month <= 12:
        raise ValueError(f"month {month} does not exist")
    if day is not None and month is not None:
        last = calendar.monthrange(year, month)[1]
        if not 1 <= day <= last:
            raise ValueError(f"day {day} does not exist in {year:04d}-{month:02d}")
    return PartialDate(year, month, day)


Partial = Annotated[PartialDate, BeforeValidator(_parse_partial_date)]


def _unique(items: list[Any]) -> list[Any]:
    if len(set(items)) != len(items):
        raise ValueError("each value may appear only once")
    return items


class Strict(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True, str_strip_whitespace=True)


class Organisation(Strict):
    name: Text
    kind: OrganisationKind
    unit: Text | None = None
    url: HttpUrl | None = None


class Area(Strict):
    name: Text
    ine_code: IneCode


class AccessRoute(Strict):
    kind: RouteKind
    who: Text = Field(description="who may start this route")
    description: Text | None = None
    workflow: Slug | None = None
    response_time: IsoDuration | None = None
    channel: Text | None = None


class Contact(Strict):
    name: Text | None = None
    phone: Phone | None = None
    email: Email | None = None
    url: HttpUrl | None = None

    @model_validator(mode="after")
    def _has_a_way_to_reach(self) -> Contact:
        if self.phone is None and self.email is None and self.url is None:
            raise ValueError("a contact needs at least a phone, an email or a url")
        return self


class LegalReference(Strict):
    title: Text
    url: HttpUrl | None = None


class Document(Strict):
    title: Text
    code: Text | None = None
    url: HttpUrl | None = None


class Identifier(Strict):
    scheme: Text
    value: Text


class QualityCommitment(Strict):
    statement: Text
    if_missed: Text | None = None


class RelatedProject(Strict):
    title: Text
    description: Text | None = None
    url: HttpUrl | None = None


class ApplicationWindow(Strict):
    call: Text | None = None
    opens: date
    closes: date

    @model_validator(mode="after")
    def _closes_after_opening(self) -> ApplicationWindow:
        if self.closes < self.opens:
            raise ValueError("the window closes before it opens")
        return self


Summary = Annotated[
    str, StringConstraints(strip_whitespace=True, min_length=20, max_length=320)
]


class DocumentMatter(Strict):
    """Front matter every document has, a service or a page."""

    slug: Slug
    title: Text
    summary: Summary
    last_reviewed: date


class PageMatter(DocumentMatter):
    """Front matter of an information page (accessibility, privacy…)."""


class ServiceMatter(DocumentMatter):
    """Front matter of one language version of a service."""

    alternate_name: Text | None = None
    status: Status
    promoter: Organisation | None = None
    operator: Organisation | None = None
    area_served: list[Area] = Field(default_factory=list)
    audiences: Annotated[list[Audience], Field(min_length=1), AfterValidator(_unique)]
    topics: Annotated[list[Topic], Field(min_length=1), AfterValidator(_unique)]
    access_routes: Annotated[list[AccessRoute], Field(min_length=1)]
    start_date: Partial | None = None
    identifiers: list[Identifier] = Field(default_factory=list)
    contacts: list[Contact] = Field(default_factory=list)
    languages: Annotated[list[LanguageCode], AfterValidator(_unique)] = Field(
        default_factory=list
    )
    network: list[Text] = Field(default_factory=list)
    requirements: list[Text] = Field(default_factory=list)
    documents: list[Document] = Field(default_factory=list)
    quality_commitments: list[QualityCommitment] = Field(default_factory=list)
    legal_basis: list[LegalReference] = Field(default_factory=list)
    application_window: ApplicationWindow | None = None
    related_projects: list[RelatedProject] = Field(default_factory=list)

    @model_validator(mode="after")
    def _reviewed_after_start(self) -> ServiceMatter:
        start = self.start_date
        if start is not None and self.last_reviewed.year < start.year:
            raise ValueError("last_reviewed comes before start_date")
        return self


# Fields whose values do not depend on the language: every translation must agree
# with the Catalan version on them.
LANGUAGE_NEUTRAL_FIELDS = (
    "status",
    "audiences",
    "topics",
    "start_date",
    "area_served.ine_code",
    "access_routes.kind",
    "access_routes.workflow",
    "access_routes.response_time",
    "application_window.opens",
    "application_window.closes",
    "identifiers.value",
    "contacts.phone",
    "contacts.email",
    "languages",
)
