"""Vector retrieval on the cluster engine: k-NN queries on the index's vector fields.

`ClusterVectors` is the cluster's `VectorRetriever` for the `Searcher` (hybrid and
semantic search): the query is embedded by the same `TextEmbedder` that embedded the
documents on the write path, and its neighbours come from a k-NN query on
`text_embedding` (the k-NN plugin's Lucene HNSW on OpenSearch, `dense_vector` on
Elasticsearch), filtered by type inside the search, so a filter never empties the
top k. `similar_documents` answers `/v1/similar` from the same fields.

Both dialects score cosine space as (1 + cos) / 2; scores are turned back into the
cosine similarity the embedded engine reports.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from typing import Any

import numpy as np

from segue.indexer import TextEmbedder
from segue.schema import AUDIO_FIELD, TERMS_FIELD, TEXT_FIELD

_HIDDEN = [TERMS_FIELD, AUDIO_FIELD, TEXT_FIELD]   # never sent back with a neighbour
CANDIDATES_PER_K = 4   # HNSW candidates visited per neighbour wanted (Elasticsearch)


def _cosine(score: float) -> float:
    return 2.0 * float(score) - 1.0


def knn_body(field: str, vector: list[float], k: int, *, dialect: str = "opensearch",
             types: frozenset[str] | None = None, exclude: str | None = None
             ) -> dict[str, Any]:
    """A search for the k nearest documents to `vector` by `field`, the type filter and
    the excluded id applied during the graph search (not after it)."""
    bool_filter: dict[str, Any] = {}
    if types is not None:
        bool_filter["filter"] = [{"terms": {"type": sorted(types)}}]
    if exclude is not None:
        bool_filter["must_not"] = [{"ids": {"values": [exclude]}}]
    filt = {"bool": bool_filter} if bool_filter else None
    if dialect == "elasticsearch":
        knn: dict[str, Any] = {"field": field, "query_vector": vector, "k": k,
                               "num_candidates": max(k * CANDIDATES_PER_K, 50)}
        if filt is not None:
            knn["filter"] = filt
        return {"size": k, "knn": knn, "_source": {"excludes": _HIDDEN}}
    spec: dict[str, Any] = {"vector": vector, "k": k}
    if filt is not None:
        spec["filter"] = filt
    return {"size": k, "query": {"knn": {field: spec}}, "_source": {"excludes": _HIDDEN}}


class ClusterVectorRetriever:
    """A `VectorRetriever` over a cluster index's `text_embedding` field."""

    def __init__(self, client: Any, alias: str, embedder: Callable[[], TextEmbedder | None],
                 dialect: str = "opensearch") -> None:
        self.client = client
        self.alias = alias
        self.embedder = embedder
        self.dialect = dialect

    def embed(self, text: str) -> np.ndarray | None:
        embedder = self.embedder()
        return None if embedder is None else embedder.embed_query(text)

    def nearest(self, vector: np.ndarray, k: int, types: frozenset[str] | None
                ) -> list[tuple[str, float]]:
        body = knn_body(TEXT_FIELD, _floats(vector), k, dialect=self.dialect, types=types)
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


def similar_documents(client: Any, alias: str, doc_id: str, limit: int,
                      types: frozenset[str] | None, dialect: str = "opensearch"
                      ) -> dict[str, Any] | None:
    """More like this document: by its audio vector, else by its text vector; never
    the document itself; None when it does not exist."""
    found = client.mget(index=alias, body={"docs": [
        {"_id": doc_id, "_source": [AUDIO_FIELD, TEXT_FIELD]}]})["docs"]
    if not found or not found[0].get("found"):
        return None
    source: Mapping[str, Any] = found[0].get("_source") or {}
    for name, field in (("audio", AUDIO_FIELD), ("text", TEXT_FIELD)):
        vector = source.get(field)
        if not vector:
            continue
        body = knn_body(field, list(vector), limit, dialect=dialect, types=types,
                        exclude=doc_id)
        hits = client.search(index=alias, body=body)["hits"]["hits"]
        out = []
        for h in hits:
            doc = h["_source"]
            out.append({"id": h["_id"], "type": doc["type"], "name": doc["name"],
                        "score": round(_cosine(h["_score"]), 4),
                        **{k: v for k, v in doc.items() if k not in ("id", "type", "name")}})
        return {"id": doc_id, "source": name, "hits": out[:limit]}
    return {"id": doc_id, "source": None, "hits": []}


def _floats(vector: np.ndarray) -> list[float]:
    return [float(x) for x in np.asarray(vector, np.float32)]
