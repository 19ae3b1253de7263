"""Search latency with and without a filter, a market, facets and a sort, in one run.

    python -m tests.benchmarks.filters --docs 50000 --queries 400 --rounds 3

Every query of the workload is sent once per configuration, the configurations
interleaved query by query (so a loaded machine slows them alike), and each
configuration's server-side `took_ms` is summarized as p50/p99 and as a ratio of
its p50 to the unfiltered one. "uncached" drops the filter masks before every
search: the cost of a filter the engine has never seen (the masks are cached per
index generation, so a search box's keystrokes under one filter pay it once).
"""

from __future__ import annotations

import argparse
import sys
import tempfile
from pathlib import Path

import numpy as np
from tqdm import tqdm

from segue.query import Scope, SearchRequest, parse_filter, parse_sort

from .workload import filled_engine, queries

CONFIGS: dict[str, Scope] = {
    "no filter": Scope(),
    "filter: genres = pop": Scope(filter=parse_filter('genres = "pop"')),
    "filter: explicit = false AND year >= 2000": Scope(
        filter=parse_filter("explicit = false AND year >= 2000")),
    "market=US": Scope(market="US"),
    "filter + market + facets (5) + distinct": Scope(
        filter=parse_filter("explicit = false AND year >= 2000"), market="US",
        facets=("genres", "type", "year", "explicit", "language"), distinct=True),
    "sort=popularity:desc": Scope(sort=parse_sort("popularity:desc")),
}
UNCACHED = "filter: explicit = false AND year >= 2000, uncached"


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__,
                                     formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--docs", type=int, default=50_000)
    parser.add_argument("--queries", type=int, default=400)
    parser.add_argument("--rounds", type=int, default=3)
    parser.add_argument("--data", type=Path, help="a data directory to reuse between runs")
    args = parser.parse_args(argv)

    with tempfile.TemporaryDirectory() as tmp:
        engine = filled_engine(args.data or Path(tmp), args.docs)
        try:
            docs = [engine.get(engine.lexical.doc_id(n)) for n in range(min(
                engine.lexical.capacity, 4 * args.queries)) if engine.lexical.live[n]]
            work = [q for _, q in queries([d for d in docs if d], args.queries)]
            masks = engine.searcher.retriever.masks  # type: ignore[attr-defined]
            uncached = CONFIGS["filter: explicit = false AND year >= 2000"]
            took: dict[str, list[float]] = {name: [] for name in [*CONFIGS, UNCACHED]}
            for q in work[:100]:
                engine.search(SearchRequest(q=q, mode="lexical"))
            for _ in range(args.rounds):
                for q in tqdm(work, desc="queries", file=sys.stderr):
                    for name, scope in CONFIGS.items():
                        took[name].append(engine.search(SearchRequest(
                            q=q, mode="lexical", scope=scope)).took_ms)
                    masks.clear()
                    took[UNCACHED].append(engine.search(SearchRequest(
                        q=q, mode="lexical", scope=uncached)).took_ms)
        finally:
            engine.close()

    base = float(np.percentile(took["no filter"], 50))
    print(f"\n{args.docs:,} documents, {len(work):,} queries × {args.rounds} rounds, "
          "lexical, server-side took_ms\n")
    print("| configuration | p50 | p99 | p50 ratio to no filter |")
    print("|---|---|---|---|")
    for name, ms in took.items():
        p50, p99 = np.percentile(ms, 50), np.percentile(ms, 99)
        print(f"| {name} | {p50:.2f} ms | {p99:.2f} ms | {p50 / base:.2f}× |")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
