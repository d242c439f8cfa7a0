"""Old drafts, and the files only they hold, do not outlive their use."""

from __future__ import annotations

from datetime import timedelta

from forms_service.drafts import Draft, purge_drafts
from forms_service.services import Services
from tests.forms.conftest import FakeClock


def test_old_drafts_and_their_files_are_removed(
    services: Services, clock: FakeClock
) -> None:
    store = services.store
    blob = store.uploads.add(b"%PDF-1.4 report")
    old = Draft("draft-old-0001", "connectat-referral", values={"person_name": ["J"]})
    old.files = {"attachments": [{"blob": blob, "name": "r.pdf", "size": 15}]}
    old.updated_at = (clock.now - timedelta(days=8)).isoformat()
    recent = Draft("draft-new-0001", "connectat-referral", values={"x": ["y"]})
    recent.updated_at = (clock.now - timedelta(days=6)).isoformat()
    sent = Draft("draft-sent-001", "connectat-referral", sent="XR-2026-000001")
    sent.updated_at = (clock.now - timedelta(days=2)).isoformat()
    for draft in (old, recent, sent):
        store.drafts.put(draft.id, draft.__dict__)
    assert purge_drafts(store.drafts, store.uploads, clock.now) == 2
    assert sorted(store.drafts.ids()) == ["draft-new-0001"]
    assert not (store.uploads.root / f"{blob}.bin").exists()
