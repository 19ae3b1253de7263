"""Engines: one interface over where the indexes live.

The API and the CLI talk to an `Engine`; the embedded engine composes the durable
store, the write path, the lexical index and the searcher in one process. A cluster
engine implements the same methods over OpenSearch.
"""

from __future__ import annotations

import threading
import time
from collections.abc import Callable, Iterable, Iterator, Mapping
from pathlib import Path
from typing import Any, Protocol

import orjson

from segue.analyzers import Synonyms
from segue.indexer import (
    Action,
    ActionError,
    ItemResult,
    LexicalIndex,
    Store,
    Writer,
    parse_bulk,
)
from segue.query import EmbeddedRetriever, Searcher, SearchRequest, SearchResponse
from segue.ranking import Variant, shipped_variants

from .config import Settings


class Engine(Protocol):
    name: str

    @property
    def ready(self) -> bool: ...
    def bulk(self, lines: Iterable[bytes]) -> Iterator[ItemResult]: ...
    def index_documents(self, docs: Iterable[Any]) -> Iterator[ItemResult]: ...
    def search(self, request: SearchRequest) -> SearchResponse: ...
    def suggest(self, q: str, limit: int) -> list[dict[str, Any]]: ...
    def get(self, doc_id: str) -> dict[str, Any] | None: ...
    def delete(self, doc_id: str) -> ItemResult: ...
    def stats(self) -> dict[str, Any]: ...
    def close(self) -> None: ...


def load_variants(settings: Settings) -> dict[str, Variant]:
    variants = shipped_variants()
    if settings.variants_dir is not None:
        for path in sorted(Path(settings.variants_dir).glob("*.json")):
            variant = Variant.load(path)
            variants[variant.name] = variant
    if settings.default_variant not in variants:
        raise ValueError(f"default variant '{settings.default_variant}' not found; "
                         f"known: {', '.join(sorted(variants))}")
    return variants


class EmbeddedEngine:
    """Everything in one process: SQLite store on disk, indexes in memory."""

    name = "embedded"

    def __init__(self, settings: Settings) -> None:
        self.settings = settings
        self.started = time.time()
        self.lock = threading.RLock()
        synonyms = Synonyms.load(settings.synonyms) if settings.synonyms else None
        self.store = Store(Path(settings.data_dir) / "documents.sqlite3")
        self.lexical = LexicalIndex(settings.typo_budget, synonyms)
        self.writer = Writer(self.store, [self.lexical], self.lock)
        self.searcher = Searcher(
            EmbeddedRetriever(self.lexical), self._fetch, load_variants(settings),
            settings.default_variant, self.lock,
        )
        self._ready = threading.Event()

    @property
    def ready(self) -> bool:
        return self._ready.is_set()

    def load(
        self, progress: Callable[[int], None] | None = None,
        *, seed_if_empty: Callable[[], Iterable[Any]] | None = None,
    ) -> int:
        """Build the indexes from the store; the engine is ready afterwards.

        `seed_if_empty` supplies documents for an empty store (the demo catalog); they
        are indexed before readiness, so /v1/ready never announces an empty demo.
        """
        count = self.writer.load(progress)
        if count == 0 and seed_if_empty is not None:
            for result in self.index_documents(seed_if_empty()):
                count += result.ok
                if progress is not None:
                    progress(1)
            self.lexical.compact()
        self._ready.set()
        return count

    def bulk(self, lines: Iterable[bytes]) -> Iterator[ItemResult]:
        return self.writer.apply(parse_bulk(lines))

    def index_documents(self, docs: Iterable[Any]) -> Iterator[ItemResult]:
        """Upsert documents given as objects: the `_bulk` path without the NDJSON."""
        def actions() -> Iterator[Action | ActionError]:
            for n, doc in enumerate(docs, start=1):
                doc_id = doc.get("id") if isinstance(doc, dict) else None
                yield Action("index", doc_id if isinstance(doc_id, str) else None, n,
                             source=doc, source_line=n)
        return self.writer.apply(actions())

    def search(self, request: SearchRequest) -> SearchResponse:
        return self.searcher.search(request)

    def suggest(self, q: str, limit: int = 8) -> list[dict[str, Any]]:
        return self.searcher.suggest(q, limit)

    def _fetch(self, doc_ids: list[str]) -> Mapping[str, dict[str, Any]]:
        return {i: orjson.loads(b) for i, b in self.store.get_many(doc_ids).items()}

    def get(self, doc_id: str) -> dict[str, Any] | None:
        body = self.store.get(doc_id)
        return orjson.loads(body) if body else None

    def delete(self, doc_id: str) -> ItemResult:
        (result,) = self.writer.apply([Action("delete", doc_id, 1)])
        return result

    def stats(self) -> dict[str, Any]:
        with self.lock:
            lexical = self.lexical.stats()
        db = self.store.path
        size = sum(p.stat().st_size for p in db.parent.glob(db.name + "*") if p.exists())
        return {"engine": self.name, "ready": self.ready, **lexical, "store_bytes": size,
                "uptime_s": round(time.time() - self.started, 1),
                "variants": sorted(self.searcher.variants)}

    def close(self) -> None:
        self.store.close()


def open_engine(settings: Settings) -> EmbeddedEngine:
    if settings.engine != "embedded":
        raise ValueError(f"engine '{settings.engine}' is not available; use 'embedded'")
    return EmbeddedEngine(settings)
