"""NFKC, case folding, punctuation, apostrophes, hyphens and control characters."""

from segue.analyzers import analyze


def toks(text: str, **kw: str) -> list[tuple[str, str, int, bool]]:
    return [(t.text, t.surface, t.position, t.optional) for t in analyze(text, **kw)]


def test_fullwidth_letters_are_nfkc_folded() -> None:
    assert toks("ＡＢＣ") == [("abc", "abc", 0, False)]


def test_case_is_folded() -> None:
    assert toks("QUEEN Queen") == [("queen", "queen", 0, False), ("queen", "queen", 1, False)]


def test_apostrophe_inside_a_word_joins_it() -> None:
    assert toks("Don't Stop Me Now") == [
        ("dont", "don't", 0, False),
        ("stop", "stop", 1, False),
        ("me", "me", 2, False),
        ("now", "now", 3, False),
    ]


def test_typographic_apostrophes_join_like_the_ascii_one() -> None:
    expected = [("dont", "don't", 0, False)]
    assert toks("Don’t") == expected  # U+2019
    assert toks("Donʼt") == expected  # U+02BC
    assert toks("Don`t") == expected


def test_apostrophes_at_the_edge_of_a_word_are_dropped() -> None:
    assert toks("Guns N' Roses") == [
        ("guns", "guns", 0, False),
        ("n", "n", 1, False),
        ("roses", "roses", 2, False),
    ]
    assert toks("'Til Tuesday") == [("til", "til", 0, False), ("tuesday", "tuesday", 1, False)]


def test_hyphen_splits_and_adds_the_joined_word() -> None:
    assert toks("Anne-Marie") == [
        ("anne", "anne", 0, False),
        ("annemarie", "anne-marie", 0, False),
        ("marie", "marie", 1, False),
    ]


def test_hyphen_variants_split_too() -> None:
    assert toks("Jay‐Z") == toks("Jay–Z") == [  # U+2010, U+2013
        ("jay", "jay", 0, False),
        ("jayz", "jay-z", 0, False),
        ("z", "z", 1, False),
    ]


def test_hyphen_with_digits() -> None:
    assert toks("blink-182") == [
        ("blink", "blink", 0, False),
        ("blink182", "blink-182", 0, False),
        ("182", "182", 1, False),
    ]


def test_dotted_acronym_splits_and_joins() -> None:
    assert toks("R.E.M.") == [
        ("r", "r", 0, False),
        ("rem", "r.e.m", 0, False),
        ("e", "e", 1, False),
        ("m", "m", 2, False),
    ]


def test_a_lone_dash_or_a_double_dash_is_punctuation() -> None:
    assert toks("Oasis - Wonderwall") == [
        ("oasis", "oasis", 0, False),
        ("wonderwall", "wonderwall", 1, False),
    ]
    assert toks("a--b") == [("a", "a", 0, True), ("b", "b", 1, False)]


def test_trailing_punctuation_is_dropped() -> None:
    assert toks("Hello, Goodbye.") == [
        ("hello", "hello", 0, False),
        ("goodbye", "goodbye", 1, False),
    ]


def test_control_characters_separate_and_never_crash() -> None:
    # ID3v2.4 separates the values of a multi-artist frame with NUL.
    assert toks("Daft Punk\x00Pharrell\x07") == [
        ("daft", "daft", 0, False),
        ("punk", "punk", 1, False),
        ("pharrell", "pharrell", 2, False),
    ]
    assert toks("Ünicode\x1b[0m") == [("unicode", "ünicode", 0, False), ("0m", "0m", 1, False)]


def test_format_characters_vanish_inside_words() -> None:
    assert toks("Mö\u00adtley\u200d Crüe\ufeff") == [  # soft hyphen, ZWJ, BOM
        ("motley", "mötley", 0, False),
        ("crue", "crüe", 1, False),
    ]


def test_zero_width_space_separates() -> None:
    assert toks("daft\u200bpunk") == [("daft", "daft", 0, False), ("punk", "punk", 1, False)]


def test_empty_and_blank_text() -> None:
    assert analyze("") == []
    assert analyze(" \t\n\u3000") == []
    assert analyze("?!.,;:") == []
