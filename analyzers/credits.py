"""Credits: the featured artists hidden in titles and artist lines.

"Flowers (feat. Jane Doe)" is the song "Flowers" by Jane Doe too, and
"Calvin Harris feat. Dua Lipa" is two artists. Hand-written because this is a
music-catalog convention, not a linguistic one; no tokenizer library knows that
"x" in "Marshmello x Anne-Marie" is a credit but the "X" in "Lil Nas X" is a name,
or that "&" in "Simon & Garfunkel" is part of the name.
"""

from __future__ import annotations

import re

# Folded credit markers; `analyze` marks them optional between two words.
CREDIT_MARKERS: frozenset[str] = frozenset({"feat", "ft", "featuring", "with", "x", "vs"})

_FEAT = r"(?:feat\.?|ft\.?|featuring)"
# "(feat. A)", "[with B]" anywhere in a title.
_BRACKETED = re.compile(rf"\s*[(\[]\s*(?:{_FEAT}|with)\s+([^()\[\]]+?)\s*[)\]]", re.IGNORECASE)
# "Title - ft. A" and "Title feat. A", up to a bracket or a " - " ("- Radio Edit").
# Not "with" outside brackets: it is a title word ("Stay With Me", "Yours - With Love").
_TRAILING = re.compile(
    rf"(?:\s+[-–—])?\s+{_FEAT}\s+([^()\[\]]+?)(?=\s+[-–—]\s|\s*[(\[]|\s*$)", re.IGNORECASE
)
# Between two artists: a marker word after a space or an opening bracket, or a lone x.
_ARTIST_SEPARATOR = re.compile(
    rf"(?:\s+|\s*[(\[]\s*)(?:{_FEAT}|with|vs\.?)(?=\s)|\s+[xX×](?=\s)", re.IGNORECASE
)
_SPACES = re.compile(r"\s+")
_EDGES = re.compile(r"^[\s\-–—]+|[\s\-–—]+$")


def split_credits(text: str) -> tuple[str, list[str]]:
    """(main title, credited artists); a title without credits comes back unchanged.

    >>> split_credits("Señorita - ft. Camila Cabello")
    ('Señorita', ['Camila Cabello'])
    """
    credited: list[str] = []

    def take(match: re.Match[str]) -> str:
        credited.extend(_split_list(match.group(1)))
        return ""

    title = _BRACKETED.sub(take, text)
    title = _TRAILING.sub(take, title)
    if not credited:
        return text, []
    return _SPACES.sub(" ", title).strip(" -–—"), _unique(credited)


def split_artists(text: str) -> list[str]:
    """The artists of a credit line: split at feat./ft./featuring/with/vs. and a lone x.

    Commas separate artists only after a credit marker ("A feat. B, C"), since
    names contain them ("Tyler, The Creator"); "&" never separates ("Simon & Garfunkel").
    """
    first, *rest = _ARTIST_SEPARATOR.split(text)
    artists = [_tidy(first)]
    for part in rest:
        artists.extend(_split_list(part))
    return _unique([a for a in artists if a])


def _split_list(text: str) -> list[str]:
    """Artists of a featured list: markers and commas both separate."""
    parts = [p for chunk in _ARTIST_SEPARATOR.split(text) for p in chunk.split(",")]
    return [a for p in parts if (a := _tidy(p))]


def _tidy(name: str) -> str:
    """Strip spaces, dashes and brackets that the split left unbalanced at the edges."""
    name = _EDGES.sub("", name)
    while name and name[-1] in ")]" and _depth(name) < 0:
        name = _EDGES.sub("", name[:-1])
    while name and name[0] in "([" and _depth(name) > 0:
        name = _EDGES.sub("", name[1:])
    return _SPACES.sub(" ", name)


def _depth(name: str) -> int:
    """Opening minus closing brackets."""
    return name.count("(") + name.count("[") - name.count(")") - name.count("]")


def _unique(names: list[str]) -> list[str]:
    return list(dict.fromkeys(names))
