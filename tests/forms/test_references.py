"""References stay unique when the year's counter comes back older or unreadable,
as it may after a power cut (it is written without fsync; submissions are not)."""

from __future__ import annotations

from pathlib import Path

from forms_service.retention import audit_record
from forms_service.services import Services
from tests.forms.conftest import FakeClock, referral_answers


def _submit(services: Services) -> str:
    submission = services.requests.submit(
        "connectat-referral", referral_answers(), "ca"
    )
    return submission.reference


def _counter(services: Services, clock: FakeClock) -> Path:
    return services.store.submissions.counters / f"{clock().year}.json"


def test_references_follow_one_another(services: Services, clock: FakeClock) -> None:
    year = clock().year
    assert [_submit(services) for _ in range(3)] == [
        f"XR-{year}-{n:06d}" for n in (1, 2, 3)
    ]


def test_an_older_counter_skips_the_references_already_stored(
    services: Services, clock: FakeClock
) -> None:
    first, second, third = (_submit(services) for _ in range(3))
    _counter(services, clock).write_text('{"last": 1}', encoding="utf-8")
    fourth = _submit(services)
    assert fourth == f"XR-{clock().year}-000004"
    store = services.store.submissions
    assert [store.get(r).reference for r in (first, second, third)] == [
        first, second, third,
    ]  # fmt: skip
    assert _submit(services) == f"XR-{clock().year}-000005"


def test_an_unreadable_counter_starts_from_the_highest_stored(
    services: Services, clock: FakeClock
) -> None:
    for _ in range(2):
        _submit(services)
    for damaged in (b"", b'{"last": ', b"[]", b'{"last": "x"}'):
        _counter(services, clock).write_bytes(damaged)
        reference = _submit(services)
        assert services.store.submissions.get(reference).reference == reference
    assert reference == f"XR-{clock().year}-000006"


def test_a_removed_submission_keeps_its_reference(
    services: Services, clock: FakeClock
) -> None:
    removed = _submit(services)
    store = services.store.submissions
    store.remove(removed, audit_record(store.get(removed), clock()))
    _counter(services, clock).unlink()
    assert _submit(services) == f"XR-{clock().year}-000002"
    assert store.audit_record(removed) is not None
