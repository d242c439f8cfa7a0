"""Xarxa as the README starts it, and a real SMTP server for the mail it sends.

`xarxa build` freezes the catalogue with `XARXA_FORMS_URL` pointing at the
server; `xarxa serve` then runs as a subprocess on a free port of 127.0.0.1, on
its own temporary store, sending mail over SMTP to an aiosmtpd server.
"""

from __future__ import annotations

import os
import re
import subprocess
import sys
import time
import urllib.error
import urllib.request
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from datetime import date, timedelta
from email.message import EmailMessage
from pathlib import Path
from typing import IO

from aiosmtpd.controller import Controller

from bench.load import stop
from tests.forms.conftest import SMTPRecorder, body_of, free_port
from tests.quality.pages import REPO

XARXA = Path(sys.executable).with_name("xarxa")
#: How long a server may take to answer its first request (a busy 2-core machine).
START_TIMEOUT = 60.0
#: How long a message may take to reach the SMTP server.
MAIL_TIMEOUT = 20.0


@dataclass(frozen=True)
class Mail:
    """A message that reached the SMTP server."""

    to: str
    subject: str
    text: str

    def link(self, kind: str) -> str:
        """The first link of *kind* (`status`, `decide`, `admin/sign-in`) it holds."""
        found = re.search(rf"http://127\.0\.0\.1:\d+/forms/\w\w/{kind}/\S+", self.text)
        assert found is not None, f"no {kind} link in {self.subject!r}:\n{self.text}"
        return found.group(0)


class Mailbox:
    """Every message the SMTP server received, oldest first."""

    def __init__(self, recorder: SMTPRecorder) -> None:
        self.recorder = recorder

    def all(self) -> list[Mail]:
        return [_mail(message) for message in list(self.recorder.messages)]

    def wait_for(self, to: str, subject: str) -> Mail:
        """The first message to *to* whose subject holds *subject*, once it came."""
        deadline = time.monotonic() + MAIL_TIMEOUT
        while True:
            found = [m for m in self.all() if m.to == to and subject in m.subject]
            if found:
                return found[0]
            if time.monotonic() > deadline:
                seen = [(m.to, m.subject) for m in self.all()]
                raise AssertionError(
                    f"no mail to {to} about {subject!r} arrived; received: {seen}"
                )
            time.sleep(0.05)

    def count(self, to: str) -> int:
        return sum(mail.to == to for mail in self.all())


def _mail(message: EmailMessage) -> Mail:
    return Mail(str(message["To"]), str(message["Subject"]), body_of(message))


@contextmanager
def smtp_server() -> Iterator[tuple[int, Mailbox]]:
    """A real SMTP server (aiosmtpd) on 127.0.0.1; yield its port and mailbox."""
    recorder = SMTPRecorder()
    port = free_port()
    controller = Controller(recorder, hostname="127.0.0.1", port=port)
    controller.start()
    try:
        yield port, Mailbox(recorder)
    finally:
        controller.stop()


@dataclass(frozen=True)
class Server:
    """A running `xarxa serve`: its address, store and the mail it sent."""

    url: str
    data_dir: Path
    mailbox: Mailbox

    @property
    def forms(self) -> str:
        return f"{self.url}/forms"


def _environment(**settings: str) -> dict[str, str]:
    """This environment without any XARXA_ setting, plus *settings*."""
    env = {k: v for k, v in os.environ.items() if not k.startswith("XARXA_")}
    env.update({f"XARXA_{name}": value for name, value in settings.items()})
    return env


def build_site(out: Path, url: str, workflows: Path) -> None:
    """`xarxa build` the repository's content into *out*, for a server at *url*."""
    result = subprocess.run(
        [str(XARXA), "build", "--out", str(out), "--base-url", f"{url}/"]
        + ["--content", str(REPO / "content"), "--workflows", str(workflows)],
        env=_environment(FORMS_URL=f"{url}/forms"),
        cwd=REPO,
        capture_output=True,
        text=True,
        timeout=300,
        check=False,
    )
    assert result.returncode == 0, f"xarxa build failed:\n{result.stderr}"


@contextmanager
def running_server(
    folder: Path, mailbox: tuple[int, Mailbox], workflows: Path
) -> Iterator[Server]:
    """Build the catalogue, start `xarxa serve` on it; stop it on leaving."""
    port = free_port()
    url = f"http://127.0.0.1:{port}"
    build_site(folder / "site", url, workflows)
    smtp_port, box = mailbox
    env = _environment(
        DATA_DIR=str(folder / "data"),
        WORKFLOWS_DIR=str(workflows),
        SMTP_HOST="127.0.0.1",
        SMTP_PORT=str(smtp_port),
        SMTP_STARTTLS="false",
        # Every journey of the session sends from 127.0.0.1; the limits
        # themselves are tested in tests/forms/security/test_http_hardening.py.
        SUBMISSIONS_PER_HOUR="0",
        SIGN_IN_REQUESTS_PER_HOUR="0",
    )
    command = [str(XARXA), "serve", "--site", str(folder / "site")]
    command += ["--host", "127.0.0.1", "--port", str(port)]
    with (folder / "serve.log").open("w", encoding="utf-8") as log:
        process = subprocess.Popen(
            command, env=env, cwd=REPO, stdout=log, stderr=subprocess.STDOUT
        )
        try:
            _wait_until_up(f"{url}/forms/ca/", process, log)
            yield Server(url, folder / "data", box)
        finally:
            stop(process, timeout=15)


def _wait_until_up(url: str, process: subprocess.Popen[bytes], log: IO[str]) -> None:
    deadline = time.monotonic() + START_TIMEOUT
    while time.monotonic() < deadline:
        if process.poll() is not None:
            log.flush()
            text = Path(log.name).read_text(encoding="utf-8")
            raise AssertionError(f"xarxa serve stopped ({process.returncode}):\n{text}")
        try:
            with urllib.request.urlopen(url, timeout=5) as response:
                if response.status == 200:
                    return
        except (urllib.error.URLError, ConnectionError, TimeoutError):
            time.sleep(0.1)
    raise AssertionError(f"xarxa serve did not answer {url} in {START_TIMEOUT} s")


def open_call_workflows(target: Path, today: date) -> Path:
    """A copy of `workflows/` whose supervision call is open around *today*.

    This is how an operator opens a new call: edit `application_window`.
    """
    source = REPO / "workflows"
    for path in source.rglob("*"):
        if path.is_file():
            copy = target / path.relative_to(source)
            copy.parent.mkdir(parents=True, exist_ok=True)
            copy.write_bytes(path.read_bytes())
    application = target / "supervisio-equips-application.yaml"
    text = application.read_text(encoding="utf-8")
    dates = {"opens": today - timedelta(days=7), "closes": today + timedelta(days=7)}
    for key, day in dates.items():
        text, count = re.subn(
            rf"^(  {key}: )\S+$", rf"\g<1>{day.isoformat()}", text, flags=re.M
        )
        assert count == 1, f"no `{key}:` line in {application.name}"
    application.write_text(text, encoding="utf-8")
    return target
