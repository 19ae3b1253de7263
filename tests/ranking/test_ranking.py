"""The re-ranker on hand-made candidates: tiers, typos, fields, explanations, variants."""

from __future__ import annotations

import json

import pytest

from segue.ranking import (
    Candidate,
    MatchKind,
    QueryShape,
    Variant,
    VariantError,
    WordMatch,
    rank,
    shipped_variants,
)
from segue.schema import Field

DEFAULT = shipped_variants()["default"]
ONE_WORD = QueryShape(("halo",), (False,))


def cand(doc_id: str, kind: MatchKind, *, typos: int = 0, field: Field = Field.NAME,
         popularity: float = 50.0, length: int = 1, ordinal: int = 0) -> Candidate:
    match = WordMatch(word=0, kind=kind, typos=typos, field=field, position=ordinal,
                      value_start=0, value_length=length, ordinal=ordinal, exact_form=False,
                      idf=2.0, term="halo")
    return Candidate(doc_id, "track", popularity, [match])


def order(*cands: Candidate, variant: Variant = DEFAULT) -> list[str]:
    return [r.candidate.doc_id for r in rank(cands, ONE_WORD, variant)]


def test_match_tiers_exact_prefix_typo_phonetic():
    assert order(cand("phonetic", MatchKind.PHONETIC), cand("typo", MatchKind.TYPO, typos=1),
                 cand("prefix", MatchKind.PREFIX), cand("exact", MatchKind.EXACT)) == \
        ["exact", "prefix", "typo", "phonetic"]


def test_fewer_typos_first():
    assert order(cand("two", MatchKind.TYPO, typos=2), cand("one", MatchKind.TYPO, typos=1)) \
        == ["one", "two"]


def test_field_weights_name_artists_album_aliases():
    # Mid-value matches, so only the field weight tells them apart.
    assert order(*(cand(f.name, MatchKind.EXACT, field=f, length=2, ordinal=1)
                   for f in (Field.ALIASES, Field.ALBUM, Field.ARTISTS, Field.NAME))) == \
        ["NAME", "ARTISTS", "ALBUM", "ALIASES"]


def test_popularity_breaks_ties_but_not_tiers():
    assert order(cand("obscure", MatchKind.EXACT, popularity=1),
                 cand("famous", MatchKind.EXACT, popularity=99)) == ["famous", "obscure"]
    assert order(cand("famous-typo", MatchKind.TYPO, typos=1, popularity=99, length=3),
                 cand("obscure-exact", MatchKind.EXACT, popularity=1)) == \
        ["obscure-exact", "famous-typo"]


def test_explanation_is_what_ranked():
    (ranked,) = rank([cand("a", MatchKind.PREFIX)], ONE_WORD, DEFAULT, explain=True)
    parts = {c.feature: c for c in ranked.explanation}
    assert parts["match"].value == DEFAULT.match_values[MatchKind.PREFIX]
    assert sum(c.contribution for c in ranked.explanation) == pytest.approx(ranked.score)
    (plain,) = rank([cand("a", MatchKind.PREFIX)], ONE_WORD, DEFAULT)
    assert plain.score == pytest.approx(ranked.score) and plain.explanation == ()


def test_variant_files_are_checked(tmp_path):
    data = json.loads(json.dumps({"name": "x", "version": 1, "weights": {"telepathy": 1},
                                  "match_values": {}, "field_weights": {}}))
    with pytest.raises(VariantError, match="unknown features"):
        Variant.from_dict(data)
    with pytest.raises(VariantError, match="missing"):
        Variant.from_dict({"name": "x"})
    assert {"default", "popular"} <= set(shipped_variants())
