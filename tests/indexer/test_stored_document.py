"""`StoredDocument`: the stored JSON, parsed only when a field beyond the id is read."""

from __future__ import annotations

import orjson

from segue.indexer.lexical import digest
from segue.indexer.stored import StoredDocument

DOC = {"id": "t1", "type": "track", "name": "Hoppípolla", "artists": ["Sigur Rós"],
       "description": "audio_embedding is only a phrase here", "popularity": 71.5}


def test_the_id_and_absent_fields_need_no_parse() -> None:
    doc = StoredDocument("t1", orjson.dumps(DOC))
    assert doc["id"] == "t1" and doc.get("id") == "t1"
    assert doc.get("language") is None and "language" not in doc
    assert doc._doc is None  # nothing parsed yet


def test_a_field_is_read_from_the_parsed_body() -> None:
    doc = StoredDocument("t1", orjson.dumps(DOC))
    assert doc["name"] == "Hoppípolla" and doc.get("popularity") == 71.5
    # Named in a value, not a key: parsed, and still absent.
    assert doc.get("audio_embedding", "none") == "none"
    assert dict(doc) == DOC and len(doc) == len(DOC)


def test_the_lexical_digest_is_the_same_from_either_side() -> None:
    assert digest(StoredDocument("t1", orjson.dumps(DOC))) == digest(DOC)
