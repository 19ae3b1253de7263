"""An artist's whole name typed the way people type it puts that artist on top: with a
short word respelled ("jay-zee"), a wrong first key ("qventura"), a word that also
begins something else once mistyped ("porde" is Lorde, not a completion of Poderosas),
or as a full alias ("new jeans" for NewJeans, beside their album "New Jeans").
Distractors share the artists' first words and letters."""

from __future__ import annotations

from collections.abc import Iterator

import pytest

from segue.engine import EmbeddedEngine
from segue.query import SearchRequest
from segue.ranking.confidence import one_edit_on_the_first_letter

from .catalogs import indexed, track


def artist(doc_id: str, name: str, popularity: float, aliases: tuple[str, ...] = ()) -> dict:
    return {"id": doc_id, "type": "artist", "name": name, "popularity": popularity,
            "aliases": list(aliases)}




CATALOG = [
    artist("ar-jay-z", "JAY-Z", 82, ("Jay Z", "Hov")),
    track("tr-jay-rent", "Jay Rent", "Inaczej Tengo", 38),
    artist("ar-jay-park", "Jay Park", 40),
    artist("ar-aventura", "Aventura", 66),
    track("tr-aventura-lt", "Aventura", "Daruna Les", 20),
    artist("ar-lorde", "Lorde", 72),
    artist("ar-poderosas", "Poderosas", 22),
    track("tr-royals", "Royals", "Lorde", 80),
    artist("ar-newjeans", "NewJeans", 84, ("뉴진스", "New Jeans")),
    {"id": "al-new-jeans", "type": "album", "name": "New Jeans", "artists": ["NewJeans"],
     "popularity": 78},
    artist("ar-kino", "Кино", 68, ("Kino", "Виктор Цой")),
    track("tr-kino-lt", "Кино", "Yilmaz Akar", 38),
    artist("ar-pink", "P!nk", 78, ("Pink", "Alecia Moore")),
    track("tr-pink-lt", "Pink", "Laura Jarvis", 37),
]


@pytest.fixture(scope="module")
def engine(tmp_path_factory: pytest.TempPathFactory) -> Iterator[EmbeddedEngine]:
    with indexed(tmp_path_factory.mktemp("artists"), CATALOG) as engine:
        yield engine


@pytest.mark.parametrize(("query", "expected"), [
    ("jay-zee", "ar-jay-z"),     # "zee" for Z: the rest of the name pins it
    ("qventura", "ar-aventura"),  # one wrong key, the first: still one edit
    ("porde", "ar-lorde"),       # a whole word with one typo over a mistyped completion
    ("new jeans", "ar-newjeans"),  # a whole alias weighs as the name: over the album
    ("кино", "ar-kino"),         # ... and the name typed whole stays the match
    ("pink", "ar-pink"),         # the alias as written, over the stylized name
])
def test_the_whole_name_of_an_artist_puts_the_artist_on_top(engine: EmbeddedEngine,
                                                           query: str, expected: str) -> None:
    answer = engine.search(SearchRequest(q=query, limit=5))
    assert answer.match == "good"
    assert (answer.top or {}).get("id") == expected
    assert answer.hits[0]["id"] == expected


@pytest.mark.parametrize(("typed", "term", "one_edit"), [
    ("qventura", "aventura", True),
    ("porde", "lorde", True),
    ("kate", "bate", False),        # too short: the first letter is a quarter of it
    ("porde", "poderosas", False),  # not one key: a completion
    ("aventura", "aventura", False),
])
def test_one_wrong_key_at_the_start(typed: str, term: str, one_edit: bool) -> None:
    assert one_edit_on_the_first_letter(typed, term) is one_edit
