"""schema.org descriptions of service pages: a WebPage about a GovernmentService.

`dateModified` belongs to the page, not to the service. Labels are rendered with
Flask-Babel, so these functions need an application context.
"""

from __future__ import annotations

from . import labels
from .content import ServiceVersion
from .identifiers import Json, compact, form_url, label_in, page_url, stable_id
from .schema import AccessRoute, Area, Organisation, OrganisationKind


def _organization_ld(org: Organisation) -> Json:
    public = org.kind is not OrganisationKind.ENTITY
    found: Json = {"@type": "GovernmentOrganization" if public else "Organization"}
    found |= {"name": org.name} | ({"url": str(org.url)} if org.url else {})
    if org.unit:
        found["department"] = {"@type": "Organization", "name": org.unit}
    return found


def _channel(
    route: AccessRoute, text_lang: str, target: str | None, languages: list[str]
) -> Json:
    return compact(
        {
            "@type": "ServiceChannel",
            "name": label_in(text_lang, labels.ROUTE[route.kind]),
            "description": route.who,
            "serviceUrl": target,
            "processingTime": route.response_time,
            "availableLanguage": languages or None,
        }
    )


def json_ld(
    version: ServiceVersion, base_url: str, forms_url: str, lang: str | None = None
) -> Json:
    """Describe a service page as a schema.org WebPage about a GovernmentService.

    :param lang: the page's language, when it shows an untranslated *version*.
    """
    matter, text_lang = version.matter, version.language
    lang = lang or text_lang
    url = page_url(base_url, lang, matter.slug)
    provider = None
    if matter.promoter is not None:
        provider = _organization_ld(matter.promoter)
    if provider is not None and matter.contacts:
        provider["contactPoint"] = [
            {"@type": "ContactPoint"}
            | compact({"name": c.name, "telephone": c.phone, "email": c.email})
            for c in matter.contacts
        ]
    targets = [
        route.workflow and form_url(forms_url, lang, route.workflow)
        for route in matter.access_routes
    ]
    service = {
        "@type": "GovernmentService",
        "@id": f"{url}#service",
        "identifier": stable_id("service", matter.slug),
        "name": matter.title,
        "alternateName": matter.alternate_name,
        "description": matter.summary,
        "url": url,
        "provider": provider,
        "serviceOperator": matter.operator and _organization_ld(matter.operator),
        "areaServed": [
            {"@type": "AdministrativeArea", "name": area.name, "identifier": _ine(area)}
            for area in matter.area_served
        ],
        "audience": [
            {
                "@type": "Audience",
                "audienceType": label_in(text_lang, labels.AUDIENCE[a]),
            }
            for a in matter.audiences
        ],
        "category": [label_in(text_lang, labels.TOPIC[t]) for t in matter.topics],
        "availableChannel": [
            _channel(route, text_lang, target, matter.languages)
            for route, target in zip(matter.access_routes, targets, strict=True)
        ],
        "potentialAction": [
            {
                "@type": "ApplyAction",
                "name": label_in(text_lang, labels.START[route.kind]),
                "target": {"@type": "EntryPoint", "urlTemplate": target},
            }
            for route, target in zip(matter.access_routes, targets, strict=True)
            if target
        ],
    }
    return {
        "@context": "https://schema.org",
        "@type": "WebPage",
        "@id": url,
        "url": url,
        "inLanguage": text_lang,
        "dateModified": matter.last_reviewed.isoformat(),
        "mainEntity": compact(service),
    }


def _ine(area: Area) -> Json:
    return {"@type": "PropertyValue", "propertyID": "INE", "value": area.ine_code}
