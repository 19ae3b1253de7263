"""What the other readings of a word cost a search: on and off, interleaved, one process.

    python -m tests.benchmarks.readings --docs 50000 --queries 1000

Joined words, number runs, keyboard-layout readings and splits (`query/readings.py`)
are work every query does. This runs the side-by-side workload twice per query on
one index, with the readings and with them switched off (no joins, no layouts, no
splits), alternating which goes first, so both see the same machine load; prints
`took_ms` p50/p90/p99 per query kind and the ratio on/off.
"""

from __future__ import annotations

import argparse
import sys
import tempfile
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from unittest import mock

import numpy as np
from tqdm import tqdm

from segue.config import Settings
from segue.engine import EmbeddedEngine, open_engine
from segue.query import SearchRequest

from .workload import catalog, queries


@contextmanager
def readings_off() -> Iterator[None]:
    """The query as before readings existed: no joins, no layouts, no splits."""
    with mock.patch("segue.query.understanding.join_readings",
                       lambda words, typing: [[] for _ in words]), \
            mock.patch("segue.query.understanding.layout_word_readings",
                       lambda text, words, typing: [[] for _ in words]), \
            mock.patch("segue.query.embedded.split_ways", lambda *a, **k: []):
        yield


def took(engine: EmbeddedEngine, q: str, off: bool) -> float:
    if off:
        with readings_off():
            return engine.search(SearchRequest(q=q)).took_ms
    return engine.search(SearchRequest(q=q)).took_ms


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__,
                                     formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--docs", type=int, default=50_000)
    parser.add_argument("--queries", type=int, default=1_000)
    parser.add_argument("--seed", type=int, default=1)
    args = parser.parse_args(argv)
    docs = list(catalog(args.docs, args.seed))
    work = queries(docs, args.queries)
    times: dict[str, dict[str, list[float]]] = {"on": {}, "off": {}}
    with tempfile.TemporaryDirectory() as tmp:
        engine = open_engine(Settings(data_dir=Path(tmp)))
        assert isinstance(engine, EmbeddedEngine)
        engine.load()
        for _ in tqdm(engine.index_documents(docs), total=len(docs), desc="ingest",
                      file=sys.stderr):
            pass
        engine.lexical.compact()
        for _, q in work[:200]:
            took(engine, q, False)
            took(engine, q, True)
        for n, (kind, q) in enumerate(tqdm(work, desc="queries", file=sys.stderr)):
            order = (False, True) if n % 2 else (True, False)
            for off in order:
                times["off" if off else "on"].setdefault(kind, []).append(
                    took(engine, q, off))
        engine.close()
    print(f"\n{args.docs:,} documents, {len(work):,} queries, each with and without "
          "the readings, interleaved\n")
    print("| query kind | with readings p50 | p90 | p99 | without p50 | p90 | p99 | p50 ratio |")
    print("|---|---|---|---|---|---|---|---|")
    for kind in [*times["on"], "all"]:
        row = f"| {kind} |"
        p50s = []
        for arm in ("on", "off"):
            ms = [x for v in times[arm].values() for x in v] if kind == "all" \
                else times[arm][kind]
            p = np.percentile(np.asarray(ms), [50, 90, 99])
            p50s.append(p[0])
            row += f" {p[0]:.2f} ms | {p[1]:.2f} | {p[2]:.2f} |"
        print(row + f" {p50s[0] / p50s[1]:.2f}× |")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
