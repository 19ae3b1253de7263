"""What a catalog message may be, as `_bulk` lines, and what a dead letter says.

A message on `segue.catalog` is keyed by the document's id and holds one `_bulk` pair
in one JSON object: `{"index": {"_id": "t1", "version": 17}, "doc": {...}}`, or
`{"update": {"_id": "t1"}, "doc": {...}}`, or `{"delete": {"_id": "t1"}}`. Turning it
into the action and document lines of `_bulk` means the write is decided by the same
rule as an HTTP write (`segue.indexer`'s `decide`): nothing here decides a write, it
only refuses what is not a message at all.
"""

from __future__ import annotations

import base64
import re
from typing import Any, NamedTuple

import orjson

ACTIONS = ("index", "create", "update", "delete")
MAX_MESSAGE_BYTES = 1024 * 1024
_KEPT_BYTES = 64 * 1024  # of an oversized original, so its dead letter fits the broker

# decide.py's words for an external version that is not above the stored one.
_NOT_ABOVE = re.compile(r"^(?:line \d+: )?version (\d+) of .* is not above "
                        r"the stored version (\d+)")


class Rejected(NamedTuple):
    """A message that is not a catalog change: it goes to the dead-letter topic."""

    kind: str  # malformed_json | unknown_action | wrong_key | oversized | not_an_object
    reason: str


def bulk_lines(key: bytes | None, value: bytes | None,
               max_bytes: int = MAX_MESSAGE_BYTES) -> list[bytes] | Rejected:
    """The message's `_bulk` lines (one for a delete, two otherwise), or why not."""
    if value is None:
        return Rejected("malformed_json", "the message has no value (a tombstone); send "
                        '{"delete": {"_id": ...}} to delete')
    if len(value) > max_bytes:
        return Rejected("oversized", f"the message holds {len(value)} bytes; the limit is "
                        f"{max_bytes}")
    try:
        message = orjson.loads(value)
    except orjson.JSONDecodeError as e:
        return Rejected("malformed_json", f"not JSON: {e}")
    if not isinstance(message, dict):
        return Rejected("not_an_object", f"the value is a JSON {type(message).__name__}; "
                        'send {"index": {"_id": ...}, "doc": {...}}')
    actions = [name for name in message if name in ACTIONS]
    others = sorted(set(message) - set(ACTIONS) - {"doc", "doc_as_upsert"})
    if len(actions) != 1 or others:
        found = ", ".join(sorted(message)) or "nothing"
        return Rejected("unknown_action", f"expected one of {', '.join(ACTIONS)} (and 'doc'); "
                        f"found {found}")
    op = actions[0]
    meta = message[op]
    if not isinstance(meta, dict):
        return Rejected("unknown_action", f"'{op}' must be an object such as "
                        '{"_id": "t1"}')
    doc_id = meta.get("_id")
    doc = message.get("doc")
    if doc_id is None and isinstance(doc, dict):
        doc_id = doc.get("id")
    name = key.decode("utf-8", "replace") if key is not None else None
    if name is None or not name:
        return Rejected("wrong_key", "the message has no key; key it by the document's id "
                        "so its changes stay in order on one partition")
    if doc_id is not None and str(doc_id) != name:
        return Rejected("wrong_key", f"the key '{name}' is not the document's id "
                        f"'{doc_id}'")
    meta = {**meta, "_id": name}
    head = orjson.dumps({op: meta})
    if op == "delete":
        return [head]
    if op == "update":
        rest = {k: message[k] for k in ("doc", "doc_as_upsert") if k in message}
        return [head, orjson.dumps(rest)]
    return [head, orjson.dumps(doc) if "doc" in message else b"null"]


def is_replay(reason: str | None) -> bool:
    """A version conflict at the very version already stored: the same write again (a
    batch re-read after a crash), not a stale one."""
    match = _NOT_ABOVE.match(reason or "")
    return match is not None and match.group(1) == match.group(2)


def dead_letter(reason: str, kind: str, *, topic: str, partition: int, offset: int,
                key: bytes | None, value: bytes | None) -> bytes:
    """The dead letter's value: why, and where the original came from, with the original
    as text when it is UTF-8 (base64 otherwise), so it can be fixed and sent again."""
    original: dict[str, Any] = {}
    if value is not None and len(value) > _KEPT_BYTES:
        value, original["truncated"] = value[:_KEPT_BYTES], True
    try:
        original["value"] = value.decode("utf-8") if value is not None else None
    except UnicodeDecodeError:
        original["value_base64"] = base64.b64encode(value or b"").decode()
    return orjson.dumps({
        "reason": reason, "kind": kind, "topic": topic, "partition": partition,
        "offset": offset, "key": key.decode("utf-8", "replace") if key is not None else None,
        **original,
    })
