"""The search box on a crowded catalog: the word being typed completes to the popular
name it begins, even when hundreds of one-word names hold it elsewhere; the last word
after others completes among the documents those words name; a name that is not in
the catalog gets no top result, even when a word of it sounds like another word."""

from __future__ import annotations

from collections.abc import Iterator

import pytest

from segue.engine import EmbeddedEngine
from segue.indexer import LexicalIndex
from segue.query import SearchRequest
from segue.query.completions import Completions

from .catalogs import indexed


def track(doc_id: str, name: str, artist: str, popularity: float, genre: str = "pop"
          ) -> dict:
    return {"id": doc_id, "type": "track", "name": name, "artists": [artist],
            "popularity": popularity, "genres": [genre]}


# Forty popular one-word tracks whose genre is folk: their names are as long as "fol",
# but nothing in them is named so.
FOLK = [track(f"lt-folk-{i}", f"Hours{i}", f"Singer {i}", 74.0, "folk") for i in range(40)]
CATALOG = [
    *FOLK,
    track("tr-folsom-prison-blues", "Folsom Prison Blues", "Johnny Cash", 67.0, "country"),
    track("lt-folsom-1", "Folsom", "Martha Greene", 6.2),
    track("lt-folsom-2", "Folsom", "Fijación", 4.9),
    track("tr-hello", "Hello", "Adele", 90.0),
    track("lt-hell", "Hell", "Nerger Björk", 12.0),
    track("tr-wish", "Wish", "The Cure", 55.0),
    track("tr-wish-you-were-here", "Wish You Were Here", "Pink Floyd", 76.0),
    track("tr-happier-than-ever", "Happier Than Ever", "Billie Eilish", 87.0),
    track("tr-happier", "Happier", "Marshmello", 72.0),
    track("tr-modern-talking-heart", "You're My Heart, You're My Soul", "Modern Talking", 58.0),
    {"id": "ar-modern-talking", "type": "artist", "name": "Modern Talking", "popularity": 60},
    {"id": "ar-beyonce", "type": "artist", "name": "Beyoncé", "popularity": 95},
    track("tr-natural-woman", "(You Make Me Feel Like) A Natural Woman", "Aretha Franklin",
          60.0),
    track("lt-nature", "Nature", "Hans Azevedo", 11.8),
    track("lt-naturals", "The Naturals", "Olga Wirth", 60.3),
    {"id": "al-the-massacre", "type": "album", "name": "The Massacre",
     "artists": ["50 Cent"], "popularity": 23.0},
    {"id": "al-mas", "type": "album", "name": "Más", "artists": ["Alejandro Sanz"],
     "popularity": 16.0},
]


@pytest.fixture(scope="module")
def engine(tmp_path_factory: pytest.TempPathFactory) -> Iterator[EmbeddedEngine]:
    with indexed(tmp_path_factory.mktemp("typing"), CATALOG, text_model="none") as eng:
        yield eng


def ask(engine: EmbeddedEngine, q: str):
    return engine.search(SearchRequest(q=q, limit=5, mode="lexical", explain=True))


@pytest.mark.parametrize(("query", "expected"), [
    ("fol", "tr-folsom-prison-blues"),     # not the folk-genre "Hours", not "Folsom"
    ("hell", "tr-hello"),                  # on the way to Adele's Hello
    ("happ", "tr-happier-than-ever"),      # "Happier" is not yet what was typed
    ("wish", "tr-wish-you-were-here"),     # 21 points more popular than The Cure's Wish
    ("wish ", "tr-wish"),                  # ... until the word is complete
    ("hell ", "lt-hell"),                  # a trailing space: the word is complete
    ("a nat", "tr-natural-woman"),         # "Nature" is no whole name of "nat"...
    ("the mas", "al-the-massacre"),        # ... but "the" + "mas" covers The Massacre
])
def test_the_word_being_typed_begins_the_popular_name(engine: EmbeddedEngine, query: str,
                                                       expected: str) -> None:
    assert ask(engine, query).hits[0]["id"] == expected


def test_the_typing_feature_is_in_the_explanation(engine: EmbeddedEngine) -> None:
    hit = ask(engine, "hell").hits[0]
    parts = {p["feature"]: p for p in hit["explain"]["features"]}
    assert parts["typing"]["value"] == 1.0 and parts["typing"]["weight"] > 0


def test_a_sound_alike_that_only_shares_a_code_gives_no_top(engine: EmbeddedEngine) -> None:
    # "heads" and "heart" share a NYSIIS code, not their consonants: Talking Heads is
    # not in the catalog, and Modern Talking's "Heart" is not it.
    answer = ask(engine, "talking heads")
    assert answer.top is None and answer.match != "good"


def test_a_respelled_name_that_sounds_the_same_keeps_its_top(engine: EmbeddedEngine) -> None:
    answer = ask(engine, "beyonsay")
    assert answer.top is not None and answer.top["id"] == "ar-beyonce"
    assert answer.corrected_query == "beyonce"


def test_the_last_word_completes_among_documents_named_by_the_others() -> None:
    """"rock m": three hundred rock songs with popular "M…" names do not crowd out the
    one document named with "rock" (Falco's Rock Me Amadeus)."""
    genre = [track(f"lt-rock-{i}", f"Mirror{i:03d}", f"Band {i}", 99.0, "rock")
             for i in range(300)]
    index = LexicalIndex()
    index.upsert_many([*genre, track("tr-rock-me-amadeus", "Rock Me Amadeus", "Falco", 55.0)])
    rock = [[index.vocab.get("rock")]]
    picked = [index.vocab.terms[t] for t in Completions(index).among("m", rock, 1)]
    assert picked == ["me"]
    # A word found only in genres still picks completions among its documents.
    jazz = LexicalIndex()
    jazz.upsert_many([track("tr-moanin", "Moanin'", "Art Blakey", 60.0, "jazz")])
    found = Completions(jazz).among("m", [[jazz.vocab.get("jazz")]], 4)
    assert [jazz.vocab.terms[t] for t in found] == ["moanin"]



# "s" begins words of thousands of documents (too many to gather); "home" names the
# forty popular "Home Again" tracks and Home Sweet Home; a hundred and fifty obscure
# tracks are named "Heart" whole, beside one famous name "heart" begins.
CROWDED = [
    *[track(f"lt-home-{i}", f"Home Again {i}", f"Band {i}", 90.0) for i in range(40)],
    *[track(f"lt-summer-{i}", "Summer Nights", f"Singer {i}", 50.0) for i in range(1_600)],
    track("tr-home-sweet-home", "Home Sweet Home", "Mötley Crüe", 60.0),
    *[track(f"lt-heart-{i}", "Heart", f"Duo {i}", 12.0) for i in range(150)],
    track("tr-heartless", "Heartless", "Kanye West", 90.0),
]


@pytest.fixture(scope="module")
def crowded(tmp_path_factory: pytest.TempPathFactory) -> Iterator[EmbeddedEngine]:
    with indexed(tmp_path_factory.mktemp("crowded"), CROWDED, text_model="none") as eng:
        yield eng


@pytest.mark.parametrize("query", ["home s", "home sw", "home swe"])
def test_a_common_last_word_still_counts_where_it_completes_among_the_others(
        crowded: EmbeddedEngine, query: str) -> None:
    """"home s": the documents "home" names are gathered, and among them the one where
    "s" completes (Home Sweet Home) is not crowded out by more popular "Home …" names."""
    assert ask(crowded, query).hits[0]["id"] == "tr-home-sweet-home"


def test_one_word_being_typed_reaches_the_popular_name_it_begins_past_many_whole_ones(
        crowded: EmbeddedEngine) -> None:
    """"heart" on the way to Heartless: a hundred and fifty obscure names equal to the
    letters typed do not keep the famous one they begin from being a candidate."""
    assert ask(crowded, "heart").hits[0]["id"] == "tr-heartless"
