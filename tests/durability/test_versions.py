"""External versions: a write whose version is not above the stored one is refused (409)
and never applied, whatever the timing. The catalog pipeline relies on this to send
retries and out-of-order updates safely."""

from __future__ import annotations

import threading
from collections.abc import Iterator
from pathlib import Path

import orjson
import pytest
from fastapi.testclient import TestClient

from segue.api import create_app
from segue.config import Settings
from segue.engine import open_engine

from .server import NDJSON, Client, ServerProcess

WRITERS = 4
ROUNDS = 150


def _line(doc_id: str, version: int) -> bytes:
    return (orjson.dumps({"index": {"_id": doc_id, "version": version}}) + b"\n"
            + orjson.dumps({"type": "track", "name": f"Take {version}"}) + b"\n")


def test_concurrent_writes_never_apply_a_stale_version(server: ServerProcess) -> None:
    """Four writers send the same id at once, each round with versions 4r+1..4r+4.
    Whatever order they arrive in, the document must end as the highest version that
    was acknowledged: a lower one acknowledged after it would be a stale write applied.
    """
    barrier = threading.Barrier(WRITERS + 1)
    answers: list[tuple[int, int]] = [(0, 0)] * WRITERS
    errors: list[BaseException] = []

    def writer(k: int) -> None:
        client = Client(server.port)
        try:
            for r in range(ROUNDS):
                version = r * WRITERS + k + 1
                barrier.wait()
                status, body = client.bulk(_line("race", version))
                answers[k] = (version, body["items"][0]["index"]["status"]
                              if status == 200 else status)
                barrier.wait()
        except BaseException as e:  # surfaced by the main thread
            errors.append(e)
            barrier.abort()
        finally:
            client.close()

    threads = [threading.Thread(target=writer, args=(k,)) for k in range(WRITERS)]
    for t in threads:
        t.start()
    client = Client(server.port)
    wrong = []
    try:
        for r in range(ROUNDS):
            barrier.wait()
            barrier.wait()
            assert all(status in (200, 201, 409) for _, status in answers), answers
            acknowledged = max(v for v, status in answers if status in (200, 201))
            _, doc = client.get_doc("race")
            if doc["name"] != f"Take {acknowledged}":
                wrong.append(f"round {r}: answers {sorted(answers)}, stored {doc['name']!r}")
    finally:
        client.close()
        for t in threads:
            t.join(timeout=30)
    assert not errors, errors
    assert not wrong, (f"{len(wrong)} of {ROUNDS} rounds kept a lower version than one "
                       "acknowledged in the same round:\n" + "\n".join(wrong[:10]))


@pytest.fixture
def client(tmp_path: Path) -> Iterator[TestClient]:
    settings = Settings(data_dir=tmp_path / "d")
    engine = open_engine(settings)
    engine.load()
    yield TestClient(create_app(engine, settings))
    engine.close()


def _bulk(client: TestClient, *objs: object) -> list[dict]:
    body = b"".join(orjson.dumps(o) + b"\n" for o in objs)
    r = client.post("/v1/documents/_bulk?refresh=wait_for", content=body, headers=NDJSON)
    assert r.status_code == 200, r.text
    return [next(iter(item.values())) for item in r.json()["items"]]


def test_stale_versions_are_refused_and_versions_survive_a_delete(client: TestClient) -> None:
    items = _bulk(
        client,
        {"index": {"_id": "t1", "version": 5}}, {"type": "track", "name": "Five"},
        {"index": {"_id": "t1", "version": 5}}, {"type": "track", "name": "Five again"},
        {"index": {"_id": "t1", "version": 4}}, {"type": "track", "name": "Four"},
        {"index": {"_id": "t1", "version": 7}}, {"type": "track", "name": "Seven"},
        {"delete": {"_id": "t1"}},
        {"index": {"_id": "t1", "version": 6}}, {"type": "track", "name": "Six"},
    )
    assert [i["status"] for i in items] == [201, 409, 409, 200, 200, 409]
    assert "line 3" in items[1]["error"]["reason"]
    assert "not above the stored version 5" in items[1]["error"]["reason"]
    # The takedown holds: the older write did not bring the document back.
    assert client.get("/v1/documents/t1").status_code == 404
    assert client.get("/v1/search", params={"q": "six"}).json()["total"] == 0
    items = _bulk(client, {"index": {"_id": "t1", "version": 8}},
                  {"type": "track", "name": "Eight"})
    assert items[0]["status"] == 201
    assert client.get("/v1/documents/t1").json()["name"] == "Eight"


def test_partial_update_of_a_document_that_carries_its_version(client: TestClient) -> None:
    """The version may come in the document ("or a `version` field", issue 4). A later
    partial update that says nothing about versions must still apply: it is not a stale
    write, it does not carry a version at all."""
    items = _bulk(client, {"index": {"_id": "t1"}},
                  {"type": "track", "name": "Flowers", "popularity": 90, "version": 3})
    assert items[0]["status"] == 201
    items = _bulk(client, {"update": {"_id": "t1"}}, {"doc": {"popularity": 97}})
    assert items[0]["status"] == 200, items[0]
    assert client.get("/v1/documents/t1").json()["popularity"] == 97
