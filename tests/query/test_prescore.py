"""Retrieval's pre-score takes its weights from ranking: a variant that weighs a
feature differently retrieves differently, with no second copy of the weights."""

from __future__ import annotations

import json
from typing import Any

import pytest

from segue.indexer import LexicalIndex
from segue.query import EmbeddedRetriever, parse_query
from segue.ranking import MatchKind, Variant, prescore_weights, shipped_variants
from segue.schema import Field

DEFAULT = shipped_variants()["default"]


def variant_with(**changes: Any) -> Variant:
    """The default variant, with some weights (or match values, field weights) changed."""
    data = json.loads(json.dumps({
        "name": "changed", "version": 1, "weights": DEFAULT.weights,
        "match_values": {k.name.lower(): v for k, v in DEFAULT.match_values.items()},
        "field_weights": {k.name.lower(): v for k, v in DEFAULT.field_weights.items()},
        "type_prior": DEFAULT.type_prior, "candidates": DEFAULT.candidates}))
    for key, value in changes.items():
        table, _, name = key.rpartition("__")
        data[table or "weights"][name] = value
    return Variant.from_dict(data)


@pytest.mark.parametrize(("change", "read"), [
    ({"match": 30}, lambda p: p.kind[MatchKind.EXACT]),
    ({"match_values__prefix": 0.5}, lambda p: p.kind[MatchKind.PREFIX]),
    ({"field": 20}, lambda p: p.field),
    ({"field_weights__artists": 0.9}, lambda p: p.field_weights[Field.ARTISTS]),
    ({"coverage": 40}, lambda p: p.coverage),
    ({"typos": -5}, lambda p: p.typo),
    ({"exact": 20}, lambda p: p.exact),
    ({"popularity": 20}, lambda p: p.popularity),
    ({"typing": 10}, lambda p: p.typing),
])
def test_changing_a_weight_in_a_variant_changes_the_pre_score(change, read):
    assert read(prescore_weights(variant_with(**change))) != read(prescore_weights(DEFAULT))


def test_the_pre_score_weighs_as_the_variant_does():
    pre = prescore_weights(DEFAULT)
    w = DEFAULT.weights
    assert pre.kind[MatchKind.PREFIX] == w["match"] * DEFAULT.match_values[MatchKind.PREFIX]
    assert (pre.field, pre.coverage, pre.typo) == (w["field"], w["coverage"], -w["typos"])


def retrieved(variant: Variant, q: str = "halo") -> list[str]:
    index = LexicalIndex()
    for doc in ({"id": "tr-halo", "type": "track", "name": "Halo", "popularity": 0},
                {"id": "tr-halos", "type": "track", "name": "Halos", "popularity": 100}):
        index.upsert(doc)
    found = EmbeddedRetriever(index).retrieve(parse_query(q), variant, limit=1)
    return [c.doc_id for c in found.candidates]


def test_a_variant_s_weights_decide_which_candidates_are_retrieved():
    """With room for one candidate, the exact but unknown "Halo" and the famous
    completion "Halos" trade places as the variant weighs popularity (and the typing
    feature, which compares completions by it) or exactness."""
    assert retrieved(DEFAULT) == ["tr-halos"]
    assert retrieved(variant_with(popularity=0, typing=0)) == ["tr-halo"]
    assert retrieved(variant_with(exact=60)) == ["tr-halo"]
    # Once the word is complete (a trailing space), "Halos" is not what was typed.
    assert retrieved(DEFAULT, "halo ") == ["tr-halo"]
