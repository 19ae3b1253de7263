"""The report as one self-contained HTML page (report.html): the Markdown report's
tables plus plots, embedded as base64 PNGs so the file can be mailed or archived."""

from __future__ import annotations

import html

from ..comparison import Results
from ..plots import plots
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

_CSS = """body{font:14px/1.4 system-ui,sans-serif;margin:2em auto;max-width:1100px;color:#222}
table{border-collapse:collapse;margin:.5em 0 1.5em}td,th{border:1px solid #ccc;
padding:3px 8px;text-align:right}td:first-child,th:first-child{text-align:left}
.verdict{padding:.6em 1em;background:#f4f4f4;border-left:4px solid #888}
.bad{border-color:#c0392b}.good{border-color:#27ae60}figure{margin:1em 0}
img{max-width:100%}"""

_SECTIONS = {"per-category": "Per category",
             "per-query-difference": "Per-query difference against the baseline (sorted)",
             "distribution": "Metric distributions"}


def html_report(r: Results, changed_limit: int = 30) -> str:
    first = r.metrics[0]
    verdict = r.verdict()
    kind = "bad" if r.regressions() else "good"
    body = ["<h1>Offline evaluation</h1>",
            *(f"<p>{html.escape(s.replace('**', '').replace('`', ''))}</p>" for s in summary(r)),
            f'<p class="verdict {kind}" id="verdict">{html.escape(verdict)}</p>',
            "<h2>Overall</h2>", _table(overall_head(r), overall_rows(r))]
    drawn = plots(r)
    for kind_id, title in _SECTIONS.items():
        body.append(f'<h2 id="{kind_id}">{html.escape(title)}</h2>')
        for k, caption, png in drawn:
            if k == kind_id:
                body.append(f'<figure class="plot {k}"><img alt="{html.escape(caption)}" '
                            f'src="data:image/png;base64,{png}">'
                            f"<figcaption>{html.escape(caption)}</figcaption></figure>")
        if kind_id == "per-category":
            if len(r.variants) > 1:
                changes = category_change_rows(r)
                body += ['<h3 id="category-significance">Significant differences per '
                         "category</h3>", "<p>The same paired test on each category's "
                         "queries alone; ▲/▼ in the tables below. Not gated.</p>",
                         _table(CATEGORY_CHANGE_HEAD, changes) if changes
                         else "<p>None at this alpha.</p>"]
            for m in r.metrics:
                body += [f"<h3>{html.escape(m)}</h3>", _table(
                    ["category", "queries", *r.variants], category_rows(r, m))]
    for v in r.variants[1:]:
        changed = changed_queries(r, v, first)
        body += [f"<h2>Per query: {html.escape(v)} against {html.escape(r.baseline)} "
                 f"({html.escape(first)})</h2>",
                 f"<p>{len(changed)} of {len(r.judged)} queries differ; the largest drops "
                 "and gains:</p>",
                 _table(["qid", "query", "category", r.baseline, v, "difference"],
                        changed_rows(largest_changes(changed, changed_limit)))]
    return ("<!doctype html><html lang=en><head><meta charset=utf-8>"
            "<title>segue eval</title>"
            f"<style>{_CSS}</style></head><body>{''.join(body)}</body></html>\n")


def _table(head: list[str], rows: list[list[str]]) -> str:
    out = ["<table><tr>", *(f"<th>{html.escape(h)}</th>" for h in head), "</tr>"]
    for row in rows:
        out += ["<tr>", *(f"<td>{html.escape(c)}</td>" for c in row), "</tr>"]
    out.append("</table>")
    return "".join(out)
