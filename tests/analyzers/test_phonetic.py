"""Phonetic codes on folded tokens, namespaced, not on short or numeric tokens."""

import pytest

from segue.analyzers import phonetic_codes


def test_codes_are_metaphone_and_nysiis_namespaced() -> None:
    assert phonetic_codes("shakira") == ("M:XKR", "N:SACAR")


@pytest.mark.parametrize(
    ("typed", "meant"),
    [("shakeera", "shakira"), ("billy", "billie"), ("nirvanna", "nirvana"), ("eminen", "eminem")],
)
def test_misspellings_share_a_code(typed: str, meant: str) -> None:
    assert set(phonetic_codes(typed)) & set(phonetic_codes(meant))


@pytest.mark.parametrize(
    "term", ["abc", "u2", "ac", "", "blink182", "1999", "周杰伦", "정국", "kiss me"]
)
def test_no_codes_for_short_numeric_non_latin_or_multiword(term: str) -> None:
    assert phonetic_codes(term) == ()


def test_unfolded_input_is_folded_first() -> None:
    assert phonetic_codes("Beyoncé") == phonetic_codes("beyonce") == ("M:BYNS", "N:BAYANC")


def test_codes_never_look_like_folded_words() -> None:
    for code in phonetic_codes("metallica"):
        assert ":" in code and code[0].isupper()
