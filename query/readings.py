"""Other readings of the typed words: joined, split, and on another keyboard layout.

A search box receives "one republic" for OneRepublic, "maroon5" for Maroon 5, "the
nineteen seventy five" for The 1975 and "rbyj" for Кино (typed with the Russian
layout switched off). Each is a word read otherwise than typed; each is tried as one
more way to match, with its own `MatchKind` so that ranking can weigh it (like a
one-typo match; a layout reading only when the word matches poorly as typed) and
`explain` can show it. The words as read go on the match (`WordMatch.reading`), for a
corrected query.

- **Joins** (Meilisearch's and Typesense's concatenation): two or three adjacent words
  written as one ("one republic" -> onerepublic, "deadmau 5" -> deadmau5, "guns n
  roses" -> gunsnroses), number words as their digits ("two pac" -> 2pac), and a run
  of number words as the number it spells ("nineteen seventy five" -> 1975). The
  first word of the run carries the reading; the others are joined into it ("").
- **Layouts**: the whole text read on the Russian, Ukrainian, Greek or Hebrew layout
  (Latin keys) or back on QWERTY (those scripts' keys), analyzed like any text
  (`analyzers.layouts`); used when it has as many words as the typed text.
- **Splits** need the vocabulary ("linkinpark" -> linkin + park only if both are
  index terms), so the retriever finds them (`split_points`).

The index side is not split: a name "OneRepublic" is found by "one republic" through
the join, which costs one dictionary lookup per adjacent pair at query time, whereas
splitting index terms into vocabulary words would depend on which words happened to
be indexed first and would add postings for every compound-looking name.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from segue.analyzers import Token, analyze, keyboard_readings, read_number
from segue.ranking import MatchKind

MAX_JOINED = 3          # words joined into one, beyond number runs
MAX_RUN = 6             # number words read as one number ("mil novecientos setenta y cinco")
MIN_SPLIT_PART = 2      # a split part is at least this long, unless it is digits


@dataclass(frozen=True, slots=True)
class Reading:
    """One more index key a query word may match, and how."""

    text: str          # the folded index key to look up
    kind: MatchKind    # COMPOUND or LAYOUT
    shown: str         # the words as matched; "" for a word joined into the one before
    prefix: bool = False  # still being typed: completions of `text` count too


def _plain(word: Sequence[Token]) -> bool:
    """A word that joins: letters and digits, no CJK reading."""
    return all(t.text.isascii() and t.text.isalnum() for t in word)


def _digits(word: Sequence[Token]) -> str:
    """The word's own digits if it is a number word ("two" -> "2"), else the word."""
    for t in word[1:]:
        if t.text.isdigit() and t.surface == word[0].surface:
            return t.text
    return word[0].text


def join_readings(words: Sequence[Sequence[Token]], still_typing: bool
                  ) -> list[list[Reading]]:
    """For each word, its readings as part of a run of adjacent words written as one."""
    out: list[list[Reading]] = [[] for _ in words]
    n = len(words)
    for i in range(n):
        for j in range(i + 2, min(n, i + MAX_RUN) + 1):
            run = words[i:j]
            if not all(_plain(w) for w in run):
                break
            spellings: list[str] = []
            if j - i <= MAX_JOINED:
                # As typed, and with number words as their digits ("two pac" -> 2pac).
                spellings.append("".join(w[0].text for w in run))
                spellings.append("".join(_digits(w) for w in run))
            number = read_number([w[0].text for w in run])
            if number is not None:
                spellings.append(str(number))
            for text in dict.fromkeys(spellings):
                # Completions only of what is typed as such, not of digits read for it.
                prefix = still_typing and j == n and text.endswith(run[-1][0].text)
                out[i].append(Reading(text, MatchKind.COMPOUND, text, prefix))
                for k in range(i + 1, j):
                    out[k].append(Reading(text, MatchKind.COMPOUND, "", prefix))
    return out


def layout_word_readings(text: str, words: Sequence[Sequence[Token]], still_typing: bool
                         ) -> list[list[Reading]]:
    """For each word, its reading on each other keyboard layout (as many words only)."""
    n_words = len(words)
    out: list[list[Reading]] = [[] for _ in range(n_words)]
    seen = [{t.text for t in w} for w in words]
    for _, converted in keyboard_readings(text):
        groups: dict[int, Token] = {}
        for tok in analyze(converted):
            groups.setdefault(tok.position, tok)
        if len(groups) != n_words:
            continue
        for k, pos in enumerate(sorted(groups)):
            tok = groups[pos]
            if tok.text in seen[k]:
                continue
            seen[k].add(tok.text)
            out[k].append(Reading(tok.text, MatchKind.LAYOUT, tok.surface,
                                  still_typing and k == n_words - 1))
    return out


def split_points(text: str, known: set[str] | None = None) -> list[tuple[str, str]]:
    """The ways to cut `text` in two parts long enough to be words (checked against the
    vocabulary by the caller): "maroon5" -> ..., ("maroon", "5"), ..."""
    if len(text) < 4 or not (text.isascii() and text.isalnum()):
        return []
    out = []
    for k in range(1, len(text)):
        a, b = text[:k], text[k:]
        if (len(a) >= MIN_SPLIT_PART or a.isdigit()) and (len(b) >= MIN_SPLIT_PART
                                                           or b.isdigit()):
            out.append((a, b))
    return out
