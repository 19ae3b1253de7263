"""The cluster engine: OpenSearch (or Elasticsearch) holds the index, Segue ranks.

Same `Engine` interface as the embedded engine. Writes go through `ClusterWriter`
(validated by the same schema code, `_bulk` helpers, external versions), searches
through `ClusterRetriever` (structured DSL for recall, Segue's matcher and ranking for
order). Searches and writes address an alias; `reindex` builds a new index from the
current mappings, copies the documents with the cluster's `_reindex` and swaps the
alias in one atomic call (blue/green), so searches never see a missing or empty index.

Where the OpenSearch and Elasticsearch APIs differ, `Dialect` says how, in one place.
"""

from __future__ import annotations

import contextlib
import threading
import time
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from segue.analyzers import Synonyms
from segue.indexer import (
    Action,
    ActionError,
    ClusterWriter,
    EmbeddingCache,
    ItemResult,
    TextEmbedder,
    index_actions,
    parse_bulk,
    parse_documents,
)
from segue.indexer.cluster import UNAVAILABLE
from segue.indexer.cluster_vectors import ClusterVectors
from segue.mappings import index_definition
from segue.query import (
    ClusterRetriever,
    EngineUnavailable,
    Searcher,
    SearchRequest,
    SearchResponse,
)
from segue.query.cluster_vectors import ClusterVectorRetriever, similar_documents
from segue.schema import AUDIO_FIELD

from .config import Settings
from .engine import load_variants

# A search that resolved the alias just before the swap may still be reading the old
# index: it is deleted only after this grace period.
REINDEX_GRACE_S = 2.0


class _Unlocked:
    """The searcher's lock guards an in-process index; a cluster needs none, and
    holding one would queue concurrent searches behind each other's round trips."""

    def __enter__(self) -> None:
        return None

    def __exit__(self, *_: object) -> None:
        return None


@dataclass(frozen=True)
class Dialect:
    """What differs between the two clients and servers."""

    name: str

    def client(self, urls: list[str], timeout: float = 30.0) -> Any:
        if self.name == "elasticsearch":
            from elasticsearch import Elasticsearch

            return Elasticsearch(urls, request_timeout=timeout, max_retries=3,
                                 retry_on_timeout=True)
        from opensearchpy import OpenSearch

        return OpenSearch(urls, timeout=timeout, max_retries=3, retry_on_timeout=True,
                          serializer=_orjson_serializer())

    def bulk_helper(self) -> Any:
        if self.name == "elasticsearch":
            from elasticsearch.helpers import streaming_bulk

            return streaming_bulk
        from opensearchpy.helpers import streaming_bulk

        return streaming_bulk

    def index_body(self, audio_dim: int | None, shards: int, replicas: int) -> dict[str, Any]:
        """The mappings' k-NN fields: `knn_vector` + `index.knn` on OpenSearch,
        `dense_vector` with cosine similarity on Elasticsearch."""
        body = index_definition(audio_dim=audio_dim, shards=shards, replicas=replicas)
        if self.name == "elasticsearch":
            body["settings"]["index"].pop("knn", None)
            for spec in body["mappings"]["properties"].values():
                if spec.get("type") == "knn_vector":
                    dims = spec["dimension"]
                    spec.clear()
                    spec.update(type="dense_vector", dims=dims, index=True,
                                similarity="cosine")
        return body

    def unreachable(self, error: BaseException) -> str | None:
        """Why the cluster could not answer, if `error` says it is down rather than that
        the request was wrong: no connection or a timeout (after the client's retries
        over every node), or a 503 from the cluster itself (no elected manager, every
        copy of a shard gone). None for any other error."""
        if self.name == "elasticsearch":
            from elastic_transport import ConnectionError as Unreachable
            from elastic_transport import ConnectionTimeout
            from elasticsearch import ApiError

            if isinstance(error, ConnectionTimeout):
                return "timed out"
            if isinstance(error, Unreachable):
                return "no connection"
            if isinstance(error, ApiError) and error.meta.status == 503:
                return f"the cluster answered 503: {error.message}"
            return None
        from opensearchpy.exceptions import ConnectionError as Unreachable
        from opensearchpy.exceptions import ConnectionTimeout, TransportError

        if isinstance(error, ConnectionTimeout):
            return "timed out"
        if isinstance(error, Unreachable):
            return "no connection"
        if isinstance(error, TransportError) and error.status_code == 503:
            return f"the cluster answered 503: {error.error}"
        return None

    @contextlib.contextmanager
    def guard(self) -> Iterator[None]:
        """Client errors that mean "the cluster is down" become `EngineUnavailable`."""
        try:
            yield
        except EngineUnavailable:
            raise
        except Exception as e:
            reason = self.unreachable(e)
            if reason is None:
                raise
            raise EngineUnavailable(reason) from e

    def create_index(self, client: Any, name: str, body: dict[str, Any]) -> None:
        if self.name == "elasticsearch":
            client.indices.create(index=name, settings=body["settings"],
                                  mappings=body["mappings"])
        else:
            client.indices.create(index=name, body=body)


def _orjson_serializer() -> Any:
    """opensearch-py's JSON serializer with orjson underneath: every search answer (100
    documents) and every `_bulk` body goes through it, and the standard library's json
    is several times slower at both."""
    import orjson
    from opensearchpy.exceptions import SerializationError
    from opensearchpy.serializer import JSONSerializer

    class OrjsonSerializer(JSONSerializer):
        def loads(self, s: Any) -> Any:
            try:
                return orjson.loads(s)
            except orjson.JSONDecodeError as e:
                raise SerializationError(s, e) from e

        def dumps(self, data: Any) -> Any:
            if isinstance(data, str):
                return data
            try:
                return orjson.dumps(data, default=self.default).decode()
            except TypeError as e:
                raise SerializationError(data, e) from e

    return OrjsonSerializer()


DIALECTS = {"opensearch": Dialect("opensearch"), "elasticsearch": Dialect("elasticsearch")}


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
        self.shards = shards
        self.replicas = replicas
        self.synonyms = Synonyms.load(settings.synonyms) if settings.synonyms else None
        self.retriever = ClusterRetriever(self.client, self.alias, settings.typo_budget,
                                          self.synonyms)
        self.vectors = ClusterVectors(
            self.client, self.alias, self._vector_field, audio_dim=settings.audio_dim,
            load_embedder=(lambda: embedder or self._load_embedder())
            if settings.text_vectors else None)
        self.writer = ClusterWriter(self.client, self.alias, self.dialect.bulk_helper(),
                                    refresh, self.vectors,
                                    unreachable=self.dialect.unreachable)
        self.searcher = Searcher(
            self.retriever, self.retriever.fetch, load_variants(settings),
            settings.default_variant, _Unlocked(), settings.traffic,  # type: ignore[arg-type]
            settings.traffic_salt,
            ClusterVectorRetriever(self.client, self.alias, lambda: self.vectors.embedder,
                                   self.dialect.name) if self.vectors.text else None,
        )
        self._ready = threading.Event()
        self.not_ready_reason: str | None = None  # why the last load failed

    # -- life cycle ---------------------------------------------------------------------

    def _vector_field(self, dim: int) -> dict[str, Any]:
        return self.dialect.index_body(dim, 1, 0)["mappings"]["properties"][AUDIO_FIELD]

    def _load_embedder(self) -> TextEmbedder:
        cache = EmbeddingCache(Path(self.settings.data_dir) / "embeddings.sqlite3")
        return TextEmbedder(self.settings.text_model, cache)

    def _replicas(self) -> int:
        if self.replicas is not None:
            return self.replicas
        nodes = int(self.client.cluster.health()["number_of_nodes"])
        return 1 if nodes > 1 else 0

    def _new_index(self) -> str:
        name = f"{self.alias}-{time.strftime('%Y%m%d%H%M%S')}-{time.time_ns() % 10**9:09d}"
        body = self.vectors.drop_unset_audio(
            self.dialect.index_body(None, self.shards, self._replicas()))
        self.dialect.create_index(self.client, name, body)
        self.client.cluster.health(index=name, wait_for_status="yellow")
        return name

    def current_index(self) -> str | None:
        if not self.client.indices.exists_alias(name=self.alias):
            return None
        return next(iter(self.client.indices.get_alias(name=self.alias)))

    def load(self, progress: Any = None, *, seed_if_empty: Any = None) -> int:
        """Create the index behind the alias on first use; ready afterwards. Raises
        `EngineUnavailable` if the cluster cannot be reached (the reason is kept for
        /v1/ready until a later call succeeds)."""
        try:
            with self.dialect.guard():
                return self._load(progress, seed_if_empty)
        except EngineUnavailable as e:
            self.not_ready_reason = e.reason
            raise

    def _load(self, progress: Any, seed_if_empty: Any) -> int:
        if self.current_index() is None:
            name = self._new_index()
            self.client.indices.update_aliases(body={"actions": [
                {"add": {"index": name, "alias": self.alias}}]})
        self.vectors.attach()
        count = self.count()
        if count == 0 and seed_if_empty is not None:
            for _ in self.index_documents(seed_if_empty()):
                if progress is not None:
                    progress(1)
            count = self.count()
        self.not_ready_reason = None
        self._ready.set()
        return count

    def reindex(self) -> tuple[str, str]:
        """Blue/green: a new index from the current mappings, filled from the live one,
        then the alias moved in one atomic call; the old index is deleted after."""
        old = self.current_index()
        new = self._new_index()
        if old is not None:
            self.client.reindex(body={"source": {"index": old}, "dest": {"index": new}},
                                refresh=True, wait_for_completion=True, request_timeout=3600)
        actions: list[dict[str, Any]] = [{"add": {"index": new, "alias": self.alias}}]
        if old is not None:
            actions.insert(0, {"remove": {"index": old, "alias": self.alias}})
        self.client.indices.update_aliases(body={"actions": actions})
        if old is not None:
            time.sleep(REINDEX_GRACE_S)
            self.client.indices.delete(index=old)
        return old or "", new

    def drop(self) -> None:
        """Delete the alias and every index behind it (a throwaway evaluation index)."""
        for name in self.client.indices.get_alias(name=self.alias):
            self.client.indices.delete(index=name)

    @property
    def ready(self) -> bool:
        return self._ready.is_set()

    def close(self) -> None:
        self.client.close()

    # -- writes -------------------------------------------------------------------------

    def _write(self, actions: Iterable[Action | ActionError]) -> Iterator[ItemResult]:
        """The writer's results; a request of which nothing was applied because the
        cluster is unreachable fails whole (`EngineUnavailable`, a 503), while once
        something was acknowledged the rest fail item by item, so every acknowledged
        write is still reported."""
        held: list[ItemResult] = []
        applied = False
        with self.dialect.guard():
            for result in self.writer.apply(actions):
                if applied:
                    yield result
                    continue
                if result.error_type == UNAVAILABLE:
                    raise EngineUnavailable(self.writer.unreachable_reason)
                held.append(result)
                if result.ok:
                    applied = True
                    yield from held
                    held.clear()
        yield from held

    def bulk(self, lines: Iterable[bytes]) -> Iterator[ItemResult]:
        return self._write(parse_bulk(lines))

    def index_documents(self, docs: Iterable[Any]) -> Iterator[ItemResult]:
        return self._write(index_actions(docs))

    def ingest(self, lines: Iterable[bytes]) -> Iterator[ItemResult]:
        return self._write(parse_documents(lines))

    def delete(self, doc_id: str) -> ItemResult:
        (result,) = self._write([Action("delete", doc_id, 1)])
        return result

    # -- reads --------------------------------------------------------------------------

    def search(self, request: SearchRequest) -> SearchResponse:
        with self.dialect.guard():
            return self.searcher.search(request)

    def similar(self, doc_id: str, limit: int = 10, types: frozenset[str] | None = None
                ) -> dict[str, Any] | None:
        with self.dialect.guard():
            return similar_documents(self.client, self.alias, doc_id, limit, types,
                                     self.dialect.name)

    def wait_for_vectors(self, timeout: float | None = None) -> bool:
        """Writes embed their text before they are acknowledged: nothing to wait for."""
        return True

    def suggest(self, q: str, limit: int = 8) -> list[dict[str, Any]]:
        with self.dialect.guard():
            return self.searcher.suggest(q, limit)

    def get(self, doc_id: str) -> dict[str, Any] | None:
        with self.dialect.guard():
            return self.retriever.lookup([doc_id]).get(doc_id) if doc_id else None

    def count(self) -> int:
        with self.dialect.guard():
            return int(self.client.count(index=self.alias)["count"])

    def stats(self) -> dict[str, Any]:
        with self.dialect.guard():
            health = self.client.cluster.health()
            return {"engine": self.name, "ready": self.ready, "documents": self.count(),
                    "index": self.current_index(), "cluster_status": health["status"],
                    "nodes": health["number_of_nodes"],
                    "uptime_s": round(time.time() - self.started, 1),
                    "variants": sorted(self.searcher.variants)}
