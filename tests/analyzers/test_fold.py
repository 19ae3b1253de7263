"""Folding and transliteration, with the unfolded surface kept."""

import pytest

from segue.analyzers import analyze, fold


def pairs(text: str) -> list[tuple[str, str]]:
    return [(t.text, t.surface) for t in analyze(text)]


@pytest.mark.parametrize(
    ("name", "expected"),
    [
        ("Beyoncé", [("beyonce", "beyoncé")]),
        ("Motörhead", [("motorhead", "motörhead")]),
        ("Sigur Rós", [("sigur", "sigur"), ("ros", "rós")]),
        ("Björk", [("bjork", "björk")]),
        ("Кино", [("kino", "кино")]),
        ("Ελλάδα", [("ellada", "ελλάδα")]),
        ("Mötley Crüe", [("motley", "mötley"), ("crue", "crüe")]),
        ("Tarkan Işık", [("tarkan", "tarkan"), ("isik", "işık")]),
        ("İstanbul", [("istanbul", "i\u0307stanbul")]),  # casefold keeps the dot as a mark
        ("Straße", [("strasse", "strasse")]),  # casefold already expands ß
        ("ﬂow ﬁx", [("flow", "flow"), ("fix", "fix")]),  # NFKC ligatures
        ("Œuvre Æon", [("oeuvre", "œuvre"), ("aeon", "æon")]),
        ("Mumiy Тролль", [("mumiy", "mumiy"), ("troll", "тролль")]),
        ("Þórir Ørjan Łódź", [("thorir", "þórir"), ("orjan", "ørjan"), ("lodz", "łódź")]),
    ],
)
def test_fold_and_transliterate(name: str, expected: list[tuple[str, str]]) -> None:
    assert pairs(name) == expected


def test_decomposed_accents_equal_composed() -> None:
    assert pairs("Beyonce\u0301") == [("beyonce", "beyoncé")]


def test_fold_whole_strings() -> None:
    assert fold("Beyoncé Knowles") == "beyonce knowles"
    assert fold("  Sigur   Rós ") == "sigur ros"
    assert fold("P!nk & AC/DC") == "pink and ac dc"
    assert fold("Florence + The Machine") == "florence and the machine"
    assert fold("Кино") == "kino"
    assert fold("周杰伦") == "周杰伦"
    assert fold("BTS (방탄소년단)") == "bts 방탄소년단"
    assert fold("?!") == ""


@pytest.mark.parametrize("text", ["Beyoncé Knowles", "AC/DC", "C++ + -", "周杰伦 x Кино", "Ke$ha!"])
def test_fold_is_idempotent(text: str) -> None:
    assert fold(fold(text)) == fold(text)


def test_fold_matches_the_primary_token_texts() -> None:
    text = "The Beatles & Beyoncé"
    primary = {}
    for t in analyze(text):
        primary.setdefault(t.position, t.text)
    assert fold(text) == " ".join(primary.values())


@pytest.mark.parametrize(("written", "typed"), [
    ("всё", "все"),                  # Russian writes ё as е: "Это всё" typed "это все"
    ("Пугачёва", "Пугачева"),
    ("Алла Пугачёва", "alla pugacheva"),  # ... and the Latin spelling follows
])
def test_yo_folds_as_ye(written: str, typed: str) -> None:
    assert [t.text for t in analyze(written)] == [t.text for t in analyze(typed)]
