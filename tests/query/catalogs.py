"""Small hand-written catalogs for the search-behaviour tests: one document builder and
one way to index them into an engine shared by a test module."""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

from segue.config import Settings
from segue.engine import EmbeddedEngine, open_engine


def track(doc_id: str, name: str, artist: str, popularity: float) -> dict:
    return {"id": doc_id, "type": "track", "name": name, "artists": [artist],
            "popularity": popularity}


@contextmanager
def indexed(data_dir: Path, docs: list[dict], **settings: object) -> Iterator[EmbeddedEngine]:
    """An engine over `docs` alone, every document accepted, closed afterwards."""
    engine = open_engine(Settings(data_dir=data_dir, **settings))  # type: ignore[arg-type]
    engine.load()
    assert all(r.ok for r in engine.index_documents(docs))
    yield engine
    engine.close()
