"""A catalog message becomes `_bulk` lines, or a reason it is not a change at all."""

from __future__ import annotations

import orjson

from segue.stream.messages import Rejected, bulk_lines, dead_letter, is_replay


def test_index_update_and_delete_become_bulk_pairs() -> None:
    doc = {"id": "tr-1", "type": "track", "name": "Jóga", "artists": ["Björk"]}
    lines = bulk_lines(b"tr-1", orjson.dumps({"index": {"_id": "tr-1", "version": 4},
                                              "doc": doc}))
    assert lines == [b'{"index":{"_id":"tr-1","version":4}}', orjson.dumps(doc)]
    lines = bulk_lines(b"tr-1", b'{"update": {"_id": "tr-1"}, "doc": {"popularity": 71}}')
    assert lines == [b'{"update":{"_id":"tr-1"}}', b'{"doc":{"popularity":71}}']
    assert bulk_lines(b"tr-1", b'{"delete": {"_id": "tr-1"}}') == [b'{"delete":{"_id":"tr-1"}}']
    # The key names the document when the action does not.
    assert bulk_lines("кино".encode(), b'{"delete": {}}') == ['{"delete":{"_id":"кино"}}'.encode()]


def test_what_is_not_a_change_is_refused_with_its_kind() -> None:
    cases = {
        b'{"index": {"_id": "t1"}, "doc": {': "malformed_json",
        b"[1, 2]": "not_an_object",
        b'{"upsert": {"_id": "t1"}, "doc": {}}': "unknown_action",
        b'{"index": {"_id": "t1"}, "delete": {"_id": "t1"}}': "unknown_action",
        b'{"index": {"_id": "t2"}, "doc": {"id": "t2"}}': "wrong_key",
    }
    for value, kind in cases.items():
        result = bulk_lines(b"t1", value)
        assert isinstance(result, Rejected) and result.kind == kind, (value, result)
    assert bulk_lines(None, b'{"delete": {"_id": "t1"}}').kind == "wrong_key"  # type: ignore[union-attr]
    big = orjson.dumps({"index": {"_id": "t1"}, "doc": {"name": "x" * 2000}})
    assert bulk_lines(b"t1", big, max_bytes=1000).kind == "oversized"  # type: ignore[union-attr]


def test_a_replayed_version_is_told_from_a_stale_one() -> None:
    assert is_replay("line 3: version 7 of 'tr-1' is not above the stored version 7; not applied")
    assert not is_replay("version 6 of 'tr-1' is not above the stored version 7; not applied")
    assert not is_replay("document 'tr-1' already exists")


def test_a_dead_letter_keeps_where_it_came_from() -> None:
    letter = orjson.loads(dead_letter("not JSON", "malformed_json", topic="segue.catalog",
                                      partition=2, offset=41, key=b"tr-1", value=b"\xff{"))
    assert letter["partition"] == 2 and letter["offset"] == 41 and letter["key"] == "tr-1"
    assert letter["value_base64"] == "/3s="
