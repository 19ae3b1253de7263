"""The re-ranker: weighs each candidate's features by a variant and sorts.

The same code ranks candidates from every engine. An explanation is the list of
(feature, value, weight, contribution) that produced the score, nothing recomputed.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass

from .candidates import Candidate, QueryShape
from .features import FEATURES, Context
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
    *, explain: bool = False,
) -> list[Ranked]:
    """Score and sort; ties go to the more popular document, then to the id.

    With `explain`, each result carries its contributions; without, only the score
    (the same sum, without building the parts).
    """
    features = [(name, FEATURES[name], weight) for name, weight in variant.weights.items()
                if weight]
    ranked = []
    for cand in candidates:
        ctx = Context.of(cand, query, variant)
        if explain:
            parts = tuple(Contribution(n, f(ctx), w) for n, f, w in features)
            ranked.append(Ranked(cand, sum(p.contribution for p in parts), parts))
        else:
            total = 0.0
            for _, f, w in features:
                total += w * f(ctx)
            ranked.append(Ranked(cand, total, ()))
    ranked.sort(key=lambda r: (-r.score, -r.candidate.popularity, r.candidate.doc_id))
    return ranked
