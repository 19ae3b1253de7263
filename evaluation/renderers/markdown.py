"""The report as Markdown (report.md): readable in a terminal and in a pull request."""

from __future__ import annotations

from ..comparison import Results
from .tables import (
    CATEGORY_CHANGE_HEAD,
    category_change_rows,
    category_rows,
    changed_queries,
    changed_rows,
    largest_changes,
    overall_head,
    overall_rows,
    summary,
)


def markdown(r: Results, changed_limit: int = 30) -> str:
    first = r.metrics[0]
    parts = ["# Offline evaluation", "", *(f"{s}  " for s in summary(r)), "",
             f"**{r.verdict()}**", "", "## Overall", "",
             _table(overall_head(r), overall_rows(r)), ""]
    if r.win_tie_loss:
        parts += ["## Wins / ties / losses per query against the baseline", ""]
        rows = [[v, *(f"{w['W']}/{w['T']}/{w['L']}" for w in
                      (r.win_tie_loss[v][m] for m in r.metrics))] for v in r.variants[1:]]
        parts += [_table(["variant", *r.metrics], rows), ""]
    parts += ["## Per category", "",
              "▲/▼: significantly higher/lower than the baseline on that category's "
              "queries alone (the same paired test; not gated).", ""]
    if len(r.variants) > 1:
        changes = category_change_rows(r)
        parts += ["### Significant differences per category", "",
                  _table(CATEGORY_CHANGE_HEAD, changes) if changes else
                  "None at this alpha.", ""]
    for m in r.metrics:
        parts += [f"### {m}", "", _table(["category", "queries", *r.variants],
                                         category_rows(r, m)), ""]
    for v in r.variants[1:]:
        changed = changed_queries(r, v, first)
        parts += [f"## Per query: {v} against {r.baseline} ({first})", "",
                  f"{len(changed)} of {len(r.judged)} queries differ; "
                  f"{min(len(changed), changed_limit)} largest drops and gains below, all "
                  "queries and metrics in `per_query.tsv`.", ""]
        rows = changed_rows(largest_changes(changed, changed_limit))
        parts += [_table(["qid", "query", "category", r.baseline, v, "difference"], rows), ""]
    return "\n".join(parts)


def _table(head: list[str], rows: list[list[str]]) -> str:
    def esc(s: str) -> str:
        return s.replace("|", "\\|")
    lines = ["| " + " | ".join(esc(h) for h in head) + " |",
             "|" + "---|" * len(head)]
    lines += ["| " + " | ".join(esc(c) for c in row) + " |" for row in rows]
    return "\n".join(lines)
