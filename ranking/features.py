"""Ranking features: small named functions of a candidate, each in a known range.

A variant weighs them; `explain=true` prints value × weight for each, so the reason
a hit is first is read off the same numbers that ranked it. What features share
(the best match of each query word, whole-name matches) is gathered once, by
`Context.of`, so each feature is a few lines of arithmetic.
"""

from __future__ import annotations

import math
from collections.abc import Callable, Mapping
from dataclasses import dataclass
from dataclasses import field as default
from functools import lru_cache
from itertools import pairwise

from segue.schema import Field

from .candidates import Candidate, MatchKind, QueryShape, WordMatch
from .variants import Variant

SEARCHED_AS_NAME = (Field.NAME, Field.ALIASES)
_POPULARITY_SCALE = math.log1p(100.0)


# An optional word (a typed leading article) counts for this much when it matches.
OPTIONAL_WORD = 0.3


@dataclass(slots=True)
class Context:
    """What features read, gathered in one pass over a candidate's matches.

    Features only read it. It is not frozen because one is built per candidate of every
    query (a frozen dataclass's constructor costs several times more), and so that
    `rank` can give every context the query's typing lead (`QueryShape.lead`) once it
    knows it, instead of copying them all."""

    candidate: Candidate
    query: QueryShape
    variant: Variant
    best: dict[int, WordMatch]                      # query word -> its best match
    name_values: dict[tuple[Field, int], dict[int, WordMatch]]  # name/alias value -> words
    first_word_lead: int        # the best kind matching the name's first word; 0: none
    # alias values typed whole and exactly ("new jeans" for NewJeans): they weigh as the name
    whole_aliases: set[tuple[Field, int]] = default(default_factory=set)
    # how surely the query is the whole of each name or alias value (`_whole`), once
    wholes: dict[tuple[Field, int], float] = default(default_factory=dict)

    @classmethod
    def of(cls, candidate: Candidate, query: QueryShape, variant: Variant) -> Context:
        worth = variant.worth
        first = query.required[0] if query.words else -1
        best: dict[int, WordMatch] = {}
        best_value: dict[int, float] = {}
        names: dict[tuple[Field, int], dict[int, WordMatch]] = {}
        lead = 0
        compound = False
        for m in candidate.matches:
            kind, word = m.kind, m.word
            value = worth[kind][m.field] - 0.1 * m.typos + 0.01 * m.exact_form
            # Equal values: the better kind ("cardib" is Cardi B split, more than one
            # typo away from "cardi"), so the corrected query says what matched.
            held = best_value.get(word)
            if held is None or value > held or (value == held and kind > best[word].kind):
                best[word], best_value[word] = m, value
            if m.field in SEARCHED_AS_NAME:
                if kind >= MatchKind.TYPO:
                    words = names.setdefault((m.field, m.value_start), {})
                    if word not in words or kind > words[word].kind:
                        words[word] = m
                if word == first and m.ordinal == 0 and kind > lead:
                    lead = kind
            compound = compound or kind == MatchKind.COMPOUND
        if compound:
            _read_as_joined(candidate.matches, best, names)
        ctx = cls(candidate, query, variant, best, names, lead)
        typed_whole = []  # the name and alias values the query is the whole of, surely
        for key, words in names.items():
            whole = ctx.wholes[key] = _whole(ctx, words)
            if whole == 1.0:
                typed_whole.append((key, words))
        if not typed_whole:
            return ctx
        whole_name = [words for key, words in typed_whole if key[0] == Field.NAME]
        if any(all(m.exact_form for m in words.values()) for words in whole_name):
            return ctx  # the name itself was typed whole, as written: it is the match
        for key, words in typed_whole:
            # A whole alias typed exactly is how the query matched, unless the name
            # was typed whole too and the alias is no closer to what was typed
            # ("pink": P!nk's alias Pink, in its own form; "beyonce": Beyoncé).
            if key[0] == Field.ALIASES and (
                    not whole_name or all(m.exact_form for m in words.values())):
                best.update({w: words[w] for w in query.required})
                ctx.whole_aliases.add(key)
        return ctx

    def weight(self, m: WordMatch) -> float:
        """The weight of the field a word matched in; a whole alias weighs as the name."""
        weights = self.variant.field_weights
        if m.field == Field.ALIASES and (m.field, m.value_start) in self.whole_aliases:
            return weights[Field.NAME]
        return weights[m.field]


def _read_as_joined(matches: list[WordMatch], best: dict[int, WordMatch],
                    names: dict[tuple[Field, int], dict[int, WordMatch]]) -> None:
    """A word joined into the one before it ("three d" -> 3D) is read so wherever that
    join matched: not also as the start of the next word of the same name ("3D
    Dutty"), which would count it twice, once in the join and once on its own."""
    carriers = {(m.field, m.position, m.term): m for m in matches
                if m.kind == MatchKind.COMPOUND and m.reading and " " not in m.reading}
    if not carriers:
        return
    for m in matches:
        if m.kind != MatchKind.COMPOUND or m.reading != "":
            continue
        carrier = carriers.get((m.field, m.position, m.term))
        if carrier is None or carrier.word == m.word:
            continue
        if best.get(carrier.word) is carrier:
            best[m.word] = m
        words = names.get((m.field, m.value_start))
        if words is not None and carrier.word in words:
            words[m.word] = m


def coverage(ctx: Context) -> float:
    """Share of the typed words that matched; an article the user typed counts a little."""
    query = ctx.query
    if len(query.words) == len(query.required):  # no optional word: each counts 1
        return len(ctx.best) / len(query.required)
    found = sum(1.0 if i in query.required_set else OPTIONAL_WORD for i in ctx.best)
    return min(found / len(query.required), 1.0 + OPTIONAL_WORD) / (1.0 + OPTIONAL_WORD)


def match(ctx: Context) -> float:
    """How well the words matched: exact > prefix > typo > phonetic. While the only
    word is still being typed, a word it begins is as good as the word itself: "heat"
    is on its way to "Heathens" as much as to "Heat Waves"."""
    best, required, values = ctx.best, ctx.query.required, ctx.variant.match_values
    typed_one = one_word_typed(ctx.query)
    total = 0.0
    for w in required:
        m = best.get(w)
        if m is not None:
            total += values[_as_typed_one(m.kind) if typed_one else m.kind]
    return total / len(required)


def one_word_typed(query: QueryShape) -> bool:
    """The query is one word, still being typed (no trailing space)."""
    return query.typing and len(query.words) == 1


def _as_typed_one(kind: MatchKind) -> MatchKind:
    return MatchKind.EXACT if kind == MatchKind.PREFIX else kind


# Kinds that read the word otherwise than typed: a whole name matched so is half exact.
_CORRECTED = frozenset({MatchKind.TYPO, MatchKind.LAYOUT, MatchKind.COMPOUND})


# `exact` for a name reached by completing a mistyped word.
TYPO_COMPLETION_EXACT = 0.3

# A word matched only by how it sounds is at least as uncertain as two typos.
PHONETIC_TYPOS = 2


def typos(ctx: Context) -> float:
    """Number of typos forgiven (weighted negatively); a sound-alike counts as two."""
    count = 0
    for m in ctx.best.values():
        count += PHONETIC_TYPOS if m.kind == MatchKind.PHONETIC else m.typos
    return float(count)


def field(ctx: Context) -> float:
    """Where the words matched: name > artists > album > aliases; a whole alias typed
    exactly counts as the name."""
    if not ctx.best:
        return 0.0
    # A whole alias typed as it is ("new jeans", an alias of NewJeans) is the name
    # the user knows the thing by: it weighs as the name (`Context.weight`).
    total = 0.0
    for m in ctx.best.values():
        total += ctx.weight(m)
    return total / len(ctx.best)


def exact(ctx: Context) -> float:
    """The query is the whole name (or a whole alias): 1; less while still typing (0.7)
    or when a word was mistyped (0.5)."""
    return max(ctx.wholes.values(), default=0.0)


def _whole(ctx: Context, words: dict[int, WordMatch]) -> float:
    """How surely the query is the whole of one name or alias value (`exact`), 0 if not."""
    required = ctx.query.required
    matched = []
    for w in required:
        m = words.get(w)
        if m is None:
            return 0.0
        matched.append(m)
    positions = {m.position for m in matched}
    # Every word of the value typed, each by its own query word ("rarest r" is not
    # the whole of "The Rarest" twice over); words joined into one ("one republic"
    # -> OneRepublic) share a position, a word split in two ("maroon5") holds two.
    joined = split = 0
    for m in matched:
        if m.reading == "":
            joined += 1
        elif m.reading and m.kind == MatchKind.COMPOUND:
            split += m.reading.count(" ")
    if (len(positions) + split < matched[0].value_length
            or len(positions) < len(required) - joined):
        return 0.0
    kinds = {m.kind for m in matched}
    if MatchKind.PREFIX in kinds and len(words) == 1 and ctx.query.typing:
        # One word half typed names nothing whole yet ("happ": "Happier"?), unless
        # the article typed before it is in the name too ("the mas": The Massacre).
        return 0.0
    value = 0.5 if kinds & _CORRECTED else 0.7 if MatchKind.PREFIX in kinds else 1.0
    if MatchKind.TYPO in kinds and any(m.kind == MatchKind.TYPO and m.prefix_chars
                                       for m in matched):
        # Reached only by completing a mistyped word ("porde" -> Poderosas): both
        # corrected and unfinished, less sure than a whole word with one typo (Lorde).
        value = TYPO_COMPLETION_EXACT
    return value


def start(ctx: Context) -> float:
    """The name begins with what was typed: people type titles from their first word."""
    best = ctx.best.get(ctx.query.required[0])
    if best is None or best.kind < MatchKind.TYPO:  # a sound-alike is not what was typed
        return 0.0
    return 1.0 if ctx.first_word_lead >= best.kind else 0.0


def accents(ctx: Context) -> float:
    """Share of matched words typed in the document's own form (accents, script)."""
    if not ctx.best:
        return 0.0
    completing = one_word_typed(ctx.query)  # a completion is in no form of its own yet
    count = 0
    for m in ctx.best.values():
        if m.exact_form or (completing and m.kind == MatchKind.PREFIX):
            count += 1
    return count / len(ctx.best)


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
            if gap == 0 and mb.reading == "":
                gap = 1  # joined into the word before it: typed side by side
            score += 1.0 if gap == 1 else 0.5 if 0 < gap <= 3 else 0.25
    return score / (len(words) - 1)


def lexical(ctx: Context) -> float:
    """BM25F-style: rare words count more, in heavier and shorter fields; in [0, 1]."""
    if not ctx.best:
        return 0.0
    total_idf = score = 0.0
    for m in ctx.best.values():
        total_idf += m.idf
        score += m.idf * ctx.weight(m) * _length_norm(m.value_length) / 1.2
    return score / (total_idf or 1.0) * (len(ctx.best) / len(ctx.query.words))


@lru_cache(maxsize=256)
def _length_norm(length: int) -> float:
    """A word in a shorter field value counts more (BM25's length norm), up to 1.2."""
    return min(1.0 / (0.6 + 0.4 * max(length, 1) / 3.0), 1.2)


def popularity(ctx: Context) -> float:
    """A log-scaled popularity prior in [0, 1]."""
    return math.log1p(max(ctx.candidate.popularity, 0.0)) / _POPULARITY_SCALE


# How far below the most popular name the typed word begins, in popularity points
# (0..100), a name gets nothing from `typing`. The 0..100 scale is already logarithmic
# in plays (a streaming service's popularity), so a gap is measured on it as it is, not
# on its logarithm: 25 points ("sky": Skyfall 73, an unknown "Sky" 48) is an order of
# magnitude more listening. With the variant's weights a name equal to the typed word
# keeps the lead only in a near tie with the popular completion.
TYPING_SPAN = 25.0


def begins(ctx: Context) -> bool:
    """While the only word of the query is still being typed, the candidate's name (or
    an alias) begins with it as typed: named exactly so ("hell" → "Hell") or a
    completion ("hell" → "Hello", "blinding" → "Blinding Lights")."""
    if not one_word_typed(ctx.query):
        return False
    m = ctx.best.get(0)
    return (m is not None and m.field in SEARCHED_AS_NAME and m.ordinal == 0
            and m.kind in (MatchKind.EXACT, MatchKind.PREFIX))


def named_exactly(ctx: Context) -> bool:
    """The candidate's whole name (or an alias) is the one word still being typed."""
    m = ctx.best.get(0)
    return begins(ctx) and m is not None and m.kind == MatchKind.EXACT \
        and m.value_length <= 1


def typing(ctx: Context) -> float:
    """While one word is still being typed, it is the beginning of a name, not a whole
    one: the names it begins compete by popularity, so an obscure "Hell" does not bury
    Adele's "Hello" on the way to it. 1 for the most popular such name among the
    candidates (`QueryShape.lead`), falling to 0 at `TYPING_SPAN` below it; 0 for a
    name it does not begin. Documents named exactly as typed all get the value of the
    most popular of them (`QueryShape.named`), so their own order (popularity, a
    user's affinity) stays. Once the query is clearly complete (more words, a trailing
    space) it is 0 for every candidate, and while the popular completion is weak (not
    far more popular than the exact name) exactness keeps the lead."""
    query = ctx.query
    if query.lead <= 0 or not begins(ctx):
        return 0.0
    own = query.named if named_exactly(ctx) else ctx.candidate.popularity
    return max(0.0, 1.0 - max(0.0, query.lead - own) / TYPING_SPAN)


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
    "typing": typing,
    "type": entity_type,
    "vector": vector,
}


@dataclass(frozen=True, slots=True, eq=False)  # identity: hashable, cached per variant
class PreScore:
    """The weights of retrieval's cheap guess at the score, before any candidate has
    its features: the same variant weights, applied the way `match`, `field`,
    `coverage`, `typos`, `exact` and `popularity` apply them, so that what ranks a
    candidate also decides whether it is retrieved at all. Values per matched word are
    for a one-word query; retrieval divides them by the number of required words."""

    kind: Mapping[MatchKind, float]    # a word matched this way (match × match value)
    field: float                       # times the best field's weight (the `field` weight)
    field_weights: Mapping[Field, float]
    coverage: float                    # a required word found
    typo: float                        # the cost of one typo (how much `typos` takes off)
    exact: float                       # a name as long as the query that holds every
    # word gathered (a guess at `exact` from the name's length: 0.85 of its weight)
    popularity: float                  # times log1p(popularity), as `popularity` scales it
    typing: float = 0.0                # one word being typed: the most popular name holding
    typing_span: float = 1.0           # it gets this much, the others less, to 0 at this
    # many popularity points below it (as `typing` does with `TYPING_SPAN`)


@lru_cache(maxsize=64)
def prescore_weights(variant: Variant) -> PreScore:
    """Retrieval's pre-score for a variant, from its own weights (one per variant)."""
    w = variant.weights
    return PreScore(
        kind={k: w.get("match", 0) * v for k, v in variant.match_values.items()},
        field=w.get("field", 0),
        field_weights=variant.field_weights,
        coverage=w.get("coverage", 0),
        typo=abs(w.get("typos", 0)),
        exact=0.85 * w.get("exact", 0),
        popularity=w.get("popularity", 0) / _POPULARITY_SCALE,
        typing=max(w.get("typing", 0), 0.0),
        typing_span=TYPING_SPAN,
    )
