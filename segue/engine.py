"""The embedded engine, and `open_engine`, which picks the configured engine.

The API and the CLI talk to an `Engine` (segue/engines.py); the embedded engine
composes the durable store, the write path, the lexical index and the searcher in one
process. The cluster engine (segue/cluster.py) implements the same protocol over
OpenSearch or Elasticsearch.
"""

from __future__ import annotations

import logging
import threading
import time
from collections.abc import Collection, Iterable, Iterator, Mapping, Sequence
from functools import partial
from pathlib import Path
from typing import Any

import orjson

from segue.analyzers import Synonyms
from segue.indexer import (
    Action,
    AudioVectors,
    DataDirLock,
    DocumentCache,
    EmbeddingCache,
    FixedDimension,
    ItemResult,
    LexicalIndex,
    Snapshots,
    Store,
    TextEmbedder,
    TextVectors,
    VectorIndex,
    Writer,
    index_actions,
    shared_cache,
)
from segue.mappings import DIALECTS
from segue.query import (
    EmbeddedRetriever,
    EmbeddedVectors,
    IndexNeighbours,
    Scope,
    Searcher,
    SearchRequest,
    SearchResponse,
    similar,
)
from segue.ranking import Variant, shipped_variants
from segue.schema import AUDIO_FIELD

from .config import Settings
from .engines import Engine, Progress, Seed

log = logging.getLogger("segue")

SNAPSHOT_EVERY = 100_000   # changes after which the index is saved again
SNAPSHOT_CHECK_S = 1.0     # cheap: a snapshot costs this process a fork (see snapshot())
SNAPSHOT_RETRY_S = 60.0    # after a failed snapshot (a full disk), before the next try
VECTOR_REFRESH_S = 1.0     # audio vectors reach FAISS in the background this often


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
        # One process writes a data directory: a second is refused (DataDirLocked).
        self.owner = DataDirLock(Path(settings.data_dir))
        try:
            self._open(settings)
        except BaseException:
            self.owner.release()
            raise

    def _open(self, settings: Settings) -> None:
        self.store = Store(Path(settings.data_dir) / "documents.sqlite3")
        self.snapshots = Snapshots(Path(settings.data_dir), settings.typo_budget,
                                   settings.filterable, settings.text_model_id)
        self.fingerprint = self.snapshots.fingerprint
        self.lexical = LexicalIndex(settings.typo_budget, self.synonyms,
                                    filterable=settings.filterable)
        self.documents = DocumentCache(self._fetch)
        self.audio = AudioVectors(VectorIndex(settings.audio_dim))
        self.text: TextVectors | None = TextVectors(
            VectorIndex(), self._load_embedder) if settings.text_vectors else None
        self.writer = Writer(self.store, self._sinks(), self.lock)
        self.searcher = Searcher(
            EmbeddedRetriever(self.lexical), self.documents.get_many,
            load_variants(settings), settings.default_variant, self.lock,
            settings.traffic, settings.traffic_salt,
            EmbeddedVectors(self.text) if self.text is not None else None,
        )
        self._saving = threading.Lock()  # one snapshot written at a time
        self._ready = threading.Event()
        self._closing = threading.Event()
        self._snapshotter: threading.Thread | None = None
        self._save_failed = -SNAPSHOT_RETRY_S  # when a snapshot last failed (monotonic)

    def _sinks(self) -> list[Any]:
        sinks: list[Any] = [self.lexical, self.documents, self.audio]
        return sinks + ([self.text] if self.text is not None else [])

    def _load_embedder(self) -> TextEmbedder:
        cache = EmbeddingCache(Path(self.settings.data_dir) / "embeddings.sqlite3",
                               shared_cache(self.settings.text_model, self.settings.embedder))
        return TextEmbedder(self.settings.text_model, cache, self.settings.embedder)

    def _use_index(self, index: LexicalIndex) -> None:
        self.lexical = index
        self.writer.sinks = self._sinks()
        self.searcher.retriever = EmbeddedRetriever(index)

    @property
    def snapshot_seq(self) -> int:
        return self.snapshots.seq

    @property
    def filterable(self) -> tuple[str, ...]:
        return self.settings.filterable

    @property
    def ready(self) -> bool:
        return self._ready.is_set()

    @property
    def not_ready_reason(self) -> str | None:
        """Never unreachable: not ready only while loading."""
        return None

    def compact(self) -> None:
        """Merge the lexical index's write buffers (after a bulk load, before queries)."""
        with self.lock:
            self.lexical.compact()

    def load(self, progress: Progress | None = None, *, seed_if_empty: Seed | None = None
             ) -> int:
        """Build the indexes from the store; the engine is ready afterwards.

        `seed_if_empty` supplies documents for an empty store (the demo catalog); they
        are indexed before readiness, so /v1/ready never announces an empty demo.
        """
        restored = self.snapshots.restore(self.store.last_seq(), self.audio, self.text,
                                          self.synonyms)
        if restored is not None:
            index, pending = restored
            self._use_index(index)
            if self.text is not None and pending:
                for doc in self._fetch(pending).values():
                    self.text.upsert(doc)
            replayed = self.writer.replay(self.snapshot_seq, progress)
            if not self.snapshots.check(len(self.lexical), self.store.count()):
                restored = None
                self._use_index(LexicalIndex(self.settings.typo_budget, self.synonyms))
                self.audio.index = VectorIndex(self.settings.audio_dim)
                if self.text is not None:
                    self.text.reset(VectorIndex())
        if restored is None:
            replayed = self.writer.load(progress)
        # Writes are checked against the audio dimension the index now holds.
        self.writer.start([FixedDimension(AUDIO_FIELD, self.audio.index.dim)],
                          process=self.settings.write_process)
        if len(self.lexical) == 0 and seed_if_empty is not None:
            for _ in self.index_documents(seed_if_empty()):
                if progress is not None:
                    progress(1)
            self.lexical.compact()
        if restored is None or replayed >= SNAPSHOT_EVERY:
            self.snapshot()
        if self.text is not None:
            # Readiness does not wait for the model: names are searchable now, and
            # descriptions as soon as the embedder has caught up (see stats()).
            self.text.progress = progress is not None
            self.text.start(background=self.settings.embed_in_background)
        self._ready.set()
        self._snapshotter = threading.Thread(target=self._snapshot_loop, daemon=True,
                                             name="segue-snapshot")
        self._snapshotter.start()
        threading.Thread(target=self._refresh_loop, daemon=True,
                         name="segue-vector-refresh").start()
        return len(self.lexical)

    def snapshot(self) -> bool:
        """Save the indexes if they changed since the last snapshot.

        Searches and writes wait only while the vectors are written and a child is
        forked; the child pickles the lexical index, the slow part, from its
        copy-on-write image, on the other core (`indexer.forked`).
        """
        with self._saving:
            try:
                with self.lock:
                    seq = self.writer.applied_seq
                    if not self.snapshots.due(seq, self.text):
                        return False
                    child = self.snapshots.start(seq, self.lexical, self.audio, self.text)
                self.snapshots.finish(child, seq)
            except (OSError, RuntimeError) as e:
                # A full disk: the previous snapshot stays whole and the store has
                # every write, so the next start replays a longer tail. Not fatal.
                log.warning("the index was not saved (%s); the next start replays the "
                            "store from the last snapshot", e)
                self._save_failed = time.monotonic()
                return False
            return True

    def _snapshot_loop(self) -> None:
        """Bound the replay after a crash: save once many changes have accumulated."""
        while not self._closing.wait(SNAPSHOT_CHECK_S):
            if (self.writer.applied_seq - self.snapshot_seq >= SNAPSHOT_EVERY
                    and time.monotonic() - self._save_failed >= SNAPSHOT_RETRY_S):
                self.snapshot()

    def _refresh_loop(self) -> None:
        """Move buffered audio vectors into FAISS off the write path (a read flushes
        whatever is left, so a write is never invisible to the next read)."""
        while not self._closing.wait(VECTOR_REFRESH_S):
            self.audio.index.flush()

    def bulk(self, lines: Iterable[bytes]) -> Iterator[ItemResult]:
        return self.writer.apply_lines("bulk", lines)

    def bulk_from_stream(self, lines: Iterable[bytes],
                         positions: Sequence[tuple[str, int, int]]
                         ) -> Iterator[ItemResult]:
        return self.writer.apply_lines("bulk", lines, positions)

    def stream_offsets(self, topic: str) -> dict[int, int]:
        return self.store.stream_offsets(topic)

    def ingest(self, lines: Iterable[bytes]) -> Iterator[ItemResult]:
        """JSONL/NDJSON documents, one per line (`segue ingest`)."""
        return self.writer.apply_lines("documents", lines)

    def index_documents(self, docs: Iterable[Any]) -> Iterator[ItemResult]:
        return self.writer.apply(index_actions(docs))

    def search(self, request: SearchRequest) -> SearchResponse:
        return self.searcher.search(request)

    def similar(self, doc_id: str, limit: int = 10, types: frozenset[str] | None = None,
                market: str | None = None) -> dict[str, Any] | None:
        indexes = {"audio": self.audio.index}
        if self.text is not None:
            indexes["text"] = self.text.index
        neighbours = IndexNeighbours(lambda i: self.store.get(i) is not None, indexes,
                                     self.documents.get_many)
        admit = None if market is None else \
            partial(self.searcher.admit, scope=Scope(market=market))
        return similar(neighbours, doc_id, limit, types, admit)

    def wait_for_vectors(self, timeout: float | None = None,
                         doc_ids: Collection[str] | None = None) -> bool:
        """Block until every text written so far (or those of `doc_ids`) is embedded;
        False on timeout."""
        return self.text is None or self.text.wait(timeout, doc_ids)

    def vectors_pending(self, doc_ids: Collection[str]) -> int:
        return 0 if self.text is None else self.text.pending(doc_ids)

    def embedding_backlog(self) -> int | None:
        if self.text is None or self.text.backlog == 0:
            return None
        return self.text.backlog

    def suggest(self, q: str, limit: int = 8, market: str | None = None
                ) -> list[dict[str, Any]]:
        return self.searcher.suggest(q, limit, market)

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
        vectors = {"audio": self.audio.index.stats()}
        if self.text is not None:
            vectors["text"] = self.text.stats()
        return {"engine": self.name, "ready": self.ready, **lexical, "store_bytes": size,
                "vectors": vectors,
                "uptime_s": round(time.time() - self.started, 1),
                "variants": self.variants}

    @property
    def variants(self) -> list[str]:
        return sorted(self.searcher.variants)

    def close(self) -> None:
        """Save the index if it changed, close the store and give up the data
        directory; safe to call twice."""
        if self._closing.is_set():
            return
        self._closing.set()
        if self.text is not None:
            self.text.close()
        if self._ready.is_set():
            self.snapshot()
        self.writer.close()
        self.store.close()
        self.owner.release()


def open_engine(settings: Settings) -> Engine:
    if settings.engine in DIALECTS:
        from .cluster import ClusterEngine

        return ClusterEngine(settings, dialect=settings.engine)
    if settings.engine != "embedded":
        raise ValueError(f"engine '{settings.engine}' is not available; "
                         "use embedded, opensearch or elasticsearch")
    return EmbeddedEngine(settings)
