"""Fusion never touches name search: `mode=auto` decides lexical for every judged
query of the collection (names, typos, prefixes, scripts), so those queries rank
exactly as lexical-only search ranks them. The decision needs no vector, so this
runs on the lexical engine; `python -m tests.relevance.evaluate --hybrid` shows the
same with the text vectors on."""

from __future__ import annotations

from collections import Counter

from .corpus import load_corpus
from .evaluate import build_engine, judged


def test_every_judged_name_query_is_answered_lexically(tmp_path):
    engine = build_engine(tmp_path, load_corpus())
    decided = {j.query: engine.searcher.auto_mode(j.query) for j in judged()}
    engine.close()
    hybrid = {q: reason for q, (mode, reason) in decided.items() if mode != "lexical"}
    assert hybrid == {}
    reasons = Counter(reason for _, reason in decided.values())
    # Each rule that keeps a name lexical is exercised by the collection.
    assert set(reasons) == {"one word", "a name matches the query",
                            "the words name something"}
