"""The README tour's filter, market, facet, sort and distinct examples, run as written
against the demo catalog: each answers, and what its comment promises holds."""

from __future__ import annotations

import shlex
import urllib.parse
from collections.abc import Iterator
from itertools import pairwise
from pathlib import Path

import pytest
from fastapi.testclient import TestClient

from segue.api import create_app
from segue.catalog import load_demo
from segue.config import Settings
from segue.engine import open_engine

README = Path(__file__).parents[2] / "README.md"
START = "# filters in Meilisearch's syntax"


def tour_commands() -> list[tuple[str, str]]:
    """(curl command, its trailing comment) for each example of the block."""
    lines = README.read_text().split(START, 1)[1].split("\n\n", 1)[0]
    joined = lines.replace("\\\n", " ").splitlines()
    out = []
    for line in joined:
        if not line.startswith("curl "):
            continue
        command, _, comment = line.partition("  #")
        out.append((command.strip(), comment.strip()))
    return out


def as_request(command: str) -> tuple[str, dict[str, str]]:
    words = shlex.split(command)
    url = next(w for w in words if w.startswith("localhost:8000"))
    parts = urllib.parse.urlsplit("http://" + url)
    params = dict(urllib.parse.parse_qsl(parts.query))
    for flag, value in pairwise(words):
        if flag == "--data-urlencode":
            key, _, val = value.partition("=")
            params[key] = val
    return parts.path, params


@pytest.fixture(scope="module")
def demo(tmp_path_factory: pytest.TempPathFactory) -> Iterator[TestClient]:
    settings = Settings(data_dir=tmp_path_factory.mktemp("demo"))
    engine = open_engine(settings)
    engine.load()
    assert all(r.ok for r in engine.index_documents(list(load_demo())))
    yield TestClient(create_app(engine, settings))
    engine.close()


def test_the_tour_has_the_examples():
    assert len(tour_commands()) == 6


@pytest.mark.parametrize(("command", "comment"), tour_commands())
def test_each_tour_example_does_what_it_says(demo: TestClient, command: str, comment: str):
    path, params = as_request(command)
    r = demo.get(path, params=params)
    if comment.startswith("400"):
        assert r.status_code == 400
        assert r.json()["unknown"] == ["genre"]
        return
    assert r.status_code == 200, r.text
    body = r.json()
    if "facets" in params:
        assert set(body["facets"]) == {"genres", "year", "decade", "explicit", "type"}
        assert body["facets"]["explicit"] == {"false": body["total"]}
        assert all(h["year"] >= 2000 and "SE" in h["markets"] for h in body["hits"])
        assert body["hits"]
    if "sort" in params:
        years = [h["year"] for h in body["hits"]]
        assert years == sorted(years) and len(years) == 5
    if comment == '"versions": 2':
        assert body["hits"][0]["versions"] == 2
    if comment == "both":
        ids = {h["id"] for h in body["hits"]}
        assert {"tr-queen-bohemian-rhapsody",
                "tr-queen-bohemian-rhapsody--greatest-hits"} <= ids
    if path == "/v1/suggest":
        assert body["suggestions"]
