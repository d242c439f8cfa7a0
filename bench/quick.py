"""The quick benchmark that CI runs (tests/bench/): a small synthetic catalogue built
in this process, with a calibration loop to compare machines."""

from __future__ import annotations

import time
from pathlib import Path

from bench.calibration import calibrate
from bench.corpus import REPO, edit_service, write_corpus
from bench.weights import page_weights

SERVICES = 30
BASELINE = Path(__file__).with_name("baseline.json")
SLOWER = 4  # how many times slower than the baseline fails, once calibrated


def quick(folder: Path) -> dict[str, float]:
    """Build the catalogue twice from scratch and once after an edit; weigh its pages.

    Timings come with `calibration_seconds`, measured in the same run, to divide
    them by; a build takes the faster of its two runs.
    """
    content = folder / "content"
    sources = write_corpus(content, SERVICES)
    calibration = calibrate()
    build = min(_build(content, folder / f"site-{n}" / "site") for n in range(2))
    edit_service(sources[0])
    rebuild = _build(content, folder / "site-0" / "site")
    weights = {w.kind: w.total_kb for w in page_weights(folder / "site-0" / "site")}
    return {
        "calibration_seconds": calibration,
        "build_seconds": build,
        "rebuild_seconds": rebuild,
        "heaviest_page_kb": max(weights.values()),
        "service_page_kb": weights["service"],
    }


def _build(content: Path, out: Path) -> float:
    """Build as `xarxa build` does (loading included), in this process."""
    from catalogue import create_app
    from catalogue.buildcache import BuildCache, cache_folder_for
    from catalogue.freeze import freeze

    started = time.perf_counter()
    cache = BuildCache(cache_folder_for(out))
    settings = {
        "CONTENT_DIR": str(content),
        "WORKFLOWS_DIR": str(REPO / "workflows"),
        "BUILD_CACHE": cache,
    }
    freeze(create_app(settings), out)
    return time.perf_counter() - started
