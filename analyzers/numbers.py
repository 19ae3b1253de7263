"""Number words read as digits: "Maroon Five" is "Maroon 5", "two pac" meets "2Pac".

Names write numbers both ways (Maroon 5, Twenty One Pilots, The 1975, blink-182,
Cinco de Mayo, 99 Luftballons), and users type them both ways. So a number word is also its digits,
at the same position, on both sides: "five" is indexed and queried as "five" and
"5"; a run of number words read together ("nineteen seventy five", "twenty one",
"mil novecientos setenta y cinco") also gives the whole number ("1975", "21") at the
run's first position. English, Spanish and German; digits said one by one ("one
eight two") or in groups ("one eighty two") read as the number they spell.

Hand-written: num2words (on PyPI) only goes from numbers to words and is not
installed here; word2number is English only. Parsing the few shapes a name uses
(units, teens, tens, hundreds, thousands, and the English year reading "nineteen
seventy five") is a few dozen lines.
"""

from __future__ import annotations

from collections.abc import Sequence
from itertools import pairwise

_EN_UNITS = ["zero", "one", "two", "three", "four", "five", "six", "seven", "eight", "nine"]
_EN_TEENS = ["ten", "eleven", "twelve", "thirteen", "fourteen", "fifteen", "sixteen",
             "seventeen", "eighteen", "nineteen"]
_EN_TENS = ["twenty", "thirty", "forty", "fifty", "sixty", "seventy", "eighty", "ninety"]
_ES_UNITS = ["cero", "uno", "dos", "tres", "cuatro", "cinco", "seis", "siete", "ocho",
             "nueve"]
# "once" (11) is left out: in English titles it is the adverb ("Once in a Lifetime").
_ES_TEENS = ["diez", "", "doce", "trece", "catorce", "quince", "dieciseis", "diecisiete",
             "dieciocho", "diecinueve"]
_ES_TWENTIES = ["veinte", "veintiuno", "veintidos", "veintitres", "veinticuatro",
                "veinticinco", "veintiseis", "veintisiete", "veintiocho", "veintinueve"]
_ES_TENS = ["treinta", "cuarenta", "cincuenta", "sesenta", "setenta", "ochenta", "noventa"]
# German, folded ("fünf" -> "funf", "dreißig" -> "dreissig"): "ein" is left out (the
# article); a unit and its tens are one word, "neunundneunzig" (99 Luftballons).
_DE_UNITS = ["null", "eins", "zwei", "drei", "vier", "funf", "sechs", "sieben", "acht",
             "neun"]
_DE_TEENS = ["zehn", "elf", "zwolf", "dreizehn", "vierzehn", "funfzehn", "sechzehn",
             "siebzehn", "achtzehn", "neunzehn"]
_DE_TENS = ["zwanzig", "dreissig", "vierzig", "funfzig", "sechzig", "siebzig", "achtzig",
            "neunzig"]
_DE_UNIT_STEMS = ["ein", "zwei", "drei", "vier", "funf", "sechs", "sieben", "acht", "neun"]
_ES_HUNDREDS = ["ciento", "doscientos", "trescientos", "cuatrocientos", "quinientos",
                "seiscientos", "setecientos", "ochocientos", "novecientos"]

# Folded word -> value, for the words that are a number on their own.
UNITS: dict[str, int] = {w: i for i, w in enumerate(_EN_UNITS)} | {
    w: i for i, w in enumerate(_ES_UNITS)} | {
    w: i for i, w in enumerate(_DE_UNITS) if i}
# Numbers below 100 written as one word: teens, Spanish twenties, German compounds.
TEENS: dict[str, int] = {w: 10 + i for i, w in enumerate(_EN_TEENS)} | {
    w: 10 + i for i, w in enumerate(_ES_TEENS) if w} | {
    w: 20 + i for i, w in enumerate(_ES_TWENTIES)} | {
    w: 10 + i for i, w in enumerate(_DE_TEENS)} | {
    f"{unit}und{tens}": 20 + 10 * t + u + 1
    for u, unit in enumerate(_DE_UNIT_STEMS) for t, tens in enumerate(_DE_TENS)}
TENS: dict[str, int] = {w: 20 + 10 * i for i, w in enumerate(_EN_TENS)} | {
    w: 30 + 10 * i for i, w in enumerate(_ES_TENS)} | {
    w: 20 + 10 * i for i, w in enumerate(_DE_TENS)}
HUNDREDS: dict[str, int] = {"cien": 100} | {
    w: 100 * (i + 1) for i, w in enumerate(_ES_HUNDREDS)}
NUMBER_WORDS: dict[str, int] = {**UNITS, **TEENS, **TENS, **HUNDREDS}
_SCALES = {"hundred": 100, "thousand": 1000, "mil": 1000, "hundert": 100, "tausend": 1000}
_CONNECTORS = {"and", "y"}
RUN_WORDS = frozenset({*NUMBER_WORDS, *_SCALES, *_CONNECTORS})
MAX_RUN = 6


def digits_of(word: str) -> str | None:
    """The digits of one folded number word ("five" -> "5", "veinte" -> "20"), or None."""
    value = NUMBER_WORDS.get(word)
    return None if value is None else str(value)


def read_number(words: Sequence[str]) -> int | None:
    """The number a run of folded words spells, or None if it spells none.

    >>> read_number(["nineteen", "seventy", "five"]), read_number(["twenty", "one"])
    (1975, 21)
    >>> read_number(["mil", "novecientos", "setenta", "y", "cinco"])
    1975
    """
    if not words or words[0] not in RUN_WORDS or words[-1] not in RUN_WORDS \
            or words[0] in _CONNECTORS or words[-1] in _CONNECTORS:
        return None
    for reading in (_cardinal, _year, _groups):
        value = reading(list(words))
        if value is not None:
            return value
    return None


def _below_100(words: list[str], i: int) -> tuple[int, int] | None:
    """(value, next index) of a number below 100 starting at `i`."""
    if i >= len(words):
        return None
    w = words[i]
    if w in TENS:
        value, i = TENS[w], i + 1
        if i < len(words) and words[i] == "y":  # "setenta y cinco"
            if i + 1 < len(words) and UNITS.get(words[i + 1], 0) > 0:
                return value + UNITS[words[i + 1]], i + 2
            return None
        if i < len(words) and UNITS.get(words[i], 0) > 0:  # "seventy five"
            return value + UNITS[words[i]], i + 1
        return value, i
    if w in TEENS:
        return TEENS[w], i + 1
    if w in UNITS:
        return UNITS[w], i + 1
    return None


def _below_1000(words: list[str], i: int) -> tuple[int, int] | None:
    if i >= len(words):
        return None
    if words[i] in HUNDREDS:  # "novecientos setenta y cinco"
        value, i = HUNDREDS[words[i]], i + 1
        rest = _below_100(words, i)
        return (value + rest[0], rest[1]) if rest else (value, i)
    head = _below_100(words, i)
    if head is None:
        return None
    value, i = head
    if i < len(words) and words[i] in ("hundred", "hundert") and 0 < value < 10:
        value, i = value * 100, i + 1
        if i < len(words) and words[i] == "and":
            i += 1
        rest = _below_100(words, i)
        if rest:
            value, i = value + rest[0], rest[1]
    return value, i


def _cardinal(words: list[str]) -> int | None:
    """"two thousand one", "one hundred and one", "mil novecientos", "twenty one"."""
    total, i = 0, 0
    if words[0] == "mil":  # Spanish says "mil" for one thousand
        total, i = 1000, 1
    else:
        head = _below_1000(words, 0)
        if head is None:
            return None
        value, i = head
        if i < len(words) and words[i] in ("thousand", "mil", "tausend"):
            total, i = value * 1000, i + 1
        else:
            total = value
            return total if i == len(words) else None
    if i < len(words) and words[i] == "and":
        i += 1
    if i < len(words):
        rest = _below_1000(words, i)
        if rest is None:
            return None
        total, i = total + rest[0], rest[1]
    return total if i == len(words) else None


def _year(words: list[str]) -> int | None:
    """The English year reading: "nineteen seventy five", "twenty twenty", "nineteen
    hundred"."""
    head = _below_100(words, 0)
    if head is None or not 10 <= head[0] <= 99:
        return None
    century, i = head
    if words[i:] == ["hundred"]:
        return century * 100
    rest = _below_100(words, i)
    if rest is None or rest[1] != len(words) or not 10 <= rest[0] <= 99:
        return None
    return century * 100 + rest[0]


def number_readings(words: Sequence[str]) -> dict[int, list[str]]:
    """Position -> the digits its word also reads as: each number word's own value, and
    at the start of a run of number words that spells one number, the whole number.

    >>> number_readings(["the", "nineteen", "seventy", "five"])
    {1: ['19', '1975'], 2: ['70'], 3: ['5']}
    """
    out: dict[int, list[str]] = {}
    n = len(words)
    i = 0
    while i < n:
        if words[i] not in RUN_WORDS:
            i += 1
            continue
        j = i
        while j < n and j - i < MAX_RUN and words[j] in RUN_WORDS:
            j += 1
        for k in range(i, j):
            single = digits_of(words[k])
            if single is not None:
                out.setdefault(k, []).append(single)
        if j - i >= 2:
            value = read_number(words[i:j])
            if value is not None and str(value) not in out.get(i, ()):
                out.setdefault(i, []).append(str(value))
        i = j
    return out


def _groups(words: list[str]) -> int | None:
    """Digits said in groups, as in names: "one eighty two" (blink-182), "four twenty";
    or one by one: "one eight two", "two zero zero one" (but counting, "one two three
    four", is a count, not a number)."""
    if len(words) > 1 and all(w in UNITS for w in words):
        values = [UNITS[w] for w in words]
        counting = all(b == a + 1 for a, b in pairwise(values))
        return None if counting else int("".join(map(str, values)))
    digits, i = "", 0
    while i < len(words):
        group = _below_100(words, i)
        if group is None or (digits and not 10 <= group[0] <= 99):
            return None
        digits, i = digits + str(group[0]), group[1]
    return int(digits) if i > 1 and len(digits) > 2 else None
