"""A `_bulk` request larger than one chunk on the cluster engine: every write it
acknowledges is searchable when it returns, on every shard, though the chunks are
sent without waiting for a refresh each."""

from __future__ import annotations

import uuid

import orjson
from fastapi.testclient import TestClient

from segue.api import create_app
from segue.catalog import generate
from segue.cluster import ClusterEngine
from segue.config import Settings
from segue.indexer.cluster import CHUNK

from .conftest import drop


def test_a_request_of_several_chunks_is_searchable_when_it_returns(opensearch_url: str
                                                                  ) -> None:
    settings = Settings(engine="opensearch", opensearch_url=opensearch_url)
    engine = ClusterEngine(settings, alias=f"segue-test-{uuid.uuid4().hex[:8]}",
                           replicas=0, shards=2)
    engine.load()
    try:
        # No periodic refresh: only what the engine does makes the writes visible.
        engine.client.indices.put_settings(index=engine.current_index(),
                                           body={"index": {"refresh_interval": "-1"}})
        docs = list(generate(2 * CHUNK + CHUNK // 2, seed=5, id_prefix="many"))
        body = b"".join(orjson.dumps({"index": {"_id": d["id"]}}) + b"\n"
                        + orjson.dumps(d) + b"\n" for d in docs)
        client = TestClient(create_app(engine, settings))
        r = client.post("/v1/documents/_bulk", content=body,
                        headers={"content-type": "application/x-ndjson"})
        assert r.status_code == 200 and not r.json()["errors"]
        assert len(r.json()["items"]) == len(docs)
        assert engine.count() == len(docs)
        for doc in (docs[0], docs[CHUNK + 7], docs[-1]):
            hits = client.get("/v1/search", params={"q": doc["name"], "limit": 50}).json()
            assert doc["id"] in [h["id"] for h in hits["hits"]], doc["name"]
    finally:
        drop(engine)
