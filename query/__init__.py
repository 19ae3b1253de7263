"""Query: from the text in the search box to ranked, typed, highlighted hits.

    searcher = Searcher(EmbeddedRetriever(index), fetch, variants, "default", lock)
    searcher.search(SearchRequest(q="beyon", limit=10))   # top result + hits
    searcher.suggest("shak")                               # as-you-type completions

`parse_query` analyzes the text like a document; a `Retriever` (one per engine)
turns it into ranking `Candidate`s with the documents it holds (`Retrieved`); ranking
orders them; `Searcher` runs the stages of `stages.py` over one `SearchContext`:
understand → retrieve → rank → fuse → personalize → top result, hits.
`similar` answers "more like this" over any engine's `Neighbours`.
A `Scope` (filter parsed by `parse_filter`, market, facets, `Sort`, distinct) narrows
a search while its candidates are gathered, on every engine.
"""

from segue.errors import EngineUnavailable

from .cluster import ClusterRetriever, build_query
from .cluster_vectors import ClusterNeighbours, ClusterVectorRetriever
from .context import SearchContext
from .embedded import EmbeddedRetriever, EmbeddedVectors
from .filters import MAX_FILTER_CHARS, Expr, FilterError, fields_of, parse_filter
from .fusion import MODES, blend, choose_mode, rrf
from .retrieval import Retrieved
from .scope import EVERYTHING, Scope, ScopeError, Sort, parse_facets, parse_sort
from .search import (
    Retriever,
    Searcher,
    SearchRequest,
    SearchResponse,
    UnknownVariant,
    VectorRetriever,
)
from .similar import IndexNeighbours, Neighbours, similar
from .understanding import MAX_QUERY_CHARS, ParsedQuery, QueryWord, parse_query

__all__ = [
    "EVERYTHING",
    "MAX_FILTER_CHARS",
    "MAX_QUERY_CHARS",
    "MODES",
    "ClusterNeighbours",
    "ClusterRetriever",
    "ClusterVectorRetriever",
    "EmbeddedRetriever",
    "EmbeddedVectors",
    "EngineUnavailable",
    "Expr",
    "FilterError",
    "IndexNeighbours",
    "Neighbours",
    "ParsedQuery",
    "QueryWord",
    "Retrieved",
    "Retriever",
    "Scope",
    "ScopeError",
    "SearchContext",
    "SearchRequest",
    "SearchResponse",
    "Searcher",
    "Sort",
    "UnknownVariant",
    "VectorRetriever",
    "blend",
    "build_query",
    "choose_mode",
    "fields_of",
    "parse_facets",
    "parse_filter",
    "parse_query",
    "parse_sort",
    "rrf",
    "similar",
]
