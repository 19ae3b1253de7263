"""`_bulk` NDJSON parsing: every bad line is one failed item, nothing else is lost."""

from __future__ import annotations

from segue.indexer import Action, ActionError, parse_bulk


def parse(*lines: bytes) -> list[Action | ActionError]:
    return list(parse_bulk(lines))


def test_pairs_and_deletes_in_order():
    items = parse(b'{"index":{"_id":"t1"}}', b'{"type":"track","name":"Halo"}',
                  b'{"delete":{"_id":"t2"}}',
                  b'{"update":{"_id":"t1"}}', b'{"doc":{"popularity":88}}')
    assert [(i.op, i.doc_id) for i in items] == [("index", "t1"), ("delete", "t2"),
                                                  ("update", "t1")]
    assert items[2].source == {"doc": {"popularity": 88}}


def test_malformed_document_line_fails_only_its_item():
    items = parse(b'{"index":{"_id":"a"}}', b'{"type":"artist","name":',
                  b'{"index":{"_id":"b"}}', b'{"type":"artist","name":"Bjork"}')
    assert isinstance(items[0], ActionError)
    assert "line 2" in items[0].reason and "malformed JSON" in items[0].reason
    assert isinstance(items[1], Action) and items[1].doc_id == "b"


def test_malformed_action_line_resynchronises_on_the_next_action():
    items = parse(b'{"index":{"_id":', b'{"type":"artist","name":"Lost"}',
                  b'{"index":{"_id":"b"}}', b'{"type":"artist","name":"Kept"}')
    assert isinstance(items[0], ActionError) and "line 1" in items[0].reason
    assert [i.doc_id for i in items[1:]] == ["b"]


def test_missing_action_line_is_reported_with_its_line():
    items = parse(b'{"type":"artist","name":"No action"}',
                  b'{"index":{"_id":"b"}}', b'{"type":"artist","name":"Kept"}')
    assert isinstance(items[0], ActionError) and "expected an action line" in items[0].reason
    assert isinstance(items[1], Action) and items[1].doc_id == "b"


def test_action_followed_by_action_reports_missing_document():
    items = parse(b'{"index":{"_id":"a"}}', b'{"delete":{"_id":"b"}}')
    assert isinstance(items[0], ActionError) and "followed by another action" in items[0].reason
    assert isinstance(items[1], Action) and items[1].op == "delete"


def test_invalid_utf8_is_named():
    items = parse(b'{"index":{"_id":"a"}}', b'{"type":"artist","name":"\xff\xfe"}')
    assert isinstance(items[0], ActionError) and "invalid UTF-8" in items[0].reason


def test_trailing_action_without_document():
    items = parse(b'{"index":{"_id":"a"}}')
    assert isinstance(items[0], ActionError) and "no document line" in items[0].reason


def test_blank_lines_are_ignored_and_empty_body_yields_nothing():
    assert parse() == []
    assert parse(b"", b"  ", b"\n") == []


def test_bad_version_is_an_item_error():
    items = parse(b'{"index":{"_id":"a","version":-1}}', b'{"type":"artist","name":"A"}',
                  b'{"delete":{"_id":"b"}}')
    assert isinstance(items[0], ActionError) and "version" in items[0].reason
    assert isinstance(items[1], Action) and items[1].op == "delete"
