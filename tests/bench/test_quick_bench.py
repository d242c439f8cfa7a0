"""The quick benchmark: the build must not get several times slower, nor pages heavier.

Timings are divided by a calibration loop measured in the same run (see
`bench.calibration`), so a slower or busier machine than the one that recorded
`bench/baseline.json` (with `python -m bench --record-baseline`) does not fail.
"""

from __future__ import annotations

import json

import pytest

from bench.quick import BASELINE, SLOWER, quick
from bench.weights import BUDGET_KB


@pytest.fixture(scope="module")
def measured(tmp_path_factory: pytest.TempPathFactory) -> dict[str, float]:
    return quick(tmp_path_factory.mktemp("quick-bench"))


@pytest.mark.parametrize("timing", ["build_seconds", "rebuild_seconds"])
def test_build_is_not_several_times_slower(
    measured: dict[str, float], timing: str
) -> None:
    baseline = json.loads(BASELINE.read_text(encoding="utf-8"))
    now = measured[timing] / measured["calibration_seconds"]
    then = baseline[timing] / baseline["calibration_seconds"]
    assert now <= SLOWER * then, (
        f"{timing}: {measured[timing]:.2f} s is {now / then:.1f} times the baseline "
        f"({baseline[timing]:.2f} s), relative to the calibration loop"
    )


@pytest.mark.parametrize("page", ["service_page_kb", "heaviest_page_kb"])
def test_pages_fit_their_weight_budget(measured: dict[str, float], page: str) -> None:
    assert measured[page] <= BUDGET_KB, f"{page}: {measured[page]:.1f} KB gzip"
