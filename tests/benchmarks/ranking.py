"""What re-ranking costs a search: `rank` alone, on the candidates real searches gave it.

    python -m tests.benchmarks.ranking --docs 50000 --queries 1000

Runs the side-by-side workload on one index (text model off) and keeps what each
search handed `rank` (its candidates, query shape and variant); then times `rank`
alone over those inputs, several rounds, and prints the best round's mean per query
beside the searches' own mean, so `rank`'s share of a query is read in one run.
To compare two checkouts, run it in each, alternately, on the same machine.
"""

from __future__ import annotations

import argparse
import sys
import tempfile
import time
from pathlib import Path
from typing import Any
from unittest import mock

from segue.query import SearchRequest
from segue.ranking import rank

from ..relevance.evaluate import build_engine
from .workload import catalog, queries


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__,
                                     formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--docs", type=int, default=50_000)
    parser.add_argument("--queries", type=int, default=1_000)
    parser.add_argument("--rounds", type=int, default=7)
    parser.add_argument("--seed", type=int, default=1)
    args = parser.parse_args(argv)
    docs = list(catalog(args.docs, args.seed))
    work = [q for _, q in queries(docs, args.queries)]
    seen: list[tuple[list[Any], Any, Any, bool]] = []

    def keep(candidates: Any, query: Any, variant: Any, **kw: Any) -> Any:
        candidates = list(candidates)
        seen.append((candidates, query, variant, kw.get("explain", False)))
        return rank(candidates, query, variant, **kw)

    with tempfile.TemporaryDirectory() as tmp:
        engine = build_engine(Path(tmp), docs)
        for q in work[: len(work) // 4]:  # warm the caches as a running server has them
            engine.search(SearchRequest(q=q, limit=10))
        with mock.patch("segue.query.stages.rank", keep):
            start = time.process_time()
            for q in work:
                engine.search(SearchRequest(q=q, limit=10))
            search_ms = (time.process_time() - start) / len(work) * 1000
    rounds = []
    for _ in range(args.rounds):
        start = time.process_time()
        for candidates, query, variant, explain in seen:
            rank(candidates, query, variant, explain=explain)
        rounds.append((time.process_time() - start) / len(work) * 1000)
    per_query = min(rounds)
    ranked = sum(len(c) for c, *_ in seen) / len(work)
    print(f"{len(work)} queries, {ranked:.1f} candidates ranked per query")
    print(f"rank alone: {per_query:.3f} ms CPU per query (best of {args.rounds} rounds); "
          f"searches: {search_ms:.3f} ms CPU per query (rank {per_query / search_ms:.0%})")
    return 0


if __name__ == "__main__":
    sys.exit(main())
