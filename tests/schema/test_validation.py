"""Document validation: clear errors naming the field."""

from __future__ import annotations

import math

import pytest

from segue.schema import DocumentError, validate_document

GOOD = {"type": "track", "name": "Flowers", "artists": ["Miley Cyrus"], "popularity": 97.5,
        "year": 2023, "explicit": False, "audio_embedding": [0.1, 0.2]}


def test_valid_document_keeps_unknown_fields():
    doc = validate_document({**GOOD, "isrc": "USSM12300001"}, "t1")
    assert doc["id"] == "t1" and doc["isrc"] == "USSM12300001"


@pytest.mark.parametrize(("patch", "field", "words"), [
    ({"type": "song"}, "type", "must be one of"),
    ({"name": ""}, "name", "must not be empty"),
    ({"name": None}, "name", "required"),
    ({"name": 7}, "name", "must be a string"),
    ({"popularity": 101}, "popularity", "between 0 and 100"),
    ({"popularity": "high"}, "popularity", "must be a number"),
    ({"popularity": math.nan}, "popularity", "finite"),
    ({"year": 20233}, "year", "between"),
    ({"year": 2023.5}, "year", "integer"),
    ({"explicit": "no"}, "explicit", "boolean"),
    ({"artists": "Miley Cyrus"}, "artists", "list of strings"),
    ({"artists": ["Miley", 3]}, "artists", "item 1"),
    ({"audio_embedding": [0.0, 0.0]}, "audio_embedding", "zero norm"),
    ({"audio_embedding": [1.0, math.inf]}, "audio_embedding", "not finite"),
    ({"audio_embedding": [1.0, "x"]}, "audio_embedding", "item 1"),
    ({"audio_embedding": [1.0, math.nan]}, "audio_embedding", "item 1 is not finite"),
    ({"audio_embedding": [0.1, 0.2, 0.3, 1e39]}, "audio_embedding",
     "item 3 is 1e+39, beyond the float32 range"),
    ({"audio_embedding": [-3.5e38, 1.0]}, "audio_embedding", "item 0 is -3.5e+38"),
    ({"audio_embedding": [1, 10**400]}, "audio_embedding", "item 1 is an integer of 401"),
    ({"name": "x" * 1_000_001}, "name", "limit"),
])
def test_invalid_fields_are_named(patch, field, words):
    with pytest.raises(DocumentError) as err:
        validate_document({**GOOD, **patch}, "t1")
    assert err.value.field == field
    assert words in str(err.value)


def test_ids_must_agree_and_be_sane():
    with pytest.raises(DocumentError, match="differs"):
        validate_document({**GOOD, "id": "t2"}, "t1")
    with pytest.raises(DocumentError, match="control"):
        validate_document(GOOD, "t\x001")
    with pytest.raises(DocumentError, match="JSON object"):
        validate_document(["not", "a", "doc"], "t1")


def test_the_largest_float32_is_a_valid_vector_value():
    """Its norm is past float32, so the fast check fails and the item-by-item one passes."""
    largest = 3.4028234663852886e38
    assert validate_document({**GOOD, "audio_embedding": [largest, -largest]}, "t1")
