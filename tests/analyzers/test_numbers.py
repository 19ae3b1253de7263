"""Number words read as digits, in English, Spanish and German, on both sides of the index."""

from __future__ import annotations

import pytest

from segue.analyzers import analyze, read_number


@pytest.mark.parametrize(("words", "value"), [
    ("five", 5),
    ("twenty one", 21),
    ("nineteen seventy five", 1975),    # The 1975, read as a year
    ("two thousand one", 2001),
    ("one hundred and one", 101),
    ("twenty twenty", 2020),
    ("nineteen hundred", 1900),
    ("setenta y cinco", 75),
    ("mil novecientos setenta y cinco", 1975),
    ("dieciseis", 16),
    ("veintiuno", 21),
    ("doscientos", 200),
    ("one eighty two", 182),             # blink-182: digits said in groups
    ("one eight two", 182),              # ... or one by one
    ("two zero zero one", 2001),         # Dr. Dre's "2001"
    ("neunundneunzig", 99),              # 99 Luftballons: German, unit and tens as one word
    ("funf", 5),                         # "fünf", folded
    ("zwei tausend", 2000),
    ("dreissig", 30),                    # "dreißig", folded
])
def test_runs_of_number_words_spell_a_number(words: str, value: int) -> None:
    assert read_number(words.split()) == value


@pytest.mark.parametrize("words", ["rock and roll", "one two three four", "five and",
                                   "and five", "hundred five", "y cinco"])
def test_words_that_spell_no_number(words: str) -> None:
    assert read_number(words.split()) is None


def alternatives(text: str) -> list[list[str]]:
    by_position: dict[int, list[str]] = {}
    for t in analyze(text):
        by_position.setdefault(t.position, []).append(t.text)
    return list(by_position.values())


def test_a_number_word_is_also_its_digits_at_its_own_position() -> None:
    assert alternatives("Maroon Five") == [["maroon"], ["five", "5"]]
    assert alternatives("two pac") == [["two", "2"], ["pac"]]
    assert alternatives("Cinco de Mayo") == [["cinco", "5"], ["de"], ["mayo"]]
    assert alternatives("Dieciséis") == [["dieciseis", "16"]]


def test_a_run_gives_the_whole_number_at_its_first_word() -> None:
    assert alternatives("The Nineteen Seventy Five") == [
        ["the"], ["nineteen", "19", "1975"], ["seventy", "70"], ["five", "5"]]
    assert alternatives("Twenty One Pilots") == [["twenty", "20", "21"], ["one", "1"],
                                                 ["pilots"]]


def test_english_once_and_spanish_articles_stay_words() -> None:
    # "once" is 11 in Spanish but the adverb in English titles; "un"/"una" are articles.
    assert alternatives("Once in a Lifetime") == [["once"], ["in"], ["a"], ["lifetime"]]
    assert alternatives("Una Noche") == [["una"], ["noche"]]
