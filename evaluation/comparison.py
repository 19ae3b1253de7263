"""Comparing runs: ranx metrics per query, their means, and paired significance tests.

There is one path through ranx: `evaluate` gives every metric per query, every mean
(overall, per category) is taken from those values, and `compare` gives the paired
test of each variant against the baseline (the first run). `score` is the same path
for one run without a baseline.

    results = compare_runs(judged, {"default": run_a, "popular": run_b}, METRICS)
    results.verdict()   # "verdict: no significant difference from default (...)"
"""

from __future__ import annotations

import math
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from typing import Any

from .judgments import Judged
from .runs import NO_ANSWER, Run

# hit_rate@1: an acceptable document first; hit_rate@1-l2: the one they meant (grade 2).
DEFAULT_METRICS = ("ndcg@10", "mrr@10", "recall@10", "precision@10", "map@10",
                   "hit_rate@1", "hit_rate@1-l2")
STAT_TESTS = {"student": "Student's paired t-test (two-sided)",
              "fisher": "Fisher's randomization test (two-sided, 1,000 permutations)"}


@dataclass
class Results:
    judged: list[Judged]
    metrics: list[str]
    baseline: str
    variants: list[str]                        # the baseline first
    stat_test: str
    alpha: float
    overall: dict[str, dict[str, float]]       # variant -> metric -> mean
    categories: dict[str, dict[str, dict[str, float]]]  # variant -> category -> metric
    per_query: dict[str, dict[str, dict[str, float]]]   # variant -> metric -> qid -> value
    p_values: dict[str, dict[str, float]]      # variant -> metric -> p vs the baseline
    win_tie_loss: dict[str, dict[str, dict[str, int]]] = field(default_factory=dict)
    notes: list[str] = field(default_factory=list)
    # variant -> category -> metric -> p vs the baseline on that category's queries
    category_p_values: dict[str, dict[str, dict[str, float]]] = field(default_factory=dict)

    def category_changes(self) -> list[tuple[str, str, str, float, float, float]]:
        """(variant, category, metric, baseline mean, variant mean, p) for every
        significant per-category difference, drops first. Not gated: with many
        categories some differences are significant by chance; read them as leads."""
        out = []
        for v, cats in self.category_p_values.items():
            for cat, ps in cats.items():
                for m, p in ps.items():
                    base, value = self.categories[self.baseline][cat][m], \
                        self.categories[v][cat][m]
                    if p < self.alpha and value != base:
                        out.append((v, cat, m, base, value, p))
        return sorted(out, key=lambda x: (x[4] > x[3], x[0], x[1], self.metrics.index(x[2])))

    def regressions(self) -> list[tuple[str, str, float, float, float]]:
        """(variant, metric, baseline mean, variant mean, p) for each significant drop."""
        out = []
        for v in self.variants[1:]:
            for m in self.metrics:
                base, value, p = self.overall[self.baseline][m], self.overall[v][m], \
                    self.p_values[v][m]
                if value < base and p < self.alpha:
                    out.append((v, m, base, value, p))
        return out

    def improvements(self) -> list[tuple[str, str, float, float, float]]:
        out = []
        for v in self.variants[1:]:
            for m in self.metrics:
                base, value, p = self.overall[self.baseline][m], self.overall[v][m], \
                    self.p_values[v][m]
                if value > base and p < self.alpha:
                    out.append((v, m, base, value, p))
        return out

    def verdict(self) -> str:
        test = f"{STAT_TESTS[self.stat_test].split(' (')[0]}, alpha {self.alpha:g}"
        if len(self.variants) < 2:
            return f"verdict: nothing to compare ({self.baseline} alone)"
        bad = self.regressions()
        if bad:
            what = "; ".join(f"{v} {m} {b:.3f} -> {x:.3f} (p={p:.3g})" for v, m, b, x, p in bad)
            return f"verdict: REGRESSION against {self.baseline} ({test}): {what}"
        good = self.improvements()
        if good:
            what = "; ".join(f"{v} {m} {b:.3f} -> {x:.3f} (p={p:.3g})" for v, m, b, x, p in good)
            return (f"verdict: no significant regression against {self.baseline} ({test}); "
                    f"significant gains: {what}")
        return f"verdict: no significant difference from {self.baseline} ({test})"

    def to_dict(self) -> dict[str, Any]:
        return {"baseline": self.baseline, "variants": self.variants, "metrics": self.metrics,
                "stat_test": self.stat_test, "alpha": self.alpha, "overall": self.overall,
                "categories": self.categories, "p_values": self.p_values,
                "win_tie_loss": self.win_tie_loss, "per_query": self.per_query,
                "category_p_values": self.category_p_values,
                "verdict": self.verdict(), "queries": len(self.judged), "notes": self.notes}


def score(
    judged: Sequence[Judged], run: Run, metrics: Iterable[str] = DEFAULT_METRICS,
) -> dict[str, dict[str, float]]:
    """One run's means, overall ("all", first) and per category: {category: {metric:
    value}}; the same numbers `compare_runs` reports for that run."""
    judged, metrics = list(judged), list(metrics)
    values = per_query(judged, run, metrics)
    groups: dict[str, list[str]] = {"all": [j.qid for j in judged]}
    for j in judged:
        groups.setdefault(j.category, []).append(j.qid)
    return {cat: {m: _mean(values[m][q] for q in qids) for m in metrics}
            for cat, qids in groups.items()}


def per_query(judged: Sequence[Judged], run: Run, metrics: Sequence[str],
              name: str = "run") -> dict[str, dict[str, float]]:
    """Every metric of every judged query, by ranx `evaluate`: {metric: {qid: value}}."""
    from ranx import evaluate  # numba compiles on first import

    ranx_run = _ranx_run(judged, run, name)
    evaluate(_qrels(judged), ranx_run, list(metrics), save_results_in_run=True)
    return {m: {j.qid: float(ranx_run.scores[m][j.qid]) for j in judged} for m in metrics}


def compare_runs(
    judged: Sequence[Judged], runs: Mapping[str, Run], metrics: Sequence[str],
    *, stat_test: str = "student", alpha: float = 0.05,
) -> Results:
    """The first run is the baseline; each other one is tested against it, paired per
    query, on every metric (ranx `compare`)."""
    if stat_test not in STAT_TESTS:
        raise ValueError(f"stat_test must be one of {sorted(STAT_TESTS)}")
    judged, metrics, names = list(judged), list(metrics), list(runs)
    overall: dict[str, dict[str, float]] = {}
    values: dict[str, dict[str, dict[str, float]]] = {}
    categories: dict[str, dict[str, dict[str, float]]] = {}
    groups: dict[str, list[str]] = {}
    for j in judged:
        groups.setdefault(j.category, []).append(j.qid)
    for name in names:
        values[name] = per_query(judged, runs[name], metrics, name)
        overall[name] = {m: _mean(values[name][m].values()) for m in metrics}
        categories[name] = {cat: {m: _mean(values[name][m][q] for q in group)
                                  for m in metrics} for cat, group in sorted(groups.items())}
    p_values: dict[str, dict[str, float]] = {}
    wtl: dict[str, dict[str, dict[str, int]]] = {}
    by_category: dict[str, dict[str, dict[str, float]]] = {n: {} for n in names[1:]}
    if len(names) > 1:
        data = _compare(judged, runs, names, metrics, stat_test, alpha)
        base = data[names[0]]
        for name in names[1:]:
            p_values[name] = {m: float(base["comparisons"][name][m]) for m in metrics}
            wtl[name] = {m: dict(data[name]["win_tie_loss"][names[0]][m]) for m in metrics}
        for cat, qids in sorted(groups.items()):
            # The same paired test on the category's queries alone; too few for a test,
            # or no difference at all, gives no p-value (NaN).
            subset = [j for j in judged if j.qid in set(qids)]
            differs = any(values[n][m][q] != values[names[0]][m][q]
                          for n in names[1:] for m in metrics for q in qids)
            sub = _compare(subset, runs, names, metrics, stat_test, alpha) \
                if len(subset) >= 2 and differs else None
            for name in names[1:]:
                by_category[name][cat] = {
                    m: float(sub[names[0]]["comparisons"][name][m]) if sub else math.nan
                    for m in metrics}
    return Results(judged, metrics, names[0], names, stat_test, alpha, overall, categories,
                   values, p_values, wtl, category_p_values=by_category)


def _qrels(judged: Sequence[Judged]) -> Any:
    from ranx import Qrels

    return Qrels({j.qid: dict(j.relevant) for j in judged})


def _ranx_run(judged: Sequence[Judged], run: Run, name: str) -> Any:
    """ranx wants every judged query in a run: an empty answer scores zero."""
    from ranx import Run as RanxRun

    return RanxRun({j.qid: dict(run.get(j.qid) or {}) or {NO_ANSWER: 0.0} for j in judged},
                   name=name)


def _compare(judged: Sequence[Judged], runs: Mapping[str, Run], names: list[str],
             metrics: Sequence[str], stat_test: str, alpha: float) -> dict[str, Any]:
    from ranx import compare

    report = compare(_qrels(judged), [_ranx_run(judged, runs[n], n) for n in names],
                     list(metrics), stat_test=stat_test, max_p=alpha)
    return report.to_dict()


def _mean(values: Iterable[float]) -> float:
    values = list(values)
    return float(sum(values) / len(values)) if values else 0.0
