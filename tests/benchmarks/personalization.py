"""What personalization costs: the same searches with and without a user context.

    python -m tests.benchmarks.personalization --docs 50000 --queries 400 --rounds 4

The two kinds alternate query by query (and swap order every round), so a busy
machine slows both alike; prints p50 and p99 of each, in-process, no HTTP.
"""

from __future__ import annotations

import argparse
import statistics
import sys
import tempfile
import time
from pathlib import Path

from tqdm import tqdm

from segue.config import Settings
from segue.engine import open_engine
from segue.query import SearchRequest
from segue.ranking import UserContext

from .workload import catalog, queries


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__,
                                     formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--docs", type=int, default=50_000)
    parser.add_argument("--queries", type=int, default=400)
    parser.add_argument("--rounds", type=int, default=4)
    args = parser.parse_args(argv)
    docs = list(catalog(args.docs))
    texts = [q for _, q in queries(docs, args.queries)]
    # A listener of 20 artists and 5 genres from the catalog's first documents.
    artists = sorted({a for d in docs[:500] for a in d.get("artists") or []})[:20]
    genres = sorted({g for d in docs[:500] for g in d.get("genres") or []})[:5]
    user = UserContext.of(artists, genres)
    with tempfile.TemporaryDirectory() as tmp:
        engine = open_engine(Settings(data_dir=Path(tmp)))
        engine.load()
        for _ in tqdm(engine.index_documents(docs), total=len(docs), desc="indexing",
                      unit="doc", file=sys.stderr):
            pass
        engine.lexical.compact()
        times: dict[str, list[float]] = {"plain": [], "personalized": []}
        kinds = [("plain", None), ("personalized", user)]
        for n in tqdm(range(args.rounds), desc="rounds", file=sys.stderr):
            order = kinds if n % 2 == 0 else kinds[::-1]
            for q in texts:
                for name, who in order:
                    started = time.perf_counter()
                    engine.search(SearchRequest(q=q, limit=10, user=who))
                    times[name].append(time.perf_counter() - started)
        engine.close()
    print(f"{args.docs:,} documents, {len(texts)} queries x {args.rounds} rounds")
    for name, xs in times.items():
        xs.sort()
        print(f"{name:>13}  p50 {statistics.median(xs) * 1000:.2f} ms  "
              f"p99 {xs[int(0.99 * (len(xs) - 1))] * 1000:.2f} ms")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
