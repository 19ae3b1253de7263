"""The chart collection's report: Segue, tantivy and SQLite FTS5 on the same 50,000
documents and ~980 queries, in one run, per category and per half.

    python -m tests.relevance.evaluate_chart [--variant V] [--half held_out|tune|both]
                                             [--failures] [--out DIR] [--no-peers]

Prints, as Markdown, per category x half: success@1 (the meant document first: ranx
`hit_rate@1-l2`), MRR@10 and NDCG@10; then the issue's bars: success@1 overall, prefix
recall@10 (the meant document in the first ten: `recall@10-l2`), artist top@1 (the
response's top result is the artist; a peer's top is its first hit), and the share of
no-answer queries that got a top result (a peer has no notion of "nothing matches":
any hit is a top). `--out` writes the tables and a plot of success@1 per category.
"""

from __future__ import annotations

import argparse
import tempfile
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from pathlib import Path

from segue.engine import EmbeddedEngine
from segue.evaluation import Judged, Run, score
from segue.query import SearchRequest

from ..peers.fts5_peer import Fts5Peer
from ..peers.tantivy_peer import TantivyPeer
from .build_chart import CATEGORIES, HALVES
from .chart import load_corpus, load_queries
from .evaluate import build_engine

SUCCESS = "hit_rate@1-l2"
RECALL = "recall@10-l2"
METRICS = (SUCCESS, "mrr@10", "ndcg@10", RECALL)
SHOWN = (SUCCESS, "mrr@10", "ndcg@10")
LABELS = {SUCCESS: "success@1", "mrr@10": "MRR@10", "ndcg@10": "NDCG@10", RECALL: "recall@10"}

#: A search: the query's ranked ids (first ten) and the id of its top result, if any.
Search = Callable[[str], tuple[list[str], str | None]]


@dataclass
class Outcome:
    """One system's answers to every query, and the numbers they make."""

    name: str
    ids: dict[str, list[str]] = field(default_factory=dict)
    tops: dict[str, str | None] = field(default_factory=dict)

    def run(self) -> Run:
        return {qid: {d: float(len(ids) - k) for k, d in enumerate(ids)}
                for qid, ids in self.ids.items()}


def segue_search(engine: EmbeddedEngine, variant: str | None = None) -> Search:
    def search(q: str) -> tuple[list[str], str | None]:
        r = engine.search(SearchRequest(q=q, limit=10, variant=variant, mode="lexical"))
        return [h["id"] for h in r.hits], (r.top or {}).get("id")
    return search


def peer_search(peer: TantivyPeer | Fts5Peer) -> Search:
    """A peer's top result is its first hit: it has no way to say nothing matched."""
    def search(q: str) -> tuple[list[str], str | None]:
        ids = list(peer.search(q, 10))
        return ids, ids[0] if ids else None
    return search


def ask(name: str, search: Search, rows: Sequence[dict]) -> Outcome:
    out = Outcome(name)
    for row in rows:
        ids, top = search(row["query"])
        out.ids[row["qid"]] = list(dict.fromkeys(ids))
        out.tops[row["qid"]] = top
    return out


def judged(rows: Sequence[dict]) -> list[Judged]:
    """The rows with a right answer (every category but no_answer), as ranx judges them."""
    return [Judged.from_dict(r) for r in rows if r["relevant"]]


def measure(out: Outcome, rows: Sequence[dict]) -> dict[str, dict[str, float]]:
    """{"<category>/<half>" or "all/<half>": {metric: value}} plus the bars' own numbers:
    "artist_top", "no_answer_top_rate", "prefix_recall"."""
    result: dict[str, dict[str, float]] = {}
    run = out.run()
    for half in (*HALVES, "both"):
        part = [r for r in rows if half == "both" or r["half"] == half]
        if not part:
            continue
        js = judged(part)
        for cat, values in score(js, {j.qid: run[j.qid] for j in js}, METRICS).items():
            result[f"{cat}/{half}"] = values
        nothing = [r for r in part if r["category"] == "no_answer"]
        topped = sum(out.tops[r["qid"]] is not None for r in nothing)
        result[f"no_answer/{half}"] = {"top_rate": topped / max(1, len(nothing)),
                                       SUCCESS: 1 - topped / max(1, len(nothing))}
        artists = [r for r in part if r["category"] == "artist"]
        right = sum(r["relevant"].get(out.tops[r["qid"]] or "", 0) == 2 for r in artists)
        result[f"artist/{half}"]["top"] = right / max(1, len(artists))
    return result


def table(results: dict[str, dict[str, dict[str, float]]], rows: Sequence[dict],
          half: str) -> str:
    systems = list(results)
    head = "| category | queries | " + " | ".join(
        f"{s} {LABELS[m]}" for s in systems for m in SHOWN) + " |"
    lines = [head, "|" + "---|" * (2 + len(SHOWN) * len(systems))]
    for cat in [*CATEGORIES, "all"]:
        n = sum(1 for r in rows if (half == "both" or r["half"] == half)
                and ((cat == "all" and r["relevant"]) or r["category"] == cat))
        cells = []
        for s in systems:
            values = results[s][f"{cat}/{half}"]
            cells += [f"{values[m]:.3f}" if m in values else "–" for m in SHOWN]
        label = f"**{cat}**" if cat == "all" else cat
        lines.append(f"| {label} | {n} | " + " | ".join(cells) + " |")
    return "\n".join(lines)


def bars(results: dict[str, dict[str, dict[str, float]]], half: str) -> str:
    """The issue's bars, one line per system."""
    lines = ["| system | success@1 (all) | worst category | prefix recall@10 | "
             "artist top@1 | no-answer with a top |", "|---|---|---|---|---|---|"]
    for s, r in results.items():
        worst = min((c for c in CATEGORIES if f"{c}/{half}" in r),
                    key=lambda c: r[f"{c}/{half}"][SUCCESS])
        lines.append(f"| {s} | {r[f'all/{half}'][SUCCESS]:.3f} | {worst} "
                     f"{r[f'{worst}/{half}'][SUCCESS]:.3f} | "
                     f"{r[f'prefix/{half}'][RECALL]:.3f} | {r[f'artist/{half}']['top']:.3f} | "
                     f"{r[f'no_answer/{half}']['top_rate']:.3f} |")
    return "\n".join(lines)


def plot(results: dict[str, dict[str, dict[str, float]]], half: str, path: Path) -> Path:
    """success@1 per category, one bar per system; the y axis starts just below the data."""
    import matplotlib

    matplotlib.use("Agg", force=True)
    import matplotlib.pyplot as plt

    cats = [*CATEGORIES, "all"]
    systems = list(results)
    width = 0.8 / len(systems)
    fig, ax = plt.subplots(figsize=(11, 3.8))
    low = 1.0
    for i, s in enumerate(systems):
        ys = [results[s][f"{c}/{half}"][SUCCESS] for c in cats]
        low = min(low, *ys)
        xs = [k + (i - (len(systems) - 1) / 2) * width for k in range(len(cats))]
        ax.bar(xs, ys, width, label=s)
    ax.set_xticks(range(len(cats)), cats, rotation=30, ha="right")
    ax.set_ylim(max(0.0, low - 0.05), 1.0)
    ax.axhline(0.93, color="#c0392b", linewidth=0.8, linestyle="--", label="bar 0.93")
    ax.set_ylabel("success@1")
    ax.set_title(f"Chart collection, {half} half: the meant document first")
    ax.legend(fontsize=8, loc="upper left", bbox_to_anchor=(1.0, 1.0))
    fig.savefig(path, dpi=90, bbox_inches="tight")
    plt.close(fig)
    return path


def evaluate(*, variant: str | None = None, peers: bool = True,
             rows: Sequence[dict] | None = None, engine: EmbeddedEngine | None = None,
             ) -> tuple[dict[str, dict[str, dict[str, float]]], dict[str, Outcome]]:
    """Every system over `rows` (default: every query); an `engine` already loaded with
    the chart corpus is used as it is, else one is built in a temporary directory."""
    rows = list(rows if rows is not None else load_queries())
    outcomes: dict[str, Outcome] = {}
    if engine is None:
        with tempfile.TemporaryDirectory() as tmp:
            own = build_engine(Path(tmp), load_corpus())
            try:
                outcomes["Segue"] = ask("Segue", segue_search(own, variant), rows)
            finally:
                own.close()
    else:
        outcomes["Segue"] = ask("Segue", segue_search(engine, variant), rows)
    if peers:
        docs = load_corpus()
        outcomes["tantivy"] = ask("tantivy", peer_search(TantivyPeer.tuned(docs)), rows)
        outcomes["FTS5"] = ask("FTS5", peer_search(Fts5Peer(docs)), rows)
    return {name: measure(o, rows) for name, o in outcomes.items()}, outcomes


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__,
                                     formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--variant", default=None)
    parser.add_argument("--half", choices=(*HALVES, "both"), default=None,
                        help="one half only (default: each half, then both)")
    parser.add_argument("--failures", action="store_true",
                        help="list Segue's misses on the tuning half")
    parser.add_argument("--no-peers", action="store_true")
    parser.add_argument("--out", type=Path, default=None,
                        help="write report.md and success_at_1.png here")
    args = parser.parse_args(argv)
    rows = load_queries()
    results, outcomes = evaluate(variant=args.variant, peers=not args.no_peers, rows=rows)
    halves = [args.half] if args.half else [*HALVES, "both"]
    report = [f"50,000 documents, {len(rows)} queries "
              f"({sum(r['half'] == 'tune' for r in rows)} tune, "
              f"{sum(r['half'] == 'held_out' for r in rows)} held out)\n"]
    for half in halves:
        report += [f"## {half}\n", table(results, rows, half), "", bars(results, half), ""]
    text = "\n".join(report)
    print(text)
    if args.failures:
        by_id = {d["id"]: d for d in load_corpus()}
        seg = outcomes["Segue"]
        for r in rows:
            if r["half"] != "tune":
                continue
            ids, top = seg.ids[r["qid"]], seg.tops[r["qid"]]
            if r["category"] == "no_answer":
                if top:
                    print(f"{r['category']:16} {r['query']!r:34} top {by_id[top]['name']!r}")
                continue
            if not ids or r["relevant"].get(ids[0], 0) < 2:
                got = by_id[ids[0]]["name"] if ids else "-"
                want = [by_id[k]["name"] for k, v in r["relevant"].items() if v == 2]
                print(f"{r['category']:16} {r['query']!r:34} got {got!r} want {want}")
    if args.out:
        args.out.mkdir(parents=True, exist_ok=True)
        (args.out / "report.md").write_text(text + "\n", encoding="utf-8")
        for half in halves:
            print(f"plot: {plot(results, half, args.out / f'success_at_1_{half}.png')}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
