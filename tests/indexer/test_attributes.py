"""The lexical index's filter columns stay true through updates, deletions, compaction
and a snapshot saved and loaded."""

from __future__ import annotations

from pathlib import Path

import numpy as np

from segue.indexer import LexicalIndex
from segue.query import Scope, parse_filter
from segue.query.embedded_scope import ScopeMasks

DOCS = [
    {"id": f"t{i}", "type": "track", "name": f"Canción {i}", "artists": ["Rosalía"],
     "genres": ["flamenco" if i % 2 else "Pop"], "year": 2000 + i % 20,
     "explicit": i % 3 == 0, "markets": ["ES", "MX"] if i % 4 else None,
     "language": "es", "popularity": float(i % 100)}
    for i in range(12_000)
]


def admitted(index: LexicalIndex, scope: Scope) -> set[str]:
    mask = ScopeMasks(index).mask(scope)
    assert mask is not None
    return {index.doc_id(n) for n in np.flatnonzero(mask)}


def expected(docs: dict[str, dict], keep) -> set[str]:
    return {i for i, d in docs.items() if keep(d)}


def test_filters_survive_updates_deletions_compaction_and_a_snapshot(tmp_path: Path):
    index = LexicalIndex()
    index.upsert_many([{k: v for k, v in d.items() if v is not None} for d in DOCS])
    docs = {d["id"]: d for d in DOCS}
    # Half deleted (compaction runs past a quarter dead), a few changed.
    for i in range(0, 12_000, 2):
        index.remove(f"t{i}")
        del docs[f"t{i}"]
    changed = {"id": "t1", "type": "track", "name": "Canción 1", "artists": ["Rosalía"],
               "genres": ["pop"], "year": 1999, "explicit": False, "markets": ["SE"]}
    index.upsert(changed)
    docs["t1"] = changed
    assert index.stats()["deleted_pending_compaction"] < 6_000   # it did compact
    scope = Scope(filter=parse_filter('genres = pop OR year < 2000'), market="SE")
    want = expected(docs, lambda d: ("pop" in [g.lower() for g in d["genres"]]
                                     or d["year"] < 2000)
                    and (d.get("markets") is None or "SE" in d["markets"]))
    assert admitted(index, scope) == want == {"t1"}
    spain = Scope(filter=parse_filter("explicit = true AND year >= 2010"), market="ES")
    want_spain = expected(docs, lambda d: d["explicit"] and d["year"] >= 2010
                          and (d.get("markets") is None or "ES" in d["markets"]))
    assert admitted(index, spain) == want_spain and len(want_spain) > 500

    index.save(tmp_path / "lexical.snapshot", seq=7, fingerprint="f")
    loaded = LexicalIndex.load(tmp_path / "lexical.snapshot", fingerprint="f")
    assert loaded is not None
    again, seq = loaded
    assert seq == 7
    assert admitted(again, scope) == want
    assert admitted(again, spain) == want_spain


def test_collapsing_the_best_candidates_only_finds_the_same_versions():
    """`distinct` with a limit looks at the 4x best candidates first; it must keep the
    same best version of each track as collapsing every match would."""
    from segue.query.embedded_scope import _collapse

    rng = np.random.default_rng(5)
    docs = [{"id": f"v{i}", "type": "track", "name": f"Song {i % 70}",
             "artists": ["Röyksopp" if i % 3 else "Robyn"]} for i in range(2_000)]
    index = LexicalIndex()
    index.upsert_many(docs)
    cand = np.arange(2_000)
    for limit in (5, 30, 60):
        scores = rng.random(2_000).astype(np.float32).round(2)   # ties included
        full, full_scores = _collapse(index, cand, scores, None)
        best = set(full[np.lexsort((full, -full_scores))][:limit].tolist())
        fast, _ = _collapse(index, cand, scores, limit)
        fast_scores = scores[fast]
        assert set(fast[np.lexsort((fast, -fast_scores))][:limit].tolist()) == best
