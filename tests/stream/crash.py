"""SIGKILL a consuming `segue serve --kafka` at random moments while changes stream in.

A producer thread publishes versioned changes (index, partial update, delete) for a few
hundred ids at a steady rate; the server is killed with SIGKILL at random moments and
restarted. After every kill, before the restart, the consumer group's committed offsets
are read from the broker and the store is read from disk: every change at or below a
committed offset must be in the store (its version or a later one), and the offsets the
store recorded with its changes are never behind Kafka's: offsets never run ahead of
what is durable. No message is ever dead-lettered: one read again after a kill is
skipped by the offsets the store holds, not found stale. At the end, once the consumer
has caught up, every document equals a reference built by reading the topic back and
replaying it in order.

    python -m tests.stream.crash --changes 50000 --kills 100     # the soak
"""

from __future__ import annotations

import argparse
import random
import sqlite3
import threading
import time
import uuid
from dataclasses import dataclass, field
from pathlib import Path

import orjson
from confluent_kafka import Consumer, Producer, TopicPartition

from segue.stream import ensure_topics
from tests.durability.server import Client, ServerProcess

BOOTSTRAP = "127.0.0.1:9092"


@dataclass
class Report:
    kills: int = 0
    changes: int = 0
    checks: int = 0
    advanced: int = 0  # kills after which more was committed than at the kill before
    dead_letters: int = 0
    kinds: dict[str, int] = field(default_factory=dict)

    def summary(self) -> str:
        return (f"{self.kills} kills, {self.changes} changes {self.kinds}, "
                f"{self.checks} committed-prefix checks ({self.advanced} after progress), "
                f"{self.dead_letters} dead letters")


def make_changes(n: int, ids: int, rng: random.Random) -> list[tuple[bytes, bytes]]:
    """Versioned changes; an update only for a document that exists at that point."""
    version: dict[str, int] = {}
    exists: dict[str, bool] = {}
    out = []
    for i in range(n):
        doc_id = f"tr-{rng.randrange(ids)}"
        v = version[doc_id] = version.get(doc_id, 0) + rng.randint(1, 3)
        roll = rng.random()
        if exists.get(doc_id) and roll < 0.3:
            value = {"update": {"_id": doc_id, "version": v},
                     "doc": {"popularity": rng.randrange(100)}}
        elif exists.get(doc_id) and roll < 0.45:
            value = {"delete": {"_id": doc_id, "version": v}}
            exists[doc_id] = False
        else:
            value = {"index": {"_id": doc_id, "version": v},
                     "doc": {"id": doc_id, "type": "track", "name": f"Canción {i} Ñandú",
                             "artists": [f"Artist {doc_id}"], "popularity": rng.randrange(100)}}
            exists[doc_id] = True
        out.append((doc_id.encode(), orjson.dumps(value)))
    return out


def replay(messages: list[tuple[bytes, bytes]]) -> dict[str, tuple[int, dict | None]]:
    """Each id's last version and document (None: deleted), applying changes in order."""
    state: dict[str, tuple[int, dict | None]] = {}
    for key, value in messages:
        change = orjson.loads(value)
        op = next(iter(k for k in change if k != "doc"))
        v = change[op]["version"]
        before = state.get(key.decode(), (0, None))[1]
        if op == "index":
            state[key.decode()] = (v, change["doc"])
        elif op == "update":
            state[key.decode()] = (v, {**(before or {}), **change["doc"]})
        else:
            state[key.decode()] = (v, None)
    return state


class KafkaCrashRun:
    def __init__(self, workdir: Path, seed: int, *, changes: int, kills: int,
                 rate: float = 150.0, ids: int = 300) -> None:
        self.rng = random.Random(seed)
        self.seed = seed
        self.kills = kills
        self.rate = rate
        self.topic = f"crash.catalog.{uuid.uuid4().hex[:10]}"
        self.group = f"crash-{uuid.uuid4().hex[:10]}"
        self.messages = changes_list = make_changes(changes, ids, self.rng)
        self.report = Report(changes=len(changes_list))
        self._last_committed = 0
        for _, value in changes_list:
            op = next(iter(orjson.loads(value)))
            self.report.kinds[op] = self.report.kinds.get(op, 0) + 1
        self.data = workdir / "data"
        self.server = ServerProcess(self.data, workdir / "logs", extra=[
            "--kafka", BOOTSTRAP, "--kafka-catalog-topic", self.topic,
            "--kafka-group", self.group, "--kafka-max-lag", str(10**9)])

    def run(self) -> Report:
        ensure_topics(BOOTSTRAP, [self.topic, f"{self.topic}.dead"])
        publisher = threading.Thread(target=self._publish, daemon=True)
        publisher.start()
        try:
            while self.report.kills < self.kills:
                self.server.start()
                self.server.wait_ready()
                time.sleep(self.rng.uniform(0.2, 2.0))
                self.server.kill()
                self.report.kills += 1
                self._check_committed_prefix()
            publisher.join()
            self.server.start()
            self.server.wait_ready()
            self._wait_caught_up()
            self._check_final()
        finally:
            self.server.stop()
        return self.report

    def _publish(self) -> None:
        producer = Producer({"bootstrap.servers": BOOTSTRAP, "enable.idempotence": True,
                             "linger.ms": 5})
        started = time.monotonic()
        for n, (key, value) in enumerate(self.messages):
            producer.produce(self.topic, key=key, value=value)
            producer.poll(0)
            ahead = n / self.rate - (time.monotonic() - started)
            if ahead > 0:
                time.sleep(ahead)
        assert producer.flush(30) == 0

    def _topic_log(self, ends: dict[int, int] | None = None) -> list[tuple[bytes, bytes]]:
        """The topic read back from the broker, partition by partition, up to `ends`."""
        consumer = Consumer({"bootstrap.servers": BOOTSTRAP, "group.id": uuid.uuid4().hex,
                             "enable.auto.commit": False, "auto.offset.reset": "earliest"})
        try:
            out: list[tuple[bytes, bytes]] = []
            partitions = consumer.list_topics(self.topic, timeout=10).topics[self.topic]
            for p in partitions.partitions:
                _, high = consumer.get_watermark_offsets(TopicPartition(self.topic, p), 10)
                end = high if ends is None else ends.get(p, 0)
                if end <= 0:
                    continue
                consumer.assign([TopicPartition(self.topic, p, 0)])
                read = 0
                deadline = time.monotonic() + 60
                while read < end:
                    assert time.monotonic() < deadline, f"cannot read {self.topic}/{p}"
                    # Exactly what is left to read: asking for more waits out the timeout.
                    for m in consumer.consume(min(500, end - read), 2.0):
                        if m.error() is None and m.offset() < end:
                            out.append((m.key(), m.value()))
                            read = m.offset() + 1
            return out
        finally:
            consumer.close()

    def _committed(self) -> dict[int, int]:
        consumer = Consumer({"bootstrap.servers": BOOTSTRAP, "group.id": self.group,
                             "enable.auto.commit": False})
        try:
            partitions = [TopicPartition(self.topic, p) for p in range(3)]
            return {tp.partition: tp.offset for tp in consumer.committed(partitions, 10)
                    if tp.offset >= 0}
        finally:
            consumer.close()

    def _stored_versions(self) -> dict[str, int]:
        with sqlite3.connect(self.data / "documents.sqlite3") as db:
            return dict(db.execute("SELECT id, version FROM documents"))

    def _stored_offsets(self) -> dict[int, int]:
        with sqlite3.connect(self.data / "documents.sqlite3") as db:
            return dict(db.execute("SELECT partition, applied FROM stream_offsets "
                                   "WHERE topic = ?", (self.topic,)))

    def _check_committed_prefix(self) -> None:
        committed = self._committed()
        if not committed:
            return
        # Kafka's commit follows the durable write: the store is never behind it.
        stored = self._stored_offsets()
        for partition, offset in committed.items():
            assert stored.get(partition, -1) + 1 >= offset, (
                f"seed {self.seed}: partition {partition} committed to {offset}, the store "
                f"holds up to {stored.get(partition)} ({self.report.summary()})")
        total = sum(committed.values())
        self.report.advanced += total > self._last_committed
        self._last_committed = total
        versions = self._stored_versions()
        for doc_id, (version, _) in replay(self._topic_log(committed)).items():
            assert versions.get(doc_id, 0) >= version, (
                f"seed {self.seed}: offset committed past what the store holds: {doc_id} "
                f"version {version} committed, store has {versions.get(doc_id)} "
                f"({self.report.summary()})")
        self.report.checks += 1

    def _wait_caught_up(self, timeout: float = 120.0) -> None:
        client = Client(self.server.port)
        deadline = time.monotonic() + timeout
        try:
            while time.monotonic() < deadline:
                _, stats = client.request("GET", "/v1/stats")
                (catalog, *_) = stats["kafka"]["topics"]
                ends = sum(self._committed().values())
                if ends >= len(self.messages) and catalog["total_lag"] == 0:
                    self.report.dead_letters = len(self._dead_letters())
                    return
                time.sleep(0.5)
        finally:
            client.close()
        raise AssertionError(f"seed {self.seed}: the consumer did not catch up in "
                             f"{timeout:.0f} s ({self.report.summary()})")

    def _dead_letters(self) -> list:
        consumer = Consumer({"bootstrap.servers": BOOTSTRAP, "group.id": uuid.uuid4().hex,
                             "enable.auto.commit": False, "auto.offset.reset": "earliest"})
        consumer.subscribe([f"{self.topic}.dead"])
        found: list = []
        try:
            for _ in range(6):
                found += [m for m in consumer.consume(1000, 0.5) if m.error() is None]
        finally:
            consumer.close()
        return found

    def _check_final(self) -> None:
        log = self._topic_log()
        assert len(log) == len(self.messages)
        reference = replay(log)
        stored = self._stored_versions()
        client = Client(self.server.port)
        try:
            for doc_id, (version, doc) in reference.items():
                assert stored.get(doc_id) == version, (doc_id, version, stored.get(doc_id))
                status, got = client.get_doc(doc_id)
                if doc is None:
                    assert status == 404, f"seed {self.seed}: deleted {doc_id} is back: {got}"
                else:
                    assert status == 200 and {k: got.get(k) for k in doc} == doc, (
                        f"seed {self.seed}: {doc_id} is {got}, the topic says {doc}")
            live = sum(doc is not None for _, doc in reference.values())
            _, stats = client.request("GET", "/v1/stats")
            assert stats["documents"] == live, (stats["documents"], live)
        finally:
            client.close()


def main() -> None:
    import tempfile

    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--changes", type=int, default=50_000)
    parser.add_argument("--kills", type=int, default=100)
    parser.add_argument("--rate", type=float, default=1000.0, help="changes published a second")
    parser.add_argument("--seed", type=int, default=random.SystemRandom().randrange(10**9))
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        report = KafkaCrashRun(Path(tmp), args.seed, changes=args.changes, kills=args.kills,
                               rate=args.rate, ids=max(300, args.changes // 20)).run()
    assert report.dead_letters == 0, f"seed {args.seed}: {report.summary()}"
    print(f"seed {args.seed}: {report.summary()}: every committed prefix durable, the store's "
          "offsets never behind Kafka's, no dead letter, final state equal to the topic "
          "replayed in order")


if __name__ == "__main__":
    main()
