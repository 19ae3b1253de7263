"""Parsing a `_bulk` body: NDJSON pairs of action line and document line.

The body is read as a stream of lines, so a 100k-item request never sits in memory
as one string. Parsing never stops at a bad line: a malformed action, a missing or
malformed document line, or invalid UTF-8 becomes an error for that one item, and
parsing resynchronises on the next line that looks like an action.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from typing import Any, NamedTuple

import orjson

OPERATIONS = ("index", "create", "update", "delete")
MAX_LINE_BYTES = 2 * 1024 * 1024


class Action(NamedTuple):
    op: str                    # index | create | update | delete
    doc_id: str | None
    line: int                  # 1-based line number of the action line
    version: int | None = None
    source: Any = None         # the document (index/create) or {"doc": {...}} (update)
    source_line: int | None = None  # 1-based line number of the document line


class ActionError(NamedTuple):
    op: str
    doc_id: str | None
    line: int
    status: int
    type: str
    reason: str


def _loads(raw: bytes) -> Any:
    if len(raw) > MAX_LINE_BYTES:
        raise ValueError(f"line is {len(raw)} bytes; the limit is {MAX_LINE_BYTES}")
    try:
        return orjson.loads(raw)
    except orjson.JSONDecodeError as e:
        raise ValueError(_json_reason(raw, e)) from None


def _json_reason(raw: bytes, e: orjson.JSONDecodeError) -> str:
    try:
        raw.decode("utf-8")
    except UnicodeDecodeError as u:
        return f"invalid UTF-8 at byte {u.start}"
    return f"malformed JSON: {e.msg} at character {e.pos}"


def _as_action(value: Any) -> tuple[str, dict[str, Any]] | None:
    """(operation, metadata) for anything shaped like an action line, known or not."""
    if isinstance(value, dict) and len(value) == 1:
        (op, meta), = value.items()
        if isinstance(meta, dict):
            return op, meta
    return None


def parse_bulk(lines: Iterable[bytes]) -> Iterator[Action | ActionError]:
    """Actions in body order; each bad item becomes an `ActionError`, nothing is skipped."""
    numbered = ((n, raw.strip()) for n, raw in enumerate(lines, start=1))
    pending: tuple[int, bytes] | None = None

    def next_line() -> tuple[int, bytes] | None:
        nonlocal pending
        if pending is not None:
            item, pending = pending, None
            return item
        for n, raw in numbered:
            if raw:
                return n, raw
        return None

    def _skip_document_line() -> None:
        """After a bad action, drop the line after it unless it is itself an action."""
        nonlocal pending
        nxt = next_line()
        if nxt is not None and _is_action_line(nxt[1]):
            pending = nxt

    while (item := next_line()) is not None:
        n, raw = item
        try:
            value = _loads(raw)
        except ValueError as e:
            yield ActionError("index", None, n, 400, "parse_exception",
                              f"line {n}: action line: {e}")
            _skip_document_line()
            continue
        action = _as_action(value)
        if action is None:
            yield ActionError("index", _id_of(value), n, 400, "illegal_argument_exception",
                              f"line {n}: expected an action line such as "
                              '{"index":{"_id":"t1"}}, '
                              f"found {_describe(value)}")
            continue
        op, meta = action
        raw_id = meta.get("_id")
        doc_id = raw_id if isinstance(raw_id, str) else None
        if op not in OPERATIONS:
            # Reported under "index" like any unreadable action, so clients that read
            # items by operation name still find it; the reason names what was sent.
            yield ActionError("index", doc_id, n, 400, "illegal_argument_exception",
                              f"line {n}: unknown action '{op}'; use one of "
                              f"{', '.join(OPERATIONS)}")
            _skip_document_line()
            continue
        if raw_id is not None and not isinstance(raw_id, str):
            yield ActionError(op, None, n, 400, "illegal_argument_exception",
                              f"line {n}: field '_id' must be a string, got {_describe(raw_id)}")
            if op != "delete":
                _skip_document_line()
            continue
        version = meta.get("version")
        if version is not None and (isinstance(version, bool) or not isinstance(version, int)
                                    or version < 0):
            yield ActionError(op, doc_id, n, 400, "illegal_argument_exception",
                              f"line {n}: 'version' must be a non-negative integer")
            if op != "delete":
                _skip_document_line()
            continue
        if op == "delete":
            yield Action(op, doc_id, n, version)
            continue
        source_line = next_line()
        if source_line is None:
            yield ActionError(op, doc_id, n, 400, "parse_exception",
                              f"line {n}: the '{op}' action has no document line after it")
            return
        sn, sraw = source_line
        try:
            source = _loads(sraw)  # parsed once: it may turn out to be the next action
        except ValueError as e:
            source, error = None, e
        else:
            error = None
        if (_is_action(source) if error is None else _is_action_line(sraw)):
            pending = source_line
            yield ActionError(op, doc_id, n, 400, "parse_exception",
                              f"line {n}: the '{op}' action is followed by another action "
                              "instead of its document line")
            continue
        if error is not None:
            yield ActionError(op, doc_id, sn, 400, "parse_exception",
                              f"line {sn}: document line: {error}")
            continue
        yield Action(op, doc_id, n, version, source, sn)


def parse_documents(lines: Iterable[bytes]) -> Iterator[Action | ActionError]:
    """JSONL/NDJSON: one document per line, each an upsert; blank lines are skipped
    and a line that is not JSON is an error for itself only, named by its line."""
    for n, raw in enumerate(lines, start=1):
        raw = raw.strip()
        if not raw:
            continue
        try:
            doc = _loads(raw)
        except ValueError as e:
            yield ActionError("index", None, n, 400, "parse_exception", f"line {n}: {e}")
            continue
        yield Action("index", _id_of(doc), n, source=doc, source_line=n)


def index_actions(docs: Iterable[Any]) -> Iterator[Action]:
    """Upserts of documents given as objects: the `_bulk` path without the NDJSON."""
    for n, doc in enumerate(docs, start=1):
        doc_id = doc.get("id") if isinstance(doc, dict) else None
        yield Action("index", doc_id if isinstance(doc_id, str) else None, n,
                     source=doc, source_line=n)


def _is_action_line(raw: bytes) -> bool:
    try:
        return _is_action(orjson.loads(raw))
    except orjson.JSONDecodeError:
        return False


def _is_action(value: Any) -> bool:
    action = _as_action(value)
    return action is not None and action[0] in OPERATIONS


def _id_of(value: Any) -> str | None:
    if isinstance(value, dict) and isinstance(value.get("id"), str):
        return value["id"]
    return None


def _describe(value: Any) -> str:
    if isinstance(value, dict):
        keys = ", ".join(list(value)[:4])
        return f"an object with keys {keys}" if keys else "an empty object"
    kinds = {bool: "boolean", int: "number", float: "number", str: "string", list: "array"}
    return f"a JSON {kinds.get(type(value), 'null' if value is None else 'value')}"
