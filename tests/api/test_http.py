"""The HTTP contract clients are written against."""

from __future__ import annotations

import orjson
import pytest
from fastapi.testclient import TestClient

from segue.api import create_app
from segue.config import Settings
from segue.engine import open_engine

from ..conftest import CATALOG

NDJSON = {"content-type": "application/x-ndjson"}


def ndjson(*objs: object) -> bytes:
    return b"\n".join(orjson.dumps(o) for o in objs) + b"\n"


@pytest.fixture
def make_client(tmp_path):
    made = []

    def make(**settings: object) -> TestClient:
        settings_obj = Settings(data_dir=tmp_path / f"d{len(made)}", **settings)
        engine = open_engine(settings_obj)
        engine.load()
        made.append(engine)
        return TestClient(create_app(engine, settings_obj))

    yield make
    for engine in made:
        engine.close()


@pytest.fixture
def client(make_client) -> TestClient:
    c = make_client()
    body = b"".join(ndjson({"index": {"_id": d["id"]}}, d) for d in CATALOG)
    r = c.post("/v1/documents/_bulk?refresh=wait_for", content=body, headers=NDJSON)
    assert r.status_code == 200 and not r.json()["errors"]
    return c


def test_bulk_reports_each_item_in_order_and_applies_the_good_ones(client):
    body = ndjson(
        {"index": {"_id": "new1"}}, {"type": "artist", "name": "Rosalía", "popularity": 80},
        {"index": {"_id": "bad1"}}, {"type": "artist", "name": "X", "popularity": "lots"},
    ) + b'{"index":{"_id":"bad2"}}\n{"type":"artist",\n' + ndjson(
        {"delete": {"_id": "tr-halo-cover"}},
        {"delete": {"_id": "never-was"}},
        {"index": {"_id": "ar-beyonce"}}, {"type": "artist", "name": "Beyoncé",
                                            "popularity": 91},
    )
    r = client.post("/v1/documents/_bulk?refresh=wait_for", content=body, headers=NDJSON)
    assert r.status_code == 200
    out = r.json()
    assert out["errors"] is True and isinstance(out["took"], int)
    items = [(op, i["_id"], i["status"], i.get("result")) for it in out["items"]
             for op, i in it.items()]
    assert items == [
        ("index", "new1", 201, "created"),
        ("index", "bad1", 400, None),
        ("index", "bad2", 400, None),
        ("delete", "tr-halo-cover", 200, "deleted"),
        ("delete", "never-was", 404, "not_found"),
        ("index", "ar-beyonce", 200, "updated"),
    ]
    bad1 = out["items"][1]["index"]["error"]
    assert bad1["type"] == "mapper_parsing_exception"
    assert "line 4" in bad1["reason"] and "popularity" in bad1["reason"]
    assert "line 6" in out["items"][2]["index"]["error"]["reason"]
    assert client.get("/v1/search", params={"q": "rosalia"}).json()["top"]["id"] == "new1"
    assert client.get("/v1/documents/tr-halo-cover").status_code == 404


def test_search_answer_shape(client):
    r = client.get("/v1/search", params={"q": "beyon", "limit": 5})
    assert r.status_code == 200
    body = r.json()
    assert set(body) >= {"query", "took_ms", "total", "top", "hits"}
    assert body["query"] == "beyon" and body["took_ms"] > 0 and body["total"] >= 3
    assert body["top"]["id"] == "ar-beyonce"
    hit = body["hits"][0]
    assert {"id", "type", "name", "score", "highlight"} <= set(hit)
    assert hit["popularity"] == 90 and hit["genres"] == ["pop", "r&b"]


def test_type_filter_and_explain(client):
    body = client.get("/v1/search", params={"q": "halo", "type": "track,album",
                                            "explain": "true"}).json()
    assert {h["type"] for h in body["hits"]} <= {"track", "album"}
    assert body["hits"][0]["explain"]["features"]


def test_suggest(client):
    body = client.get("/v1/suggest", params={"q": "shak"}).json()
    assert body["suggestions"][0]["id"] == "ar-shakira"
    assert body["suggestions"][0]["type"] == "artist"


def test_documents_get_and_delete(client):
    assert client.get("/v1/documents/ar-bjork").json()["name"] == "Björk"
    assert client.delete("/v1/documents/ar-bjork").json() == {"_id": "ar-bjork",
                                                               "result": "deleted"}
    missing = client.get("/v1/documents/ar-bjork")
    assert missing.status_code == 404
    assert missing.headers["content-type"].startswith("application/problem+json")
    assert "ar-bjork" in missing.json()["detail"]
    assert client.get("/v1/search", params={"q": "bjork"}).json()["total"] == 0


@pytest.mark.parametrize(("params", "status", "words"), [
    ({"q": "x", "limit": 0}, 422, "query parameter 'limit'"),
    ({"q": "x", "limit": "ten"}, 422, "query parameter 'limit'"),
    ({"q": "x", "type": "song"}, 400, "unknown song"),
    ({"q": "x" * 10_000}, 400, "the limit is"),
    ({"q": "x", "variant": "nope"}, 400, "unknown variant 'nope'"),
    ({"q": "x", "mode": "telepathic"}, 400, "query parameter 'mode'"),
])
def test_bad_search_requests_get_clear_problems(client, params, status, words):
    r = client.get("/v1/search", params=params)
    assert r.status_code == status
    assert r.headers["content-type"].startswith("application/problem+json")
    assert words in r.json()["detail"]


@pytest.mark.parametrize("q", ["name:*", ")(", '\\"', "OR 1=1", "\x00\x1b[31m", "🎵🎶"])
def test_query_syntax_and_control_characters_are_plain_text(client, q):
    assert client.get("/v1/search", params={"q": q}).status_code == 200


def test_bad_bulk_requests(client):
    assert client.post("/v1/documents/_bulk", content=b"", headers=NDJSON).status_code == 400
    r = client.post("/v1/documents/_bulk", content=b"\n\n", headers=NDJSON)
    assert r.status_code == 400 and "no action" in r.json()["detail"]
    r = client.post("/v1/documents/_bulk", content=b"{}",
                    headers={"content-type": "image/png"})
    assert r.status_code == 415
    r = client.post("/v1/documents/_bulk?refresh=later", content=b"{}", headers=NDJSON)
    assert r.status_code == 400 and "refresh" in r.json()["detail"]


def test_keys_separate_readers_from_writers(make_client):
    c = make_client(admin_key="admin-secret", search_keys=frozenset({"reader-1", "reader-2"}))
    doc = ndjson({"index": {"_id": "a"}}, {"type": "artist", "name": "Aurora"})
    as_admin = {**NDJSON, "Authorization": "Bearer admin-secret"}
    as_reader = {**NDJSON, "Authorization": "Bearer reader-2"}
    assert c.post("/v1/documents/_bulk", content=doc, headers=NDJSON).status_code == 401
    assert c.post("/v1/documents/_bulk", content=doc, headers=as_reader).status_code == 403
    assert c.post("/v1/documents/_bulk", content=doc, headers=as_admin).status_code == 200
    assert c.get("/v1/search", params={"q": "aurora"}).status_code == 401
    wrong = c.get("/v1/search", params={"q": "aurora"},
                  headers={"Authorization": "Bearer nope"})
    assert wrong.status_code == 401 and wrong.headers["www-authenticate"] == "Bearer"
    ok = c.get("/v1/search", params={"q": "aurora"}, headers=as_reader)
    assert ok.json()["top"]["id"] == "a"
    assert c.delete("/v1/documents/a", headers=as_reader).status_code == 403
    assert c.get("/v1/health").status_code == 200  # liveness needs no key


def test_ready_only_after_loading(tmp_path):
    settings = Settings(data_dir=tmp_path / "d")
    engine = open_engine(settings)
    c = TestClient(create_app(engine, settings))
    assert c.get("/v1/ready").status_code == 503
    assert c.get("/v1/search", params={"q": "x"}).status_code == 503
    engine.load()
    assert c.get("/v1/ready").json() == {"ready": True, "documents": 0}
    engine.close()


def test_openapi_and_demo_page(client):
    spec = client.get("/openapi.json").json()
    assert {"/v1/search", "/v1/suggest", "/v1/documents/_bulk", "/v1/documents/{doc_id}",
            "/v1/health", "/v1/ready", "/v1/stats"} <= set(spec["paths"])
    page = client.get("/")
    assert page.status_code == 200 and 'id="q"' in page.text
    stats = client.get("/v1/stats").json()
    assert stats["documents"] == len(CATALOG) and stats["engine"] == "embedded"


def test_seed_catalog_is_indexed_before_ready_and_only_into_an_empty_store(tmp_path):
    settings = Settings(data_dir=tmp_path / "d")
    seed = [{"id": "a", "type": "artist", "name": "Aurora", "popularity": 50}]
    engine = open_engine(settings)
    c = TestClient(create_app(engine, settings))
    assert engine.load(seed_if_empty=lambda: seed) == 1
    assert c.get("/v1/ready").json() == {"ready": True, "documents": 1}
    engine.delete("a")
    list(engine.index_documents([{"id": "b", "type": "artist", "name": "Björk"}]))
    engine.close()
    again = open_engine(settings)
    assert again.load(seed_if_empty=lambda: seed) == 1  # not re-seeded: "b" only
    assert again.get("a") is None and again.get("b") is not None
    again.close()


def test_prometheus_metrics_count_requests_by_route_not_by_query(client):
    client.get("/v1/search", params={"q": "secret-user-text"})
    client.get("/v1/documents/no-such-id")
    text = client.get("/metrics").text
    assert 'segue_requests_total{method="GET",route="/v1/search",status="200"}' in text
    assert 'route="/v1/documents/{doc_id}",status="404"' in text
    assert "segue_request_seconds_bucket" in text
    assert f"segue_documents {float(len(CATALOG))}" in text
    assert "secret-user-text" not in text and "no-such-id" not in text
