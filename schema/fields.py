"""Field names: the searchable fields and the vector fields, spelt once.

`Field` is the vocabulary of retrieval and ranking (a match is in NAME or in ALBUM);
`SEARCHED_KEYS` says which document key feeds each. The vector fields are stored
with a document but never sent back with it: too large, and `text_embedding` is
Segue's own, never written by a client.
"""

from __future__ import annotations

from enum import IntEnum


class Field(IntEnum):
    """Searchable fields. The value is the field's bit in a posting's field mask."""

    NAME = 0
    ARTISTS = 1
    ALBUM = 2
    ALIASES = 3
    SHOW = 4
    OWNER = 5
    GENRES = 6
    DESCRIPTION = 7


# Which document key feeds which searchable field. `name` is special-cased (see
# `field_texts`): credits in a track title ("Stay (with Justin Bieber)") move to ARTISTS.
SEARCHED_KEYS: dict[Field, str] = {
    Field.NAME: "name",
    Field.ARTISTS: "artists",
    Field.ALBUM: "album",
    Field.ALIASES: "aliases",
    Field.SHOW: "show",
    Field.OWNER: "owner",
    Field.GENRES: "genres",
    Field.DESCRIPTION: "description",
}

AUDIO_FIELD = "audio_embedding"   # a document's own audio vector, as the client sent it
TEXT_FIELD = "text_embedding"     # Segue's embedding of the document's text
TERMS_FIELD = "terms"             # a cluster document's tokens as Segue's `analyze` made them
FILTERS_FIELD = "filters"         # a cluster document's folded filter values (`cluster_filters`)

# Kept with a document but left out of every hit and answer.
NOT_RETURNED: frozenset[str] = frozenset({AUDIO_FIELD, TEXT_FIELD})
