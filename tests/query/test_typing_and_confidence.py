"""The search box while typing, and knowing when nothing matches: a popular completion
over an obscure exact name, the last word completed among the other words' documents,
no top result for a keyboard mash or an absent name, and the words as matched."""

from __future__ import annotations

from collections.abc import Iterator

import pytest

from segue.engine import EmbeddedEngine
from segue.indexer import LexicalIndex
from segue.query import SearchRequest
from segue.query.completions import Completions

from .catalogs import indexed, track

# Hundreds of words starting "cal" and "te", on popular documents, beside the few
# real ones: completions by the alphabet or by the catalog alone never reach them.
FILLER = [track(f"f{i}", f"Hotel {w}{i:03d}", f"Band {i}", 20.0)
          for i, w in enumerate(["cala", "calo", "tea", "tel"] * 60)]
FILLER += [track(f"g{i}", f"Cal{i:03d} Te{i:03d}", f"Group {i}", 99.0) for i in range(200)]
CHART = [
    track("tr-hotel-california", "Hotel California", "Eagles", 40.0),
    track("tr-teen-spirit", "Smells Like Teen Spirit", "Nirvana", 45.0),
    track("tr-hello", "Hello", "Adele", 90.0),
    track("tr-hell", "Hell", "Nerger Björk", 12.0),
    track("tr-blinding", "Blinding Lights", "The Weeknd", 92.0),
    track("tr-blinding-lt", "Blinding", "Tomasz Kalinowski", 10.0),
    {"id": "ar-ed-sheeran", "type": "artist", "name": "Ed Sheeran", "popularity": 95.0},
    {"id": "ar-karol-g", "type": "artist", "name": "Karol G", "popularity": 88.0},
    {"id": "ar-karol-k", "type": "artist", "name": "Karol Kowalski", "popularity": 20.0},
    {"id": "ar-kino", "type": "artist", "name": "Кино", "popularity": 70.0},
    {"id": "ar-the-kings", "type": "artist", "name": "The Kings", "popularity": 60.0},
]


@pytest.fixture(scope="module")
def chart(tmp_path_factory: pytest.TempPathFactory) -> Iterator[EmbeddedEngine]:
    with indexed(tmp_path_factory.mktemp("chart"), FILLER + CHART) as engine:
        yield engine


def first(engine: EmbeddedEngine, q: str) -> str | None:
    hits = engine.search(SearchRequest(q=q, limit=5, mode="lexical")).hits
    return hits[0]["id"] if hits else None


@pytest.mark.parametrize(("query", "expected"), [
    ("hotel cal", "tr-hotel-california"),      # 'cal' after 'hotel': hundreds of cal*
    ("smells like te", "tr-teen-spirit"),
    ("hell", "tr-hello"),                      # on the way to Adele's Hello
    ("blinding", "tr-blinding"),               # the name goes on: Blinding Lights
])
def test_the_word_being_typed_completes_to_what_is_meant(chart: EmbeddedEngine, query: str,
                                                         expected: str):
    assert first(chart, query) == expected


def test_exactness_reasserts_once_the_query_is_complete(chart: EmbeddedEngine):
    assert first(chart, "hell ") == "tr-hell"  # a trailing space: the word is done


def test_completions_after_other_words_come_from_their_documents():
    index = LexicalIndex()
    index.upsert_many(FILLER + CHART)
    completions = Completions(index)
    hotel = [[index.vocab.get("hotel")]]
    picked = [index.vocab.terms[t] for t in completions.among("cal", hotel, 48)]
    assert "california" in picked
    assert all(t.startswith("cal") for t in picked)
    # Alone, a prefix completes first to the words of the most popular documents.
    alone = [index.vocab.terms[t] for t in completions.popular("hel", 1)]
    assert alone == ["hello"]


@pytest.mark.parametrize("query", ["zzzzqqq", "xkcdqwzt", "pppqqqzzz"])
def test_a_keyboard_mash_gets_no_top_and_no_hits(chart: EmbeddedEngine, query: str):
    answer = chart.search(SearchRequest(q=query, limit=10, mode="lexical"))
    assert answer.top is None
    assert answer.match == "none"
    assert answer.hits == []


def test_an_absent_name_is_weak_and_has_no_top(chart: EmbeddedEngine):
    answer = chart.search(SearchRequest(q="massive hotel", limit=10, mode="lexical"))
    assert answer.match == "weak"
    assert answer.top is None


@pytest.mark.parametrize(("query", "artist", "corrected"), [
    ("ed shiran", "ar-ed-sheeran", "ed sheeran"),   # a sound-alike, the rest pins it
    ("karol gee", "ar-karol-g", None),              # a short word left over: Karol G
])
def test_a_mistyped_word_is_forgiven_when_the_rest_pins_the_artist(
        chart: EmbeddedEngine, query: str, artist: str, corrected: str | None):
    answer = chart.search(SearchRequest(q=query, limit=5, mode="lexical"))
    assert answer.top is not None and answer.top["id"] == artist
    assert answer.corrected_query == corrected


def test_a_good_exact_answer_has_no_correction(chart: EmbeddedEngine):
    answer = chart.search(SearchRequest(q="кино", limit=5, mode="lexical"))
    assert answer.top is not None and answer.top["id"] == "ar-kino"
    assert (answer.match, answer.corrected_query) == ("good", None)
    assert first(chart, "kinks") == "ar-the-kings"  # alone, the typo is the answer


def test_the_http_answer_declares_match_and_correction(
        chart: EmbeddedEngine, tmp_path_factory: pytest.TempPathFactory) -> None:
    from fastapi.testclient import TestClient

    from segue.api import create_app
    from segue.config import Settings
    app = create_app(chart, Settings(data_dir=tmp_path_factory.mktemp("http")))
    with TestClient(app) as http:
        weak = http.get("/v1/search", params={"q": "ed shiran"}).json()
        assert (weak["match"], weak["corrected_query"]) == ("good", "ed sheeran")
        mash = http.get("/v1/search", params={"q": "zzzzqqq"}).json()
        assert (mash["match"], mash["top"], mash["hits"]) == ("none", None, [])
        assert "corrected_query" not in mash
