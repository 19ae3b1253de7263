"""Small helpers shared by the catalog modules: slugs, folding, stable seeds.

They live here so that ids, romanizations and random seeds are computed one way
everywhere: a test that names "tr-beyonce-halo" must get the id the demo file has.
"""

from __future__ import annotations

import hashlib
import re
import unicodedata

from unidecode import unidecode

_SYMBOLS = {"&": " and ", "+": " and ", "$": "s", "@": "a"}
_APOSTROPHES = "'’‘`´"
_NON_ALNUM = re.compile(r"[^a-z0-9]+")


def fold(text: str) -> str:
    """Lowercase ASCII form of text (accents and scripts transliterated).

    Used for slugs and for deciding when two spellings are "the same"; it is not the
    search analyzer, which lives elsewhere and may fold differently.
    """
    return unidecode(unicodedata.normalize("NFKC", text)).lower()


def slugify(text: str) -> str:
    """Stable id fragment: "Beyoncé" -> "beyonce", "Don't Stop Me Now" -> "dont-stop-me-now"."""
    s = unicodedata.normalize("NFKC", text)
    for ch in _APOSTROPHES:
        s = s.replace(ch, "")
    for sym, rep in _SYMBOLS.items():
        s = s.replace(sym, rep)
    s = _NON_ALNUM.sub("-", fold(s)).strip("-")
    return s or "x"


def stable_seed(*parts: object) -> int:
    """A 32-bit seed from content, identical across processes and Python versions.

    Python's hash() is salted per process, so it cannot seed anything reproducible.
    """
    h = hashlib.sha256("\x1f".join(str(p) for p in parts).encode("utf-8")).digest()
    return int.from_bytes(h[:4], "little")
