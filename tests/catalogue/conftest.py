"""Fixtures of the catalogue tests."""

from __future__ import annotations

import pytest

from catalogue import pagination, parallel


@pytest.fixture
def small_pages_and_many_processes(monkeypatch: pytest.MonkeyPatch) -> None:
    """Cut lists into pages of 4 and spread work over processes from 10 items, so
    that small sites page their lists and use processes as large ones do."""
    monkeypatch.setattr(pagination, "PAGE_SIZE", 4)
    monkeypatch.setattr(parallel, "PARALLEL_MINIMUM", 10)
