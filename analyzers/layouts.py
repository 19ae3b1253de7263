"""Text typed on the wrong keyboard layout, read on the right one: "ghbdtn" -> "привет".

A Russian speaker who forgot to switch layouts types "rbyj" for "кино"; one who
forgot to switch back types "ьуефддшсф" for "metallica". The keys are right, the
layout is wrong, so the meant text is one table lookup per character away. The
tables (`layouts.json`) give, for each layout, the character every US QWERTY key
types on it: Russian ЙЦУКЕН, Ukrainian, Greek and Hebrew.

`readings` converts a whole query both ways: Latin keys read on each other layout,
and text in one of those scripts read back on QWERTY. The query analyzer then folds
the result like any text, so "rbyj" meets the index key of Кино, "kino". Written by
hand: no maintained Python library carries keyboard layout tables (Manticore is the
only search engine with this built in).
"""

from __future__ import annotations

import json
from functools import lru_cache
from pathlib import Path

from .translit import fold_word

_TABLE_FILE = Path(__file__).with_name("layouts.json")


@lru_cache(maxsize=1)
def _tables() -> dict[str, tuple[dict[int, str], dict[int, str]]]:
    """Layout -> (QWERTY key -> layout character, layout character -> QWERTY key)."""
    data = json.loads(_TABLE_FILE.read_text(encoding="utf-8"))
    keys: str = data["qwerty"]
    out = {}
    for name, letters in data["layouts"].items():
        if len(letters) != len(keys):
            raise ValueError(f"layout {name}: {len(letters)} characters for {len(keys)} keys")
        forward = {ord(k): c for k, c in zip(keys, letters, strict=True) if k != c}
        back = {ord(c): k for k, c in zip(keys, letters, strict=True)
                if c.isalpha() and k != c}
        out[name] = (forward, back)
    return out


def layouts() -> tuple[str, ...]:
    """The layouts the tables know."""
    return tuple(_tables())


def convert(text: str, layout: str, *, to_layout: bool) -> str:
    """`text` typed on QWERTY read on `layout` (`to_layout`), or typed on `layout` read
    on QWERTY. Characters the table does not know are kept."""
    forward, back = _tables()[layout]
    return text.lower().translate(forward if to_layout else back)


@lru_cache(maxsize=4096)
def readings(text: str) -> tuple[tuple[str, str], ...]:
    """(layout, converted text) for every layout on which `text` reads differently.

    >>> dict(readings("rbyj"))["ru"], dict(readings("ьуефддшсф"))["ru"]
    ('кино', 'metallica')
    """
    lowered = text.lower()
    out: list[tuple[str, str]] = []
    seen = {lowered}
    latin = any("a" <= ch <= "z" for ch in lowered)
    for name, (forward, back) in _tables().items():
        if latin:
            converted = lowered.translate(forward)
        elif all(ord(ch) in back for ch in lowered if ch.isalpha()):
            converted = lowered.translate(back)
        else:
            continue
        if converted not in seen:
            seen.add(converted)
            out.append((name, converted))
    return tuple(out)


@lru_cache(maxsize=65536)
def word_readings(word: str) -> tuple[tuple[str, str], ...]:
    """(index key, converted word) of one typed word (letters and digits, no spaces) on
    each other layout; one key once: "rbyj" -> (("kino", "кино"), ...)."""
    out: dict[str, str] = {}
    for _, converted in readings(word):
        if converted.isalnum() and (key := fold_word(converted)):
            out.setdefault(key, converted)
    return tuple(out.items())
