"""Open Referral HSDS 3.0 `service` objects, their related objects nested.

HSDS texts come from the Catalan version; the other languages go in
`x_translations`. HSDS has no pilot state: `pilot` becomes `active` with an
`alert`; `closed` becomes `inactive`, not `defunct`, since the content does not say
the closure is for good; `x_status` keeps the original value. Labels are rendered
with Flask-Babel, so these functions need an application context.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from enum import StrEnum
from typing import Any

from babel import Locale

from . import labels
from .content import ServiceVersion
from .identifiers import (
    Json,
    compact,
    duration_in,
    form_url,
    label_in,
    page_url,
    stable_id,
    text_in,
)
from .schema import (
    DEFAULT_LANGUAGE,
    AccessRoute,
    Area,
    Contact,
    Document,
    Organisation,
    Status,
)

HSDS_STATUS = {
    Status.ACTIVE: "active",
    Status.PILOT: "active",
    Status.CLOSED: "inactive",
}


def _sentence(text: str) -> str:
    return text if text.endswith((".", "!", "?", ":")) else f"{text}."


def _route_text(route: AccessRoute, lang: str, forms_url: str) -> str:
    parts = [f"{label_in(lang, labels.ROUTE[route.kind])}: {_sentence(route.who)}"]
    if route.description:
        parts.append(_sentence(route.description))
    if route.channel:
        parts.append(f"{text_in(lang, 'Channel:')} {_sentence(route.channel)}")
    if route.response_time:
        time = duration_in(lang, route.response_time)
        expected = text_in(lang, "Expected response time: %(time)s", time=time)
        parts.append(_sentence(expected))
    if route.workflow:
        start = label_in(lang, labels.START[route.kind])
        parts.append(f"{start}: {form_url(forms_url, lang, route.workflow)}")
    return " ".join(parts)


def _texts(version: ServiceVersion, base_url: str, forms_url: str) -> Json:
    """Return the fields of a service whose value depends on the language."""
    matter, lang = version.matter, version.language
    audiences = ", ".join(label_in(lang, labels.AUDIENCE[a]) for a in matter.audiences)
    routes = [_route_text(route, lang, forms_url) for route in matter.access_routes]
    pilot = matter.status is Status.PILOT
    texts = {
        "name": matter.title,
        "alternate_name": matter.alternate_name,
        "description": matter.summary,
        "url": page_url(base_url, lang, matter.slug),
        "application_process": "\n".join(routes),
        "eligibility_description": " ".join(
            _sentence(text) for text in [audiences, *matter.requirements]
        ),
        "alert": label_in(lang, labels.STATUS[Status.PILOT]) if pilot else None,
    }
    return compact(texts)


def _attribute(
    owner: str, entity: str, vocabulary: str, code: str, names: Json
) -> Json:
    """Classify *owner* with the term *code* of *vocabulary*, named by language."""
    term = {
        "id": stable_id("taxonomy_term", vocabulary, code),
        "code": code,
        "name": names[DEFAULT_LANGUAGE],
        "description": names[DEFAULT_LANGUAGE],
        "taxonomy": "INE" if vocabulary == "ine" else f"xarxa:{vocabulary}",
        "x_translations": {
            lang: {"name": name}
            for lang, name in names.items()
            if lang != DEFAULT_LANGUAGE
        },
    }
    return {
        "id": stable_id(owner, "attribute", vocabulary, code),
        "link_id": owner,
        "link_type": vocabulary,
        "link_entity": entity,
        "taxonomy_term_id": term["id"],
        "taxonomy_term": term,
    }


def _attributes(versions: Mapping[str, ServiceVersion], sid: str) -> list[Json]:
    matter = versions[DEFAULT_LANGUAGE].matter
    vocabularies: tuple[tuple[str, Mapping[Any, Any], Sequence[StrEnum]], ...] = (
        ("audience", labels.AUDIENCE, matter.audiences),
        ("topic", labels.TOPIC, matter.topics),
        ("access_route", labels.ROUTE, [route.kind for route in matter.access_routes]),
    )
    attributes = []
    for vocabulary, table, values in vocabularies:
        for value in dict.fromkeys(values):
            names = {lang: label_in(lang, table[value]) for lang in versions}
            term = _attribute(sid, "service", vocabulary, value.value, names)
            attributes.append(term)
    return attributes


def _service_area(sid: str, area: Area) -> Json:
    area_id = stable_id(sid, "service_area", area.ine_code)
    names = {DEFAULT_LANGUAGE: area.name}
    ine = _attribute(area_id, "service_area", "ine", area.ine_code, names)
    return {"id": area_id, "service_id": sid, "name": area.name, "attributes": [ine]}


def _contact(sid: str, contact: Contact) -> Json:
    cid = stable_id(sid, "contact", contact.email or contact.phone or str(contact.url))
    phones = [
        {"id": stable_id(cid, "phone", number), "service_id": sid, "contact_id": cid}
        | {"number": number, "type": "voice"}
        for number in filter(None, [contact.phone])
    ]
    found = {"id": cid, "service_id": sid, "name": contact.name, "phones": phones}
    return compact(found | {"email": contact.email})


def _document(sid: str, document: Document) -> Json:
    key = document.code or document.title
    found = {"id": stable_id(sid, "required_document", key), "service_id": sid}
    code = f" ({document.code})" if document.code else ""
    found["document"] = f"{document.title}{code}"
    return found | ({"uri": str(document.url)} if document.url else {})


def _organization(org: Organisation) -> Json:
    found = {"id": stable_id("organization", org.name), "name": org.name}
    found["description"] = org.unit or org.name
    return found | ({"website": str(org.url)} if org.url else {})


def hsds_service(
    versions: Mapping[str, ServiceVersion], base_url: str, forms_url: str
) -> Json:
    """Build the HSDS 3.0 `service` of one service, its related objects nested."""
    matter = versions[DEFAULT_LANGUAGE].matter
    sid = stable_id("service", matter.slug)
    organization = matter.promoter and _organization(matter.promoter)
    emails = [contact.email for contact in matter.contacts if contact.email]
    contacts = [_contact(sid, contact) for contact in matter.contacts]
    language_names = Locale.parse(DEFAULT_LANGUAGE).languages
    service = {
        "id": sid,
        **_texts(versions[DEFAULT_LANGUAGE], base_url, forms_url),
        "status": HSDS_STATUS[matter.status],
        "email": emails[0] if emails else None,
        "assured_date": matter.last_reviewed.isoformat(),
        "organization_id": organization and organization["id"],
        "organization": organization,
        "service_areas": [_service_area(sid, area) for area in matter.area_served],
        "contacts": contacts,
        "phones": [phone for contact in contacts for phone in contact["phones"]],
        "languages": [
            {"id": stable_id(sid, "language", code), "service_id": sid, "code": code}
            | {"name": language_names.get(code, code)}
            for code in matter.languages
        ],
        "required_documents": [_document(sid, doc) for doc in matter.documents],
        "attributes": _attributes(versions, sid),
        "x_status": matter.status.value,
        "x_start_date": matter.start_date and str(matter.start_date),
        "x_translations": {
            lang: _texts(version, base_url, forms_url)
            for lang, version in versions.items()
            if lang != DEFAULT_LANGUAGE
        },
    }
    return compact(service)
