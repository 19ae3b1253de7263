"""The write process of `segue serve`: parse, validate and commit beside the indexer.

A real server and its real child process, killed for real: the child never outlives
the server (a stray writer would commit behind a restarted server's back), and a
child killed mid-request costs that request a 503, nothing acknowledged, and no
restart of the server.
"""

from __future__ import annotations

import contextlib
import os
import signal
import threading
import time
from pathlib import Path

import orjson

from .server import Client, ServerProcess


def _children(pid: int) -> list[int]:
    """Children of every thread of `pid` (each thread lists those it started)."""
    found = []
    for task in Path(f"/proc/{pid}/task").iterdir():
        with contextlib.suppress(OSError):  # the thread ended meanwhile
            found += [int(c) for c in (task / "children").read_text().split()]
    return found


def _alive(pid: int) -> bool:
    try:
        state = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()[0]
    except OSError:
        return False
    return state != "Z"


def _ledger_pid(server: ServerProcess) -> int:
    assert server.proc is not None
    found = [pid for pid in _children(server.proc.pid)
             if b"spawn_main" in Path(f"/proc/{pid}/cmdline").read_bytes()]
    assert len(found) == 1, f"expected one write process, found {found}"
    return found[0]


def _body(start: int, count: int) -> bytes:
    names = ["Björk", "Sigur Rós", "Кино", "宇多田ヒカル", "Beyoncé", "Mötley Crüe"]
    lines = []
    for i in range(start, start + count):
        lines.append(orjson.dumps({"index": {"_id": f"t{i}"}}))
        lines.append(orjson.dumps({"type": "track", "name": f"{names[i % 6]} song {i}",
                                   "artists": [names[i % 6]], "popularity": i % 100}))
    return b"\n".join(lines) + b"\n"


def test_the_write_process_dies_with_the_server(server: ServerProcess) -> None:
    child = _ledger_pid(server)
    server.kill()  # SIGKILL: no handler, no clean-up in the server
    deadline = time.monotonic() + 10
    while _alive(child) and time.monotonic() < deadline:
        time.sleep(0.05)
    assert not _alive(child), "the write process outlived its server"


def test_a_killed_write_process_costs_one_request_and_nothing_acknowledged(
        server: ServerProcess) -> None:
    client = Client(server.port, timeout=120)
    status, answer = client.bulk(_body(0, 3000))
    assert status == 200 and not answer["errors"]

    # Kill the child while a large request streams through it.
    child = _ledger_pid(server)
    outcome: list[tuple[int, object]] = []
    sender = threading.Thread(target=lambda: outcome.append(client.bulk(_body(3000, 60_000))))
    sender.start()
    time.sleep(1.0)
    os.kill(child, signal.SIGKILL)
    sender.join(120)
    status, answer = outcome[0]
    if status != 200:  # the usual case: cut off mid-request
        assert status == 503, answer
        assert isinstance(answer, dict) and "send the request again" in answer["detail"]

    # The server goes on without a restart: a new write process takes the next request.
    fresh = Client(server.port, timeout=120)
    status, answer = fresh.bulk(_body(70_000, 10), refresh="true")
    assert status == 200 and not answer["errors"], answer
    assert _ledger_pid(server) != child
    status, found = fresh.search("kino song 70004")
    assert status == 200 and found["hits"][0]["id"] == "t70004"

    # What the killed process committed before it died is searchable too: the server
    # replayed it from the store. Every document the store holds is in the index.
    status, stats = fresh.request("GET", "/v1/stats")
    assert status == 200
    server.stop()
    server.start()
    server.wait_ready()
    restarted = Client(server.port)
    _, after = restarted.request("GET", "/v1/stats")
    assert after["documents"] == stats["documents"] >= 3010
    restarted.close()
    fresh.close()
    client.close()


def test_vectors_and_updates_cross_from_the_write_process(server: ServerProcess) -> None:
    """Documents reach the indexes from the write process as stored JSON, parsed only
    where a sink needs it: audio vectors must still arrive, and an update without one
    must take the old one away."""
    client = Client(server.port)
    docs = [{"type": "track", "name": name, "artists": [artist],
             "audio_embedding": [1.0, float(i), 0.5, -1.0]}
            for i, (name, artist) in enumerate([("Jóga", "Björk"), ("Hyperballad", "Björk"),
                                                ("Группа крови", "Кино")])]
    body = b"".join(orjson.dumps({"index": {"_id": f"v{i}"}}) + b"\n" + orjson.dumps(d) + b"\n"
                    for i, d in enumerate(docs))
    status, answer = client.bulk(body)
    assert status == 200 and not answer["errors"], answer
    status, similar = client.request("GET", "/v1/similar?id=v0")
    assert status == 200 and similar["source"] == "audio"
    assert [h["id"] for h in similar["hits"]] == ["v1", "v2"]

    update = orjson.dumps({"index": {"_id": "v1"}}) + b"\n" + orjson.dumps(
        {"type": "track", "name": "Hyperballad (live)", "artists": ["Björk"]}) + b"\n"
    status, answer = client.bulk(update)
    assert status == 200 and not answer["errors"], answer
    _, similar = client.request("GET", "/v1/similar?id=v0")
    assert [h["id"] for h in similar["hits"]] == ["v2"]
    _, found = client.search("bjork hyperballad live")
    assert found["hits"][0]["id"] == "v1"
    client.close()
