"""Text embeddings: what is embedded, the cache, restart without re-embedding, offline."""

from __future__ import annotations

import os
import subprocess
import sys
import uuid
from pathlib import Path

import numpy as np

from segue.indexer import EmbeddingCache, TextEmbedder, embedding_text
from segue.query import SearchRequest

from .conftest import MODEL

DOCS = [
    {"id": "tr-take-on-me", "type": "track", "name": "Take On Me", "artists": ["a-ha"],
     "album": "Hunting High and Low", "genres": ["synthpop", "new wave"], "year": 1985,
     "popularity": 80},
    {"id": "tr-fast-car", "type": "track", "name": "Fast Car", "artists": ["Tracy Chapman"],
     "genres": ["folk", "singer-songwriter"], "year": 1988, "popularity": 70,
     "description": "A quiet acoustic guitar ballad about escaping a small town."},
    {"id": "pl-study", "type": "playlist", "name": "Deep focus", "owner": "segue",
     "genres": ["ambient"], "description": "Instrumental ambient to help you concentrate.",
     "popularity": 40},
    {"id": "ar-metallica", "type": "artist", "name": "Metallica",
     "genres": ["heavy metal", "thrash metal"], "popularity": 85},
]


def test_the_embedding_text_reads_name_artists_album_genres_era_and_description():
    text = embedding_text(DOCS[0])
    assert text == ("track: Take On Me. by a-ha. from the album Hunting High and Low. "
                    "genres: synthpop, new wave. from the 1980s, the 80s")
    assert embedding_text(DOCS[1]).endswith("about escaping a small town.")


def test_unchanged_text_is_never_embedded_twice_even_by_a_new_process(tmp_path, embedder):
    cache = EmbeddingCache(tmp_path / "e.sqlite3")
    first = TextEmbedder(MODEL, cache)
    texts = [embedding_text(d) for d in DOCS]
    vectors = first.embed(texts + texts[:1])   # a repeated text is embedded once
    assert first.model_calls == 1 and first.texts_embedded == len(DOCS)
    assert vectors.shape == (5, 384)
    assert np.allclose(np.linalg.norm(vectors, axis=1), 1.0, atol=1e-5)
    assert first.embed(texts).tolist() == vectors[:4].tolist()
    assert first.model_calls == 1
    again = TextEmbedder(MODEL, EmbeddingCache(tmp_path / "e.sqlite3"))
    assert np.array_equal(again.embed(texts[::-1]), vectors[:4][::-1])
    assert again.model_calls == 0


def test_restart_restores_text_vectors_without_calling_the_model(make_vector_engine,
                                                                  tmp_path: Path):
    data = tmp_path / "store"
    engine = make_vector_engine(DOCS, data=data)
    assert engine.text.embedder.texts_embedded == len(DOCS)
    assert engine.stats()["vectors"]["text"]["vectors"] == len(DOCS)
    # A popularity refresh does not change the words: nothing to embed.
    list(engine.bulk([b'{"update":{"_id":"tr-fast-car"}}', b'{"doc":{"popularity":99}}']))
    assert engine.wait_for_vectors(60)
    assert engine.text.embedder.texts_embedded == len(DOCS)
    engine.close()

    again = make_vector_engine(data=data)
    assert again.text.embedder.model_calls == 0
    assert again.stats()["vectors"]["text"]["vectors"] == len(DOCS)
    hit = again.search(SearchRequest(q="acoustic guitar ballad", mode="semantic")).hits[0]
    assert hit["id"] == "tr-fast-car"
    again.close()

    # Without the snapshot the indexes are rebuilt from the store: the cache still
    # holds every text, so the model is not called either.
    for path in (data / "vectors").iterdir():
        for file in path.iterdir():
            file.unlink()
    rebuilt = make_vector_engine(data=data)
    assert rebuilt.stats()["vectors"]["text"]["vectors"] == len(DOCS)
    assert rebuilt.text.embedder.model_calls == 0


def test_changed_text_is_embedded_again_and_deleted_documents_are_never_found(
        make_vector_engine):
    engine = make_vector_engine(DOCS)
    calls = engine.text.embedder.texts_embedded
    list(engine.bulk([b'{"update":{"_id":"pl-study"}}',
                      b'{"doc":{"description":"Loud thrash metal for the gym."}}']))
    assert engine.wait_for_vectors(60)
    assert engine.text.embedder.texts_embedded == calls + 1
    engine.delete("ar-metallica")
    hits = engine.search(SearchRequest(q="heavy metal for the gym", mode="semantic")).hits
    assert hits[0]["id"] == "pl-study"
    assert "ar-metallica" not in {h["id"] for h in hits}


def test_the_model_loads_with_the_hub_unreachable(tmp_path: Path):
    """Nothing is fetched at run time: the packaged model loads with the hub offline
    and its address pointing nowhere."""
    env = {**os.environ, "HF_HUB_OFFLINE": "1", "TRANSFORMERS_OFFLINE": "1",
           "HF_ENDPOINT": "http://127.0.0.1:9", "HF_HOME": str(tmp_path / "hf"),
           "HTTPS_PROXY": "http://127.0.0.1:9", "HTTP_PROXY": "http://127.0.0.1:9"}
    code = ("from segue.indexer import TextEmbedder\n"
            "e = TextEmbedder()\n"
            "v = e.embed(['rainy day acoustic'])\n"
            "print(e.dim, round(float((v * v).sum()), 3))\n")
    out = subprocess.run([sys.executable, "-c", code], env=env, capture_output=True,
                         text=True, timeout=300)
    assert out.returncode == 0, out.stderr[-2000:]
    assert out.stdout.split() == ["384", "1.0"]
    assert not (tmp_path / "hf").exists()  # not even a hub cache directory was made


def test_a_repeated_query_is_embedded_once(demo_client) -> None:
    """A search box sends the same words again (backspace, a second page): the query
    vector comes from the cache, counted in /v1/stats."""
    def counts() -> tuple[int, int]:
        text = demo_client.get("/v1/stats").json()["vectors"]["text"]
        return text["query_cache_hits"], text["query_cache_misses"]

    q = f"sunny café jazz for a lazy sunday {uuid.uuid4().hex[:6]}"
    hits, misses = counts()
    first = demo_client.get("/v1/search", params={"q": q, "mode": "semantic"}).json()
    assert counts() == (hits, misses + 1)
    again = demo_client.get("/v1/search", params={"q": q, "mode": "semantic",
                                                  "offset": 5}).json()
    assert counts() == (hits + 1, misses + 1)
    assert first["mode"] == again["mode"] == "semantic" and first["hits"] and again["hits"]


def test_the_machine_cache_answers_what_the_data_directory_has_not_seen(tmp_path: Path
                                                                        ) -> None:
    """`make install` embeds the demo into a cache beside the model: a fresh data
    directory reads its vectors from there, and writes only its own file."""
    shared = EmbeddingCache(tmp_path / "machine" / "embeddings.sqlite3")
    shared.put_many({b"k-demo": np.ones(4, np.float32)})
    local = EmbeddingCache(tmp_path / "data" / "embeddings.sqlite3", shared)
    local.put_many({b"k-new": np.zeros(4, np.float32)})
    found = local.get_many([b"k-demo", b"k-new", b"k-unknown"])
    assert sorted(found) == [b"k-demo", b"k-new"]
    assert found[b"k-demo"].tolist() == [1.0] * 4
    assert len(shared) == 1 and len(local) == 1
