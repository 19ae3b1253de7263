"""What an engine hands to ranking: candidates and how each query word matched them.

This is the contract between retrieval and ranking. Every engine (embedded or
cluster) produces the same objects, so one ranking code path serves them all and a
variant evaluated offline means the same thing in production.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from enum import IntEnum

from segue.schema import Field


class MatchKind(IntEnum):
    """How a query word matched a document word; higher is better.

    LAYOUT: the word read on another keyboard layout ("rbyj" -> кино); COMPOUND: words
    joined ("one republic" -> OneRepublic) or a word split ("maroon5" -> Maroon 5),
    numbers included ("nineteen seventy five" -> 1975). Both count a typo (`typos`)."""

    PHONETIC = 1
    TYPO = 2
    LAYOUT = 3
    COMPOUND = 4
    PREFIX = 5
    EXACT = 6


# WordMatch and Candidate are built for every candidate of every query (about a hundred
# a query), so they are not `frozen`: a frozen dataclass's __init__ sets each field through
# object.__setattr__, three times the cost. They are still treated as values: nothing
# assigns to a field, a later stage builds a new one with `dataclasses.replace`.
@dataclass(slots=True, unsafe_hash=True)
class WordMatch:
    word: int            # index of the query word
    kind: MatchKind
    typos: int
    field: Field
    position: int
    value_start: int     # position of the first word of the field value holding the match
    value_length: int    # number of non-optional word positions in that value
    ordinal: int         # which of those positions this is (0 = first); -1 if optional
    exact_form: bool     # same surface form: accents and script as typed
    idf: float
    term: str            # the document's folded word, for highlighting
    prefix_chars: int = 0  # for PREFIX matches: how many folded characters matched
    # The query word as it was read to match, when not as typed: the joined or split
    # words ("onerepublic", "maroon 5") or the layout conversion ("кино"); "" for a word
    # joined into the one before it; None when the word matched as typed.
    reading: str | None = None


@dataclass(frozen=True, slots=True)
class QueryShape:
    """What ranking needs to know of the parsed query."""

    words: tuple[str, ...]        # folded text of each query word
    optional: tuple[bool, ...]    # a leading article or credit marker the user may omit
    typing: bool = False          # the last word is still being typed (no trailing space)
    lead: float = 0.0             # popularity of the most popular name the one word being
    # typed begins, among the candidates, and of the most popular named exactly so
    named: float = 0.0            # (both set by `rank` for the `typing` feature)
    required: tuple[int, ...] = ()  # the words that count; derived, leave empty
    required_set: frozenset[int] = frozenset()  # the same, for lookups; derived

    def __post_init__(self) -> None:
        req = tuple(i for i, opt in enumerate(self.optional) if not opt)
        req = req or tuple(range(len(self.words)))
        object.__setattr__(self, "required", req)
        object.__setattr__(self, "required_set", frozenset(req))


@dataclass(slots=True)
class Candidate:
    """One retrieved document as ranking sees it. A value (see above): a later stage
    that knows more (its vector similarity, its artists) builds a new one with
    `dataclasses.replace`."""

    doc_id: str
    type: str
    popularity: float
    matches: list[WordMatch] = field(default_factory=list)
    vector_similarity: float | None = None
    ref: int = -1        # an engine-internal handle (the embedded engine's document number)
    # For personalization, from the stored document when a user context is given (by
    # the engine-neutral search stages, so every engine gets it); an artist is its own.
    artists: tuple[str, ...] = ()
    genres: tuple[str, ...] = ()
