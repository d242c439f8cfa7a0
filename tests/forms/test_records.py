"""Records written from dataclasses: the same JSON as `dataclasses.asdict` gives."""

from __future__ import annotations

import dataclasses
import json
from pathlib import Path

from forms_service.drafts import Draft
from forms_service.links import ApprovalLink
from forms_service.mail.outbox import OutgoingMail
from forms_service.store import Cipher, RecordFolder, fields_of
from forms_service.store.cipher import new_key


def _draft() -> Draft:
    return Draft(
        "d" * 22,
        "connectat-referral",
        values={"person_name": ["Pau Exemple"], "reason": ["family_crisis"]},
        files={"report": [{"id": "f" * 22, "name": "informe.pdf", "size": 1200}]},
        answers={"person_name": "Pau Exemple", "person_age": 15, "consent": True},
        updated_at="2026-12-02T10:00:00+01:00",
    )


def test_fields_of_gives_what_asdict_gives() -> None:
    link = ApprovalLink("XR-2026-000001", "1.0", "ana@council.example", "a", "b")
    mail = OutgoingMail("m" * 22, "ana@council.example", "Subject", "t", "h", "ca", "c")
    for record in (_draft(), link, mail):
        assert fields_of(record) == dataclasses.asdict(record)


def test_fields_of_shares_the_values_it_does_not_copy() -> None:
    draft = _draft()
    assert fields_of(draft)["values"] is draft.values


def test_a_draft_written_from_its_fields_reads_back_equal(tmp_path: Path) -> None:
    folder = RecordFolder(tmp_path / "drafts", Cipher([new_key()]))
    draft = _draft()
    folder.put(draft.id, fields_of(draft))
    stored = folder.get(draft.id)
    assert stored == json.loads(json.dumps(dataclasses.asdict(draft)))
    assert Draft(**stored) == draft
