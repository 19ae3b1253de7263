"""Vectors over HTTP: per-item vector errors in _bulk, /v1/similar, search modes."""

from __future__ import annotations

import orjson
import pytest
from fastapi.testclient import TestClient

from segue.api import create_app
from segue.config import Settings
from segue.engine import open_engine

NDJSON = {"content-type": "application/x-ndjson"}


def ndjson(*objs: object) -> bytes:
    return b"\n".join(orjson.dumps(o) for o in objs) + b"\n"


def track(doc_id: str, name: str, vector: list[float] | None, genre: str = "rock") -> dict:
    doc = {"id": doc_id, "type": "track", "name": name, "genres": [genre], "popularity": 50}
    if vector is not None:
        doc["audio_embedding"] = vector
    return doc


@pytest.fixture
def client(tmp_path) -> TestClient:
    """Lexical engine (text vectors off): audio vectors need no model."""
    settings = Settings(data_dir=tmp_path / "d", text_model="none")
    engine = open_engine(settings)
    engine.load()
    yield TestClient(create_app(engine, settings))
    engine.close()


def bulk(client: TestClient, *docs: dict) -> list[dict]:
    body = b"".join(ndjson({"index": {"_id": d["id"]}}, d) for d in docs)
    r = client.post("/v1/documents/_bulk?refresh=wait_for", content=body, headers=NDJSON)
    assert r.status_code == 200, r.text
    return [item["index"] for item in r.json()["items"]]


def test_bad_audio_vectors_are_refused_per_item_and_the_rest_applied(client):
    body = (ndjson({"index": {"_id": "ok1"}}, track("ok1", "Paranoid", [1.0, 0.0, 0.0]),
                   {"index": {"_id": "short"}}, track("short", "Iron Man", [1.0, 0.0]),
                   {"index": {"_id": "zero"}}, track("zero", "War Pigs", [0.0, 0.0, 0.0]))
            + b'{"index":{"_id":"nan"}}\n'
            + b'{"id":"nan","type":"track","name":"N.I.B.","audio_embedding":[1.0,NaN,0.0]}\n'
            + ndjson({"index": {"_id": "inf"}},
                     track("inf", "Snowblind", [1.0, 1e999, 0.0]),  # orjson writes null
                     {"index": {"_id": "ok2"}}, track("ok2", "Changes", [0.0, 1.0, 0.0])))
    r = client.post("/v1/documents/_bulk", content=body, headers=NDJSON)
    assert r.status_code == 200
    items = [next(iter(i.values())) for i in r.json()["items"]]
    assert [i["status"] for i in items] == [201, 400, 400, 400, 400, 201]
    reasons = [i.get("error", {}).get("reason", "") for i in items]
    assert "line 4: field 'audio_embedding': has 2 dimensions; this index takes 3" in reasons[1]
    assert "field 'audio_embedding': has zero norm" in reasons[2]
    assert "line 8" in reasons[3]  # NaN is not JSON: the line itself is refused
    assert "field 'audio_embedding': item 1 must be a number" in reasons[4]
    assert client.get("/v1/documents/ok2").status_code == 200
    assert client.get("/v1/documents/short").status_code == 404
    audio = client.get("/v1/stats").json()["vectors"]["audio"]
    assert (audio["vectors"], audio["dim"], audio["index"]) == (2, 3, "flat")


def test_similar_by_audio_never_returns_the_document_itself(client):
    bulk(client,
         track("t-metal-1", "Paranoid", [1.0, 0.1, 0.0], "metal"),
         track("t-metal-2", "Master of Puppets", [0.9, 0.2, 0.0], "metal"),
         track("t-metal-3", "Ace of Spades", [0.8, 0.3, 0.1], "metal"),
         track("t-jazz", "So What", [0.0, 0.1, 1.0], "jazz"),
         {"id": "al-metal", "type": "album", "name": "Paranoid", "audio_embedding": [1, 0, 0]},
         track("t-plain", "No Vector", None))
    r = client.get("/v1/similar", params={"id": "t-metal-1", "limit": 3})
    assert r.status_code == 200
    body = r.json()
    assert body["source"] == "audio"
    assert [h["id"] for h in body["hits"]] == ["al-metal", "t-metal-2", "t-metal-3"]
    assert all("audio_embedding" not in h for h in body["hits"])
    tracks = client.get("/v1/similar", params={"id": "t-metal-1", "type": "track"}).json()
    assert [h["id"] for h in tracks["hits"]] == ["t-metal-2", "t-metal-3", "t-jazz"]
    # A deleted document is never offered again.
    assert client.delete("/v1/documents/t-metal-2").status_code == 200
    again = client.get("/v1/similar", params={"id": "t-metal-1", "type": "track"}).json()
    assert "t-metal-2" not in {h["id"] for h in again["hits"]}
    # No audio vector and no text vectors on this engine: nothing to compare.
    plain = client.get("/v1/similar", params={"id": "t-plain"}).json()
    assert plain["hits"] == [] and plain.get("source") is None


def test_similar_for_an_unknown_id_is_404_and_a_bad_type_400(client):
    r = client.get("/v1/similar", params={"id": "nope"})
    assert r.status_code == 404
    assert r.headers["content-type"].startswith("application/problem+json")
    assert "no document with id 'nope'" in r.json()["detail"]
    bulk(client, track("t1", "Paranoid", [1.0, 0.0, 0.0]))
    assert client.get("/v1/similar", params={"id": "t1", "type": "song"}).status_code == 400


def test_search_modes_are_checked(client):
    r = client.get("/v1/search", params={"q": "paranoid", "mode": "vector"})
    assert r.status_code == 400
    assert "use one of auto, lexical, semantic, hybrid" in r.json()["detail"]
    assert client.get("/v1/search", params={"q": "x", "semantic_ratio": 2}).status_code == 422
    bulk(client, track("t1", "Paranoid", [1.0, 0.0, 0.0]))
    # Without text vectors every mode answers lexically, and says so.
    body = client.get("/v1/search", params={"q": "paranoid", "mode": "hybrid"}).json()
    assert body["mode"] == "lexical" and body["mode_reason"] == "no text vectors"
    assert body["hits"][0]["id"] == "t1"


# -- the demo catalog, with its text vectors --------------------------------------------


def search(client: TestClient, **params: object) -> dict:
    r = client.get("/v1/search", params=params)
    assert r.status_code == 200, r.text
    return r.json()


def test_upbeat_80s_synth_finds_80s_synth_pop_tracks(demo_client):
    body = search(demo_client, q="upbeat 80s synth", type="track", limit=5)
    assert body["mode"] == "hybrid"
    for hit in body["hits"]:
        assert any("synth" in g for g in hit["genres"]), hit
    assert sum(1980 <= h["year"] <= 1989 for h in body["hits"]) >= 3
    assert "Take On Me" in [h["name"] for h in body["hits"]]
    # Every type: the playlist made for it comes first.
    assert search(demo_client, q="upbeat 80s synth")["top"]["name"] == \
        "Upbeat 80s synth for running"


def test_rainy_day_acoustic_finds_the_playlist_and_acoustic_tracks(demo_client):
    body = search(demo_client, q="rainy day acoustic", explain="true")
    assert body["mode"] == "hybrid" and body["top"]["name"] == "Rainy day acoustic covers"
    fusion = body["hits"][0]["explain"]["fusion"]
    assert fusion["method"] == "rrf" and fusion["lexical_rank"] == 1
    assert fusion["semantic_rank"] <= 2 and fusion["similarity"] > 0.5
    features = {f["feature"]: f for f in body["hits"][0]["explain"]["features"]}
    assert features["vector"]["value"] == fusion["similarity"]
    tracks = search(demo_client, q="rainy day acoustic", type="track", limit=5)["hits"]
    assert all("acoustic" in h["name"].lower() for h in tracks), tracks


def test_musica_para_estudiar_finds_the_study_playlist(demo_client):
    for mode in ("auto", "hybrid", "semantic"):
        body = search(demo_client, q="música para estudiar", mode=mode)
        assert body["top"]["name"] == "Música para estudiar", mode
        assert body["top"]["genres"] == ["lo-fi"]
    assert search(demo_client, q="musica para estudiar")["top"]["name"] == \
        "Música para estudiar"


def test_a_description_found_only_by_meaning(demo_client):
    """No word of the query is in the documents: only the vectors can answer."""
    body = search(demo_client, q="songs to cry to after a breakup", limit=10)
    assert body["mode"] == "hybrid"
    names = [h["name"] for h in body["hits"]]
    assert "Heartbreak Rap" in names or "Baladas para llorar" in names, names


def test_names_are_answered_lexically_with_the_same_ranking(demo_client):
    for q in ("taylor swift", "shake it off", "bohemian rhapsody queen", "beyonce"):
        auto = search(demo_client, q=q)
        lexical = search(demo_client, q=q, mode="lexical")
        assert auto["mode"] == "lexical", (q, auto["mode_reason"])
        assert [h["id"] for h in auto["hits"]] == [h["id"] for h in lexical["hits"]]


def test_blend_with_a_semantic_ratio_moves_from_words_to_meaning(demo_client):
    words = search(demo_client, q="late night drive", mode="hybrid", semantic_ratio=0.0,
                   explain="true")
    meaning = search(demo_client, q="late night drive", mode="hybrid", semantic_ratio=1.0)
    assert words["hits"][0]["explain"]["fusion"]["method"] == "blend"
    lexical = search(demo_client, q="late night drive", mode="lexical")
    assert [h["id"] for h in words["hits"][:3]] == [h["id"] for h in lexical["hits"][:3]]
    semantic = search(demo_client, q="late night drive", mode="semantic")
    assert [h["id"] for h in meaning["hits"][:5]] == [h["id"] for h in semantic["hits"][:5]]


def test_similar_on_the_demo_uses_audio_else_text(demo_client):
    body = demo_client.get("/v1/similar", params={"id": "tr-a-ha-take-on-me",
                                                  "type": "track"}).json()
    assert body["source"] == "audio" and len(body["hits"]) == 10
    assert "tr-a-ha-take-on-me" not in {h["id"] for h in body["hits"]}
    shared = sum(bool({"synthpop", "new wave"} & set(h["genres"])) for h in body["hits"])
    assert shared >= 7, [(h["name"], h["genres"]) for h in body["hits"]]
    episode = demo_client.get("/v1/similar", params={"id": "s-ep-4", "limit": 5}).json()
    assert episode["source"] == "text" and len(episode["hits"]) == 5
    assert "s-ep-4" not in {h["id"] for h in episode["hits"]}


def test_ready_and_stats_say_how_far_the_text_vectors_are(demo_client):
    assert demo_client.get("/v1/ready").json()["text_vectors_backlog"] == 0
    text = demo_client.get("/v1/stats").json()["vectors"]["text"]
    assert text["caught_up"] is True and text["dim"] == 384
    assert text["vectors"] == demo_client.get("/v1/ready").json()["documents"]
