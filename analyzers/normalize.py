"""Step 1: one canonical spelling of the raw text (NFKC, case folding, no controls).

Users paste text from anywhere: full-width letters from Japanese keyboards
(``"ＡＢＣ"``), curly apostrophes from word processors, soft hyphens and
zero-width characters from web pages, stray control bytes from old tag editors.
All of them must meet the index in one form, before any word is cut.
"""

from __future__ import annotations

import re
import unicodedata

# Typographic variants that people type interchangeably with the ASCII ones; the
# later steps only have to know "'" (joins a word) and "-" (splits a compound).
# U+00B4 must be mapped before NFKC, which would turn it into a space + accent.
_VARIANTS = str.maketrans(
    {
        "\u2019": "'",  # right single quotation mark: don’t
        "\u2018": "'",
        "\u02bc": "'",  # modifier letter apostrophe (a letter for isalpha)
        "\u0060": "'",  # grave accent used as an apostrophe: Don`t
        "\u00b4": "'",
        "\u2032": "'",  # prime
        "\u2010": "-",
        "\u2011": "-",
        "\u2012": "-",
        "\u2013": "-",
        "\u2014": "-",
        "\u2212": "-",
        "\u200b": " ",  # zero-width space separates words; it is not whitespace to str.split
    }
)


def _bmp_classes() -> tuple[re.Pattern[str], re.Pattern[str]]:
    """Regex classes of control-or-surrogate and of format code points.

    `re` has no Unicode category classes; one scan of the BMP at import takes a
    few milliseconds. The few format characters beyond the BMP are listed by hand.
    """
    control: list[tuple[int, int]] = []
    fmt: list[tuple[int, int]] = []
    for cp in range(0x10000):
        ch = chr(cp)
        cat = unicodedata.category(ch)
        if cat == "Cs" or (cat == "Cc" and not ch.isspace()):
            _extend(control, cp)
        elif cat == "Cf" and cp != 0x200B:
            _extend(fmt, cp)
    beyond = (
        "\U000110bd\U000110cd\U00013430-\U0001343f\U0001bca0-\U0001bca3"
        "\U0001d173-\U0001d17a\U000e0001\U000e0020-\U000e007f"
    )
    return re.compile(f"[{_ranges(control)}]+"), re.compile(f"[{_ranges(fmt)}{beyond}]+")


def _extend(ranges: list[tuple[int, int]], cp: int) -> None:
    if ranges and ranges[-1][1] == cp - 1:
        ranges[-1] = (ranges[-1][0], cp)
    else:
        ranges.append((cp, cp))


def _ranges(ranges: list[tuple[int, int]]) -> str:
    return "".join(
        re.escape(chr(a)) if a == b else f"{re.escape(chr(a))}-{re.escape(chr(b))}"
        for a, b in ranges
    )


# Control characters and stray surrogates separate words: ID3 tags put NUL between
# the values of a multi-artist frame. Format characters (soft hyphen, zero-width
# joiner, BOM, bidi marks) vanish: "Mö\xadtley" is "mötley".
_CONTROL, _FORMAT = _bmp_classes()
_HAS_VARIANT = re.compile("[" + "".join(chr(cp) for cp in _VARIANTS) + "]")
_ASCII_CONTROL = re.compile(r"[\x00-\x08\x0e-\x1b\x7f]+")
_ASCII_VARIANTS = str.maketrans({"`": "'"})


def normalize(text: str) -> str:
    """NFKC, casefolded, controls and format characters dropped, variants unified.

    >>> normalize("ＡＢＣ Don’t")
    "abc don't"
    """
    if text.isascii():
        # Fast path: ASCII is already NFKC, and casefold() equals lower() there.
        if _ASCII_CONTROL.search(text):
            text = _ASCII_CONTROL.sub(" ", text)
        return text.lower().translate(_ASCII_VARIANTS)
    if _CONTROL.search(text):
        text = _CONTROL.sub(" ", text)
    if _FORMAT.search(text):
        text = _FORMAT.sub("", text)
    if "\u00b4" in text:
        text = text.replace("\u00b4", "'")
    # casefold() can leave text outside NFC ("İ" -> "i" + combining dot), hence NFKC twice.
    text = unicodedata.normalize("NFKC", unicodedata.normalize("NFKC", text).casefold())
    # str.translate with a dict is slow; most text has no variant to replace.
    return text.translate(_VARIANTS) if _HAS_VARIANT.search(text) else text

