"""The write path: validate → version check → durable commit → indexes.

Actions are applied in order, in chunks: each chunk is committed to the store in one
transaction (fsynced) and only then applied to the in-memory indexes, so whatever
is searchable is also on disk, and a crash between the two is healed at start-up
by rebuilding from the store. Per-item results follow Elasticsearch's `_bulk`.
"""

from __future__ import annotations

import threading
from collections.abc import Callable, Iterable, Iterator, Mapping
from dataclasses import dataclass
from itertools import islice
from typing import Any, Protocol

import orjson

from . import collector
from .bulk import Action, ActionError
from .schema import DocumentError, validate_document
from .store import Put, Remove, Store

CHUNK = 2_000


class IndexSink(Protocol):
    """Anything kept in step with the store: the lexical index, later vector indexes.

    A sink may also offer `upsert_many(docs)`, the same as `upsert` of each in turn,
    when it does per-batch work once (the lexical index adds term weights once).
    """

    def upsert(self, doc: Mapping[str, Any]) -> object: ...
    def remove(self, doc_id: str) -> object: ...
    def compact(self) -> None: ...


def apply_to_sink(sink: IndexSink, changes: Iterable[tuple[str, Mapping[str, Any] | None]]
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
    run: list[Mapping[str, Any]] = []
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


@dataclass(frozen=True, slots=True)
class ItemResult:
    op: str
    doc_id: str | None
    status: int
    result: str | None = None
    error_type: str | None = None
    reason: str | None = None

    @property
    def ok(self) -> bool:
        return self.error_type is None

    def to_json(self) -> dict[str, Any]:
        body: dict[str, Any] = {"_id": self.doc_id, "status": self.status}
        if self.result is not None:
            body["result"] = self.result
        if self.error_type is not None:
            body["error"] = {"type": self.error_type, "reason": self.reason}
        return {self.op: body}


@dataclass(slots=True)
class _State:
    exists: bool
    version: int | None
    body: dict[str, Any] | None = None


class Writer:
    def __init__(self, store: Store, sinks: list[IndexSink], lock: threading.RLock,
                 checks: list[Callable[[dict[str, Any]], None]] | None = None) -> None:
        self.store = store
        self.sinks = sinks
        # Index-specific rules beyond the schema (an audio vector's dimension): each
        # raises DocumentError for its item only.
        self.checks = checks or []
        self.lock = lock  # readers' lock: held only while the indexes change
        # Commit and apply are one step in store order: two concurrent requests writing
        # the same id must reach the indexes in the order they reached the disk.
        self._order = threading.Lock()
        self.applied_seq = 0  # the store sequence the indexes reflect

    def apply(self, actions: Iterable[Action | ActionError]) -> Iterator[ItemResult]:
        it = iter(actions)
        while True:
            # Parsed, committed and indexed with the cyclic collector paused: the
            # chunk's temporary objects are freed before it could promote them.
            with collector.paused():
                chunk = list(islice(it, CHUNK))
                results = self._apply_chunk(chunk) if chunk else []
                del chunk
            if not results:
                return
            yield from results

    def _apply_chunk(self, chunk: list[Action | ActionError]) -> list[ItemResult]:
        # Versions are checked against what is stored and written in one ordered step:
        # two writers of one id can never both pass the check on the same old state.
        with self._order:
            return self._apply_chunk_in_order(chunk)

    def _apply_chunk_in_order(self, chunk: list[Action | ActionError]) -> list[ItemResult]:
        ids = [a.doc_id for a in chunk if isinstance(a, Action) and a.doc_id]
        stored = self.store.states(ids)
        update_ids = [a.doc_id for a in chunk
                      if isinstance(a, Action) and a.op == "update" and a.doc_id]
        bodies = self.store.get_many(update_ids) if update_ids else {}
        states: dict[str, _State] = {
            i: _State(s.exists, s.version, orjson.loads(bodies[i]) if i in bodies else None)
            for i, s in stored.items()
        }
        results: list[ItemResult] = []
        writes: list[tuple[Put | Remove, dict[str, Any] | None]] = []
        for action in chunk:
            if isinstance(action, ActionError):
                results.append(ItemResult(action.op, action.doc_id, action.status,
                                          error_type=action.type, reason=action.reason))
                continue
            result, write = self._resolve(action, states)
            results.append(result)
            if write is not None:
                writes.append(write)
        if writes:
            seq = self.store.commit(w for w, _ in writes)
            changes = [(write.doc_id, doc) for write, doc in writes]
            with self.lock:
                for sink in self.sinks:
                    apply_to_sink(sink, changes)
                self.applied_seq = seq
        return results

    def _resolve(
        self, action: Action, states: dict[str, _State]
    ) -> tuple[ItemResult, tuple[Put | Remove, dict[str, Any] | None] | None]:
        op, doc_id, line = action.op, action.doc_id, action.line

        def fail(status: int, kind: str, reason: str, at: int | None = None
                 ) -> tuple[ItemResult, None]:
            return ItemResult(op, doc_id, status, error_type=kind,
                              reason=f"line {at or line}: {reason}"), None

        if op in ("update", "delete") and not doc_id:
            return fail(400, "illegal_argument_exception", f"'{op}' needs an '_id'")
        state = states.get(doc_id) if doc_id else None
        exists = state is not None and state.exists

        if op == "update":
            if not exists or state is None:
                return fail(404, "document_missing_exception", f"document '{doc_id}' not found")
            partial = action.source.get("doc") if isinstance(action.source, dict) else None
            if not isinstance(partial, dict):
                return fail(400, "illegal_argument_exception",
                            'an update line must be {"doc": {...fields to change...}}')
            if state.body is None:
                state.body = orjson.loads(self.store.get(doc_id) or b"{}")
            source: Any = {**state.body, **partial}
        else:
            source = action.source

        # The external version comes from the action line, else from the fields sent:
        # for an update only the partial document, never the stored body's own version.
        version = action.version
        sent = partial if op == "update" else source
        if version is None and isinstance(sent, dict) and isinstance(sent.get("version"), int):
            version = sent["version"]
        if version is not None and state is not None and state.version is not None \
                and version <= state.version:
            return fail(409, "version_conflict_engine_exception",
                        f"version {version} of '{doc_id}' is not above the stored "
                        f"version {state.version}; not applied")

        if op == "delete":
            if not exists:
                return ItemResult(op, doc_id, 404, "not_found"), None
            states[doc_id] = _State(False, version if version is not None else state.version)
            return ItemResult(op, doc_id, 200, "deleted"), (Remove(doc_id, version), None)

        if op == "create" and exists:
            return fail(409, "version_conflict_engine_exception",
                        f"document '{doc_id}' already exists")
        try:
            doc = validate_document(source, doc_id)
            for check in self.checks:
                check(doc)
        except DocumentError as e:
            return fail(400, "mapper_parsing_exception", str(e), action.source_line)
        doc_id = doc["id"]
        prior = states.get(doc_id)
        created = prior is None or not prior.exists
        keep_version = version if version is not None else (prior.version if prior else None)
        states[doc_id] = _State(True, keep_version, doc)
        status, result = (201, "created") if created else (200, "updated")
        return (ItemResult(op, doc_id, status, result),
                (Put(doc_id, orjson.dumps(doc), version), doc))

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
