"""Inputs that were accepted and should not be, or refused and should not be."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import orjson
import pytest
from fastapi.testclient import TestClient

from segue.api import create_app
from segue.config import Settings
from segue.engine import open_engine

NDJSON = {"content-type": "application/x-ndjson"}


@pytest.fixture
def client(tmp_path: Path) -> Iterator[TestClient]:
    settings = Settings(data_dir=tmp_path / "data")
    engine = open_engine(settings)
    engine.load()
    yield TestClient(create_app(engine, settings), raise_server_exceptions=False)
    engine.close()


def ndjson(*objs: object) -> bytes:
    return b"\n".join(orjson.dumps(o) for o in objs) + b"\n"


def assert_problem(response, status: int, *words: str) -> None:
    assert response.status_code == status, response.text
    assert response.headers["content-type"].startswith("application/problem+json")
    detail = response.json()["detail"]
    for word in words:
        assert word in detail, (word, detail)


def test_an_id_with_a_slash_is_read_and_deleted_by_its_encoded_path(client: TestClient):
    doc = {"type": "track", "name": "Thunderstruck", "artists": ["AC/DC"]}
    r = client.post("/v1/documents/_bulk?refresh=true", headers=NDJSON,
                    content=ndjson({"index": {"_id": "tr-ac/dc-thunderstruck"}}, doc))
    assert r.json()["items"][0]["index"]["status"] == 201, r.text
    got = client.get("/v1/documents/tr-ac%2Fdc-thunderstruck")
    assert got.status_code == 200 and got.json()["id"] == "tr-ac/dc-thunderstruck"
    gone = client.delete("/v1/documents/tr-ac%2Fdc-thunderstruck")
    assert gone.status_code == 200
    assert gone.json() == {"_id": "tr-ac/dc-thunderstruck", "result": "deleted"}
    assert_problem(client.get("/v1/documents/tr-ac%2Fdc-thunderstruck"), 404,
                   "no document with id 'tr-ac/dc-thunderstruck'")


def test_a_vector_beyond_float32_fails_its_item_alone(client: TestClient):
    body = ndjson(
        {"index": {"_id": "tr-big"}},
        {"type": "track", "name": "Big", "audio_embedding": [0.1, 0.2, 0.3, 1e39]},
        {"index": {"_id": "tr-fine"}},
        {"type": "track", "name": "Fine", "audio_embedding": [0.1, 0.2, 0.3, 0.4]},
    )
    r = client.post("/v1/documents/_bulk?refresh=true", headers=NDJSON, content=body)
    big, fine = (item["index"] for item in r.json()["items"])
    assert big["status"] == 400
    reason = big["error"]["reason"]
    assert "audio_embedding" in reason and "item 3 is 1e+39, beyond the float32 range" in reason
    assert fine["status"] == 201
    assert client.get("/v1/documents/tr-big").status_code == 404
