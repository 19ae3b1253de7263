"""The curated facts: real names spelled as released, stable ids, credits, re-releases."""

from __future__ import annotations

import re
from collections import Counter

import pytest

from segue.catalog import facts

from .shape import check_document, cosine_by_group


@pytest.fixture(scope="module")
def docs() -> list[dict]:
    return facts.documents()


@pytest.fixture(scope="module")
def by_id(docs: list[dict]) -> dict[str, dict]:
    return {d["id"]: d for d in docs}


def test_many_artists_each_with_two_to_six_songs() -> None:
    assert len(facts.ARTISTS) >= 150
    for ar in facts.ARTISTS:
        # Two to six songs; a song may also appear on a compilation or as a remix.
        songs = {facts.base_title(s.title) for s in ar.songs}
        assert len(ar.songs) >= 2 and 1 <= len(songs) <= 6, ar.name


def test_many_languages(docs: list[dict]) -> None:
    langs = Counter(d["language"] for d in docs if d["type"] == "artist")
    assert len(langs) >= 15


def test_documents_have_the_shape_and_unique_readable_ids(docs: list[dict]) -> None:
    ids = [d["id"] for d in docs]
    assert len(ids) == len(set(ids))
    for d in docs:
        check_document(d, 32)
        assert re.fullmatch(r"(ar|al|tr)-[a-z0-9]+(-[a-z0-9]+)*(--[a-z0-9-]+)?", d["id"]), d["id"]


@pytest.mark.parametrize(("doc_id", "name", "aliases"), [
    ("ar-beyonce", "Beyoncé", []),
    ("ar-pink", "P!nk", ["Pink"]),
    ("ar-kesha", "Ke$ha", ["Kesha"]),
    ("ar-suicideboys", "$uicideboy$", []),
    ("ar-acdc", "AC/DC", []),
    ("ar-nsync", "*NSYNC", []),
    ("ar-motorhead", "Motörhead", []),
    ("ar-motley-crue", "Mötley Crüe", []),
    ("ar-simon-and-garfunkel", "Simon & Garfunkel", []),
    ("ar-florence-and-the-machine", "Florence + The Machine", []),
    ("ar-2pac", "2Pac", ["Tupac", "Tupac Shakur"]),
    ("ar-bts", "BTS", ["방탄소년단", "Bangtan Boys"]),
    ("ar-jung-kook", "Jung Kook", ["정국"]),
    ("ar-iu", "IU", ["아이유"]),
    ("ar-fujii-kaze", "Fujii Kaze", ["藤井 風"]),
    ("ar-utada-hikaru", "宇多田ヒカル", ["Utada Hikaru"]),
    ("ar-kenshi-yonezu", "米津玄師", ["Kenshi Yonezu"]),
    ("ar-jay-chou", "周杰倫", ["Jay Chou", "周杰伦"]),
    ("ar-gem", "G.E.M.", ["邓紫棋"]),
    ("ar-kino", "Кино", ["Kino"]),
    ("ar-zemfira", "Земфира", ["Zemfira"]),
    ("ar-leningrad", "Ленинград", ["Leningrad"]),
    ("ar-alla-pugacheva", "Алла Пугачёва", ["Alla Pugacheva"]),
    ("ar-fairuz", "Fairuz", ["فيروز"]),
    ("ar-sigur-ros", "Sigur Rós", []),
    ("ar-bjork", "Björk", []),
    ("ar-die-arzte", "Die Ärzte", []),
    ("ar-edith-piaf", "Édith Piaf", []),
    ("ar-maneskin", "Måneskin", []),
    ("ar-tarkan", "Tarkan", []),
    ("ar-arijit-singh", "Arijit Singh", []),
])
def test_names_and_aliases_as_released(
    by_id: dict[str, dict], doc_id: str, name: str, aliases: list[str]
) -> None:
    doc = by_id[doc_id]
    assert doc["type"] == "artist" and doc["name"] == name
    assert set(aliases) <= set(doc["aliases"])


def test_credits_are_in_the_artists_list(by_id: dict[str, dict]) -> None:
    assert by_id["tr-shawn-mendes-senorita"]["artists"] == ["Shawn Mendes", "Camila Cabello"]
    assert by_id["tr-luis-fonsi-despacito"]["artists"] == ["Luis Fonsi", "Daddy Yankee"]
    assert by_id["tr-beyonce-halo"]["album"] == "I Am... Sasha Fierce"
    assert by_id["tr-miley-cyrus-flowers"]["year"] == 2023


def test_rereleases_are_separate_documents_of_one_song(by_id: dict[str, dict]) -> None:
    first = by_id["tr-queen-bohemian-rhapsody"]
    again = by_id["tr-queen-bohemian-rhapsody--greatest-hits"]
    assert first["name"] == again["name"] and first["album"] != again["album"]
    assert again["popularity"] < first["popularity"]
    assert facts.base_title("Despacito - Remix") == facts.base_title("Despacito")
    assert facts.base_title("Love Story (Taylor's Version)") == "love story"


def test_every_album_a_track_names_exists_unless_single(docs: list[dict]) -> None:
    albums = {(d["artists"][0], d["name"]) for d in docs if d["type"] == "album"}
    for d in docs:
        if d["type"] == "track" and d["album"] != d["name"]:
            assert (d["artists"][0], d["album"]) in albums, d["id"]


def test_famous_is_popular(by_id: dict[str, dict]) -> None:
    assert by_id["ar-taylor-swift"]["popularity"] > by_id["ar-sigur-ros"]["popularity"]
    assert by_id["tr-beyonce-halo"]["popularity"] > 60


def test_deterministic_and_clustered(docs: list[dict]) -> None:
    assert facts.documents() == docs
    intra, inter = cosine_by_group([d for d in docs if d["type"] == "track"])
    assert intra > inter + 0.25, (intra, inter)


def test_the_table_file_reads_as_artists_and_their_songs():
    text = """# a comment
{"name": "AC/DC", "country": "AU", "lang": "en", "genres": ["rock"], "popularity": 85,\
 "slug": "acdc"}
  ["Back in Black", "Back in Black", 1980]
  ["Thunderstruck", null, 1990, "Someone", {"aliases": ["Thunder"], "explicit": true}]
{"name": "Beyoncé", "country": "US", "lang": "en", "genres": ["pop"], "popularity": 90.5}
"""
    acdc, beyonce = facts.load_artists(text)
    assert (acdc.slug, acdc.popularity, acdc.genres) == ("acdc", 85.0, ("rock",))
    assert acdc.songs == (facts.Song("Back in Black", "Back in Black", 1980),
                          facts.Song("Thunderstruck", None, 1990, ("Someone",), ("Thunder",),
                                     None, True))
    assert (beyonce.slug, beyonce.songs, beyonce.popularity) == ("beyonce", (), 90.5)


def test_a_typo_in_the_table_file_names_its_line():
    text = '{"name": "X", "country": "US", "lang": "en", "genres": [], "popularity": 1}\n' \
           '  ["Song", null, 2000, {"alias": ["typo"]}]\n'
    with pytest.raises(ValueError, match=r"facts.txt:2: .*unknown song options \['alias'\]"):
        facts.load_artists(text)
