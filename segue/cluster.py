"""The cluster engine: OpenSearch (or Elasticsearch) holds the index, Segue ranks.

Wiring only, behind the same `Engine` interface as the embedded engine. Writes go
through `ClusterWriter` (validated by the same schema code, `_bulk` helpers, external
versions) under the outage rule of `acknowledged_writes`; searches through
`ClusterRetriever` (structured DSL for recall, Segue's matcher and ranking for order);
`/similar` through `similar` over `ClusterNeighbours`. `ClusterIndex` keeps the index
behind the alias, blue/green on `reindex`. Where the OpenSearch and Elasticsearch
APIs differ, the `Dialect` (mappings/dialect.py) says how; every cluster call runs
under its `guard`, so a cluster that is down is an `EngineUnavailable`.
"""

from __future__ import annotations

import threading
import time
from collections.abc import Collection, Iterable, Iterator
from functools import partial
from pathlib import Path
from typing import Any

from segue.analyzers import Synonyms
from segue.errors import EngineUnavailable
from segue.indexer import (
    Action,
    ActionError,
    ClusterIndex,
    ClusterVectors,
    ClusterWriter,
    EmbeddingCache,
    ItemResult,
    TextBackfill,
    TextEmbedder,
    VectorBacklog,
    acknowledged_writes,
    cache_salt,
    default_model_path,
    index_actions,
    parse_bulk,
    parse_documents,
)
from segue.mappings import DIALECTS
from segue.query import (
    ClusterNeighbours,
    ClusterRetriever,
    ClusterVectorRetriever,
    Scope,
    Searcher,
    SearchRequest,
    SearchResponse,
    similar,
)

from .config import Settings
from .engine import load_variants
from .engines import Progress, Seed


class _Unlocked:
    """The searcher's lock guards an in-process index; a cluster needs none, and
    holding one would queue concurrent searches behind each other's round trips."""

    def __enter__(self) -> None:
        return None

    def __exit__(self, *_: object) -> None:
        return None


class ClusterEngine:
    """Candidates from a cluster, ranked by Segue."""

    name = "opensearch"

    def __init__(self, settings: Settings, *, dialect: str = "opensearch",
                 alias: str | None = None, replicas: int | None = None, shards: int = 1,
                 refresh: str = "wait_for", embedder: TextEmbedder | None = None) -> None:
        self.settings = settings
        self.started = time.time()
        urls = [u.strip() for u in settings.opensearch_url.split(",") if u.strip()]
        self.dialect = DIALECTS[dialect]
        self.name = dialect
        self.client = self.dialect.client(urls, settings.opensearch_timeout_s)
        self.alias = alias or settings.opensearch_index
        self.synonyms = Synonyms.load(settings.synonyms) if settings.synonyms else None
        self.retriever = ClusterRetriever(self.client, self.alias, settings.typo_budget,
                                          self.synonyms, filterable=settings.filterable)
        self.vectors = ClusterVectors(
            self.client, self.alias, self.dialect, audio_dim=settings.audio_dim,
            backfill=self._backfill(embedder) if settings.text_vectors else None)
        self.index = ClusterIndex(self.client, self.alias, self.dialect, self.vectors,
                                  shards=shards, replicas=replicas)
        self.writer = ClusterWriter(self.client, self.alias, self.dialect.bulk_helper(),
                                    refresh, self.vectors,
                                    unreachable=self.dialect.unreachable,
                                    filterable=settings.filterable)
        self.searcher = Searcher(
            self.retriever, self.retriever.lookup, load_variants(settings),
            settings.default_variant, _Unlocked(), settings.traffic,  # type: ignore[arg-type]
            settings.traffic_salt,
            ClusterVectorRetriever(self.client, self.alias, lambda: self.vectors.embedder,
                                   self.dialect) if self.vectors.text else None,
        )
        self._ready = threading.Event()
        self.not_ready_reason: str | None = None  # why the last load failed

    # -- life cycle ---------------------------------------------------------------------

    def _backfill(self, embedder: TextEmbedder | None) -> TextBackfill:
        """Text vectors behind the writes: the embedding cache inline, the model later
        through a durable backlog in the data directory."""
        data = Path(self.settings.data_dir)
        model = str(self.settings.text_model or default_model_path())
        cache = embedder.cache if embedder is not None else \
            EmbeddingCache(data / "embeddings.sqlite3")
        backend = embedder.backend if embedder is not None else self.settings.embedder
        return TextBackfill(
            self.client, self.alias, self.dialect.bulk_helper(),
            lambda: embedder or TextEmbedder(model, cache, backend), cache,
            cache_salt(embedder.model_path if embedder else model, backend),
            VectorBacklog(data / f"vector-backlog-{self.alias}.sqlite3"))

    def load(self, progress: Progress | None = None, *, seed_if_empty: Seed | None = None
             ) -> int:
        """Create the index behind the alias on first use; ready afterwards. Raises
        `EngineUnavailable` if the cluster cannot be reached (the reason is kept for
        /v1/ready until a later call succeeds)."""
        try:
            with self.dialect.guard():
                return self._load(progress, seed_if_empty)
        except EngineUnavailable as e:
            self.not_ready_reason = e.reason
            raise

    def _load(self, progress: Progress | None, seed_if_empty: Seed | None) -> int:
        self.index.ensure()
        self.vectors.attach()
        count = self.count()
        if count == 0 and seed_if_empty is not None:
            for _ in self.index_documents(seed_if_empty()):
                if progress is not None:
                    progress(1)
            count = self.count()
        self.not_ready_reason = None
        if self.vectors.backfill is not None:
            self.vectors.backfill.start()
        self._ready.set()
        return count

    def current_index(self) -> str | None:
        return self.index.current()

    def reindex(self) -> tuple[str, str]:
        return self.index.reindex()

    def drop(self) -> None:
        self.index.drop()

    @property
    def filterable(self) -> tuple[str, ...]:
        return self.settings.filterable

    @property
    def ready(self) -> bool:
        return self._ready.is_set()

    def compact(self) -> None:
        """The cluster merges its segments itself."""

    def close(self) -> None:
        if self.vectors.backfill is not None:
            self.vectors.backfill.close()
        self.client.close()

    # -- writes -------------------------------------------------------------------------

    def _write(self, actions: Iterable[Action | ActionError]) -> Iterator[ItemResult]:
        with self.dialect.guard():
            yield from acknowledged_writes(self.writer, actions)

    def bulk(self, lines: Iterable[bytes]) -> Iterator[ItemResult]:
        return self._write(parse_bulk(lines))

    def index_documents(self, docs: Iterable[Any]) -> Iterator[ItemResult]:
        return self._write(index_actions(docs))

    def ingest(self, lines: Iterable[bytes]) -> Iterator[ItemResult]:
        return self._write(parse_documents(lines))

    def delete(self, doc_id: str) -> ItemResult:
        (result,) = self._write([Action("delete", doc_id, 1)])
        return result

    def wait_for_vectors(self, timeout: float | None = None,
                         doc_ids: Collection[str] | None = None) -> bool:
        """Poll the backlog until it holds none of `doc_ids` (or nothing), then refresh
        so the vectors just added are searchable; False on timeout."""
        backfill = self.vectors.backfill
        if backfill is None:
            return True
        deadline = None if timeout is None else time.monotonic() + timeout
        while (backfill.pending(doc_ids) if doc_ids is not None else len(backfill.backlog)) \
                and backfill.error is None:
            if deadline is not None and time.monotonic() >= deadline:
                return False
            time.sleep(0.05)
        with self.dialect.guard():
            self.client.indices.refresh(index=self.alias)
        return True

    def vectors_pending(self, doc_ids: Collection[str]) -> int:
        return 0 if self.vectors.backfill is None else self.vectors.backfill.pending(doc_ids)

    def embedding_backlog(self) -> int | None:
        backfill = self.vectors.backfill
        waiting = 0 if backfill is None else len(backfill.backlog)
        return waiting or None

    # -- reads --------------------------------------------------------------------------

    def search(self, request: SearchRequest) -> SearchResponse:
        with self.dialect.guard():
            return self.searcher.search(request)

    def similar(self, doc_id: str, limit: int = 10, types: frozenset[str] | None = None,
                market: str | None = None) -> dict[str, Any] | None:
        with self.dialect.guard():
            admit = None if market is None else \
                partial(self.searcher.admit, scope=Scope(market=market))
            return similar(ClusterNeighbours(self.client, self.alias, self.dialect),
                           doc_id, limit, types, admit)

    def suggest(self, q: str, limit: int = 8, market: str | None = None
                ) -> list[dict[str, Any]]:
        with self.dialect.guard():
            return self.searcher.suggest(q, limit, market)

    def get(self, doc_id: str) -> dict[str, Any] | None:
        with self.dialect.guard():
            return self.retriever.lookup([doc_id]).get(doc_id) if doc_id else None

    def count(self) -> int:
        with self.dialect.guard():
            return self.index.count()

    def stats(self) -> dict[str, Any]:
        with self.dialect.guard():
            health = self.client.cluster.health()
            return {"engine": self.name, "ready": self.ready, "documents": self.count(),
                    "index": self.current_index(), "cluster_status": health["status"],
                    "nodes": health["number_of_nodes"],
                    "uptime_s": round(time.time() - self.started, 1),
                    "variants": self.variants}

    @property
    def variants(self) -> list[str]:
        return sorted(self.searcher.variants)
