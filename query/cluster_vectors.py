"""Vector retrieval on the cluster engine: k-NN queries on the index's vector fields.

`ClusterVectorRetriever` is the cluster's `VectorRetriever` for the `Searcher` (hybrid and
semantic search): the query is embedded by the same `TextEmbedder` that embedded the
documents on the write path, and its neighbours come from a k-NN query on
`text_embedding` (the k-NN plugin's Lucene HNSW on OpenSearch, `dense_vector` on
Elasticsearch), filtered by type inside the search, so a filter never empties the
top k; the `Dialect` spells the k-NN search. `ClusterNeighbours` supplies `similar`
(`/v1/similar`) from the same fields.

Both dialects score cosine space as (1 + cos) / 2; scores are turned back into the
cosine similarity the embedded engine reports.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from typing import TYPE_CHECKING, Any

import numpy as np

from segue.mappings import Dialect
from segue.schema import AUDIO_FIELD, TERMS_FIELD, TEXT_FIELD

from .similar import Vector

if TYPE_CHECKING:
    from segue.indexer import TextEmbedder

_HIDDEN = [TERMS_FIELD, AUDIO_FIELD, TEXT_FIELD]   # never sent back with a neighbour
_SPACES = {"audio": AUDIO_FIELD, "text": TEXT_FIELD}   # `similar`'s spaces, as fields


def _cosine(score: float) -> float:
    return 2.0 * float(score) - 1.0


class ClusterVectorRetriever:
    """A `VectorRetriever` over a cluster index's `text_embedding` field."""

    def __init__(self, client: Any, alias: str, embedder: Callable[[], TextEmbedder | None],
                 dialect: Dialect) -> None:
        self.client = client
        self.alias = alias
        self.embedder = embedder
        self.dialect = dialect

    def embed(self, text: str) -> np.ndarray | None:
        embedder = self.embedder()
        return None if embedder is None else embedder.embed_query(text)

    def nearest(self, vector: np.ndarray, k: int, types: frozenset[str] | None
                ) -> list[tuple[str, float]]:
        body = self.dialect.knn_search(TEXT_FIELD, _floats(vector), k, types=types)
        body["_source"] = False
        hits = self.client.search(index=self.alias, body=body)["hits"]["hits"]
        return [(h["_id"], _cosine(h["_score"])) for h in hits]

    def similarity(self, vector: np.ndarray, doc_ids: list[str]) -> dict[str, float]:
        """Cosine similarity of the query to documents found by their words: their
        stored text vectors (unit length) dotted with the query's."""
        if not doc_ids:
            return {}
        found = self.client.mget(index=self.alias, body={"docs": [
            {"_id": i, "_source": [TEXT_FIELD]} for i in doc_ids]})
        query = np.asarray(vector, np.float32)
        out: dict[str, float] = {}
        for d in found["docs"]:
            stored = d.get("_source", {}).get(TEXT_FIELD) if d.get("found") else None
            if stored:
                out[d["_id"]] = float(np.dot(np.asarray(stored, np.float32), query))
        return out


class ClusterNeighbours:
    """`Neighbours` (for `similar`) over a cluster index, for one request: the
    neighbours' documents come back with the k-NN answer and are served from it."""

    def __init__(self, client: Any, alias: str, dialect: Dialect) -> None:
        self.client = client
        self.alias = alias
        self.dialect = dialect
        self._found: dict[str, dict[str, Any]] = {}

    def vectors(self, doc_id: str) -> Mapping[str, Vector] | None:
        found = self.client.mget(index=self.alias, body={"docs": [
            {"_id": doc_id, "_source": [AUDIO_FIELD, TEXT_FIELD]}]})["docs"]
        if not found or not found[0].get("found"):
            return None
        source: Mapping[str, Any] = found[0].get("_source") or {}
        return {space: source[field] for space, field in _SPACES.items() if source.get(field)}

    def nearest(self, space: str, vector: Vector, k: int, types: frozenset[str] | None,
                exclude: str) -> list[tuple[str, float]]:
        body = self.dialect.knn_search(_SPACES[space], list(vector), k, types=types,
                                       exclude=exclude)
        body["_source"] = {"excludes": _HIDDEN}
        hits = self.client.search(index=self.alias, body=body)["hits"]["hits"]
        self._found.update((h["_id"], h["_source"]) for h in hits)
        return [(h["_id"], _cosine(h["_score"])) for h in hits]

    def documents(self, doc_ids: list[str]) -> Mapping[str, Mapping[str, Any]]:
        return {i: self._found[i] for i in doc_ids if i in self._found}


def _floats(vector: np.ndarray) -> list[float]:
    return [float(x) for x in np.asarray(vector, np.float32)]
