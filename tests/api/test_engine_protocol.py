"""The engine seam: the protocol loads no engine, and only cluster engines reindex."""

from __future__ import annotations

import subprocess
import sys

from segue.engines import Reindexable

HEAVY = ("faiss", "opensearchpy", "elasticsearch", "torch", "segue.indexer", "segue.query")


def test_the_protocol_and_the_dialect_load_no_engine() -> None:
    code = ("import sys, segue.engines, segue.mappings\n"
            f"print(sorted(m for m in {HEAVY!r} if m in sys.modules))")
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True,
                         check=True).stdout.strip()
    assert out == "[]"


def test_only_cluster_engines_are_reindexable() -> None:
    from segue.cluster import ClusterEngine
    from segue.engine import EmbeddedEngine

    assert issubclass(ClusterEngine, Reindexable)
    assert not issubclass(EmbeddedEngine, Reindexable)
