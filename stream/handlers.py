"""What a batch of each topic does: catalog changes through `_bulk`, activity through
the events rule. Neither decides anything itself.

Replaying a batch (re-read after a crash, before its offsets were committed) leaves
the state as it was:
- a versioned write (`version` in the action or the document) at the version already
  stored is refused by the write rule as not above it; that refusal is recognised as
  the replay it is and counted as applied, never dead-lettered;
- an unversioned `index` writes the same document again, a `delete` of what is gone
  is `not_found` (the state wanted), and an `update` merges the same fields again:
  each is a function of the message alone, so applying a suffix of the partition's
  log twice in order ends where applying it once does.
Only `create` is not idempotent (an id that now exists conflicts): send `index`.

That is the fallback. Where the engine stores each change's offset with the change
(`StreamApplied`, the embedded engine), a re-read message is not applied again at all
(`consumer.py`): a replayed "index v5" whose "delete v6" is already stored would
otherwise be refused as stale and dead-lettered, noise about a state that is right.
"""

from __future__ import annotations

from collections.abc import Iterator, Sequence

import orjson
from confluent_kafka import Message

from segue.engines import Engine, StreamApplied
from segue.indexer import ItemResult
from segue.ranking import Profiles

from .consumer import DeadLetter, Handler, where
from .messages import MAX_MESSAGE_BYTES, Rejected, bulk_lines, is_replay


def catalog_handler(engine: Engine, max_bytes: int = MAX_MESSAGE_BYTES) -> Handler:
    def apply(batch: Sequence[Message]) -> tuple[int, list[DeadLetter]]:
        dead: list[DeadLetter] = []
        lines: list[bytes] = []
        sent: list[Message] = []  # one per action, in the order of the results
        for m in batch:
            result = bulk_lines(m.key(), m.value(), max_bytes)
            if isinstance(result, Rejected):
                dead.append(DeadLetter(m, result.kind, result.reason))
            else:
                lines.extend(result)
                sent.append(m)
        applied = 0
        if lines:
            results = list(write(lines, sent))
            if len(results) != len(sent):  # one action a message: anything else is a bug
                raise RuntimeError(f"{len(results)} results for {len(sent)} messages")
            for m, item in zip(sent, results, strict=True):
                if item.ok or is_replay(item.reason) or (
                        item.op == "delete" and item.status == 404):
                    applied += 1
                else:
                    dead.append(DeadLetter(m, item.error_type or "rejected",
                                           item.reason or f"status {item.status}"))
        return applied, dead

    def write(lines: list[bytes], sent: list[Message]) -> Iterator[ItemResult]:
        if isinstance(engine, StreamApplied):
            return engine.bulk_from_stream(lines, [where(m) for m in sent])
        return engine.bulk(lines)

    return apply


def activity_handler(engine: Engine, profiles: Profiles) -> Handler:
    """`{"user_id", "type": play|like|click|skip, "id", "at"}` as in POST /v1/events, or
    `{"type": "forget", "user_id": ...}`: erase the user's profile (right to erasure)."""
    from segue.api.events import record_events  # the one events rule

    def apply(batch: Sequence[Message]) -> tuple[int, list[DeadLetter]]:
        dead: list[DeadLetter] = []
        events: list[tuple[Message, object]] = []
        applied = 0
        for m in batch:
            try:
                event = orjson.loads(m.value() or b"")
            except orjson.JSONDecodeError as e:
                dead.append(DeadLetter(m, "malformed_json", f"not JSON: {e}"))
                continue
            if isinstance(event, dict) and event.get("type") == "forget":
                user = event.get("user_id")
                if not isinstance(user, str) or not user:
                    dead.append(DeadLetter(m, "invalid_event", "a forget event names its "
                                           "'user_id'"))
                    continue
                # Earlier events of the same batch are recorded first, so a later
                # forget erases them too.
                applied += record(events, dead)
                events = []
                profiles.forget(user)
                applied += 1
            else:
                events.append((m, event))
        applied += record(events, dead)
        return applied, dead

    def record(events: list[tuple[Message, object]], dead: list[DeadLetter]) -> int:
        if not events:
            return 0
        items = record_events(engine, profiles, [e for _, e in events])
        for (m, _), item in zip(events, items, strict=True):
            if item["status"] != 200:
                dead.append(DeadLetter(m, "invalid_event", item["error"]))
        return sum(item["status"] == 200 for item in items)

    return apply
