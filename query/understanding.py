"""Query understanding: the typed text becomes words, each with its alternatives.

The query goes through the very analyzer the documents went through, so "P!nk",
"Beyoncé" and "藤井 風" meet their documents half-way. Tokens at one position are
alternatives of one word ("ac"/"acdc"). The last word is also a prefix while the
user is still typing, unless the text ends with a space.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from segue.analyzers import Token, analyze
from segue.ranking import QueryShape

from .readings import Reading, join_readings, layout_word_readings

MAX_QUERY_CHARS = 256   # a search box query; the API answers 400 beyond it
MAX_QUERY_WORDS = 12
CJK_CHAR = re.compile(r"[\u3040-\u30ff\u3400-\u4dbf\u4e00-\u9fff\uac00-\ud7af\uf900-\ufaff]")


def is_reading(token: Token) -> bool:
    """A Latin reading of CJK text (pinyin, romaji) rather than what the user typed."""
    return token.text.isascii() and bool(CJK_CHAR.search(token.surface))


@dataclass(frozen=True, slots=True)
class QueryWord:
    tokens: tuple[Token, ...]   # alternatives, the first is the main form
    optional: bool
    prefix: bool                # the last word, still being typed
    # Other ways to read it: joined with its neighbours, on another layout (`readings`).
    readings: tuple[Reading, ...] = ()

    @property
    def text(self) -> str:
        return self.tokens[0].text


@dataclass(frozen=True, slots=True)
class ParsedQuery:
    text: str
    words: tuple[QueryWord, ...]

    @property
    def shape(self) -> QueryShape:
        return QueryShape(tuple(w.text for w in self.words),
                          tuple(w.optional for w in self.words),
                          bool(self.words) and self.words[-1].prefix)


def parse_query(text: str) -> ParsedQuery:
    text = text[:MAX_QUERY_CHARS]
    tokens = analyze(text)
    groups: dict[int, list[Token]] = {}
    for tok in tokens:
        groups.setdefault(tok.position, []).append(tok)
    positions = sorted(groups)[:MAX_QUERY_WORDS]
    still_typing = bool(text) and not text[-1].isspace()
    alternatives = [tuple(groups[pos]) for pos in positions]
    joins = join_readings(alternatives, still_typing)
    layouts = layout_word_readings(text, alternatives, still_typing)
    words = []
    for i, alts in enumerate(alternatives):
        # A position holding only readings of CJK characters (the second syllable of
        # "藤井" read as teng jing) is not a word the user typed: it may go unmatched.
        optional = all(t.optional or is_reading(t) for t in alts)
        words.append(QueryWord(alts, optional,
                               prefix=still_typing and i == len(positions) - 1,
                               readings=tuple(joins[i] + layouts[i])))
    return ParsedQuery(text, tuple(words))
