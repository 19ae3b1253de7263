"""What snapshot checksums cost: save and load of a 100k-document snapshot.

    python -m tests.benchmarks.snapshot_checksums [--docs 100000] [--repeat 3]

Builds a lexical index of N synthetic catalog documents and two vector indexes of N
rows (32 dimensions, as audio; 384, as MiniLM text vectors; both exact, so building
them stays quick), then times `save` and `load` of each, `--repeat` times, and prints
the medians. Only public calls that every version has, so the same file measures an
older checkout too: run it with that checkout's interpreter,

    /tmp/base/.venv/bin/python tests/benchmarks/snapshot_checksums.py

and compare (same machine, same run).
"""

from __future__ import annotations

import argparse
import statistics
import tempfile
import time
from pathlib import Path

import numpy as np

from segue.analyzers import TypoBudget
from segue.catalog import generate
from segue.indexer import LexicalIndex, VectorIndex


def _median(run: object, repeat: int) -> float:
    times = []
    for _ in range(repeat):
        started = time.perf_counter()
        run()  # type: ignore[operator]
        times.append(time.perf_counter() - started)
    return statistics.median(times)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__,
                                     formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--docs", type=int, default=100_000)
    parser.add_argument("--repeat", type=int, default=3)
    args = parser.parse_args(argv)
    lexical = LexicalIndex(TypoBudget())
    lexical.upsert_many(list(generate(args.docs, seed=1)))
    lexical.compact()
    rng = np.random.default_rng(1)
    indexes = {}
    for dim in (32, 384):
        index = VectorIndex(dim, hnsw_above=10**9)
        for i, vector in enumerate(rng.normal(size=(args.docs, dim)).astype(np.float32)):
            index.upsert(f"d{i}", "track", vector)
        index.flush()
        indexes[dim] = index
    with tempfile.TemporaryDirectory() as tmp:
        path = Path(tmp) / "lexical.snapshot"
        save = _median(lambda: lexical.save(path, seq=1, fingerprint="x"), args.repeat)
        size = path.stat().st_size
        load = _median(lambda: LexicalIndex.load(path, fingerprint="x"), args.repeat)
        assert LexicalIndex.load(path, fingerprint="x") is not None
        print(f"lexical {args.docs:,} docs ({size / 2**20:.0f} MiB): save {save * 1000:.0f} ms, "
              f"load {load * 1000:.0f} ms")
        for dim, index in indexes.items():
            folder = Path(tmp) / f"v{dim}"
            save = _median(lambda: index.save(folder, {"seq": 1}), args.repeat)  # noqa: B023
            size = sum(p.stat().st_size for p in folder.iterdir())
            load = _median(lambda: VectorIndex.load(folder), args.repeat)  # noqa: B023
            assert VectorIndex.load(folder) is not None
            print(f"vectors {args.docs:,} x {dim} ({size / 2**20:.0f} MiB): "
                  f"save {save * 1000:.0f} ms, load {load * 1000:.0f} ms")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
