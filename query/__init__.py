"""Query: from the text in the search box to ranked, typed, highlighted hits.

    searcher = Searcher(EmbeddedRetriever(index), fetch, variants, "default", lock)
    searcher.search(SearchRequest(q="beyon", limit=10))   # top result + hits
    searcher.suggest("shak")                               # as-you-type completions

`parse_query` analyzes the text like a document; a `Retriever` (one per engine)
turns it into ranking `Candidate`s; ranking orders them; `Searcher` shapes the answer.
"""

from .cluster import ClusterRetriever, build_query
from .embedded import EmbeddedRetriever, EmbeddedVectors
from .errors import EngineUnavailable
from .fusion import MODES, blend, choose_mode, rrf
from .search import (
    Retriever,
    Searcher,
    SearchRequest,
    SearchResponse,
    UnknownVariant,
    VectorRetriever,
)
from .understanding import MAX_QUERY_CHARS, ParsedQuery, QueryWord, parse_query

__all__ = [
    "MAX_QUERY_CHARS",
    "MODES",
    "ClusterRetriever",
    "EmbeddedRetriever",
    "EmbeddedVectors",
    "EngineUnavailable",
    "ParsedQuery",
    "QueryWord",
    "Retriever",
    "SearchRequest",
    "SearchResponse",
    "Searcher",
    "UnknownVariant",
    "VectorRetriever",
    "blend",
    "build_query",
    "choose_mode",
    "parse_query",
    "rrf",
]
