"""A real Kafka broker (make kafka; make test starts one) and unique topics per test."""

from __future__ import annotations

import socket
import time
import uuid
from collections.abc import Callable, Iterator

import orjson
import pytest
from confluent_kafka import Consumer, Producer

from segue.stream import ensure_topics

BOOTSTRAP = "127.0.0.1:9092"


@pytest.fixture(scope="session")
def kafka() -> str:
    """The broker's address; a test that needs it fails, never skips, when it is down."""
    try:
        socket.create_connection(("127.0.0.1", 9092), timeout=2).close()
    except OSError as e:
        pytest.fail(f"Kafka broker not running on {BOOTSTRAP} ({e.strerror}): run "
                    "`make kafka` (make test starts it)", pytrace=False)
    return BOOTSTRAP


@pytest.fixture
def topic() -> str:
    """A catalog topic of this test's own, so tests never read each other's messages."""
    return f"test.catalog.{uuid.uuid4().hex[:10]}"


def change(op: str, doc_id: str, doc: dict | None = None, **meta: object) -> bytes:
    value: dict = {op: {"_id": doc_id, **meta}}
    if doc is not None:
        value["doc"] = doc
    return orjson.dumps(value)


@pytest.fixture
def send(kafka: str) -> Iterator[Callable[..., None]]:
    producer = Producer({"bootstrap.servers": kafka, "enable.idempotence": True})

    def send(topic: str, messages: list[tuple[bytes | None, bytes | None]]) -> None:
        ensure_topics(kafka, [topic])  # the broker creates no topic by itself
        for key, value in messages:
            producer.produce(topic, key=key, value=value)
        assert producer.flush(30) == 0

    yield send


def read_all(kafka: str, topic: str, count: int, timeout: float = 30.0) -> list:
    """The first `count` messages of a topic (all partitions)."""
    consumer = Consumer({"bootstrap.servers": kafka, "group.id": uuid.uuid4().hex,
                         "auto.offset.reset": "earliest", "enable.auto.commit": False})
    consumer.subscribe([topic])
    found: list = []
    deadline = time.monotonic() + timeout
    try:
        while len(found) < count and time.monotonic() < deadline:
            found += [m for m in consumer.consume(100, 0.5) if m.error() is None]
    finally:
        consumer.close()
    return found


def wait_until(condition: Callable[[], bool], timeout: float = 30.0, what: str = "") -> None:
    deadline = time.monotonic() + timeout
    while not condition():
        if time.monotonic() > deadline:
            raise AssertionError(f"not within {timeout:.0f} s: {what}")
        time.sleep(0.05)
