"""Step 5: cut one whitespace-free chunk of normalized text into words.

A chunk such as ``"(feat."``, ``"ac/dc"``, ``"p!nk"`` or ``"bts(방탄소년단)"``
becomes units, one per word position, each with its alternatives:

- runs of letters, digits and in-word symbols are words (symbols mapped by
  `symbols`, folded by `translit`);
- a hyphen, slash or dot between two words splits them and adds the joined
  word as an alternative at the first position: "anne-marie" -> anne (+annemarie),
  marie; "ac/dc" -> ac (+acdc), dc; "r.e.m." -> r (+rem), e, m;
- runs of Han/kana and of Hangul go to `cjk`;
- `&`, `+`, `×` are words of their own; everything else separates.

Hand-written because the rules are the music ones above; Python's `re` has no
Unicode script classes, and a general word breaker (ICU) splits "p!nk" and
"ke$ha". The result is cached per chunk, so a repeated word costs one lookup.
"""

from __future__ import annotations

import unicodedata
from functools import lru_cache
from typing import NamedTuple

from . import cjk
from .symbols import BANG, DOLLAR, JOINERS, SYMBOL_WORDS, clean_atom
from .translit import fold_word

# Unit kinds.
WORD = 0
CJK = 1
PLUS = 2  # "+": "and" only between two words, decided once the whole text is seen

# Character classes.
_SEP, _W, _HAN_KANA, _HANGUL, _SYMBOL, _CONNECTOR, _IN_WORD = range(7)
_CONNECTORS = "-/."


class Unit(NamedTuple):
    """The alternatives ((text, surface), primary first) at one word position."""

    alternatives: tuple[tuple[str, str], ...]
    kind: int


class Segments(NamedTuple):
    units: tuple[Unit, ...]
    words: tuple[str, ...]  # the folded words for fold(): CJK runs whole, "+" as is
    has_plus: bool


def _classify(ch: str) -> int:
    if ch in JOINERS or ch in (DOLLAR, BANG):
        return _IN_WORD
    if ch in _CONNECTORS:
        return _CONNECTOR
    if ch in SYMBOL_WORDS:
        return _SYMBOL
    script = cjk.script(ch)
    if script == cjk.HAN_KANA:
        return _HAN_KANA
    if script == cjk.HANGUL:
        return _HANGUL
    if ch.isalnum() or unicodedata.category(ch)[0] == "M":
        return _W
    return _SEP


_CLASSES: dict[str, int] = {}  # filled as characters are first seen
_ATOM = (_W, _IN_WORD)


def _class(ch: str) -> int:
    cls = _CLASSES.get(ch)
    if cls is None:
        cls = _classify(ch)
        if len(_CLASSES) < 1_000_000:
            _CLASSES[ch] = cls
    return cls


@lru_cache(maxsize=262144)
def segment(chunk: str, ja: bool) -> Segments:
    """The units and folded words of one normalized, whitespace-free chunk."""
    if chunk.isalnum():
        if chunk.isascii():
            # Fast path: a plain ASCII word is its own key and surface.
            return Segments((Unit(((chunk, chunk),), WORD),), (chunk,), False)
        if not cjk.ANY_CJK.search(chunk):
            # Fast path: one word of letters and digits ("beyoncé", "кино").
            text = fold_word(chunk)
            units = (Unit(((text, chunk),), WORD),) if text else ()
            return Segments(units, (text,) if text else (), False)
    classes = [_class(ch) for ch in chunk]
    units: list[Unit] = []
    words: list[str] = []
    has_plus = False
    i, n = 0, len(chunk)
    while i < n:
        cls = classes[i]
        if cls in _ATOM:
            i = _compound(chunk, classes, i, units, words)
        elif cls in (_HAN_KANA, _HANGUL):
            j = i + 1
            while j < n and classes[j] == cls:
                j += 1
            run = chunk[i:j]
            kind = cjk.HANGUL if cls == _HANGUL else cjk.HAN_KANA
            units.extend(Unit(alts, CJK) for alts in cjk.run_alternatives(run, kind, ja))
            words.append(run)
            i = j
        elif cls == _SYMBOL:
            ch = chunk[i]
            word = SYMBOL_WORDS[ch]
            plus = ch == "+"
            has_plus = has_plus or plus
            units.append(Unit(((word, ch),), PLUS if plus else WORD))
            words.append(ch if plus else word)
            i += 1
        else:
            i += 1
    return Segments(tuple(units), tuple(words), has_plus)


def _compound(chunk: str, classes: list[int], i: int, units: list[Unit], words: list[str]) -> int:
    """Read words joined by single connectors from `i`; append their units; return the end."""
    n = len(chunk)
    parts: list[tuple[str, str, str]] = []  # (text, surface, connector before)
    connector = ""
    while True:
        j = i
        while j < n and classes[j] in _ATOM:
            j += 1
        cleaned = clean_atom(chunk[i:j])
        if cleaned is not None and (text := fold_word(cleaned[1])):
            parts.append((text, cleaned[0], connector if parts else ""))
        i = j
        if i + 1 < n and classes[i] == _CONNECTOR and classes[i + 1] in _ATOM:
            connector = chunk[i]
            i += 1
        else:
            break
    for k, (text, surface, _) in enumerate(parts):
        alternatives = ((text, surface),)
        if k == 0 and len(parts) > 1:
            joined = "".join(p[0] for p in parts)
            joined_surface = "".join(p[2] + p[1] for p in parts)
            alternatives += ((joined, joined_surface),)
        units.append(Unit(alternatives, WORD))
        words.append(text)
    return i
