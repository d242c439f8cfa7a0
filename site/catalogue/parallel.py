"""Spread work over the processor's cores with forked worker processes.

Forked workers start with a copy of the parent's memory (shared until written), so
the loaded catalogue and app reach them without being serialised: only each item
and its result travel between processes. Small jobs run in the calling process.
"""

from __future__ import annotations

import gc
import multiprocessing
import os
import signal
from collections.abc import Callable, Iterator, Sequence
from typing import Any, TypeVar

T = TypeVar("T")
R = TypeVar("R")

# Fewer items than this are not worth starting processes for.
PARALLEL_MINIMUM = 200

# The function being mapped, inherited by the forked workers (it may be a closure,
# which could not be sent to them).
_job: Callable[[Any], Any] | None = None


def cores() -> int:
    """Return how many processors this process may run on."""
    if hasattr(os, "sched_getaffinity"):
        return len(os.sched_getaffinity(0))
    return os.cpu_count() or 1


def parallel_map(
    function: Callable[[T], R], items: Sequence[T], minimum: int | None = None
) -> Iterator[R]:
    """Yield `function(item)` for each of *items* in order, computed on every core.

    Results arrive as they are ready, so that the caller need not hold them all.

    :param minimum: run in this process below this many items (default
        `PARALLEL_MINIMUM`).
    """
    workers = min(cores(), len(items))
    if workers < 2 or len(items) < (PARALLEL_MINIMUM if minimum is None else minimum):
        yield from map(function, items)
        return
    global _job
    _job = function
    # What the workers inherit (the loaded catalogue, the app) lives as long as
    # they do: frozen, their garbage collections leave it alone, instead of
    # walking all of it again and again (and writing to its shared pages).
    gc.freeze()
    try:
        context = multiprocessing.get_context("fork")
        with context.Pool(workers, initializer=_leave_ctrl_c_to_the_parent) as pool:
            chunk = max(1, min(64, len(items) // (workers * 8)))
            yield from pool.imap(_run, items, chunksize=chunk)
    finally:
        gc.unfreeze()
        _job = None


def _run(item: Any) -> Any:
    assert _job is not None
    return _job(item)


def _leave_ctrl_c_to_the_parent() -> None:
    """Ignore Ctrl+C in a worker: the parent stops the pool (no worker tracebacks)."""
    signal.signal(signal.SIGINT, signal.SIG_IGN)
