"""Run the benchmarks and write their results into README.md: `make bench`.

`python -m bench` runs every section and replaces the README's bench block;
`--quick` runs the small variant that CI checks (tests/bench/) and prints it;
`--record-baseline` saves that variant as the baseline CI compares with (the forms
service's quick load test has its own: `python -m bench.forms --record-baseline`).

Each section (the catalogue build, the forms service under load) is a function of
the options that returns Markdown; add another benchmark by appending its function
to `SECTIONS`.
"""

from __future__ import annotations

import argparse
import json
import tempfile
from collections.abc import Callable
from dataclasses import dataclass
from datetime import date
from pathlib import Path

from bench import catalogue, forms, quick
from bench.corpus import REPO
from bench.report import machine, write_block
from bench.weights import BUDGET_KB


@dataclass(frozen=True)
class Options:
    """What every section may read."""

    sizes: tuple[int, ...]


def catalogue_section(options: Options) -> str:
    """The catalogue build against Pelican, MkDocs and Hugo, rebuilds, page weights."""
    return catalogue.section(options.sizes)


def forms_section(options: Options) -> str:
    """The forms service under gunicorn: submission and decision latency."""
    return "### Forms service under gunicorn\n\n" + forms.section()


SECTIONS: list[Callable[[Options], str]] = [catalogue_section, forms_section]

COMMANDS = f"""\
`make bench` (that is, `.venv/bin/python -m bench`) measured the tables below and
wrote them here. Each build runs as a process of its own, as `xarxa build` does for a
user; its peak memory is the largest resident set of the process and its workers,
and its CPU time theirs together. The services come from `bench/corpus.py` (three
languages each, varied facts and facets, Markdown bodies of 2 to 15 KB). Pelican,
MkDocs and Hugo (the `bench` extra) build the same Markdown files, one after the
other: Pelican and MkDocs with their default themes, Hugo with the smallest layouts
that write every page and an empty cache; Pelican and Hugo write a listing per facet
value (MkDocs has no taxonomies, but puts the whole navigation on every page). How
each gets the corpus is in `bench/pelican.py`, `bench/mkdocs.py` and `bench/hugo.py`.
A build from scratch starts without the cache that `xarxa build` keeps beside the site
(`build/.cache/site/` for `build/site/`); a rebuild uses it and writes only the
files whose inputs changed. "Build" is the time `xarxa build` reports; "whole
command" adds Python's start-up and imports.

CI runs a quick variant (`tests/bench/test_quick_bench.py`, {quick.SERVICES} services
built in the test's process), which fails when a build takes {quick.SLOWER} times
longer than `bench/baseline.json` relative to a calibration loop run alongside (so a
slower machine does not fail it), or when a page outgrows {BUDGET_KB:.0f} KB; record
a new baseline with `.venv/bin/python -m bench --record-baseline`. It also runs a
quick load test (`tests/bench/test_quick_forms_bench.py`: 2 workers, 100 referrals),
which fails when the send's p50 or p95, or the workers' processor time per referral,
is {quick.SLOWER} times `bench/forms_baseline.json` relative to a calibration round
timed just before and after the load; record it with
`.venv/bin/python -m bench.forms --record-baseline`."""


def main(argv: list[str] | None = None) -> None:
    """Run the benchmarks the arguments ask for."""
    parser = argparse.ArgumentParser(prog="python -m bench", description=__doc__)
    parser.add_argument("--quick", action="store_true", help="print the quick variant")
    parser.add_argument(
        "--record-baseline", action="store_true", help="save the quick variant"
    )
    parser.add_argument(
        "--sizes",
        default=",".join(map(str, catalogue.SIZES)),
        help="numbers of services to build, comma-separated",
    )
    parser.add_argument(
        "--label", default="", help="a note on the run, e.g. 'development run'"
    )
    parser.add_argument("--no-readme", action="store_true", help="only print")
    arguments = parser.parse_args(argv)
    if arguments.quick or arguments.record_baseline:
        with tempfile.TemporaryDirectory(prefix="xarxa-quick-") as folder:
            numbers = quick.quick(Path(folder))
        print(json.dumps(numbers, indent=2))
        if arguments.record_baseline:
            recorded = {"recorded": date.today().isoformat(), "machine": machine("")}
            quick.BASELINE.write_text(
                json.dumps(recorded | numbers, indent=2) + "\n", encoding="utf-8"
            )
        return
    options = Options(tuple(int(size) for size in arguments.sizes.split(",")))
    parts = [machine(arguments.label), COMMANDS]
    parts += [section(options) for section in SECTIONS]
    text = "\n\n".join(parts)
    print(text)
    if not arguments.no_readme:
        write_block(REPO / "README.md", text)


if __name__ == "__main__":
    main()
