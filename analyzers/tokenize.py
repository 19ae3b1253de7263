"""The composed analyzer: normalize -> segment (symbols, fold, CJK) -> numbers -> positions
and flags.

Every searchable field and every query goes through `analyze`, so both sides
see the same tokens. The only rules that need the whole text, not one chunk,
live here: a "+" reads "and" only between two words; a leading article is
optional only when more words follow; a credit marker is optional only between
two words; a run of number words reads as one number ("nineteen seventy five").
"""

from __future__ import annotations

from .articles import ARTICLES
from .credits import CREDIT_MARKERS
from .normalize import normalize
from .numbers import RUN_WORDS, number_readings
from .segment import CJK, PLUS, Unit, segment
from .token import Token


def analyze(text: str, *, language: str | None = None) -> list[Token]:
    """The tokens of `text`, ordered by position; alternatives share a position.

    `language` only matters for Japanese ("ja", "ja-JP"): kanji without kana are
    then read as romaji rather than pinyin.
    """
    ja = language is not None and language[:2].lower() == "ja"
    units: list[Unit] = []
    has_plus = False
    for chunk in normalize(text).split():
        seg = segment(chunk, ja)
        units.extend(seg.units)
        has_plus = has_plus or seg.has_plus
    if has_plus:
        units = _resolve_plus(units)
    if any(u.alternatives[0][0] in RUN_WORDS for u in units):
        units = _add_numbers(units)
    last = len(units) - 1
    tokens: list[Token] = []
    for position, unit in enumerate(units):
        latin = unit.kind != CJK
        for word, surface in unit.alternatives:
            optional = latin and (
                (position == 0 and last > 0 and word in ARTICLES)
                or (0 < position < last and word in CREDIT_MARKERS)
            )
            tokens.append(Token(word, surface, position, optional))
    return tokens


def _resolve_plus(units: list[Unit]) -> list[Unit]:
    """Keep a "+" (as "and") only between two words: "Florence + The Machine"."""
    real = [i for i, unit in enumerate(units) if unit.kind != PLUS]
    if not real:
        return []
    first, last = real[0], real[-1]
    return [u for i, u in enumerate(units) if u.kind != PLUS or first < i < last]


def _add_numbers(units: list[Unit]) -> list[Unit]:
    """Number words also as digits, at their own position: "five" -> "5"."""
    words = [u.alternatives[0][0] if u.kind != CJK else "" for u in units]
    readings = number_readings(words)
    out = list(units)
    for position, digits in readings.items():
        unit = units[position]
        surface = unit.alternatives[0][1]
        known = {text for text, _ in unit.alternatives}
        extra = tuple((d, surface) for d in digits if d not in known)
        out[position] = Unit(unit.alternatives + extra, unit.kind)
    return out
