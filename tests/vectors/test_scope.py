"""Semantic and hybrid search stay in scope: neighbours found by their text vectors are
filtered during the vector search (over-fetched until enough are in scope), so a
description searched in a narrow market or under a filter answers only from there."""

from __future__ import annotations

from segue.query import Scope, SearchRequest, parse_filter

DOCS = [
    {"id": "t-rain", "type": "track", "name": "Rainy Day Acoustic Session",
     "artists": ["Nora Vale"], "genres": ["folk", "acoustic"], "year": 2019,
     "popularity": 70, "markets": ["US"], "explicit": False},
    {"id": "t-drizzle", "type": "track", "name": "Soft Drizzle on the Window",
     "artists": ["Elin Berg"], "genres": ["acoustic"], "year": 2021, "popularity": 40,
     "markets": ["SE"], "explicit": False},
    {"id": "t-storm", "type": "track", "name": "Thunderstorm Guitar",
     "artists": ["Ray Odell"], "genres": ["acoustic", "folk"], "year": 1998,
     "popularity": 55, "explicit": True},
    {"id": "t-club", "type": "track", "name": "Club Bangers Vol. 3",
     "artists": ["DJ Pulse"], "genres": ["edm"], "year": 2022, "popularity": 80,
     "markets": ["US", "SE"], "explicit": True},
]


def test_a_description_in_a_market_answers_from_that_market(make_vector_engine):
    engine = make_vector_engine(DOCS)
    everywhere = engine.search(SearchRequest(q="gentle rain acoustic songs", mode="semantic"))
    assert {"t-rain", "t-drizzle"} <= {h["id"] for h in everywhere.hits}
    sweden = engine.search(SearchRequest(q="gentle rain acoustic songs", mode="semantic",
                                         scope=Scope(market="SE")))
    ids = [h["id"] for h in sweden.hits]
    assert "t-rain" not in ids and ids and ids[0] == "t-drizzle"
    assert set(ids) <= {"t-drizzle", "t-storm", "t-club"}
    clean = engine.search(SearchRequest(q="gentle rain acoustic songs", mode="hybrid",
                                        scope=Scope(filter=parse_filter(
                                            "explicit = false AND year >= 2000"))))
    assert {h["id"] for h in clean.hits} <= {"t-rain", "t-drizzle"}
    assert clean.hits
