"""Personalization over HTTP: liked artists and genres, sent with the search or kept
from /v1/events, re-order near-ties and never bury what was typed exactly."""

from __future__ import annotations

import json
import time

import orjson
import pytest
from fastapi.testclient import TestClient

from segue.api import create_app
from segue.config import Settings
from segue.engine import open_engine
from segue.ranking import shipped_variants

CATALOG = [
    # A cover more played than the original.
    {"id": "tr-hallelujah-cohen", "type": "track", "name": "Hallelujah",
     "artists": ["Leonard Cohen"], "genres": ["folk", "singer-songwriter"], "popularity": 70},
    {"id": "tr-hallelujah-buckley", "type": "track", "name": "Hallelujah",
     "artists": ["Jeff Buckley"], "genres": ["alternative rock"], "popularity": 76},
    {"id": "ar-leonard-cohen", "type": "artist", "name": "Leonard Cohen",
     "genres": ["folk"], "popularity": 72},
    # Two songs called "Hero": the genre decides.
    {"id": "tr-hero-mariah", "type": "track", "name": "Hero", "artists": ["Mariah Carey"],
     "genres": ["pop", "r&b"], "popularity": 64},
    {"id": "tr-hero-enrique", "type": "track", "name": "Hero",
     "artists": ["Enrique Iglesias"], "genres": ["latin pop"], "popularity": 61},
    # Two artists named alike: "Bush" is typed, Kate Bush is loved.
    {"id": "ar-bush", "type": "artist", "name": "Bush", "genres": ["grunge"], "popularity": 55},
    {"id": "ar-kate-bush", "type": "artist", "name": "Kate Bush", "genres": ["art pop"],
     "popularity": 80},
    {"id": "tr-running-up", "type": "track", "name": "Running Up That Hill",
     "artists": ["Kate Bush"], "genres": ["art pop"], "popularity": 90},
    # Shakira by name, and her duet with Karol G.
    {"id": "ar-shakira", "type": "artist", "name": "Shakira", "genres": ["latin pop"],
     "popularity": 88},
    {"id": "tr-hips", "type": "track", "name": "Hips Don't Lie",
     "artists": ["Shakira", "Wyclef Jean"], "genres": ["latin pop"], "popularity": 80},
    {"id": "tr-tqg", "type": "track", "name": "TQG", "artists": ["Karol G", "Shakira"],
     "genres": ["reggaeton"], "popularity": 79},
    {"id": "ar-karol-g", "type": "artist", "name": "Karol G", "genres": ["reggaeton"],
     "popularity": 90},
    {"id": "ar-beyonce", "type": "artist", "name": "Beyoncé", "genres": ["pop", "r&b"],
     "popularity": 90},
    # Кино's songs and their covers, a little less played than the originals.
    {"id": "tr-gruppa-krovi", "type": "track", "name": "Группа крови", "artists": ["Кино"],
     "genres": ["russian rock"], "popularity": 84},
    {"id": "tr-kukushka-kino", "type": "track", "name": "Кукушка", "artists": ["Кино"],
     "genres": ["russian rock"], "popularity": 76},
    {"id": "tr-kukushka-gagarina", "type": "track", "name": "Кукушка",
     "artists": ["Полина Гагарина"], "genres": ["russian pop"], "popularity": 74},
    {"id": "tr-zvezda-kino", "type": "track", "name": "Звезда по имени Солнце",
     "artists": ["Кино"], "genres": ["russian rock"], "popularity": 80},
    {"id": "tr-zvezda-bi2", "type": "track", "name": "Звезда по имени Солнце",
     "artists": ["Би-2"], "genres": ["alternative rock"], "popularity": 77},
    {"id": "tr-kukushka-live", "type": "track", "name": "Кукушка (live, Лужники 1990)",
     "artists": ["Группа Солнце"], "genres": ["russian pop"], "popularity": 60},
]


@pytest.fixture(scope="module")
def client(tmp_path_factory):
    # "fan": the default variant with affinity weighed five times as much, enough to
    # lift a liked artist over any exact match if nothing held it back.
    variants = tmp_path_factory.mktemp("variants")
    default = shipped_variants()["default"]
    (variants / "fan.json").write_text(json.dumps({
        "name": "fan", "version": 1, "weights": {**default.weights, "affinity": 40},
        "match_values": {k.name.lower(): v for k, v in default.match_values.items()},
        "field_weights": {k.name.lower(): v for k, v in default.field_weights.items()},
        "type_prior": default.type_prior, "candidates": default.candidates}))
    settings = Settings(data_dir=tmp_path_factory.mktemp("personal"), variants_dir=variants)
    engine = open_engine(settings)
    engine.load()
    body = b"".join(orjson.dumps({"index": {"_id": d["id"]}}) + b"\n" + orjson.dumps(d) + b"\n"
                    for d in CATALOG)
    c = TestClient(create_app(engine, settings))
    r = c.post("/v1/documents/_bulk?refresh=wait_for", content=body,
               headers={"content-type": "application/x-ndjson"})
    assert r.status_code == 200 and not r.json()["errors"]
    yield c
    engine.close()


def ids(client: TestClient, **params: object) -> list[str]:
    r = client.get("/v1/search", params=params)
    assert r.status_code == 200, r.text
    return [h["id"] for h in r.json()["hits"]]


def test_the_original_comes_first_for_who_loves_its_artist(client):
    assert ids(client, q="hallelujah")[:2] == ["tr-hallelujah-buckley", "tr-hallelujah-cohen"]
    assert ids(client, q="hallelujah", user_artist="Leonard Cohen")[:2] == [
        "tr-hallelujah-cohen", "tr-hallelujah-buckley"]
    # Folded like the index: case and accents do not matter.
    assert ids(client, q="hallelujah", user_artist="LEONARD CÓHEN")[0] == "tr-hallelujah-cohen"


def test_a_liked_genre_decides_between_two_songs_of_one_name(client):
    assert ids(client, q="hero")[0] == "tr-hero-mariah"
    assert ids(client, q="hero", user_genre="Latin Pop")[0] == "tr-hero-enrique"
    # Several artists and genres, repeated parameters.
    assert ids(client, q="hero", user_artist=["Enrique Iglesias", "Beyoncé"],
               user_genre=["folk"])[0] == "tr-hero-enrique"


def test_an_exact_name_stays_first_whatever_the_user_loves(client):
    loved = {"user_artist": "Kate Bush", "user_genre": "art pop"}
    plain = ids(client, q="bush")
    personal = ids(client, q="bush", **loved)
    assert plain[0] == personal[0] == "ar-bush"
    assert set(personal) == set(plain)
    # The word complete (a trailing space): no completion competes, only the cap holds
    # Kate Bush under the exact "Bush".
    r = client.get("/v1/search", params={"q": "bush ", "explain": "true", **loved})
    top, kate = r.json()["hits"][0], r.json()["hits"][1]
    assert kate["id"] in ("ar-kate-bush", "tr-running-up")
    assert top["score"] > kate["score"]
    share = {f["feature"]: f for f in kate["explain"]["features"]}["affinity"]
    assert share["weight"] > 0 and share["contribution"] >= 0
    assert kate["explain"]["affinity"]["artists"] == ["kate bush"]
    # The top result across types is still what was typed.
    assert r.json()["top"]["id"] == "ar-bush"


def test_even_a_heavy_affinity_weight_cannot_bury_an_exact_match(client):
    loved = {"user_artist": "Kate Bush", "variant": "fan"}
    assert ids(client, q="bush", **loved)[0] == "ar-bush"
    assert ids(client, q="hallelujah", user_artist="Leonard Cohen", variant="fan")[0] == \
        "tr-hallelujah-cohen"  # both are exact: the liked one wins the tie
    # The word complete (a trailing space): no completion competes, only the cap holds
    # Kate Bush under the exact "Bush".
    r = client.get("/v1/search", params={"q": "bush ", "explain": "true", **loved})
    top, *rest = r.json()["hits"]
    for hit in rest:
        share = {f["feature"]: f for f in hit["explain"]["features"]}["affinity"]
        # Capped: less than the full weight, just enough to come right under the exact.
        assert share["weight"] == 40 and 0 < share["contribution"] < 40
        assert hit["score"] <= top["score"]


def test_near_ties_follow_the_user_and_explain_says_why(client):
    plain = ids(client, q="shakira")
    personal = ids(client, q="shakira", user_artist="Karol G")
    assert plain[0] == personal[0] == "ar-shakira"
    assert personal.index("tr-tqg") < personal.index("tr-hips")
    assert plain.index("tr-hips") < plain.index("tr-tqg")
    r = client.get("/v1/search", params={"q": "shakira", "explain": "true",
                                         "user_artist": "Karol G"})
    tqg = next(h for h in r.json()["hits"] if h["id"] == "tr-tqg")
    share = {f["feature"]: f for f in tqg["explain"]["features"]}["affinity"]
    assert share == {"feature": "affinity", "value": 1.0, "weight": share["weight"],
                     "contribution": share["weight"]}
    assert tqg["explain"]["affinity"] == {"value": 1.0, "artists": ["karol g"], "genres": []}
    # Without a user context the feature is there, and adds nothing.
    r = client.get("/v1/search", params={"q": "shakira", "explain": "true"})
    hit = r.json()["hits"][0]
    assert {f["feature"]: f["value"] for f in hit["explain"]["features"]}["affinity"] == 0.0
    assert "affinity" not in hit["explain"]


def test_events_personalize_a_user_and_only_that_user(client):
    r = client.post("/v1/events", json={"events": [
        {"user_id": "ana", "type": "play", "id": "ar-leonard-cohen"},
        {"user_id": "ana", "type": "play", "id": "no-such-track"},
        {"user_id": "ana", "type": "scrobble", "id": "ar-leonard-cohen"},
        {"user_id": "ana", "type": "like", "id": "tr-hero-enrique", "at": time.time() - 60},
        "not an event",
    ]})
    assert r.status_code == 200, r.text
    out = r.json()
    assert out["errors"] is True
    assert [i["status"] for i in out["items"]] == [200, 404, 400, 200, 400]
    assert "events[1].id" in out["items"][1]["error"] and "no-such-track" in \
        out["items"][1]["error"]
    assert "events[2]" in out["items"][2]["error"] and "type" in out["items"][2]["error"]
    assert ids(client, q="hallelujah", user_id="ana")[0] == "tr-hallelujah-cohen"
    assert ids(client, q="hero", user_id="ana")[0] == "tr-hero-enrique"
    assert ids(client, q="hallelujah", user_id="ben")[0] == "tr-hallelujah-buckley"
    # Forgetting a user forgets their taste.
    assert client.delete("/v1/events/ana").json() == {"user_id": "ana", "forgotten": True}
    assert ids(client, q="hallelujah", user_id="ana")[0] == "tr-hallelujah-buckley"


def test_a_user_who_skips_every_kino_track_sees_kino_lower_and_never_hidden(client):
    now = time.time()
    r = client.post("/v1/events", json={"events": [
        {"user_id": "skipper", "type": "skip", "id": doc_id, "at": now - 180 + 60 * n}
        for n, doc_id in enumerate(["tr-gruppa-krovi", "tr-kukushka-kino", "tr-zvezda-kino"])
    ] + [{"user_id": "listener", "type": "play", "id": "tr-hero-mariah", "at": now}]})
    assert r.status_code == 200 and not r.json()["errors"], r.text
    # Whole-name matches ("кукушка"), a word of the name, the name transliterated.
    for q, kino, cover in (("кукушка", "tr-kukushka-kino", "tr-kukushka-gagarina"),
                           ("звезда", "tr-zvezda-kino", "tr-zvezda-bi2"),
                           ("zvezda po imeni", "tr-zvezda-kino", "tr-zvezda-bi2")):
        usual = ids(client, q=q, user_id="listener")
        skipped = ids(client, q=q, user_id="skipper")
        assert usual.index(kino) < usual.index(cover), (q, usual)
        assert skipped.index(cover) < skipped.index(kino), (q, skipped)
        assert set(skipped) == set(usual), q  # lower, never hidden
    # Asked for by name, every Кино song is still there, in the same order.
    assert ids(client, q="кино", user_id="skipper") == ids(client, q="кино")
    r = client.get("/v1/search", params={"q": "звезда", "user_id": "skipper",
                                         "explain": "true"})
    kino = next(h for h in r.json()["hits"] if h["id"] == "tr-zvezda-kino")
    share = {f["feature"]: f for f in kino["explain"]["features"]}["affinity"]
    # Bounded: at most half the weight a liked artist adds.
    assert -share["weight"] / 2 <= share["contribution"] < 0
    assert kino["explain"]["affinity"]["skipped"] == {"artists": ["kino"],
                                                      "genres": ["russian rock"]}
    bi2 = next(h for h in r.json()["hits"] if h["id"] == "tr-zvezda-bi2")
    assert {f["feature"]: f for f in bi2["explain"]["features"]}["affinity"][
        "contribution"] == 0.0


def test_skips_never_put_a_whole_name_match_under_one_that_is_not(client):
    """With affinity weighed five times ("fan"), a dozen skips of Кино would take its
    "Кукушка" 20 points down, under a live version whose name only begins so: it is
    held right above it instead, still under the cover that is a whole-name match too."""
    now = time.time()
    r = client.post("/v1/events", json={"events": [
        {"user_id": "hater", "type": "skip", "id": doc_id, "at": now}
        for doc_id in ["tr-gruppa-krovi", "tr-kukushka-kino", "tr-zvezda-kino"] * 4]})
    assert r.status_code == 200 and not r.json()["errors"], r.text
    assert ids(client, q="кукушка", variant="fan")[:3] == [
        "tr-kukushka-kino", "tr-kukushka-gagarina", "tr-kukushka-live"]
    hits = client.get("/v1/search", params={"q": "кукушка", "variant": "fan",
                                            "user_id": "hater"}).json()["hits"]
    assert [h["id"] for h in hits][:3] == [
        "tr-kukushka-gagarina", "tr-kukushka-kino", "tr-kukushka-live"]
    assert hits[1]["score"] >= hits[2]["score"]


@pytest.mark.parametrize(("method", "path", "body", "params", "status", "words"), [
    ("post", "/v1/events", {"events": []}, None, 400, "'events' is empty"),
    ("post", "/v1/events", {"evnts": []}, None, 422, "body 'events'"),
    ("get", "/v1/search", None, {"q": "hero", "user_artist": "x" * 201}, 400,
     "'user_artist'"),
    ("get", "/v1/search", None, {"q": "hero", "user_genre": ["pop"] * 51}, 422,
     "'user_genre'"),
])
def test_bad_personalization_input_gets_a_clear_problem(client, method, path, body, params,
                                                        status, words):
    r = getattr(client, method)(path, params=params, **({"json": body} if body else {}))
    assert r.status_code == status, r.text
    assert r.headers["content-type"] == "application/problem+json"
    assert words in r.json()["detail"]


@pytest.mark.parametrize("q", ["hallelujah", "hero", "bush", "shakira", "ha", "s"])
@pytest.mark.parametrize("liked", [("Leonard Cohen",), ("Karol G", "Kate Bush"), ("Nobody",)])
def test_looking_up_only_near_ties_ranks_as_looking_up_all(client, q, liked):
    """The searcher reads the artists of candidates within reach of the page only; the
    page must be what describing every candidate gives."""
    from segue.query import SearchRequest, parse_query
    from segue.query.stages import with_tastes
    from segue.ranking import UserContext, rank

    engine = client.app.state.engine
    user = UserContext.of(liked, ["reggaeton"])
    for limit in (1, 2, 5):
        got = [h["id"] for h in engine.search(SearchRequest(q=q, limit=limit, user=user)).hits]
        searcher = engine.searcher
        variant = searcher.variant(None)
        query = parse_query(q)
        candidates = searcher.retriever.retrieve(query, variant,
                                                 limit=max(variant.candidates, limit)).candidates
        candidates = with_tastes(candidates, searcher.fetch([c.doc_id for c in candidates]))
        want = [r.candidate.doc_id for r in rank(candidates, query.shape, variant, user=user)]
        assert got == want[:limit], (q, liked, limit)


def test_openapi_names_the_personalization_parameters_and_events(client):
    spec = client.get("/openapi.json").json()
    params = {p["name"]: p for p in spec["paths"]["/v1/search"]["get"]["parameters"]}
    assert params["user_artist"]["schema"]["type"] == "array"
    assert "never above an exact match" in params["user_artist"]["description"]
    assert {"user_id", "user_genre"} <= set(params)
    assert "post" in spec["paths"]["/v1/events"]
    assert "delete" in spec["paths"]["/v1/events/{user_id}"]
