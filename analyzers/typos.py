"""How many typos a word may have and still match: none for short words.

With one typo allowed, "abba" would match "abby", "alba", "aba"...; short words
need to be exact, long ones can afford two. The lengths are counted on the folded
word, so "beyoncé" and "beyonce" get the same budget. CJK words get none: one
character changed is a different word there.
"""

from __future__ import annotations

from dataclasses import dataclass

from .cjk import has_cjk
from .fold import fold


@dataclass(frozen=True)
class TypoBudget:
    """Damerau–Levenshtein edits allowed by word length (configurable per index)."""

    exact_up_to: int = 3  # words of <= 3 letters: 0 typos
    one_up_to: int = 7  # <= 7 letters: 1 typo; longer: 2

    def __post_init__(self) -> None:
        if not 0 <= self.exact_up_to <= self.one_up_to:
            raise ValueError("TypoBudget needs 0 <= exact_up_to <= one_up_to")

    def for_word(self, word: str) -> int:
        """0, 1 or 2 edits for this word."""
        if not (word.isascii() and word.isalnum()):
            if has_cjk(word):
                return 0
            word = fold(word)
        length = len(word)
        if length <= self.exact_up_to:
            return 0
        return 1 if length <= self.one_up_to else 2
