"""A search as stages over one context:

    understand → retrieve → rank → (auto mode) → fuse → personalize → top result, hits

Each stage is a function of the `SearchContext` and of what the stage before it
returned, and returns new values: a `Ranking` (the page's order, the order over every
type for the top result, the documents retrieval holds), new `Candidate`s built with
`dataclasses.replace` when a stage knows more of them (vector similarity, artists).
Nothing a stage was given changes behind the next one, so what ranked is what the
page shows and what `explain` prints. `Searcher` (search.py) runs them in order and
holds the engine's lock around the engine's calls.
"""

from __future__ import annotations

import math
from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass, field, replace
from functools import lru_cache
from typing import Any

import numpy as np

from segue.analyzers import analyze
from segue.ranking import (
    AFFINITY,
    Candidate,
    Ranked,
    Strength,
    Variant,
    corrected_query,
    credited_artists,
    credited_genres,
    personalize,
    rank,
    strength,
)

from .context import SearchContext
from .fusion import DECIDE_DEPTH, blend, choose_mode, rrf
from .hits import as_hit
from .retrieval import Documents, Retrieved, Retriever, VectorRetriever
from .scope import Facets, Scope, admitted_nearest, sorted_by
from .understanding import ParsedQuery

Fetch = Callable[[list[str]], Mapping[str, dict[str, Any]]]
Describe = Callable[[ParsedQuery, list[str], Documents], Retrieved]  # Retriever.describe
Admit = Callable[[list[str], Scope], list[str]]                       # Retriever.admit


# -- retrieve ------------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class Found:
    """The retrievals of one search."""

    page: Retrieved             # the requested types, as deep as the page needs
    overall: Retrieved | None   # every type, for the top result; None: `page` is that

    @property
    def broadest(self) -> Retrieved:
        return self.page if self.overall is None else self.overall

    @property
    def versions(self) -> Mapping[str, tuple[str, ...]]:
        """`distinct`'s other versions of the page's candidates and the top result's."""
        return {**self.broadest.versions, **self.page.versions}


def retrieve(ctx: SearchContext, retriever: Retriever) -> Found:
    """Candidates for the page and, when it asks for some types only, for the top
    result across types. The caller holds the engine's lock."""
    types = ctx.request.types
    scope = ctx.request.scope
    page = retriever.retrieve(ctx.query, ctx.variant, limit=ctx.depth, types=types,
                              scope=scope)
    if types is None:
        return Found(page, None)
    # The top result is the most relevant in scope, whatever the page's types.
    return Found(page, retriever.retrieve(ctx.query, ctx.variant,
                                          limit=ctx.variant.candidates, scope=scope.bare()))


# -- rank ----------------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class Ranking:
    """The ranked answer so far."""

    page: list[Ranked]             # the requested types, best first
    overall: list[Ranked] | None   # every type, for the top result; None: `page` is that
    total: int                     # documents that matched
    documents: Documents           # what retrieval already holds, by id
    fusion: Mapping[str, dict[str, Any]] = field(default_factory=dict)  # per document:
    # how its lexical and semantic ranks were fused (for `explain`)
    facets: Facets = field(default_factory=dict)        # over every match in scope
    versions: Mapping[str, tuple[str, ...]] = field(default_factory=dict)  # `distinct`

    @property
    def best(self) -> list[Ranked]:
        return self.page if self.overall is None else self.overall


def rank_lexical(ctx: SearchContext, candidates: Iterable[Candidate]) -> list[Ranked]:
    return rank(candidates, ctx.query.shape, ctx.variant, explain=ctx.explain)


def auto_mode(query: ParsedQuery, ranked: list[Ranked], variant: Variant) -> tuple[str, str]:
    """What `mode=auto` decides, and why, from the best lexical candidates: deciding
    needs no vector."""
    top = [r.candidate for r in ranked[:DECIDE_DEPTH]]
    return choose_mode(query, rank(top, query.shape, variant, explain=True))


def decide_mode(ctx: SearchContext, ranked: list[Ranked], vectors: VectorRetriever | None
                ) -> tuple[SearchContext, np.ndarray | None]:
    """The mode that answers and the query's vector (None: lexical). Auto mode decides
    from `ranked`, the lexical ranking; a model still loading means lexical."""
    mode, reason = ctx.mode, ctx.mode_reason
    if mode == "auto":
        mode, reason = auto_mode(ctx.query, ranked, ctx.variant)
    vector = vectors.embed(ctx.request.q) if mode != "lexical" and vectors is not None \
        else None
    if vector is None and mode != "lexical":
        mode, reason = "lexical", "the text model is still loading"
    return replace(ctx, mode=mode, mode_reason=reason), vector


def lexical(ctx: SearchContext, found: Found, ranked: list[Ranked]) -> Ranking:
    """The lexical answer: `ranked` (the page's candidates ranked), and every type's
    candidates ranked for the top result."""
    overall = None if found.overall is None else rank_lexical(ctx, found.overall.candidates)
    return Ranking(ranked, overall, found.page.total,
                   {**found.page.documents, **found.broadest.documents},
                   facets=found.page.facets, versions=found.versions)


# -- fuse ----------------------------------------------------------------------------


def fuse(ctx: SearchContext, found: Found, vector: np.ndarray, vectors: VectorRetriever,
         describe: Describe, admit: Admit) -> Ranking:
    """The semantic or hybrid answer: for the page, and for the top result when the
    page asks for some types only. Documents found by their vectors are described
    beside the broadest retrieval's (and those the page's fusion read)."""
    page, total, fusion, held = _fused(ctx, found.page, vector, ctx.depth,
                                       ctx.request.types, found.broadest.documents,
                                       vectors, describe, admit)
    overall = None
    if found.overall is not None:
        overall, _, overall_fusion, held = _fused(ctx, found.overall, vector,
                                                  ctx.variant.candidates, None, held,
                                                  vectors, describe, admit)
        fusion = {**overall_fusion, **fusion}
    return Ranking(page, overall, total, {**found.page.documents, **held}, fusion,
                   found.page.facets, found.versions)


def _fused(
    ctx: SearchContext, lexical: Retrieved, vector: np.ndarray, depth: int,
    types: frozenset[str] | None, beside: Documents, vectors: VectorRetriever,
    describe: Describe, admit: Admit,
) -> tuple[list[Ranked], int, dict[str, dict[str, Any]], Documents]:
    """Lexical and vector candidates ranked by the same features (the vector one
    included), then ordered by fusing the lexical order with the semantic one."""
    request = ctx.request
    nearest = nearest_in_scope(vectors, vector, depth, types, request.scope, admit)
    words = () if ctx.mode == "semantic" else lexical.candidates
    known = {c.doc_id for c in words}
    extra = [d for d, _ in nearest if d not in known]
    described = describe(ctx.query, extra, beside)
    candidates = [*words, *described.candidates]
    sims = dict(nearest)
    sims.update(vectors.similarity(vector, [c.doc_id for c in candidates
                                            if c.doc_id not in sims]))
    ranked = rank_lexical(ctx, [replace(c, vector_similarity=sims.get(c.doc_id))
                                for c in candidates])
    lexical_ids = [r.candidate.doc_id for r in ranked if r.candidate.doc_id in known]
    semantic_ids = [d for d, _ in nearest]
    if ctx.mode == "semantic":
        scores = {d: s for d, s in nearest}
        method = "semantic"
    elif request.semantic_ratio is not None:
        lexical_scores = {r.candidate.doc_id: r.score for r in ranked
                          if r.candidate.doc_id in known}
        scores = blend(lexical_scores, dict(nearest), request.semantic_ratio)
        method = "blend"
    else:
        scores = rrf(lexical_ids, semantic_ids)
        method = "rrf"
    lex_rank = {d: i for i, d in enumerate(lexical_ids, start=1)}
    sem_rank = {d: i for i, d in enumerate(semantic_ids, start=1)}
    fusion = {d: {"method": method, "lexical_rank": lex_rank.get(d),
                  "semantic_rank": sem_rank.get(d),
                  "similarity": round(sims[d], 4) if d in sims else None,
                  **({"semantic_ratio": request.semantic_ratio}
                     if method == "blend" else {})}
              for d in scores}
    fused = [Ranked(r.candidate, scores[r.candidate.doc_id], r.explanation)
             for r in ranked if r.candidate.doc_id in scores]
    fused.sort(key=lambda r: (-r.score, -r.candidate.popularity, r.candidate.doc_id))
    return fused, lexical.total + len(extra), fusion, {**beside, **described.documents}


def nearest_in_scope(vectors: VectorRetriever, vector: np.ndarray, k: int,
                     types: frozenset[str] | None, scope: Scope, admit: Admit
                     ) -> list[tuple[str, float]]:
    """The `k` nearest documents that `scope` admits (`admitted_nearest`)."""
    if not scope.narrows:
        return vectors.nearest(vector, k, types)
    return admitted_nearest(lambda n: vectors.nearest(vector, n, types), k,
                            lambda ids: admit(ids, scope))


# -- sort ----------------------------------------------------------------------------


def sort_ranking(ctx: SearchContext, ranking: Ranking, keys: Mapping[str, Any]) -> Ranking:
    """The page in the order `sort=` asks (relevance breaks ties, then the id); the
    top result stays the most relevant (retrieval gathered the first by key and the
    most relevant alike: see `Retriever.retrieve`)."""
    sort = ctx.request.scope.sort
    if sort is None:
        return ranking
    page = sorted_by(ranking.page, sort, lambda r: keys.get(r.candidate.doc_id),
                     lambda r: r.score, lambda r: r.candidate.doc_id)
    return replace(ranking, page=page, overall=ranking.best)


# -- personalize ---------------------------------------------------------------------


def personalize_ranking(ctx: SearchContext, ranking: Ranking, fetch: Fetch) -> Ranking:
    """The user's affinity added to the lexical ranking (`personalize`). Affinity is in
    ranking-score units; fused orders are ranks, not scores, so a user context
    re-orders lexical answers only."""
    user = ctx.request.user or None
    liking = ctx.variant.weights.get(AFFINITY, 0.0)
    if not (user and liking > 0 and ctx.mode == "lexical"):
        return ranking
    # Affinity adds at most `liking`: only candidates that close to the page (or to the
    # top result) can move, so only they need their artists and genres.
    near_page = _near(ranking.page, ctx.want, liking)
    near_best = [] if ranking.overall is None else _near(ranking.overall, 1, liking)
    docs = documents(list(dict.fromkeys(c.doc_id for c in near_page + near_best)),
                     ranking.documents, fetch)
    page = personalize(_with_tastes(ranking.page, near_page, docs), ctx.variant, user,
                       explain=ctx.explain)
    overall = None if ranking.overall is None else personalize(
        _with_tastes(ranking.overall, near_best, docs), ctx.variant, user,
        explain=ctx.explain)
    return replace(ranking, page=page, overall=overall)


def with_tastes(candidates: Iterable[Candidate], docs: Mapping[str, Mapping[str, Any]]
                ) -> list[Candidate]:
    """Candidates with the artists and genres of their documents (what affinity reads);
    those without a document as they are."""
    return [_tasted(c, docs.get(c.doc_id)) for c in candidates]


def _tasted(candidate: Candidate, doc: Mapping[str, Any] | None) -> Candidate:
    if doc is None:
        return candidate
    return replace(candidate, artists=credited_artists(doc), genres=credited_genres(doc))


def _with_tastes(ranked: list[Ranked], near: list[Candidate],
                 docs: Mapping[str, Mapping[str, Any]]) -> list[Ranked]:
    ids = {c.doc_id for c in near}
    return [Ranked(_tasted(r.candidate, docs.get(r.candidate.doc_id)), r.score,
                   r.explanation, r.context) if r.candidate.doc_id in ids else r
            for r in ranked]


def _near(ranked: list[Ranked], want: int, reach: float) -> list[Candidate]:
    """The candidates a bonus of at most `reach` could bring into the first `want`."""
    if not ranked:
        return []
    edge = ranked[min(want, len(ranked)) - 1].score - reach if len(ranked) >= want \
        else -math.inf
    return [r.candidate for r in ranked if r.score >= edge]


# -- top result and hits -------------------------------------------------------------


def documents(doc_ids: list[str], held: Documents, fetch: Fetch
              ) -> Mapping[str, dict[str, Any]]:
    """Documents by id: those retrieval holds, the others fetched in one call."""
    out = {i: held[i] for i in doc_ids if i in held}
    missing = [i for i in doc_ids if i not in out]
    if missing:
        out.update(fetch(missing))
    return out


def shown(ctx: SearchContext, ranking: Ranking) -> list[str]:
    """The documents the answer shows: the page's and the top result's."""
    return [r.candidate.doc_id
            for r in ranking.page[ctx.request.offset:ctx.want] + ranking.best[:1]]


def confidence(ranking: Ranking, docs: Mapping[str, dict[str, Any]]
               ) -> tuple[Strength, str | None]:
    """How well the best candidate matched what was typed (`ranking.confidence`), and
    the words as it matched them when it needed typos or sound-alikes."""
    best = ranking.best
    if not best:
        return "none", None
    doc = docs.get(best[0].candidate.doc_id) or {}
    name = list(_name_words(str(doc.get("name", ""))))
    return strength(best[0].context, name), corrected_query(best[0].context)


@lru_cache(maxsize=4096)
def _name_words(name: str) -> tuple[str, ...]:
    """A name's words as analyzed, one per position: "JAY-Z" is jay and z, its joined
    "jayz" is not a third. Memoized: the same best answers come back keystroke after
    keystroke, and analysis is a pure function of the text."""
    words: dict[int, str] = {}
    for t in analyze(name):
        if not t.optional:
            words.setdefault(t.position, t.text)
    return tuple(words.values())


def top_result(ctx: SearchContext, ranking: Ranking, docs: Mapping[str, dict[str, Any]],
               match: Strength) -> dict[str, Any] | None:
    """The best hit across types, whatever types the page asks for; none unless the
    answer is good (a mash or an absent name has no top)."""
    best = ranking.best
    if not best or best[0].candidate.doc_id not in docs or match != "good":
        return None
    return with_versions(as_hit(best[0], docs, ctx.explain, ctx.variant, ranking.fusion,
                                ctx.request.user or None), ranking.versions)


def hits(ctx: SearchContext, ranking: Ranking, docs: Mapping[str, dict[str, Any]]
         ) -> list[dict[str, Any]]:
    """The page, as the API shows it. (Hits are never dropped here: `total` and the
    pages below must list the same matches; weak answers say so in `match`.)"""
    return [with_versions(as_hit(r, docs, ctx.explain, ctx.variant, ranking.fusion,
                                 ctx.request.user or None), ranking.versions)
            for r in ranking.page[ctx.request.offset:ctx.want]
            if r.candidate.doc_id in docs]


def with_versions(hit: dict[str, Any], versions: Mapping[str, tuple[str, ...]]
                  ) -> dict[str, Any]:
    """A hit that stands for several versions of one track (`distinct`): how many,
    and the others' ids."""
    others = versions.get(hit["id"])
    if others:
        hit["versions"] = len(others) + 1
        hit["version_ids"] = list(others)
    return hit
