"""Text typed on the wrong keyboard layout, read on the right one."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

import segue.analyzers
from segue.analyzers import fold, keyboard_readings


def reading(text: str, layout: str) -> str:
    return dict(keyboard_readings(text))[layout]


@pytest.mark.parametrize(("typed", "layout", "meant"), [
    ("ghbdtn", "ru", "привет"),
    ("rbyj", "ru", "кино"),
    ("Rbyj", "ru", "кино"),                 # case does not matter
    (",fhf,fy", "ru", "барабан"),           # "," and "." are letters on ЙЦУКЕН
    ("jrtfy tkmps", "uk", "океан ельзі"),  # Ukrainian і on the S key
    ("ueodvrakhw", "el", "θεοδωρακης"),     # Greek: the W key types the final sigma
    ("gunr", "he", "עומר"),
])
def test_latin_keys_read_on_another_layout(typed: str, layout: str, meant: str) -> None:
    assert reading(typed, layout) == meant


@pytest.mark.parametrize(("typed", "meant"), [
    ("ьуефддшсф", "metallica"),   # Russian keys for a Latin name
    ("ифтлын", "banksy"),
    ("μεταλλιψα", "metallica"),   # Greek keys
    ("עומר", "gunr"),             # Hebrew keys back to QWERTY
])
def test_other_scripts_read_back_on_qwerty(typed: str, meant: str) -> None:
    assert meant in dict(keyboard_readings(typed)).values()


def test_readings_fold_to_the_index_key_of_the_meant_name() -> None:
    assert fold(reading("rbyj", "ru")) == fold("Кино") == "kino"


def test_text_no_layout_changes_has_no_reading() -> None:
    assert keyboard_readings("2001") == ()
    assert keyboard_readings("周杰伦") == ()


def test_every_layout_covers_every_qwerty_key() -> None:
    data = json.loads((Path(segue.analyzers.__file__).parent / "layouts.json").read_text())
    assert set(data["layouts"]) == {"ru", "uk", "el", "he"}
    for letters in data["layouts"].values():
        assert len(letters) == len(data["qwerty"])
