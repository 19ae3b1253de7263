"""`segue eval` results: ranx metrics and paired tests per variant, as Markdown and HTML.

    results = compare_runs(judged, {"default": run_a, "popular": run_b}, METRICS)
    paths = write_report(results, Path("eval-out"))   # report.md, report.html, ...

Every number comes from ranx: `evaluate` for the mean, per-category and per-query
values, `compare` for the paired significance test between each variant and the
baseline (the first run, or a saved TREC run). Runs are saved in TREC run format
("qid Q0 docid rank score tag") so they can be compared later without re-running.
The HTML report is one self-contained file: plots are PNGs (matplotlib, Agg backend)
embedded as base64.
"""

from __future__ import annotations

import base64
import html
import io
import math
import re
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from pathlib import Path

import orjson

from .evaluation import Judged, Run, user_context
from .personalization import UserContext

# hit_rate@1: an acceptable document first; hit_rate@1-l2: the one they meant (grade 2).
DEFAULT_EVAL_METRICS = ("ndcg@10", "mrr@10", "recall@10", "precision@10", "map@10",
                        "hit_rate@1", "hit_rate@1-l2")
STAT_TESTS = {"student": "Student's paired t-test (two-sided)",
              "fisher": "Fisher's randomization test (two-sided, 1,000 permutations)"}
_NONE = "__none__"  # ranx wants every query in a run; an empty answer scores zero


# ---------------------------------------------------------------- judgments and runs

def load_judgments(path: Path, queries: Path | None = None) -> list[Judged]:
    """Judged queries from a JSONL file (qid, query, category, relevant {id: grade}), or
    from TREC qrels ("qid 0 docid grade") with `queries` giving each qid's text (JSONL
    with qid, query and optional category and user, or TSV
    "qid<TAB>query[<TAB>category]").
    Grades <= 0 are not relevant; a query with no relevant id is left out."""
    if path.suffix.lower() in (".jsonl", ".ndjson", ".json"):
        rows = [orjson.loads(line) for line in path.read_bytes().splitlines() if line.strip()]
        return [Judged.from_dict({"category": "all", **row}) for row in rows
                if any(int(g) > 0 for g in row.get("relevant", {}).values())]
    if queries is None:
        raise ValueError(f"{path}: TREC qrels need --queries (qid -> query text)")
    grades: dict[str, dict[str, int]] = {}
    for n, line in enumerate(path.read_text(encoding="utf-8").splitlines(), start=1):
        parts = line.split()
        if not parts:
            continue
        if len(parts) != 4:
            raise ValueError(f"{path}:{n}: expected 'qid 0 docid grade', got {line!r}")
        qid, _, doc_id, grade = parts
        if int(grade) > 0:
            grades.setdefault(qid, {})[doc_id] = int(grade)
    texts, users = _load_queries(queries)
    missing = sorted(set(grades) - set(texts))
    if missing:
        raise ValueError(f"{queries}: no text for {len(missing)} judged queries, e.g. "
                         f"{', '.join(missing[:5])}")
    return [Judged(qid, *texts[qid], rel, users.get(qid)) for qid, rel in grades.items()]


def _load_queries(path: Path) -> tuple[dict[str, tuple[str, str]], dict[str, UserContext]]:
    """{qid: (query, category)} and {qid: user context} (JSONL only)."""
    out: dict[str, tuple[str, str]] = {}
    users: dict[str, UserContext] = {}
    if path.suffix.lower() in (".jsonl", ".ndjson", ".json"):
        for n, line in enumerate(path.read_bytes().splitlines(), start=1):
            if line.strip():
                row = orjson.loads(line)
                qid = str(row["qid"])
                out[qid] = (str(row["query"]), str(row.get("category") or "all"))
                user = user_context(row.get("user"), where=f"{path}:{n}")
                if user is not None:
                    users[qid] = user
        return out, users
    for n, line in enumerate(path.read_text(encoding="utf-8").splitlines(), start=1):
        if not line.strip():
            continue
        cells = line.rstrip("\n").split("\t")
        if len(cells) < 2:
            raise ValueError(f"{path}:{n}: expected 'qid<TAB>query[<TAB>category]'")
        out[cells[0]] = (cells[1], cells[2] if len(cells) > 2 and cells[2] else "all")
    return out, users


def save_trec_run(run: Run, path: Path, tag: str) -> Path:
    """"qid Q0 docid rank score tag", best first; a query with no answer has no lines."""
    for qid, docs in run.items():
        for doc_id in [qid, *docs]:
            if not doc_id or re.search(r"\s", doc_id):
                raise ValueError(f"TREC runs cannot hold ids with spaces: {doc_id!r}")
    lines = []
    for qid, docs in run.items():
        ranked = sorted(((d, s) for d, s in docs.items() if d != _NONE),
                        key=lambda x: (-x[1], x[0]))
        lines += [f"{qid} Q0 {d} {rank} {s:g} {tag}"
                  for rank, (d, s) in enumerate(ranked, start=1)]
    path.write_text("\n".join(lines) + ("\n" if lines else ""), encoding="utf-8")
    return path


def load_trec_run(path: Path) -> tuple[str, Run]:
    """A saved TREC run as (its tag, {qid: {docid: score}}): the same dict ranx's
    `Run.from_file(path, kind="trec")` reads (a test holds them equal), without its
    numba compile, which costs about ten seconds a process."""
    run: Run = {}
    tags: set[str] = set()
    for n, line in enumerate(path.read_text(encoding="utf-8").splitlines(), start=1):
        parts = line.split()
        if not parts:
            continue
        if len(parts) != 6:
            raise ValueError(f"{path}:{n}: expected 'qid Q0 docid rank score tag'")
        qid, _, doc_id, _, value, tag = parts
        run.setdefault(qid, {})[doc_id] = float(value)
        tags.add(tag)
    name = tags.pop() if len(tags) == 1 else path.stem
    return name, run


# ---------------------------------------------------------------- comparing

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

    def to_dict(self) -> dict:
        return {"baseline": self.baseline, "variants": self.variants, "metrics": self.metrics,
                "stat_test": self.stat_test, "alpha": self.alpha, "overall": self.overall,
                "categories": self.categories, "p_values": self.p_values,
                "win_tie_loss": self.win_tie_loss, "per_query": self.per_query,
                "category_p_values": self.category_p_values,
                "verdict": self.verdict(), "queries": len(self.judged), "notes": self.notes}


def _ranx_run(judged: Sequence[Judged], run: Run, name: str):
    from ranx import Run as RanxRun

    return RanxRun({j.qid: dict(run.get(j.qid) or {}) or {_NONE: 0.0} for j in judged},
                   name=name)


def compare_runs(
    judged: Sequence[Judged], runs: Mapping[str, Run], metrics: Sequence[str],
    *, stat_test: str = "student", alpha: float = 0.05,
) -> Results:
    """The first run is the baseline; each other one is tested against it, paired per
    query, on every metric (ranx `compare`)."""
    from ranx import Qrels, evaluate

    if stat_test not in STAT_TESTS:
        raise ValueError(f"stat_test must be one of {sorted(STAT_TESTS)}")
    judged, metrics, names = list(judged), list(metrics), list(runs)
    qrels = Qrels({j.qid: dict(j.relevant) for j in judged})
    overall: dict[str, dict[str, float]] = {}
    per_query: dict[str, dict[str, dict[str, float]]] = {}
    categories: dict[str, dict[str, dict[str, float]]] = {}
    groups: dict[str, list[str]] = {}
    for j in judged:
        groups.setdefault(j.category, []).append(j.qid)
    for name in names:
        ranx_run = _ranx_run(judged, runs[name], name)
        evaluate(qrels, ranx_run, metrics, save_results_in_run=True)  # per query: .scores
        per_query[name] = {m: {j.qid: float(ranx_run.scores[m][j.qid]) for j in judged}
                           for m in metrics}
        overall[name] = {m: _mean(per_query[name][m].values()) for m in metrics}
        categories[name] = {cat: {m: _mean(per_query[name][m][q] for q in group)
                                  for m in metrics} for cat, group in sorted(groups.items())}
    p_values: dict[str, dict[str, float]] = {}
    wtl: dict[str, dict[str, dict[str, int]]] = {}
    by_category: dict[str, dict[str, dict[str, float]]] = {n: {} for n in names[1:]}
    if len(names) > 1:
        data = _compare(qrels, judged, runs, names, metrics, stat_test, alpha)
        base = data[names[0]]
        for name in names[1:]:
            p_values[name] = {m: float(base["comparisons"][name][m]) for m in metrics}
            wtl[name] = {m: dict(data[name]["win_tie_loss"][names[0]][m]) for m in metrics}
        for cat, qids in sorted(groups.items()):
            # The same paired test on the category's queries alone; too few for a test,
            # or no difference at all, gives no p-value (NaN).
            subset = [j for j in judged if j.qid in set(qids)]
            differs = any(per_query[n][m][q] != per_query[names[0]][m][q]
                          for n in names[1:] for m in metrics for q in qids)
            sub = _compare(Qrels({j.qid: dict(j.relevant) for j in subset}), subset, runs,
                           names, metrics, stat_test, alpha) \
                if len(subset) >= 2 and differs else None
            for name in names[1:]:
                by_category[name][cat] = {
                    m: float(sub[names[0]]["comparisons"][name][m]) if sub else math.nan
                    for m in metrics}
    return Results(judged, metrics, names[0], names, stat_test, alpha, overall, categories,
                   per_query, p_values, wtl, category_p_values=by_category)


def _compare(qrels, judged: Sequence[Judged], runs: Mapping[str, Run], names: list[str],
             metrics: Sequence[str], stat_test: str, alpha: float) -> dict:
    from ranx import compare

    report = compare(qrels, [_ranx_run(judged, runs[n], n) for n in names], list(metrics),
                     stat_test=stat_test, max_p=alpha)
    return report.to_dict()


def _mean(values) -> float:
    values = list(values)
    return float(sum(values) / len(values)) if values else 0.0


# ---------------------------------------------------------------- writing

def write_report(results: Results, out_dir: Path) -> dict[str, Path]:
    """report.md, report.html (self-contained), per_query.tsv and results.json."""
    out_dir.mkdir(parents=True, exist_ok=True)
    paths = {"markdown": out_dir / "report.md", "html": out_dir / "report.html",
             "per_query": out_dir / "per_query.tsv", "json": out_dir / "results.json"}
    paths["markdown"].write_text(markdown(results), encoding="utf-8")
    paths["html"].write_text(html_report(results), encoding="utf-8")
    paths["per_query"].write_text(_per_query_tsv(results), encoding="utf-8")
    paths["json"].write_bytes(orjson.dumps(results.to_dict(), option=orjson.OPT_INDENT_2
                                           | orjson.OPT_SERIALIZE_NUMPY))
    return paths


def _fmt(x: float) -> str:
    return f"{x:.3f}"


def _p(p: float) -> str:
    return "-" if math.isnan(p) else (f"{p:.3g}" if p >= 0.001 else "<0.001")


def _cell(r: Results, v: str, m: str) -> str:
    """The mean, with ▲/▼ when significantly above/below the baseline."""
    value = _fmt(r.overall[v][m])
    if v == r.baseline:
        return value
    p, base = r.p_values[v][m], r.overall[r.baseline][m]
    if p < r.alpha:
        value += " ▲" if r.overall[v][m] > base else " ▼"
    return value


def _overall_rows(r: Results) -> list[list[str]]:
    rows = []
    for v in r.variants:
        row = [v + (" (baseline)" if v == r.baseline else "")]
        for m in r.metrics:
            row.append(_cell(r, v, m))
            row.append("" if v == r.baseline else _p(r.p_values[v][m]))
        rows.append(row)
    return rows


def _overall_head(r: Results) -> list[str]:
    head = ["variant"]
    for m in r.metrics:
        head += [m, "p"]
    return head


def _category_rows(r: Results, metric: str) -> list[list[str]]:
    counts: dict[str, int] = {}
    for j in r.judged:
        counts[j.category] = counts.get(j.category, 0) + 1
    rows = [[c, str(n), *(_category_cell(r, v, c, metric) for v in r.variants)]
            for c, n in sorted(counts.items())]
    rows.append(["all", str(len(r.judged)), *(_fmt(r.overall[v][metric]) for v in r.variants)])
    return rows


def _category_cell(r: Results, v: str, cat: str, m: str) -> str:
    """The category mean, with ▲/▼ when significantly above/below the baseline there."""
    value = _fmt(r.categories[v][cat][m])
    p = r.category_p_values.get(v, {}).get(cat, {}).get(m, math.nan)
    if v != r.baseline and p < r.alpha:
        value += " ▲" if r.categories[v][cat][m] > r.categories[r.baseline][cat][m] else " ▼"
    return value


def _category_change_rows(r: Results) -> list[list[str]]:
    return [[v, cat, m, _fmt(b), _fmt(x), f"{x - b:+.3f}", _p(p)]
            for v, cat, m, b, x, p in r.category_changes()]


_CATEGORY_CHANGE_HEAD = ["variant", "category", "metric", "baseline", "variant mean",
                         "difference", "p"]


def _changed_queries(r: Results, variant: str, metric: str) -> list[tuple[Judged, float, float]]:
    """(query, baseline value, variant value) where they differ, the worst drop first."""
    base, mine = r.per_query[r.baseline][metric], r.per_query[variant][metric]
    out = [(j, base[j.qid], mine[j.qid]) for j in r.judged
           if not math.isclose(base[j.qid], mine[j.qid], abs_tol=1e-12)]
    return sorted(out, key=lambda x: (x[2] - x[1], x[0].qid))


def _md_table(head: list[str], rows: list[list[str]]) -> str:
    def esc(s: str) -> str:
        return s.replace("|", "\\|")
    lines = ["| " + " | ".join(esc(h) for h in head) + " |",
             "|" + "---|" * len(head)]
    lines += ["| " + " | ".join(esc(c) for c in row) + " |" for row in rows]
    return "\n".join(lines)


def _summary(r: Results) -> list[str]:
    return [f"{len(r.judged)} judged queries in {len({j.category for j in r.judged})} "
            f"categories; variants {', '.join(r.variants)}; baseline **{r.baseline}**.",
            f"Significance: {STAT_TESTS[r.stat_test]} of each variant against the baseline, "
            f"paired per query (ranx `compare`), alpha = {r.alpha:g}. ▲/▼ = significantly "
            f"higher/lower than the baseline.", *r.notes]


def markdown(r: Results, changed_limit: int = 30) -> str:
    first = r.metrics[0]
    parts = ["# Offline evaluation", "", *(f"{s}  " for s in _summary(r)), "",
             f"**{r.verdict()}**", "", "## Overall", "",
             _md_table(_overall_head(r), _overall_rows(r)), ""]
    if r.win_tie_loss:
        parts += ["## Wins / ties / losses per query against the baseline", ""]
        rows = [[v, *(f"{w['W']}/{w['T']}/{w['L']}" for w in
                      (r.win_tie_loss[v][m] for m in r.metrics))] for v in r.variants[1:]]
        parts += [_md_table(["variant", *r.metrics], rows), ""]
    parts += ["## Per category", "",
              "▲/▼: significantly higher/lower than the baseline on that category's "
              "queries alone (the same paired test; not gated).", ""]
    if len(r.variants) > 1:
        changes = _category_change_rows(r)
        parts += ["### Significant differences per category", "",
                  _md_table(_CATEGORY_CHANGE_HEAD, changes) if changes else
                  "None at this alpha.", ""]
    for m in r.metrics:
        parts += [f"### {m}", "", _md_table(["category", "queries", *r.variants],
                                            _category_rows(r, m)), ""]
    for v in r.variants[1:]:
        changed = _changed_queries(r, v, first)
        parts += [f"## Per query: {v} against {r.baseline} ({first})", "",
                  f"{len(changed)} of {len(r.judged)} queries differ; "
                  f"{min(len(changed), changed_limit)} largest drops and gains below, all "
                  "queries and metrics in `per_query.tsv`.", ""]
        shown = changed if len(changed) <= changed_limit else \
            changed[:changed_limit // 2] + changed[-(changed_limit - changed_limit // 2):]
        rows = [[j.qid, j.query, j.category, _fmt(b), _fmt(x), f"{x - b:+.3f}"]
                for j, b, x in shown]
        parts += [_md_table(["qid", "query", "category", r.baseline, v, "difference"], rows), ""]
    return "\n".join(parts)


def _per_query_tsv(r: Results) -> str:
    head = ["qid", "query", "category",
            *(f"{v}:{m}" for v in r.variants for m in r.metrics)]
    lines = ["\t".join(head)]
    for j in r.judged:
        lines.append("\t".join([j.qid, j.query.replace("\t", " "), j.category,
                                *(f"{r.per_query[v][m][j.qid]:.4f}"
                                  for v in r.variants for m in r.metrics)]))
    return "\n".join(lines) + "\n"


# ---------------------------------------------------------------- HTML and plots

def _png(fig) -> str:
    import matplotlib.pyplot as plt

    buf = io.BytesIO()
    fig.savefig(buf, format="png", dpi=90, bbox_inches="tight")
    plt.close(fig)
    return base64.b64encode(buf.getvalue()).decode("ascii")


def _plots(r: Results) -> list[tuple[str, str, str]]:
    """(kind, title, base64 PNG) for every plot."""
    import matplotlib

    matplotlib.use("Agg", force=True)
    import matplotlib.pyplot as plt

    plots = []
    cats = sorted({j.category for j in r.judged})
    width = 0.8 / len(r.variants)
    for m in r.metrics:
        fig, ax = plt.subplots(figsize=(max(6.0, 0.9 * len(cats) + 2), 3.4))
        for i, v in enumerate(r.variants):
            xs = [k + (i - (len(r.variants) - 1) / 2) * width for k in range(len(cats) + 1)]
            ys = [r.categories[v][c][m] for c in cats] + [r.overall[v][m]]
            ax.bar(xs, ys, width, label=v)
        ax.set_xticks(range(len(cats) + 1), [*cats, "all"], rotation=30, ha="right")
        ax.set_ylim(0, 1.05)
        ax.set_ylabel(m)
        ax.set_title(f"{m} per category")
        ax.legend(fontsize=8, loc="upper left", bbox_to_anchor=(1.0, 1.0))
        plots.append(("per-category", f"{m} per category", _png(fig)))
    for v in r.variants[1:]:
        for m in r.metrics[:2]:
            base, mine = r.per_query[r.baseline][m], r.per_query[v][m]
            diffs = sorted(mine[j.qid] - base[j.qid] for j in r.judged)
            fig, ax = plt.subplots(figsize=(7, 3))
            colors = ["#c0392b" if d < 0 else "#27ae60" if d > 0 else "#999999" for d in diffs]
            ax.bar(range(len(diffs)), diffs, 1.0, color=colors)
            ax.axhline(0, color="black", linewidth=0.6)
            ax.set_xlabel("queries, sorted by difference")
            ax.set_ylabel(f"{m}: {v} − {r.baseline}")
            ax.set_title(f"Per-query difference: {v} vs {r.baseline} ({m})")
            plots.append(("per-query-difference", f"{v} vs {r.baseline}, {m}", _png(fig)))
    cols = min(3, len(r.metrics))
    rows = math.ceil(len(r.metrics) / cols)
    fig, axes = plt.subplots(rows, cols, figsize=(4.2 * cols, 3.2 * rows), squeeze=False,
                             layout="constrained")
    for ax, m in zip(axes.flat, r.metrics, strict=False):
        data = [list(r.per_query[v][m].values()) for v in r.variants]
        ax.boxplot(data, showmeans=True)
        ax.set_xticks(range(1, len(r.variants) + 1), r.variants, rotation=20)
        ax.set_title(m)
        ax.set_ylim(-0.05, 1.05)
    for ax in list(axes.flat)[len(r.metrics):]:
        ax.axis("off")
    fig.suptitle("Per-query metric distributions (box: quartiles, triangle: mean)")
    plots.append(("distribution", "Per-query metric distributions", _png(fig)))
    return plots


_CSS = """body{font:14px/1.4 system-ui,sans-serif;margin:2em auto;max-width:1100px;color:#222}
table{border-collapse:collapse;margin:.5em 0 1.5em}td,th{border:1px solid #ccc;
padding:3px 8px;text-align:right}td:first-child,th:first-child{text-align:left}
.verdict{padding:.6em 1em;background:#f4f4f4;border-left:4px solid #888}
.bad{border-color:#c0392b}.good{border-color:#27ae60}figure{margin:1em 0}
img{max-width:100%}"""


def _html_table(head: list[str], rows: list[list[str]]) -> str:
    out = ["<table><tr>", *(f"<th>{html.escape(h)}</th>" for h in head), "</tr>"]
    for row in rows:
        out += ["<tr>", *(f"<td>{html.escape(c)}</td>" for c in row), "</tr>"]
    out.append("</table>")
    return "".join(out)


def html_report(r: Results, changed_limit: int = 30) -> str:
    first = r.metrics[0]
    verdict = r.verdict()
    kind = "bad" if r.regressions() else "good"
    body = ["<h1>Offline evaluation</h1>",
            *(f"<p>{html.escape(s.replace('**', '').replace('`', ''))}</p>" for s in _summary(r)),
            f'<p class="verdict {kind}" id="verdict">{html.escape(verdict)}</p>',
            "<h2>Overall</h2>", _html_table(_overall_head(r), _overall_rows(r))]
    plots = _plots(r)
    sections = {"per-category": "Per category", "per-query-difference":
                "Per-query difference against the baseline (sorted)",
                "distribution": "Metric distributions"}
    for kind_id, title in sections.items():
        body.append(f'<h2 id="{kind_id}">{html.escape(title)}</h2>')
        for k, caption, png in plots:
            if k == kind_id:
                body.append(f'<figure class="plot {k}"><img alt="{html.escape(caption)}" '
                            f'src="data:image/png;base64,{png}">'
                            f"<figcaption>{html.escape(caption)}</figcaption></figure>")
        if kind_id == "per-category":
            if len(r.variants) > 1:
                changes = _category_change_rows(r)
                body += ['<h3 id="category-significance">Significant differences per '
                         "category</h3>", "<p>The same paired test on each category's "
                         "queries alone; ▲/▼ in the tables below. Not gated.</p>",
                         _html_table(_CATEGORY_CHANGE_HEAD, changes) if changes
                         else "<p>None at this alpha.</p>"]
            for m in r.metrics:
                body += [f"<h3>{html.escape(m)}</h3>", _html_table(
                    ["category", "queries", *r.variants], _category_rows(r, m))]
    for v in r.variants[1:]:
        changed = _changed_queries(r, v, first)
        shown = changed if len(changed) <= changed_limit else \
            changed[:changed_limit // 2] + changed[-(changed_limit - changed_limit // 2):]
        body += [f"<h2>Per query: {html.escape(v)} against {html.escape(r.baseline)} "
                 f"({html.escape(first)})</h2>",
                 f"<p>{len(changed)} of {len(r.judged)} queries differ; the largest drops "
                 "and gains:</p>",
                 _html_table(["qid", "query", "category", r.baseline, v, "difference"],
                             [[j.qid, j.query, j.category, _fmt(b), _fmt(x), f"{x - b:+.3f}"]
                              for j, b, x in shown])]
    return ("<!doctype html><html lang=en><head><meta charset=utf-8>"
            "<title>segue eval</title>"
            f"<style>{_CSS}</style></head><body>{''.join(body)}</body></html>\n")
