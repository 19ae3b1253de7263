"""Search and suggest: parse → retrieve (engine) → rank (ranking) → typed hits.

`Searcher` is engine-neutral: it is given a `Retriever` (the embedded one here, a
cluster one later) and a way to fetch stored documents, and it owns what the API
promises: one top result across types, ranked hits, highlights and explanations.
"""

from __future__ import annotations

import html
import logging
import math
import threading
import time
from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from typing import Any, Protocol

import numpy as np

from segue.ranking import (
    Candidate,
    MatchKind,
    Ranked,
    UserContext,
    Variant,
    assign,
    bucket,
    personalize,
    rank,
)
from segue.schema import NOT_RETURNED, Field

from .fusion import DECIDE_DEPTH, blend, choose_mode, rrf
from .highlight import highlight
from .understanding import ParsedQuery, parse_query

log = logging.getLogger("segue.assignment")

_HIGHLIGHTED: dict[Field, str] = {
    Field.NAME: "name", Field.ARTISTS: "artists", Field.ALBUM: "album",
    Field.ALIASES: "aliases", Field.SHOW: "show", Field.OWNER: "owner",
}


class Retriever(Protocol):
    def retrieve(
        self, query: ParsedQuery, variant: Variant, *, limit: int,
        types: frozenset[str] | None = None,
    ) -> tuple[list[Candidate], int]: ...

    def describe(self, query: ParsedQuery, doc_ids: list[str]) -> list[Candidate]:
        """Candidates for documents found another way (vectors), with their word matches."""
        ...


class VectorRetriever(Protocol):
    """The text-vector side of an engine: a query's embedding and its neighbours."""

    def embed(self, text: str) -> np.ndarray | None: ...   # None: no model (yet)
    def nearest(self, vector: np.ndarray, k: int, types: frozenset[str] | None
                ) -> list[tuple[str, float]]: ...
    def similarity(self, vector: np.ndarray, doc_ids: list[str]) -> dict[str, float]: ...


Fetch = Callable[[list[str]], Mapping[str, dict[str, Any]]]


class UnknownVariant(LookupError):
    pass


@dataclass(frozen=True, slots=True)
class SearchRequest:
    q: str
    limit: int = 10
    offset: int = 0
    types: frozenset[str] | None = None
    explain: bool = False
    variant: str | None = None
    user_id: str | None = None
    user: UserContext | None = None  # liked artists and genres: the affinity feature
    mode: str = "auto"                  # auto | lexical | semantic | hybrid
    semantic_ratio: float | None = None  # None: RRF; else the normalized blend's ratio


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
        query = parse_query(request.q)
        want = request.offset + request.limit
        depth = max(variant.candidates, want)
        shape = query.shape
        mode, reason = request.mode, "requested"
        fusion: dict[str, dict[str, Any]] = {}
        if not query.words or self.vectors is None:
            mode, reason = "lexical", "no text vectors" if query.words else "empty query"
        with self.lock:
            candidates, total = self.retriever.retrieve(
                query, variant, limit=depth, types=request.types)
            overall = candidates
            if request.types is not None:
                overall, _ = self.retriever.retrieve(query, variant, limit=variant.candidates)
        user = request.user or None
        ranked = rank(candidates, shape, variant, explain=request.explain)
        if mode == "auto":
            mode, reason = self._auto_mode(query, ranked, variant)
        vector = self.vectors.embed(request.q) if mode != "lexical" and self.vectors else None
        if vector is None and mode != "lexical":
            mode, reason = "lexical", "the text model is still loading"
        if mode == "lexical":
            best = ranked if overall is candidates else rank(overall, shape, variant,
                                                             explain=request.explain)
        else:
            assert vector is not None
            ranked, total, fusion = self._fuse(query, variant, request, vector, candidates,
                                               total, depth, request.types, mode)
            best = ranked
            if request.types is not None:
                best, _, overall_fusion = self._fuse(query, variant, request, vector,
                                                     overall, 0, variant.candidates, None,
                                                     mode)
                fusion = {**overall_fusion, **fusion}
        liking = variant.weights.get("affinity", 0.0)
        # Affinity is in ranking-score units; fused orders are ranks, not scores, so a
        # user context re-orders lexical answers only.
        if user and liking > 0 and mode == "lexical":
            # Affinity adds at most `liking`: only candidates that close to the page (or
            # to the top result) can move, so only they need their artists and genres.
            near = _near(ranked, want, liking)
            if best is not ranked:
                near += _near(best, 1, liking)
            self._describe(near)
            same = best is ranked
            ranked = personalize(ranked, variant, user, explain=request.explain)
            best = ranked if same else personalize(best, variant, user,
                                                   explain=request.explain)
        page = ranked[request.offset:want]
        docs = self.fetch([r.candidate.doc_id for r in page + best[:1]])
        hits = [_hit(r, docs, request.explain, variant, fusion, user) for r in page
                if r.candidate.doc_id in docs]
        top_hit = _hit(best[0], docs, request.explain, variant, fusion, user) \
            if best and best[0].candidate.doc_id in docs else None
        took = (time.perf_counter() - started) * 1000
        assignment = {"variant": variant.name, "version": variant.version,
                      "reason": chosen.reason}
        return SearchResponse(request.q, round(took, 3), total, top_hit, hits, variant.name,
                              assignment, mode, reason)

    def _auto_mode(self, query: ParsedQuery, ranked: list[Ranked], variant: Variant
                   ) -> tuple[str, str]:
        top = [r.candidate for r in ranked[:DECIDE_DEPTH]]
        return choose_mode(query, rank(top, query.shape, variant, explain=True))

    def auto_mode(self, q: str, variant: str | None = None) -> tuple[str, str]:
        """What `mode=auto` decides for this query, and why; no vector is needed to
        decide, so this also tells which queries can never be touched by fusion."""
        chosen = self.variant(variant)
        query = parse_query(q)
        if not query.words:
            return "lexical", "empty query"
        with self.lock:
            candidates, _ = self.retriever.retrieve(query, chosen, limit=chosen.candidates)
        return self._auto_mode(query, rank(candidates, query.shape, chosen), chosen)

    def _fuse(
        self, query: ParsedQuery, variant: Variant, request: SearchRequest,
        vector: np.ndarray, lexical: list[Candidate], total: int, depth: int,
        types: frozenset[str] | None, mode: str,
    ) -> tuple[list[Ranked], int, dict[str, dict[str, Any]]]:
        """Lexical and vector candidates ranked by the same features (the vector one
        included), then ordered by fusing the lexical order with the semantic one."""
        assert self.vectors is not None
        nearest = self.vectors.nearest(vector, depth, types)
        if mode == "semantic":
            lexical = []
        known = {c.doc_id for c in lexical}
        extra = [d for d, _ in nearest if d not in known]
        with self.lock:
            candidates = lexical + self.retriever.describe(query, extra)
        sims = dict(nearest)
        sims.update(self.vectors.similarity(vector, [c.doc_id for c in candidates
                                                     if c.doc_id not in sims]))
        for c in candidates:
            c.vector_similarity = sims.get(c.doc_id)
        ranked = rank(candidates, query.shape, variant, explain=request.explain)
        lexical_ids = [r.candidate.doc_id for r in ranked if r.candidate.doc_id in known]
        semantic_ids = [d for d, _ in nearest]
        if mode == "semantic":
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
        return fused, total + len(extra), fusion

    def _describe(self, candidates: list[Candidate]) -> None:
        """Give candidates their artists and genres from the stored documents (the
        document cache), unless the engine already did: what affinity reads."""
        missing = [c for c in candidates if not (c.artists or c.genres)]
        if not missing:
            return
        docs = self.fetch(list(dict.fromkeys(c.doc_id for c in missing)))
        for c in missing:
            doc = docs.get(c.doc_id)
            if doc is None:
                continue
            artists = doc.get("artists") or []
            if doc.get("type") == "artist":
                artists = [doc.get("name", ""), *artists]
            c.artists = tuple(a for a in artists if isinstance(a, str))
            c.genres = tuple(g for g in doc.get("genres") or [] if isinstance(g, str))

    def suggest(self, q: str, limit: int = 8) -> list[dict[str, Any]]:
        """As-you-type completions: distinct names of the best hits, with type and id."""
        response = self.search(SearchRequest(q=q, limit=limit * 3, mode="lexical"))
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


def _near(ranked: list[Ranked], want: int, reach: float) -> list[Candidate]:
    """The candidates a bonus of at most `reach` could bring into the first `want`."""
    if not ranked:
        return []
    edge = ranked[min(want, len(ranked)) - 1].score - reach if len(ranked) >= want \
        else -math.inf
    return [r.candidate for r in ranked if r.score >= edge]


def _hit(r: Ranked, docs: Mapping[str, dict[str, Any]], explain: bool,
         variant: Variant, fusion: Mapping[str, dict[str, Any]],
         user: UserContext | None = None) -> dict[str, Any]:
    doc = docs[r.candidate.doc_id]
    hit: dict[str, Any] = {"id": doc["id"], "type": doc["type"], "name": doc["name"],
                           "score": round(r.score, 4)}
    hit.update((k, v) for k, v in doc.items() if k not in hit and k not in NOT_RETURNED)
    hit["highlight"] = _highlights(r.candidate, doc)
    if explain:
        hit["explain"] = {
            "variant": f"{variant.name}@{variant.version}",
            "score": round(r.score, 4),
            "features": [
                {"feature": c.feature, "value": round(c.value, 4), "weight": c.weight,
                 "contribution": round(c.contribution, 4)}
                for c in r.explanation
            ],
            "matches": [
                {"word": m.word, "kind": m.kind.name.lower(), "typos": m.typos,
                 "field": m.field.name.lower(), "term": m.term, "exact_form": m.exact_form}
                for m in r.candidate.matches
            ],
        }
        if user:
            value, artists, genres = user.affinity(r.candidate.artists, r.candidate.genres)
            hit["explain"]["affinity"] = {"value": round(value, 4), "artists": list(artists),
                                          "genres": list(genres)}
        if r.candidate.doc_id in fusion:
            hit["explain"]["fusion"] = fusion[r.candidate.doc_id]
    return hit


def _highlights(candidate: Candidate, doc: Mapping[str, Any]) -> dict[str, Any]:
    by_field: dict[Field, tuple[set[str], set[str]]] = {}
    for m in candidate.matches:
        whole, prefixes = by_field.setdefault(m.field, (set(), set()))
        if m.prefix_chars and m.kind in (MatchKind.PREFIX, MatchKind.TYPO):
            prefixes.add(m.term[: m.prefix_chars])
        else:
            whole.add(m.term)
    out: dict[str, Any] = {}
    for fld, (whole, prefixes) in by_field.items():
        key = _HIGHLIGHTED.get(fld)
        value = doc.get(key) if key else None
        if isinstance(value, str):
            marked = highlight(value, whole, prefixes)
            if marked is not None:
                out[key] = marked
        elif isinstance(value, list):
            marked_list = [highlight(v, whole, prefixes) if isinstance(v, str) else None
                           for v in value]
            if any(marked_list):
                out[key] = [h if h is not None else _escape(v)
                            for h, v in zip(marked_list, value, strict=True)]
    # Credits moved from a track title to ARTISTS still show in the title text.
    if "name" not in out and Field.ARTISTS in by_field:
        whole, prefixes = by_field[Field.ARTISTS]
        marked = highlight(doc["name"], whole, prefixes)
        if marked is not None:
            out["name"] = marked
    return out


def _escape(value: Any) -> str:
    return html.escape(str(value))
