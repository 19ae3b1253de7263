"""Leading articles: "The Beatles" is found by "beatles".

Hand-written because stop-word lists (NLTK, spaCy) drop articles everywhere and
per language; a catalog needs them kept (so "the the" still finds The The) and
only made optional when one starts a name that has more words after it.
"""

from __future__ import annotations

ARTICLES: frozenset[str] = frozenset(
    {
        "the", "a", "an",  # English
        "el", "la", "lo", "los", "las", "un", "una",  # Spanish
        "le", "les", "une",  # French (la, un shared)
        "il", "i", "gli", "uno",  # Italian (lo, la, le, un, una shared)
        "die", "der", "das", "ein", "eine",  # German
        "de", "het", "een",  # Dutch
        "o", "os", "as",  # Portuguese (a shared)
    }
)
