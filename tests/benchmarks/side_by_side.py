"""Segue beside tantivy on one catalog and one query list, in one run.

    python -m tests.benchmarks.side_by_side --docs 50000 --queries 2000
    python -m tests.benchmarks.side_by_side --docs 50000 --queries 2000 --typing

Prints a Markdown table: latency p50/p90/p99 per query kind (Segue's is its
server-side `took_ms`: everything but HTTP), the p50 ratio Segue/tantivy, build
time, and Segue's resident memory per million documents. Each engine gets the
same queries in the same order after a warm-up pass. With `--typing`, a tenth of the
queries are sent a letter at a time, every prefix in order, as a search box sends
them (what the per-keystroke caches are for); the warm-up is then other queries.

Segue's queries are timed once the load is saved: the snapshot a bulk load triggers
forks a child that pickles the index, and while it runs the serving process pays a
copy-on-write fault for every page it touches (a transient of a few seconds after a
load, not steady serving; without this wait the first queries' p99 rises by ~2 ms).
"""

from __future__ import annotations

import argparse
import gc
import sys
import tempfile
import time
from pathlib import Path

import numpy as np
from tqdm import tqdm

from segue.config import Settings
from segue.engine import open_engine
from segue.query import SearchRequest

from ..peers.tantivy_peer import TantivyPeer
from .workload import catalog, queries, typed


def _rss_bytes() -> int:
    for line in Path("/proc/self/status").read_text().splitlines():
        if line.startswith("VmRSS:"):
            return int(line.split()[1]) * 1024
    return 0


def _percentiles(ms: list[float]) -> tuple[float, float, float]:
    a = np.asarray(ms)
    return (float(np.percentile(a, 50)), float(np.percentile(a, 90)),
            float(np.percentile(a, 99)))


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__,
                                     formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--docs", type=int, default=50_000)
    parser.add_argument("--queries", type=int, default=2_000)
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument("--no-tantivy", action="store_true", help="Segue alone (1M runs)")
    parser.add_argument("--typing", action="store_true",
                        help="a tenth of the queries, each sent at every keystroke")
    args = parser.parse_args(argv)

    docs = list(tqdm(catalog(args.docs, args.seed), total=args.docs, desc="generating",
                     file=sys.stderr))
    work = queries(docs, args.queries)
    warm = work[:200]
    if args.typing:
        warm = work[-200:]
        work = typed(work[:max(1, args.queries // 10)])
    gc.collect()

    with tempfile.TemporaryDirectory() as tmp:
        rss0 = _rss_bytes()
        engine = open_engine(Settings(data_dir=Path(tmp)))
        engine.load()
        started = time.perf_counter()
        for _ in tqdm(engine.index_documents(docs), total=len(docs), desc="segue ingest",
                      file=sys.stderr):
            pass
        engine.lexical.compact()
        segue_build = time.perf_counter() - started
        engine.snapshot()  # the load's snapshot, now rather than during the queries
        gc.collect()
        segue_rss = _rss_bytes() - rss0

        for _, q in warm:
            engine.search(SearchRequest(q=q))
        segue: dict[str, list[float]] = {}
        for kind, q in tqdm(work, desc="segue queries", file=sys.stderr):
            segue.setdefault(kind, []).append(engine.search(SearchRequest(q=q)).took_ms)

        tantivy: dict[str, list[float]] = {}
        tantivy_build = 0.0
        if not args.no_tantivy:
            started = time.perf_counter()
            peer = TantivyPeer(docs)
            tantivy_build = time.perf_counter() - started
            for _, q in warm:
                peer.search(q)
            for kind, q in tqdm(work, desc="tantivy queries", file=sys.stderr):
                t0 = time.perf_counter()
                peer.search(q)
                tantivy.setdefault(kind, []).append((time.perf_counter() - t0) * 1000)
        engine.close()

    typing = " typed a letter at a time" if args.typing else ""
    print(f"\n{args.docs:,} documents, {len(work):,} queries{typing} "
          f"(prefix / exact / one-typo / name+artist in equal shares)\n")
    print("| query kind | Segue p50 | p90 | p99 | tantivy p50 | p90 | p99 | p50 ratio |")
    print("|---|---|---|---|---|---|---|---|")
    kinds = [*segue, "all"]
    for kind in kinds:
        s = [x for v in segue.values() for x in v] if kind == "all" else segue[kind]
        sp = _percentiles(s)
        row = f"| {kind} | {sp[0]:.2f} ms | {sp[1]:.2f} | {sp[2]:.2f} |"
        if tantivy:
            t = [x for v in tantivy.values() for x in v] if kind == "all" else tantivy[kind]
            tp = _percentiles(t)
            row += f" {tp[0]:.2f} ms | {tp[1]:.2f} | {tp[2]:.2f} | {sp[0] / tp[0]:.2f}× |"
        else:
            row += " – | – | – | – |"
        print(row)
    print(f"\nbuild: Segue {segue_build:.1f} s ({len(docs) / segue_build:,.0f} docs/s, "
          "validation + durable SQLite commit + indexing)"
          + (f"; tantivy {tantivy_build:.1f} s (in RAM, no durability)" if tantivy else ""))
    print(f"Segue resident memory: {segue_rss / 2**20:,.0f} MiB for {len(docs):,} documents "
          f"= {segue_rss / len(docs) * 1e6 / 2**30:.2f} GiB per million")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
