"""The /v1 API served by the OpenSearch engine: same answers, same write contract."""

from __future__ import annotations

import json
from collections.abc import Iterator

import orjson
import pytest
from fastapi.testclient import TestClient

from segue.api import create_app
from segue.cluster import ClusterEngine
from segue.config import Settings
from segue.query import build_query, parse_query
from segue.query.readings import split_points

from ..conftest import CATALOG
from .conftest import cluster_engine_for, drop

NDJSON = {"content-type": "application/x-ndjson"}


def user_strings(node: object) -> list[str]:
    """The `value` and `query` strings anywhere in a search body."""
    if isinstance(node, dict):
        found = [v for k, v in node.items() if k in ("value", "query") and isinstance(v, str)]
        return found + [s for v in node.values() for s in user_strings(v)]
    if isinstance(node, list):
        return [s for v in node for s in user_strings(v)]
    return []


def ndjson(*objs: object) -> bytes:
    return b"\n".join(orjson.dumps(o) for o in objs) + b"\n"


@pytest.fixture(scope="module")
def engine(opensearch_url: str) -> Iterator[ClusterEngine]:
    engine = cluster_engine_for(opensearch_url, list(CATALOG))
    yield engine
    drop(engine)


@pytest.fixture(scope="module")
def client(engine: ClusterEngine) -> TestClient:
    return TestClient(create_app(engine, Settings(engine="opensearch")))


def test_search_answers_like_the_embedded_engine(client: TestClient) -> None:
    for q, name in [("beyonce", "Beyoncé"), ("p!nk", "P!nk"), ("kino", "Кино"),
                    ("кино", "Кино"), ("acdc", "AC/DC")]:
        body = client.get("/v1/search", params={"q": q}).json()
        assert body["top"]["name"] == name, (q, body["top"])
    health = client.get("/v1/health").json()
    assert health["engine"] == "opensearch"


@pytest.mark.parametrize("q", ["name:*", ")(", '\\"', "OR 1=1", "type:artist AND *",
                               '{"match_all": {}}', "beyon~2", "/.*/"])
def test_query_syntax_is_text(client: TestClient, engine: ClusterEngine, q: str) -> None:
    r = client.get("/v1/search", params={"q": q})
    assert r.status_code == 200, r.text
    parsed = parse_query(q)
    body = build_query(parsed, engine.settings.typo_budget)
    assert "query_string" not in json.dumps(body)
    # Every string the user influenced is one of Segue's analyzed words (or all of
    # them joined for the names' match): no operator, field or wildcard survives.
    # Its other readings are Segue's too: analyzed words joined, cut, or read on another
    # keyboard layout and analyzed again (letters and digits only).
    words = {t.text for w in parsed.words for t in w.tokens}
    words |= {r.text for w in parsed.words for r in w.readings}
    words |= {part for w in parsed.words for cut in split_points(w.tokens[0].text)
              for part in cut}
    assert all(w.isalnum() for w in words if w.isascii())
    for leaf in user_strings(body):
        assert set(leaf.split()) <= words, leaf
    # Whatever the text, nothing matches everything: only words of the query can.
    assert r.json()["total"] < len(CATALOG)


def test_operators_reach_no_document_they_do_not_name(client: TestClient) -> None:
    assert client.get("/v1/search", params={"q": ")("}).json()["hits"] == []
    hits = client.get("/v1/search", params={"q": "name:*"}).json()["hits"]
    assert all("name" in json.dumps(h).lower() for h in hits)


def test_bulk_items_versions_and_validation(client: TestClient) -> None:
    body = ndjson(
        {"index": {"_id": "os-new", "version": 5}},
        {"type": "artist", "name": "Rosalía", "popularity": 80},
        {"index": {"_id": "os-bad"}}, {"type": "artist", "name": "X", "popularity": "lots"},
    ) + b'{"index":{"_id":"os-bad2"}}\n{"type":"artist",\n' + ndjson(
        {"delete": {"_id": "never-was"}},
    )
    r = client.post("/v1/documents/_bulk", content=body, headers=NDJSON)
    assert r.status_code == 200
    items = [next(iter(i.values())) for i in r.json()["items"]]
    assert [i["status"] for i in items] == [201, 400, 400, 404]
    assert "popularity" in items[1]["error"]["reason"] and "line 4" in items[1]["error"]["reason"]
    assert items[2]["error"]["reason"].startswith("line 6")
    assert client.get("/v1/search", params={"q": "rosalia"}).json()["top"]["id"] == "os-new"

    stale = ndjson({"index": {"_id": "os-new", "version": 4}},
                   {"type": "artist", "name": "Rosalía (old)", "popularity": 1})
    (item,) = client.post("/v1/documents/_bulk", content=stale, headers=NDJSON).json()["items"]
    assert item["index"]["status"] == 409
    assert item["index"]["error"]["type"] == "version_conflict_engine_exception"
    assert client.get("/v1/documents/os-new").json()["name"] == "Rosalía"

    update = ndjson({"update": {"_id": "os-new"}}, {"doc": {"popularity": 99.5}})
    (item,) = client.post("/v1/documents/_bulk", content=update, headers=NDJSON).json()["items"]
    assert item["update"]["status"] == 200
    updated = client.get("/v1/documents/os-new").json()
    assert (updated["name"], updated["popularity"]) == ("Rosalía", 99.5)

    assert client.delete("/v1/documents/os-new").status_code == 200
    assert client.get("/v1/documents/os-new").status_code == 404
    r = client.get("/v1/search", params={"q": "rosalia"})
    assert r.status_code == 200, r.text
    assert "os-new" not in [h["id"] for h in r.json()["hits"]]
