"""How fast this machine runs Python right now, to compare timings across machines.

The workload builds, serialises, parses, sorts and formats small objects, as page
rendering does, without any of the project's code (whose own slowdown it must not
hide). The quick benchmark divides its timings by this one, measured in the same
run, so that a slower or busier machine does not look like a slower build.
"""

from __future__ import annotations

import json
import timeit


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
