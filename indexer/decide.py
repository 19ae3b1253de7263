"""The write decision: one action, what is stored under its id, the checks -> what to do.

Both engines decide a write here, so a document one refuses the other refuses with
the same status and the same words. `decide` is pure: it reads nothing and writes
nothing; the `Ledger` fetches the state from the store and commits the decision, the
`ClusterWriter` fetches what it needs from the cluster and sends the decision there.

The rules, in the order a client sees them when several fail:

1. an update or a delete names its `_id`;
2. an update's document exists, and its line is `{"doc": {...}}`; the stored document
   merged with it is what gets validated;
3. the external version (the action line's, else an integer `version` among the
   fields sent: for an update the partial document only) is above the stored one;
4. a delete of nothing is `not_found`; a create of an existing id conflicts;
5. the document passes the schema, then each index-specific check.

When the state is not known here (`None`: the cluster engine for index, create and
delete), rules 3 and 4 are the store's, which applies them atomically per document
(`version_type=external`, `op_type=create`), and the decision has no result: the
store's answer is the result.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass
from typing import Any, NamedTuple

import orjson

from segue.schema import DocumentError, validate_document

from .bulk import Action, ActionError

# An index-specific rule beyond the schema (an audio vector's dimension): raises
# DocumentError for its item only.
Check = Callable[[dict[str, Any]], None]


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


class Stored(NamedTuple):
    """What the store holds under one id: whether a document lives there, the
    external version last written (kept after a delete), and, for an update, the
    document itself."""

    exists: bool
    version: int | None = None
    body: Mapping[str, Any] | None = None


ABSENT = Stored(False)


@dataclass(frozen=True, slots=True)
class Decision:
    """The result of one action and what to write: the validated document to store,
    or the id to remove (neither: nothing to write). `result` is None only for a
    write decided without the state (see the module): the store's answer is the
    result. The cluster engine also takes the store's answer over a write's result
    decided here (an update: the cluster checks its version)."""

    result: ItemResult | None
    doc: dict[str, Any] | None = None
    remove: str | None = None
    version: int | None = None  # the external version the write carries

    @property
    def writes(self) -> bool:
        return self.doc is not None or self.remove is not None

    def after(self, before: Stored) -> Stored:
        """What the store holds under the id once this decision is written."""
        version = self.version if self.version is not None else before.version
        if self.doc is not None:
            return Stored(True, version, self.doc)
        if self.remove is not None:
            return Stored(False, version)
        return before


def refused(error: ActionError) -> ItemResult:
    """An item the parser already refused."""
    return ItemResult(error.op, error.doc_id, error.status, error_type=error.type,
                      reason=error.reason)


def decide(action: Action | ActionError, stored: Stored | None,
           checks: Sequence[Check] = ()) -> Decision:
    """The decision for `action`, given what is `stored` under its `_id` (`ABSENT`
    for nothing, `None` when not known here: see the module)."""
    if isinstance(action, ActionError):
        return Decision(refused(action))
    op, doc_id = action.op, action.doc_id

    def fail(status: int, kind: str, reason: str, at: int | None = None) -> Decision:
        return Decision(ItemResult(op, doc_id, status, error_type=kind,
                                   reason=f"line {at or action.line}: {reason}"))

    if op in ("update", "delete") and not doc_id:
        return fail(400, "illegal_argument_exception", f"'{op}' needs an '_id'")
    known = stored is not None
    exists = stored is not None and stored.exists

    partial: Any = None
    if op == "update":
        if not exists or stored is None:
            return fail(404, "document_missing_exception", f"document '{doc_id}' not found")
        partial = action.source.get("doc") if isinstance(action.source, dict) else None
        if not isinstance(partial, dict):
            return fail(400, "illegal_argument_exception",
                        'an update line must be {"doc": {...fields to change...}}')
        source: Any = {**(stored.body or {}), **partial}
    else:
        source = action.source

    version = action.version
    sent = partial if op == "update" else source
    if version is None and isinstance(sent, dict) and isinstance(sent.get("version"), int):
        version = sent["version"]
    if version is not None and stored is not None and stored.version is not None \
            and version <= stored.version:
        return fail(409, "version_conflict_engine_exception",
                    f"version {version} of '{doc_id}' is not above the stored "
                    f"version {stored.version}; not applied")

    if op == "delete":
        assert doc_id is not None
        if not known:
            return Decision(None, remove=doc_id, version=version)
        if not exists:
            return Decision(ItemResult(op, doc_id, 404, "not_found"))
        return Decision(ItemResult(op, doc_id, 200, "deleted"), remove=doc_id,
                        version=version)

    if op == "create" and exists:
        return fail(409, "version_conflict_engine_exception",
                    f"document '{doc_id}' already exists")
    try:
        doc = validate_document(source, doc_id)
        for check in checks:
            check(doc)
    except DocumentError as e:
        return fail(400, "mapper_parsing_exception", str(e), action.source_line)
    if not known:
        return Decision(None, doc=doc, version=version)
    status, result = (200, "updated") if exists else (201, "created")
    return Decision(ItemResult(op, doc["id"], status, result), doc=doc, version=version)
