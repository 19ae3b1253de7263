"""The folded form of a whole string: the index keys of its words, space-separated.

``fold("Beyoncé Knowles") == "beyonce knowles"``; ``fold("P!nk") == "pink"``;
CJK runs stay whole and native (``fold("周杰伦") == "周杰伦"``). Useful for exact
comparisons (aliases, "is the query the whole name?") with the same rules as
`analyze`; idempotent.
"""

from __future__ import annotations

from .normalize import normalize
from .segment import segment


def fold(text: str) -> str:
    """Lowercase, accent-free, transliterated words of `text`, joined by single spaces."""
    words: list[str] = []
    has_plus = False
    for chunk in normalize(text).split():
        seg = segment(chunk, False)
        words.extend(seg.words)
        has_plus = has_plus or seg.has_plus
    if has_plus:
        words = _resolve_plus(words)
    return " ".join(words)


def _resolve_plus(words: list[str]) -> list[str]:
    """A "+" between two words reads "and"; elsewhere it is dropped."""
    real = [i for i, w in enumerate(words) if w != "+"]
    if not real:
        return []
    first, last = real[0], real[-1]
    return [
        "and" if w == "+" else w for i, w in enumerate(words) if w != "+" or first < i < last
    ]
