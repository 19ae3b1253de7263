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


def test_digits_are_never_typos_of_other_digits() -> None:
    from segue.analyzers import digits_agree

    assert not digits_agree("2001", "2000")
    assert not digits_agree("blink183", "blink182")
    assert not digits_agree("maroon5", "maroon")
    assert digits_agree("2pac", "2pax")        # the letters may differ
    assert digits_agree("metalica", "metallica")
    assert TypoBudget().for_word("2001") == 0  # a number has no typo budget


def test_a_first_letter_typo_costs_one_more() -> None:
    from segue.analyzers import typo_cost

    assert typo_cost("kelly", "kelli", 1) == 1
    assert typo_cost("kelly", "nelly", 1) == 2
    assert typo_cost("eyonce", "beyonce", 1) == 2   # the first letter left out
    assert typo_cost("shakira", "shakira", 0) == 0
