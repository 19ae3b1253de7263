"""Every query's every metric for every variant (per_query.tsv), for a spreadsheet."""

from __future__ import annotations

from ..comparison import Results


def per_query_tsv(r: Results) -> str:
    head = ["qid", "query", "category",
            *(f"{v}:{m}" for v in r.variants for m in r.metrics)]
    lines = ["\t".join(head)]
    for j in r.judged:
        lines.append("\t".join([j.qid, j.query.replace("\t", " "), j.category,
                                *(f"{r.per_query[v][m][j.qid]:.4f}"
                                  for v in r.variants for m in r.metrics)]))
    return "\n".join(lines) + "\n"
