"""The chart collection's 50,000 documents in one embedded engine, built once per
session (about ten seconds) and shared by every test that measures on it."""

from __future__ import annotations

from collections.abc import Iterator

import pytest

from segue.engine import EmbeddedEngine

from .chart import load_corpus
from .evaluate import build_engine


@pytest.fixture(scope="session")
def chart_engine(tmp_path_factory: pytest.TempPathFactory) -> Iterator[EmbeddedEngine]:
    engine = build_engine(tmp_path_factory.mktemp("chart"), load_corpus())
    yield engine
    engine.close()
