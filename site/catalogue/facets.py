"""Ways to browse the catalogue: by audience, access route, area served and topic."""

from __future__ import annotations

from collections.abc import Callable, Iterator, Mapping
from dataclasses import dataclass
from enum import StrEnum
from typing import TypeVar

from flask_babel import LazyString, force_locale, lazy_gettext

from .content import Catalogue, ServiceVersion
from .labels import AUDIENCE, ROUTE, TOPIC
from .schema import DEFAULT_LANGUAGE, ServiceMatter

E = TypeVar("E", bound=StrEnum)


@dataclass(frozen=True)
class FacetValue:
    """One value of a facet, with its label and the services that have it."""

    key: str
    label: str
    services: tuple[ServiceVersion, ...]


@dataclass(frozen=True)
class Facet:
    """A facet: its URL segment, its title and how to read its values off a service."""

    name: str
    title: LazyString
    # Each value's key and label; a label to translate stays lazy, so that reading
    # keys alone costs no translation.
    values_of: Callable[[ServiceMatter], list[tuple[str, LazyString | str]]]

    def values(self, catalogue: Catalogue, language: str) -> list[FacetValue]:
        """Return every value present in the catalogue, with its services."""
        return catalogue.remember(
            ("facet", self.name, language), lambda: self._values(catalogue, language)
        )

    def value(self, catalogue: Catalogue, language: str, key: str) -> FacetValue | None:
        """Return the value *key* with its services, if the catalogue has it."""
        by_key = catalogue.remember(
            ("facet by key", self.name, language),
            lambda: {found.key: found for found in self.values(catalogue, language)},
        )
        return by_key.get(key)

    def _values(self, catalogue: Catalogue, language: str) -> list[FacetValue]:
        found: dict[str, tuple[str, list[ServiceVersion]]] = {}
        with force_locale(language):
            for version in catalogue.in_language(language):
                for key, label in self.values_of(version.matter):
                    if key not in found:
                        found[key] = (str(label), [])
                    found[key][1].append(version)
        return sorted(
            (
                FacetValue(key, label, tuple(items))
                for key, (label, items) in found.items()
            ),
            key=lambda value: value.label.casefold(),
        )


def _choices(labels: Mapping[E, LazyString]) -> dict[E, tuple[str, LazyString]]:
    """Return each value of a vocabulary with its key in addresses and its label
    (worked out once: the build reads them off every service several times)."""
    return {
        value: (value.value.replace("_", "-"), label) for value, label in labels.items()
    }


_AUDIENCES, _ROUTES, _TOPICS = _choices(AUDIENCE), _choices(ROUTE), _choices(TOPIC)

FACETS = {
    facet.name: facet
    for facet in (
        Facet(
            "audiences",
            lazy_gettext("Who it is for"),
            lambda m: [_AUDIENCES[a] for a in m.audiences],
        ),
        Facet(
            "routes",
            lazy_gettext("How to reach it"),
            lambda m: [_ROUTES[r.kind] for r in m.access_routes],
        ),
        Facet(
            "areas",
            lazy_gettext("Area served"),
            lambda m: [(area.ine_code, area.name) for area in m.area_served],
        ),
        Facet(
            "topics",
            lazy_gettext("Topics"),
            lambda m: [_TOPICS[t] for t in m.topics],
        ),
    )
}


def facet_keys(catalogue: Catalogue) -> Iterator[tuple[str, str]]:
    """Yield every (facet, value key) pair that has a page (same in every language)."""
    for name, facet in FACETS.items():
        seen: set[str] = set()
        for versions in catalogue.services.values():
            for key, _ in facet.values_of(versions[DEFAULT_LANGUAGE].matter):
                if key not in seen:
                    seen.add(key)
                    yield name, key
