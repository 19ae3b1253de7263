"""A real `segue serve` child process and a small HTTP client for it.

The durability tests only use what a catalog pipeline has: the HTTP API and process
signals. The server runs in its own session (process group), so SIGKILL reaches it
and nothing else, exactly as `kill -9` would on a production box.
"""

from __future__ import annotations

import contextlib
import http.client
import json
import os
import signal
import socket
import subprocess
import sys
import time
import urllib.parse
from collections.abc import Sequence
from pathlib import Path
from typing import Any

REPO_ROOT = Path(__file__).resolve().parents[2]
READY_TIMEOUT_S = 60.0
NDJSON = {"content-type": "application/x-ndjson"}


def free_port() -> int:
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


def tail(path: Path, limit: int = 4000) -> str:
    try:
        text = path.read_text(errors="replace")
    except OSError as exc:
        return f"(cannot read {path}: {exc})"
    return text[-limit:]


class ServerDied(RuntimeError):
    """The server exited or never became ready; the message carries its log."""


class Client:
    """One keep-alive HTTP connection; cheap enough to verify hundreds of ids per restart."""

    def __init__(self, port: int, timeout: float = 30.0) -> None:
        self.conn = http.client.HTTPConnection("127.0.0.1", port, timeout=timeout)

    def request(self, method: str, path: str, body: bytes | None = None,
                headers: dict[str, str] | None = None) -> tuple[int, Any]:
        self.conn.request(method, path, body=body, headers=headers or {})
        res = self.conn.getresponse()
        raw = res.read()
        try:
            return res.status, json.loads(raw) if raw else None
        except ValueError:
            return res.status, raw

    def get_doc(self, doc_id: str) -> tuple[int, Any]:
        return self.request("GET", "/v1/documents/" + urllib.parse.quote(doc_id, safe=""))

    def search(self, q: str, limit: int = 20, **params: str) -> tuple[int, Any]:
        query = urllib.parse.urlencode({"q": q, "limit": limit, **params})
        return self.request("GET", f"/v1/search?{query}")

    def bulk(self, body: bytes, refresh: str = "") -> tuple[int, Any]:
        path = "/v1/documents/_bulk" + (f"?refresh={refresh}" if refresh else "")
        return self.request("POST", path, body, NDJSON)

    def close(self) -> None:
        self.conn.close()


class ServerProcess:
    """`python -m segue serve` on a data directory; started, killed and restarted at will."""

    def __init__(self, data_dir: Path, log_dir: Path, extra: Sequence[str] = ()) -> None:
        self.data_dir = data_dir
        self.extra = list(extra)  # more `segue serve` options
        self.log_dir = log_dir
        self.log_dir.mkdir(parents=True, exist_ok=True)
        self.proc: subprocess.Popen[bytes] | None = None
        self.port = 0
        self.starts = 0
        self.log_path = log_dir / "none.log"

    def start(self) -> None:
        self.starts += 1
        self.port = free_port()
        self.log_path = self.log_dir / f"server-{self.starts:04d}.log"
        env = {k: v for k, v in os.environ.items()
               if k not in ("SEGUE_ADMIN_KEY", "SEGUE_SEARCH_KEYS")}
        env["PYTHONUNBUFFERED"] = "1"
        cmd = [sys.executable, "-m", "segue", "serve", "--data", str(self.data_dir),
               "--host", "127.0.0.1", "--port", str(self.port), "--log-level", "warning",
               *self.extra]
        with self.log_path.open("wb") as log:
            self.proc = subprocess.Popen(cmd, cwd=REPO_ROOT, env=env, stdout=log,
                                         stderr=subprocess.STDOUT, stdin=subprocess.DEVNULL,
                                         start_new_session=True)

    def wait_ready(self, timeout: float = READY_TIMEOUT_S) -> float:
        """Seconds from now until GET /v1/ready answers 200; raises ServerDied otherwise."""
        assert self.proc is not None
        started = time.monotonic()
        while True:
            code = self.proc.poll()
            if code is not None:
                raise ServerDied(f"server exited with code {code} before it was ready; "
                                 f"log {self.log_path}:\n{tail(self.log_path)}")
            client = Client(self.port, timeout=2.0)
            try:
                status, _ = client.request("GET", "/v1/ready")
                if status == 200:
                    return time.monotonic() - started
            except OSError:
                pass
            finally:
                client.close()
            if time.monotonic() - started > timeout:
                raise ServerDied(f"server not ready after {timeout:.0f} s; "
                                 f"log {self.log_path}:\n{tail(self.log_path)}")
            time.sleep(0.02)

    def peak_rss_bytes(self) -> int:
        """The server's peak resident memory (VmHWM) from /proc. Not /v1/stats: its
        getrusage figure survives exec, so it starts at the parent's size (pytest's)."""
        assert self.proc is not None
        for line in Path(f"/proc/{self.proc.pid}/status").read_text().splitlines():
            if line.startswith("VmHWM:"):
                return int(line.split()[1]) * 1024
        raise RuntimeError("no VmHWM in /proc status")

    def kill(self) -> bool:
        """SIGKILL: no handler runs, nothing is flushed; what was fsynced is all there is.
        False if the server had already exited (nothing was killed)."""
        return self._signal(signal.SIGKILL)

    def terminate(self) -> None:
        """Send SIGTERM and return at once: the server is shutting down, maybe not gone."""
        if self.proc is not None and self.proc.poll() is None:
            with contextlib.suppress(ProcessLookupError):
                os.killpg(self.proc.pid, signal.SIGTERM)

    def stop(self) -> None:
        """A clean shutdown (SIGTERM), escalated to SIGKILL if it hangs."""
        self._signal(signal.SIGTERM, grace=15.0)

    def _signal(self, sig: signal.Signals, grace: float = 15.0) -> bool:
        proc, self.proc = self.proc, None
        if proc is None or proc.poll() is not None:
            return False
        with contextlib.suppress(ProcessLookupError):
            os.killpg(proc.pid, sig)
        try:
            proc.wait(timeout=grace)
        except subprocess.TimeoutExpired:
            with contextlib.suppress(ProcessLookupError):
                os.killpg(proc.pid, signal.SIGKILL)
            proc.wait(timeout=grace)
        return True
