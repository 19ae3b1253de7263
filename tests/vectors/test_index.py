"""The FAISS vector index: recall against exact search, updates, deletes, persistence."""

from __future__ import annotations

from pathlib import Path

import numpy as np
import pytest

from segue.indexer import FixedDimension, VectorIndex
from segue.schema import DocumentError

N, DIM, CLUSTERS = 100_000, 32, 64


def clustered(rng: np.random.Generator, centers: np.ndarray, n: int) -> np.ndarray:
    """Vectors around genre-like centers, as audio embeddings are."""
    picks = rng.integers(0, len(centers), n)
    return (centers[picks] + 0.8 * rng.normal(size=(n, centers.shape[1]))).astype(np.float32)


@pytest.fixture(scope="module")
def big() -> tuple[VectorIndex, np.ndarray, np.ndarray]:
    rng = np.random.default_rng(5)
    centers = rng.normal(size=(CLUSTERS, DIM))
    vectors = clustered(rng, centers, N)
    index = VectorIndex()
    for i, v in enumerate(vectors):
        index.upsert(f"t{i}", "track" if i % 4 else "album", v)
    index.compact()
    return index, vectors, clustered(rng, centers, 300)


def test_hnsw_recall_at_10_against_exact_search_on_100k_vectors(big):
    index, _, queries = big
    assert index.kind == "hnsw" and len(index) == N
    recall = [len({d for d, _ in index.search(q, 10)} & set(index.exact_search(q, 10))) / 10
              for q in queries]
    assert np.mean(recall) >= 0.95, np.mean(recall)


def test_a_type_filter_returns_only_that_type(big):
    index, _, queries = big
    found = index.search(queries[0], 10, types=frozenset({"album"}))
    assert len(found) == 10
    assert all(int(d[1:]) % 4 == 0 for d, _ in found)


def test_cosine_is_scale_free_and_an_updated_vector_replaces_the_old(big):
    index, vectors, _ = big
    probe = vectors[123] * 7.0   # same direction, another length
    assert index.search(probe, 1)[0][0] == "t123"
    assert index.search(probe, 1)[0][1] == pytest.approx(1.0, abs=1e-4)
    index.upsert("t123", "track", vectors[456])
    found = dict(index.search(vectors[123], 20))
    assert "t123" not in found or found["t123"] < 0.999
    assert index.search(vectors[456], 2)[0][1] == pytest.approx(1.0, abs=1e-4)
    assert {d for d, _ in index.search(vectors[456], 2)} == {"t123", "t456"}
    assert len(index) == N
    index.upsert("t123", "track", vectors[123])


def test_a_deleted_document_is_never_returned(big):
    index, vectors, _ = big
    gone = [f"t{i}" for i in range(1000, 1050)]
    for doc_id in gone:
        index.remove(doc_id)
    for i in range(1000, 1050):
        found = {d for d, _ in index.search(vectors[i], 50)}
        assert not found & set(gone)
    assert len(index) == N - 50
    for i in range(1000, 1050):
        index.upsert(f"t{i}", "track" if i % 4 else "album", vectors[i])


def test_exact_while_small_then_hnsw_above_the_threshold():
    rng = np.random.default_rng(1)
    index = VectorIndex(hnsw_above=500)
    for i, v in enumerate(rng.normal(size=(400, 8))):
        index.upsert(f"d{i}", "track", v)
    index.compact()
    assert index.kind == "flat"
    for i, v in enumerate(rng.normal(size=(200, 8))):
        index.upsert(f"e{i}", "track", v)
    index.compact()
    assert index.kind == "hnsw" and len(index) == 600


def test_saved_and_loaded_with_deletions_and_the_same_answers(tmp_path: Path):
    rng = np.random.default_rng(2)
    vectors = rng.normal(size=(3000, 16)).astype(np.float32)
    index = VectorIndex(hnsw_above=1000)
    for i, v in enumerate(vectors):
        index.upsert(f"d{i}", "track", v)
    index.remove("d7")
    index.upsert("d8", "album", vectors[9])
    index.save(tmp_path / "v", {"seq": 42})
    loaded, meta = VectorIndex.load(tmp_path / "v")
    assert meta["seq"] == 42 and loaded.kind == "hnsw" and len(loaded) == 2999
    for q in vectors[:20]:
        assert loaded.search(q, 10) == index.search(q, 10)
    assert "d7" not in {d for d, _ in loaded.search(vectors[7], 10)}
    assert loaded.search(vectors[9], 2, types=frozenset({"album"}))[0][0] == "d8"


def test_the_first_vector_fixes_the_dimension_and_others_are_refused():
    check = FixedDimension("audio_embedding")
    check({"id": "a", "audio_embedding": [0.1, 0.2, 0.3]})
    check({"id": "b"})  # no vector: nothing to check
    with pytest.raises(DocumentError, match="has 2 dimensions; this index takes 3"):
        check({"id": "c", "audio_embedding": [0.1, 0.2]})
    configured = FixedDimension("audio_embedding", 4)
    with pytest.raises(DocumentError, match="this index takes 4"):
        configured({"id": "d", "audio_embedding": [1.0, 2.0, 3.0]})


def test_a_vector_whose_norm_passes_float32_is_still_a_direction() -> None:
    """Every value fits float32, but the squares do not: the stored vector must be the
    unit direction, not zeros that /v1/similar could never find anything near."""
    from segue.indexer.vectors import normalized

    unit = normalized(np.array([[1e20, 1e20, 0.0]], dtype=np.float32))
    assert unit.dtype == np.float32
    np.testing.assert_allclose(unit, [[2 ** -0.5, 2 ** -0.5, 0.0]], rtol=1e-6)
