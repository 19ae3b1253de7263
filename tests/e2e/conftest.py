"""End-to-end fixtures: a real `segue serve` child process and Debian's headless Chromium.

`live_server` (session) starts `python -m segue serve --load-demo-if-empty` on a free
loopback port with a fresh data directory, waits for `GET /v1/ready` to answer 200 (and,
when it reports a document count, for the demo catalog to be in) and yields the base
URL. Other end-to-end tests can reuse it. To run the browser tests against a server that
is already running instead, set SEGUE_E2E_BASE_URL.

Chromium is `/usr/bin/chromium` (`make test` installs it). Playwright's own browser
download is never used. A missing browser fails the tests; it never skips them.
"""

from __future__ import annotations

import contextlib
import json
import os
import signal
import socket
import subprocess
import sys
import time
import urllib.error
import urllib.request
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path

import pytest

REPO_ROOT = Path(__file__).resolve().parents[2]
SCREENSHOTS = REPO_ROOT / "test-output" / "screenshots"

READY_TIMEOUT_S = 120.0


def _free_port() -> int:
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def _tail(path: Path, limit: int = 6000) -> str:
    try:
        text = path.read_text(errors="replace")
    except OSError as exc:
        return f"(cannot read {path}: {exc})"
    return text[-limit:] if len(text) > limit else text


def _stop(proc: subprocess.Popen) -> None:
    if proc.poll() is not None:
        return
    # The server runs in its own process group (start_new_session), so this reaches
    # any worker it started and nothing else.
    with contextlib.suppress(ProcessLookupError):
        os.killpg(proc.pid, signal.SIGTERM)
    try:
        proc.wait(timeout=15)
    except subprocess.TimeoutExpired:
        with contextlib.suppress(ProcessLookupError):
            os.killpg(proc.pid, signal.SIGKILL)
        proc.wait(timeout=15)


def _catalog_loaded(body: bytes) -> bool:
    """`/v1/ready` may answer 200 before `--load-demo-if-empty` has indexed anything;
    when its body reports a document count, wait until the demo catalog is in."""
    try:
        info = json.loads(body)
    except ValueError:
        return True
    documents = info.get("documents") if isinstance(info, dict) else None
    return not isinstance(documents, int) or documents > 0


def _wait_ready(
    base: str,
    proc: subprocess.Popen | None,
    cmd: list[str] | None,
    logs: tuple[Path, Path] | None,
) -> None:
    """Poll GET /v1/ready until 200 with a non-empty catalog; fail with the server's
    output if it dies or stalls."""

    def output() -> str:
        if logs is None:
            return ""
        out_path, err_path = logs
        return (
            f"\n--- server stderr ---\n{_tail(err_path)}\n--- server stdout ---\n{_tail(out_path)}"
        )

    deadline = time.monotonic() + READY_TIMEOUT_S
    last = "no answer yet"
    while True:
        code = proc.poll() if proc is not None else None
        if code is not None:
            shown = " ".join(cmd or [])
            pytest.fail(
                f"`{shown}` exited with code {code} before /v1/ready answered.{output()}",
                pytrace=False,
            )
        try:
            with urllib.request.urlopen(f"{base}/v1/ready", timeout=2) as res:
                body = res.read()
                if res.status == 200 and _catalog_loaded(body):
                    return
                last = f"HTTP {res.status} {body[:200]!r}"
        except urllib.error.HTTPError as exc:
            last = f"HTTP {exc.code}"
        except OSError as exc:
            last = repr(exc)
        if time.monotonic() > deadline:
            pytest.fail(
                f"Segue server at {base} not ready after {READY_TIMEOUT_S:.0f} s "
                f"(last /v1/ready: {last}).{output()}",
                pytrace=False,
            )
        time.sleep(0.25)


@pytest.fixture(scope="session")
def live_server(tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    """Base URL (no trailing slash) of a real Segue server with the demo catalog."""
    external = os.environ.get("SEGUE_E2E_BASE_URL", "").strip().rstrip("/")
    if external:
        _wait_ready(external, proc=None, cmd=None, logs=None)
        yield external
        return
    data_dir = tmp_path_factory.mktemp("segue-data")
    logs = tmp_path_factory.mktemp("segue-logs")
    port = _free_port()
    base = f"http://127.0.0.1:{port}"
    env = dict(os.environ)
    # The page and the tests talk to a keyless loopback server.
    env.pop("SEGUE_ADMIN_KEY", None)
    env.pop("SEGUE_SEARCH_KEYS", None)
    env.setdefault("PYTHONUNBUFFERED", "1")
    cmd = [
        sys.executable,
        "-m",
        "segue",
        "serve",
        "--data",
        str(data_dir),
        "--host",
        "127.0.0.1",
        "--port",
        str(port),
        "--load-demo-if-empty",
    ]
    out_path, err_path = logs / "stdout.log", logs / "stderr.log"
    with out_path.open("wb") as out, err_path.open("wb") as err:
        proc = subprocess.Popen(
            cmd,
            cwd=REPO_ROOT,
            env=env,
            stdout=out,
            stderr=err,
            stdin=subprocess.DEVNULL,
            start_new_session=True,
        )
    try:
        _wait_ready(base, proc=proc, cmd=cmd, logs=(out_path, err_path))
        yield base
    finally:
        _stop(proc)


@dataclass
class PageWatch:
    """A fresh page plus what it reported: console errors, uncaught errors, dialogs."""

    page: object
    console_errors: list[str] = field(default_factory=list)
    dialogs: list[str] = field(default_factory=list)
    requests: list[str] = field(default_factory=list)


@pytest.fixture
def browser_page(chromium_browser, request) -> Iterator[PageWatch]:
    """A new browser context and page per test, recording console errors, uncaught page
    errors, dialogs and request URLs. `@pytest.mark.browser_context(**kwargs)` passes
    extra options to `new_context` (viewport, color_scheme, ...)."""
    options = {"viewport": {"width": 1100, "height": 820}, "locale": "en-US"}
    marker = request.node.get_closest_marker("browser_context")
    if marker:
        options.update(marker.kwargs)
    context = chromium_browser.new_context(**options)
    context.set_default_timeout(15_000)
    page = context.new_page()
    watch = PageWatch(page=page)

    def on_console(msg) -> None:
        if msg.type == "error":
            watch.console_errors.append(msg.text)

    def on_dialog(dialog) -> None:
        watch.dialogs.append(f"{dialog.type}: {dialog.message}")
        dialog.dismiss()

    page.on("console", on_console)
    page.on("pageerror", lambda exc: watch.console_errors.append(f"uncaught: {exc}"))
    page.on("dialog", on_dialog)
    page.on("request", lambda req: watch.requests.append(req.url))
    try:
        yield watch
    finally:
        context.close()


@pytest.fixture(scope="session")
def screenshots_dir() -> Path:
    SCREENSHOTS.mkdir(parents=True, exist_ok=True)
    return SCREENSHOTS


def pytest_configure(config: pytest.Config) -> None:
    config.addinivalue_line(
        "markers", "browser_context(**options): new_context options for browser_page"
    )
