"""Start-up checks every snapshot against the store (issue 15), on copies of a real
data directory made by `segue ingest`, damaged the ways disks and operators do.

Each damaged copy must start, say in its log what it rebuilt and why, and then hold
exactly what the store holds: nothing acknowledged lost, nothing deleted back.
"""

from __future__ import annotations

import shutil
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path

import orjson
import pytest

from .server import REPO_ROOT, Client, ServerProcess, free_port

ARTISTS = ["Björk", "Sigur Rós", "Кино", "宇多田ヒカル", "Beyoncé", "Mötley Crüe", "Zé Ramalho"]
COUNT = 240
DELETED = [f"t{i}" for i in range(10, 15)]  # deleted over HTTP after the ingest
LIVE = COUNT - len(DELETED)


def _doc(i: int, word: str = "canción") -> dict[str, object]:
    artist = ARTISTS[i % len(ARTISTS)]
    # Audio vectors cluster by artist, so "more like this" has a clear answer.
    vector = [1.0 if d == i % len(ARTISTS) else 0.05 * ((i * 7 + d) % 5) for d in range(8)]
    return {"id": f"t{i}", "type": "track", "name": f"{artist} {word} {i}",
            "artists": [artist], "popularity": i % 100, "audio_embedding": vector}


@pytest.fixture(scope="module")
def ingested(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Path]:
    """A data directory filled by `segue ingest`, then a few deletes through a server
    (a real snapshot on disk, and tombstones in the store)."""
    root = tmp_path_factory.mktemp("ingested")
    catalog = root / "catalog.jsonl"
    catalog.write_bytes(b"".join(orjson.dumps(_doc(i)) + b"\n" for i in range(COUNT)))
    data = root / "data"
    done = subprocess.run([sys.executable, "-m", "segue", "ingest", str(catalog),
                           "--data", str(data)], cwd=REPO_ROOT, capture_output=True,
                          text=True, timeout=120)
    assert done.returncode == 0, done.stderr
    assert (data / "lexical.snapshot").is_file()
    server = ServerProcess(data, root / "logs")
    server.start()
    try:
        server.wait_ready()
        client = Client(server.port)
        _bulk(client, [], deletes=DELETED)
        client.close()
    finally:
        server.stop()
    assert (data / "vectors" / "audio" / "index.faiss").is_file()
    yield data


@pytest.fixture
def copy(ingested: Path, tmp_path: Path) -> Path:
    target = tmp_path / "data"
    shutil.copytree(ingested, target)
    (target / "segue.lock").unlink(missing_ok=True)
    return target


@pytest.fixture
def servers(tmp_path: Path) -> Iterator[list[ServerProcess]]:
    started: list[ServerProcess] = []
    yield started
    for server in started:
        server.stop()


def _serve(data: Path, logs: Path, servers: list[ServerProcess]) -> tuple[ServerProcess,
                                                                          Client]:
    server = ServerProcess(data, logs)
    servers.append(server)
    server.start()
    server.wait_ready(timeout=60)
    return server, Client(server.port)


def _bulk(client: Client, docs: list[dict[str, object]], deletes: list[str] = ()) -> None:
    lines = [orjson.dumps({"index": {"_id": d["id"]}}) + b"\n" + orjson.dumps(d) + b"\n"
             for d in docs]
    lines += [orjson.dumps({"delete": {"_id": i}}) + b"\n" for i in deletes]
    status, answer = client.bulk(b"".join(lines), refresh="true")
    assert status == 200 and not answer["errors"], answer


def _found(client: Client, q: str) -> list[str]:
    status, answer = client.search(q, limit=50)
    assert status == 200, answer
    return [h["id"] for h in answer["hits"]]


def _documents(client: Client) -> int:
    return int(client.request("GET", "/v1/stats")[1]["documents"])


def test_a_snapshot_ahead_of_the_store_is_rebuilt(copy: Path, tmp_path: Path,
                                                  servers: list[ServerProcess]) -> None:
    backup = tmp_path / "backup.sqlite3"
    shutil.copy(copy / "documents.sqlite3", backup)  # the store as `segue ingest` left it
    # Later writes reach the store and the snapshot (a clean stop saves it)...
    server, client = _serve(copy, tmp_path / "logs1", servers)
    _bulk(client, [_doc(i, "después") for i in range(1000, 1030)], deletes=["t0", "t1"])
    server.stop()
    # ...then the store is restored from the backup: its sequence went backwards.
    for stale in copy.glob("documents.sqlite3*"):
        stale.unlink()
    shutil.copy(backup, copy / "documents.sqlite3")

    server, client = _serve(copy, tmp_path / "logs2", servers)
    log = server.log_path.read_text()
    assert "the store's sequence went backwards" in log and "rebuilding" in log, log
    assert _documents(client) == LIVE
    assert not set(_found(client, "despues")), "documents the store does not have"
    assert client.get_doc("t1005")[0] == 404
    assert "t0" in _found(client, "bjork cancion 0")  # in the restored store again

    # New writes take sequence numbers the stale snapshot had used: they must be in
    # the index after a crash (replayed from the rebuilt snapshot) all the same.
    _bulk(client, [_doc(i, "nueva") for i in range(2000, 2020)], deletes=["t2", "t3"])
    server.kill()
    server, client = _serve(copy, tmp_path / "logs3", servers)
    assert sorted(_found(client, "nueva")) == sorted(f"t{i}" for i in range(2000, 2020))
    assert "t2" not in _found(client, "кино cancion 2") and client.get_doc("t2")[0] == 404
    assert _documents(client) == LIVE + 20 - 2
    assert "went backwards" not in server.log_path.read_text()


def _similar(client: Client, doc_id: str) -> list[str]:
    status, answer = client.request("GET", f"/v1/similar?id={doc_id}&limit=10")
    assert status == 200 and answer["source"] == "audio", answer
    return [h["id"] for h in answer["hits"]]


@pytest.mark.parametrize("damage", ["truncated index.faiss", "scribbled vectors.npy",
                                    "scribbled lexical.snapshot"])
def test_a_damaged_snapshot_is_detected_and_rebuilt(copy: Path, tmp_path: Path,
                                                    servers: list[ServerProcess],
                                                    damage: str) -> None:
    audio = copy / "vectors" / "audio"
    if damage == "truncated index.faiss":
        target = audio / "index.faiss"
        with target.open("r+b") as f:
            f.truncate(target.stat().st_size // 2)
    else:
        target = audio / "vectors.npy" if "vectors" in damage else copy / "lexical.snapshot"
        size = target.stat().st_size
        with target.open("r+b") as f:  # past the header, in the data itself
            f.seek(size // 2)
            f.write(bytes(range(256)) * 4)

    server, client = _serve(copy, tmp_path / "logs", servers)
    log = server.log_path.read_text()
    assert f"{target} is damaged" in log and "rebuilding the indexes from the store" in log, log
    assert _documents(client) == LIVE
    for doc_id in DELETED:  # nothing deleted comes back
        assert client.get_doc(doc_id)[0] == 404
    assert not set(DELETED) & set(_found(client, "canción 10 11 12 13 14"))
    motley = {f"t{i}" for i in range(COUNT) if i % len(ARTISTS) == 5 and f"t{i}" not in DELETED}
    found = _found(client, "mötley crüe canción")
    assert set(found[:len(motley)]) == motley, found
    # The rebuilt vectors are the ones ingested: "more like this" as on the original.
    similar = _similar(client, "t3")
    assert len(similar) == 10 and all(int(d[1:]) % len(ARTISTS) == 3 for d in similar), similar


def test_a_data_directory_that_cannot_be_written_is_one_line(copy: Path) -> None:
    """A read-only mount (what a full or failing disk often becomes)."""
    bind = subprocess.run(["mount", "--bind", str(copy), str(copy)], capture_output=True,
                          text=True)
    if bind.returncode != 0:
        pytest.fail(f"cannot bind-mount {copy} (the test needs root): {bind.stderr}")
    try:
        subprocess.run(["mount", "-o", "remount,ro,bind", str(copy)], check=True)
        done = subprocess.run([sys.executable, "-m", "segue", "serve", "--data", str(copy),
                               "--port", str(free_port())], cwd=REPO_ROOT, capture_output=True,
                              text=True, timeout=60)
    finally:
        subprocess.run(["umount", "-l", str(copy)], check=False)
    lines = done.stderr.strip().splitlines()
    assert done.returncode == 1, done.stderr
    assert "Traceback" not in done.stderr
    assert lines[-1].startswith(f"segue serve: {copy}") and "Read-only file system" in lines[-1], (
        done.stderr)
    assert len([line for line in lines if str(copy) in line]) == 1, done.stderr
