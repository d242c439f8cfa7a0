"""Translatable labels for the values of the content's controlled vocabularies."""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from flask_babel import LazyString, lazy_gettext

from .schema import Audience, RouteKind, Status, Topic

STATUS = {
    Status.ACTIVE: lazy_gettext("Active"),
    Status.PILOT: lazy_gettext("Pilot"),
    Status.CLOSED: lazy_gettext("Closed"),
}
AUDIENCE = {
    Audience.YOUNG_PEOPLE: lazy_gettext("Young people"),
    Audience.CHILDREN: lazy_gettext("Children"),
    Audience.FAMILIES: lazy_gettext("Families"),
    Audience.ADULTS: lazy_gettext("Adults"),
    Audience.PEOPLE_AT_RISK: lazy_gettext("People at risk of exclusion"),
    Audience.PROFESSIONALS: lazy_gettext("Professionals"),
    Audience.LOCAL_ENTITIES: lazy_gettext("Local entities"),
}
TOPIC = {
    Topic.EMOTIONAL_SUPPORT: lazy_gettext("Emotional support"),
    Topic.FAMILY_SUPPORT: lazy_gettext("Family support"),
    Topic.YOUTH: lazy_gettext("Youth"),
    Topic.ONLINE: lazy_gettext("Online"),
    Topic.PROFESSIONAL_SUPPORT: lazy_gettext("Support for professionals"),
    Topic.COMMUNITY: lazy_gettext("Community"),
    Topic.SOCIAL_INCLUSION: lazy_gettext("Social inclusion"),
    Topic.EMPLOYMENT: lazy_gettext("Employment"),
    Topic.MEDIATION: lazy_gettext("Mediation"),
    Topic.INNOVATION: lazy_gettext("Innovation"),
}
ROUTE = {
    RouteKind.REFERRAL: lazy_gettext("Referral by a professional"),
    RouteKind.APPLICATION: lazy_gettext("Application by a local entity"),
    RouteKind.DIRECT: lazy_gettext("Direct contact"),
}


START = {
    RouteKind.REFERRAL: lazy_gettext("Refer someone to this service"),
    RouteKind.APPLICATION: lazy_gettext("Apply for this service"),
    RouteKind.DIRECT: lazy_gettext("Contact the service"),
}


def all_labels() -> dict[str, Mapping[Any, LazyString]]:
    """Return the label tables for templates."""
    return {
        "status": STATUS,
        "audience": AUDIENCE,
        "topic": TOPIC,
        "route": ROUTE,
        "start": START,
    }
