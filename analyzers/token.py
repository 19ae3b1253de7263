"""The unit every analyzer step produces and every index and query consumes."""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True, slots=True)
class Token:
    """One searchable word, or one alternative spelling of it.

    `text` is the folded index key (``"beyonce"``); `surface` is the same word only
    normalized (``"beyoncé"``), so an exact accented query can rank above a folded
    match. Tokens that share a `position` are alternatives for the same word
    (``"acdc"`` beside ``"ac"``; romaji beside kana). `optional` marks a leading
    article or a credit marker, which a query may leave out.
    """

    text: str
    surface: str
    position: int
    optional: bool = False
