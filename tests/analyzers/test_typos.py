"""The typo budget by folded word length."""

import dataclasses

import pytest

from segue.analyzers import TypoBudget


@pytest.mark.parametrize(
    ("word", "budget"),
    [
        ("abc", 0),
        ("u2", 0),
        ("abba", 1),
        ("shakira", 1),
        ("nirvanna", 2),
        ("metallica", 2),
        ("beyoncé", 1),  # counted folded: 7 letters
        ("ÅÅÅ", 0),
        ("Straße", 1),  # folded "strasse", 7 letters
        ("周杰伦周杰伦周杰伦", 0),
        ("방탄소년단", 0),
        ("", 0),
    ],
)
def test_default_budget(word: str, budget: int) -> None:
    assert TypoBudget().for_word(word) == budget


def test_budget_is_configurable() -> None:
    strict = TypoBudget(exact_up_to=4, one_up_to=9)
    words = ("abba", "queen", "metallica", "radiohead2")
    assert [strict.for_word(w) for w in words] == [0, 1, 1, 2]


def test_budget_rejects_inconsistent_limits() -> None:
    with pytest.raises(ValueError):
        TypoBudget(exact_up_to=8, one_up_to=7)


def test_budget_is_frozen() -> None:
    with pytest.raises(dataclasses.FrozenInstanceError):
        TypoBudget().exact_up_to = 5  # type: ignore[misc]
