"""Vector fixtures: one text model per test session (loading it takes seconds), and
engines with text vectors on (the rest of the suite runs with them off)."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import pytest

from segue.config import Settings
from segue.engine import EmbeddedEngine, open_engine
from segue.indexer import TextEmbedder, default_model_path

MODEL = str(default_model_path())


@pytest.fixture(scope="session")
def embedder() -> TextEmbedder:
    """Loads the packaged model once; engines in this process share it."""
    return TextEmbedder(MODEL)


@pytest.fixture
def make_vector_engine(tmp_path: Path, embedder: TextEmbedder
                       ) -> Callable[..., EmbeddedEngine]:
    engines: list[EmbeddedEngine] = []

    def make(docs: list[dict] | None = None, *, data: Path | None = None,
             **settings: object) -> EmbeddedEngine:
        settings.setdefault("text_model", MODEL)
        engine = open_engine(Settings(data_dir=data or tmp_path / f"data{len(engines)}",
                                      **settings))
        engine.load()
        if docs:
            results = list(engine.index_documents(docs))
            assert all(r.ok for r in results), [r for r in results if not r.ok]
        assert engine.wait_for_vectors(300)
        engines.append(engine)
        return engine

    yield make
    for engine in engines:
        engine.close()


@pytest.fixture(scope="session")
def demo_client(tmp_path_factory, embedder):
    """The bundled demo catalog with its text vectors, behind the real HTTP app."""
    from fastapi.testclient import TestClient

    from segue.api import create_app
    from segue.catalog import load_demo

    settings = Settings(data_dir=tmp_path_factory.mktemp("demo"), text_model=MODEL)
    engine = open_engine(settings)
    engine.load(seed_if_empty=load_demo)
    assert engine.wait_for_vectors(900)
    yield TestClient(create_app(engine, settings))
    engine.close()
