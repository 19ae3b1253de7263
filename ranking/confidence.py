"""How sure an answer is: whether the best candidate's words really match what was typed.

Ranking orders candidates; it never says "nothing matches". A keyboard mash
("pppqqqzzz") still finds a sound-alike ("Pigs"), and an artist the catalog lacks
("massive attack") still half-matches something. So each word's best match is checked
for support, and the answer is

- **good**: every typed word matched with support: exact, a completion, one typo,
  or two typos / a sound-alike that share the first letter and most of the length;
  a weak word is forgiven when the other words of the same name match as typed
  ("lana del ray");
- **weak**: something matched, but not every word, or not with support;
- **none**: no candidate has a supported word.

Only a good answer gets a `top` result; `corrected_query` is the words as matched when
the best candidate needed typos or sound-alikes ("ed shiran" → "ed sheeran").
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from typing import Literal

import jellyfish

from segue.schema import Field

from .candidates import MatchKind, WordMatch
from .features import Context

Strength = Literal["good", "weak", "none"]
AS_TYPED = (MatchKind.EXACT, MatchKind.PREFIX)
# Another reading of what was typed (words joined or split, another keyboard layout):
# the whole word is there, read differently, so it counts as supported like one typo.
READINGS = (MatchKind.COMPOUND, MatchKind.LAYOUT)
NAMING = (Field.NAME, Field.ALIASES, Field.ARTISTS)
DESCRIBING = (Field.GENRES, Field.DESCRIPTION)
TWO_TYPOS_MIN_LENGTH = 7   # two typos in a shorter word leave too little of it


def supported(word: str, m: WordMatch) -> bool:
    """A match that leaves enough of the typed word: as typed, one typo, or (two typos,
    a sound-alike) the same first letter and a length within a quarter of the word's;
    a sound-alike also keeps most of the letters (`sounds_close`)."""
    if m.kind in AS_TYPED or m.kind in READINGS or word == m.term or (
            m.kind == MatchKind.TYPO and m.typos <= 1):
        return True
    if m.kind == MatchKind.TYPO and one_edit_on_the_first_letter(word, m.term):
        return True
    if not m.term or word[:1] != m.term[:1]:
        return False
    if m.kind == MatchKind.TYPO:
        return len(word) >= TWO_TYPOS_MIN_LENGTH
    return abs(len(word) - len(m.term)) <= len(word) // 4 and sounds_close(word, m.term)


def sounds_close(word: str, term: str) -> bool:
    """A sound-alike with the same consonants (Metaphone) that keeps at least half of
    the letters: "shakeera" → shakira, "beyonsay" → beyonce; not a word that only
    shares a coarse code and its length ("heads" → heart, "stooges" → stojící)."""
    return (jellyfish.metaphone(word) == jellyfish.metaphone(term)
            and jellyfish.damerau_levenshtein_distance(word, term) <= len(word) // 2)


FIRST_LETTER_MIN_LENGTH = 5  # a word this long keeps enough of itself past its first letter


def one_edit_on_the_first_letter(word: str, term: str) -> bool:
    """One key wrong at the start of a word long enough to be recognised by the rest
    ("qventura" → aventura, "porde" → lorde): it ranks as two typos, but it is one
    edit, so it is supported like one."""
    return (len(word) >= FIRST_LETTER_MIN_LENGTH and len(word) == len(term)
            and word[1:] == term[1:] and word[:1] != term[:1])


def _forgiven(ctx: Context, word: int) -> bool:
    """Every other word matched as typed in the same name value: they pin it."""
    m = ctx.best[word]
    others = [w for w in ctx.query.required if w != word]
    if not others:
        return False
    for w in others:
        o = ctx.best.get(w)
        if o is None or o.kind not in AS_TYPED or (o.field, o.value_start) != (
                m.field, m.value_start):
            return False
    return True


def word_support(ctx: Context) -> dict[int, bool]:
    """Per required word that matched: whether its match is supported."""
    words = ctx.query.words
    return {w: supported(words[w], ctx.best[w]) or _forgiven(ctx, w)
            for w in ctx.query.required if w in ctx.best}


def strength(ctx: Context | None, name_words: Sequence[str] = ()) -> Strength:
    """good, weak or none for one candidate (None: found by its vector alone, good).
    With the folded words of its name, a word left unmatched is forgiven when the
    rest of the query pins the name (see `pins`)."""
    if ctx is None:
        return "good"
    support = word_support(ctx)
    if not any(support.values()):
        return "none"
    if len(support) == len(ctx.query.required) and all(support.values()):
        # A word found only among genres or descriptions does not name a thing.
        several = len(ctx.query.required) > 1
        if several and any(ctx.best[w].field in DESCRIBING for w in support):
            return "weak"
        return "good"
    return "good" if name_words and pins(ctx, support, name_words) else "weak"


def pins(ctx: Context, support: Mapping[int, bool], name_words: Sequence[str]) -> bool:
    """One short word left unmatched while every other word matched the name as typed,
    and the one name word left over starts like it: "karol gee" → Karol G, "jay-zee"
    → Jay-Z, "camila cabeyo" → Camila Cabello; not "massive attack" → Dafür Attack."""
    words = ctx.query.words
    missing = [w for w in ctx.query.required if w not in support]
    if len(missing) != 1 or not support or not all(support.values()):
        return False
    matched = {ctx.best[w].term for w in support}
    if any(ctx.best[w].field not in NAMING for w in support):
        return False
    rest = [t for t in name_words if t not in matched]
    return len(rest) == 1 and rest[0][:1] == words[missing[0]][:1]


def corrected_query(ctx: Context | None) -> str | None:
    """The words as the candidate matched them, when any needed a typo or a sound-alike;
    None when every word matched as typed."""
    if ctx is None:
        return None
    words: list[str | None] = list(ctx.query.words)
    changed = False
    for w, m in ctx.best.items():
        if m.reading is not None:
            # Joined, split or another layout: the word as read ("" when it was
            # joined into the word before it).
            words[w], changed = m.reading or None, True
        elif m.kind not in AS_TYPED and m.term and m.term != words[w]:
            words[w], changed = m.term, True
        elif m.term.isdigit() and not (words[w] or "").isdigit():
            # Number words read as the number they spell: "blink one eight two" is
            # "blink 182" (the other words of the run were joined into it).
            words[w], changed = m.term, True
    return " ".join(w for w in words if w) if changed else None


SHORT_WORD = 4  # a typo or a sound-alike in a word this short is mostly another word


def as_typed(ctx: Context | None) -> bool:
    """Every typed word matched exactly or as a completion (a clear, right answer)."""
    return ctx is not None and len(ctx.best) == len(ctx.query.words) and all(
        m.kind in AS_TYPED for m in ctx.best.values())


def noise(ctx: Context | None) -> bool:
    """A candidate that needed a typo or a sound-alike in a short word: under a right
    answer it is padding ("кино" → The Kings), not a result."""
    if ctx is None:
        return False
    words = ctx.query.words
    return any(m.kind not in AS_TYPED and len(words[w]) <= SHORT_WORD
               for w, m in ctx.best.items())
