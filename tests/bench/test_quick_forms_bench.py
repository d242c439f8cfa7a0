"""The quick forms benchmark: no submission several times slower than the baseline.

Two gunicorn workers on 100 stored submissions take 100 referrals through the
whole browser flow, then 20 approvals. Every referral must be stored under its
own reference, and the send's p50 and p95 must stay within `FACTOR` times the
recorded baseline (`bench/forms_baseline.json`, `python -m bench.forms
--record-baseline`), scaled by a CPU calibration loop run here and now.
"""

from __future__ import annotations

import json
from pathlib import Path

from bench.forms import BASELINE, QUICK, Measurement, calibrating, measure
from bench.seed import seed
from forms_service.store import Cipher, Store
from forms_service.store.cipher import new_key

FACTOR = 4.0


def _run(tmp_path: Path) -> tuple[Measurement, Store]:
    key = new_key()
    data_dir = tmp_path / "data"
    (stored,), (workers,) = QUICK.stored, QUICK.workers
    seed(data_dir, stored, key)
    point = measure(data_dir, key, stored, workers, QUICK.submissions, QUICK.decisions)
    return point, Store(data_dir, Cipher([key]))


def test_quick_forms_benchmark(tmp_path: Path) -> None:
    baseline = json.loads(BASELINE.read_text(encoding="utf-8"))
    with calibrating() as calibration:
        point, store = _run(tmp_path)
    scale = calibration.seconds / baseline["calibration_seconds"]

    # Correctness: one new reference per referral, each stored with its answers.
    assert len(point.references) == QUICK.submissions
    assert len(set(point.references)) == QUICK.submissions
    for number, reference in enumerate(point.references, start=point.first_number):
        assert store.submissions.get(reference).answers["person_name"] == f"P{number}"
    assert len(point.decide_ms) == QUICK.decisions
    assert len(point.rss_mb) == QUICK.workers[0]

    # Speed: within FACTOR times the baseline, scaled to this machine and moment.
    report = (
        f"submit p50 {point.submit(0.5):.1f} ms, p95 {point.submit(0.95):.1f} ms; "
        f"baseline p50 {baseline['submit_p50_ms']} ms, p95 "
        f"{baseline['submit_p95_ms']} ms; CPU scale {scale:.2f}"
    )
    print(report)
    for name, fraction in (("p50", 0.5), ("p95", 0.95)):
        limit = FACTOR * baseline[f"submit_{name}_ms"] * scale
        assert point.submit(fraction) <= limit, f"submission {name} regressed: {report}"
