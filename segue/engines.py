"""What every engine offers: the one interface the API and the CLI use.

`open_engine` (segue/engine.py) returns an `Engine`: the embedded engine
(`EmbeddedEngine`, everything in this process) or a cluster engine (`ClusterEngine`,
OpenSearch or Elasticsearch holding the index). Callers use it as it is, whichever it
is. Operations only a cluster has (rebuilding the index behind its alias, dropping it)
form a second, narrow protocol, `Reindexable`, which a caller checks once with
`isinstance`.

This module imports neither engine, nor FAISS, nor a cluster client: the types it
names are read by the type checker only, so the API imports it for nothing.
"""

from __future__ import annotations

from collections.abc import Callable, Collection, Iterable, Iterator, Sequence
from typing import TYPE_CHECKING, Any, Protocol, runtime_checkable

if TYPE_CHECKING:
    from segue.indexer import ItemResult
    from segue.query import SearchRequest, SearchResponse

Progress = Callable[[int], None]      # called with documents just loaded
Seed = Callable[[], Iterable[Any]]     # documents for an empty index


class Engine(Protocol):
    """Documents in (`bulk`, `ingest`, `index_documents`, `delete`), search out
    (`search`, `suggest`, `similar`, `get`), and a life cycle (`load`, `ready`,
    `close`)."""

    @property
    def name(self) -> str:
        """The engine's kind: embedded, opensearch or elasticsearch."""
        ...

    @property
    def filterable(self) -> tuple[str, ...]:
        """The keyword fields configured filterable beside the built-in ones."""
        ...

    # -- life cycle -------------------------------------------------------------------

    def load(self, progress: Progress | None = None, *, seed_if_empty: Seed | None = None
             ) -> int:
        """Make the index searchable (build it, or reach the cluster); ready after.
        Returns how many documents it holds. `seed_if_empty` fills an empty index
        before readiness, so /v1/ready never announces an empty demo. Raises
        `EngineUnavailable` when a cluster cannot be reached."""
        ...

    @property
    def ready(self) -> bool: ...

    @property
    def variants(self) -> list[str]:
        """The ranking variants a search may name (`?variant=`), sorted."""
        ...

    @property
    def not_ready_reason(self) -> str | None:
        """Why the last `load` failed (a cluster unreachable), else None: /v1/ready
        tells "unreachable" from "still loading" by it."""
        ...

    def compact(self) -> None:
        """Settle the index after a large load, before it is queried (the CLI's ingest
        and eval); nothing to do where the index settles itself."""
        ...

    def close(self) -> None:
        """Save what must be saved and release everything; safe to call twice."""
        ...

    # -- writes -----------------------------------------------------------------------

    def bulk(self, lines: Iterable[bytes]) -> Iterator[ItemResult]:
        """Elasticsearch `_bulk` NDJSON: one result per action, in order."""
        ...

    def ingest(self, lines: Iterable[bytes]) -> Iterator[ItemResult]:
        """JSONL documents, one per line (`segue ingest`, `segue eval --catalog`)."""
        ...

    def index_documents(self, docs: Iterable[Any]) -> Iterator[ItemResult]:
        """Documents already parsed (the demo catalog, a CSV file's rows)."""
        ...

    def delete(self, doc_id: str) -> ItemResult: ...

    def wait_for_vectors(self, timeout: float | None = None,
                         doc_ids: Collection[str] | None = None) -> bool:
        """Block until every text written so far (or only those of `doc_ids`) has its
        text vector searchable; False on timeout."""
        ...

    def vectors_pending(self, doc_ids: Collection[str]) -> int:
        """How many of `doc_ids` are searchable by their words but still wait for
        their text vector (a `_bulk` answer's `vectors_pending`)."""
        ...

    def embedding_backlog(self) -> int | None:
        """Texts written and not yet embedded (0 while the model still loads); None
        when searches by meaning already see every write (or there are none)."""
        ...

    # -- reads ------------------------------------------------------------------------

    def get(self, doc_id: str) -> dict[str, Any] | None: ...

    def search(self, request: SearchRequest) -> SearchResponse: ...

    def suggest(self, q: str, limit: int = 8, market: str | None = None
                ) -> list[dict[str, Any]]: ...

    def similar(self, doc_id: str, limit: int = 10, types: frozenset[str] | None = None,
                market: str | None = None) -> dict[str, Any] | None:
        """More like this document (`segue.query.similar`), only documents available
        in `market` when given; None when it does not exist."""
        ...

    def stats(self) -> dict[str, Any]:
        """At least `engine`, `ready` and `documents`; `vectors.text` (with `backlog`
        and `caught_up`) where text vectors are embedded in the background."""
        ...


@runtime_checkable
class Reindexable(Protocol):
    """An engine whose index sits behind an alias: rebuilt beside the live one and
    swapped in (blue/green), or dropped whole. The cluster engines."""

    def reindex(self) -> tuple[str, str]:
        """The old index's name ("" if none) and the new one's."""
        ...

    def drop(self) -> None:
        """Delete the alias and every index behind it."""
        ...

    def count(self) -> int: ...


@runtime_checkable
class StreamApplied(Protocol):
    """An engine whose store records, in the same durable commit as a stream's
    changes, how far each partition of the stream is applied (the embedded engine):
    a consumer restarted after a crash resumes there and never applies a message
    twice. A cluster's index has no such commit; its consumer relies on replays
    being harmless (`segue.stream.handlers`)."""

    def bulk_from_stream(self, lines: Iterable[bytes],
                         positions: Sequence[tuple[str, int, int]]
                         ) -> Iterator[ItemResult]:
        """`bulk`, each action's (topic, partition, offset) stored with it."""
        ...

    def stream_offsets(self, topic: str) -> dict[int, int]:
        """Partition -> the last offset of `topic` the store holds."""
        ...
