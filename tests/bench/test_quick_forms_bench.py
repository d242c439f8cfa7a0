"""The quick forms benchmark: no submission several times slower than the baseline.

Two gunicorn workers on 100 stored submissions take 100 referrals through the
whole browser flow, then 20 approvals. Every referral must be stored under its
own reference, and the send's p50 and p95 and the workers' processor time per
referral must stay within `SLOWER` times the recorded baseline
(`bench/forms_baseline.json`, `python -m bench.forms --record-baseline`), scaled by
a calibration round timed just before and just after the load test.
"""

from __future__ import annotations

import json
import os
from pathlib import Path

import pytest

from bench.calibration import calibrating
from bench.forms import (
    BASELINE,
    QUICK,
    WITHOUT_FSYNC,
    Measurement,
    _attempt,
    _went_through,
    measure,
)
from bench.forms_report import failure_notes, table, why_missed
from bench.load import Browser, FlowError
from bench.quick import SLOWER
from bench.seed import seed
from forms_service.store import Cipher, Store
from forms_service.store.cipher import new_key


def _run(tmp_path: Path, extra_config: str = "") -> tuple[Measurement, Store]:
    key = new_key()
    data_dir = tmp_path / "data"
    (stored,), (workers,) = QUICK.stored, QUICK.workers
    seed(data_dir, stored, key)
    point = measure(
        data_dir, key, stored, workers, QUICK.submissions, QUICK.decisions,
        extra_config,
    )  # fmt: skip
    return point, Store(data_dir, Cipher([key]))


def test_quick_forms_benchmark(tmp_path: Path) -> None:
    baseline = json.loads(BASELINE.read_text(encoding="utf-8"))
    with calibrating() as calibration:
        point, store = _run(tmp_path)
    scale = calibration.seconds / baseline["calibration_seconds"]

    # Correctness: one new reference per referral, each stored with its answers.
    assert point.failed == 0, point.first_failure
    assert len(point.references) == QUICK.submissions
    assert len(set(point.references.values())) == QUICK.submissions
    for number, reference in point.references.items():
        assert store.submissions.get(reference).answers["person_name"] == f"P{number}"
    assert len(point.decide_ms) == QUICK.decisions
    assert len(point.rss_mb) == QUICK.workers[0]

    # Speed: within SLOWER times the baseline, scaled to this machine and moment:
    # the send's latency, and the workers' processor time per referral (which a
    # slower disk does not change).
    report = (
        f"submit p50 {point.submit(0.5):.1f} ms, p95 {point.submit(0.95):.1f} ms, "
        f"server CPU {point.cpu_ms_per_flow:.1f} ms; baseline p50 "
        f"{baseline['submit_p50_ms']} ms, p95 {baseline['submit_p95_ms']} ms, "
        f"server CPU {baseline['cpu_ms_per_submission']} ms; CPU scale {scale:.2f}"
    )
    print(report)
    for name, fraction in (("p50", 0.5), ("p95", 0.95)):
        limit = SLOWER * baseline[f"submit_{name}_ms"] * scale
        assert point.submit(fraction) <= limit, f"submission {name} regressed: {report}"
    limit = SLOWER * baseline["cpu_ms_per_submission"] * scale
    assert point.cpu_ms_per_flow <= limit, f"server CPU regressed: {report}"


def _flaky(number: int) -> int:
    if number % 3 == 0:
        raise FlowError("form post: HTTP 400", 400, "<!doctype html>expired")
    if number == 4:
        raise ConnectionResetError("reset by peer")
    return number * 10


def test_failed_flows_are_counted_and_the_run_goes_on() -> None:
    failures: list[FlowError] = []
    results = [_attempt(_flaky)(number) for number in range(7)]
    assert _went_through(results, failures) == [10, 20, 50]
    assert [str(error) for error in failures] == [
        "form post: HTTP 400",
        "form post: HTTP 400",
        "ConnectionResetError: reset by peer",
        "form post: HTTP 400",
    ]
    point = Measurement(
        workers=4, stored=100_000, concurrency=4, submit_ms=[12.0, 14.0],
        seconds=1.0, cpu_ms_per_flow=20.0, decide_ms=[], rss_mb=[60.0],
        boot_seconds=1.0, references={1: "XR-2026-000001", 2: "XR-2026-000002"},
        failed=len(failures), first_failure=failures[0],
    )  # fmt: skip
    assert table([point]).splitlines()[-1].endswith("| – | – | 60 | 1.0 | 4 |")
    (note,) = failure_notes([point])
    assert note == (
        "4 workers, 100,000 stored: 4 flow(s) failed; the first: form post: "
        "HTTP 400; it began '<!doctype html>expired'"
    )


@pytest.mark.parametrize(
    ("header", "kept"),
    [
        ("session=.eJyrVkpOLCpJzEtX1970.Zz; HttpOnly; Path=/; SameSite=Lax", True),
        ("session=abc; Max-Age=3600; Path=/", True),
        ("session=; Expires=Thu, 01 Jan 1970 00:00:00 GMT; Max-Age=0; Path=/", False),
        ("session=abc; expires=Thu, 01 Jan 1970 00:00:00 GMT; Path=/", False),
        ("session=abc; max-age=0", False),
    ],
)
def test_the_browser_deletes_only_cookies_the_server_ends(
    header: str, kept: bool
) -> None:
    browser = Browser(port=1, address="10.0.0.1")
    browser.cookies["session"] = "old"
    browser._keep_cookie(header)
    assert ("session" in browser.cookies) is kept
    if kept:
        assert browser.cookies["session"] == header.split(";")[0].split("=", 1)[1]


def _point(per_second: float, p95_ms: float, cpu_ms: float) -> Measurement:
    submit_ms = [p95_ms] * int(per_second)
    return Measurement(
        workers=4, stored=100, concurrency=4, submit_ms=submit_ms, seconds=1.0,
        cpu_ms_per_flow=cpu_ms, decide_ms=[5.0], rss_mb=[60.0], boot_seconds=1.0,
        references={},
    )  # fmt: skip


def test_a_missed_target_is_explained_with_the_cpu_ceiling() -> None:
    text = why_missed([_point(40, 30.0, 25.0)])
    cores = os.cpu_count() or 1
    assert f"spend 25 ms of processor time on one: {cores} cores" in text
    assert f"at most {cores * 40} flows a second" in text
    assert "What would close it" in text
    assert why_missed([_point(20, 80.0, 10.0)]).startswith("**Why")


def test_the_run_without_fsync_weighs_the_disk() -> None:
    text = why_missed([_point(80, 30.0, 20.0)], _point(100, 20.0, 15.0))
    assert "did 100.0 referrals a second at 15 ms" in text
    assert "against 80.0 and 20 with them" in text
    assert "costs 20% of the rate" in text


def test_the_run_without_fsync_stores_every_referral(tmp_path: Path) -> None:
    point, store = _run(tmp_path, WITHOUT_FSYNC)
    assert point.failed == 0, point.first_failure
    assert len(point.references) == QUICK.submissions
    reference = next(iter(point.references.values()))
    assert store.submissions.get(reference).reference == reference


def test_met_targets_need_no_explanation() -> None:
    assert why_missed([_point(120, 30.0, 10.0)]) == ""
