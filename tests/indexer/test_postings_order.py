"""A term's postings are ascending and hold a document once, however they were written:
batches, a document replaced in the same batch or a later one, deletes, compaction, a
saved and reloaded snapshot. Retrieval relies on it to search a term's postings for a
few documents (a binary search) instead of reading them whole."""

from __future__ import annotations

from pathlib import Path

import numpy as np

from segue.indexer import LexicalIndex


def _track(doc_id: str, name: str, artist: str, popularity: float) -> dict:
    return {"id": doc_id, "type": "track", "name": name, "artists": [artist],
            "genres": ["chanson", "pop"], "popularity": popularity}


def _ascending_once(index: LexicalIndex) -> None:
    for term in range(len(index.vocab)):
        docs, masks = index.postings(term)
        assert len(docs) == len(masks)
        assert bool(np.all(np.diff(docs) > 0)), index.vocab.terms[term]


def test_postings_stay_ascending_with_each_document_once(tmp_path: Path) -> None:
    index = LexicalIndex()
    index.upsert_many([
        _track("t1", "La Vie en rose", "Édith Piaf", 80),
        _track("t2", "Non, je ne regrette rien", "Édith Piaf", 75),
        _track("t3", "La vie, la vie", "Zaz", 40),  # "la" and "vie" twice in one name
        _track("t1", "La Vie en rose (Live)", "Édith Piaf", 81),  # replaced in the batch
        _track("t4", "Кино в городе", "Кино", 50),
    ])
    _ascending_once(index)
    index.upsert_many([_track("t3", "La vie la vie la vie", "Zaz", 41),
                       _track("t5", "Rose", "Édith Piaf", 20)])
    index.remove("t2")
    _ascending_once(index)
    vie = index.vocab.get("vie")
    assert sorted(index.doc_id(n) for n in index.postings(vie)[0].tolist()
                  if index.live[n]) == ["t1", "t3"]
    index.compact()
    _ascending_once(index)
    index.save(tmp_path / "lexical.snapshot", seq=1, fingerprint="f")
    loaded = LexicalIndex.load(tmp_path / "lexical.snapshot", fingerprint="f")
    assert loaded is not None
    _ascending_once(loaded[0])
