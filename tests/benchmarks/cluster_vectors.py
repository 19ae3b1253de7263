"""Ingest with text vectors on and off, the cluster beside the embedded engine, in
one run: what the text model costs each engine's writes.

    python -m tests.benchmarks.cluster_vectors --docs 5000 [--opensearch-url URL]

Each engine indexes the same synthetic documents (new texts: a fresh embedding cache
per run) through `index_documents`, the path `_bulk` takes. "words acknowledged" is
the ingest rate as the client sees it (searchable by words when it returns); "vectors
caught up" adds the time until every text vector is searchable too.
"""

from __future__ import annotations

import argparse
import tempfile
import time
import uuid
from pathlib import Path
from typing import Any

from segue.catalog import generate
from segue.cluster import ClusterEngine
from segue.config import Settings
from segue.engine import open_engine


def run(engine: Any, docs: list[dict]) -> tuple[float, float]:
    started = time.perf_counter()
    for result in engine.index_documents(docs):
        assert result.ok, result
    words = time.perf_counter() - started
    assert engine.wait_for_vectors(3600)
    return len(docs) / words, len(docs) / (time.perf_counter() - started)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__,
                                     formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--docs", type=int, default=5_000)
    parser.add_argument("--opensearch-url", default="http://127.0.0.1:9200")
    args = parser.parse_args(argv)
    docs = list(generate(args.docs, seed=41))
    print("| engine | text vectors | words acknowledged | vectors caught up |")
    print("|---|---|---|---|")
    for text_model in ("none", None):
        label = "off" if text_model else "on (onnx)"
        with tempfile.TemporaryDirectory() as tmp:
            embedded = open_engine(Settings(data_dir=Path(tmp) / "e", text_model=text_model))
            embedded.load()
            try:
                words, vectors = run(embedded, docs)
            finally:
                embedded.close()
            print(f"| embedded | {label} | {words:,.0f} docs/s | {vectors:,.0f} docs/s |",
                  flush=True)
            cluster = ClusterEngine(Settings(engine="opensearch", data_dir=Path(tmp) / "c",
                                             opensearch_url=args.opensearch_url,
                                             text_model=text_model),
                                    alias=f"segue-bench-{uuid.uuid4().hex[:8]}", replicas=0)
            cluster.load()
            try:
                words, vectors = run(cluster, docs)
            finally:
                cluster.drop()
                cluster.close()
            print(f"| opensearch | {label} | {words:,.0f} docs/s | {vectors:,.0f} docs/s |",
                  flush=True)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
