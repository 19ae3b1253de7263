"""The re-ranker: weighs each candidate's features by a variant and sorts.

The same code ranks candidates from every engine. An explanation is the list of
(feature, value, weight, contribution) that produced the score, nothing recomputed.
"""

from __future__ import annotations

import math
from collections.abc import Iterable
from dataclasses import dataclass, field, replace

from .candidates import Candidate, QueryShape
from .features import FEATURES, Context, begins, exact, named_exactly, typing
from .personalization import AFFINITY, UserContext
from .variants import Variant


@dataclass(frozen=True, slots=True)
class Contribution:
    feature: str
    value: float
    weight: float

    @property
    def contribution(self) -> float:
        return self.value * self.weight


@dataclass(slots=True)
class Ranked:
    """A candidate with its score; a value, not frozen for the cost of building one per
    candidate (see `WordMatch`)."""

    candidate: Candidate
    score: float
    explanation: tuple[Contribution, ...]
    context: Context | None = field(default=None, repr=False, compare=False)


def rank(
    candidates: Iterable[Candidate], query: QueryShape, variant: Variant,
    *, explain: bool = False, user: UserContext | None = None,
) -> list[Ranked]:
    """Score and sort; ties go to the more popular document, then to the id.

    With `explain`, each result carries its contributions; without, only the score
    (the same sum, without building the parts). With a `user`, `personalize` adds
    the affinity shares.
    """
    features = [(name, FEATURES[name], weight) for name, weight in variant.weights.items()
                if weight and name != AFFINITY]
    liking = variant.weights.get(AFFINITY, 0.0)
    contexts = _contexts(candidates, query, variant)
    ranked = []
    if explain:
        for ctx in contexts:
            parts = tuple(Contribution(n, f(ctx), w) for n, f, w in features)
            if liking:
                parts += (Contribution(AFFINITY, 0.0, liking),)
            ranked.append(Ranked(ctx.candidate, sum(p.contribution for p in parts), parts, ctx))
    else:
        weighed = [(f, w) for _, f, w in features]
        for ctx in contexts:
            total = 0.0  # the same sum as the explanation's, in the same order
            for f, w in weighed:
                total += w * f(ctx)
            ranked.append(Ranked(ctx.candidate, total, (), ctx))
    ranked.sort(key=_order)
    return personalize(ranked, variant, user, explain=explain) if user and liking else ranked


def _contexts(candidates: Iterable[Candidate], query: QueryShape, variant: Variant
              ) -> list[Context]:
    """Each candidate's features' context; while one word is typed, the query also
    knows the popularity of the most popular name it begins among them, and of the most
    popular named exactly so (what `typing` compares)."""
    contexts = [Context.of(c, query, variant) for c in candidates]
    if not query.typing or len(query.words) != 1:
        return contexts
    lead = max((c.candidate.popularity for c in contexts if begins(c)), default=0.0)
    if lead <= 0:
        return contexts
    named = max((c.candidate.popularity for c in contexts if named_exactly(c)), default=0.0)
    shape = replace(query, lead=lead, named=named)
    for c in contexts:
        c.query = shape
    return contexts


def personalize(ranked: list[Ranked], variant: Variant, user: UserContext | None,
                *, explain: bool = False) -> list[Ranked]:
    """Add each hit's affinity share to its score and sort again, capped so that no hit
    passes a whole-name match ranked above it: personalization re-orders ties and
    near-ties, it never buries what was typed exactly. A share below zero (the user
    skips the hit's artist) lowers it by at most `SKIP_SHARE` of the weight, and a
    whole-name match never under a hit that is not one. While one word is typed, the
    same affinity also moves the hit's `typing` value (`_typing_for`). The explanation
    shows what was actually added, as `affinity` and as the personal `typing` value.
    Cheap: no other feature is computed again.

    `ranked` is `rank`'s answer for the same variant, best first; candidates need
    their artists and genres.
    """
    weight = variant.weights.get(AFFINITY, 0.0)
    guess = variant.weights.get("typing", 0.0)
    if not user or not weight:
        return ranked
    shares = [_shares(r, user, weight, guess) for r in ranked]
    if not any(a or t for a, t in shares):
        return ranked
    typed = [r.context is not None and exact(r.context) >= 1.0 for r in ranked]
    # For each hit, the best score of a hit that is not a whole-name match below it:
    # skips may re-order whole-name matches among themselves, never under one of those.
    below = [-math.inf] * len(ranked)
    for i in range(len(ranked) - 2, -1, -1):
        below[i] = below[i + 1] if typed[i + 1] else max(below[i + 1], ranked[i + 1].score)
    out = []
    floor = math.inf
    for r, (liking, moved), whole, under in zip(ranked, shares, typed, below, strict=True):
        wanted = liking + moved
        add = wanted
        if whole:
            if add < 0:
                add = min(0.0, max(add, under - r.score + 1e-9))
            floor = min(floor, r.score + add)
        elif add > 0:
            add = max(0.0, min(add, floor - r.score - 1e-9))
        parts: tuple[Contribution, ...] = ()
        if explain and r.explanation:
            kept = add / wanted if wanted else 0.0  # a cap takes from both in proportion
            parts = tuple(Contribution(c.feature, c.value + moved * kept / guess, c.weight)
                          if c.feature == "typing" and moved else c
                          for c in r.explanation[:-1])
            parts += (Contribution(AFFINITY, liking * kept / weight, weight),)
        out.append(Ranked(r.candidate, r.score + add, parts, r.context))
    out.sort(key=_order)
    return out


def _shares(r: Ranked, user: UserContext, weight: float, guess: float
            ) -> tuple[float, float]:
    """(what the user's affinity adds as itself, what it moves `typing` by)."""
    value = user.affinity(r.candidate.artists, r.candidate.genres)[0]
    if not value or guess <= 0 or r.context is None or not begins(r.context):
        return weight * value, 0.0
    crowd = typing(r.context)
    return weight * value, guess * (_typing_for(crowd, value) - crowd)


def _typing_for(crowd: float, value: float) -> float:
    """`typing` for one listener. While one word is typed, `typing` is the crowd's
    guess at the name it begins (the most popular). A user who listens to the hit's
    artist or genre makes it as likely a guess for them: its shortfall is made up in
    proportion to the affinity ("one" typed by a metal fan: Metallica's One, not the
    more popular One Dance). A user who skips it makes it less likely by the aversion
    (at most `SKIP_SHARE` of the guess, as skips weigh at most that)."""
    return crowd + value * (1.0 - crowd) if value > 0 else crowd * (1.0 + value)


def _order(r: Ranked) -> tuple[float, float, str]:
    return (-r.score, -r.candidate.popularity, r.candidate.doc_id)
