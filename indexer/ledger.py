"""Deciding and recording writes: validate → version check → durable commit.

The `Ledger` is the half of the write path that needs only the store: it turns a
chunk of actions into per-item results and the changes to apply, committed (and
fsynced) before it returns them. The other half, applying those changes to the
in-memory indexes, stays with the `Writer` in the serving process. Kept apart so the
ledger can run in a process of its own (`LedgerProcess`) and parse, validate and
commit the next chunk while the serving process indexes this one.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass
from itertools import islice
from typing import Any, NamedTuple

import orjson

from segue.schema import DocumentError, validate_document

from .bulk import Action, ActionError
from .store import Put, Remove, Store

CHUNK = 500


class ItemResult(NamedTuple):
    """One item's answer, as Elasticsearch's `_bulk` gives it (a tuple: results cross
    from the ledger's process by the thousand)."""

    op: str
    doc_id: str | None
    status: int
    result: str | None = None
    error_type: str | None = None
    reason: str | None = None

    @property
    def ok(self) -> bool:
        return self.error_type is None

    def to_json_bytes(self) -> bytes:
        """`to_json` serialized; a success, the common case, from a template (an answer
        to a large request renders a hundred thousand of them)."""
        tail = _SUCCESS.get((self.status, self.result)) if self.error_type is None else None
        if tail is None or self.op not in _OPENING:
            return orjson.dumps(self.to_json())
        return b"".join((_OPENING[self.op], orjson.dumps(self.doc_id), tail))

    def to_json(self) -> dict[str, Any]:
        body: dict[str, Any] = {"_id": self.doc_id, "status": self.status}
        if self.result is not None:
            body["result"] = self.result
        if self.error_type is not None:
            body["error"] = {"type": self.error_type, "reason": self.reason}
        return {self.op: body}


_OPENING = {op: b'{"' + op.encode() + b'":{"_id":'
            for op in ("index", "create", "update", "delete")}
_SUCCESS: dict[tuple[int, str], bytes] = {
    (status, result): b',"status":' + str(status).encode() + b',"result":"'
    + result.encode() + b'"}}'
    for status, result in ((201, "created"), (200, "updated"), (200, "deleted"),
                           (404, "not_found"))
}


class Committed(NamedTuple):
    """A chunk once on disk: its results, in request order; the store sequence it
    reached (None when it wrote nothing); the changes to apply, in store order, as
    (id, stored JSON body, or None for a removal); and, from a ledger in this
    process, the same documents already parsed, or from a ledger process, what the
    lexical index reads of each."""

    results: list[ItemResult]
    seq: int | None
    changes: list[tuple[str, bytes | None]]
    docs: list[dict[str, Any] | None] | None = None
    digests: list[tuple[Any, ...] | None] | None = None  # `lexical.digest`, from a process


class FixedDimension:
    """A vector field's dimension, fixed by configuration or by its first vector; a
    document with another is rejected for itself only. A plain object, so it travels
    to the ledger's process with the dimension the indexes already hold."""

    def __init__(self, field: str, dim: int | None = None) -> None:
        self.field, self.dim = field, dim

    def __call__(self, doc: dict[str, Any]) -> None:
        vector = doc.get(self.field)
        if vector is None:
            return
        if self.dim is None:
            self.dim = len(vector)
        elif len(vector) != self.dim:
            raise DocumentError(f"has {len(vector)} dimensions; this index takes {self.dim} "
                                "(fixed by configuration or by its first vector)", self.field)


@dataclass(slots=True)
class _State:
    exists: bool
    version: int | None
    body: dict[str, Any] | None = None


class Ledger:
    def __init__(self, store: Store,
                 checks: list[Callable[[dict[str, Any]], None]] | None = None) -> None:
        self.store = store
        # Index-specific rules beyond the schema (an audio vector's dimension): each
        # raises DocumentError for its item only.
        self.checks = checks or []

    def run(self, actions: Iterable[Action | ActionError]) -> Iterator[Committed]:
        """Commit the actions chunk by chunk, in order."""
        it = iter(actions)
        while chunk := list(islice(it, CHUNK)):
            yield self.commit(chunk)

    def commit(self, chunk: list[Action | ActionError]) -> Committed:
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
        writes: list[Put | Remove] = []
        docs: list[dict[str, Any] | None] = []
        for action in chunk:
            if isinstance(action, ActionError):
                results.append(ItemResult(action.op, action.doc_id, action.status,
                                          error_type=action.type, reason=action.reason))
                continue
            result, write, doc = self._resolve(action, states)
            results.append(result)
            if write is not None:
                writes.append(write)
                docs.append(doc)
        if not writes:
            return Committed(results, None, [])
        seq = self.store.commit(writes)
        return Committed(results, seq, [(w.doc_id, w.body if isinstance(w, Put) else None)
                                        for w in writes], docs)

    def _resolve(self, action: Action, states: dict[str, _State]
                 ) -> tuple[ItemResult, Put | Remove | None, dict[str, Any] | None]:
        op, doc_id, line = action.op, action.doc_id, action.line

        def fail(status: int, kind: str, reason: str, at: int | None = None
                 ) -> tuple[ItemResult, None, None]:
            return ItemResult(op, doc_id, status, error_type=kind,
                              reason=f"line {at or line}: {reason}"), None, None

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
                return ItemResult(op, doc_id, 404, "not_found"), None, None
            states[doc_id] = _State(False, version if version is not None else state.version)
            return ItemResult(op, doc_id, 200, "deleted"), Remove(doc_id, version), None

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
        return ItemResult(op, doc_id, status, result), Put(doc_id, orjson.dumps(doc), version), doc
