"""Benchmarks build one catalog per session: 50k documents with `make bench`
(--benchmark-enable), 2k as a smoke run inside `make test`."""

from __future__ import annotations

import pytest

from segue.config import Settings
from segue.engine import open_engine

from ..peers.tantivy_peer import TantivyPeer
from .workload import catalog, queries


@pytest.fixture(scope="session")
def bench_size(request: pytest.FixtureRequest) -> int:
    # addopts always says --benchmark-disable; `make bench` adds --benchmark-enable.
    return 50_000 if request.config.getoption("benchmark_enable") else 2_000


@pytest.fixture(scope="session")
def bench_docs(bench_size: int) -> list[dict]:
    return list(catalog(bench_size))


@pytest.fixture(scope="session")
def bench_queries(bench_docs: list[dict]) -> list[tuple[str, str]]:
    return queries(bench_docs, 400)


@pytest.fixture(scope="session")
def bench_engine(bench_docs, tmp_path_factory):
    engine = open_engine(Settings(data_dir=tmp_path_factory.mktemp("bench")))
    engine.load()
    for _ in engine.index_documents(bench_docs):
        pass
    engine.lexical.compact()
    yield engine
    engine.close()


@pytest.fixture(scope="session")
def bench_tantivy(bench_docs) -> TantivyPeer:
    return TantivyPeer(bench_docs)
