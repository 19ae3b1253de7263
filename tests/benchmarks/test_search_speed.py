"""Search latency, Segue beside tantivy on the same catalog and queries.

Run with `make bench`; inside `make test` each runs once as a smoke test. Times
are read from pytest-benchmark's table (compare medians), never asserted.
"""

from __future__ import annotations

import pytest

from segue.query import SearchRequest
from segue.ranking import UserContext

from .workload import typed

KINDS = ("prefix", "exact", "typo", "name+artist")


def _batch(bench_queries, kind):
    return [q for k, q in bench_queries if k == kind]


@pytest.mark.parametrize("kind", KINDS)
def test_segue_search(benchmark, bench_engine, bench_queries, kind):
    batch = _batch(bench_queries, kind)
    benchmark.group = f"search {kind}"

    def run() -> int:
        return sum(bench_engine.search(SearchRequest(q=q, limit=10)).total > 0 for q in batch)

    found = benchmark(run)
    assert found >= 0.9 * len(batch)  # the benchmark measures searches that find things


@pytest.mark.parametrize("kind", KINDS)
def test_segue_search_personalized(benchmark, bench_engine, bench_docs, bench_queries, kind):
    """The same searches with a user context: the candidates' artists and genres come
    from the document cache, then one more feature. Compare with `search {kind}`."""
    batch = _batch(bench_queries, kind)
    artists = sorted({a for d in bench_docs[:500] for a in d.get("artists") or []})[:20]
    genres = sorted({g for d in bench_docs[:500] for g in d.get("genres") or []})[:5]
    user = UserContext.of(artists, genres)
    benchmark.group = f"search {kind}"

    def run() -> int:
        return sum(bench_engine.search(SearchRequest(q=q, limit=10, user=user)).total > 0
                   for q in batch)

    found = benchmark(run)
    assert found >= 0.9 * len(batch)


@pytest.mark.parametrize("kind", KINDS)
def test_tantivy_search(benchmark, bench_tantivy, bench_queries, kind):
    batch = _batch(bench_queries, kind)
    benchmark.group = f"search {kind}"
    benchmark(lambda: sum(bool(bench_tantivy.search(q)) for q in batch))


def _typed(bench_queries):
    """Eight queries of each kind as a search box sends them, a letter at a time: what
    the per-keystroke caches (word expansions, the other words' documents) are for."""
    return [q for _, q in typed([p for kind in KINDS
                                 for p in [(k, q) for k, q in bench_queries if k == kind][:8]])]


def test_segue_search_typed(benchmark, bench_engine, bench_queries):
    batch = _typed(bench_queries)
    benchmark.group = "search typed a letter at a time"
    benchmark(lambda: [bench_engine.search(SearchRequest(q=q, limit=10)) for q in batch])


def test_tantivy_search_typed(benchmark, bench_tantivy, bench_queries):
    batch = _typed(bench_queries)
    benchmark.group = "search typed a letter at a time"
    benchmark(lambda: [bench_tantivy.search(q) for q in batch])


def test_segue_suggest(benchmark, bench_engine, bench_queries):
    batch = [q[:3] for _, q in bench_queries]
    benchmark.group = "suggest"
    benchmark(lambda: [bench_engine.suggest(q, 8) for q in batch])
