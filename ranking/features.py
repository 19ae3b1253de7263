"""Ranking features: small named functions of a candidate, each in a known range.

A variant weighs them; `explain=true` prints value × weight for each, so the reason
a hit is first is read off the same numbers that ranked it. Features take the
candidate's best match per query word, chosen once by `best_matches`.
"""

from __future__ import annotations

import math
from collections.abc import Callable
from dataclasses import dataclass
from itertools import pairwise

from segue.indexer import Field

from .candidates import Candidate, MatchKind, QueryShape, WordMatch
from .variants import Variant

SEARCHED_AS_NAME = (Field.NAME, Field.ALIASES)
_POPULARITY_SCALE = math.log1p(100.0)


@dataclass(frozen=True, slots=True)
class Context:
    """Everything a feature may read, computed once per candidate."""

    candidate: Candidate
    query: QueryShape
    variant: Variant
    best: dict[int, WordMatch]  # query word -> its best match


def best_matches(candidate: Candidate, variant: Variant) -> dict[int, WordMatch]:
    best: dict[int, WordMatch] = {}
    for m in candidate.matches:
        cur = best.get(m.word)
        if cur is None or _match_value(m, variant) > _match_value(cur, variant):
            best[m.word] = m
    return best


def _match_value(m: WordMatch, variant: Variant) -> float:
    return (variant.match_values[m.kind] * variant.field_weights[m.field]
            - 0.1 * m.typos + 0.01 * m.exact_form)


# An optional word (a typed leading article) counts for this much when it matches.
OPTIONAL_WORD = 0.3


def _word_weights(query: QueryShape) -> list[float]:
    required = set(query.required)
    return [1.0 if i in required else OPTIONAL_WORD for i in range(len(query.words))]


def coverage(ctx: Context) -> float:
    """Share of the typed words that matched; an article the user typed counts a little."""
    weights = _word_weights(ctx.query)
    required = sum(weights[w] for w in ctx.query.required)
    found = sum(wt for w, wt in enumerate(weights) if w in ctx.best)
    return min(found / required, 1.0 + OPTIONAL_WORD) / (1.0 + OPTIONAL_WORD) \
        if len(weights) > len(ctx.query.required) else found / required


def match(ctx: Context) -> float:
    """How well the words matched: exact > prefix > typo > phonetic."""
    required = ctx.query.required
    values = ctx.variant.match_values
    return sum(values[ctx.best[w].kind] for w in required if w in ctx.best) / len(required)


def typos(ctx: Context) -> float:
    """Number of typos forgiven (weighted negatively)."""
    return float(sum(m.typos for m in ctx.best.values()))


def field(ctx: Context) -> float:
    """Where the words matched: name > artists > album > aliases."""
    if not ctx.best:
        return 0.0
    weights = ctx.variant.field_weights
    return sum(weights[m.field] for m in ctx.best.values()) / len(ctx.best)


def exact(ctx: Context) -> float:
    """The query is the whole name (or a whole alias): 1; less while still typing (0.7)
    or when a word was mistyped (0.5)."""
    required = ctx.query.required
    best = 0.0
    for fld in SEARCHED_AS_NAME:
        by_value: dict[int, list[WordMatch]] = {}
        for m in ctx.candidate.matches:
            if m.field == fld and m.kind >= MatchKind.TYPO:
                by_value.setdefault(m.value_start, []).append(m)
        for matches in by_value.values():
            words: dict[int, WordMatch] = {}
            for m in matches:
                if m.word not in words or m.kind > words[m.word].kind:
                    words[m.word] = m
            if not all(w in words for w in required):
                continue
            positions = {words[w].position for w in required}
            if len(positions) < matches[0].value_length:
                continue
            kinds = {words[w].kind for w in required}
            value = 0.5 if MatchKind.TYPO in kinds else 0.7 if MatchKind.PREFIX in kinds \
                else 1.0
            best = max(best, value)
    return best


def start(ctx: Context) -> float:
    """The name begins with what was typed: people type titles from their first word."""
    first = ctx.query.required[0]
    best = ctx.best.get(first)
    if best is None:
        return 0.0
    return 1.0 if any(m.word == first and m.ordinal == 0 and m.field in SEARCHED_AS_NAME
                      and m.kind >= best.kind for m in ctx.candidate.matches) else 0.0


def accents(ctx: Context) -> float:
    """Share of matched words typed in the document's own form (accents, script)."""
    if not ctx.best:
        return 0.0
    return sum(m.exact_form for m in ctx.best.values()) / len(ctx.best)


def proximity(ctx: Context) -> float:
    """Consecutive query words found next to each other, in order, in one field value."""
    words = ctx.query.required
    if len(words) < 2:
        return 1.0 if ctx.best else 0.0
    score = 0.0
    for a, b in pairwise(words):
        ma, mb = ctx.best.get(a), ctx.best.get(b)
        if ma is None or mb is None:
            continue
        if ma.field == mb.field and ma.value_start == mb.value_start:
            gap = mb.position - ma.position
            score += 1.0 if gap == 1 else 0.5 if 0 < gap <= 3 else 0.25
    return score / (len(words) - 1)


def lexical(ctx: Context) -> float:
    """BM25F-style: rare words count more, in heavier and shorter fields; in [0, 1]."""
    if not ctx.best:
        return 0.0
    total_idf = sum(m.idf for m in ctx.best.values()) or 1.0
    weights = ctx.variant.field_weights
    score = 0.0
    for m in ctx.best.values():
        norm = 1.0 / (0.6 + 0.4 * max(m.value_length, 1) / 3.0)
        score += m.idf * weights[m.field] * min(norm, 1.2) / 1.2
    return score / total_idf * (len(ctx.best) / len(ctx.query.words))


def popularity(ctx: Context) -> float:
    """A log-scaled popularity prior in [0, 1]."""
    return math.log1p(max(ctx.candidate.popularity, 0.0)) / _POPULARITY_SCALE


def entity_type(ctx: Context) -> float:
    """The variant's prior for the document's type (artists first, say)."""
    return ctx.variant.type_prior.get(ctx.candidate.type, 0.0)


def vector(ctx: Context) -> float:
    """Cosine similarity to the query's embedding, when the engine gave one."""
    sim = ctx.candidate.vector_similarity
    return 0.0 if sim is None else max(sim, 0.0)


FEATURES: dict[str, Callable[[Context], float]] = {
    "coverage": coverage,
    "match": match,
    "typos": typos,
    "field": field,
    "exact": exact,
    "start": start,
    "accents": accents,
    "proximity": proximity,
    "lexical": lexical,
    "popularity": popularity,
    "type": entity_type,
    "vector": vector,
}

