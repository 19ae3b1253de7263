"""What an engine gives the search stages: candidates, with the documents it holds.

One `Retriever` per engine turns a parsed query into ranking `Candidate`s; a
`VectorRetriever` answers for the engine's text vectors. A retrieval returns a
`Retrieved` value: the candidates, how many documents matched, and the documents
the engine already read to find them (the cluster's hits carry their sources), so
the later stages never ask again for what is in hand, and nothing is kept between
calls.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from typing import Any, Protocol

import numpy as np

from segue.ranking import Candidate, Variant

from .scope import EVERYTHING, Facets, Key, Scope
from .understanding import ParsedQuery

Documents = Mapping[str, dict[str, Any]]


@dataclass(frozen=True, slots=True)
class Retrieved:
    candidates: tuple[Candidate, ...]
    total: int                                         # documents that matched at all
    documents: Documents = field(default_factory=dict)  # by id; empty if the engine
    # reads its documents another way (the embedded engine's document cache)
    facets: Facets = field(default_factory=dict)       # the scope's facets, every match
    keys: Mapping[str, Key] = field(default_factory=dict)  # sort values (when sorting)
    versions: Mapping[str, tuple[str, ...]] = field(default_factory=dict)  # `distinct`:
    # a candidate's other versions among the matches


class Retriever(Protocol):
    def retrieve(
        self, query: ParsedQuery, variant: Variant, *, limit: int,
        types: frozenset[str] | None = None, scope: Scope = EVERYTHING,
    ) -> Retrieved:
        """The best `limit` candidates in `scope` (with `scope.sort`: the `limit`
        first by its key and the `limit` most relevant), the matches counted in scope,
        its facets over every match."""
        ...

    def admit(self, doc_ids: list[str], scope: Scope) -> list[str]:
        """Those of `doc_ids` (found by their vectors) that `scope` admits, in order."""
        ...

    def describe(self, query: ParsedQuery, doc_ids: list[str], beside: Documents
                 ) -> Retrieved:
        """Candidates for documents found another way (vectors), with their word
        matches. `beside`: the documents already retrieved for this query, among which
        an engine without a collection-wide index matches them (same statistics); the
        answer's documents are only those it had to read."""
        ...


class VectorRetriever(Protocol):
    """The text-vector side of an engine: a query's embedding and its neighbours."""

    def embed(self, text: str) -> np.ndarray | None: ...   # None: no model (yet)
    def nearest(self, vector: np.ndarray, k: int, types: frozenset[str] | None
                ) -> list[tuple[str, float]]: ...
    def similarity(self, vector: np.ndarray, doc_ids: list[str]) -> dict[str, float]: ...
