"""`segue reindex`: a new index from the current mappings behind the alias, swapped
atomically while searches keep coming; none fails, none comes back empty."""

from __future__ import annotations

import threading
from collections.abc import Iterator

import pytest

from segue.cli import main
from segue.cluster import ClusterEngine
from segue.query import SearchRequest

from ..conftest import CATALOG
from .conftest import cluster_engine_for, drop


@pytest.fixture
def engine(opensearch_url: str) -> Iterator[ClusterEngine]:
    engine = cluster_engine_for(opensearch_url, list(CATALOG))
    yield engine
    drop(engine)


def test_reindex_swaps_the_alias_without_a_gap(
    engine: ClusterEngine, opensearch_url: str, capsys: pytest.CaptureFixture[str],
) -> None:
    before = engine.current_index()
    stop = threading.Event()
    answers: list[str | None] = []
    errors: list[BaseException] = []

    def keep_searching() -> None:
        while not stop.is_set():
            try:
                top = engine.search(SearchRequest(q="beyonce", limit=3)).top
                answers.append(top and top["name"])
            except Exception as e:  # any failure is the finding
                errors.append(e)

    searcher = threading.Thread(target=keep_searching)
    searcher.start()
    try:
        assert main(["reindex", "--alias", engine.alias, "--opensearch-url",
                     opensearch_url]) == 0
    finally:
        stop.set()
        searcher.join()
    after = engine.current_index()
    assert after != before
    assert not engine.client.indices.exists(index=before)
    assert f"now on {after}" in capsys.readouterr().out
    assert errors == []
    assert len(answers) > 5 and set(answers) == {"Beyoncé"}
    assert engine.count() == len(CATALOG)
