"""The write path: the ledger (validate → version check → durable commit), then the
indexes.

Actions are applied in order, in chunks: each chunk is committed to the store in one
transaction (fsynced) and only then applied to the in-memory indexes, so whatever
is searchable is also on disk, and a crash between the two is healed at start-up
by replaying the store. Per-item results follow Elasticsearch's `_bulk`.
"""

from __future__ import annotations

import threading
from collections.abc import Callable, Iterable, Iterator, Mapping, Sequence
from itertools import islice
from typing import Any, Protocol

import orjson

from . import collector
from .bulk import Action, ActionError
from .decide import Check, ItemResult
from .ledger import Committed, Ledger, Positions
from .ledger_process import PARSERS, LedgerProcess
from .store import Store
from .stored import StoredDocument

# What every sink is given: a valid document as a read-only `Mapping`. Two kinds satisfy
# it: a plain dict (from a ledger in this process, or replayed from the store) and a
# `StoredDocument` (from the write process: the stored JSON, parsed only when a sink
# reads a field beyond the id). One protocol rather than one class, so neither path
# pays for the other's form: a dict is never re-serialized, stored JSON never parsed
# for the sinks that need only the id. Sinks read with `doc[key]` and `doc.get`, never
# mutate; only the lexical index looks further (a `StoredDocument` brings the
# `LexicalIndex.digest` it would otherwise compute, with the same outcome).
SinkDocument = Mapping[str, Any]


class IndexSink(Protocol):
    """Anything kept in step with the store: the lexical index, the document cache,
    the vector indexes. Each takes `SinkDocument`s.

    A sink may also offer `upsert_many(docs)`, the same as `upsert` of each in turn,
    when it does per-batch work once (the lexical index adds term weights once).
    """

    def upsert(self, doc: SinkDocument) -> object: ...
    def remove(self, doc_id: str) -> object: ...
    def compact(self) -> None: ...


def apply_to_sink(sink: IndexSink, changes: Iterable[tuple[str, SinkDocument | None]]
                  ) -> None:
    """Apply (id, document or None for a removal) in order: runs of upserts in one
    `upsert_many` call when the sink has one."""
    many = getattr(sink, "upsert_many", None)
    if many is None:
        for doc_id, doc in changes:
            if doc is None:
                sink.remove(doc_id)
            else:
                sink.upsert(doc)
        return
    run: list[SinkDocument] = []
    for doc_id, doc in changes:
        if doc is not None:
            run.append(doc)
            continue
        if run:
            many(run)
            run = []
        sink.remove(doc_id)
    if run:
        many(run)


class Writer:
    """Keeps the sinks in step with the store: each chunk the ledger has committed is
    applied to every sink, in store order, before its results are given out."""

    def __init__(self, store: Store, sinks: list[IndexSink], lock: threading.RLock) -> None:
        self.store = store
        self.sinks = sinks
        self.ledger: Ledger | LedgerProcess = Ledger(store)  # see `start`
        self.lock = lock  # readers' lock: held only while the indexes change
        # Commit and apply are one step in store order: two concurrent requests writing
        # the same id must reach the indexes in the order they reached the disk.
        self._order = threading.RLock()
        self.applied_seq = 0  # the store sequence the indexes reflect

    def start(self, checks: Sequence[Check], *, process: bool) -> None:
        """Check writes with `checks` from now on (the rules that depend on the indexes
        as loaded), and with `process`, parse, validate and commit them in a child
        process (`LedgerProcess`; the checks must then be plain objects such as
        `FixedDimension`)."""
        with self._order:
            self.ledger = LedgerProcess(
                self.store.path, checks, on_commit=self._index_committed,
                on_restart=lambda: self.replay(self.applied_seq),
            ) if process else Ledger(self.store, checks)

    def close(self) -> None:
        # Not under `_order`: the process's receiving thread may need it to finish.
        if isinstance(self.ledger, LedgerProcess):
            self.ledger.close()

    def apply(self, actions: Iterable[Action | ActionError]) -> Iterator[ItemResult]:
        return self._apply(self.ledger.run(actions))

    def apply_lines(self, kind: str, lines: Iterable[bytes],
                    positions: Positions | None = None) -> Iterator[ItemResult]:
        """Raw lines, parsed where the ledger runs: a `_bulk` body ("bulk") or one
        document per line ("documents"). `positions`, one per action, are stored
        with the chunk that commits it (`Ledger.run`)."""
        if isinstance(self.ledger, LedgerProcess):
            return self._apply(self.ledger.run_lines(kind, lines, positions))
        return self._apply(self.ledger.run(PARSERS[kind](lines), positions))

    def _apply(self, committed: Iterator[Committed]) -> Iterator[ItemResult]:
        if isinstance(self.ledger, LedgerProcess):
            # Indexed already, in commit order, by the process's receiving thread
            # (`_index_committed`): requests run side by side, grouped in the child.
            for part in committed:
                yield from part.results
            return
        while True:
            # Committed and indexed with the cyclic collector paused: the chunk's
            # temporary objects are freed before it could promote them.
            with collector.paused(), self._order:
                part = next(committed, None)
                if part is None:
                    return
                if part.seq is not None:
                    self._index(part)
            yield from part.results

    def _index_committed(self, part: Committed) -> None:
        """A chunk the write process committed: to every sink, in commit order."""
        with self._order:
            self._index(part)

    def _index(self, part: Committed) -> None:
        docs: Sequence[SinkDocument | None] | None = part.docs
        if docs is None:  # from the write process: parsed by a sink only if it needs more
            docs = [None if body is None else StoredDocument(doc_id, body, view)
                    for (doc_id, body), view in zip(part.changes, part.digests or (),
                                                    strict=True)]
        changes = [(doc_id, doc) for (doc_id, _), doc in zip(part.changes, docs, strict=True)]
        with self.lock:
            for sink in self.sinks:
                apply_to_sink(sink, changes)
            self.applied_seq = part.seq

    def load(self, progress: Callable[[int], None] | None = None) -> int:
        """Rebuild every sink from the store (start-up without a usable snapshot)."""
        return self.replay(None, progress)

    def replay(self, since: int | None, progress: Callable[[int], None] | None = None) -> int:
        """Apply the store's changes after sequence `since` (all documents if None)."""
        count = 0
        with self._order, self.lock:
            last = self.store.last_seq()
            rows = self.store.scan() if since is None else self.store.changes_since(since)
            while True:
                with collector.paused():  # as in `apply`
                    batch = [(doc_id, None if body is None else orjson.loads(body))
                             for doc_id, body in islice(rows, 1000)]
                    for sink in self.sinks:
                        apply_to_sink(sink, batch)
                if not batch:
                    break
                count += len(batch)
                if progress is not None and len(batch) == 1000:
                    progress(1000)
            for sink in self.sinks:
                sink.compact()
            self.applied_seq = last
        if progress is not None:
            progress(count % 1000)
        return count
