"""The re-ranker: weighs each candidate's features by a variant and sorts.

The same code ranks candidates from every engine. An explanation is the list of
(feature, value, weight, contribution) that produced the score, nothing recomputed.
"""

from __future__ import annotations

import math
from collections.abc import Iterable
from dataclasses import dataclass

from .candidates import Candidate, QueryShape
from .features import FEATURES, Context, affinity, exact
from .personalization import UserContext
from .variants import Variant


@dataclass(frozen=True, slots=True)
class Contribution:
    feature: str
    value: float
    weight: float

    @property
    def contribution(self) -> float:
        return self.value * self.weight


@dataclass(frozen=True, slots=True)
class Ranked:
    candidate: Candidate
    score: float
    explanation: tuple[Contribution, ...]


def rank(
    candidates: Iterable[Candidate], query: QueryShape, variant: Variant,
    *, explain: bool = False, user: UserContext | None = None,
) -> list[Ranked]:
    """Score and sort; ties go to the more popular document, then to the id.

    With `explain`, each result carries its contributions; without, only the score
    (the same sum, without building the parts). With a `user`, the affinity feature
    adds its share, capped so that no hit passes a whole-name match ranked above it
    without affinity: personalization re-orders ties and near-ties, it never buries
    what was typed exactly. The explanation shows the share actually added.
    """
    features = [(name, FEATURES[name], weight) for name, weight in variant.weights.items()
                if weight and name != "affinity"]
    liking = variant.weights.get("affinity", 0.0)
    ranked = []
    bonus: list[float] = []
    whole: list[bool] = []
    for cand in candidates:
        ctx = Context.of(cand, query, variant, user)
        if explain:
            parts = tuple(Contribution(n, f(ctx), w) for n, f, w in features)
            ranked.append(Ranked(cand, sum(p.contribution for p in parts), parts))
        else:
            total = 0.0
            for _, f, w in features:
                total += w * f(ctx)
            ranked.append(Ranked(cand, total, ()))
        if liking:
            bonus.append(liking * affinity(ctx) if user else 0.0)
            whole.append(bool(user) and exact(ctx) >= 1.0)
    if liking:
        ranked = _personalize(ranked, bonus, whole, liking, explain)
    ranked.sort(key=_order)
    return ranked


def _order(r: Ranked) -> tuple[float, float, str]:
    return (-r.score, -r.candidate.popularity, r.candidate.doc_id)


def _personalize(ranked: list[Ranked], bonus: list[float], whole: list[bool], weight: float,
                 explain: bool) -> list[Ranked]:
    """Add each affinity share, capped below every whole-name match ranked above."""
    if not any(bonus):
        return [Ranked(r.candidate, r.score, (*r.explanation, Contribution(
            "affinity", 0.0, weight)) if explain else ()) for r in ranked]
    out: list[Ranked] = [None] * len(ranked)  # type: ignore[list-item]
    floor = math.inf
    for i in sorted(range(len(ranked)), key=lambda i: _order(ranked[i])):
        r, add = ranked[i], bonus[i]
        if whole[i]:
            floor = min(floor, r.score + add)
        elif add > 0:
            add = max(0.0, min(add, floor - r.score - 1e-9))
        parts = (*r.explanation, Contribution("affinity", add / weight, weight)) \
            if explain else ()
        out[i] = Ranked(r.candidate, r.score + add, parts)
    return out
