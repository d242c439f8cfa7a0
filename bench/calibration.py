"""How fast this machine runs Python right now, to compare timings across machines.

The workload builds, serialises, parses, sorts and formats small objects, as page
rendering does, without any of the project's code (whose own slowdown it must not
hide). The quick benchmark divides its timings by this one, measured in the same
run, so that a slower or busier machine does not look like a slower build. The
forms service's quick benchmark times a smaller workload just before and just
after its load test (`calibrating`).
"""

from __future__ import annotations

import contextlib
import hashlib
import json
import statistics
import time
import timeit
from collections.abc import Iterator
from dataclasses import dataclass


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


@dataclass
class Calibration:
    """How long the calibration round took just before and just after the
    benchmark (median)."""

    seconds: float = 0.0


@contextlib.contextmanager
def calibrating(rounds: int = 15) -> Iterator[Calibration]:
    """Time the calibration round *rounds* times just before and just after the
    block, while the machine does nothing else of the benchmark's.

    Sampling during the load test instead would let a regression hide itself:
    the closed loop's clients wait less for slower, busier workers, so the
    benchmark's own demand for CPU grows with what a request costs, and the
    samples slow down with it (a 45 ms busy loop added to each send raised
    such a scale from 1.0 to 1.8, and the test still passed).
    """
    before = [_calibration_round() for _ in range(rounds)]
    calibration = Calibration()
    yield calibration
    after = [_calibration_round() for _ in range(rounds)]
    calibration.seconds = statistics.median(before + after)
