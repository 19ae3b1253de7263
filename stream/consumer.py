"""Consuming a topic in batches: apply, dead-letter what cannot apply, then commit.

The order is the guarantee. A batch is handed to its handler, which returns only when
the batch's writes are durable and searchable (the engine's `bulk` answers after the
fsync and the index update); its dead letters are flushed to the broker; only then are
the batch's offsets committed, synchronously. A crash anywhere before the commit
re-reads the batch on the next start, and re-applying it changes nothing (see
`handlers.py`); a crash after it has nothing left to do. A handler that fails (the
write path is down) does not commit: the consumer seeks back and tries again.

Exactly once, where the store can say how far it got (`resume`, the embedded
engine): each change's offset is written in the same transaction as the change, so
on assignment each partition starts after max(Kafka's committed offset, the stored
one), and a message at or below the stored offset (a batch retried after part of it
was committed) is skipped and counted as `replayed`, never applied again. Kafka's
commit then only saves re-reading; the store is the truth. A stored offset past the
end of the partition's log means the topic was recreated: it is ignored, with a
warning, and the log read from Kafka's committed offset.

confluent-kafka is the client: its wheels carry librdkafka (no system library to
install), Confluent maintains it beside the broker, and it gives exact control of
offsets (explicit synchronous commits, seeks) that the guarantee above needs.
"""

from __future__ import annotations

import logging
import threading
import time
from collections.abc import Callable, Sequence
from contextlib import suppress
from dataclasses import dataclass, field
from typing import Any

from confluent_kafka import Consumer, KafkaError, KafkaException, Message, Producer, TopicPartition

from .messages import dead_letter

log = logging.getLogger("segue.stream")

RETRY_PAUSE_S = 1.0


@dataclass(frozen=True, slots=True)
class DeadLetter:
    """A message the handler refused, and why."""

    message: Message
    kind: str
    reason: str


# A handler applies a batch and returns (applied, dead letters); it raises when the
# batch could not be applied at all, so nothing of it is committed.
Handler = Callable[[Sequence[Message]], tuple[int, list[DeadLetter]]]
# Told of every committed batch: topic, seconds, applied, dead-lettered (for /metrics).
BatchObserver = Callable[[str, float, int, int], None]
# Partition -> the last offset of the topic the store holds (`StreamApplied`).
Resume = Callable[[str], dict[int, int]]


@dataclass(slots=True)
class ConsumerStats:
    """What /metrics and /v1/stats show of one consumed topic."""

    topic: str
    applied: int = 0
    replayed: int = 0  # read again after a crash or a retry, already in the store
    dead_lettered: int = 0
    batches: int = 0
    failures: int = 0
    last_batch_seconds: float = 0.0
    lag: dict[int, int] = field(default_factory=dict)
    error: str | None = None

    def as_dict(self) -> dict[str, Any]:
        return {"topic": self.topic, "applied": self.applied, "replayed": self.replayed,
                "dead_lettered": self.dead_lettered, "batches": self.batches,
                "failures": self.failures, "last_batch_seconds": self.last_batch_seconds,
                "lag": {str(p): n for p, n in sorted(self.lag.items())},
                "total_lag": sum(self.lag.values()),
                **({"error": self.error} if self.error else {})}


class TopicConsumer:
    """One topic, one consumer group, one thread: `run` until `stop`."""

    def __init__(self, bootstrap: str, topic: str, handler: Handler, *,
                 group: str = "segue", dead_topic: str | None = None,
                 batch_size: int = 2000, poll_s: float = 0.2,
                 instance: str | None = None, resume: Resume | None = None) -> None:
        self.topic = topic
        self.dead_topic = dead_topic or f"{topic}.dead"
        self.handler = handler
        self.batch_size = batch_size
        self.poll_s = poll_s
        self.stats = ConsumerStats(topic)
        self.on_batch: BatchObserver | None = None
        self._stop = threading.Event()
        self._consumer = Consumer({
            "bootstrap.servers": bootstrap, "group.id": group,
            "enable.auto.commit": False, "auto.offset.reset": "earliest",
            "enable.partition.eof": False, "max.poll.interval.ms": 600_000,
            # A broker that is down is reported, not waited on for ever.
            "socket.connection.setup.timeout.ms": 5_000,
            # Static membership: a restarted server (same instance) takes its partitions
            # back at once instead of waiting out its dead predecessor's session.
            **({"group.instance.id": f"{instance}/{topic}", "session.timeout.ms": 30_000}
               if instance else {}),
        }, logger=log)
        self._producer = Producer({"bootstrap.servers": bootstrap, "enable.idempotence": True,
                                   "linger.ms": 5}, logger=log)
        self._lag_checked = 0.0
        self.resume = resume
        self._applied: dict[int, int] = {}  # partition -> last offset the store holds
        # Partitions whose stored offset was from a recreated topic: ignored for the rest
        # of this run (a later retry then re-reads, which versions keep harmless), never
        # trusted again, since a stale offset trusted would skip new messages.
        self._recreated: set[int] = set()

    def stop(self) -> None:
        self._stop.set()

    def run(self) -> None:
        self._consumer.subscribe([self.topic], on_assign=self._on_assign)
        try:
            while not self._stop.is_set():
                messages = self._consumer.consume(self.batch_size, self.poll_s)
                read = [m for m in messages if self._usable(m)]
                batch = [m for m in read if not self._replayed(m)]
                if batch:
                    self._apply(batch, read)
                elif read:  # all in the store already: only Kafka's commit is behind
                    with suppress(KafkaException):
                        self._commit(read)
                self._refresh_lag()
        finally:
            self._consumer.close()  # leaves the group at once; nothing uncommitted is kept
            self._producer.flush(10)

    def _usable(self, message: Message) -> bool:
        error = message.error()
        if error is None:
            return True
        if error.code() != KafkaError._PARTITION_EOF:
            self.stats.error = error.str()
            log.warning("%s: %s", self.topic, error.str())
        return False

    def _on_assign(self, consumer: Consumer, partitions: list[TopicPartition]) -> None:
        """Start each partition after what the store holds, when that is further than
        Kafka's committed offset (a crash between the durable write and the commit)."""
        if self.resume is not None:
            self._applied = self._stored(consumer, partitions)
            committed = {tp.partition: tp.offset
                         for tp in consumer.committed(partitions, timeout=10)}
            for tp in partitions:
                stored = self._applied.get(tp.partition)
                if stored is not None and stored + 1 > committed.get(tp.partition, -1):
                    tp.offset = stored + 1
        consumer.assign(partitions)

    def _stored(self, consumer: Consumer, partitions: list[TopicPartition]
                ) -> dict[int, int]:
        """The store's offsets for these partitions, but for a recreated topic's."""
        assert self.resume is not None
        stored = self.resume(self.topic)
        for tp in partitions:
            offset = stored.get(tp.partition)
            if offset is None:
                continue
            _, high = consumer.get_watermark_offsets(tp, timeout=10)
            if offset >= high or tp.partition in self._recreated:
                if tp.partition not in self._recreated:
                    log.warning("%s/%d: the store holds offset %d but the log ends at %d: "
                                "the topic was recreated; reading from the committed "
                                "offset", self.topic, tp.partition, offset, high)
                self._recreated.add(tp.partition)
                del stored[tp.partition]
        return stored

    def _replayed(self, message: Message) -> bool:
        _, partition, offset = where(message)
        if offset <= self._applied.get(partition, -1):
            self.stats.replayed += 1
            return True
        return False

    def _apply(self, batch: list[Message], read: list[Message]) -> None:
        """Apply `batch`, then commit all that was `read` (it adds the replayed)."""
        started = time.perf_counter()
        try:
            applied, dead = self.handler(batch)
            for letter in dead:
                self._dead_letter(letter)
            remaining = self._producer.flush(30)
            if remaining:
                raise KafkaException(f"{remaining} dead letters not acknowledged by the broker")
            self._commit(read)
        except Exception as e:
            # Nothing of the batch is committed: read it again from its first offsets.
            self.stats.failures += 1
            self.stats.error = f"{type(e).__name__}: {e}"
            log.warning("%s: batch of %d not applied (%s); retrying", self.topic, len(batch),
                        self.stats.error)
            for tp in _first_offsets(batch):
                self._consumer.seek(tp)
            if self.resume is not None:  # some chunks of the batch may have committed
                with suppress(KafkaException):
                    self._applied = self._stored(self._consumer,
                                                 self._consumer.assignment())
            self._stop.wait(RETRY_PAUSE_S)
            return
        if self.resume is not None:
            for tp in _next_offsets(batch):
                self._applied[tp.partition] = tp.offset - 1
        seconds = time.perf_counter() - started
        self.stats.error = None
        self.stats.applied += applied
        self.stats.dead_lettered += len(dead)
        self.stats.batches += 1
        self.stats.last_batch_seconds = seconds
        if self.on_batch is not None:
            self.on_batch(self.topic, seconds, applied, len(dead))

    def _commit(self, read: list[Message]) -> None:
        """Kafka's commit of what was read. Where the store holds the offsets it is
        advisory, sent without waiting for the broker (a lost one only means a longer
        skip on restart); elsewhere it waits, and a failed commit retries the batch."""
        if self.resume is not None:
            self._consumer.commit(offsets=_next_offsets(read), asynchronous=True)
        else:
            self._consumer.commit(offsets=_next_offsets(read), asynchronous=False)

    def _dead_letter(self, letter: DeadLetter) -> None:
        m = letter.message
        topic, partition, offset = where(m)
        value = dead_letter(letter.reason, letter.kind, topic=topic, partition=partition,
                            offset=offset, key=m.key(), value=m.value())
        self._producer.produce(self.dead_topic, key=m.key(), value=value, headers={
            "segue.reason": letter.reason.encode(), "segue.kind": letter.kind.encode(),
            "segue.partition": str(partition).encode(), "segue.offset": str(offset).encode()})
        self._producer.poll(0)

    def _refresh_lag(self, every_s: float = 1.0) -> None:
        """Lag per assigned partition: the log's end minus what is applied and committed.

        Both come from what the client already knows (the end offsets every fetch
        reports, the position after the last committed batch): asking the broker instead
        costs a round trip per partition and slowed consumption by half."""
        now = time.monotonic()
        if now - self._lag_checked < every_s:
            return
        self._lag_checked = now
        try:
            lag = {}
            for tp in self._consumer.position(self._consumer.assignment()):
                low, high = self._consumer.get_watermark_offsets(tp, cached=True) or (-1, -1)
                if high < 0:
                    continue  # nothing fetched yet from this partition
                done = tp.offset if tp.offset >= 0 else low
                lag[tp.partition] = max(high - done, 0)
            self.stats.lag = lag
        except KafkaException as e:
            self.stats.error = str(e)


def where(message: Message) -> tuple[str, int, int]:
    """Topic, partition and offset of a consumed message (only errors lack them)."""
    topic, partition, offset = message.topic(), message.partition(), message.offset()
    assert topic is not None and partition is not None and offset is not None
    return topic, partition, offset


def _next_offsets(batch: Sequence[Message]) -> list[TopicPartition]:
    last: dict[tuple[str, int], int] = {}
    for m in batch:
        topic, partition, offset = where(m)
        last[topic, partition] = max(last.get((topic, partition), -1), offset)
    return [TopicPartition(t, p, o + 1) for (t, p), o in last.items()]


def _first_offsets(batch: Sequence[Message]) -> list[TopicPartition]:
    first: dict[tuple[str, int], int] = {}
    for m in batch:
        topic, partition, offset = where(m)
        first[topic, partition] = min(first.get((topic, partition), offset), offset)
    return [TopicPartition(t, p, o) for (t, p), o in first.items()]
