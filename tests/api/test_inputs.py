"""Inputs that were accepted and should not be, or refused and should not be."""

from __future__ import annotations

import gzip
import socket
import threading
import time
from pathlib import Path

import orjson
import pytest
import uvicorn
from fastapi.testclient import TestClient

from segue.api import create_app, documents
from segue.config import Settings
from segue.engine import open_engine

NDJSON = {"content-type": "application/x-ndjson"}


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


GOOD = ndjson({"index": {"_id": "ar-sigur-ros"}},
              {"type": "artist", "name": "Sigur Rós", "popularity": 60},
              {"index": {"_id": "tr-hoppipolla"}},
              {"type": "track", "name": "Hoppípolla", "artists": ["Sigur Rós"]})


@pytest.mark.parametrize("encoding", ["gzip", "x-gzip", "GZIP"])
def test_a_gzip_body_is_decompressed(client: TestClient, encoding: str):
    r = client.post("/v1/documents/_bulk?refresh=true", content=gzip.compress(GOOD),
                    headers={**NDJSON, "content-encoding": encoding})
    assert r.status_code == 200 and not r.json()["errors"], r.text
    assert client.get("/v1/documents/tr-hoppipolla").json()["name"] == "Hoppípolla"
    assert client.get("/v1/search", params={"q": "hoppipolla"}).json()["top"]["id"] == (
        "tr-hoppipolla")


def test_concatenated_gzip_members_are_one_body(client: TestClient):
    half = GOOD.index(b'{"index":{"_id":"tr-')
    body = gzip.compress(GOOD[:half]) + gzip.compress(GOOD[half:])
    r = client.post("/v1/documents/_bulk?refresh=true", content=body,
                    headers={**NDJSON, "content-encoding": "gzip"})
    assert [i["index"]["status"] for i in r.json()["items"]] == [201, 201], r.text


@pytest.mark.parametrize(("body", "words"), [
    (b"not gzip at all", ("not valid gzip",)),
    (gzip.compress(GOOD)[:-12], ("ends early",)),
])
def test_a_broken_gzip_body_is_a_400(client: TestClient, body: bytes, words: tuple[str]):
    r = client.post("/v1/documents/_bulk", content=body,
                    headers={**NDJSON, "content-encoding": "gzip"})
    assert_problem(r, 400, *words)


def test_an_unknown_content_encoding_is_a_415(client: TestClient):
    r = client.post("/v1/documents/_bulk", content=GOOD,
                    headers={**NDJSON, "content-encoding": "br"})
    assert_problem(r, 415, "header 'Content-Encoding': 'br'", "gzip")


def test_a_gzip_bomb_is_a_413(client: TestClient, monkeypatch: pytest.MonkeyPatch):
    monkeypatch.setattr(documents, "MAX_BULK_BYTES", 10 * 1024 * 1024)
    bomb = gzip.compress(b" " * (64 * 1024 * 1024), compresslevel=9)
    assert len(bomb) < 100_000
    r = client.post("/v1/documents/_bulk", content=bomb,
                    headers={**NDJSON, "content-encoding": "gzip"})
    assert_problem(r, 413, "decompressed", str(10 * 1024 * 1024))


def test_a_body_past_the_limit_is_a_413(client: TestClient, monkeypatch: pytest.MonkeyPatch):
    monkeypatch.setattr(documents, "MAX_BULK_BYTES", 1000)
    chunks = iter([GOOD] * 10)  # streamed: no Content-Length
    r = client.post("/v1/documents/_bulk", content=chunks, headers=NDJSON)
    assert_problem(r, 413, "the body exceeds the limit of 1000 bytes")


def test_a_content_length_past_the_limit_is_a_413_before_the_body(tmp_path: Path):
    """Over a real socket: the answer comes while the whole body is still unsent."""
    settings = Settings(data_dir=tmp_path / "data")
    engine = open_engine(settings)
    engine.load()
    server = uvicorn.Server(uvicorn.Config(create_app(engine, settings), host="127.0.0.1",
                                           port=0, log_level="warning"))
    thread = threading.Thread(target=server.run, daemon=True)
    thread.start()
    try:
        deadline = time.monotonic() + 30
        while not server.started and time.monotonic() < deadline:
            time.sleep(0.05)
        port = server.servers[0].sockets[0].getsockname()[1]
        with socket.create_connection(("127.0.0.1", port), timeout=10) as sock:
            sock.sendall(b"POST /v1/documents/_bulk HTTP/1.1\r\nHost: x\r\n"
                         b"Content-Type: application/x-ndjson\r\n"
                         b"Content-Length: 2000000000\r\n\r\n" + GOOD)
            answer = sock.recv(65536)
            while not answer.rstrip().endswith(b"}"):  # head and body may come apart
                more = sock.recv(65536)
                if not more:
                    break
                answer += more
        head, _, body = answer.partition(b"\r\n\r\n")
        assert head.startswith(b"HTTP/1.1 413"), answer
        assert b"application/problem+json" in head
        assert b"header 'Content-Length': 2000000000 bytes exceeds the limit" in body
    finally:
        server.should_exit = True
        thread.join(10)
        engine.close()


def test_the_limit_is_documented_where_clients_read():
    assert f"({documents.MAX_BULK_BYTES} bytes)" in (documents.bulk.__doc__ or "")
    readme = (Path(__file__).parents[2] / "README.md").read_text()
    assert f"{documents.MAX_BULK_BYTES} bytes" in readme


EVENTS = b'{"events": [{"user_id": "u1", "type": "play", "id": "tr-hoppipolla"}]}'


@pytest.mark.parametrize("ctype", ["text/plain", "application/x-www-form-urlencoded",
                                   "application/x-ndjson", None])
def test_events_must_be_json(client: TestClient, ctype: str | None):
    headers = {"content-type": ctype} if ctype else {}
    r = client.post("/v1/events", content=EVENTS, headers=headers)
    assert_problem(r, 415, f"header 'Content-Type': '{ctype or '(none)'}'",
                   "application/json")


def test_events_as_json_with_a_charset_are_recorded(client: TestClient):
    client.post("/v1/documents/_bulk?refresh=true", content=GOOD, headers=NDJSON)
    r = client.post("/v1/events", content=EVENTS,
                    headers={"content-type": "application/json; charset=utf-8"})
    assert r.status_code == 200 and r.json()["items"] == [{"status": 200}], r.text


@pytest.mark.parametrize(("body", "status", "words"), [
    (b'{"events": [\n {"user_id": "u1",, }]}', 422,
     ("the body is not valid JSON: Expecting property name", "at line 2 column 19")),
    (b'{"events": [1, 2', 422, ("the body is not valid JSON", "at line 1 column 17")),
    (b"", 400, ("the body is empty", '{"events": [')),
    (b'{"events": ["\xff\xfe"]}', 400, ("not UTF-8 text: byte 0xff at offset 13",)),
    (b"  \n", 422, ("the body is not valid JSON: Expecting value at line 2 column 1",)),
])
def test_a_malformed_events_body_says_what_and_where(client: TestClient, body: bytes,
                                                     status: int, words: tuple[str]):
    r = client.post("/v1/events", content=body, headers={"content-type": "application/json"})
    assert_problem(r, status, *words)
    assert "body '" not in r.json()["detail"]  # not an offset posing as a field name
