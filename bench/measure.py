"""Run a command in a child process and measure it: wall-clock time, processor time
and peak memory (the largest resident set of the process or of any process it
started and waited for, as `wait4` reports it)."""

from __future__ import annotations

import os
import subprocess
import time
from dataclasses import dataclass
from pathlib import Path


@dataclass(frozen=True)
class Run:
    """What one command took and printed."""

    seconds: float
    cpu_seconds: float
    peak_mb: float
    output: str


def run(command: list[str], cwd: Path | None = None) -> Run:
    """Run *command* to its end and measure it.

    :raises RuntimeError: the command failed (its output is the message).
    """
    started = time.perf_counter()
    process = subprocess.Popen(
        command, cwd=cwd, stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True
    )
    assert process.stdout is not None
    output = process.stdout.read()
    process.stdout.close()
    _, status, usage = os.wait4(process.pid, 0)
    seconds = time.perf_counter() - started
    process.returncode = os.waitstatus_to_exitcode(status)
    if process.returncode != 0:
        raise RuntimeError(f"{' '.join(command)} failed:\n{output}")
    cpu = usage.ru_utime + usage.ru_stime
    return Run(seconds, cpu, usage.ru_maxrss / 1024, output)
