"""The embedded engine beside the OpenSearch engine on one catalog and one query list.

    make opensearch   # a local node
    python -m tests.benchmarks.cluster_side_by_side --docs 20000 --queries 1000

Prints a Markdown table: search latency p50/p99 per query kind (each engine's
`took_ms`: parsing, retrieval, ranking, fetch and highlighting, plus for the cluster
its HTTP round trips), the p50 ratio cluster/embedded, and ingest docs/s through
each engine's write path (validation, then the embedded engine's durable SQLite
commit and in-memory indexing, or the cluster's `_bulk` in chunks, searchable when
the request returns).
Both engines get the same queries in the same order after the same warm-up.
"""

from __future__ import annotations

import argparse
import sys
import tempfile
import time
import uuid
from pathlib import Path
from typing import Any

import numpy as np
from tqdm import tqdm

from segue.cluster import ClusterEngine
from segue.config import Settings
from segue.engine import open_engine
from segue.query import SearchRequest

from .workload import catalog, queries


def _ingest(engine: Any, docs: list[dict[str, Any]], label: str) -> float:
    started = time.perf_counter()
    for result in tqdm(engine.index_documents(docs), total=len(docs), desc=f"{label} ingest",
                       file=sys.stderr):
        assert result.ok, result
    return len(docs) / (time.perf_counter() - started)


def _latencies(engine: Any, work: list[tuple[str, str]], label: str) -> dict[str, list[float]]:
    for _, q in work[:100]:
        engine.search(SearchRequest(q=q))
    out: dict[str, list[float]] = {}
    for kind, q in tqdm(work, desc=f"{label} queries", file=sys.stderr):
        out.setdefault(kind, []).append(engine.search(SearchRequest(q=q)).took_ms)
    return out


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__,
                                     formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--docs", type=int, default=20_000)
    parser.add_argument("--queries", type=int, default=1_000)
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument("--opensearch-url", default="http://127.0.0.1:9200")
    args = parser.parse_args(argv)

    docs = list(catalog(args.docs, args.seed))
    work = queries(docs, args.queries)
    with tempfile.TemporaryDirectory() as tmp:
        embedded = open_engine(Settings(data_dir=Path(tmp)))
        embedded.load()
        embedded_rate = _ingest(embedded, docs, "embedded")
        embedded.lexical.compact()
        embedded_ms = _latencies(embedded, work, "embedded")
        embedded.close()
    cluster = ClusterEngine(Settings(engine="opensearch", opensearch_url=args.opensearch_url),
                            alias=f"segue-bench-{uuid.uuid4().hex[:8]}")
    cluster.load()
    try:
        cluster_rate = _ingest(cluster, docs, "opensearch")
        nodes = cluster.stats()["nodes"]
        cluster_ms = _latencies(cluster, work, "opensearch")
    finally:
        index = cluster.current_index()
        if index:
            cluster.client.indices.delete(index=index)
        cluster.close()

    print(f"\n{args.docs:,} documents, {len(work):,} queries, OpenSearch {nodes} node(s)\n")
    print("| query kind | embedded p50 | p99 | OpenSearch p50 | p99 | p50 ratio |")
    print("|---|---|---|---|---|---|")
    for kind in [*embedded_ms, "all"]:
        e = [x for v in embedded_ms.values() for x in v] if kind == "all" else embedded_ms[kind]
        c = [x for v in cluster_ms.values() for x in v] if kind == "all" else cluster_ms[kind]
        e50, e99 = np.percentile(e, [50, 99])
        c50, c99 = np.percentile(c, [50, 99])
        print(f"| {kind} | {e50:.2f} ms | {e99:.2f} | {c50:.2f} ms | {c99:.2f} | "
              f"{c50 / e50:.1f}× |")
    print(f"\ningest: embedded {embedded_rate:,.0f} docs/s, OpenSearch {cluster_rate:,.0f} "
          f"docs/s ({cluster_rate / embedded_rate:.2f}×)")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
