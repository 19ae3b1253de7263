"""The chart collection is what it claims to be: 50,000 documents whose long tail
competes with the real chart, judgments that name real documents with one meant
answer each, halves fixed by their seed, and queries typed the way the rules say."""

from __future__ import annotations

from collections import Counter, defaultdict

import pytest

from .build_chart import CATEGORIES, LAYOUTS, SPLIT_SEED, latin_keys, on_russian_keys, split
from .chart import SIZE, is_real, load_corpus, load_queries


@pytest.fixture(scope="module")
def docs() -> list[dict]:
    return load_corpus()


@pytest.fixture(scope="module")
def rows() -> list[dict]:
    return load_queries()


def test_fifty_thousand_documents_mostly_long_tail(docs: list[dict]) -> None:
    assert len(docs) == SIZE == len({d["id"] for d in docs})
    tail = Counter(d["type"] for d in docs if not is_real(d["id"]))
    assert sum(tail.values()) >= 40_000
    assert min(tail[t] for t in ("track", "artist", "album")) >= 5_000


def test_the_long_tail_shares_names_with_the_chart(docs: list[dict]) -> None:
    tail = [d for d in docs if not is_real(d["id"])]
    names = {d["name"] for d in tail}
    assert {"Hell", "Björk", "2000"} <= names  # exact short names, a famous one as a title
    assert any(d["type"] == "artist" and d["name"].startswith("Björk ") for d in tail)
    assert sum(d["name"].casefold().startswith("cal") for d in tail) >= 100
    real_titles = {d["name"] for d in docs if is_real(d["id"]) and d["type"] == "track"}
    covers = [d for d in tail if d["type"] == "track" and d["name"] in real_titles]
    assert len(covers) >= 200  # the same title by someone else


def test_popularity_alone_cannot_decide(docs: list[dict]) -> None:
    """Over a thousand long-tail documents are more popular than a quarter of the real
    chart."""
    real = sorted(d["popularity"] for d in docs if is_real(d["id"]))
    quartile = real[len(real) // 4]
    above = sum(d["popularity"] > quartile for d in docs if not is_real(d["id"]))
    assert above >= 1_000, (quartile, above)


def test_every_judgment_names_real_documents_with_one_meant(docs: list[dict],
                                                           rows: list[dict]) -> None:
    ids = {d["id"] for d in docs}
    assert [r["qid"] for r in rows] == sorted({r["qid"] for r in rows})
    for r in rows:
        assert r["category"] in CATEGORIES
        assert set(r["relevant"]) <= ids, r["qid"]
        meant = [k for k, v in r["relevant"].items() if v == 2]
        assert len(meant) == (0 if r["category"] == "no_answer" else 1), r
        assert r["judge"] == ("top" if r["category"] in ("artist", "no_answer") else "hits")


def test_no_answer_queries_name_nothing_in_the_catalog(docs: list[dict],
                                                      rows: list[dict]) -> None:
    names = {d["name"].casefold() for d in docs}
    for r in rows:
        if r["category"] == "no_answer":
            assert r["query"].casefold() not in names and not r["relevant"]


def test_halves_are_the_seeded_stratified_split(rows: list[dict]) -> None:
    assert SPLIT_SEED == 1_304
    again = split([{k: v for k, v in r.items() if k != "half"} for r in rows])
    assert [r["half"] for r in again] == [r["half"] for r in rows]
    per: dict[str, Counter[str]] = defaultdict(Counter)
    for r in rows:
        per[r["category"]][r["half"]] += 1
    for category in CATEGORIES:
        assert abs(per[category]["tune"] - per[category]["held_out"]) <= 1, category


def test_every_category_has_enough_queries(rows: list[dict]) -> None:
    counts = Counter(r["category"] for r in rows)
    assert 600 <= len(rows) <= 1000
    assert min(counts[c] for c in CATEGORIES) >= 40, counts


@pytest.mark.parametrize(("name", "layout", "typed"), [
    ("Кино", "ru", "rbyj"), ("Земфира", "ru", "ptvabhf"), ("Скрябін", "uk", "crhz,sy"),
    ("Βαγγέλης", "el", "baggelhw"), ("עפרה חזה", "he", "gprv jzv"),
])
def test_wrong_layout_queries_are_the_keys_pressed(name: str, layout: str, typed: str) -> None:
    assert latin_keys(name, layout) == typed
    assert set(LAYOUTS[layout].values()) <= set("qwertyuiop[]asdfghjkl;'zxcvbnm,.`")


def test_latin_names_typed_on_the_russian_layout() -> None:
    assert on_russian_keys("Beyoncé") == "иунщтсу"
    assert on_russian_keys("Ed Sheeran") == "ув ыруукфт"


def test_the_issue_examples_are_asked(rows: list[dict]) -> None:
    asked = {(r["category"], r["query"]) for r in rows}
    for example in [("prefix", "hotel cal"), ("prefix", "smells like te"),
                    ("prefix", "sweet child o"), ("prefix", "la vie en r"),
                    ("exact_vs_popular", "hell"), ("artist", "ed shiran"),
                    ("artist", "lana del ray"), ("artist", "jay-zee"), ("artist", "bjork"),
                    ("split_join", "one republic"), ("split_join", "fleetwoodmac"),
                    ("split_join", "maroon5"), ("split_join", "deadmau 5"),
                    ("numbers", "two pac"), ("numbers", "the nineteen seventy five"),
                    ("numbers", "2001"), ("layout", "rbyj"), ("no_answer", "zzzzqqq"),
                    ("no_answer", "xkcdqwzt")]:
        assert example in asked, example
