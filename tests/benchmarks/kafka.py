"""Kafka ingest beside HTTP `_bulk`, and publish-to-searchable latency, in one run.

    python -m tests.benchmarks.kafka --docs 100000 [--rate 1000] [--seconds 30]

Needs the broker (`make kafka`). The synthetic catalog (lexical only) is:

- **HTTP**: sent to a fresh `segue serve` as `_bulk` requests of 10,000 documents by
  one client, timed from the first request to the last answer (as
  `tests.benchmarks.ingest` does);
- **Kafka**: published to a fresh topic first (timed on its own), then a fresh
  `segue serve --kafka` consumes it: timed from the server being ready until the
  consumer group's committed offsets cover every message (each batch fsynced and
  indexed before its commit).

Then, on the Kafka server, a steady stream of `--rate` new documents a second for
`--seconds`: every 20th document's name holds a unique word, and a poller searches for
it until it is found: the latency from the producer's send to the first search that
finds it. Compare rates from one run only: the machine may be shared.
"""

from __future__ import annotations

import argparse
import os
import statistics
import sys
import tempfile
import threading
import time
import urllib.parse
import uuid
from pathlib import Path

import orjson
from confluent_kafka import Consumer, Producer, TopicPartition
from tqdm import tqdm

from segue.catalog import generate
from segue.stream import ensure_topics

from ..durability.server import Client, ServerProcess
from .ingest import _bodies, run_http

BOOTSTRAP = "127.0.0.1:9092"


def publish(lines: list[bytes], topic: str) -> float:
    ensure_topics(BOOTSTRAP, [topic, f"{topic}.dead"])
    producer = Producer({"bootstrap.servers": BOOTSTRAP, "enable.idempotence": True,
                         "linger.ms": 20, "compression.type": "lz4"})
    started = time.perf_counter()
    for line in tqdm(lines, desc="publishing", unit="doc", file=sys.stderr):
        doc_id = orjson.loads(line)["id"]
        value = b'{"index":{"_id":' + orjson.dumps(doc_id) + b'},"doc":' + line + b"}"
        while True:
            try:
                producer.produce(topic, key=doc_id.encode(), value=value)
                break
            except BufferError:
                producer.poll(0.05)
        producer.poll(0)
    assert producer.flush(120) == 0
    return time.perf_counter() - started


def committed(topic: str, group: str) -> int:
    consumer = Consumer({"bootstrap.servers": BOOTSTRAP, "group.id": group})
    try:
        parts = [TopicPartition(topic, p) for p in range(3)]
        return sum(max(tp.offset, 0) for tp in consumer.committed(parts, 10))
    finally:
        consumer.close()


def consume(topic: str, total: int, data: Path, logs: Path) -> tuple[float, ServerProcess]:
    group = f"bench-{uuid.uuid4().hex[:8]}"
    server = ServerProcess(data, logs, extra=["--kafka", BOOTSTRAP, "--kafka-catalog-topic",
                                              topic, "--kafka-group", group,
                                              "--kafka-max-lag", str(10**9)])
    server.start()
    server.wait_ready()
    started = time.perf_counter()
    with tqdm(total=total, desc="kafka consume", unit="doc", file=sys.stderr) as bar:
        done = 0
        while done < total:
            time.sleep(0.25)
            now = committed(topic, group)
            bar.update(now - done)
            done = now
    return time.perf_counter() - started, server


def latency(server: ServerProcess, topic: str, rate: float, seconds: float) -> list[float]:
    """Seconds from send to searchable, for every 20th document of a steady stream."""
    producer = Producer({"bootstrap.servers": BOOTSTRAP, "linger.ms": 1})
    sent: dict[str, float] = {}
    found: dict[str, float] = {}
    stop = threading.Event()
    lock = threading.Lock()

    def poll() -> None:
        client = Client(server.port)
        while not stop.is_set() or len(found) < len(sent):
            with lock:
                waiting = [w for w in sent if w not in found]
            if not waiting:
                time.sleep(0.002)
                continue
            for word in waiting:
                _, answer = client.request("GET", "/v1/search?" + urllib.parse.urlencode(
                    {"q": word, "limit": 1, "mode": "lexical"}))
                if answer and answer.get("total"):
                    found[word] = time.perf_counter()
            if stop.is_set() and time.perf_counter() - stopped[0] > 30:
                break
        client.close()

    stopped = [float("inf")]
    poller = threading.Thread(target=poll)
    poller.start()
    started = time.perf_counter()
    n = 0
    while time.perf_counter() - started < seconds:
        doc_id = f"live-{n}"
        word = f"zq{uuid.uuid4().hex[:10]}" if n % 20 == 0 else "steady"
        doc = {"id": doc_id, "type": "track", "name": f"{word} stream", "popularity": 10}
        producer.produce(topic, key=doc_id.encode(),
                         value=orjson.dumps({"index": {"_id": doc_id}, "doc": doc}))
        producer.poll(0)
        if n % 20 == 0:
            with lock:
                sent[word] = time.perf_counter()
        n += 1
        ahead = n / rate - (time.perf_counter() - started)
        if ahead > 0:
            time.sleep(ahead)
    producer.flush(30)
    stopped[0] = time.perf_counter()
    stop.set()
    poller.join()
    return [found[w] - sent[w] for w in sent if w in found]


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__,
                                     formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--docs", type=int, default=100_000)
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument("--rate", type=float, default=1000.0)
    parser.add_argument("--seconds", type=float, default=30.0)
    args = parser.parse_args(argv)
    os.environ["SEGUE_TEXT_MODEL"] = "none"
    topic = f"bench.catalog.{uuid.uuid4().hex[:8]}"
    with tempfile.TemporaryDirectory(prefix="segue-kafka-") as tmp:
        root = Path(tmp)
        docs = tqdm(generate(args.docs, seed=args.seed), total=args.docs,
                    desc="generating", file=sys.stderr)
        lines = [orjson.dumps({k: v for k, v in doc.items() if k != "audio_embedding"})
                 for doc in docs]
        http_s, _, _, _ = run_http(_bodies(lines), root / "http", root / "logs", 1)
        publish_s = publish(lines, topic)
        consume_s, server = consume(topic, len(lines), root / "kafka", root / "logs")
        try:
            waits = latency(server, topic, args.rate, args.seconds)
        finally:
            server.stop()
    print(f"\n{args.docs:,} documents\n")
    print("| path | wall time | documents/s |")
    print("|---|---|---|")
    print(f"| HTTP `_bulk` (1 client) | {http_s:.1f} s | {args.docs / http_s:,.0f} |")
    print(f"| Kafka publish (`segue.catalog`, lz4) | {publish_s:.1f} s | "
          f"{args.docs / publish_s:,.0f} |")
    print(f"| Kafka consume (`segue serve --kafka`) | {consume_s:.1f} s | "
          f"{args.docs / consume_s:,.0f} |")
    waits.sort()
    if waits:
        p99 = waits[min(len(waits) - 1, int(len(waits) * 0.99))]
        print(f"\npublish → searchable at {args.rate:,.0f} changes/s for {args.seconds:.0f} s "
              f"({len(waits)} samples): p50 {statistics.median(waits) * 1000:.0f} ms, "
              f"p99 {p99 * 1000:.0f} ms")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
