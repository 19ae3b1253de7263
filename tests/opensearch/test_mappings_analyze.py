"""The analyzers in `mappings/` behave like Segue's own, checked with `_analyze` on the
real cluster, with the examples of tests/analyzers."""

from __future__ import annotations

import pytest
from opensearchpy import OpenSearch

from segue.analyzers import analyze, phonetic_codes
from segue.query.understanding import is_reading


def tokens(client: OpenSearch, index: str, analyzer: str, text: str) -> list[str]:
    body = {"analyzer": analyzer, "text": text}
    return [t["token"] for t in client.indices.analyze(index=index, body=body)["tokens"]]


def embedded_words(text: str) -> set[str]:
    """The embedded analyzer's index keys, minus CJK readings and optional credits."""
    return {t.text for t in analyze(text)
            if not is_reading(t) and not (t.optional and t.text in {"feat", "ft", "featuring"})}


EXAMPLES = [
    ("P!nk", ["pink"]),
    ("Ke$ha", ["kesha"]),
    ("$uicideboy$", ["suicideboys"]),
    ("A$AP Rocky", ["asap", "rocky"]),
    ("!llmind", ["illmind"]),
    ("Wham!", ["wham"]),
    ("*NSYNC", ["nsync"]),
    ("F**kin' Perfect", ["fkin", "perfect"]),
    ("Don't Stop Me Now", ["dont", "stop", "me", "now"]),
    ("AC/DC", ["ac", "dc", "acdc"]),
    ("Simon & Garfunkel", ["simon", "and", "garfunkel"]),
    ("Florence + The Machine", ["florence", "and", "the", "machine"]),
    ("Beyoncé", ["beyonce"]),
    ("Motörhead", ["motorhead"]),
    ("Sigur Rós", ["sigur", "ros"]),
    ("Björk", ["bjork"]),
    ("Кино", ["kino"]),
    ("Ελλάδα", ["ellada"]),
    ("藤井 風", ["藤井", "風"]),
    ("周杰伦", ["周杰", "杰伦"]),
    ("Calvin Harris feat. Dua Lipa", ["calvin", "harris", "dua", "lipa"]),
    ("Señorita (ft. Camila Cabello)", ["senorita", "camila", "cabello"]),
    ("Maroon Five", ["maroon", "five", "5"]),       # number words also as digits
    ("Cinco de Mayo", ["cinco", "5", "de", "mayo"]),
    ("Dieciséis", ["dieciseis", "16"]),
    ("Once in a Lifetime", ["once", "in", "a", "lifetime"]),
]


@pytest.mark.parametrize(("text", "expected"), EXAMPLES)
def test_folded_tokens_match_the_embedded_analyzer(
    opensearch: OpenSearch, analysis_index: str, text: str, expected: list[str],
) -> None:
    got = tokens(opensearch, analysis_index, "segue_text", text)
    assert got == expected
    assert set(got) == embedded_words(text)


def test_the_exact_subfield_keeps_accents_and_script(
    opensearch: OpenSearch, analysis_index: str,
) -> None:
    assert tokens(opensearch, analysis_index, "segue_exact", "Beyoncé") == ["beyoncé"]
    assert tokens(opensearch, analysis_index, "segue_exact", "Кино") == ["кино"]
    assert tokens(opensearch, analysis_index, "segue_exact", "P!nk") == ["pink"]


def test_prefixes_for_as_you_type(opensearch: OpenSearch, analysis_index: str) -> None:
    assert tokens(opensearch, analysis_index, "segue_prefix", "Björk") == \
        ["b", "bj", "bjo", "bjor", "bjork"]


@pytest.mark.parametrize(("typed", "meant"), [
    ("shakeera", "Shakira"), ("nirvanna", "Nirvana"), ("metalica", "Metallica"),
    ("stromay", "Stromae"),
])
def test_phonetic_respellings_share_a_code(
    opensearch: OpenSearch, analysis_index: str, typed: str, meant: str,
) -> None:
    shared = set()
    for analyzer in ("segue_metaphone", "segue_nysiis"):
        typed_codes = tokens(opensearch, analysis_index, analyzer, typed)
        meant_codes = tokens(opensearch, analysis_index, analyzer, meant)
        shared |= set(typed_codes) & set(meant_codes)
    assert shared, f"no phonetic code shared by {typed!r} and {meant!r}"
    # Same property on the embedded side: the respelling finds the name there too.
    assert set(phonetic_codes(typed)) & set(phonetic_codes(meant.lower()))


def test_no_phonetic_codes_for_short_or_numeric_words(
    opensearch: OpenSearch, analysis_index: str,
) -> None:
    assert tokens(opensearch, analysis_index, "segue_metaphone", "U2 ABBA 1989 Sia") == \
        tokens(opensearch, analysis_index, "segue_metaphone", "ABBA")
