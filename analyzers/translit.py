"""Step 3: fold one word to its index key — accents off, other alphabets in Latin.

unidecode does the transliteration (Кино -> kino, Ελλάδα -> ellada, ß -> ss,
Işık -> isik, æ -> ae); this module only adds speed: an ASCII fast path, and a
per-character table in front of unidecode so that `str.translate` (in C) does the
work. unidecode replaces each character independently of its neighbours, so the
table gives exactly unidecode's result, but for the few letters in `SPELLED_AS`.
"""

from __future__ import annotations

import re
from functools import lru_cache

from unidecode import unidecode

_NON_ALNUM = re.compile(r"[^a-z0-9]+")


class _UnidecodeTable(dict[int, str]):
    """code point -> unidecode's lowercase replacement, filled on first sight."""

    def __missing__(self, cp: int) -> str:
        replacement = unidecode(chr(cp)).lower()
        if len(self) < 200_000:
            self[cp] = replacement
        return replacement


# Where a letter is written as another by its own readers, the index key follows them,
# not unidecode: Russian writes ё as е almost always ("все" for всё, "Пугачева"), so
# ё folds to "e" (unidecode: "io"), and a query typed without it still matches.
SPELLED_AS: dict[str, str] = {"ё": "e", "Ё": "e"}

_TABLE = _UnidecodeTable({ord(k): v for k, v in SPELLED_AS.items()})


@lru_cache(maxsize=262144)
def fold_word(word: str) -> str:
    """Lowercase ASCII letters and digits only; "" when nothing is left ("ʻ", emoji)."""
    if word.isascii():
        # Fast path: plain ASCII needs no transliteration table.
        word = word.lower()
        return word if word.isalnum() else _NON_ALNUM.sub("", word)
    return _NON_ALNUM.sub("", word.translate(_TABLE).lower())
