"""The forms service's benchmark: gunicorn on 127.0.0.1 under a load generator.

For each number of workers and of stored submissions: seed a data folder
(`bench.seed`), start gunicorn on it as in production (mail written to files),
send referrals through the whole browser flow (`bench.load`) and time the POST
that stores each one, then approve some of them from their emailed links and
time the POST of the decision, and finally read the resident memory of every
worker. `section()` returns the results as Markdown; run it alone with
`python -m bench.forms [--quick]`.
"""

from __future__ import annotations

import argparse
import http.client
import json
import os
import shutil
import statistics
import sys
import tempfile
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import TypeVar

from forms_service.store.cipher import new_key

from .calibration import calibrating
from .forms_report import failure_notes, row, table, verdicts, why_missed
from .load import (
    FlowError,
    Submitted,
    cpu_seconds,
    decide,
    decision_tokens,
    gunicorn,
    percentile,
    run_concurrently,
    submit_referral,
    worker_pids,
    worker_rss_mb,
)
from .seed import seed

T = TypeVar("T")
BASELINE = Path(__file__).with_name("forms_baseline.json")


@dataclass(frozen=True)
class Plan:
    """What one benchmark run measures."""

    workers: tuple[int, ...]
    stored: tuple[int, ...]
    submissions: int
    decisions: int


FULL = Plan(
    workers=(2, 4), stored=(100, 10_000, 100_000), submissions=300, decisions=100
)
QUICK = Plan(workers=(2,), stored=(100,), submissions=100, decisions=20)


@dataclass(frozen=True)
class Measurement:
    """One point: *workers* gunicorn workers with *stored* submissions stored."""

    workers: int
    stored: int
    concurrency: int
    submit_ms: list[float]
    seconds: float
    #: CPU time the workers spent per referral (its five requests), in ms.
    cpu_ms_per_flow: float
    decide_ms: list[float]
    rss_mb: list[float]
    boot_seconds: float
    #: The stored reference of each referral that went through, by its number.
    references: dict[int, str] = field(repr=False)
    #: Flows (referrals and approvals) that did not go through, and the first
    #: one's error: the run goes on without them.
    failed: int = 0
    first_failure: FlowError | None = None

    @property
    def throughput(self) -> float:
        """Submissions stored per second (each one a whole five-request flow)."""
        return len(self.submit_ms) / self.seconds

    def submit(self, fraction: float) -> float:
        return percentile(self.submit_ms, fraction)

    def decision(self, fraction: float) -> float:
        return percentile(self.decide_ms, fraction)


#: A gunicorn hook that makes the store's fsyncs do nothing in the workers: not
#: a setting of the service, only this benchmark's way to weigh durability.
WITHOUT_FSYNC = (
    "def post_worker_init(worker):\n"
    "    import os\n\n"
    "    os.fsync = lambda descriptor: None\n"
    "    _ready(worker)\n"
)


def measure(
    data_dir: Path,
    data_key: str,
    stored: int,
    workers: int,
    submissions: int,
    decisions: int,
    extra_config: str = "",
) -> Measurement:
    """Load gunicorn on the seeded *data_dir*: *submissions* referrals, then
    *decisions* approvals (after a warm-up of both), with one client per worker.

    *extra_config* is added to gunicorn's configuration (`WITHOUT_FSYNC`)."""
    concurrency = workers
    warm_up = 2 * workers
    failures: list[FlowError] = []
    with gunicorn(data_dir, data_key, workers, extra_config) as server:
        port = server.port

        def referral(number: int) -> Submitted:
            return submit_referral(port, number)

        warm, _ = run_concurrently(_attempt(referral), range(warm_up), concurrency)
        numbers = range(warm_up, warm_up + submissions)
        pids = worker_pids(server.process.pid)
        cpu_before = cpu_seconds(pids)
        results, seconds = run_concurrently(_attempt(referral), numbers, concurrency)
        cpu = cpu_seconds(pids) - cpu_before
        warmed = _went_through(warm, failures)
        _went_through(results, failures)
        sent = zip(numbers, results, strict=True)
        done = {n: item for n, item in sent if isinstance(item, Submitted)}
        tokens = decision_tokens(data_dir / "mail")
        warm_tokens = [tokens[item.reference] for item in warmed]
        chosen = [tokens[item.reference] for item in list(done.values())[:decisions]]
        warm_decided, _ = run_concurrently(
            _attempt(lambda n: decide(port, warm_tokens[n])),
            range(len(warm_tokens)),
            concurrency,
        )
        decided, _ = run_concurrently(
            _attempt(lambda n: decide(port, chosen[n])), range(len(chosen)), concurrency
        )
        _went_through(warm_decided, failures)
        decide_seconds = _went_through(decided, failures)
        rss = worker_rss_mb(pids)
    return Measurement(
        workers=workers,
        stored=stored,
        concurrency=concurrency,
        submit_ms=[item.seconds * 1000 for item in done.values()],
        seconds=seconds,
        cpu_ms_per_flow=cpu * 1000 / submissions,
        decide_ms=[value * 1000 for value in decide_seconds],
        rss_mb=rss,
        boot_seconds=server.boot_seconds,
        references={number: item.reference for number, item in done.items()},
        failed=len(failures),
        first_failure=failures[0] if failures else None,
    )


def _attempt(task: Callable[[int], T]) -> Callable[[int], T | FlowError]:
    """Return *task*, answering with the error of a flow that fails (not raising)."""

    def attempt(number: int) -> T | FlowError:
        try:
            return task(number)
        except FlowError as error:
            return error
        except (OSError, http.client.HTTPException) as error:
            return FlowError(f"{type(error).__name__}: {error}")

    return attempt


def _went_through(
    results: Sequence[T | FlowError], failures: list[FlowError]
) -> list[T]:
    """Return the results of the flows that went through; add the rest to *failures*."""
    failures += [item for item in results if isinstance(item, FlowError)]
    return [item for item in results if not isinstance(item, FlowError)]


def run(plan: Plan, root: Path, progress: bool = False) -> list[Measurement]:
    """Measure every point of *plan*, seeding data folders under *root*."""
    results = []
    for stored in plan.stored:
        data_dir: Path | None = None
        key = new_key()
        added = 0
        for workers in plan.workers:
            # Seed again unless what the last run added is under 1% of the store.
            if data_dir is None or added > stored // 100:
                if data_dir is not None:
                    shutil.rmtree(data_dir)
                data_dir, added = root / f"data-{stored}", 0
                seeded = seed(data_dir, stored, key)
                _say(progress, f"seeded {stored} in {seeded.seconds:.1f} s")
            point = measure(
                data_dir, key, stored, workers, plan.submissions, plan.decisions
            )
            added += plan.submissions + 2 * workers
            _say(progress, "\n".join([row(point), *failure_notes([point])]))
            results.append(point)
        if data_dir is not None:
            shutil.rmtree(data_dir)
    return results


def without_fsync(plan: Plan, root: Path, progress: bool = False) -> Measurement:
    """Measure 4 workers on the smallest store of *plan* with `WITHOUT_FSYNC`."""
    key, stored = new_key(), min(plan.stored)
    seed(root / "data-without-fsync", stored, key)
    point = measure(
        root / "data-without-fsync", key, stored, 4, plan.submissions,
        plan.decisions, WITHOUT_FSYNC,
    )  # fmt: skip
    _say(progress, f"without fsync: {row(point)}")
    return point


def _say(enabled: bool, text: str) -> None:
    if enabled:
        print(text, file=sys.stderr, flush=True)


def section(quick: bool = False) -> str:
    """Run the benchmark (`QUICK` or `FULL`) and return it as Markdown."""
    plan = QUICK if quick else FULL
    unsynced = None
    with tempfile.TemporaryDirectory(prefix="xarxa-bench-forms-") as root:
        points = run(plan, Path(root), progress=True)
        if not quick:
            unsynced = without_fsync(plan, Path(root), progress=True)
    load = os.getloadavg()[0]
    notes = "\n".join(f"- {line}" for line in verdicts(points))
    if why := why_missed(points, unsynced):
        notes += f"\n\n{why}"
    return (
        f"{table(points)}\n"
        f"{plan.submissions} referrals per row, each the whole browser flow "
        "(form, post, check page, send, confirmation); only the send is timed. "
        f"Then {plan.decisions} approvals from emailed links (only the POST is "
        "timed). One client per worker, gunicorn sync workers on 127.0.0.1 "
        "behind no proxy but told each client's address (`PROXY_HOPS=1`), mail "
        "written to files; server CPU is the workers' user and system time per "
        "referral; failed counts the referrals and approvals that did not go "
        "through (the run goes on without them). "
        f"{os.cpu_count()} CPUs, load average {load:.1f} at the end"
        f"{_cpu_pressure()}.\n\n{notes}\n"
    )


def _cpu_pressure() -> str:
    """Say how often runnable tasks waited for a CPU in the last 5 minutes (PSI)."""
    try:
        line = Path("/proc/pressure/cpu").read_text().splitlines()[0]
    except (OSError, IndexError):
        return ""
    fields = dict(item.split("=") for item in line.split()[1:])
    share = fields.get("avg300", "?")
    return f", CPU pressure {share}% (time some task waited for a CPU, last 5 min)"


def record_baseline(path: Path = BASELINE, runs: int = 3) -> dict[str, float]:
    """Run the quick benchmark *runs* times and write the medians as the baseline."""
    rows: list[dict[str, float]] = []
    for _ in range(runs):
        with calibrating() as calibration:
            with tempfile.TemporaryDirectory(prefix="xarxa-bench-forms-") as root:
                (point,) = run(QUICK, Path(root))
        rows.append(
            {
                "calibration_seconds": calibration.seconds,
                "submit_p50_ms": point.submit(0.5),
                "submit_p95_ms": point.submit(0.95),
                "decide_p50_ms": point.decision(0.5),
                "decide_p95_ms": point.decision(0.95),
                "submissions_per_second": point.throughput,
                "cpu_ms_per_submission": point.cpu_ms_per_flow,
                "rss_mb": max(point.rss_mb),
            }
        )
    baseline = {
        name: round(statistics.median(row[name] for row in rows), 5) for name in rows[0]
    }
    baseline |= {"workers": QUICK.workers[0], "stored": QUICK.stored[0]}
    baseline |= {"submissions": QUICK.submissions, "runs": runs}
    path.write_text(json.dumps(baseline, indent=2) + "\n", encoding="utf-8")
    return baseline


def main(arguments: Sequence[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description=(__doc__ or "").splitlines()[0])
    parser.add_argument("--quick", action="store_true", help="small sizes only")
    parser.add_argument(
        "--record-baseline",
        action="store_true",
        help=f"run the quick variant and write {BASELINE.name}",
    )
    options = parser.parse_args(arguments)
    if options.record_baseline:
        print(json.dumps(record_baseline(), indent=2))
    else:
        print(section(quick=options.quick))


if __name__ == "__main__":
    main()
