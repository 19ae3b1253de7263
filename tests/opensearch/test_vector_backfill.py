"""The cluster engine's writes are not gated by the embedder: words are indexed and
acknowledged at once, text vectors follow from a durable backlog as partial updates,
`_bulk` reports `vectors_pending`, and a restart resumes the backlog. Against the
real OpenSearch node."""

from __future__ import annotations

import uuid
from pathlib import Path

import orjson
from fastapi.testclient import TestClient

from segue.api import create_app
from segue.catalog import generate
from segue.cluster import ClusterEngine
from segue.config import Settings
from segue.indexer import EmbeddingCache, TextEmbedder

from .conftest import drop
from .test_vectors import MODEL, NDJSON

FEW = [
    {"id": "t-ode", "type": "track", "name": "Ода к радости", "artists": ["Бетховен"],
     "genres": ["classical"], "description": "a choir sings of joy", "version": 3},
    {"id": "t-cafe", "type": "track", "name": "Café de Flore", "artists": ["Doctor Rockit"],
     "genres": ["ambient"], "description": "slow piano for a quiet morning"},
]


def body(docs: list[dict]) -> bytes:
    out = b""
    for d in docs:
        meta = {"_id": d["id"], **({"version": d["version"]} if "version" in d else {})}
        out += orjson.dumps({"index": meta}) + b"\n" + orjson.dumps(d) + b"\n"
    return out


def engine_on(url: str, data: Path, alias: str) -> ClusterEngine:
    # Its own cache: every text is new to it, so the model has real work to do.
    embedder = TextEmbedder(MODEL, EmbeddingCache(data / "embeddings.sqlite3"))
    engine = ClusterEngine(Settings(engine="opensearch", opensearch_url=url,
                                    text_model=MODEL, data_dir=data),
                           alias=alias, replicas=0, embedder=embedder)
    engine.load()
    return engine


def test_words_first_vectors_behind_and_a_restart_resumes(opensearch_url, tmp_path) -> None:
    alias = f"segue-test-backfill-{uuid.uuid4().hex[:8]}"
    engine = engine_on(opensearch_url, tmp_path, alias)
    try:
        client = TestClient(create_app(engine, Settings(engine="opensearch")))
        load = list(generate(600, seed=31))
        r = client.post("/v1/documents/_bulk?refresh=wait_for", content=body(load),
                        headers=NDJSON)
        answer = r.json()
        assert r.status_code == 200 and answer["errors"] is False
        assert answer["vectors_pending"] > 0  # acknowledged before the embedder was done
        # distinct=false: the synthetic catalog has versions of one track, collapsed by default
        hits = client.get("/v1/search", params={"q": load[-1]["name"], "mode": "lexical",
                                                "distinct": "false"})
        assert load[-1]["id"] in [h["id"] for h in hits.json()["hits"]]
        # Stop with vectors still owed: the backlog is on disk.
        engine.close()
        engine = engine_on(opensearch_url, tmp_path, alias)
        assert engine.embedding_backlog()
        client = TestClient(create_app(engine, Settings(engine="opensearch")))
        r = client.post("/v1/documents/_bulk?wait_for_vectors=true&timeout=120s",
                        content=body(FEW), headers=NDJSON)
        assert r.json()["vectors_pending"] == 0 and r.json()["vectors_timed_out"] is False
        stored = engine.client.get(index=alias, id="t-ode")
        assert len(stored["_source"]["text_embedding"]) == 384
        assert stored["_version"] == 3  # external version kept: a v4 write still applies
        hits = client.get("/v1/search", params={"q": "joyful choir", "mode": "semantic",
                                                "limit": 1}).json()["hits"]
        assert hits[0]["id"] == "t-ode"
        assert engine.wait_for_vectors(300)
        assert engine.embedding_backlog() is None
        last = engine.client.get(index=alias, id=load[-1]["id"])["_source"]
        assert len(last["text_embedding"]) == 384
    finally:
        drop(engine)
