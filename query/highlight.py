"""Highlighting: the stored text with the matched parts wrapped in <mark>.

Matching happened on folded words, so each word of the original text is folded the
same way and compared; a prefix match marks only as many original characters as
the user typed. Everything is HTML-escaped; only our <mark> tags are markup.
"""

from __future__ import annotations

import html
import re
from functools import lru_cache

from segue.analyzers import fold

from .understanding import CJK_CHAR

_WORD = re.compile(r"[^\s()\[\]{},.;:\"/|–—-]+")


@lru_cache(maxsize=65_536)
def _folded(word: str) -> str:
    """A stored word folded as matching saw it; memoized, since the same names come
    back hit after hit and query after query, and `fold` is a pure function."""
    return fold(word).replace(" ", "")


def _prefix_length(word: str, folded_chars: int) -> int:
    """How many characters of `word` fold to at least `folded_chars` characters."""
    for i in range(1, len(word) + 1):
        if len(fold(word[:i])) >= folded_chars:
            return i
    return len(word)


@lru_cache(maxsize=8192)
def highlight(text: str, whole: frozenset[str], starts: frozenset[str]) -> str | None:
    """`text` with marks, or None when nothing in it matched: its words folded to one
    of `whole`, and the beginnings of those folded to begin with one of `starts`.
    Memoized (a pure function of its arguments): the page's first hit is also the top
    result, and the same names come back keystroke after keystroke."""
    prefixes = tuple(p for p in starts if p)
    # Most text has no CJK at all: then no word of it needs the check.
    cjk = CJK_CHAR.search(text) is not None
    cjk_terms = [t for t in whole if CJK_CHAR.search(t)] if cjk else []
    spans: list[tuple[int, int]] = []
    for m in _WORD.finditer(text):
        word = m.group()
        if cjk and CJK_CHAR.search(word):
            for term in cjk_terms:
                start = word.find(term)
                while start >= 0:
                    spans.append((m.start() + start, m.start() + start + len(term)))
                    start = word.find(term, start + 1)
            continue
        folded = _folded(word)
        if folded in whole:
            spans.append((m.start(), m.end()))
            continue
        best = max((len(p) for p in prefixes if folded.startswith(p)), default=0) \
            if prefixes and folded.startswith(prefixes) else 0
        if best:
            spans.append((m.start(), m.start() + _prefix_length(word, best)))
    if not spans:
        return None
    out, last = [], 0
    for start, end in _merge(spans):
        out.append(html.escape(text[last:start]))
        out.append(f"<mark>{html.escape(text[start:end])}</mark>")
        last = end
    out.append(html.escape(text[last:]))
    return "".join(out)


def _merge(spans: list[tuple[int, int]]) -> list[tuple[int, int]]:
    merged: list[tuple[int, int]] = []
    for start, end in sorted(spans):
        if merged and start <= merged[-1][1]:
            merged[-1] = (merged[-1][0], max(end, merged[-1][1]))
        else:
            merged.append((start, end))
    return merged
