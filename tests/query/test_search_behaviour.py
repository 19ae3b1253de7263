"""What a search box user sees: the right entity first, while typing, with typos."""

from __future__ import annotations

import pytest

from segue.engine import EmbeddedEngine
from segue.query import SearchRequest


def top_ids(engine: EmbeddedEngine, q: str, n: int = 3, **kw: object) -> list[str]:
    return [h["id"] for h in engine.search(SearchRequest(q=q, limit=n, **kw)).hits]


@pytest.mark.parametrize(("query", "expected"), [
    ("beyoncé", "ar-beyonce"),          # exact, accented
    ("beyonce", "ar-beyonce"),          # accents skipped
    ("beyon", "ar-beyonce"),            # still typing
    ("bwyonce", "ar-beyonce"),          # a typo while typing
    ("halo beyonce", "tr-halo"),        # title + artist
    ("halo", "tr-halo"),                # the famous Halo over the karaoke one
    ("shakeera", "ar-shakira"),         # phonetic respelling
    ("billy eilish", "ar-billie"),      # phonetic first name
    ("nirvanna", "ar-nirvana"),         # an extra letter
    ("eminen", "ar-eminem"),            # a substituted letter
    ("p!nk", "ar-pink"),                # the symbol as written
    ("pink", "ar-pink"),                # the symbol as read
    ("kesha", "ar-kesha"),
    ("suicideboys", "ar-suicideboys"),
    ("acdc", "ar-acdc"),
    ("ac dc", "ar-acdc"),
    ("nsync", "ar-nsync"),
    ("simon and garfunkel", "ar-simon"),
    ("beatles", "ar-beatles"),          # the leading article is optional
    ("the beatles", "ar-beatles"),
    ("motorhead", "ar-motorhead"),      # the famous band over an obscure exact spelling
    ("sigur ros", "ar-sigur"),
    ("bjork", "ar-bjork"),
    ("кино", "ar-kino"),
    ("kino", "ar-kino"),
    ("группа крови", "tr-kino-gruppa"),
    ("ellada", "pl-ellada"),
    ("藤井 風", "ar-fujii"),
    ("정국", "ar-jungkook"),
    ("周杰伦", "ar-jay-chou"),
    ("tupac", "ar-2pac"),               # an alias
    ("senorita", "tr-senorita"),
    ("hips dont lie", "tr-hips"),       # apostrophe skipped
    ("stay justin bieber", "tr-stay"),  # a credit inside the title
    ("wyclef", "tr-hips"),              # a featured artist in the artists line
    ("flowers", "tr-flowers"),
    ("flowers miley", "tr-flowers"),
    ("bohemian rhap", "tr-bohemian"),   # prefix of the last word
    ("bohemain rhapsody", "tr-bohemian"),  # transposition
])
def test_the_meant_document_comes_first(engine: EmbeddedEngine, query: str, expected: str):
    assert top_ids(engine, query)[0] == expected


def test_exact_accented_query_ranks_the_accented_name_first(make_engine):
    engine = make_engine([
        {"id": "plain", "type": "artist", "name": "Beyonce", "popularity": 60},
        {"id": "accented", "type": "artist", "name": "Beyoncé", "popularity": 60},
    ])
    assert top_ids(engine, "Beyoncé")[0] == "accented"
    assert top_ids(engine, "Beyonce")[0] == "plain"


def test_exact_match_beats_more_popular_prefix_match(make_engine):
    engine = make_engine([
        {"id": "love", "type": "track", "name": "Love", "popularity": 20},
        {"id": "lovely", "type": "track", "name": "Lovely", "popularity": 90},
    ])
    assert top_ids(engine, "love ")[0] == "love"  # trailing space: the word is complete


def test_top_result_is_the_artist_while_tracks_fill_the_list(engine: EmbeddedEngine):
    answer = engine.search(SearchRequest(q="beyon", limit=10, types=frozenset({"track"})))
    assert answer.top is not None and answer.top["id"] == "ar-beyonce"
    assert answer.hits and all(h["type"] == "track" for h in answer.hits)
    assert "tr-halo" in [h["id"] for h in answer.hits[:3]]


def test_highlight_marks_what_was_typed(engine: EmbeddedEngine):
    hit = engine.search(SearchRequest(q="beyon", limit=1)).hits[0]
    assert hit["highlight"]["name"] == "<mark>Beyon</mark>cé"


def test_highlight_escapes_stored_html(make_engine):
    engine = make_engine([{"id": "x", "type": "track", "name": "<b>Bold</b> move",
                           "popularity": 1}])
    hit = engine.search(SearchRequest(q="move", limit=1)).hits[0]
    assert hit["highlight"]["name"] == "&lt;b&gt;Bold&lt;/b&gt; <mark>move</mark>"


def test_explain_contributions_add_up_to_the_score(engine: EmbeddedEngine):
    hit = engine.search(SearchRequest(q="halo beyonce", limit=1, explain=True)).hits[0]
    parts = hit["explain"]["features"]
    assert {p["feature"] for p in parts} >= {"coverage", "match", "popularity", "exact"}
    assert sum(p["contribution"] for p in parts) == pytest.approx(hit["score"], abs=1e-2)
    kinds = {m["kind"] for m in hit["explain"]["matches"]}
    assert kinds == {"exact"}


def test_paging_and_total(engine: EmbeddedEngine):
    first = engine.search(SearchRequest(q="halo", limit=2))
    second = engine.search(SearchRequest(q="halo", limit=2, offset=2))
    assert first.total == second.total >= 3
    assert not {h["id"] for h in first.hits} & {h["id"] for h in second.hits}


def test_deleted_document_vanishes_and_update_replaces(make_engine):
    engine = make_engine([{"id": "a", "type": "artist", "name": "Röyksopp", "popularity": 50}])
    assert top_ids(engine, "royksopp") == ["a"]
    list(engine.index_documents([{"id": "a", "type": "artist", "name": "Röyksopp Forever",
                                  "popularity": 50}]))
    assert top_ids(engine, "forever") == ["a"]
    assert engine.delete("a").result == "deleted"
    assert top_ids(engine, "royksopp") == []
    assert engine.suggest("royk") == []


def test_index_survives_restart(make_engine, tmp_path):
    from segue.config import Settings
    from segue.engine import open_engine

    engine = make_engine([{"id": "a", "type": "artist", "name": "Måneskin", "popularity": 80}])
    engine.delete("a")
    list(engine.index_documents([{"id": "b", "type": "artist", "name": "Stromae",
                                  "popularity": 80}]))
    data_dir = engine.settings.data_dir
    engine.close()
    reopened = open_engine(Settings(data_dir=data_dir))
    reopened.load()
    assert top_ids(reopened, "stromae") == ["b"]
    assert top_ids(reopened, "maneskin") == []
    reopened.close()


def test_suggest_completes_names_with_type_and_id(engine: EmbeddedEngine):
    suggestions = engine.suggest("shak", 5)
    assert suggestions[0] == {"text": "Shakira", "id": "ar-shakira", "type": "artist",
                              "highlight": "<mark>Shak</mark>ira"}


def test_unknown_fields_are_kept_and_returned(make_engine):
    engine = make_engine([{"id": "a", "type": "artist", "name": "Robyn", "popularity": 60,
                           "label": "Konichiwa Records"}])
    assert engine.search(SearchRequest(q="robyn")).hits[0]["label"] == "Konichiwa Records"
    assert engine.get("a")["label"] == "Konichiwa Records"


def test_query_syntax_is_just_text(engine: EmbeddedEngine):
    for q in ["name:*", ")(", '\\"', "OR 1=1", "*", "%", "\x00\x07", "ü" * 300]:
        engine.search(SearchRequest(q=q))  # never raises


def test_synonym_file(make_engine, tmp_path):
    path = tmp_path / "synonyms.txt"
    path.write_text("# equivalents\nrnb, soul\n", encoding="utf-8")
    engine = make_engine([{"id": "p", "type": "playlist", "name": "Soul Classics",
                           "popularity": 10}], synonyms=path)
    assert top_ids(engine, "rnb classics") == ["p"]


def test_typo_budget_is_configurable(make_engine):
    from segue.analyzers import TypoBudget

    docs = [{"id": "a", "type": "artist", "name": "Adele", "popularity": 80}]
    assert top_ids(make_engine(docs), "adelr ") == ["a"]
    strict = make_engine(docs, typo_budget=TypoBudget(exact_up_to=5, one_up_to=7))
    assert top_ids(strict, "adelr ") == []


def test_common_words_and_one_letter_prefixes_still_count(make_engine):
    """"the" in thousands of titles is matched on the candidates, not gathered; it still
    decides between them, and so does a one-letter last word."""
    docs = [{"id": f"n{i}", "type": "track", "name": f"The Night {i}", "popularity": 50}
            for i in range(3200)]
    docs += [
        {"id": "rarest", "type": "track", "name": "The Rarest", "popularity": 1},
        {"id": "rarest-plain", "type": "track", "name": "Rarest Days", "popularity": 90},
        {"id": "rarest-remix", "type": "track", "name": "Rarest Remix", "popularity": 95},
    ]
    engine = make_engine(docs)
    assert top_ids(engine, "the rarest ")[0] == "rarest"
    assert top_ids(engine, "rarest d")[0] == "rarest-plain"
    assert top_ids(engine, "rarest r")[0] == "rarest-remix"


def test_sound_alikes_rank_below_what_was_typed_with_typos(make_engine):
    """"shakeera": Shakira's tracks (two typos away, in the artists field) come before
    titles that merely sound alike (桜 is read "sakura")."""
    engine = make_engine([
        {"id": "ar-shakira", "type": "artist", "name": "Shakira", "popularity": 80},
        {"id": "tr-hips", "type": "track", "name": "Hips Don't Lie", "artists": ["Shakira"],
         "popularity": 60},
        {"id": "tr-sakura", "type": "track", "name": "桜", "artists": ["Gold心"],
         "language": "ja", "popularity": 60},
    ])
    assert top_ids(engine, "shakeera") == ["ar-shakira", "tr-hips", "tr-sakura"]


def test_hits_show_the_latest_write_even_after_being_cached(make_engine):
    engine = make_engine([{"id": "a", "type": "artist", "name": "Aurora", "popularity": 10}])
    assert engine.search(SearchRequest(q="aurora")).hits[0]["popularity"] == 10  # cached
    (result,) = engine.bulk([b'{"update":{"_id":"a"}}', b'{"doc":{"popularity":77}}'])
    assert result.ok
    assert engine.search(SearchRequest(q="aurora")).hits[0]["popularity"] == 77
