"""More like this (`/v1/similar`), written once for every engine.

A document's neighbours come from its audio vector if it has one, else from its text
vector; the document itself is never among them, and a type filter applies during the
nearest-neighbour search, so it never empties the answer. An engine supplies three
things through `Neighbours`: the vectors of an id, the nearest ids to a vector, and
the documents of those ids; `similar` does the rest and shapes every hit alike.

    similar(IndexNeighbours(exists, {"audio": audio_index}, fetch), "t1", 10, None)
    # {"id": "t1", "source": "audio", "hits": [{"id": ..., "score": 0.93, ...}]}
"""

from __future__ import annotations

from collections.abc import Callable, Mapping, Sequence
from functools import partial
from typing import TYPE_CHECKING, Any, Protocol

import numpy as np

from segue.schema import NOT_RETURNED

from .scope import admitted_nearest

if TYPE_CHECKING:
    from segue.indexer import VectorIndex

# The vector spaces a document may have, in the order they are tried.
SPACES = ("audio", "text")
_SHAPED = ("id", "type", "name")

Vector = Sequence[float] | np.ndarray


class Neighbours(Protocol):
    """What an engine supplies for `similar`."""

    def vectors(self, doc_id: str) -> Mapping[str, Vector] | None:
        """The document's vector in each space it has one in (`SPACES`); None when
        the document does not exist."""
        ...

    def nearest(self, space: str, vector: Vector, k: int, types: frozenset[str] | None,
                exclude: str) -> list[tuple[str, float]]:
        """The ids nearest to `vector` in `space` with their cosine similarity, best
        first, never `exclude`, only of `types` (all when None)."""
        ...

    def documents(self, doc_ids: list[str]) -> Mapping[str, Mapping[str, Any]]:
        """The documents of those ids that exist."""
        ...


def similar(source: Neighbours, doc_id: str, limit: int, types: frozenset[str] | None,
            admit: Callable[[list[str]], list[str]] | None = None) -> dict[str, Any] | None:
    """More like this document: by its audio vector, else by its text vector. None
    when the document does not exist; never the document itself. `admit`: keeps the
    ids in scope (a market), applied while searching (`admitted_nearest`)."""
    vectors = source.vectors(doc_id)
    if vectors is None:
        return None
    for space in SPACES:
        vector = vectors.get(space)
        if vector is None or len(vector) == 0:
            continue
        if admit is None:
            found = source.nearest(space, vector, limit, types, doc_id)
        else:
            found = admitted_nearest(partial(_nearest, source, space, vector, types, doc_id),
                                     limit, admit)
        docs = source.documents([d for d, _ in found])
        hits = [hit(d, docs[d], sim) for d, sim in found if d in docs]
        return {"id": doc_id, "source": space, "hits": hits[:limit]}
    return {"id": doc_id, "source": None, "hits": []}


def _nearest(source: Neighbours, space: str, vector: Vector, types: frozenset[str] | None,
             exclude: str, k: int) -> list[tuple[str, float]]:
    return source.nearest(space, vector, k, types, exclude)


def hit(doc_id: str, doc: Mapping[str, Any], similarity: float) -> dict[str, Any]:
    """A neighbour as the API sends it: id, type, name and score first, then the rest
    of the document without its vectors."""
    return {"id": doc_id, "type": doc["type"], "name": doc["name"],
            "score": round(similarity, 4),
            **{k: v for k, v in doc.items() if k not in NOT_RETURNED and k not in _SHAPED}}


class IndexNeighbours:
    """`Neighbours` over in-process `VectorIndex`es (the embedded engine's)."""

    def __init__(self, exists: Callable[[str], bool], indexes: Mapping[str, VectorIndex],
                 documents: Callable[[list[str]], Mapping[str, Mapping[str, Any]]]) -> None:
        self.exists = exists
        self.indexes = indexes
        self._documents = documents

    def vectors(self, doc_id: str) -> Mapping[str, Vector] | None:
        if not self.exists(doc_id):
            return None
        out: dict[str, Vector] = {}
        for space in SPACES:
            index = self.indexes.get(space)
            vector = index.vector(doc_id) if index is not None else None
            if vector is not None:
                out[space] = vector
        return out

    def nearest(self, space: str, vector: Vector, k: int, types: frozenset[str] | None,
                exclude: str) -> list[tuple[str, float]]:
        return self.indexes[space].search(np.asarray(vector, np.float32), k, types=types,
                                          exclude=exclude)

    def documents(self, doc_ids: list[str]) -> Mapping[str, Mapping[str, Any]]:
        return self._documents(doc_ids)
