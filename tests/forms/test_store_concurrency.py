"""Several processes submitting at once: every submission kept, references unique."""

from __future__ import annotations

import multiprocessing
from pathlib import Path

from tests.conftest import REPO
from tests.forms.conftest import (
    TEST_DATA_KEY,
    open_store,
    read_store_file,
    referral_answers,
)

PROCESSES = 4
PER_PROCESS = 15


def _submit_many(data_dir: str, worker: int) -> list[str]:
    from forms_service import create_app
    from forms_service.services import get_services

    app = create_app(
        {
            "TESTING": True,
            "DATA_KEY": TEST_DATA_KEY,
            "DATA_DIR": data_dir,
            "WORKFLOWS_DIR": str(REPO / "workflows"),
        }
    )
    references = []
    with app.app_context():
        requests = get_services().requests
        for number in range(PER_PROCESS):
            answers = referral_answers(person_name=f"W{worker}-{number}")
            references.append(
                requests.submit("connectat-referral", answers, "ca").reference
            )
    return references


def test_concurrent_processes_lose_nothing(tmp_path: Path) -> None:
    data_dir = tmp_path / "data"
    context = multiprocessing.get_context("spawn")
    with context.Pool(PROCESSES) as pool:
        results = pool.starmap(
            _submit_many, [(str(data_dir), w) for w in range(PROCESSES)]
        )
    references = [reference for batch in results for reference in batch]
    assert len(references) == len(set(references)) == PROCESSES * PER_PROCESS
    store = open_store(data_dir)
    stored = {
        store.submissions.get(reference).answers["person_name"]
        for reference in references
    }
    assert len(stored) == PROCESSES * PER_PROCESS
    assert sorted(entry.reference for entry in store.submissions.index()) == sorted(
        references
    )
    for path in (data_dir / "submissions").rglob("*.json"):
        read_store_file(path)  # every file is whole, encrypted, valid JSON
    assert not list(data_dir.rglob("*.xarxa-tmp"))


def test_reindex_recovers_a_lost_index(tmp_path: Path) -> None:
    references = _submit_many(str(tmp_path / "data"), 0)[:3]
    store = open_store(tmp_path / "data")
    store.submissions.index_path.write_text("", encoding="utf-8")  # as after a crash
    assert store.submissions.index() == []
    assert store.submissions.rebuild_index() == PER_PROCESS
    listed = {entry.reference for entry in store.submissions.index()}
    assert set(references) <= listed
    assert len(listed) == PER_PROCESS
