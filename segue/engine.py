"""Engines: one interface over where the indexes live.

The API and the CLI talk to an `Engine`; the embedded engine composes the durable
store, the write path, the lexical index and the searcher in one process. A cluster
engine implements the same methods over OpenSearch.
"""

from __future__ import annotations

import hashlib
import threading
import time
from collections.abc import Callable, Iterable, Iterator, Mapping
from pathlib import Path
from typing import Any, Protocol

import orjson

from segue import analyzers, indexer
from segue.analyzers import Synonyms
from segue.indexer import (
    Action,
    ActionError,
    DocumentCache,
    ItemResult,
    LexicalIndex,
    Store,
    Writer,
    parse_bulk,
)
from segue.query import EmbeddedRetriever, Searcher, SearchRequest, SearchResponse
from segue.ranking import Variant, shipped_variants

from .config import Settings

SNAPSHOT_EVERY = 100_000   # changes after which the index is saved again
SNAPSHOT_CHECK_S = 30.0


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
        self.synonyms = Synonyms.load(settings.synonyms) if settings.synonyms else None
        self.store = Store(Path(settings.data_dir) / "documents.sqlite3")
        self.snapshot_path = Path(settings.data_dir) / "lexical.snapshot"
        self.lexical = LexicalIndex(settings.typo_budget, self.synonyms)
        self.documents = DocumentCache(self._fetch)
        self.writer = Writer(self.store, [self.lexical, self.documents], self.lock)
        self.searcher = Searcher(
            EmbeddedRetriever(self.lexical), self.documents.get_many,
            load_variants(settings), settings.default_variant, self.lock,
            settings.traffic, settings.traffic_salt,
        )
        self.snapshot_seq = -1
        self._saving = threading.Lock()  # one snapshot written at a time
        self.fingerprint = self._fingerprint()
        self._ready = threading.Event()
        self._closing = threading.Event()
        self._snapshotter: threading.Thread | None = None

    def _use_index(self, index: LexicalIndex) -> None:
        self.lexical = index
        self.writer.sinks = [index, self.documents]
        self.searcher.retriever = EmbeddedRetriever(index)

    def _fingerprint(self) -> str:
        """What a saved index depends on: the code that analyzes and indexes, and the
        typo budget (deletion depths). Any change means a rebuild from the store."""
        digest = hashlib.sha256(repr(self.settings.typo_budget).encode())
        for module in (analyzers, indexer):
            for path in sorted(Path(module.__file__).parent.glob("*.py")):
                digest.update(path.read_bytes())
        return digest.hexdigest()

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
        restored = LexicalIndex.load(self.snapshot_path, fingerprint=self.fingerprint,
                                     synonyms=self.synonyms)
        if restored is not None:
            index, self.snapshot_seq = restored
            self._use_index(index)
            replayed = self.writer.replay(self.snapshot_seq, progress)
        else:
            replayed = self.writer.load(progress)
        if len(self.lexical) == 0 and seed_if_empty is not None:
            for _ in self.index_documents(seed_if_empty()):
                if progress is not None:
                    progress(1)
            self.lexical.compact()
        if restored is None or replayed >= SNAPSHOT_EVERY:
            self.snapshot()
        self._ready.set()
        self._snapshotter = threading.Thread(target=self._snapshot_loop, daemon=True,
                                             name="segue-snapshot")
        self._snapshotter.start()
        return len(self.lexical)

    def snapshot(self) -> bool:
        """Save the lexical index if it changed since the last snapshot.

        Searches and writes wait only while the index is frozen (a copy of what grows
        in place); the slow part, pickling and writing to disk, runs outside the lock.
        """
        with self._saving:
            with self.lock:
                seq = self.writer.applied_seq
                if seq == self.snapshot_seq:
                    return False
                frozen = self.lexical.freeze()
            frozen.save(self.snapshot_path, seq=seq, fingerprint=self.fingerprint)
            self.snapshot_seq = seq
            return True

    def _snapshot_loop(self) -> None:
        """Bound the replay after a crash: save once many changes have accumulated."""
        while not self._closing.wait(SNAPSHOT_CHECK_S):
            if self.writer.applied_seq - self.snapshot_seq >= SNAPSHOT_EVERY:
                self.snapshot()

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
        """Save the index if it changed, then close the store; safe to call twice."""
        if self._closing.is_set():
            return
        self._closing.set()
        if self._ready.is_set():
            self.snapshot()
        self.store.close()


def open_engine(settings: Settings) -> Any:
    if settings.engine in ("opensearch", "elasticsearch"):
        from .cluster import ClusterEngine

        return ClusterEngine(settings, dialect=settings.engine)
    if settings.engine != "embedded":
        raise ValueError(f"engine '{settings.engine}' is not available; "
                         "use embedded, opensearch or elasticsearch")
    return EmbeddedEngine(settings)
