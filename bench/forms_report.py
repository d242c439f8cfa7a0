"""The forms benchmark's results as Markdown: the table, the verdict on each
target of issue #8, and why a missed one is missed."""

from __future__ import annotations

import os
from collections.abc import Sequence
from typing import TYPE_CHECKING

from .load import percentile

if TYPE_CHECKING:
    from .forms import Measurement

#: Targets of issue #8 on the 2-core machine.
TARGET_P95_MS = 50.0
TARGET_FLATNESS = 1.5
TARGET_THROUGHPUT = 100.0
TARGET_RSS_MB = 80.0


HEADER = (
    "| workers | stored | submit p50 ms | submit p95 ms | submissions/s "
    "| server CPU ms/submission | decide p50 ms | decide p95 ms "
    "| RSS/worker MB | boot s | failed |\n"
    "|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|\n"
)


def row(point: Measurement) -> str:
    return (
        f"| {point.workers} | {point.stored:,} | {_ms(point.submit_ms, 0.5)} "
        f"| {_ms(point.submit_ms, 0.95)} | {point.throughput:.1f} "
        f"| {point.cpu_ms_per_flow:.0f} "
        f"| {_ms(point.decide_ms, 0.5)} | {_ms(point.decide_ms, 0.95)} "
        f"| {max(point.rss_mb):.0f} | {point.boot_seconds:.1f} | {point.failed} |"
    )


def _ms(values: Sequence[float], fraction: float) -> str:
    return f"{percentile(values, fraction):.1f}" if values else "–"


def failure_notes(points: Sequence[Measurement]) -> list[str]:
    """Say, for each point with failed flows, how many and how the first failed."""
    lines = []
    for point in points:
        error = point.first_failure
        if error is None:
            continue
        answer = f"; it began {error.body[:300]!r}" if error.body else ""
        lines.append(
            f"{point.workers} workers, {point.stored:,} stored: {point.failed} "
            f"flow(s) failed; the first: {error}{answer}"
        )
    return lines


def table(points: Sequence[Measurement]) -> str:
    """Return the measurements as a Markdown table."""
    return HEADER + "\n".join(row(point) for point in points) + "\n"


def verdicts(points: Sequence[Measurement]) -> list[str]:
    """Say, for each target of issue #8 that these points can judge, met or not."""
    lines = failure_notes(points)
    worst = max(point.submit(0.95) for point in points if point.submit_ms)
    lines.append(_verdict("submission p95", worst, TARGET_P95_MS, "ms"))
    for workers in sorted({point.workers for point in points}):
        by_size = {p.stored: p for p in points if p.workers == workers}
        if len(by_size) > 1:
            small, large = by_size[min(by_size)], by_size[max(by_size)]
            ratio = large.submit(0.95) / small.submit(0.95)
            what = f"p95 at {large.stored:,} / at {small.stored:,} ({workers} workers)"
            cpu = large.cpu_ms_per_flow / small.cpu_ms_per_flow
            lines.append(
                f"{_verdict(what, ratio, TARGET_FLATNESS, '×')}; "
                f"server CPU per submission ratio {cpu:.2f}×"
            )
    four = [point for point in points if point.workers == 4]
    if four:
        slowest = min(four, key=lambda point: point.throughput)
        met = "met" if slowest.throughput >= TARGET_THROUGHPUT else "missed"
        # The most the CPUs could do if nothing but the workers ran on them.
        ceiling = (os.cpu_count() or 1) * 1000 / slowest.cpu_ms_per_flow
        lines.append(
            f"throughput with 4 workers: {slowest.throughput:.1f}/s "
            f"(target ≥ {TARGET_THROUGHPUT:.0f}/s): {met}; the workers' CPU time "
            f"alone caps it at {ceiling:.0f}/s on {os.cpu_count()} CPUs"
        )
    rss = max(max(point.rss_mb) for point in points)
    lines.append(_verdict("RSS per worker", rss, TARGET_RSS_MB, "MB"))
    return lines


def why_missed(
    points: Sequence[Measurement], unsynced: Measurement | None = None
) -> str:
    """Explain a missed throughput or p95 target, and what would close it;
    *unsynced* is the run `without_fsync`, which weighs the disk's share."""
    four = [point for point in points if point.workers == 4] or list(points)
    slowest = min(four, key=lambda point: point.throughput)
    worst = max(point.submit(0.95) for point in points if point.submit_ms)
    if slowest.throughput >= TARGET_THROUGHPUT and worst <= TARGET_P95_MS:
        return ""
    cores = os.cpu_count() or 1
    disk = ""
    if unsynced is not None:
        same = next(
            (p for p in four if (p.workers, p.stored) == (4, unsynced.stored)), slowest
        )
        disk = (
            f"The same run of 4 workers on {unsynced.stored:,} stored submissions, "
            "with the store's fsyncs made to do nothing in the workers (a hook of "
            "this benchmark, not a setting), did "
            f"{unsynced.throughput:.1f} referrals a second at "
            f"{unsynced.cpu_ms_per_flow:.0f} ms of processor time each, against "
            f"{same.throughput:.1f} and {same.cpu_ms_per_flow:.0f} with them: on "
            "this machine's disk, making every acknowledged write durable costs "
            f"{1 - same.throughput / unsynced.throughput:.0%} of the rate. "
        )
    return (
        "**Why the forms service misses, and what would close it.** A submission "
        "is a whole browser flow of five requests, and the workers spend "
        f"{slowest.cpu_ms_per_flow:.0f} ms of processor time on one: {cores} cores "
        f"can serve at most {cores * 1000 / slowest.cpu_ms_per_flow:.0f} flows a "
        "second, less the load generator's share of the same cores and the "
        "kernel's work for the disk and the loopback network. Most of a flow is "
        "the send: it encrypts and durably writes (each file fsynced, and its "
        "folder) the submission, its index line, its approval-link records and "
        "three mails, and builds the mails with the standard library's email "
        f"package. {disk}With more workers than cores, a request also waits for a "
        "core, which is the p95. What would close it: more cores (workers share "
        "nothing but the disk, so the rate grows with them), a disk whose flushes "
        "cost less, and fewer durable files per referral (it still writes its "
        "draft twice, the submission, its index line, an approval link per "
        "approver, its outbox record and, here, one file per mail handed over)."
    )


def _verdict(what: str, value: float, limit: float, unit: str) -> str:
    met = "met" if value <= limit else f"missed by {value / limit:.2f}×"
    return f"{what}: {value:.1f} {unit} (target ≤ {limit:g} {unit}): {met}"
