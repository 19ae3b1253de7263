"""Offline evaluation: judged queries against a search function, scored by ranx.

A judgment set is a list of `Judged` queries (text, category, graded ids: 2 = the
one they meant, 1 = acceptable). `run_queries` asks any search function for each
query's ranked ids; `score` returns ranx metrics overall and per category. The
metrics come from ranx, never hand-written.
"""

from __future__ import annotations

import sys
from collections.abc import Callable, Iterable, Mapping, Sequence
from dataclasses import dataclass

from tqdm import tqdm

DEFAULT_METRICS = ("hit_rate@1", "mrr@10", "ndcg@10", "recall@10")


@dataclass(frozen=True, slots=True)
class Judged:
    qid: str
    query: str
    category: str
    relevant: Mapping[str, int]

    @classmethod
    def from_dict(cls, row: Mapping[str, object]) -> Judged:
        relevant = row["relevant"]
        if not isinstance(relevant, dict) or not relevant:
            raise ValueError(f"query {row.get('qid')}: 'relevant' must map ids to grades")
        return cls(str(row["qid"]), str(row["query"]), str(row["category"]),
                   {str(k): int(v) for k, v in relevant.items()})


Run = dict[str, dict[str, float]]


def run_queries(
    search: Callable[[str], Sequence[str]], judged: Sequence[Judged], *,
    label: str = "queries", progress: bool = True,
) -> Run:
    """Each query's ranked ids as a ranx-style run: {qid: {doc_id: score}}."""
    run: Run = {}
    for j in tqdm(judged, desc=label, unit="q", disable=not progress, file=sys.stderr):
        ids = list(dict.fromkeys(search(j.query)))
        run[j.qid] = {doc_id: float(len(ids) - rank) for rank, doc_id in enumerate(ids)}
    return run


def score(
    judged: Sequence[Judged], run: Run, metrics: Iterable[str] = DEFAULT_METRICS,
) -> dict[str, dict[str, float]]:
    """Metrics per category, plus "all": {category: {metric: value}}."""
    from ranx import Qrels, evaluate  # numba compiles on first import
    from ranx import Run as RanxRun

    metrics = list(metrics)
    groups: dict[str, list[Judged]] = {"all": list(judged)}
    for j in judged:
        groups.setdefault(j.category, []).append(j)
    out: dict[str, dict[str, float]] = {}
    for name, items in groups.items():
        qrels = Qrels({j.qid: dict(j.relevant) for j in items})
        # ranx wants every query in the run; an empty answer scores zero.
        ranx_run = RanxRun({j.qid: run.get(j.qid) or {"__none__": 0.0} for j in items})
        values = evaluate(qrels, ranx_run, metrics, make_comparable=True)
        out[name] = {m: float(values[m]) for m in metrics} if len(metrics) > 1 \
            else {metrics[0]: float(values)}
    return out
