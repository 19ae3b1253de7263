"""Filters, market availability, facets, sorting and distinct versions, over HTTP on the
embedded engine, with a catalog of real-looking tracks."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
from fastapi.testclient import TestClient

from segue.api import create_app
from segue.config import Settings
from segue.engine import open_engine


def _vec(*xs: float) -> list[float]:
    return list(xs)


CATALOG = [
    # Licensed in Sweden, not in the US: a market=US listener never sees it.
    {"id": "tr-dancing-queen-se", "type": "track", "name": "Dancing Queen",
     "artists": ["ABBA"], "album": "Arrival", "year": 1976, "genres": ["pop", "disco"],
     "language": "en", "explicit": False, "popularity": 88, "markets": ["SE", "NO", "DK"],
     "duration_ms": 231_000, "audio_embedding": _vec(1, 0.1, 0, 0)},
    {"id": "tr-dancing-in-the-dark", "type": "track", "name": "Dancing in the Dark",
     "artists": ["Bruce Springsteen"], "album": "Born in the U.S.A.", "year": 1984,
     "genres": ["rock"], "language": "en", "explicit": False, "popularity": 70,
     "markets": ["US", "SE"], "duration_ms": 241_000, "audio_embedding": _vec(0.9, 0.2, 0, 0)},
    {"id": "tr-dancing-on-my-own", "type": "track", "name": "Dancing On My Own",
     "artists": ["Robyn"], "album": "Body Talk", "year": 2010, "genres": ["pop", "electropop"],
     "language": "en", "explicit": False, "popularity": 75, "duration_ms": 288_000,
     "audio_embedding": _vec(0.95, 0.15, 0.05, 0)},          # no markets: everywhere
    {"id": "tr-dancing-with-the-devil", "type": "track", "name": "Dancing with the Devil",
     "artists": ["Demi Lovato"], "year": 2021, "genres": ["pop"], "language": "en",
     "explicit": True, "popularity": 60, "markets": ["US", "SE", "GB"],
     "duration_ms": 238_000, "audio_embedding": _vec(0.8, 0.3, 0.1, 0)},
    {"id": "tr-bailando", "type": "track", "name": "Bailando", "artists": ["Enrique Iglesias"],
     "year": 2014, "genres": ["latin pop"], "language": "es", "explicit": False,
     "popularity": 72, "markets": ["ES", "MX", "US"], "duration_ms": 243_000},
    {"id": "tr-dancing-queen-gold", "type": "track", "name": "Dancing Queen",
     "artists": ["ABBA"], "album": "ABBA Gold", "year": 1992, "genres": ["pop", "disco"],
     "language": "en", "explicit": False, "popularity": 40, "markets": ["SE", "NO", "DK"],
     "duration_ms": 231_000},
    {"id": "tr-dancing-queen-live", "type": "track", "name": "dancing queen",
     "artists": ["abba"], "album": "Live at Wembley Arena", "year": 2014, "genres": ["pop"],
     "language": "en", "explicit": False, "popularity": 20, "markets": ["SE"],
     "duration_ms": 245_000},
    {"id": "tr-dancing-queen-cover", "type": "track", "name": "Dancing Queen",
     "artists": ["Glee Cast"], "year": 2011, "genres": ["pop"], "language": "en",
     "popularity": 30, "markets": ["US", "SE"], "duration_ms": 200_000},
    {"id": "ar-abba", "type": "artist", "name": "ABBA", "genres": ["pop", "disco"],
     "popularity": 85, "markets": ["SE", "NO"]},
    {"id": "pl-dance-sv", "type": "playlist", "name": "Dansband Dancing", "owner": "segue",
     "description": "Svenska dansband", "popularity": 35, "language": "sv", "markets": ["SE"]},
]


@pytest.fixture(scope="module")
def client(tmp_path_factory: pytest.TempPathFactory) -> Iterator[TestClient]:
    settings = Settings(data_dir=Path(tmp_path_factory.mktemp("scope")))
    engine = open_engine(settings)
    engine.load()
    assert all(r.ok for r in engine.index_documents(CATALOG))
    yield TestClient(create_app(engine, settings))
    engine.close()


def ids(answer: dict) -> list[str]:
    return [h["id"] for h in answer["hits"]]


def search(client: TestClient, **params: object) -> dict:
    r = client.get("/v1/search", params=params)
    assert r.status_code == 200, r.text
    return r.json()


# -- market ------------------------------------------------------------------------


def test_a_track_licensed_in_sweden_only_disappears_for_a_us_listener(client):
    se = search(client, q="dancing queen", market="SE")
    us = search(client, q="dancing queen", market="US")
    assert se["top"]["id"] == "tr-dancing-queen-se"
    assert "tr-dancing-queen-se" in ids(se)
    assert us["top"]["id"] != "tr-dancing-queen-se"
    every_us_hit = search(client, q="dancing", market="US", limit=100, distinct="false")
    assert {h["id"] for h in every_us_hit["hits"]} == {
        "tr-dancing-in-the-dark", "tr-dancing-on-my-own", "tr-dancing-with-the-devil",
        "tr-dancing-queen-cover"}
    assert every_us_hit["total"] == 4     # never counted either


def test_a_document_without_markets_is_available_everywhere(client):
    for market in ("SE", "US", "JP", "br"):
        assert "tr-dancing-on-my-own" in ids(search(client, q="dancing on my own",
                                                      market=market))


def test_suggest_and_similar_respect_the_market(client):
    se = client.get("/v1/suggest", params={"q": "dancing q", "market": "SE"}).json()
    us = client.get("/v1/suggest", params={"q": "dancing q", "market": "US"}).json()
    assert "tr-dancing-queen-se" in [s["id"] for s in se["suggestions"]]
    assert "tr-dancing-queen-se" not in [s["id"] for s in us["suggestions"]]
    near = client.get("/v1/similar", params={"id": "tr-dancing-on-my-own"}).json()
    assert near["hits"][0]["id"] == "tr-dancing-queen-se"
    near_us = client.get("/v1/similar", params={"id": "tr-dancing-on-my-own",
                                                "market": "US"}).json()
    assert [h["id"] for h in near_us["hits"]] == ["tr-dancing-in-the-dark",
                                                  "tr-dancing-with-the-devil"]


@pytest.mark.parametrize("market", ["XX", "SWE", "S", "1E", "ÅL"])
def test_a_market_that_is_not_an_iso_code_is_a_400(client, market):
    for route, extra in (("/v1/search", {"q": "abba"}), ("/v1/suggest", {"q": "abba"}),
                         ("/v1/similar", {"id": "ar-abba"})):
        r = client.get(route, params={**extra, "market": market})
        assert r.status_code == 400, (route, market, r.text)
        assert r.headers["content-type"] == "application/problem+json"
        assert "query parameter 'market'" in r.json()["detail"]


def test_an_empty_market_is_no_market_like_every_empty_parameter(client):
    everywhere = client.get("/v1/search", params={"q": "abba"}).json()["total"]
    assert client.get("/v1/search", params={"q": "abba", "market": ""}).json()["total"] \
        == everywhere > 0


# -- filter ------------------------------------------------------------------------


def test_an_explicit_track_disappears_under_explicit_false(client):
    everything = search(client, q="dancing with the devil")
    clean = search(client, q="dancing with the devil", filter="explicit = false")
    assert everything["top"]["id"] == "tr-dancing-with-the-devil"
    assert "tr-dancing-with-the-devil" not in ids(clean)
    assert clean["top"] is None or clean["top"]["id"] != "tr-dancing-with-the-devil"


def test_filters_on_genres_years_languages_and_artists(client):
    assert ids(search(client, q="dancing", filter='genres = "disco" AND year < 1990')) == [
        "tr-dancing-queen-se"]
    assert set(ids(search(client, q="dancing", filter="year >= 2010 AND NOT genres = pop",
                          distinct="false"))) == set()
    assert ids(search(client, q="dancing", filter='language IN [sv, es]')) == ["pl-dance-sv"]
    assert set(ids(search(client, q="dancing", filter='artists = "bruce springsteen" OR '
                          'artists = "Robyn"'))) == {"tr-dancing-in-the-dark",
                                                     "tr-dancing-on-my-own"}
    # A narrow filter does not empty the page: the match is found wherever it ranks.
    assert ids(search(client, q="dancing", limit=1, filter="duration_ms > 280000")) == [
        "tr-dancing-on-my-own"]


def test_a_malformed_filter_is_a_400_naming_the_position(client):
    r = client.get("/v1/search", params={"q": "abba", "filter": 'genres = "x" OR 1=1'})
    assert r.status_code == 400
    body = r.json()
    assert body["position"] == 16
    assert "query parameter 'filter'" in body["detail"] and "position 16" in body["detail"]


# -- facets ------------------------------------------------------------------------


def test_facets_count_every_match_not_only_the_page(client):
    answer = search(client, q="dancing", limit=1, distinct="false",
                    facets="genres,type,year,explicit,language")
    facets = answer["facets"]
    assert answer["total"] == 8 and len(answer["hits"]) == 1
    assert facets["type"] == {"track": 7, "playlist": 1}
    assert facets["genres"] == {"pop": 6, "disco": 2, "electropop": 1, "rock": 1}
    assert facets["explicit"] == {"false": 5, "true": 1}   # the Glee cover does not say
    assert facets["language"] == {"en": 7, "sv": 1}
    assert facets["year"] == {"1976": 1, "1984": 1, "1992": 1, "2010": 1, "2011": 1,
                              "2014": 1, "2021": 1}
    assert facets["decade"] == {"2020s": 1, "2010s": 3, "1990s": 1, "1980s": 1, "1970s": 1}


def test_facets_follow_the_filter_and_the_market(client):
    facets = search(client, q="dancing", market="US", facets="genres")["facets"]
    assert facets == {"genres": {"pop": 3, "electropop": 1, "rock": 1}}


# -- sort --------------------------------------------------------------------------


def test_sort_by_year_with_relevance_breaking_ties(client):
    answer = search(client, q="dancing", sort="year:desc", distinct="false", limit=20)
    years = [h.get("year") for h in answer["hits"]]
    present = [y for y in years if y is not None]
    assert present == sorted(present, reverse=True)
    assert years[-1] is None                     # the playlist has no year: last
    # Two tracks from 2014: the one that matches "dancing" (the live Dancing Queen) first.
    both = [h["id"] for h in answer["hits"] if h.get("year") == 2014]
    assert both == ["tr-dancing-queen-live"]
    by_pop = search(client, q="dancing", sort="popularity:asc", distinct="false", limit=20)
    pops = [h["popularity"] for h in by_pop["hits"]]
    assert pops == sorted(pops)
    # The top result stays the most relevant, whatever the page's order.
    assert by_pop["top"]["id"] == search(client, q="dancing")["top"]["id"]


def test_relevance_breaks_ties_in_sorted_order(client):
    answer = search(client, q="dancing queen", sort="duration_ms:asc", distinct="false",
                    filter="duration_ms = 231000")
    assert ids(answer) == ["tr-dancing-queen-se", "tr-dancing-queen-gold"]


def test_offset_pages_walk_every_hit_once(client):
    for sort in (None, "year:asc", "name:asc", "popularity:desc"):
        params = {"q": "dancing", "distinct": "false", **({"sort": sort} if sort else {})}
        whole = ids(search(client, **params, limit=50))
        pages = [h for offset in range(0, 10, 3)
                 for h in ids(search(client, **params, limit=3, offset=offset))]
        assert pages == whole, sort
        assert len(set(whole)) == len(whole) == 8


# -- distinct ----------------------------------------------------------------------


def test_versions_of_one_track_collapse_to_the_best(client):
    answer = search(client, q="dancing queen", market="SE")
    queens = [h for h in answer["hits"] if h["name"].casefold() == "dancing queen"]
    by_id = {h["id"]: h for h in queens}
    assert set(by_id) == {"tr-dancing-queen-se", "tr-dancing-queen-cover"}
    best = by_id["tr-dancing-queen-se"]
    assert best["versions"] == 3
    assert sorted(best["version_ids"]) == ["tr-dancing-queen-gold", "tr-dancing-queen-live"]
    assert "versions" not in by_id["tr-dancing-queen-cover"]   # other artists: its own
    every = search(client, q="dancing queen", market="SE", distinct="false")
    assert {"tr-dancing-queen-gold", "tr-dancing-queen-live"} <= set(ids(every))
    assert every["total"] == answer["total"]   # every matching document counts


def test_versions_count_only_what_the_market_allows(client):
    hit = search(client, q="dancing queen", market="NO")["hits"][0]
    assert hit["id"] == "tr-dancing-queen-se"
    assert hit["versions"] == 2 and hit["version_ids"] == ["tr-dancing-queen-gold"]


# -- parameters --------------------------------------------------------------------


@pytest.mark.parametrize(("route", "params"), [
    ("/v1/search", {"q": "abba", "genre": "pop"}),
    ("/v1/search", {"q": "abba", "filtr": "year > 1990"}),
    ("/v1/suggest", {"q": "ab", "type": "track"}),
    ("/v1/similar", {"id": "ar-abba", "sort": "year:asc"}),
    ("/v1/documents/ar-abba", {"fields": "name"}),
    ("/v1/health", {"verbose": "1"}),
    ("/v1/stats", {"x": "1"}),
])
def test_an_unknown_parameter_is_a_400_that_names_it(client, route, params):
    r = client.get(route, params=params)
    assert r.status_code == 400, r.text
    body = r.json()
    unknown = [k for k in params if k not in ("q", "id")]
    assert body["unknown"] == unknown
    assert f"'{unknown[0]}'" in body["detail"]


def test_sort_and_facets_say_what_they_accept(client):
    r = client.get("/v1/search", params={"q": "abba", "sort": "rating:desc"})
    assert r.status_code == 400 and "sortable: popularity, year, name" in r.json()["detail"]
    r = client.get("/v1/search", params={"q": "abba", "sort": "year:up"})
    assert r.status_code == 400 and "asc or desc" in r.json()["detail"]
    r = client.get("/v1/search", params={"q": "abba", "facets": "genres,mood"})
    assert r.status_code == 400 and "'mood'" in r.json()["detail"]


def test_the_new_parameters_are_in_openapi(client):
    spec = client.get("/openapi.json").json()
    names = {p["name"] for p in spec["paths"]["/v1/search"]["get"]["parameters"]}
    assert {"filter", "market", "facets", "sort", "distinct"} <= names
    assert "market" in {p["name"] for p in spec["paths"]["/v1/suggest"]["get"]["parameters"]}
    assert "market" in {p["name"] for p in spec["paths"]["/v1/similar"]["get"]["parameters"]}
    hit = spec["components"]["schemas"]["Hit"]["properties"]
    assert {"versions", "version_ids"} <= set(hit)
    assert "facets" in spec["components"]["schemas"]["SearchAnswer"]["properties"]
