"""Offline evaluation: judged queries against a search function, scored by ranx.

A judgment set is a list of `Judged` queries (text, category, graded ids: 2 = the
one they meant, 1 = acceptable; optionally the user context it was asked with).
`run_queries` asks any search function for each query's ranked ids; `score` returns
ranx metrics overall and per category. The metrics come from ranx, never
hand-written; NDCG uses the grades as gains.
"""

from __future__ import annotations

import sys
from collections.abc import Callable, Iterable, Mapping, Sequence
from dataclasses import dataclass

from tqdm import tqdm

from .personalization import UserContext

DEFAULT_METRICS = ("hit_rate@1", "mrr@10", "ndcg@10", "recall@10")


@dataclass(frozen=True, slots=True)
class Judged:
    qid: str
    query: str
    category: str
    relevant: Mapping[str, int]
    user: UserContext | None = None  # the user context the query is asked with

    @classmethod
    def from_dict(cls, row: Mapping[str, object]) -> Judged:
        relevant = row["relevant"]
        if not isinstance(relevant, dict) or not relevant:
            raise ValueError(f"query {row.get('qid')}: 'relevant' must map ids to grades")
        return cls(str(row["qid"]), str(row["query"]), str(row["category"]),
                   {str(k): int(v) for k, v in relevant.items()},
                   user_context(row.get("user"), where=f"query {row.get('qid')}"))


def user_context(raw: object, *, where: str) -> UserContext | None:
    """`{"artists": [...], "genres": [...]}` as in a judgment row, or None."""
    if raw is None:
        return None
    lists = {k: raw.get(k, []) for k in ("artists", "genres")} \
        if isinstance(raw, dict) else None
    if lists is None or set(raw) - set(lists) or not all(
            isinstance(v, list) and all(isinstance(x, str) for x in v)
            for v in lists.values()):
        raise ValueError(f"{where}: 'user' must be {{\"artists\": [names], "
                         f"\"genres\": [names]}}, got {raw!r}")
    return UserContext.of(lists["artists"], lists["genres"]) or None


Run = dict[str, dict[str, float]]


def run_queries(
    search: Callable[..., Sequence[str]], judged: Sequence[Judged], *,
    label: str = "queries", progress: bool = True,
) -> Run:
    """Each query's ranked ids as a ranx-style run: {qid: {doc_id: score}}.

    `search(query)` answers a query; a query judged with a user context is asked as
    `search(query, user)`, so a search that cannot personalize fails loudly there
    instead of being scored on a question it was not asked.
    """
    run: Run = {}
    for j in tqdm(judged, desc=label, unit="q", disable=not progress, file=sys.stderr):
        answer = search(j.query) if j.user is None else search(j.query, j.user)
        ids = list(dict.fromkeys(answer))
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
