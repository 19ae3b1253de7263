"""The report's tables as rows of strings, shared by the Markdown and HTML renderers so
both show the same numbers, formatted once."""

from __future__ import annotations

import math

from ..comparison import STAT_TESTS, Results
from ..judgments import Judged

CATEGORY_CHANGE_HEAD = ["variant", "category", "metric", "baseline", "variant mean",
                        "difference", "p"]


def fmt(x: float) -> str:
    return f"{x:.3f}"


def p_value(p: float) -> str:
    return "-" if math.isnan(p) else (f"{p:.3g}" if p >= 0.001 else "<0.001")


def summary(r: Results) -> list[str]:
    """The report's opening lines (Markdown emphasis; the HTML renderer strips it)."""
    return [f"{len(r.judged)} judged queries in {len({j.category for j in r.judged})} "
            f"categories; variants {', '.join(r.variants)}; baseline **{r.baseline}**.",
            f"Significance: {STAT_TESTS[r.stat_test]} of each variant against the baseline, "
            f"paired per query (ranx `compare`), alpha = {r.alpha:g}. ▲/▼ = significantly "
            f"higher/lower than the baseline.", *r.notes]


def overall_head(r: Results) -> list[str]:
    head = ["variant"]
    for m in r.metrics:
        head += [m, "p"]
    return head


def overall_rows(r: Results) -> list[list[str]]:
    rows = []
    for v in r.variants:
        row = [v + (" (baseline)" if v == r.baseline else "")]
        for m in r.metrics:
            row.append(_overall_cell(r, v, m))
            row.append("" if v == r.baseline else p_value(r.p_values[v][m]))
        rows.append(row)
    return rows


def _overall_cell(r: Results, v: str, m: str) -> str:
    """The mean, with ▲/▼ when significantly above/below the baseline."""
    value = fmt(r.overall[v][m])
    if v == r.baseline:
        return value
    p, base = r.p_values[v][m], r.overall[r.baseline][m]
    if p < r.alpha:
        value += " ▲" if r.overall[v][m] > base else " ▼"
    return value


def category_rows(r: Results, metric: str) -> list[list[str]]:
    counts: dict[str, int] = {}
    for j in r.judged:
        counts[j.category] = counts.get(j.category, 0) + 1
    rows = [[c, str(n), *(_category_cell(r, v, c, metric) for v in r.variants)]
            for c, n in sorted(counts.items())]
    rows.append(["all", str(len(r.judged)), *(fmt(r.overall[v][metric]) for v in r.variants)])
    return rows


def _category_cell(r: Results, v: str, cat: str, m: str) -> str:
    """The category mean, with ▲/▼ when significantly above/below the baseline there."""
    value = fmt(r.categories[v][cat][m])
    p = r.category_p_values.get(v, {}).get(cat, {}).get(m, math.nan)
    if v != r.baseline and p < r.alpha:
        value += " ▲" if r.categories[v][cat][m] > r.categories[r.baseline][cat][m] else " ▼"
    return value


def category_change_rows(r: Results) -> list[list[str]]:
    return [[v, cat, m, fmt(b), fmt(x), f"{x - b:+.3f}", p_value(p)]
            for v, cat, m, b, x, p in r.category_changes()]


def changed_queries(r: Results, variant: str, metric: str) -> list[tuple[Judged, float, float]]:
    """(query, baseline value, variant value) where they differ, the worst drop first."""
    base, mine = r.per_query[r.baseline][metric], r.per_query[variant][metric]
    out = [(j, base[j.qid], mine[j.qid]) for j in r.judged
           if not math.isclose(base[j.qid], mine[j.qid], abs_tol=1e-12)]
    return sorted(out, key=lambda x: (x[2] - x[1], x[0].qid))


def largest_changes(changed: list[tuple[Judged, float, float]],
                    limit: int) -> list[tuple[Judged, float, float]]:
    """All changes up to `limit`, else the `limit` largest drops and gains."""
    return changed if len(changed) <= limit else \
        changed[:limit // 2] + changed[-(limit - limit // 2):]


def changed_rows(shown: list[tuple[Judged, float, float]]) -> list[list[str]]:
    return [[j.qid, j.query, j.category, fmt(b), fmt(x), f"{x - b:+.3f}"]
            for j, b, x in shown]
