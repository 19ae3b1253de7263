"""The package names exactly the contract other folders code against."""

import dataclasses
import inspect

import pytest

import segue.analyzers as analyzers
from segue.analyzers import Synonyms, Token, TypoBudget, analyze


def test_exports_exactly_the_contract() -> None:
    assert sorted(analyzers.__all__) == sorted(
        [
            "Token", "analyze", "fold", "split_credits", "split_artists", "phonetic_codes",
            "TypoBudget", "Synonyms", "ARTICLES", "digits_agree", "typo_cost",
            "keyboard_readings", "keyboard_word_readings", "read_number",
        ]
    )
    assert isinstance(analyzers.ARTICLES, frozenset)


def test_signatures() -> None:
    sig = inspect.signature(analyze)
    assert list(sig.parameters) == ["text", "language"]
    assert sig.parameters["language"].kind is inspect.Parameter.KEYWORD_ONLY
    assert sig.parameters["language"].default is None
    for name in ("fold", "split_credits", "split_artists", "phonetic_codes"):
        assert len(inspect.signature(getattr(analyzers, name)).parameters) == 1
    fields = [f.name for f in dataclasses.fields(Token)]
    assert fields == ["text", "surface", "position", "optional"]
    assert [(f.name, f.default) for f in dataclasses.fields(TypoBudget)] == [
        ("exact_up_to", 3), ("one_up_to", 7),
    ]
    assert {"load", "from_lines", "expand", "phrases"} <= set(vars(Synonyms))


def test_token_is_frozen_with_slots() -> None:
    token = Token("beyonce", "beyoncé", 0)
    assert token.optional is False
    assert not hasattr(token, "__dict__")
    with pytest.raises(dataclasses.FrozenInstanceError):
        token.text = "x"  # type: ignore[misc]


def test_the_package_essay_example_holds() -> None:
    tokens = analyze("The AC/DC & Beyoncé")
    assert [(t.text, t.surface, t.position, t.optional) for t in tokens] == [
        ("the", "the", 0, True),
        ("ac", "ac", 1, False),
        ("acdc", "ac/dc", 1, False),
        ("dc", "dc", 2, False),
        ("and", "&", 3, False),
        ("beyonce", "beyoncé", 4, False),
    ]


def test_analyze_returns_a_fresh_list() -> None:
    first = analyze("Daft Punk")
    first.clear()
    assert len(analyze("Daft Punk")) == 2
