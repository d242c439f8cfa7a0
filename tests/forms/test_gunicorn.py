"""gunicorn with 4 workers under concurrent submissions, through HTTP with CSRF.

Every acknowledged submission is stored, references are unique and every
file of the store is whole.
"""

from __future__ import annotations

import http.client
import http.cookiejar
import os
import re
import signal
import subprocess
import sys
import time
import urllib.parse
import urllib.request
from collections.abc import Iterator
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

import pytest

from tests.conftest import REPO
from tests.forms.conftest import (
    TEST_DATA_KEY,
    free_port,
    open_store,
    read_store_file,
)
from tests.forms.submit_support import referral_form

SUBMISSIONS = 40
WORKERS = 4


@pytest.fixture
def gunicorn_pid(server: tuple[str, Path], request: pytest.FixtureRequest) -> int:
    """The pid of the gunicorn master of the `server` fixture."""
    pid: int = request.node.stash[MASTER]
    return pid


MASTER = pytest.StashKey[int]()


@pytest.fixture
def server(
    tmp_path: Path, request: pytest.FixtureRequest
) -> Iterator[tuple[str, Path]]:
    data_dir = tmp_path / "data"
    port = free_port()
    environment = {
        **os.environ,
        "XARXA_SECRET_KEY": "gunicorn-test-secret",
        "XARXA_DATA_KEY": TEST_DATA_KEY,
        "XARXA_SUBMISSIONS_PER_HOUR": "0",  # one client address sends them all
        "XARXA_DATA_DIR": str(data_dir),
        "XARXA_WORKFLOWS_DIR": str(REPO / "workflows"),
        "XARXA_PUBLIC_URL": f"http://127.0.0.1:{port}",
    }
    gunicorn = Path(sys.executable).with_name("gunicorn")
    process = subprocess.Popen(
        [str(gunicorn), "--workers", str(WORKERS), "--bind", f"127.0.0.1:{port}",
         "forms_service:create_app()"],
        env=environment, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE,
    )  # fmt: skip
    base = f"http://127.0.0.1:{port}"
    request.node.stash[MASTER] = process.pid
    try:
        _wait_until_up(base, process)
        yield base, data_dir
    finally:
        process.terminate()
        process.wait(timeout=30)
        assert process.stderr is not None
        process.stderr.close()


def _wait_until_up(base: str, process: subprocess.Popen[bytes]) -> None:
    for _ in range(200):
        if process.poll() is not None:
            assert process.stderr is not None
            pytest.fail(f"gunicorn stopped: {process.stderr.read().decode()[-2000:]}")
        try:
            with urllib.request.urlopen(f"{base}/ca/", timeout=2) as response:
                response.read()
            return
        except OSError:
            time.sleep(0.1)
    pytest.fail("gunicorn did not answer on 127.0.0.1")


def _submit(base: str, number: int) -> str:
    """Fill and send one referral like a browser; return the reference shown."""
    opener = urllib.request.build_opener(
        urllib.request.HTTPCookieProcessor(http.cookiejar.CookieJar())
    )
    form_url = f"{base}/ca/connectat-referral/"
    page = opener.open(form_url).read().decode()
    fields = referral_form(person_name=f"P{number}")
    fields["csrf_token"] = _csrf(page)
    check = (
        opener.open(form_url, urllib.parse.urlencode(fields).encode()).read().decode()
    )
    sent = (
        opener.open(
            f"{base}/ca/connectat-referral/check",
            urllib.parse.urlencode({"csrf_token": _csrf(check)}).encode(),
        )
        .read()
        .decode()
    )
    found = re.search(r"XR-\d{4}-\d{6}", sent)
    assert found is not None, sent[:500]
    return found.group(0)


def _read(
    opener: urllib.request.OpenerDirector,
    url: str,
    fields: dict[str, str] | None = None,
) -> str:
    data = urllib.parse.urlencode(fields).encode() if fields is not None else None
    with opener.open(url, data) as response:
        return str(response.read().decode())


def _csrf(page: str) -> str:
    found = re.search(
        r'name="csrf_token" type="hidden" value="([^"]+)"', page
    ) or re.search(r'name="csrf_token" value="([^"]+)"', page)
    assert found is not None, page[:500]
    return found.group(1)


def test_four_workers_keep_every_submission(server: tuple[str, Path]) -> None:
    base, data_dir = server
    with ThreadPoolExecutor(max_workers=8) as pool:
        references = list(pool.map(lambda n: _submit(base, n), range(SUBMISSIONS)))
    assert len(set(references)) == SUBMISSIONS
    store = open_store(data_dir)
    names = {store.submissions.get(ref).answers["person_name"] for ref in references}
    assert names == {f"P{n}" for n in range(SUBMISSIONS)}
    assert len(store.submissions.index()) == SUBMISSIONS
    for path in (data_dir / "submissions").rglob("*.json"):
        read_store_file(path)
    # Mail may still be going out after the pages; the requests are all written.
    assert not list((data_dir / "submissions").rglob("*.xarxa-tmp"))


def _workers(master: int) -> list[int]:
    """Return the pids of the gunicorn master's worker processes."""
    pids = []
    for stat in Path("/proc").glob("[0-9]*/stat"):
        try:
            fields = stat.read_text().rsplit(")", 1)[1].split()
        except OSError:
            continue
        if int(fields[1]) == master:
            pids.append(int(stat.parent.name))
    return pids


def test_workers_killed_mid_burst_lose_no_acknowledged_submission(
    server: tuple[str, Path], gunicorn_pid: int
) -> None:
    base, data_dir = server
    acknowledged: list[str] = []

    def attempt(number: int) -> None:
        try:
            acknowledged.append(_submit(base, number))
        except (OSError, AssertionError, http.client.HTTPException):
            pass  # killed before answering: never acknowledged

    with ThreadPoolExecutor(max_workers=8) as pool:
        futures = [pool.submit(attempt, n) for n in range(SUBMISSIONS)]
        for victim_round in range(3):
            time.sleep(0.3 * (victim_round + 1))
            for pid in _workers(gunicorn_pid)[:2]:
                os.kill(pid, signal.SIGKILL)
        for future in futures:
            future.result()
    assert acknowledged, "no submission got through"
    store = open_store(data_dir)  # the store loads
    names = {store.submissions.get(ref).answers["person_name"] for ref in acknowledged}
    assert len(names) == len(acknowledged)
    for path in (data_dir / "submissions").rglob("*.json"):
        read_store_file(path)  # every stored file is whole
    assert store.submissions.rebuild_index() >= len(acknowledged)
