"""Which strings of a document feed which searchable field.

The rule is the schema's; cutting a credit line into names is analysis, so the
caller passes the two splitters (the indexer gives `segue.analyzers`' functions
behind its caches) and this module stays free of analysis code.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping, Sequence
from typing import Any

from .fields import SEARCHED_KEYS, Field

# "Stay (with Justin Bieber)" -> ("Stay", ("Justin Bieber",)); main may be empty.
SplitCredits = Callable[[str], tuple[str, Sequence[str]]]
# "Drake feat. Rihanna" -> ("Drake", "Rihanna"): the artists of one `artists` line.
SplitArtists = Callable[[str], Sequence[str]]

# The searched keys after name and artists, in field order.
_OTHER_KEYS = tuple(sorted((f, k) for f, k in SEARCHED_KEYS.items() if f > Field.ARTISTS))


def field_texts(doc: Mapping[str, Any], split_credits: SplitCredits,
                split_artists: SplitArtists) -> list[tuple[Field, list[str]]]:
    """The searched strings of each field, in field order; credits in a track or album
    name ("Stay (with Justin Bieber)") move to the artists.

    Spelt out for the known keys (`SEARCHED_KEYS`): this runs for every document
    ingested, and building then re-sorting a dict per document was a tenth of ingest.
    """
    get = doc.get
    names = _strings(get("name"))
    credited: Sequence[str] = ()
    if names and get("type") in ("track", "album"):
        main, credited = split_credits(names[0])
        names = [main or names[0]]
    lines = _strings(get("artists"))
    artists = [a for line in lines for a in split_artists(line)] if lines else []
    if credited:
        artists += [c for c in credited if c not in artists]
    out = [(Field.NAME, names), (Field.ARTISTS, artists)]
    for field, key in _OTHER_KEYS:
        value = get(key)
        if value:
            if isinstance(value, str):
                out.append((field, [value]))
            elif isinstance(value, list):
                out.append((field, [v for v in value if v]))
    return out


def _strings(value: Any) -> list[str]:
    """A field's non-empty strings."""
    if isinstance(value, str):
        return [value] if value else []
    if isinstance(value, list):
        return [v for v in value if v]
    return []
