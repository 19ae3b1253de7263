"""What one search asks, and the context every stage of it reads.

A `SearchRequest` is what the API (or a test) asks. `understand` turns it into a
`SearchContext`: the variant that answers and why, the parsed query, how many
candidates to rank and the mode. The context is frozen; a stage that decides more
(auto mode picks lexical or hybrid) hands on a new one.
"""

from __future__ import annotations

from dataclasses import dataclass

from segue.ranking import Assignment, UserContext, Variant

from .scope import EVERYTHING, Scope
from .understanding import ParsedQuery, parse_query


@dataclass(frozen=True, slots=True)
class SearchRequest:
    q: str
    limit: int = 10
    offset: int = 0
    types: frozenset[str] | None = None
    explain: bool = False
    variant: str | None = None
    user_id: str | None = None
    user: UserContext | None = None  # liked artists and genres: what `personalize` reads
    mode: str = "auto"                  # auto | lexical | semantic | hybrid
    semantic_ratio: float | None = None  # None: RRF; else the normalized blend's ratio
    scope: Scope = EVERYTHING           # filter, market, facets, sort, distinct


@dataclass(frozen=True, slots=True)
class SearchContext:
    request: SearchRequest
    variant: Variant
    assignment: Assignment   # how the variant was chosen (asked, traffic split, default)
    query: ParsedQuery
    want: int                # offset + limit: the ranked hits the page needs
    depth: int               # candidates retrieved and ranked for them
    mode: str                # lexical | semantic | hybrid, or auto until decided
    mode_reason: str

    @property
    def explain(self) -> bool:
        return self.request.explain


def understand(request: SearchRequest, variant: Variant, assignment: Assignment,
               *, text_vectors: bool) -> SearchContext:
    """The context of a search: its query parsed, its depth and the mode asked, unless
    only the lexical one can answer (no words to embed, no text vectors)."""
    query = parse_query(request.q)
    want = request.offset + request.limit
    mode, reason = request.mode, "requested"
    if not query.words or not text_vectors:
        mode, reason = "lexical", "no text vectors" if query.words else "empty query"
    return SearchContext(request, variant, assignment, query, want,
                         max(variant.candidates, want), mode, reason)
