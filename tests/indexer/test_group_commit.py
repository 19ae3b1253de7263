"""Group commit: several requests' writes in one transaction, each with its own answer;
small requests between a large one's chunks; a full disk refuses item by item."""

from __future__ import annotations

import threading
from pathlib import Path

import orjson

from segue.indexer import Store, parse_bulk
from segue.indexer.ledger import Committed, Ledger
from segue.indexer.ledger_process import LedgerProcess
from segue.indexer.store import StoreFull


def _body(*lines: object) -> list[bytes]:
    return [orjson.dumps(line) for line in lines]


def test_a_group_is_one_transaction_and_each_request_gets_its_own_results(tmp_path: Path):
    store = Store(tmp_path / "documents.sqlite3")
    ledger = Ledger(store)
    first = list(parse_bulk(_body(
        {"index": {"_id": "a1"}}, {"type": "artist", "name": "Björk", "popularity": 70},
        {"index": {"_id": "t1"}}, {"type": "track", "name": "Jóga", "artists": ["Björk"]})))
    # A later request on the same ids is decided against the earlier one's outcome.
    second = list(parse_bulk(_body(
        {"update": {"_id": "a1"}}, {"doc": {"popularity": 71}},
        {"delete": {"_id": "t1"}},
        {"create": {"_id": "a1"}}, {"type": "artist", "name": "Björk"})))
    third = list(parse_bulk(_body({"index": {"_id": "x"}}, "not a document")))
    committed = ledger.commit_group([first, second, third])
    assert [[r.status for r in c.results] for c in committed] == [[201, 201], [200, 200, 409],
                                                                 [400]]
    # Sequences split the one transaction: each request's own last write.
    assert [c.seq for c in committed] == [2, 4, None] and store.last_seq() == 4
    assert [doc_id for doc_id, _ in committed[1].changes] == ["a1", "t1"]
    assert orjson.loads(store.get("a1") or b"{}")["popularity"] == 71
    assert store.get("t1") is None


class _FullAfter(Store):
    """A store whose disk fills after `commits` transactions (the logic under test is
    the ledger's; the real disk is in tests/durability/test_disk_full.py)."""

    def __init__(self, path: Path, commits: int) -> None:
        super().__init__(path)
        self.left = commits

    def commit(self, writes: object, offsets: object = None) -> int:
        if self.left == 0:
            raise StoreFull(self.path.parent)
        self.left -= 1
        return super().commit(writes, offsets)  # type: ignore[arg-type]


def test_once_the_disk_is_full_the_rest_of_the_request_is_refused_item_by_item(
        tmp_path: Path) -> None:
    store = _FullAfter(tmp_path / "documents.sqlite3", commits=1)
    lines = []
    for i in range(1200):
        lines += _body({"index": {"_id": f"t{i}"}}, {"type": "track", "name": f"Ágætis {i}"})
    chunks: list[Committed] = list(Ledger(store).run(parse_bulk(lines)))
    statuses = [r.status for c in chunks for r in c.results]
    assert statuses == [201] * 500 + [507] * 700
    refused = chunks[1].results[0]
    assert refused.error_type == "insufficient_storage_exception"
    assert refused.reason is not None and refused.reason.startswith(
        f"not applied: the data directory {tmp_path} is full: ")
    assert store.count() == 500 and chunks[1].seq is None and not chunks[1].changes


def test_small_requests_go_between_the_chunks_of_a_large_one(tmp_path: Path) -> None:
    indexed: list[Committed] = []
    store = Store(tmp_path / "documents.sqlite3")
    ledger = LedgerProcess(store.path, on_commit=indexed.append)
    try:
        large = b"".join(orjson.dumps({"index": {"_id": f"t{i}"}}) + b"\n" + orjson.dumps(
            {"type": "track", "name": f"Кино {i}", "artists": ["Кино"]}) + b"\n"
                         for i in range(30_000))
        started, events = threading.Event(), []

        def bulk() -> None:
            for n, _ in enumerate(ledger.run_lines("bulk", [large])):
                if n == 0:
                    started.set()
            events.append("large done")

        thread = threading.Thread(target=bulk)
        thread.start()
        assert started.wait(60)
        small = [orjson.dumps({"index": {"_id": "s1"}}),
                 orjson.dumps({"type": "track", "name": "Sigur Rós — Hoppípolla"})]
        (only,) = ledger.run_lines("bulk", small)
        events.append("small done")
        thread.join(120)
        assert events == ["small done", "large done"]
        assert only.results[0].status == 201 and only.seq is not None
        # Committed between two chunks of the large request, and indexed in that order.
        seqs = [c.seq for c in indexed]
        assert seqs == sorted(seqs) and 500 < only.seq < 30_000
        assert store.last_seq() == 30_001
    finally:
        ledger.close()
        store.close()



def test_stream_offsets_are_committed_with_the_chunk_that_holds_their_change(
        tmp_path: Path) -> None:
    """A chunk's transaction records how far each stream partition got; a chunk the
    full disk refused records nothing, so its messages are read again."""
    store = _FullAfter(tmp_path / "documents.sqlite3", commits=1)
    ledger = Ledger(store)
    actions = list(parse_bulk(_body(*[line for i in range(700) for line in (
        {"index": {"_id": f"tr-{i}", "version": 2}},
        {"type": "track", "name": f"Canción {i}", "artists": ["Rosalía"]})])))
    # Two partitions interleaved, as a Kafka batch is: partition 0 even, 1 odd.
    positions = [("segue.catalog", i % 2, 100 + i // 2) for i in range(700)]
    parts = list(ledger.run(actions, positions))
    assert [len(p.results) for p in parts] == [500, 200]
    assert parts[0].seq == 500 and parts[1].seq is None  # the second chunk: disk full
    assert store.stream_offsets("segue.catalog") == {0: 100 + 498 // 2, 1: 100 + 499 // 2}
    assert store.stream_offsets("segue.activity") == {}
    # Decided but nothing written (every version refused as not above the stored
    # one): still recorded, so the consumer does not read them again.
    store.left = 1
    list(ledger.run(actions[:4], [("segue.catalog", 0, 900 + i) for i in range(4)]))
    assert store.stream_offsets("segue.catalog")[0] == 903
