"""Text analysis shared by indexing and querying.

A search box for music receives "beyonce" for Beyoncé, "pink" for P!nk,
"acdc" or "ac dc" for AC/DC, "kino" for Кино, "zhou jie lun" for 周杰伦 and
"shakeera" for Shakira. The index can only meet such queries if documents and
queries are cut into the same tokens by the same rules, so every searchable
field and every query goes through one function, `analyze`.

`analyze` is a chain of small steps, one module each:
normalize (NFKC, case folding, invisible characters) -> segment (words, with
symbols mapped by `symbols` and folded/transliterated by `translit`; CJK runs as
bigrams plus a Latin reading by `cjk`) -> positions, "+" and optional flags
(`articles`, `credits`), number words also as digits (`numbers`: "five" -> 5,
"nineteen seventy five" -> 1975). Phonetic codes, typo budgets and costs (`typos`)
and synonyms work on the folded tokens it produces; `layouts` reads text typed on
the wrong keyboard layout ("rbyj" -> кино) for the query side.

    >>> [(t.text, t.surface, t.position, t.optional) for t in analyze("The AC/DC & Beyoncé")]
    [('the', 'the', 0, True), ('ac', 'ac', 1, False), ('acdc', 'ac/dc', 1, False),
     ('dc', 'dc', 2, False), ('and', '&', 3, False), ('beyonce', 'beyoncé', 4, False)]

Tokens at one position are alternatives; `text` is the index key and
`surface` the unfolded spelling, so "beyoncé" can rank above "beyonce".
"""

from .articles import ARTICLES
from .credits import split_artists, split_credits
from .fold import fold
from .layouts import readings as keyboard_readings
from .layouts import word_readings as keyboard_word_readings
from .numbers import read_number
from .phonetic import phonetic_codes
from .synonyms import Synonyms
from .token import Token
from .tokenize import analyze
from .typos import TypoBudget, digits_agree, typo_cost

__all__ = [
    "ARTICLES",
    "Synonyms",
    "Token",
    "TypoBudget",
    "analyze",
    "digits_agree",
    "fold",
    "keyboard_readings",
    "keyboard_word_readings",
    "phonetic_codes",
    "read_number",
    "split_artists",
    "split_credits",
    "typo_cost",
]
