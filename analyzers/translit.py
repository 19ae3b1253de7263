"""Step 3: fold one word to its index key — accents off, other alphabets in Latin.

unidecode does the transliteration (Кино -> kino, Ελλάδα -> ellada, ß -> ss,
Işık -> isik, æ -> ae); this module only adds the fast path and the cache.
"""

from __future__ import annotations

import re
from functools import lru_cache

from unidecode import unidecode

_NON_ALNUM = re.compile(r"[^a-z0-9]+")


@lru_cache(maxsize=262144)
def fold_word(word: str) -> str:
    """Lowercase ASCII letters and digits only; "" when nothing is left ("ʻ", emoji)."""
    if word.isascii():
        # Fast path: plain ASCII needs no transliteration table.
        word = word.lower()
        return word if word.isalnum() else _NON_ALNUM.sub("", word)
    return _NON_ALNUM.sub("", unidecode(word).lower())
