"""The synthetic generator: deterministic, valid, multilingual, Zipf, clustered, streamed."""

from __future__ import annotations

import itertools
import re
import tracemalloc
import unicodedata
from collections import Counter

import orjson
import pytest

from segue.catalog import generate
from segue.catalog.synthetic import zipf_popularity

from .shape import check_document, cosine_by_group

N = 6000


@pytest.fixture(scope="module")
def docs() -> list[dict]:
    return list(generate(N, seed=11))


def _bytes(size: int, seed: int, **kw: object) -> bytes:
    return b"".join(orjson.dumps(d) + b"\n" for d in generate(size, seed, **kw))


def test_same_seed_same_bytes_other_seed_other_bytes() -> None:
    assert _bytes(1500, 3) == _bytes(1500, 3)
    assert _bytes(1500, 3) != _bytes(1500, 4)


@pytest.mark.parametrize("size", [0, 1, 2, 7, 333])
def test_exact_size(size: int) -> None:
    assert sum(1 for _ in generate(size, seed=1)) == size


def test_every_document_has_the_shape(docs: list[dict]) -> None:
    for d in docs:
        check_document(d, 32)


def test_other_dimension_and_prefix() -> None:
    out = list(generate(300, seed=2, audio_dim=8, id_prefix="bench"))
    for d in out:
        check_document(d, 8)
        assert d["id"].startswith("bench-")


def test_ids_unique_and_typed(docs: list[dict]) -> None:
    ids = [d["id"] for d in docs]
    assert len(set(ids)) == len(ids)
    code = {"artist": "ar", "album": "al", "track": "tr", "playlist": "pl", "episode": "ep"}
    assert all(re.fullmatch(rf"s-{code[d['type']]}-\d+", d["id"]) for d in docs)


def test_type_proportions(docs: list[dict]) -> None:
    share = {k: v / N for k, v in Counter(d["type"] for d in docs).items()}
    assert set(share) == {"track", "artist", "album", "playlist", "episode"}
    assert 0.65 < share["track"] < 0.85
    assert 0.04 < share["artist"] < 0.12 and 0.05 < share["album"] < 0.15
    assert 0.02 < share["playlist"] < 0.06 and 0.015 < share["episode"] < 0.05


def test_popularity_is_exactly_zipf_by_rank(docs: list[dict]) -> None:
    got = sorted((d["popularity"] for d in docs), reverse=True)
    assert got == [zipf_popularity(r) for r in range(1, N + 1)]


def test_artist_is_the_most_popular_of_its_block(docs: list[dict]) -> None:
    artist = None
    for d in docs:
        if d["type"] == "artist":
            artist = d
        elif d["type"] in ("album", "track") and artist and d["artists"][0] == artist["name"]:
            assert d["popularity"] <= artist["popularity"]


def test_albums_group_tracks_of_their_artist(docs: list[dict]) -> None:
    albums = {(d["artists"][0], d["name"]) for d in docs if d["type"] == "album"}
    on_album = [d for d in docs if d["type"] == "track" and (d["artists"][0], d["album"]) in albums]
    assert len(on_album) > 0.6 * sum(d["type"] == "track" for d in docs)
    assert all(len(d["artists"]) >= 1 for d in on_album)


def _scripts(text: str) -> set[str]:
    out = set()
    for ch in text:
        if ch.isalpha():
            name = unicodedata.name(ch, "")
            out.add(name.split()[0])
    return out


def test_many_languages_and_scripts(docs: list[dict]) -> None:
    langs = Counter(d["language"] for d in docs)
    assert len(langs) >= 18 and langs["en"] < 0.6 * N
    scripts = set().union(*(_scripts(d["name"] + " ".join(d["artists"])) for d in docs))
    for s in ("LATIN", "CYRILLIC", "GREEK", "CJK", "HANGUL", "HIRAGANA", "ARABIC"):
        assert s in scripts, s
    # Native-script artists carry a romanized alias, like Кино / Kino.
    cyr = [d for d in docs if d["type"] == "artist" and "CYRILLIC" in _scripts(d["name"])]
    assert cyr and all(d["aliases"] and d["aliases"][0].isascii() for d in cyr)


def test_realistic_name_patterns(docs: list[dict]) -> None:
    names = [d["name"] for d in docs if d["type"] == "track"]
    artists = [d["name"] for d in docs if d["type"] == "artist"]
    assert sum(" feat. " in n or "(feat. " in n for n in names) > 0.02 * len(names)
    assert any("(with " in n for n in names) and any(n.endswith(" - Remix") for n in names)
    featured = [d for d in docs if d["type"] == "track" and "feat" in d["name"]]
    assert all(len(d["artists"]) == 2 and d["artists"][1] in d["name"] for d in featured)
    assert any(a.startswith("The ") for a in artists)
    for sym in "$!&+/*":
        assert any(sym in a for a in artists), sym
    assert any(unicodedata.normalize("NFD", a) != a for a in artists if a.isascii() is False)
    playlists = [d for d in docs if d["type"] == "playlist"]
    assert len({d["name"] for d in playlists}) > len(playlists) / 3


def test_audio_vectors_cluster_by_genre(docs: list[dict]) -> None:
    tracks = [d for d in docs if d["type"] == "track"][:1500]
    intra, inter = cosine_by_group(tracks)
    assert intra > inter + 0.3, (intra, inter)


def test_tracks_sit_near_their_artist(docs: list[dict]) -> None:
    import numpy as np

    by_artist: dict[str, list] = {}
    for d in docs:
        if d["type"] == "track":
            by_artist.setdefault(d["artists"][0], []).append(d["audio_embedding"])
    own = [float(np.mean(np.array(v) @ np.array(v).T)) for v in by_artist.values() if len(v) > 3]
    _, inter = cosine_by_group([d for d in docs if d["type"] == "track"][:1500])
    assert np.mean(own) > 0.8 > inter


def test_streams_in_bounded_memory() -> None:
    gen = generate(200_000, seed=5)
    list(itertools.islice(gen, 500))  # load pools and warm caches first
    tracemalloc.start()
    for _ in itertools.islice(gen, 20_000):
        pass
    _, peak = tracemalloc.get_traced_memory()
    tracemalloc.stop()
    assert peak < 8 * 2**20, f"peak {peak / 2**20:.1f} MiB while streaming"
