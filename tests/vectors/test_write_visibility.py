"""`_bulk` says what is searchable when it answers: `refresh=wait_for` waits for the
words only, `vectors_pending` counts the request's documents whose text vectors are
still coming, and `wait_for_vectors` waits for those, bounded, saying when it gave up.
A real engine and the real text model; the embedder is kept busy by a real load."""

from __future__ import annotations

import orjson
import pytest
from fastapi.testclient import TestClient

from segue.api import create_app
from segue.catalog import generate
from segue.config import Settings
from segue.engine import open_engine

from .conftest import MODEL

NDJSON = {"content-type": "application/x-ndjson"}


def body(docs: list[dict]) -> bytes:
    return b"".join(orjson.dumps({"index": {"_id": d["id"]}}) + b"\n" + orjson.dumps(d)
                    + b"\n" for d in docs)


@pytest.fixture
def client(tmp_path, embedder) -> TestClient:
    settings = Settings(data_dir=tmp_path / "d", text_model=MODEL)
    engine = open_engine(settings)
    engine.load()
    yield TestClient(create_app(engine, settings))
    engine.close()


LOAD = list(generate(2_000, seed=23))  # seconds of embedding, milliseconds of words
FEW = [
    {"id": "t-ode", "type": "track", "name": "Ода к радости", "artists": ["Бетховен"],
     "genres": ["classical"], "description": "a choir sings of joy"},
    {"id": "t-cafe", "type": "track", "name": "Café de Flore", "artists": ["Doctor Rockit"],
     "genres": ["ambient"], "description": "slow piano for a quiet morning"},
]


def test_wait_for_answers_when_words_are_searchable_not_vectors(client) -> None:
    r = client.post("/v1/documents/_bulk?refresh=wait_for", content=body(LOAD),
                    headers=NDJSON)
    assert r.status_code == 200, r.text
    answer = r.json()
    assert answer["errors"] is False and answer["vectors_timed_out"] is False
    # Answered before the embedder was done with this request's documents...
    assert 0 < answer["vectors_pending"] <= len(LOAD)
    # ...and they are searchable by their words already.
    name = LOAD[-1]["name"]
    hits = client.get("/v1/search", params={"q": name, "mode": "lexical"}).json()["hits"]
    assert LOAD[-1]["id"] in [h["id"] for h in hits]


def test_wait_for_vectors_waits_for_this_request_and_says_when_it_gave_up(client) -> None:
    r = client.post("/v1/documents/_bulk?wait_for_vectors=true&timeout=60s",
                    content=body(FEW), headers=NDJSON)
    answer = r.json()
    assert answer["vectors_pending"] == 0 and answer["vectors_timed_out"] is False
    hits = client.get("/v1/search", params={"q": "joyful choir", "mode": "semantic",
                                            "limit": 1}).json()["hits"]
    assert hits[0]["id"] == "t-ode"
    assert answer["took"] >= 0

    r = client.post("/v1/documents/_bulk?wait_for_vectors=true&timeout=50ms",
                    content=body(LOAD), headers=NDJSON)
    answer = r.json()
    assert answer["vectors_timed_out"] is True and answer["vectors_pending"] > 0
    assert client.get("/v1/ready").json()["text_vectors_backlog"] > 0


@pytest.mark.parametrize("timeout", ["forever", "-1s", "5 s", "10 minutes"])
def test_a_bad_timeout_is_a_problem_that_names_it(client, timeout: str) -> None:
    """The form is in the OpenAPI document (a pattern), so a malformed one is the 422
    every invalid parameter gets; a well-formed one past 120 s is cut to 120 s."""
    r = client.post("/v1/documents/_bulk", params={"wait_for_vectors": "true",
                                                   "timeout": timeout},
                    content=body(FEW), headers=NDJSON)
    assert r.status_code == 422
    assert r.headers["content-type"].startswith("application/problem+json")
    assert "'timeout'" in r.json()["detail"]
