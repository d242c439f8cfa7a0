"""The forms service under load: gunicorn, and browsers made of `http.client`.

Each virtual browser keeps its own cookies and does what a person does: open the
referral form, post it, read the check page and press "Send" (then reads the
confirmation). Only the request that stores the referral is timed. Approvers
open the link of their email and press "Approve"; only that POST is timed.
Everything runs on 127.0.0.1 with the standard library only: `gunicorn()` starts
the service as deployed and `/proc` tells the workers' memory and CPU time.
"""

from __future__ import annotations

import contextlib
import email
import email.utils
import hashlib
import http.client
import math
import os
import re
import socket
import subprocess
import sys
import tempfile
import time
import urllib.parse
from collections.abc import Callable, Iterable, Iterator, Sequence
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass
from email import policy
from email.message import EmailMessage
from pathlib import Path
from typing import Any, TypeVar

T = TypeVar("T")

REPO = Path(__file__).resolve().parent.parent
BOOT_TIMEOUT_SECONDS = 300.0

WORKFLOW = "connectat-referral"
_CSRF = (
    re.compile(r'name="csrf_token" type="hidden" value="([^"]+)"'),
    re.compile(r'name="csrf_token" value="([^"]+)"'),
)
_REFERENCE = re.compile(r"XR-\d{4}-\d{6,}")
#: Where approvers open their links from (a documentation address).
APPROVER_ADDRESS = "192.0.2.10"
_DECIDE_LINK = re.compile(r"/decide/([A-Za-z0-9_-]{16,64})")


class FlowError(RuntimeError):
    """The service answered something a browser would not expect.

    `status` and `body` are those of the unexpected answer (0 and "" when the
    answer had the expected status but not the expected content).
    """

    def __init__(self, message: str, status: int = 0, body: str = "") -> None:
        super().__init__(message)
        self.status, self.body = status, body


@dataclass(frozen=True)
class Response:
    status: int
    location: str
    body: str


def referral_answers(number: int) -> dict[str, Any]:
    """Valid answers of the referral form, typed (example people only)."""
    return {
        "professional_name": "Anna Exemple",
        "professional_role": "Educadora social",
        "professional_organisation": "Institut Exemple",
        "professional_email": f"professional{number % 50}@escola.example",
        "professional_phone": "930 000 000",
        "person_name": f"S{number}",
        "person_age": 12 + number % 7,
        "person_municipality": "Olesa de Montserrat",
        "contact_channel": "phone",
        "is_minor": True,
        "guardian_name": "M. P.",
        "guardian_contact": "930 000 001",
        "reason": "family_crisis",
        "urgency": "normal",
        "description": "Situació familiar complexa des de fa uns mesos.",
        "consent": True,
    }


def referral_fields(number: int) -> dict[str, str]:
    """Return the referral form as a browser posts it (example people only)."""
    answers = {**referral_answers(number), "person_name": f"P{number}"}
    return {
        name: "y" if value is True else str(value) for name, value in answers.items()
    }


class Browser:
    """One visitor: a connection to 127.0.0.1 and a cookie jar.

    The connection is kept alive when the server allows it and reopened when
    it closes it (gunicorn's sync workers close after every response).
    """

    def __init__(self, port: int, address: str, timeout: float = 60.0) -> None:
        self.connection = http.client.HTTPConnection("127.0.0.1", port, timeout=timeout)
        self.cookies: dict[str, str] = {}
        # As a reverse proxy in front of the service would tell it (PROXY_HOPS=1).
        self.address = address

    def close(self) -> None:
        self.connection.close()

    def get(self, path: str) -> Response:
        return self._send("GET", path, None)

    def post(self, path: str, fields: dict[str, str]) -> Response:
        return self._send("POST", path, urllib.parse.urlencode(fields).encode())

    def _send(self, method: str, path: str, body: bytes | None) -> Response:
        headers = {"Connection": "keep-alive", "X-Forwarded-For": self.address}
        if self.cookies:
            headers["Cookie"] = "; ".join(f"{k}={v}" for k, v in self.cookies.items())
        if body is not None:
            headers["Content-Type"] = "application/x-www-form-urlencoded"
        self.connection.request(method, path, body, headers)
        response = self.connection.getresponse()
        text = response.read().decode("utf-8", "replace")
        for header in response.headers.get_all("Set-Cookie") or []:
            self._keep_cookie(header)
        location = urllib.parse.urlsplit(response.getheader("Location") or "").path
        return Response(response.status, location, text)

    def _keep_cookie(self, header: str) -> None:
        # Only the attributes say whether a cookie is deleted: a signed value
        # may well contain "1970" (1 in about 100,000 session cookies does).
        pair, *attributes = header.split(";")
        name, _, value = pair.partition("=")
        if not value.strip() or any(map(_expires_now, attributes)):
            self.cookies.pop(name.strip(), None)
        else:
            self.cookies[name.strip()] = value.strip()


def _expires_now(attribute: str) -> bool:
    """Say whether a Set-Cookie attribute ends the cookie (Max-Age=0, a past date)."""
    key, _, value = attribute.strip().partition("=")
    if key.lower() == "max-age":
        return int(value) <= 0
    if key.lower() == "expires":
        return email.utils.parsedate_to_datetime(value).timestamp() <= time.time()
    return False


def client_address(number: int) -> str:
    """A distinct client address per visitor (10.0.0.0/8), as a proxy forwards it."""
    return f"10.{number >> 16 & 255}.{number >> 8 & 255}.{number & 255}"


def csrf_token(page: str) -> str:
    """Return the CSRF token of the page's form."""
    for pattern in _CSRF:
        found = pattern.search(page)
        if found is not None:
            return found.group(1)
    raise FlowError("no CSRF token in the page", body=page)


def _expect(response: Response, status: int, what: str) -> Response:
    if response.status != status:
        message = f"{what}: HTTP {response.status}"
        raise FlowError(message, response.status, response.body)
    return response


@dataclass(frozen=True)
class Submitted:
    reference: str
    seconds: float


def submit_referral(port: int, number: int, lang: str = "ca") -> Submitted:
    """Send one referral like a browser; time only the POST that stores it."""
    browser = Browser(port, client_address(number))
    start = f"/{lang}/{WORKFLOW}/"
    try:
        form = _expect(browser.get(start), 200, "form")
        fields = {**referral_fields(number), "csrf_token": csrf_token(form.body)}
        posted = _expect(browser.post(start, fields), 302, "form post")
        check = _expect(browser.get(posted.location), 200, "check page")
        before = time.perf_counter()
        sent = browser.post(posted.location, {"csrf_token": csrf_token(check.body)})
        seconds = time.perf_counter() - before
        found = _REFERENCE.search(_expect(sent, 302, "send").location)
        if found is None:
            raise FlowError(f"no reference in the redirect to {sent.location!r}")
        confirmation = _expect(browser.get(sent.location), 200, "confirmation")
        if found.group(0) not in confirmation.body:
            raise FlowError("the confirmation page does not show the reference")
        return Submitted(found.group(0), seconds)
    finally:
        browser.close()


def decide(port: int, token: str, lang: str = "ca") -> float:
    """Open an approval link and approve; return the time of the POST only."""
    browser = Browser(port, APPROVER_ADDRESS)
    path = f"/{lang}/decide/{token}"
    try:
        page = _expect(browser.get(path), 200, "decision page")
        fields = {"csrf_token": csrf_token(page.body), "action": "approve"}
        before = time.perf_counter()
        decided = browser.post(path, {**fields, "comment": ""})
        seconds = time.perf_counter() - before
        _expect(decided, 302, "decision")
        _expect(browser.get(decided.location), 200, "decision recorded")
        return seconds
    finally:
        browser.close()


def decision_tokens(mail_dir: Path) -> dict[str, str]:
    """Return one approval token per reference, read from the `.eml` files."""
    tokens: dict[str, str] = {}
    for path in sorted(mail_dir.glob("*.eml")):
        message = email.message_from_bytes(path.read_bytes(), policy=policy.default)
        if not isinstance(message, EmailMessage):
            continue
        part = message.get_body(("plain",))
        text = str(part.get_content()) if part is not None else ""
        link = _DECIDE_LINK.search(text)
        reference = _REFERENCE.search(f"{message['Subject']} {text}")
        if link is not None and reference is not None:
            tokens.setdefault(reference.group(0), link.group(1))
    return tokens


def run_concurrently(
    task: Callable[[int], T], numbers: Iterable[int], concurrency: int
) -> tuple[list[T], float]:
    """Run *task* on every number with *concurrency* threads (a closed loop).

    Return the results in order and the wall-clock seconds it took.
    """
    before = time.perf_counter()
    with ThreadPoolExecutor(max_workers=concurrency) as pool:
        results = list(pool.map(task, numbers))
    return results, time.perf_counter() - before


def percentile(values: Sequence[float], fraction: float) -> float:
    """Return the *fraction* percentile (nearest rank) of *values*."""
    if not values:
        raise ValueError("no values")
    ordered = sorted(values)
    rank = max(1, math.ceil(fraction * len(ordered)))
    return ordered[min(rank, len(ordered)) - 1]


@dataclass
class Server:
    port: int
    process: subprocess.Popen[bytes]
    boot_seconds: float


def free_port() -> int:
    """Return a TCP port free on 127.0.0.1 now."""
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return int(probe.getsockname()[1])


def stop(process: subprocess.Popen[bytes], timeout: float) -> None:
    """Stop a server process: politely, then by force after *timeout* seconds."""
    process.terminate()
    try:
        process.wait(timeout=timeout)
    except subprocess.TimeoutExpired:
        process.kill()
        process.wait()


@contextlib.contextmanager
def gunicorn(
    data_dir: Path, data_key: str, workers: int, extra_config: str = ""
) -> Iterator[Server]:
    """Run the forms service under gunicorn on *data_dir*; stop it afterwards.

    *extra_config* is appended to gunicorn's configuration file (hooks for a
    profiler, for instance); a `post_worker_init` there must call `_ready(worker)`.
    """
    port = free_port()
    with tempfile.TemporaryDirectory(prefix="xarxa-gunicorn-") as scratch:
        ready = Path(scratch) / "ready"
        ready.mkdir()
        config = Path(scratch) / "gunicorn.conf.py"
        # A worker marks itself ready once the app is loaded (no --preload).
        config.write_text(
            "import pathlib\n\n\ndef _ready(worker):\n"
            f"    pathlib.Path({str(ready)!r}, str(worker.pid)).touch()\n\n\n"
            f"post_worker_init = _ready\n{extra_config}",
            encoding="utf-8",
        )
        environment = {
            **{k: v for k, v in os.environ.items() if not k.startswith("XARXA_")},
            "XARXA_ENV": "production",
            "XARXA_SECRET_KEY": hashlib.sha256(os.urandom(32)).hexdigest(),
            "XARXA_DATA_KEY": data_key,
            "XARXA_DATA_DIR": str(data_dir),
            "XARXA_WORKFLOWS_DIR": str(REPO / "workflows"),
            "XARXA_PUBLIC_URL": f"http://127.0.0.1:{port}",
            # Behind one reverse proxy, as deployed: each client has its address.
            "XARXA_PROXY_HOPS": "1",
        }
        log = (Path(scratch) / "gunicorn.log").open("wb")
        command = [
            str(Path(sys.executable).with_name("gunicorn")), "--config", str(config),
            "--workers", str(workers), "--bind", f"127.0.0.1:{port}",
            "forms_service:create_app()",
        ]  # fmt: skip
        before = time.perf_counter()
        process = subprocess.Popen(
            command, cwd=REPO, env=environment, stdout=log, stderr=subprocess.STDOUT
        )
        try:
            _wait_until_ready(process, ready, workers, log.name)
            yield Server(port, process, time.perf_counter() - before)
        finally:
            stop(process, timeout=30)
            log.close()


def _wait_until_ready(
    process: subprocess.Popen[bytes], ready: Path, workers: int, log: str
) -> None:
    deadline = time.monotonic() + BOOT_TIMEOUT_SECONDS
    while len(list(ready.iterdir())) < workers:
        if process.poll() is not None or time.monotonic() > deadline:
            tail = Path(log).read_text("utf-8", "replace")[-3000:]
            raise RuntimeError(f"gunicorn did not start {workers} workers:\n{tail}")
        time.sleep(0.05)


def worker_pids(master: int) -> list[int]:
    """Return the process ids of the children of *master* (gunicorn's workers)."""
    children = Path(f"/proc/{master}/task/{master}/children")
    if children.exists():
        return sorted(int(pid) for pid in children.read_text().split())
    return sorted(  # kernels without CONFIG_PROC_CHILDREN
        int(stat.parent.name)
        for stat in Path("/proc").glob("[0-9]*/stat")
        if _parent(stat) == master
    )


def worker_rss_mb(pids: Sequence[int]) -> list[float]:
    """Return the resident memory (VmRSS) of each process, in MB."""
    return [_rss_kb(pid) / 1024 for pid in pids]


def cpu_seconds(pids: Sequence[int]) -> float:
    """Return the CPU time (user and system) the processes have used so far."""
    total = 0
    for pid in pids:
        fields = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
        total += int(fields[11]) + int(fields[12])  # utime, stime
    return total / os.sysconf("SC_CLK_TCK")


def _parent(stat: Path) -> int:
    with contextlib.suppress(OSError):
        return int(stat.read_text().rsplit(")", 1)[1].split()[1])
    return -1


def _rss_kb(pid: int) -> float:
    for line in Path(f"/proc/{pid}/status").read_text().splitlines():
        if line.startswith("VmRSS:"):
            return float(line.split()[1])
    raise RuntimeError(f"no VmRSS for process {pid}")
