"""The relevance report: Segue and tantivy on the same corpus and queries, in one run.

    python -m tests.relevance.evaluate [--variant default] [--failures] [--hybrid]

Prints success@1 (the meant document first: ranx `hit_rate@1-l2`), MRR@10 and
NDCG@10 (graded) per category for both, as Markdown; `--failures` lists the queries
Segue does not answer first. Personalized queries are asked with their user context;
tantivy has none, so it gets the text. `--hybrid` adds a column for `mode=auto` with
text vectors on (the corpus is embedded first) beside the lexical-only one: fusion
must not change how names rank.
"""

from __future__ import annotations

import argparse
import tempfile
from collections.abc import Sequence
from pathlib import Path

from segue.config import Settings
from segue.engine import EmbeddedEngine, open_engine
from segue.evaluation import Judged, run_queries, score
from segue.query import SearchRequest
from segue.ranking import UserContext

from ..peers.tantivy_peer import TantivyPeer
from .corpus import CATEGORIES, load_corpus, load_queries

# success@1: the document they meant (grade 2) is first; ranx's "-l2" counts only
# grades >= 2. NDCG@10 uses every grade as its gain; MRR@10 any relevant document.
SUCCESS = "hit_rate@1-l2"
METRICS = (SUCCESS, "mrr@10", "ndcg@10")


def build_engine(data_dir: Path, docs: list[dict], *, vectors: bool = False
                 ) -> EmbeddedEngine:
    """Lexical only unless `vectors`: then the packaged text model embeds every
    document before this returns."""
    engine = open_engine(Settings(data_dir=data_dir, text_model=None if vectors else "none"))
    engine.load()
    for result in engine.index_documents(docs):
        assert result.ok, result
    engine.lexical.compact()
    if vectors:
        engine.wait_for_vectors()
    return engine


def segue_search(engine: EmbeddedEngine, variant: str | None = None, mode: str = "auto"):
    def search(q: str, user: UserContext | None = None) -> Sequence[str]:
        return [h["id"] for h in engine.search(SearchRequest(
            q=q, limit=10, variant=variant, mode=mode, user=user)).hits]
    return search


def tantivy_search(peer: TantivyPeer):
    """tantivy has no user context: personalized queries are asked without it."""
    def search(q: str, user: UserContext | None = None) -> Sequence[str]:
        return peer.search(q)
    return search


def judged() -> list[Judged]:
    return [Judged.from_dict(q) for q in load_queries()]


def table(results: dict[str, dict[str, dict[str, float]]]) -> str:
    systems = list(results)
    head = "| category | queries | " + " | ".join(
        f"{s} success@1 | {s} MRR@10 | {s} NDCG@10" for s in systems) + " |"
    lines = [head, "|" + "---|" * (2 + 3 * len(systems))]
    counts = {c: 0 for c in CATEGORIES}
    for j in judged():
        counts[j.category] += 1
    for cat in [*CATEGORIES, "all"]:
        n = sum(counts.values()) if cat == "all" else counts[cat]
        cells = " | ".join(" | ".join(f"{results[s][cat][m]:.3f}" for m in METRICS)
                           for s in systems)
        name = f"**{cat}**" if cat == "all" else cat
        lines.append(f"| {name} | {n} | {cells} |")
    return "\n".join(lines)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__,
                                     formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--variant", default=None)
    parser.add_argument("--failures", action="store_true")
    parser.add_argument("--no-tantivy", action="store_true")
    parser.add_argument("--hybrid", action="store_true",
                        help="also run mode=auto with text vectors")
    args = parser.parse_args(argv)
    docs, queries = load_corpus(), judged()
    results: dict[str, dict[str, dict[str, float]]] = {}
    with tempfile.TemporaryDirectory() as tmp:
        engine = build_engine(Path(tmp), docs, vectors=args.hybrid)
        run = run_queries(segue_search(engine, args.variant, "lexical"), queries,
                          label="segue")
        results["Segue"] = score(queries, run, METRICS)
        if args.hybrid:
            auto = run_queries(segue_search(engine, args.variant, "auto"), queries,
                               label="segue auto")
            results["Segue auto (hybrid)"] = score(queries, auto, METRICS)
            same = sum(list(auto[j.qid]) == list(run[j.qid]) for j in queries)
            print(f"mode=auto ranks {same} of {len(queries)} queries exactly as lexical")
        if args.failures:
            by_id = {d["id"]: d for d in docs}
            for j in queries:
                got = list(run[j.qid])
                if not got or j.relevant.get(got[0], 0) < 2:
                    top = by_id[got[0]]["name"] if got else "-"
                    want = [by_id[i]["name"] for i in j.relevant]
                    print(f"{j.category:13} {j.query!r:32} got {top!r} want {want}")
        engine.close()
    if not args.no_tantivy:
        peer = TantivyPeer(docs)
        results["tantivy"] = score(queries, run_queries(tantivy_search(peer), queries,
                                                        label="tantivy"), METRICS)
    print(f"\n{len(docs):,} documents, {len(queries)} judged queries\n")
    print(table(results))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
