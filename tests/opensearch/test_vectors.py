"""Vectors on the cluster engine, against the real OpenSearch node (k-NN plugin, Lucene
HNSW): audio and text vectors written with the documents, /v1/similar over HTTP, and
hybrid search answering descriptions while names stay lexical."""

from __future__ import annotations

import tempfile
import uuid
from collections.abc import Iterator
from pathlib import Path

import orjson
import pytest
from fastapi.testclient import TestClient

from segue.api import create_app
from segue.catalog import load_demo
from segue.cluster import ClusterEngine
from segue.config import Settings
from segue.indexer import EmbeddingCache, TextEmbedder, default_model_path

from .conftest import drop

MODEL = str(default_model_path())
NDJSON = {"content-type": "application/x-ndjson"}


@pytest.fixture(scope="session")
def cluster_embedder(tmp_path_factory: pytest.TempPathFactory) -> TextEmbedder:
    """One model for the session, with an embedding cache of its own."""
    cache = EmbeddingCache(tmp_path_factory.mktemp("embeddings") / "embeddings.sqlite3")
    return TextEmbedder(MODEL, cache)


def vector_engine(url: str, embedder: TextEmbedder, docs: list[dict], **settings: object
                  ) -> ClusterEngine:
    settings.setdefault("data_dir", Path(tempfile.mkdtemp(prefix="segue-knn-")))
    engine = ClusterEngine(
        Settings(engine="opensearch", opensearch_url=url, text_model=MODEL, **settings),
        alias=f"segue-test-knn-{uuid.uuid4().hex[:8]}", replicas=0, embedder=embedder)
    engine.load()
    if docs:
        results = list(engine.index_documents(docs))
        assert all(r.ok for r in results), [r for r in results if not r.ok]
        assert engine.wait_for_vectors(600)  # text vectors come behind the words
    return engine


def ndjson(*objs: object) -> bytes:
    return b"\n".join(orjson.dumps(o) for o in objs) + b"\n"


def bulk(client: TestClient, *docs: dict) -> list[dict]:
    body = b"".join(ndjson({"index": {"_id": d["id"]}}, d) for d in docs)
    r = client.post("/v1/documents/_bulk?refresh=wait_for&wait_for_vectors=true&timeout=120s",
                    content=body, headers=NDJSON)
    assert r.status_code == 200, r.text
    assert r.json()["vectors_pending"] == 0 and not r.json()["vectors_timed_out"]
    return [next(iter(item.values())) for item in r.json()["items"]]


def track(doc_id: str, name: str, vector: list[float] | None, genre: str = "rock",
          **extra: object) -> dict:
    doc = {"id": doc_id, "type": "track", "name": name, "genres": [genre], "popularity": 50,
           **extra}
    if vector is not None:
        doc["audio_embedding"] = vector
    return doc


def audio_dimension(engine: ClusterEngine) -> int | None:
    mapping = engine.client.indices.get_mapping(index=engine.alias)
    (body,) = mapping.values()
    spec = body["mappings"]["properties"].get("audio_embedding")
    return None if spec is None else int(spec["dimension"])


# -- /v1/similar ------------------------------------------------------------------------


@pytest.fixture
def small(opensearch_url: str, cluster_embedder: TextEmbedder
          ) -> Iterator[tuple[ClusterEngine, TestClient]]:
    engine = vector_engine(opensearch_url, cluster_embedder, [])
    yield engine, TestClient(create_app(engine, Settings(engine="opensearch")))
    drop(engine)


def test_similar_by_audio_then_text_never_itself_filtered_and_forgetting_deletes(small):
    _, client = small
    results = bulk(
        client,
        track("t-metal-1", "Paranoid", [1.0, 0.1, 0.0], "metal"),
        track("t-metal-2", "Master of Puppets", [0.9, 0.2, 0.0], "metal"),
        track("t-metal-3", "Ace of Spades", [0.8, 0.3, 0.1], "metal"),
        track("t-jazz", "So What", [0.0, 0.1, 1.0], "jazz"),
        {"id": "al-metal", "type": "album", "name": "Paranoid", "audio_embedding": [1, 0, 0]},
        track("t-doom", "Black Sabbath", None, "doom metal",
              description="slow heavy doom metal riffs, dark and loud"),
        track("t-lullaby", "Brahms Lullaby", None, "classical",
              description="a soft piano lullaby for babies"),
        track("t-sludge", "Holy Mountain", None, "sludge metal",
              description="heavy slow metal with crushing dark riffs"))
    assert [r["status"] for r in results] == [201] * 8
    r = client.get("/v1/similar", params={"id": "t-metal-1", "limit": 3})
    assert r.status_code == 200
    body = r.json()
    assert body["source"] == "audio"
    assert [h["id"] for h in body["hits"]] == ["al-metal", "t-metal-2", "t-metal-3"]
    assert body["hits"][0]["score"] == pytest.approx(0.995, abs=0.001)
    assert all("audio_embedding" not in h and "text_embedding" not in h
               for h in body["hits"])
    tracks = client.get("/v1/similar", params={"id": "t-metal-1", "type": "track",
                                               "limit": 3}).json()
    assert [h["id"] for h in tracks["hits"]] == ["t-metal-2", "t-metal-3", "t-jazz"]
    # No audio vector: the text vectors Segue wrote answer instead.
    doom = client.get("/v1/similar", params={"id": "t-doom", "limit": 3}).json()
    assert doom["source"] == "text"
    assert "t-doom" not in {h["id"] for h in doom["hits"]}
    assert doom["hits"][0]["id"] == "t-sludge", doom["hits"]
    # A deleted document is never offered again.
    assert client.delete("/v1/documents/t-metal-2").status_code == 200
    again = client.get("/v1/similar", params={"id": "t-metal-1", "type": "track"}).json()
    assert "t-metal-2" not in {h["id"] for h in again["hits"]}
    assert client.get("/v1/similar", params={"id": "t-metal-2"}).status_code == 404
    assert client.get("/v1/similar", params={"id": "nope"}).status_code == 404


def test_audio_dimension_is_fixed_by_the_first_vector_and_checked_per_item(small):
    engine, client = small
    assert audio_dimension(engine) is None
    results = bulk(client, track("a", "Paranoid", [1.0, 0.0, 0.0]),
                   track("b", "Iron Man", [1.0, 0.0]),
                   track("c", "War Pigs", [0.0, 0.0, 0.0]),
                   track("d", "Changes", [0.0, 1.0, 0.0]))
    assert [r["status"] for r in results] == [201, 400, 400, 201]
    assert "field 'audio_embedding': has 2 dimensions; this index takes 3" in \
        results[1]["error"]["reason"]
    assert "has zero norm" in results[2]["error"]["reason"]
    assert audio_dimension(engine) == 3
    # The stored document is the one sent: its audio vector, never Segue's text vector.
    doc = client.get("/v1/documents/a").json()
    assert doc["audio_embedding"] == [1.0, 0.0, 0.0] and "text_embedding" not in doc
    # A reindex keeps the dimension.
    engine.reindex()
    assert audio_dimension(engine) == 3
    assert bulk(client, track("e", "Snowblind", [0.5, 0.5]))[0]["status"] == 400


def test_a_configured_audio_dimension_is_the_index_s(opensearch_url, cluster_embedder):
    engine = vector_engine(opensearch_url, cluster_embedder, [], audio_dim=4)
    try:
        assert audio_dimension(engine) == 4
        (bad,) = engine.index_documents([track("x", "Paranoid", [1.0, 0.0, 0.0])])
        assert bad.status == 400 and "this index takes 4" in (bad.reason or "")
    finally:
        drop(engine)


def test_unchanged_text_is_never_embedded_twice(small, cluster_embedder):
    engine, client = small
    doc = track("t-once", "A Song Embedded Once", None, "folk",
                description=f"written for this test {uuid.uuid4().hex}")
    before = cluster_embedder.texts_embedded
    bulk(client, doc)
    assert cluster_embedder.texts_embedded == before + 1
    # Popularity changes, the words do not: the cached vector is used.
    r = client.post("/v1/documents/_bulk?refresh=wait_for", headers=NDJSON,
                    content=ndjson({"update": {"_id": "t-once"}}, {"doc": {"popularity": 90}}))
    assert r.json()["items"][0]["update"]["status"] == 200
    bulk(client, {**doc, "popularity": 10})
    assert cluster_embedder.texts_embedded == before + 1
    bulk(client, {**doc, "description": doc["description"] + " and changed"})
    assert cluster_embedder.texts_embedded == before + 2
    stored = engine.client.get(index=engine.alias, id="t-once")["_source"]
    assert len(stored["text_embedding"]) == 384


# -- hybrid search on part of the demo catalog ------------------------------------------


def demo_part() -> list[dict]:
    """Every playlist, the 80s, and one track, album and artist in twelve of the rest:
    about 770 documents, so the model embeds them in about twenty seconds."""
    docs = list(load_demo())
    names = {"Taylor Swift", "Shake It Off", "Bohemian Rhapsody", "Queen", "Beyoncé"}
    keep = [d for n, d in enumerate(docs)
            if d["type"] in ("playlist", "episode") or n % 12 == 0
            or 1980 <= (d.get("year") or 0) <= 1989 or d["name"] in names
            or names & set(d.get("artists") or [])]
    return keep


@pytest.fixture(scope="module")
def demo(opensearch_url: str, tmp_path_factory: pytest.TempPathFactory
         ) -> Iterator[TestClient]:
    # Module scope: its own embedder over the same (process-wide) model.
    cache = EmbeddingCache(tmp_path_factory.mktemp("demo-emb") / "embeddings.sqlite3")
    engine = vector_engine(opensearch_url, TextEmbedder(MODEL, cache), demo_part())
    yield TestClient(create_app(engine, Settings(engine="opensearch")))
    drop(engine)


def search(client: TestClient, **params: object) -> dict:
    r = client.get("/v1/search", params=params)
    assert r.status_code == 200, r.text
    return r.json()


def test_upbeat_80s_synth_is_answered_hybrid_with_80s_synth_tracks(demo):
    body = search(demo, q="upbeat 80s synth", type="track", limit=5)
    assert body["mode"] == "hybrid"
    for hit in body["hits"]:
        assert any("synth" in g for g in hit["genres"]), hit
        assert "text_embedding" not in hit
    assert sum(1980 <= h["year"] <= 1989 for h in body["hits"]) >= 3
    assert "Take On Me" in [h["name"] for h in body["hits"]]
    assert search(demo, q="upbeat 80s synth")["top"]["name"] == \
        "Upbeat 80s synth for running"


def test_a_description_found_only_by_meaning(demo):
    """No word of the query is in the documents: only the vectors can answer."""
    body = search(demo, q="songs to cry to after a breakup", limit=10, explain="true")
    assert body["mode"] == "hybrid"
    names = [h["name"] for h in body["hits"]]
    assert "Heartbreak Rap" in names or "Baladas para llorar" in names, names
    fusion = body["hits"][0]["explain"]["fusion"]
    assert fusion["method"] == "rrf" and fusion["similarity"] > 0.3
    semantic = search(demo, q="songs to cry to after a breakup", mode="semantic")
    assert semantic["mode"] == "semantic" and semantic["hits"]


def test_names_are_answered_lexically_with_the_same_ranking(demo):
    for q in ("taylor swift", "shake it off", "bohemian rhapsody queen", "beyonce"):
        auto = search(demo, q=q)
        lexical = search(demo, q=q, mode="lexical")
        assert auto["mode"] == "lexical", (q, auto["mode_reason"])
        assert [h["id"] for h in auto["hits"]] == [h["id"] for h in lexical["hits"]]
        assert auto["hits"], q


def test_similar_on_the_demo_by_audio_of_the_same_type(demo):
    body = demo.get("/v1/similar", params={"id": "tr-a-ha-take-on-me",
                                           "type": "track"}).json()
    assert body["source"] == "audio" and len(body["hits"]) == 10
    assert "tr-a-ha-take-on-me" not in {h["id"] for h in body["hits"]}
    assert all(h["type"] == "track" for h in body["hits"])
