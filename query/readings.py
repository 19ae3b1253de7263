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
  roses" -> gunsnroses), number words as their digits ("two pac" -> 2pac), a run
  of number words as the number it spells ("nineteen seventy five" -> 1975), also
  written onto the word beside it ("twenty four k" -> 24k). The
  first word of the run carries the reading; the others are joined into it ("").
- **Layouts**: the whole text read on the Russian, Ukrainian, Greek or Hebrew layout
  (Latin keys) or back on QWERTY (those scripts' keys), analyzed like any text
  (`analyzers.layouts`); used when it has as many words as the typed text.
- **Splits** need the vocabulary ("linkinpark" -> linkin + park only if both are
  index terms; "gunsnroses" -> guns + n + roses; "cardib" -> cardi + b), so the
  retriever finds them (`split_ways`) and keeps the cuts the catalog uses: parts some
  document holds together, the most popular such document first; a word that is an
  index term itself is cut too ("feelgood inc" -> Feel Good Inc.). The cluster, which
  has no vocabulary, asks for every cut in two (`split_points`) and cuts against its
  candidates.

The index side is not split: a name "OneRepublic" is found by "one republic" through
the join, which costs one dictionary lookup per adjacent pair at query time, whereas
splitting index terms into vocabulary words would depend on which words happened to
be indexed first and would add postings for every compound-looking name.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass
from functools import lru_cache

import jellyfish

from segue.analyzers import (
    Token,
    analyze,
    keyboard_readings,
    keyboard_word_readings,
    read_number,
)
from segue.ranking import MatchKind

MAX_JOINED = 3          # words joined into one, beyond number runs
MAX_RUN = 6             # number words read as one number ("mil novecientos setenta y cinco")
MIN_SPLIT_PART = 2      # a split part is at least this long, unless it is digits
MAX_SPLIT = 4           # words one typed word may be split into ("systemofadown")
SPLIT_CANDIDATES = 64   # splits found before the best are kept


@dataclass(frozen=True, slots=True)
class Reading:
    """One more index key a query word may match, and how."""

    text: str          # the folded index key to look up
    kind: MatchKind    # COMPOUND or LAYOUT
    shown: str         # the words as matched; "" for a word joined into the one before
    prefix: bool = False  # still being typed: completions of `text` count too


def _digits(word: Sequence[Token]) -> str:
    """The word's own digits if it is a number word ("two" -> "2"), else the word."""
    for t in word[1:]:
        if t.text.isdigit() and t.surface == word[0].surface:
            return t.text
    return word[0].text


def join_readings(words: Sequence[Sequence[Token]], still_typing: bool
                  ) -> list[list[Reading]]:
    """For each word, its readings as part of a run of adjacent words written as one."""
    n = len(words)
    if n < 2:
        return [[] for _ in range(n)]
    # A word that joins: letters and digits, no CJK reading.
    plain = tuple(all(t.text.isascii() and t.text.isalnum() for t in w) for w in words)
    primary = tuple(w[0].text for w in words)
    digits = tuple(_digits(w) for w in words)
    found = _joins(primary, digits, plain, still_typing)
    # The analyzer may have joined them already ("b.y." is b, by and y): that word is
    # matched as typed, not once more as a reading that would cover the next word too.
    own = {t.text for w in words for t in w[1:] if not t.text.isdigit()}
    return [[r for r in rs if r.text not in own] for rs in found]


@lru_cache(maxsize=16384)
def _joins(primary: tuple[str, ...], digits: tuple[str, ...], plain: tuple[bool, ...],
           still_typing: bool) -> tuple[tuple[Reading, ...], ...]:
    n = len(primary)
    out: list[list[Reading]] = [[] for _ in range(n)]
    for i in range(n - 1):
        for j in range(i + 2, min(n, i + MAX_RUN) + 1):
            if not (plain[i] and plain[j - 1]) or not all(plain[i:j]):
                break
            spellings: list[str] = []
            if j - i <= MAX_JOINED:
                # As typed, and with number words as their digits ("two pac" -> 2pac).
                spellings.append("".join(primary[i:j]))
                spellings.append("".join(digits[i:j]))
            number = read_number(primary[i:j])
            if number is not None:
                spellings.append(str(number))
            # A number said in words beside a word written onto it: "twenty four k"
            # -> 24k (24K Magic), "blink one eighty two" -> blink182.
            if j - i > 2:
                head, tail = read_number(primary[i:j - 1]), read_number(primary[i + 1:j])
                if head is not None and not primary[j - 1].isdigit():
                    spellings.append(f"{head}{primary[j - 1]}")
                if tail is not None and not primary[i].isdigit():
                    spellings.append(f"{primary[i]}{tail}")
            if not spellings:
                break
            for text in dict.fromkeys(spellings):
                # Completions only of what is typed as such, not of digits read for it.
                prefix = still_typing and j == n and text.endswith(primary[-1])
                out[i].append(Reading(text, MatchKind.COMPOUND, text, prefix))
                absorbed = Reading(text, MatchKind.COMPOUND, "", prefix)
                for k in range(i + 1, j):
                    out[k].append(absorbed)
    return tuple(tuple(r) for r in out)


# Keys that type letters on another layout but punctuation on QWERTY (",fhf,fy" is
# "барабан"): a text holding one is converted whole, then cut into words again.
_PUNCTUATION_KEYS = frozenset("[];',.`")


def layout_word_readings(text: str, words: Sequence[Sequence[Token]], still_typing: bool
                         ) -> list[list[Reading]]:
    """For each word, its reading on each other keyboard layout (as many words only)."""
    n_words = len(words)
    if not _PUNCTUATION_KEYS.isdisjoint(text):
        per_word = _whole_text(text, n_words)
        out: list[list[Reading]] = []
        for k, (word, found) in enumerate(zip(words, per_word, strict=True)):
            typed = tuple(t.text for t in word)
            out.append(list(_layout_list(found, typed, still_typing and k == n_words - 1)))
        return out
    # Word by word, each cached: while typing, only the last word is new.
    return [list(_layout_list(_word_layouts(w[0].surface), tuple(t.text for t in w),
                              still_typing and k == n_words - 1))
            for k, w in enumerate(words)]


@lru_cache(maxsize=65536)
def _layout_list(found: tuple[tuple[str, str], ...], typed: tuple[str, ...], prefix: bool
                 ) -> tuple[Reading, ...]:
    return tuple(Reading(key, MatchKind.LAYOUT, shown, prefix) for key, shown in found
                 if key not in typed and not _near(key, typed[0]))


def _near(key: str, typed: str) -> bool:
    """A reading that folds back close to what was typed ("kelly" on the Greek layout is
    κελλυ, "kellu") is a transliteration, not another word: a typo would find it."""
    return jellyfish.damerau_levenshtein_distance(key, typed) <= max(1, len(typed) // 3)


def _word_layouts(surface: str) -> tuple[tuple[str, str], ...]:
    """(index key, converted surface) of one typed word on each other layout."""
    if surface.isalnum():
        return keyboard_word_readings(surface)
    return _analyzed_layouts(surface)


@lru_cache(maxsize=4096)
def _analyzed_layouts(surface: str) -> tuple[tuple[str, str], ...]:
    out: dict[str, str] = {}
    for _, converted in keyboard_readings(surface):
        tokens = analyze(converted)
        if len({t.position for t in tokens}) == 1:
            out.setdefault(tokens[0].text, tokens[0].surface)
    return tuple(out.items())


def _whole_text(text: str, n_words: int) -> list[tuple[tuple[str, str], ...]]:
    """Layout readings of a text holding punctuation keys, chunk by chunk: a chunk that
    analyzed into several words as typed ("ds[jlf" is "ds", "jlf") may read as one
    word ("выхода"): its first word carries the reading, the others are joined into it
    (shown "")."""
    chunks = text.split()
    counts = [len({t.position for t in analyze(c)}) for c in chunks]
    found: list[dict[str, str]] = [{} for _ in range(n_words)]
    if sum(counts) != n_words:
        return [() for _ in range(n_words)]
    for _, converted in keyboard_readings(text):
        first = 0
        for count, chunk in zip(counts, converted.split(), strict=True):
            groups: dict[int, Token] = {}
            for tok in analyze(chunk):
                groups.setdefault(tok.position, tok)
            read = [groups[p] for p in sorted(groups)]
            if len(read) == count:
                for k, tok in enumerate(read):
                    found[first + k].setdefault(tok.text, tok.surface)
            elif len(read) == 1 and count > 1:
                found[first].setdefault(read[0].text, read[0].surface)
                for k in range(1, count):
                    found[first + k].setdefault(read[0].text, "")
            first += count
    return [tuple(f.items()) for f in found]


def split_points(text: str) -> list[tuple[str, str]]:
    """The ways to cut `text` in two parts long enough to be words (checked against a
    vocabulary by the caller): "maroon5" -> ..., ("maroon", "5"), ...; a one-letter
    first or last part once the rest is long ("cardib" -> ("cardi", "b"): Cardi B)."""
    if len(text) < 4 or not (text.isascii() and text.isalnum()):
        return []
    return [(text[:k], text[k:]) for k in range(1, len(text))
            if (_part(text[:k]) or _edge(text[:k], text))
            and (_part(text[k:]) or _edge(text[k:], text))]


def split_ways(text: str, known: Callable[[str], bool], *, limit: int = 3
               ) -> list[tuple[str, ...]]:
    """Up to `limit` ways to write `text` as 2 to `MAX_SPLIT` known words, fewest parts
    first, then the longest shortest part: "linkinpark" -> (linkin, park) before any
    cut into two-letter words a large vocabulary also holds; "gunsnroses" -> (guns,
    n, roses). A one-letter part between two others ("systemofadown"), or at either
    end of a longer word ("cardib" -> cardi b, "ilikeit" -> i like it)."""
    if len(text) < 4 or not (text.isascii() and text.isalnum()):
        return []
    n = len(text)
    heads: dict[int, list[int]] = {}  # start -> where a part beginning there may end

    def ends(start: int) -> list[int]:
        """Where a known part beginning at `start` may end, looked up once for every
        depth below (known first: most cuts are not words). A one-letter word needs a
        part before and after it, or a long word around it."""
        found_ends = heads.get(start)
        if found_ends is None:
            found_ends = heads[start] = [
                end for end in range(start + 1, n)
                if known(part := text[start:end]) and (
                    _part(part) or ((start > 0 or _edge(part, text)) and part.isalpha()))]
        return found_ends

    if not ends(0):
        return []  # no known word begins the text: no way to cut it
    found: list[tuple[str, ...]] = []

    def walk(start: int, parts: tuple[str, ...], most: int) -> None:
        if len(found) >= SPLIT_CANDIDATES:
            return
        if parts and len(parts) + 1 == most:
            rest = text[start:]
            if known(rest) and (_part(rest) or _edge(rest, text)):
                found.append((*parts, rest))
            return
        for end in ends(start):
            walk(end, (*parts, text[start:end]), most)

    for most in range(2, MAX_SPLIT + 1):
        walk(0, (), most)
    found.sort(key=lambda parts: (len(parts), -min(map(len, parts))))
    return found[:limit]


MIN_EDGE_SPLIT = 6      # a word this long may lose one letter at an edge ("cardib")


def _edge(part: str, whole: str) -> bool:
    """A one-letter word at the start or end of a word long enough to hold a name
    beside it: "Cardi B", "Boney M.", "I Like It"."""
    return len(part) == 1 and part.isalpha() and len(whole) >= MIN_EDGE_SPLIT


def _part(text: str) -> bool:
    """Long enough to stand as a word of its own: two letters, or digits."""
    return len(text) >= MIN_SPLIT_PART or text.isdigit()
