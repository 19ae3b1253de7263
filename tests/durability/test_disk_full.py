"""A full disk under a live `segue serve` (issue 15): a real tmpfs of 8 MB, mounted
by the test, filled for real.

Writes that cannot be stored are answered 507 problem+json with the items that were
committed and those that were not; reads go on; nothing acknowledged is lost; writes
resume by themselves once space is freed; a clean stop on a full disk exits 0 and
leaves no partial snapshot behind.
"""

from __future__ import annotations

import contextlib
import os
import re
import subprocess
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import orjson
import pytest

from .server import Client, ServerProcess, tail

NAMES = ["Björk", "Sigur Rós", "Кино", "宇多田ヒカル", "Beyoncé", "Mötley Crüe", "Ólafur Arnalds"]


@pytest.fixture
def small_disk(tmp_path: Path) -> Iterator[Path]:
    """An 8 MB tmpfs; the test needs root (to mount) and fails loudly without it."""
    mount = tmp_path / "disk"
    mount.mkdir()
    done = subprocess.run(["mount", "-t", "tmpfs", "-o", "size=8m", "tmpfs", str(mount)],
                          capture_output=True, text=True)
    if done.returncode != 0:
        pytest.fail(f"cannot mount a tmpfs on {mount} (the disk-full test needs root): "
                    f"{done.stderr.strip()}")
    try:
        yield mount
    finally:
        subprocess.run(["umount", "-l", str(mount)], check=False)


def _body(start: int, count: int) -> bytes:
    lines = []
    for i in range(start, start + count):
        artist = NAMES[i % len(NAMES)]
        lines.append(orjson.dumps({"index": {"_id": f"t{i}"}}))
        lines.append(orjson.dumps({
            "type": "track", "name": f"{artist} — canción {i}", "artists": [artist],
            "album": f"Ágætis byrjun {i % 13}", "genres": ["post-rock", "électronique"],
            "popularity": i % 100, "description": "ÿ" * 200}))
    return b"\n".join(lines) + b"\n"


def _post(client: Client, body: bytes) -> tuple[int, dict[str, str], Any]:
    client.conn.request("POST", "/v1/documents/_bulk", body=body,
                        headers={"content-type": "application/x-ndjson"})
    res = client.conn.getresponse()
    answer = orjson.loads(res.read())
    return res.status, {k.lower(): v for k, v in res.getheaders()}, answer


def _fill(path: Path, leave: int) -> None:
    """Take all but `leave` bytes of the file system with one file."""
    stat = os.statvfs(path.parent)
    size = stat.f_bavail * stat.f_frsize - leave
    with path.open("wb", buffering=0) as f:
        if size > 0:
            os.posix_fallocate(f.fileno(), 0, size)
        if leave == 0:  # to the last byte
            with contextlib.suppress(OSError):
                while f.write(b"\0" * 4096):
                    pass


def test_a_full_disk_answers_507_with_items_and_recovers(small_disk: Path,
                                                         tmp_path: Path) -> None:
    data = small_disk / "data"
    server = ServerProcess(data, tmp_path / "logs")
    server.start()
    try:
        server.wait_ready()
        client = Client(server.port, timeout=60)
        acknowledged: list[str] = []
        status, answer = client.bulk(_body(0, 300))
        assert status == 200 and not answer["errors"], answer
        acknowledged += [f"t{i}" for i in range(300)]

        # Room for a few chunks of 500 of this request, not for all twelve.
        filler = small_disk / "filler"
        _fill(filler, leave=1_500_000)
        status, headers, full = _post(client, _body(300, 6000))
        text = orjson.dumps(full).decode()
        assert status == 507, full
        # A problem+json, with no advice to retry that cannot succeed.
        assert headers["content-type"] == "application/problem+json"
        assert "retry-after" not in headers, headers
        assert re.fullmatch(rf"the data directory {re.escape(str(data))} is full: "
                            r"\d+ bytes free", full["detail"]), full["detail"]
        assert "Traceback" not in text and "File \"" not in text, text
        # Every item is answered: what was committed (durable) and what was not.
        items = [next(iter(item.values())) for item in full["items"]]
        assert len(items) == 6000
        assert {item["status"] for item in items} == {201, 507}
        applied = [item["_id"] for item in items if item["status"] == 201]
        # In request order: the chunks committed, then the rest refused.
        assert [item["status"] for item in items] == [201] * len(applied) + [507] * (
            6000 - len(applied))
        refused = [item for item in items if item["status"] == 507]
        assert full["applied"] == len(applied) and full["not_applied"] == len(refused)
        assert refused[0]["error"]["type"] == "insufficient_storage_exception"
        assert full["detail"] in refused[0]["error"]["reason"]
        acknowledged += applied

        # Reads go on, and every acknowledged document is there.
        for doc_id in acknowledged[::7] + applied:
            status, doc = client.get_doc(doc_id)
            assert status == 200 and doc["id"] == doc_id, (doc_id, status, doc)
        status, found = client.search("kino canción 7")
        assert status == 200 and found["hits"], found
        status, found = client.search("cancion 6299")  # the request's last, refused
        assert status == 200 and all(h["id"] != "t6299" for h in found["hits"]), found
        assert client.get_doc("t6299")[0] == 404

        # Space freed: writes resume without a restart.
        filler.unlink()
        status, answer = client.bulk(_body(50_000, 50), refresh="true")
        assert status == 200 and not answer["errors"], answer
        acknowledged += [f"t{i}" for i in range(50_000, 50_050)]
        status, found = client.search(f"{NAMES[50_001 % len(NAMES)]} cancion 50001")
        assert status == 200 and "t50001" in [h["id"] for h in found["hits"][:3]], found

        # A clean stop on a full disk: the snapshot cannot be written; the stop still
        # succeeds and leaves no partial file.
        _fill(filler, leave=0)
        proc = server.proc
        assert proc is not None
        server.terminate()
        assert proc.wait(timeout=30) == 0, tail(server.log_path)
        server.proc = None
        leftovers = [p for p in data.rglob("*") if p.name.endswith((".new", ".old", ".tmp"))]
        assert not leftovers, leftovers
        log = server.log_path.read_text(errors="replace")
        assert "the index was not saved" in log, log[-3000:]

        # Restarted with space: nothing acknowledged was lost.
        filler.unlink()
        client.close()
        server.start()
        server.wait_ready()
        client = Client(server.port, timeout=60)
        for doc_id in acknowledged[::5] + applied[-20:]:
            status, doc = client.get_doc(doc_id)
            assert status == 200 and doc["id"] == doc_id, (doc_id, status)
        _, stats = client.request("GET", "/v1/stats")
        assert stats["documents"] == len(set(acknowledged)), stats
        client.close()
    finally:
        server.stop()
