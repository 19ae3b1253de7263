"""Phonetic codes: "shakeera" finds Shakira, "nirvanna" finds Nirvana.

jellyfish computes Metaphone and NYSIIS; this module only decides which tokens
get codes and namespaces them ("M:XKR", "N:SACAR") so that a code can live in the
same term dictionary as words without ever equalling one (codes are uppercase
with a colon; folded words are lowercase letters and digits).
"""

from __future__ import annotations

from functools import lru_cache

import jellyfish

from .fold import fold

MIN_LENGTH = 4  # shorter words sound alike too easily: "abba" is the shortest useful


def phonetic_codes(term: str) -> tuple[str, ...]:
    """Metaphone and NYSIIS of a folded term; () if it is short, has digits or is not Latin."""
    return _codes(term)


@lru_cache(maxsize=262144)
def _codes(term: str) -> tuple[str, ...]:
    if not (term.isascii() and term.isalpha() and term.islower()):
        term = fold(term)
    if len(term) < MIN_LENGTH or not (term.isascii() and term.isalpha()):
        return ()
    codes = (f"M:{jellyfish.metaphone(term)}", f"N:{jellyfish.nysiis(term)}")
    return tuple(dict.fromkeys(c for c in codes if len(c) > 2))
