"""Search and suggest: the stages of `stages.py` run in order, behind the engine's lock.

`Searcher` is engine-neutral: it is given a `Retriever` (the embedded one, or the
cluster's) and a way to fetch stored documents, and it owns what the API promises:
one top result across types, ranked hits, highlights and explanations.
"""

from __future__ import annotations

import logging
import threading
import time
from collections.abc import Mapping
from dataclasses import dataclass, field
from typing import Any

from segue.ranking import Variant, assign, bucket, rank

from .context import SearchContext, SearchRequest, understand
from .retrieval import Documents, Retrieved, Retriever, VectorRetriever
from .scope import EVERYTHING, Scope
from .stages import (
    Fetch,
    auto_mode,
    confidence,
    decide_mode,
    documents,
    fuse,
    hits,
    lexical,
    personalize_ranking,
    rank_lexical,
    retrieve,
    shown,
    sort_ranking,
    top_result,
)
from .understanding import ParsedQuery, parse_query

__all__ = [
    "Retriever",
    "SearchRequest",
    "SearchResponse",
    "Searcher",
    "UnknownVariant",
    "VectorRetriever",
]

log = logging.getLogger("segue.assignment")


class UnknownVariant(LookupError):
    pass


@dataclass(slots=True)
class SearchResponse:
    query: str
    took_ms: float
    total: int
    top: dict[str, Any] | None
    hits: list[dict[str, Any]] = field(default_factory=list)
    variant: str = ""
    assignment: dict[str, Any] = field(default_factory=dict)
    mode: str = "lexical"               # the mode that answered
    mode_reason: str = ""               # why (auto mode's rule, or "requested")
    facets: dict[str, dict[str, int]] | None = None  # when asked: value counts, every match
    match: str = "good"                 # good | weak | none: how well the best matched
    corrected_query: str | None = None  # the words as matched, when typos were needed


class Searcher:
    def __init__(
        self, retriever: Retriever, fetch: Fetch, variants: Mapping[str, Variant],
        default_variant: str, lock: threading.RLock,
        traffic: Mapping[str, float] | None = None, traffic_salt: str = "",
        vectors: VectorRetriever | None = None,
    ) -> None:
        self.retriever = retriever
        self.vectors = vectors
        self.fetch = fetch
        self.variants = variants
        self.default_variant = default_variant
        self.lock = lock
        self.traffic = dict(traffic or {})
        self.traffic_salt = traffic_salt
        unknown = sorted(set(self.traffic) - set(variants))
        if unknown:
            raise UnknownVariant(f"traffic names unknown variants {', '.join(unknown)}; "
                                 f"known: {', '.join(sorted(variants))}")

    def variant(self, name: str | None) -> Variant:
        name = name or self.default_variant
        try:
            return self.variants[name]
        except KeyError:
            raise UnknownVariant(
                f"unknown variant '{name}'; known: {', '.join(sorted(self.variants))}"
            ) from None

    def search(self, request: SearchRequest) -> SearchResponse:
        started = time.perf_counter()
        ctx = self.understand(request)
        with self.lock:
            found = retrieve(ctx, self.retriever)
        ranked = rank_lexical(ctx, found.page.candidates)
        ctx, vector = decide_mode(ctx, ranked, self.vectors)
        if vector is None:
            ranking = lexical(ctx, found, ranked)
        else:
            assert self.vectors is not None
            ranking = fuse(ctx, found, vector, self.vectors, self._describe, self._admit)
        ranking = personalize_ranking(ctx, ranking, self.fetch)
        ranking = sort_ranking(ctx, ranking, found.page.keys)
        docs = documents(shown(ctx, ranking), ranking.documents, self.fetch)
        match, corrected = confidence(ranking, docs)
        top, page = top_result(ctx, ranking, docs, match), hits(ctx, ranking, docs)
        took = (time.perf_counter() - started) * 1000
        variant = ctx.variant
        assignment = {"variant": variant.name, "version": variant.version,
                      "reason": ctx.assignment.reason}
        return SearchResponse(request.q, round(took, 3), ranking.total, top, page,
                              variant.name, assignment, ctx.mode, ctx.mode_reason,
                              dict(ranking.facets) if request.scope.facets else None,
                              match, corrected)

    def understand(self, request: SearchRequest) -> SearchContext:
        """The search's context: the variant this user gets (logged when not the
        default), the query parsed, the mode asked."""
        chosen = assign(requested=request.variant, user_id=request.user_id,
                        traffic=self.traffic, default=self.default_variant,
                        salt=self.traffic_salt)
        variant = self.variant(chosen.variant)
        if chosen.reason != "default":
            # The user id itself is never logged: its bucket is enough to audit a split.
            user = f"{bucket(request.user_id, self.traffic_salt):.6f}" \
                if request.user_id else "-"
            log.info("variant %s@%d (%s) for user bucket %s", variant.name, variant.version,
                     chosen.reason, user)
        return understand(request, variant, chosen, text_vectors=self.vectors is not None)

    def _describe(self, query: ParsedQuery, doc_ids: list[str], beside: Documents
                  ) -> Retrieved:
        with self.lock:
            return self.retriever.describe(query, doc_ids, beside)

    def admit(self, doc_ids: list[str], scope: Scope) -> list[str]:
        """Those of `doc_ids` in scope (for `similar`'s neighbours)."""
        return self._admit(doc_ids, scope)

    def _admit(self, doc_ids: list[str], scope: Scope) -> list[str]:
        with self.lock:
            return self.retriever.admit(doc_ids, scope)

    def auto_mode(self, q: str, variant: str | None = None) -> tuple[str, str]:
        """What `mode=auto` decides for this query, and why; no vector is needed to
        decide, so this also tells which queries can never be touched by fusion."""
        chosen = self.variant(variant)
        query = parse_query(q)
        if not query.words:
            return "lexical", "empty query"
        with self.lock:
            found = self.retriever.retrieve(query, chosen, limit=chosen.candidates)
        return auto_mode(query, rank(found.candidates, query.shape, chosen), chosen)

    def suggest(self, q: str, limit: int = 8, market: str | None = None
                ) -> list[dict[str, Any]]:
        """As-you-type completions: distinct names of the best hits in the market, with
        type and id."""
        scope = EVERYTHING if market is None else Scope(market=market)
        response = self.search(SearchRequest(q=q, limit=limit * 3, mode="lexical",
                                             scope=scope))
        seen: set[str] = set()
        out = []
        for hit in response.hits:
            key = hit["name"].casefold()
            if key in seen:
                continue
            seen.add(key)
            out.append({"text": hit["name"], "id": hit["id"], "type": hit["type"],
                        "highlight": hit.get("highlight", {}).get("name")})
            if len(out) == limit:
                break
        return out
