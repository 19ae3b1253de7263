"""Words read otherwise than typed: joined, split, numbers, the wrong keyboard layout;
and the typo rules (first letter, transpositions, digits). Real names among
distractors that share their words."""

from __future__ import annotations

import json
from typing import Any

import pytest

from segue.analyzers import TypoBudget
from segue.engine import EmbeddedEngine
from segue.indexer.vocabulary import Vocabulary
from segue.query import SearchRequest

CATALOG = [
    {"id": "onerepublic", "type": "artist", "name": "OneRepublic", "popularity": 80},
    {"id": "republic", "type": "track", "name": "Republic", "artists": ["The Cats"],
     "popularity": 30},
    {"id": "one", "type": "track", "name": "One", "artists": ["Metallica"], "popularity": 70},
    {"id": "metallica", "type": "artist", "name": "Metallica", "popularity": 85},
    {"id": "maroon5", "type": "artist", "name": "Maroon 5", "popularity": 85},
    {"id": "maroon", "type": "track", "name": "Maroon", "artists": ["Taylor Swift"],
     "popularity": 60},
    {"id": "linkinpark", "type": "artist", "name": "Linkin Park", "popularity": 85},
    {"id": "park", "type": "track", "name": "Park", "artists": ["Frank Ocean"],
     "popularity": 50},
    {"id": "fleetwoodmac", "type": "artist", "name": "Fleetwood Mac", "popularity": 80},
    {"id": "deadmau5", "type": "artist", "name": "deadmau5", "popularity": 70},
    {"id": "2pac", "type": "artist", "name": "2Pac", "popularity": 85},
    {"id": "pacman", "type": "track", "name": "Pac Man", "artists": ["Namco"],
     "popularity": 20},
    {"id": "the1975", "type": "artist", "name": "The 1975", "popularity": 75},
    {"id": "seventyfive", "type": "track", "name": "Seventy Five", "artists": ["Nobody"],
     "popularity": 10},
    {"id": "21pilots", "type": "artist", "name": "Twenty One Pilots", "popularity": 80},
    {"id": "cinco", "type": "track", "name": "Cinco de Mayo", "artists": ["Chingy"],
     "popularity": 40},
    {"id": "kino", "type": "artist", "name": "Кино", "popularity": 70},
    {"id": "ruby", "type": "track", "name": "Ruby", "artists": ["Kaiser Chiefs"],
     "popularity": 60},
    {"id": "privet", "type": "track", "name": "Привет", "artists": ["Кино"], "popularity": 40},
    {"id": "okean", "type": "artist", "name": "Океан Ельзі", "popularity": 55},
    {"id": "theodorakis", "type": "artist", "name": "Μίκης Θεοδωράκης", "popularity": 50},
    {"id": "omer", "type": "artist", "name": "עומר אדם", "popularity": 50},
    {"id": "dre2001", "type": "album", "name": "2001", "artists": ["Dr. Dre"], "popularity": 70},
    {"id": "y2000", "type": "track", "name": "2000", "artists": ["Someone"], "popularity": 80},
    {"id": "nelly", "type": "artist", "name": "Nelly", "popularity": 80},
    {"id": "kelli", "type": "artist", "name": "Kelli", "popularity": 40},
    {"id": "shakira", "type": "artist", "name": "Shakira", "popularity": 80},
    {"id": "gnr", "type": "artist", "name": "Guns N' Roses", "popularity": 80},
    {"id": "roses", "type": "track", "name": "Roses", "artists": ["Outkast"], "popularity": 60},
    {"id": "soad", "type": "artist", "name": "System Of A Down", "popularity": 80},
    {"id": "blink", "type": "artist", "name": "blink-182", "popularity": 75},
    {"id": "vykhoda", "type": "track", "name": "Выхода нет", "artists": ["Сплин"],
     "popularity": 50},
    {"id": "kazhdy", "type": "track", "name": "Каждый раз", "artists": ["Монеточка"],
     "popularity": 50},
    {"id": "yafe", "type": "track", "name": "יפה שלי", "artists": ["Omer Adam"],
     "popularity": 50},
    {"id": "akhtar", "type": "artist", "name": "Wayne Akhtar", "popularity": 70},
    {"id": "cardib", "type": "artist", "name": "Cardi B", "popularity": 80},
    {"id": "cardi", "type": "track", "name": "Cardi", "artists": ["Ola Nordmann"],
     "popularity": 60},
    {"id": "feelgoodinc", "type": "track", "name": "Feel Good Inc.", "artists": ["Gorillaz"],
     "popularity": 75},
    {"id": "feelgood", "type": "track", "name": "Feelgood", "artists": ["Kip Lange"],
     "popularity": 70},
    {"id": "luftballons", "type": "track", "name": "99 Luftballons", "artists": ["Nena"],
     "popularity": 60},
    {"id": "problems", "type": "track", "name": "99 Problems", "artists": ["JAY-Z"],
     "popularity": 75},
    {"id": "24kmagic", "type": "track", "name": "24K Magic", "artists": ["Bruno Mars"],
     "popularity": 80},
    {"id": "magic", "type": "track", "name": "Magic", "artists": ["Coldplay"],
     "popularity": 75},
    {"id": "3d", "type": "track", "name": "3D", "artists": ["Jung Kook"], "popularity": 83},
    {"id": "3d-dutty", "type": "track", "name": "3D Dutty", "artists": ["Sam Kapa"],
     "popularity": 30},
    {"id": "dtmf", "type": "track", "name": "DtMF", "artists": ["Bad Bunny"], "popularity": 78},
    {"id": "dtmf-dulhania", "type": "track", "name": "DtMF Dulhania",
     "artists": ["Maxwell Faya"], "popularity": 60},
    {"id": "dtmf-night", "type": "track", "name": "DtMF Night", "artists": ["Geboorte"],
     "popularity": 50},
]


@pytest.fixture(scope="module")
def engine(tmp_path_factory: pytest.TempPathFactory):
    from segue.config import Settings
    from segue.engine import open_engine

    engine = open_engine(Settings(data_dir=tmp_path_factory.mktemp("readings")))
    engine.load()
    assert all(r.ok for r in engine.index_documents(CATALOG))
    yield engine
    engine.close()


def search(engine: EmbeddedEngine, q: str) -> list[dict[str, Any]]:
    return engine.search(SearchRequest(q=q, limit=5, explain=True)).hits


def first(engine: EmbeddedEngine, q: str) -> tuple[str, list[tuple[str, str | None]]]:
    hit = search(engine, q)[0]
    return hit["id"], [(m["kind"], m.get("reading")) for m in hit["explain"]["matches"]]


@pytest.mark.parametrize(("query", "expected", "reading"), [
    ("one republic", "onerepublic", "onerepublic"),   # two words joined
    ("one repub", "onerepublic", "onerepublic"),      # ... while typing the second
    ("deadmau 5", "deadmau5", "deadmau5"),
    ("two pac", "2pac", "2pac"),                      # a number word joined as digits
    ("maroon5", "maroon5", "maroon 5"),               # one word split in two
    ("linkinpark", "linkinpark", "linkin park"),
    ("fleetwoodmac", "fleetwoodmac", "fleetwood mac"),
    ("gunsnroses", "gnr", "guns n roses"),            # ... or in three, or four
    ("systemofadown", "soad", "system of a down"),
    ("cardib", "cardib", "cardi b"),                  # a one-letter word at the end
    ("feelgood inc", "feelgoodinc", "feel good"),     # a word that is a name itself
])
def test_joined_and_split_words_find_the_name(engine: EmbeddedEngine, query: str,
                                              expected: str, reading: str) -> None:
    doc, matches = first(engine, query)
    assert doc == expected
    assert ("compound", reading) in matches


@pytest.mark.parametrize("query", ["dt mf", "dt mf "])
def test_words_joined_into_a_whole_name_beat_longer_names(engine: EmbeddedEngine,
                                                          query: str) -> None:
    """"dt mf" is the whole of "DtMF" once joined, while "DtMF Dulhania" holds it and
    more: the shorter name is the whole-name match, typed or still typing."""
    doc, matches = first(engine, query)
    assert doc == "dtmf"
    assert ("compound", "dtmf") in matches


def test_a_split_needs_both_parts_side_by_side(engine: EmbeddedEngine) -> None:
    # "Park" alone holds one part of "linkinpark": not a match of the split word.
    assert [h["id"] for h in search(engine, "linkinpark")] == ["linkinpark"]


def test_a_join_ranks_like_a_one_typo_match(engine: EmbeddedEngine) -> None:
    hit = search(engine, "one republic")[0]
    # One typo for the concatenation in all: the first word carries it, "republic"
    # (joined into it) none, so two words joined cost what one mistyped word does.
    typos = [m["typos"] for m in hit["explain"]["matches"] if m["kind"] == "compound"]
    assert sorted(typos) == [0, 1]
    assert search(engine, "onerepublic")[0]["score"] > hit["score"]  # typed as named


@pytest.mark.parametrize(("query", "expected"), [
    ("maroon five", "maroon5"),
    ("the nineteen seventy five", "the1975"),
    ("the 1975", "the1975"),
    ("21 pilots", "21pilots"),
    ("twenty one pilots", "21pilots"),
    ("5 de mayo", "cinco"),
    ("blink one eighty two", "blink"),    # digits said in groups
    ("blink one eight two", "blink"),     # ... or one by one
    ("neunundneunzig luftballons", "luftballons"),  # German
    ("twenty four k magic", "24kmagic"),  # a number run written onto the next word
    ("three d", "3d"),                    # ... and the whole name, not "3D Dutty"
])
def test_number_words_and_digits_meet(engine: EmbeddedEngine, query: str,
                                      expected: str) -> None:
    assert first(engine, query)[0] == expected


@pytest.mark.parametrize(("query", "expected", "reading"), [
    ("rbyj", "kino", "кино"),                  # Russian typed on Latin keys
    ("ghbdtn", "privet", "привет"),
    ("jrtfy", "okean", "океан"),               # Ukrainian
    ("mikhw ueodvrakhw", "theodorakis", "μικης"),   # Greek: W types the final sigma
    ("gunr tso", "omer", "עומר"),              # Hebrew
    ("ьуефддшсф", "metallica", "metallica"),   # a Latin name typed on Russian keys
    ("ds[jlf ytn", "vykhoda", "выхода"),       # "[" is a letter on ЙЦУКЕН
    ("rf;lsq hfp", "kazhdy", "каждый"),        # ";" too: "rf;lsq" reads as one word
    ("hpv akh", "yafe", "יפה"),                # "akh" begins a Latin name as typed
    ("rf;lsq hfq", "kazhdy", "каждый"),        # a typo on the layout: "рай" for "раз"
])
def test_the_wrong_keyboard_layout_is_read_on_the_right_one(
        engine: EmbeddedEngine, query: str, expected: str, reading: str) -> None:
    doc, matches = first(engine, query)
    assert doc == expected
    assert ("layout", reading) in matches


def test_a_good_match_as_typed_is_not_read_on_another_layout(engine: EmbeddedEngine) -> None:
    # "ruby" is a word as typed; its Russian-layout reading "кгин" is never tried.
    doc, matches = first(engine, "ruby")
    assert doc == "ruby" and all(kind != "layout" for kind, _ in matches)


def test_digits_are_not_typos_of_other_digits(engine: EmbeddedEngine) -> None:
    assert [h["id"] for h in search(engine, "2001")] == ["dre2001"]
    assert [h["id"] for h in search(engine, "2000")] == ["y2000"]


def test_a_first_letter_typo_costs_more_than_one_inside(engine: EmbeddedEngine) -> None:
    # Both are one edit from "kelly"; Nelly is twice as popular but starts otherwise.
    assert [h["id"] for h in search(engine, "kelly")][:2] == ["kelli", "nelly"]


def test_a_transposition_is_one_typo(engine: EmbeddedEngine) -> None:
    hit = search(engine, "shakria")[0]
    assert hit["id"] == "shakira"
    assert [m["typos"] for m in hit["explain"]["matches"]] == [1]


def test_the_vocabulary_applies_the_typo_rules() -> None:
    vocab = Vocabulary(TypoBudget())
    for term in ("2000", "2001", "nelly", "kelli", "shakira", "blink182"):
        vocab.term_id(term)
    vocab.compact()
    found = {vocab.terms[t]: typos for t, typos in vocab.within("kelly", 1)}
    assert found == {"kelli": 1, "nelly": 2}
    assert vocab.within("2001", 1) == []
    assert [vocab.terms[t] for t, _ in vocab.within("blink183", 1)] == []
    assert {vocab.terms[t]: n for t, n in vocab.within("shakria", 1)} == {"shakira": 1}


def test_a_split_word_is_as_long_as_the_name_it_splits_into(make_engine) -> None:
    # Forty one-word sound-alikes ("Grenade") look like whole-name matches of the one
    # typed word; "greenday" is two words long, like "Green Day", and must stay among
    # the candidates that get their full features.
    sound_alikes = [{"id": f"grenade{i}", "type": "track", "name": "Grenade",
                     "artists": [f"Band {i}"], "popularity": 70} for i in range(40)]
    engine = make_engine([
        *sound_alikes,
        {"id": "ar-green-day", "type": "artist", "name": "Green Day", "popularity": 60},
        {"id": "dookie", "type": "album", "name": "Dookie", "artists": ["Green Day"],
         "popularity": 60},
    ])
    assert search(engine, "greenday")[0]["id"] == "ar-green-day"


@pytest.mark.parametrize(("query", "corrected"), [
    ("blink one eight two", "blink 182"),
    ("twenty four k magic", "24k magic"),
    ("one republic", "onerepublic"),
    ("cardib", "cardi b"),           # the split, not "cardi" one typo away
])
def test_did_you_mean_shows_numbers_and_joins_as_matched(engine: EmbeddedEngine, query: str,
                                                         corrected: str) -> None:
    assert engine.search(SearchRequest(q=query, limit=5)).corrected_query == corrected


def test_the_cluster_recalls_a_join_as_strongly_as_a_word_typed_exactly() -> None:
    """"young blood": the documents holding both words must not crowd Youngblood out of
    the cluster's candidates, so the joined term asks as much as an exact word."""
    from segue.query import build_query, parse_query
    from segue.query.readings import split_points

    body = json.dumps(build_query(parse_query("young blood "), TypoBudget()))
    exact = '{"term": {"terms": {"value": "young", "boost": 3.0}}}'
    joined = '{"term": {"terms": {"value": "youngblood", "boost": 3.0}}}'
    assert exact in body and joined in body
    # ... and a long word's cuts include a one-letter word at its end (Cardi B).
    assert ("cardi", "b") in split_points("cardib")
