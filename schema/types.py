"""The document types a catalog holds, and the small codes they are stored as."""

from __future__ import annotations

DOC_TYPES: tuple[str, ...] = ("track", "artist", "album", "playlist", "episode")

# A type as one byte in the indexes' numpy arrays (filters compare codes, not strings).
# The order of DOC_TYPES is part of the saved index layout: append, never reorder.
TYPE_CODES: dict[str, int] = {name: i for i, name in enumerate(DOC_TYPES)}
