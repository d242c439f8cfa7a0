"""How fast this machine runs Python right now, to compare timings across machines.

The workload builds, serialises, parses, sorts and formats small objects, as page
rendering does, without any of the project's code (whose own slowdown it must not
hide). The quick benchmark divides its timings by this one, measured in the same
run, so that a slower or busier machine does not look like a slower build. The
forms service's quick benchmark samples a smaller workload all through its load
test instead (`calibrating`), since what else runs during it matters too.
"""

from __future__ import annotations

import contextlib
import hashlib
import json
import multiprocessing
import statistics
import time
import timeit
from collections.abc import Iterator
from dataclasses import dataclass
from multiprocessing.connection import Connection
from multiprocessing.synchronize import Event as EventType


def _workload() -> None:
    items = [
        {"slug": f"servei-{i}", "title": f"Servei {i % 97}", "n": i}
        for i in range(40_000)
    ]
    text = json.dumps(items, ensure_ascii=False)
    parsed = json.loads(text)
    ordered = sorted(parsed, key=lambda item: (item["title"].casefold(), item["n"]))
    "".join(
        f'<li><a href="/ca/{item["slug"]}/">{item["title"]}</a></li>'
        for item in ordered
    )


def calibrate(repeat: int = 5) -> float:
    """Return the seconds of the fastest of *repeat* runs of the workload."""
    return min(timeit.repeat(_workload, number=1, repeat=repeat))


def _calibration_round() -> float:
    """Seconds a fixed pure-Python workload (about 10 ms) takes now."""
    document = {f"field{i}": [f"value {i} {j}" for j in range(12)] for i in range(60)}
    before = time.perf_counter()
    for _ in range(40):
        text = json.dumps(document, ensure_ascii=False, sort_keys=True)
        decoded = json.loads(text)
        hashlib.sha256(text.encode()).hexdigest()
        sorted(decoded.items(), key=lambda item: item[0][::-1])
    return time.perf_counter() - before


def _sample_cpu(stop: EventType, results: Connection) -> None:
    """Time a calibration round ten times a second until *stop* (another process)."""
    times = []
    while not stop.is_set():
        times.append(_calibration_round())
        stop.wait(0.1)
    results.send(times)
    results.close()


@dataclass
class Calibration:
    """How long the calibration round took while the benchmark ran (median)."""

    seconds: float = 0.0


@contextlib.contextmanager
def calibrating() -> Iterator[Calibration]:
    """Sample CPU speed in another process while the block runs.

    The benchmark is a closed loop (one client per worker), so its own demand
    for CPU is the same whatever a request costs; the samples therefore measure
    the machine and what else runs on it, which scales the recorded baseline.
    """
    context = multiprocessing.get_context("spawn")
    stop = context.Event()
    receiver, sender = context.Pipe(duplex=False)
    sampler = context.Process(target=_sample_cpu, args=(stop, sender), daemon=True)
    sampler.start()
    sender.close()
    calibration = Calibration()
    try:
        yield calibration
    finally:
        stop.set()
        times = receiver.recv() if receiver.poll(30) else []
        receiver.close()
        sampler.join(timeout=30)
    if not times:
        raise RuntimeError("the calibration process took no sample")
    calibration.seconds = statistics.median(times)
