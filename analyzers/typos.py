"""How many typos a word may have and still match, and what each one costs.

With one typo allowed, "abba" would match "abby", "alba", "aba"...; short words
need to be exact, long ones can afford two. The lengths are counted on the folded
word, so "beyoncé" and "beyonce" get the same budget. CJK words get none: one
character changed is a different word there.

The rules the best engines apply (Meilisearch, Algolia):

- a transposition ("shakria") is one typo: the distance is Damerau–Levenshtein;
- a typo on the first letter costs one more than a typo inside the word: people
  rarely miss the letter they start with, so "veyonce" is a weaker reading of
  Beyoncé than "beyonxe" (`typo_cost`);
- digits are never typo-matched: "2001" is not "2000", "blink-183" not
  "blink-182"; a number is a different name, not a misspelling (`digits_agree`).
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
        if length <= self.exact_up_to or word.isdigit():
            return 0
        return 1 if length <= self.one_up_to else 2


def digits_agree(word: str, term: str) -> bool:
    """True when `word` and `term` hold the same digits in the same order, so a typo
    match between them changed letters only ("2001" and "2000" do not agree)."""
    if word.isalpha() and term.isalpha():
        return True
    return [c for c in word if c.isdigit()] == [c for c in term if c.isdigit()]


def typo_cost(word: str, term: str, distance: int) -> int:
    """The typos a match of `word` to `term` at `distance` edits counts: one more when
    the first letter is not the one typed."""
    if distance <= 0:
        return 0
    return distance + (word[:1] != term[:1])
