"""The relevance collection is well-formed, complete, reproducible and true to its rules."""

from __future__ import annotations

import json
import math
import unicodedata
from collections import Counter

import pytest

from segue.catalog import load_demo

from .build_collection import (
    NATIVE_SCRIPT,
    PHONETIC,
    TOP_TRACKS,
    Corpus,
    build,
    casefold,
    clean_title,
    scripts,
    strip_accents,
)
from .corpus import CATEGORIES, DISTRACTORS, QUERIES_FILE, load_corpus, load_queries, qrels


@pytest.fixture(scope="module")
def queries() -> list[dict]:
    return load_queries()


@pytest.fixture(scope="module")
def corpus() -> Corpus:
    return Corpus(load_corpus())


def target(q: dict, corpus: Corpus) -> dict:
    (doc_id,) = [i for i, g in q["relevant"].items() if g == 2]
    return corpus.by_id[doc_id]


def test_valid_jsonl_with_the_documented_fields(queries: list[dict]) -> None:
    lines = QUERIES_FILE.read_text(encoding="utf-8").splitlines()
    assert len(lines) == len(queries) and all(lines)
    for q in queries:
        assert {"qid", "query", "category", "relevant"} <= set(q) <= {
            "qid", "query", "category", "relevant", "user", "edit"}
        assert isinstance(q["query"], str) and q["query"] == q["query"].strip() != ""
        assert q["category"] in CATEGORIES
        assert q["relevant"] and all(g in (1, 2) for g in q["relevant"].values())


def test_size_and_categories(queries: list[dict]) -> None:
    assert len(queries) >= 300
    per = Counter(q["category"] for q in queries)
    assert set(per) == set(CATEGORIES)
    assert min(per.values()) >= 25, per


def test_ids_unique_and_exactly_one_meant_document(queries: list[dict]) -> None:
    assert len({q["qid"] for q in queries}) == len(queries)
    asked = {(casefold(q["query"]), repr(q.get("user"))) for q in queries}
    assert len(asked) == len(queries)
    assert all(list(q["relevant"].values()).count(2) == 1 for q in queries)
    assert qrels(queries)[queries[0]["qid"]] == queries[0]["relevant"]


def test_every_judged_document_is_in_the_corpus(queries: list[dict], corpus: Corpus) -> None:
    missing = {i for q in queries for i in q["relevant"] if i not in corpus.by_id}
    assert not missing


def test_corpus_is_demo_plus_distractors(corpus: Corpus) -> None:
    demo = sum(1 for _ in load_demo())
    assert len(corpus.docs) == demo + DISTRACTORS
    assert sum(d["id"].startswith("d-") for d in corpus.docs) == DISTRACTORS
    assert len(corpus.by_id) == len(corpus.docs)


def test_committed_file_is_what_the_rules_build(queries: list[dict]) -> None:
    assert build() == queries, "run `python -m tests.relevance.build_collection` and commit"


def test_typos_one_edit_balanced_never_a_corpus_word(queries: list[dict], corpus: Corpus) -> None:
    typos = [q for q in queries if q["category"] == "typo"]
    assert len(set(Counter(q["edit"] for q in typos).values())) == 1  # equal shares
    for q in typos:
        doc = target(q, corpus)
        written = (clean_title(doc["name"]) if doc["type"] == "track" else doc["name"]).lower()
        got, want = q["query"].split(), written.split()
        diff = [(a, b) for a, b in zip(got, want, strict=True) if a != b]
        assert len(diff) == 1, q
        bad, good = diff[0]
        assert len(good) >= 5 and bad not in corpus.vocab, q
        assert _damerau(bad, good) == 1, q


def _damerau(a: str, b: str) -> int:
    d = [[0] * (len(b) + 1) for _ in range(len(a) + 1)]
    for i in range(len(a) + 1):
        d[i][0] = i
    for j in range(len(b) + 1):
        d[0][j] = j
    for i in range(1, len(a) + 1):
        for j in range(1, len(b) + 1):
            cost = a[i - 1] != b[j - 1]
            d[i][j] = min(d[i - 1][j] + 1, d[i][j - 1] + 1, d[i - 1][j - 1] + cost)
            if i > 1 and j > 1 and a[i - 1] == b[j - 2] and a[i - 2] == b[j - 1]:
                d[i][j] = min(d[i][j], d[i - 2][j - 2] + 1)
    return d[len(a)][len(b)]


def test_prefixes_are_40_to_70_percent(queries: list[dict], corpus: Corpus) -> None:
    for q in (q for q in queries if q["category"] == "prefix"):
        title = clean_title(target(q, corpus)["name"]).lower()
        assert title.startswith(q["query"]), q
        assert math.floor(0.4 * len(title)) - 1 <= len(q["query"]) <= 0.7 * len(title), q


def test_no_accents_queries_are_the_folded_titles(queries: list[dict], corpus: Corpus) -> None:
    for q in (q for q in queries if q["category"] == "no_accents"):
        doc = target(q, corpus)
        assert q["query"].isascii() and q["query"] == strip_accents(clean_title(doc["name"]))
        assert q["query"] != clean_title(doc["name"]).lower()


def test_handwritten_categories(queries: list[dict], corpus: Corpus) -> None:
    by_cat = Counter(q["category"] for q in queries)
    assert by_cat["phonetic"] == len(PHONETIC) >= 25
    assert by_cat["native_script"] == len(NATIVE_SCRIPT) >= 25
    for q in queries:
        doc = target(q, corpus)
        if q["category"] == "native_script":
            assert q["query"] in (doc["name"], *doc["aliases"])
            assert not q["query"].isascii()
        if q["category"] == "phonetic":
            assert casefold(q["query"]) not in corpus.names_and_aliases
            assert doc["type"] == "artist"


def test_cjk_cyrillic_queries(queries: list[dict], corpus: Corpus) -> None:
    rows = [q for q in queries if q["category"] == "cjk_cyrillic"]
    partial = 0
    for q in rows:
        assert scripts(q["query"]) & {"CJK", "CYRILLIC"}, q
        name = casefold(target(q, corpus)["name"])
        assert name.startswith(casefold(q["query"])), q
        partial += len(casefold(q["query"])) < len(name)
    assert partial >= len(rows) // 3


def test_queries_are_normalized_text(queries: list[dict]) -> None:
    for q in queries:
        assert unicodedata.normalize("NFC", q["query"]) == q["query"]


def test_cjk_partial_queries_are_words_from_inside_a_name(queries: list[dict],
                                                          corpus: Corpus) -> None:
    rows = [q for q in queries if q["category"] == "cjk_partial"]
    assert len(rows) >= 25
    for q in rows:
        name = casefold(target(q, corpus)["name"])
        assert q["query"].isalpha() and scripts(q["query"]) == {"CJK"}, q
        assert 2 <= len(q["query"]) <= 3 and q["query"] in name[1:], q
        # Nothing outside the target's own family holds that sequence.
        for doc in corpus.docs:
            if q["query"] in casefold(doc["name"]):
                assert doc["id"] in q["relevant"], (q, doc["id"])


def test_artist_queries_grade_the_artist_over_their_top_tracks(queries: list[dict],
                                                               corpus: Corpus) -> None:
    rows = [q for q in queries if q["category"] == "artist_tracks"]
    assert len(rows) >= 25
    for q in rows:
        artist = target(q, corpus)
        assert artist["type"] == "artist"
        assert q["query"] in (casefold(artist["name"]), strip_accents(artist["name"]))
        own = sorted((d for d in corpus.facts if d["type"] == "track" and "--" not in d["id"]
                      and d["artists"][0] == artist["name"]),
                     key=lambda d: (-d["popularity"], d["id"]))
        assert all(q["relevant"][d["id"]] == 1 for d in own[:TOP_TRACKS]), q
        assert not any(d["id"] in q["relevant"] for d in own[TOP_TRACKS:]
                       if casefold(d["name"]) != casefold(artist["name"])), q


def test_personalized_queries_flip_with_the_user(queries: list[dict], corpus: Corpus) -> None:
    rows = [q for q in queries if q["category"] == "personalized"]
    assert len(rows) >= 25 and all(q["user"] for q in rows)
    meant: dict[str, set[str]] = {}
    for q in rows:
        doc = target(q, corpus)
        rivals = [corpus.by_id[i] for i, g in q["relevant"].items()
                  if g == 1 and corpus.owner(corpus.by_id[i]) != corpus.owner(doc)]
        assert rivals and all(casefold(r["name"]) == casefold(doc["name"]) == q["query"]
                              for r in rivals), q
        user = q["user"]
        if "artists" in user:
            assert user["artists"] == [doc["artists"][0]]
        else:  # a genre of this version that no rival has
            (genre,) = user["genres"]
            assert genre in doc["genres"] and not any(genre in r["genres"] for r in rivals)
        meant.setdefault(q["query"], set()).add(doc["id"])
    # Every title is asked once per version: without the user it is a coin toss.
    assert all(len(ids) >= 2 for ids in meant.values()), meant


def test_the_descriptive_judgments_are_what_the_rules_build() -> None:
    from .build_descriptive import PATH, build

    rows = [json.loads(line) for line in PATH.read_text(encoding="utf-8").splitlines()]
    assert rows == build(list(load_demo()))
    assert all(2 in r["relevant"].values() for r in rows)
