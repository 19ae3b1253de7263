"""Restart time: snapshot + replay beside a full rebuild from the store.

    python -m tests.benchmarks.restart --docs 1000000 [--data DIR]

Ingests N synthetic documents (skipped when DIR already holds them), closes the
engine (which saves the snapshot), then times `load()` from the snapshot, then
again with the snapshot removed (every document analyzed anew).
"""

from __future__ import annotations

import argparse
import tempfile
import time
from pathlib import Path

from segue.config import Settings
from segue.engine import open_engine

from .workload import filled_engine


def timed_load(data: Path) -> tuple[float, int]:
    engine = open_engine(Settings(data_dir=data))
    started = time.perf_counter()
    count = engine.load()
    elapsed = time.perf_counter() - started
    engine._closing.set()  # measure only: no snapshot on the way out
    engine.store.close()
    return elapsed, count


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__,
                                     formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--docs", type=int, default=100_000)
    parser.add_argument("--data", type=Path)
    args = parser.parse_args(argv)
    data = args.data or Path(tempfile.mkdtemp(prefix="segue-restart-"))
    engine = filled_engine(data, args.docs)
    started = time.perf_counter()
    engine.close()
    save = time.perf_counter() - started
    snapshot = data / "lexical.snapshot"
    size = snapshot.stat().st_size
    from_snapshot, count = timed_load(data)
    snapshot.unlink()
    rebuild, _ = timed_load(data)
    print(f"{count:,} documents: snapshot {size / 2**20:,.0f} MiB saved in {save:.1f} s; "
          f"restart from snapshot {from_snapshot:.1f} s; full rebuild {rebuild:.1f} s")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
