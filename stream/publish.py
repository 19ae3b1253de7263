"""`segue publish`: a `_bulk` NDJSON file onto a topic, one message per change, keyed by
the document's id so each document's changes stay in order on one partition."""

from __future__ import annotations

import logging
from collections.abc import Callable, Iterable, Iterator
from pathlib import Path

import orjson
from confluent_kafka import KafkaException, Producer

from .messages import ACTIONS
from .topics import BrokerUnavailable, ensure_topics


class PublishError(ValueError):
    """A line of the file that is not a `_bulk` pair: names the line."""


def changes(lines: Iterable[bytes]) -> Iterator[tuple[bytes, bytes]]:
    """(key, value) per change: an action line, then its document line (not for delete)."""
    pending: tuple[int, str, dict] | None = None
    for number, raw in enumerate(lines, 1):
        if not raw.strip():
            continue
        try:
            value = orjson.loads(raw)
        except orjson.JSONDecodeError as e:
            raise PublishError(f"line {number}: not JSON ({e})") from e
        if pending is not None:
            _, action, meta = pending
            body = value if action == "update" else {"doc": value}
            yield _key(meta, value, number), orjson.dumps({action: meta, **body})
            pending = None
            continue
        op = next((name for name in ACTIONS if isinstance(value, dict) and name in value), None)
        if op is None or not isinstance(value[op], dict):
            raise PublishError(f"line {number}: expected an action line such as "
                               '{"index": {"_id": "t1"}}')
        if op == "delete":
            yield _key(value[op], None, number), orjson.dumps(value)
        else:
            pending = (number, op, value[op])
    if pending is not None:
        raise PublishError(f"line {pending[0]}: the action has no document line after it")


def _key(meta: dict, doc: object, number: int) -> bytes:
    doc_id = meta.get("_id")
    if doc_id is None and isinstance(doc, dict):
        doc_id = doc.get("id") or (doc.get("doc") or {}).get("id")
    if doc_id is None:
        raise PublishError(f"line {number}: the change names no '_id' to key it by")
    return str(doc_id).encode()


def publish(path: Path, topic: str, bootstrap: str,
            progress: Callable[[int], object] | None = None) -> int:
    """Send every change of the file, wait until the broker has them all; the count."""
    ensure_topics(bootstrap, [topic])
    producer = Producer({"bootstrap.servers": bootstrap, "enable.idempotence": True,
                         "linger.ms": 20, "compression.type": "lz4"},
                        logger=logging.getLogger("segue.stream"))
    failures: list[str] = []

    def delivered(error: object, _: object) -> None:
        if error is not None:
            failures.append(str(error))

    sent = 0
    with path.open("rb") as lines:
        for key, value in changes(lines):
            while True:
                try:
                    producer.produce(topic, key=key, value=value, on_delivery=delivered)
                    break
                except BufferError:
                    producer.poll(0.1)  # the local queue is full: let it drain
            sent += 1
            producer.poll(0)
            if progress is not None:
                progress(1)
    try:
        left = producer.flush(60)
    except KafkaException as e:
        raise BrokerUnavailable(f"Kafka at {bootstrap}: {e}") from e
    if left or failures:
        raise BrokerUnavailable(f"{left + len(failures)} of {sent} changes were not "
                                f"acknowledged by {bootstrap}: {failures[:1]}")
    return sent
