"""How many postings a query reads, by the function reading them, and its `took_ms`.

    python -m tests.benchmarks.postings_read --docs 1000000 --data /tmp/d1m

Runs the side-by-side workload on the embedded engine over an index kept in `--data`
(built there on the first run, reopened after: a million documents take minutes to
index) and prints, per query on average, the postings each reading function touched: a
posting list read whole counts every posting; a list only searched for some documents
(`completions.positions_in`, a binary search each) counts the documents searched times
the depth of the search, an upper bound of the entries it probes. Then `took_ms`
p50/p99 and the median per query kind, timed with nothing wrapped on the index
reopened (no expansion cached), after its first 200 queries.
"""

from __future__ import annotations

import argparse
import math
import statistics
import sys
from collections import Counter, defaultdict
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from pathlib import Path
from types import FrameType
from typing import Any
from unittest import mock

import numpy as np

from segue.config import Settings
from segue.engine import EmbeddedEngine, open_engine
from segue.indexer import LexicalIndex
from segue.query import SearchRequest, completions, embedded

from .workload import catalog, queries

WARM = 200  # queries run before timing (the first after opening pay for loading)
# Functions that take a term's postings only to search them (counted by the search).
SEARCHING = {"_holds", "_postings"}


def _reader() -> str:
    """The function that asked, with its two callers (comprehensions and this module's
    wrappers skipped)."""
    frame: FrameType | None = sys._getframe(1)
    names: list[str] = []
    while frame is not None and len(names) < 3:
        code = frame.f_code
        if not code.co_name.startswith("<") and code.co_filename != __file__:
            names.append(code.co_name)
        frame = frame.f_back
    return " < ".join(names)


@contextmanager
def counted(read: Counter[str]) -> Iterator[None]:
    """Count into `read` the postings every reading function touches."""
    searching = hasattr(completions, "positions_in")  # older code reads lists whole
    postings, postings_of = LexicalIndex.postings, LexicalIndex.postings_of

    def one(index: LexicalIndex, term: int) -> tuple[np.ndarray, np.ndarray]:
        found = postings(index, term)
        who = _reader()
        if not searching or who.split(" < ")[0] not in SEARCHING:
            read[who] += len(found[0])
        return found

    def several(index: LexicalIndex, terms: list[int]) -> Any:
        found = postings_of(index, terms)
        read[_reader()] += len(found[0])
        return found

    patches: list[Any] = [mock.patch.object(LexicalIndex, "postings", one),
               mock.patch.object(LexicalIndex, "postings_of", several)]
    if searching:
        search: Callable[[np.ndarray, np.ndarray], np.ndarray] = completions.positions_in

        def probed(found: np.ndarray, docs: np.ndarray) -> np.ndarray:
            depth = max(1, math.ceil(math.log2(len(found) + 1)))
            read[_reader() + " (searched)"] += len(docs) * depth
            return search(found, docs)

        patches += [mock.patch.object(completions, "positions_in", probed),
                    mock.patch.object(embedded, "positions_in", probed)]
    for patch in patches:
        patch.start()
    try:
        yield
    finally:
        for patch in reversed(patches):
            patch.stop()


def opened(data: Path, docs: int, seed: int) -> EmbeddedEngine:
    engine = open_engine(Settings(data_dir=data, text_model="none"))
    assert isinstance(engine, EmbeddedEngine)
    engine.load()
    if len(engine.lexical) != docs:
        assert not len(engine.lexical), f"{data} holds another catalog"
        for result in engine.index_documents(catalog(docs, seed)):
            assert result.ok
        engine.lexical.compact()
        engine.snapshot()
    return engine


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__,
                                     formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--docs", type=int, default=50_000)
    parser.add_argument("--queries", type=int, default=2_000)
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument("--data", type=Path, required=True)
    args = parser.parse_args(argv)
    work = queries(list(catalog(args.docs, args.seed)), args.queries)
    engine = opened(args.data, args.docs, args.seed)
    try:
        read: Counter[str] = Counter()
        with counted(read):
            for _, q in work:
                engine.search(SearchRequest(q=q))
    finally:
        engine.close()
    print(f"postings read per query ({len(work)} queries, {args.docs:,} documents):")
    for who, n in read.most_common():
        print(f"{n / len(work):10,.0f}  {who}")
    print(f"{sum(read.values()) / len(work):10,.0f}  in all")
    engine = opened(args.data, args.docs, args.seed)  # reopened: no query cached
    try:
        for _, q in work[:WARM]:
            engine.search(SearchRequest(q=q))
        took: list[float] = []
        by_kind: dict[str, list[float]] = defaultdict(list)
        for kind, q in work:
            ms = engine.search(SearchRequest(q=q)).took_ms
            took.append(ms)
            by_kind[kind].append(ms)
    finally:
        engine.close()
    took.sort()
    print(f"took_ms p50 {took[len(took) // 2]:.2f} p99 {took[int(len(took) * 0.99)]:.2f} |",
          " ".join(f"{k} {statistics.median(v):.2f}" for k, v in sorted(by_kind.items())))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
