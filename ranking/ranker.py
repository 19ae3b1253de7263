"""The re-ranker: weighs each candidate's features by a variant and sorts.

The same code ranks candidates from every engine. An explanation is the list of
(feature, value, weight, contribution) that produced the score, nothing recomputed.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass

from .candidates import Candidate, QueryShape
from .features import Context, best_matches, feature_values
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
    candidates: Iterable[Candidate], query: QueryShape, variant: Variant
) -> list[Ranked]:
    """Score and sort; ties go to the more popular document, then to the id."""
    names = [n for n, w in variant.weights.items() if w]
    ranked = []
    for cand in candidates:
        ctx = Context(cand, query, variant, best_matches(cand, variant))
        values = feature_values(ctx, names)
        parts = tuple(Contribution(n, values[n], variant.weights[n]) for n in names)
        ranked.append(Ranked(cand, sum(p.contribution for p in parts), parts))
    ranked.sort(key=lambda r: (-r.score, -r.candidate.popularity, r.candidate.doc_id))
    return ranked
