"""Batched ingest changes nothing but speed: the same index, the same order of writes."""

from __future__ import annotations

import gc
import threading
from pathlib import Path

import numpy as np

from segue.indexer import LexicalIndex, Store, Writer, parse_bulk
from segue.indexer.collector import paused

DOCS = [
    {"id": "a1", "type": "artist", "name": "Beyoncé", "genres": ["pop", "r&b"],
     "popularity": 90},
    {"id": "t1", "type": "track", "name": "Halo (feat. Jay-Z)", "artists": ["Beyoncé"],
     "album": "I Am... Sasha Fierce", "popularity": 80},
    {"id": "t2", "type": "track", "name": "Группа крови", "artists": ["Кино"],
     "album": "Группа крови", "language": "ru", "popularity": 60},
    {"id": "t3", "type": "track", "name": "晴天", "artists": ["周杰伦"], "album": "叶惠美",
     "language": "zh", "popularity": 70},
    {"id": "t4", "type": "track", "name": "Ace of Spades", "artists": ["Motörhead"],
     "album": "Ace of Spades", "genres": ["metal"], "popularity": 55},
    # The same values again, at other places: cached analysis must not leak positions.
    {"id": "t5", "type": "track", "name": "Beyoncé", "artists": ["Кино", "Beyoncé"],
     "album": "Beyoncé", "popularity": 20},
    {"id": "t1", "type": "track", "name": "Halo", "artists": ["Beyoncé"],
     "popularity": 81},  # an update inside the batch
    {"id": "e1", "type": "episode", "name": "The Kino Story", "show": "Кино",
     "description": "Виктор Цой and the band Кино; " * 20, "popularity": 5},
]


def _one_by_one() -> LexicalIndex:
    """The reference: every value analyzed afresh, weights added document by document."""
    index = LexicalIndex()
    index._value = index._analyze_value  # no cache of analyzed values
    for doc in DOCS:
        index.upsert(doc)
    return index


def test_a_cached_batch_builds_the_same_index_as_one_document_at_a_time():
    single, batched = _one_by_one(), LexicalIndex()
    assert batched.upsert_many(DOCS) == 7  # t1 twice: created once
    assert single.vocab.terms == batched.vocab.terms
    assert single.surfaces == batched.surfaces
    for number in range(single.capacity):
        assert single.forward_packed(number) == batched.forward_packed(number)
    for term in range(len(single.vocab)):
        for a, b in zip(single.postings(term), batched.postings(term), strict=True):
            assert a.tolist() == b.tolist()
    n = len(single.vocab)
    np.testing.assert_allclose(single.vocab.weight[:n], batched.vocab.weight[:n], rtol=1e-6)
    kino = batched.vocab.get("kino")
    numbers, _ = batched.postings(kino)
    assert sorted(batched.doc_id(i) for i in numbers if batched.live[i]) == ["e1", "t2", "t5"]


class RecordingSink:
    """A sink without `upsert_many` (such as a vector index): called once per change."""

    def __init__(self) -> None:
        self.calls: list[tuple[str, str]] = []

    def upsert(self, doc: dict) -> None:
        self.calls.append(("upsert", doc["id"]))

    def remove(self, doc_id: str) -> None:
        self.calls.append(("remove", doc_id))

    def compact(self) -> None:
        pass


def test_sinks_without_upsert_many_still_get_every_change_in_order(tmp_path: Path):
    sink = RecordingSink()
    writer = Writer(Store(tmp_path / "db"), [LexicalIndex(), sink], threading.RLock())
    body = (b'{"index":{"_id":"x"}}\n{"type":"artist","name":"Bj\xc3\xb6rk"}\n'
            b'{"index":{"_id":"y"}}\n{"type":"artist","name":"M\xc3\xbam"}\n'
            b'{"delete":{"_id":"x"}}\n'
            b'{"index":{"_id":"x"}}\n{"type":"artist","name":"Bj\xc3\xb6rk Live"}\n')
    results = list(writer.apply(parse_bulk(body.splitlines())))
    assert [r.status for r in results] == [201, 201, 200, 201]
    assert sink.calls == [("upsert", "x"), ("upsert", "y"), ("remove", "x"), ("upsert", "x")]


def test_the_collector_runs_again_after_the_last_of_overlapping_pauses():
    assert gc.isenabled()
    entered, release = threading.Event(), threading.Event()

    def other_request() -> None:
        with paused():
            entered.set()
            release.wait(10)

    thread = threading.Thread(target=other_request)
    with paused():
        thread.start()
        entered.wait(10)
        assert not gc.isenabled()
    assert not gc.isenabled()  # the other request is still inside its pause
    release.set()
    thread.join()
    assert gc.isenabled()
