"""Catalog changes and listening activity from a real Kafka broker, into a real engine."""

from __future__ import annotations

import uuid
from collections.abc import Callable

import orjson

from segue.query import SearchRequest
from segue.ranking import Profiles
from segue.stream import StreamWorker

from .conftest import change, read_all, wait_until

HALO = {"id": "tr-halo", "type": "track", "name": "Halo", "artists": ["Beyoncé"],
        "popularity": 85}
KINO = {"id": "tr-kino", "type": "track", "name": "Группа крови", "artists": ["Кино"],
        "popularity": 80}


def names(engine, q: str) -> list[str]:
    return [hit["id"] for hit in engine.search(SearchRequest(q=q)).hits]


def worker_for(engine, kafka: str, topic: str, **options) -> StreamWorker:
    worker = StreamWorker(engine, kafka, catalog_topic=topic, group=uuid.uuid4().hex,
                          **options)
    worker.start()
    return worker


def test_bad_messages_go_to_the_dead_letter_topic_and_the_good_ones_around_them_apply(
        make_engine, kafka: str, topic: str, send: Callable) -> None:
    engine = make_engine()
    jóga = {"id": "tr-joga", "type": "track", "name": "Jóga", "artists": ["Björk"]}
    messages = [
        (b"tr-halo", change("index", "tr-halo", HALO, version=5)),
        (b"tr-bad-json", b'{"index": {"_id": "tr-bad-json"}, "doc": {"name": '),
        (b"tr-101", change("index", "tr-101", {"id": "tr-101", "type": "track",
                                               "name": "Too Popular", "popularity": 101})),
        (b"tr-halo", change("index", "tr-halo", {**HALO, "name": "Halo (old)"}, version=3)),
        (b"tr-joga", change("upsert", "tr-joga", jóga)),
        (b"tr-big", change("index", "tr-big", {"id": "tr-big", "type": "track",
                                               "name": "x" * 5000})),
        (b"tr-other", change("index", "tr-kino", KINO)),
        (b"tr-ghost", change("update", "tr-ghost", {"popularity": 1})),
        (b"tr-kino", change("index", "tr-kino", KINO)),
        (b"tr-joga", change("index", "tr-joga", jóga)),
    ]
    send(topic, messages)
    worker = worker_for(engine, kafka, topic, max_message_bytes=4000)
    try:
        stats = worker.stats[0]
        wait_until(lambda: stats.applied + stats.dead_lettered >= len(messages),
                   what=f"all {len(messages)} messages handled: {stats.as_dict()}")
    finally:
        worker.stop()
    assert (stats.applied, stats.dead_lettered) == (3, 7), stats.as_dict()
    letters = {orjson.loads(m.value())["key"]: orjson.loads(m.value())
               for m in read_all(kafka, f"{topic}.dead", 7)}
    kinds = {key: letter["kind"] for key, letter in letters.items()}
    assert kinds == {
        "tr-bad-json": "malformed_json", "tr-101": "mapper_parsing_exception",
        "tr-halo": "version_conflict_engine_exception", "tr-joga": "unknown_action",
        "tr-big": "oversized", "tr-other": "wrong_key",
        "tr-ghost": "document_missing_exception"}
    assert "popularity" in letters["tr-101"]["reason"]
    assert "not above the stored version 5" in letters["tr-halo"]["reason"]
    assert letters["tr-halo"]["topic"] == topic and letters["tr-halo"]["offset"] >= 0
    # The good ones are searchable, accents and scripts as typed or not.
    assert names(engine, "halo beyonce")[0] == "tr-halo"
    assert engine.get("tr-halo")["name"] == "Halo"  # the stale version did not apply
    assert names(engine, "gruppa krovi")[0] == "tr-kino"
    assert names(engine, "joga bjork")[0] == "tr-joga"


def test_an_http_write_and_a_kafka_write_for_one_id_resolve_by_version(
        make_engine, kafka: str, topic: str, send: Callable) -> None:
    engine = make_engine()
    (first,) = engine.bulk([b'{"index": {"_id": "tr-halo", "version": 10}}',
                            orjson.dumps(HALO)])
    assert first.status == 201
    send(topic, [(b"tr-halo", change("index", "tr-halo", {**HALO, "popularity": 1},
                                     version=9)),
                 (b"tr-halo", change("index", "tr-halo", {**HALO, "popularity": 99},
                                     version=11))])
    worker = worker_for(engine, kafka, topic)
    try:
        stats = worker.stats[0]
        wait_until(lambda: stats.applied + stats.dead_lettered >= 2, what=str(stats))
    finally:
        worker.stop()
    assert (stats.applied, stats.dead_lettered) == (1, 1)
    assert engine.get("tr-halo")["popularity"] == 99
    (late,) = engine.bulk([b'{"index": {"_id": "tr-halo", "version": 10}}',
                           orjson.dumps(HALO)])
    assert late.status == 409 and engine.get("tr-halo")["popularity"] == 99


def test_a_replayed_batch_changes_nothing_and_is_not_dead_lettered(
        make_engine, kafka: str, topic: str, send: Callable) -> None:
    """The same messages read by a second consumer group, through an engine that does
    not store offsets (a cluster's): what a crash before the commit does to the last
    batch. Versions and idempotent writes keep the state; nothing is dead-lettered."""
    engine = make_engine()
    batch = [(b"tr-halo", change("index", "tr-halo", HALO, version=3)),
             (b"tr-halo", change("update", "tr-halo", {"popularity": 60})),
             (b"tr-kino", change("index", "tr-kino", KINO)),
             (b"tr-kino", change("delete", "tr-kino"))]
    send(topic, batch)
    for _ in range(2):
        worker = worker_for(BulkOnly(engine), kafka, topic)
        try:
            stats = worker.stats[0]
            wait_until(lambda s=stats: s.applied + s.dead_lettered >= 4, what=str(stats))
        finally:
            worker.stop()
        assert (stats.applied, stats.dead_lettered) == (4, 0), stats.as_dict()
        assert engine.get("tr-halo")["popularity"] == 60
        assert engine.get("tr-kino") is None


class BulkOnly:
    """An engine seen through `bulk` alone, as a cluster engine is by the consumer."""

    def __init__(self, engine) -> None:
        self.engine = engine

    def bulk(self, lines):
        return self.engine.bulk(lines)


def test_the_store_says_where_to_resume_so_a_later_change_is_not_dead_lettered(
        make_engine, kafka: str, topic: str, send: Callable) -> None:
    """Index v5 then delete v6, both stored, and Kafka's commit lost (a new group):
    the consumer starts after the offset the store holds, so "index v5" is not read
    again and found stale."""
    engine = make_engine()
    send(topic, [(b"tr-halo", change("index", "tr-halo", HALO, version=5)),
                 (b"tr-halo", change("delete", "tr-halo", version=6))])
    first = worker_for(engine, kafka, topic)
    try:
        wait_until(lambda: first.stats[0].applied >= 2, what=str(first.stats[0]))
    finally:
        first.stop()
    assert engine.get("tr-halo") is None
    assert sum(engine.stream_offsets(topic).values()) == 1  # offsets 0 and 1, one partition
    again = worker_for(engine, kafka, topic)  # no committed offsets at all
    try:
        send(topic, [(b"tr-halo", change("index", "tr-halo", HALO, version=7))])
        stats = again.stats[0]
        wait_until(lambda: stats.applied >= 1, what=str(stats))
    finally:
        again.stop()
    assert (stats.applied, stats.replayed, stats.dead_lettered) == (1, 0, 0), stats.as_dict()
    assert engine.get("tr-halo")["name"] == "Halo"


class FailsOnceAfterWriting:
    """The write is durable, then the answer is lost (the write process died): the
    consumer retries a batch the store already holds."""

    def __init__(self, engine) -> None:
        self.engine = engine
        self.failed = False

    def bulk(self, lines):
        return self.engine.bulk(lines)

    def bulk_from_stream(self, lines, positions):
        results = list(self.engine.bulk_from_stream(lines, positions))
        if not self.failed:
            self.failed = True
            raise RuntimeError("the write process stopped; it has been restarted")
        return iter(results)

    def stream_offsets(self, topic: str) -> dict[int, int]:
        return self.engine.stream_offsets(topic)


def test_a_batch_retried_after_its_write_is_skipped_as_replayed_never_dead_lettered(
        make_engine, kafka: str, topic: str, send: Callable) -> None:
    engine = make_engine()
    send(topic, [(b"tr-kino", change("index", "tr-kino", KINO, version=5)),
                 (b"tr-kino", change("delete", "tr-kino", version=6)),
                 (b"tr-halo", change("index", "tr-halo", HALO, version=1)),
                 (b"tr-halo", change("update", "tr-halo", {"popularity": 61}, version=2))])
    flaky = FailsOnceAfterWriting(engine)
    worker = worker_for(flaky, kafka, topic)
    try:
        stats = worker.stats[0]
        wait_until(lambda: stats.replayed + stats.applied >= 4, what=str(stats))
    finally:
        worker.stop()
    # The failed batch's messages (at least one) come back as replayed, the rest apply.
    assert flaky.failed and stats.failures == 1 and stats.replayed >= 1
    assert (stats.replayed + stats.applied, stats.dead_lettered) == (4, 0), stats.as_dict()
    assert engine.get("tr-kino") is None and engine.get("tr-halo")["popularity"] == 61


def test_activity_feeds_profiles_and_forget_erases_the_user(
        make_engine, kafka: str, topic: str, send: Callable) -> None:
    engine = make_engine([HALO, KINO])
    profiles = Profiles()
    activity = f"{topic}.activity"
    send(activity, [
        (b"ana", orjson.dumps({"user_id": "ana", "type": "play", "id": "tr-kino"})),
        (b"ana", orjson.dumps({"user_id": "ana", "type": "like", "id": "tr-kino"})),
        (b"bo", orjson.dumps({"user_id": "bo", "type": "play", "id": "tr-halo"})),
        (b"bo", orjson.dumps({"user_id": "bo", "type": "play", "id": "tr-nowhere"})),
    ])
    worker = StreamWorker(engine, kafka, profiles=profiles, catalog_topic=topic,
                          activity_topic=activity, group=uuid.uuid4().hex)
    worker.start()
    try:
        stats = worker.stats[1]
        wait_until(lambda: stats.applied + stats.dead_lettered >= 4, what=str(stats))
        ana = profiles.context("ana")
        assert ana is not None and len(ana.artists) == 1 and ana.artists  # Кино
        assert profiles.context("bo") is not None
        send(activity, [(b"ana", orjson.dumps({"type": "forget", "user_id": "ana"}))])
        wait_until(lambda: stats.applied >= 4, what=str(stats))
    finally:
        worker.stop()
    assert profiles.context("ana") is None  # nothing of the user is left
    assert profiles.context("bo") is not None and len(profiles) == 1
    (letter,) = read_all(kafka, f"{activity}.dead", 1)
    assert "tr-nowhere" in orjson.loads(letter.value())["reason"]


def test_ready_says_when_a_consumer_is_too_far_behind(make_engine, kafka: str,
                                                       topic: str) -> None:
    from fastapi.testclient import TestClient

    from segue.api import create_app
    from segue.config import Settings

    engine = make_engine([HALO])
    app = create_app(engine, Settings())
    worker = app.state.stream = StreamWorker(engine, kafka, catalog_topic=topic,
                                             group=uuid.uuid4().hex, max_lag=100)
    client = TestClient(app)
    assert client.get("/v1/ready").status_code == 200
    worker.stats[0].lag = {0: 60, 1: 41, 2: 0}  # as the consumer loop measures it
    answer = client.get("/v1/ready")
    assert answer.status_code == 503
    assert "101 messages behind" in answer.json()["detail"]
    stats = client.get("/v1/stats").json()["kafka"]["topics"][0]
    assert stats["total_lag"] == 101 and stats["lag"] == {"0": 60, "1": 41, "2": 0}
    assert 'segue_stream_lag{partition="0",topic="' in client.get("/metrics").text


def test_a_skip_from_kafka_makes_the_same_profile_as_one_over_http(
        make_engine, kafka: str, topic: str, send: Callable) -> None:
    """The one events rule: the same skips and plays, by either road, one profile."""
    from fastapi.testclient import TestClient

    from segue.api import create_app
    from segue.config import Settings

    kukushka = {"id": "tr-kukushka", "type": "track", "name": "Кукушка", "artists": ["Кино"],
                "genres": ["russian rock"], "popularity": 76}
    engine = make_engine([HALO, KINO, kukushka])
    app = create_app(engine, Settings())
    profiles = app.state.profiles
    at = 1_764_800_000.0

    def events(user: str) -> list[dict]:
        return [{"user_id": user, "type": "skip", "id": "tr-kino", "at": at},
                {"user_id": user, "type": "skip", "id": "tr-kukushka", "at": at + 30},
                {"user_id": user, "type": "play", "id": "tr-halo", "at": at + 60}]

    activity = f"{topic}.activity"
    send(activity, [(b"ana", orjson.dumps(e)) for e in events("ana")])
    worker = StreamWorker(engine, kafka, profiles=profiles, catalog_topic=topic,
                          activity_topic=activity, group=uuid.uuid4().hex)
    worker.start()
    try:
        stats = worker.stats[1]
        wait_until(lambda: stats.applied + stats.dead_lettered >= 3, what=str(stats))
    finally:
        worker.stop()
    assert (stats.applied, stats.dead_lettered) == (3, 0), stats.as_dict()
    answer = TestClient(app).post("/v1/events", json={"events": events("bo")})
    assert answer.status_code == 200 and not answer.json()["errors"], answer.text
    ana, bo = profiles.context("ana", now=at + 90), profiles.context("bo", now=at + 90)
    assert ana == bo
    assert set(ana.skipped_artists) == {"kino"} and set(ana.artists) == {"beyonce"}


def test_offsets_stored_from_a_topic_since_recreated_are_ignored(
        make_engine, kafka: str, topic: str, send: Callable) -> None:
    """The store remembers offset 500 of every partition, the topic now holds a few
    messages: it was deleted and created again, so its messages are new and apply."""
    engine = make_engine()
    engine.store.commit([], {(topic, p): 500 for p in range(3)})
    send(topic, [(b"tr-halo", change("index", "tr-halo", HALO)),
                 (b"tr-kino", change("index", "tr-kino", KINO))])
    worker = worker_for(engine, kafka, topic)
    try:
        stats = worker.stats[0]
        wait_until(lambda: stats.applied >= 2, what=str(stats))
    finally:
        worker.stop()
    assert (stats.applied, stats.replayed, stats.dead_lettered) == (2, 0, 0), stats.as_dict()
    assert names(engine, "группа крови") == ["tr-kino"]
    assert min(engine.stream_offsets(topic).values()) < 500  # this log's, where it wrote
