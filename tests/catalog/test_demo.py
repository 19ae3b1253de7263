"""The bundled demo catalog: the shipped file is build_demo(), facts sit on top."""

from __future__ import annotations

from collections import Counter
from importlib import resources

import pytest

from segue.catalog import build_demo, load_demo
from segue.catalog.demo import DEMO_FILE, ZIPF_K, ZIPF_S
from segue.catalog.synthetic import zipf_popularity

from .shape import check_document


@pytest.fixture(scope="module")
def shipped() -> list[dict]:
    return list(load_demo())


def test_shipped_file_is_build_demo(shipped: list[dict]) -> None:
    assert shipped == build_demo(), "run `python -m segue.catalog.demo` and commit the file"


def test_small_enough_to_ship() -> None:
    size = len(resources.files("segue.catalog").joinpath(DEMO_FILE).read_bytes())
    assert size < 1_500_000


def test_size_types_languages(shipped: list[dict]) -> None:
    assert 3000 <= len(shipped) <= 5000
    types = Counter(d["type"] for d in shipped)
    assert set(types) == {"track", "artist", "album", "playlist", "episode"}
    assert types["track"] > len(shipped) / 2
    assert len({d["language"] for d in shipped}) >= 20


def test_shape_and_unique_ids(shipped: list[dict]) -> None:
    assert len({d["id"] for d in shipped}) == len(shipped)
    for d in shipped:
        check_document(d, 32)


def test_zipf_overall_with_real_hits_on_top(shipped: list[dict]) -> None:
    pops = sorted((d["popularity"] for d in shipped), reverse=True)
    assert pops == [zipf_popularity(r, ZIPF_S, ZIPF_K) for r in range(1, len(pops) + 1)]
    real = [d["popularity"] for d in shipped if not d["id"].startswith("s-")]
    fake = [d["popularity"] for d in shipped if d["id"].startswith("s-")]
    assert min(real) >= max(fake)
    by_id = {d["id"]: d for d in shipped}
    assert by_id["ar-taylor-swift"]["popularity"] == 100.0
    assert by_id["tr-beyonce-halo"]["popularity"] > by_id["tr-sigur-ros-hoppipolla"]["popularity"]


def test_playlists_and_episodes_read_like_real_ones(shipped: list[dict]) -> None:
    playlists = [d for d in shipped if d["type"] == "playlist"]
    episodes = [d for d in shipped if d["type"] == "episode"]
    assert len({d["language"] for d in playlists}) >= 5
    assert all(len(d["description"]) > 10 for d in playlists + episodes)
    assert len({d["show"] for d in episodes}) > len(episodes) / 4
