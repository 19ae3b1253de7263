"""Offline evaluation: judged queries, runs of a search over them, ranx metrics and
paired tests between runs, and the report `segue eval` writes.

Nothing here serves a search; the serving code never imports it, so ranx (numba) and
matplotlib stay out of `segue serve`. One module per concept:

* ``judgments`` - `Judged` queries (graded ids, optional user context), read from JSONL
  or TREC qrels;
* ``runs`` - `run_queries` asks a search function every judged query; TREC run files;
* ``comparison`` - ranx `evaluate` per query, the means, and ranx `compare` for the
  paired test of each variant against the baseline (`compare_runs`, `score`);
* ``renderers`` - Markdown, HTML and TSV, each a function of the `Results`;
* ``plots`` - the HTML page's figures (matplotlib, loaded only when drawing);
* ``report`` - the directory of all of them.

    judged = load_judgments(Path("queries.jsonl"))
    runs = {v: run_queries(search_with(v), judged) for v in ("default", "popular")}
    results = compare_runs(judged, runs, DEFAULT_METRICS)
    write_report(results, Path("eval-out"))   # report.md, report.html, ...
    print(results.verdict())
"""

from .comparison import DEFAULT_METRICS, STAT_TESTS, Results, compare_runs, per_query, score
from .judgments import Judged, load_judgments, user_context
from .report import write_report
from .runs import Run, load_trec_run, run_queries, save_trec_run

__all__ = [
    "DEFAULT_METRICS",
    "STAT_TESTS",
    "Judged",
    "Results",
    "Run",
    "compare_runs",
    "load_judgments",
    "load_trec_run",
    "per_query",
    "run_queries",
    "save_trec_run",
    "score",
    "user_context",
    "write_report",
]
