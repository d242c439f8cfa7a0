"""The mail policy: `email.policy.default`, with header work done once per process.

Making a message parses every header it sets (some twice, as parameters are
added) and folds every header it writes, and the standard header registry even
builds a new class for each header. Most headers are the same in every message
(From, MIME-Version, each part's Content-Type, ...), so here each header class
is built once, each recent (name, value) parsed once, and each header object
folded once per folding style. Header objects are immutable values, so sharing
one between messages changes no byte (tested against `policy.default`).
"""

from __future__ import annotations

from email import policy
from email.headerregistry import BaseHeader, HeaderRegistry
from email.policy import Policy
from functools import lru_cache
from typing import Any

#: How many distinct (name, value) pairs stay parsed; those repeated in every
#: message stay, those unique to one (Subject, Message-ID) pass through.
PARSED_HEADERS = 256

_FoldingStyle = tuple[str, int | None, bool]


class _FoldedOnce(BaseHeader):
    """A header that remembers how it folds for each folding style."""

    def init(self, *args: Any, **kw: Any) -> None:
        super().init(*args, **kw)
        self._folded: dict[_FoldingStyle, str] = {}

    def fold(self, *, policy: Policy) -> str:
        # What `BaseHeader.fold` reads of the policy, and nothing else.
        utf8 = bool(getattr(policy, "utf8", False))
        style = (policy.linesep, policy.max_line_length, utf8)
        folded = self._folded.get(style)
        if folded is None:
            folded = self._folded[style] = super().fold(policy=policy)
        return folded


class _HeaderClasses(HeaderRegistry):
    """The standard header registry, building each class once and caching values."""

    def __init__(self) -> None:
        super().__init__(base_class=_FoldedOnce)
        self._classes: dict[str, type[BaseHeader]] = {}
        self._parse = lru_cache(maxsize=PARSED_HEADERS)(super().__call__)

    def __getitem__(self, name: str) -> type[BaseHeader]:
        key = name.lower()
        if key not in self._classes:
            self._classes[key] = super().__getitem__(name)
        return self._classes[key]

    def __call__(self, name: str, value: Any) -> BaseHeader:
        if type(value) is not str:  # only plain text is known to be hashable
            return super().__call__(name, value)
        header: BaseHeader = self._parse(name, value)
        return header


#: `email.policy.default`, with the header work above.
MAIL_POLICY = policy.default.clone(header_factory=_HeaderClasses())
