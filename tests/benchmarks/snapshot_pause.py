"""How long searches wait while the index is saved: before and after, in one run.

    python -m tests.benchmarks.snapshot_pause --docs 1000000 [--data DIR]

Ingests N synthetic documents (skipped when DIR already holds them), then saves the
index three ways while a thread searches without pause:

- **whole save under the lock** (how `snapshot()` worked before): searches wait
  for the pickling and the write to disk;
- **freeze, then save** (how it worked next): searches wait only while the index is
  frozen under the lock; pickling and writing run outside it, sharing the GIL;
- **fork, the child saves** (how it works now): searches wait while the process
  forks; a child pickles its copy-on-write image on the other core.

Prints the time the readers' lock was held, the whole save time, and the slowest
search that overlapped each save beside the median search before it.
"""

from __future__ import annotations

import argparse
import itertools
import statistics
import tempfile
import threading
import time
from collections.abc import Callable
from pathlib import Path

from segue.engine import EmbeddedEngine
from segue.indexer import fork_task, wait_task
from segue.query import SearchRequest

from .workload import catalog, filled_engine, queries


def _searching(engine: EmbeddedEngine, qs: list[str], save: Callable[[], float]
               ) -> tuple[float, float, float, float]:
    """(lock held, whole save, slowest overlapping search, median search before), in s."""
    stop = threading.Event()
    done: list[tuple[float, float]] = []  # (start, latency)

    def search() -> None:
        for q in itertools.cycle(qs):
            if stop.is_set():
                return
            started = time.perf_counter()
            engine.search(SearchRequest(q=q))
            done.append((started, time.perf_counter() - started))

    thread = threading.Thread(target=search)
    thread.start()
    time.sleep(2.0)
    begin = time.perf_counter()
    held = save()
    end = time.perf_counter()
    time.sleep(0.5)
    stop.set()
    thread.join()
    before = [lat for start, lat in done if start + lat < begin]
    overlapping = [lat for start, lat in done if start < end and start + lat > begin]
    return held, end - begin, max(overlapping, default=0.0), statistics.median(before)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__,
                                     formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--docs", type=int, default=100_000)
    parser.add_argument("--data", type=Path)
    args = parser.parse_args(argv)
    data = args.data or Path(tempfile.mkdtemp(prefix="segue-pause-"))
    engine = filled_engine(data, args.docs)
    engine.lexical.compact()  # searches measured on a settled index
    sample = list(itertools.islice(catalog(args.docs), 20_000))
    qs = [q for _, q in queries(sample, 400)]
    path = data / "pause.snapshot"

    def whole_under_lock() -> float:
        started = time.perf_counter()
        with engine.lock:
            engine.lexical.save(path, seq=engine.writer.applied_seq,
                                fingerprint=engine.fingerprint)
        return time.perf_counter() - started

    def freeze_then_save() -> float:
        # What EmbeddedEngine.snapshot() does, timed in its two parts.
        with engine.lock:
            started = time.perf_counter()
            frozen = engine.lexical.freeze()
            held = time.perf_counter() - started
        frozen.save(path, seq=engine.writer.applied_seq, fingerprint=engine.fingerprint)
        return held

    def forked() -> float:
        # What EmbeddedEngine.snapshot() does now: fork under the lock, the child saves.
        index, seq, fingerprint = engine.lexical, engine.writer.applied_seq, engine.fingerprint
        with engine.lock:
            started = time.perf_counter()
            child = fork_task(lambda: index.save(path, seq=seq, fingerprint=fingerprint))
            held = time.perf_counter() - started
        wait_task(child)
        return held

    print(f"{len(engine.lexical):,} documents")
    for name, save in (("whole save under the lock", whole_under_lock),
                       ("freeze, then save outside the lock", freeze_then_save),
                       ("fork, the child saves", forked)):
        held, total, slowest, median = _searching(engine, qs, save)
        print(f"{name}: lock held {held * 1000:,.0f} ms, save {total:.2f} s, slowest "
              f"search during it {slowest * 1000:,.0f} ms (median before: "
              f"{median * 1000:.1f} ms)")
    path.unlink()
    engine.close()  # saves lexical.snapshot: `tests.benchmarks.restart --data DIR` can follow
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
