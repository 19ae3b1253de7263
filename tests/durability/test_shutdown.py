"""A clean stop (SIGTERM from a service manager, Ctrl-C in a shell) saves the index, so
the next start loads it instead of replaying the changes since the last snapshot
(a restart restores every index, quickly: snapshots plus replay)."""

from __future__ import annotations

import signal
import time
from pathlib import Path

import orjson
import pytest

from .server import Client, ServerProcess, tail


@pytest.mark.parametrize("sig", [signal.SIGTERM, signal.SIGINT], ids=["SIGTERM", "SIGINT"])
def test_clean_stop_saves_the_index_and_exits_zero(tmp_path: Path, sig: signal.Signals) -> None:
    server = ServerProcess(tmp_path / "data", tmp_path / "logs")
    server.start()
    try:
        server.wait_ready()
        body = b"".join(orjson.dumps({"index": {"_id": f"t{i}"}}) + b"\n"
                        + orjson.dumps({"type": "track", "name": f"Song {i}"}) + b"\n"
                        for i in range(200))
        client = Client(server.port)
        status, answer = client.bulk(body)
        client.close()
        assert status == 200 and not answer["errors"]
        proc = server.proc
        assert proc is not None
        signalled = time.time_ns()
        proc.send_signal(sig)
        code = proc.wait(timeout=30)
    finally:
        server.kill()
    snapshot = tmp_path / "data" / "lexical.snapshot"
    saved = snapshot.exists() and snapshot.stat().st_mtime_ns >= signalled
    assert code == 0 and saved, (
        f"after {sig.name}, `segue serve` exited with {code} and "
        f"{'saved' if saved else 'did not save'} its index ({snapshot}); server output:\n"
        + tail(server.log_path, 1500))
