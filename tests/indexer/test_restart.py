"""Restart = the last snapshot of the index + the store's changes after it."""

from __future__ import annotations

from pathlib import Path

from segue.analyzers import TypoBudget
from segue.config import Settings
from segue.engine import EmbeddedEngine, open_engine
from segue.indexer import LexicalIndex
from segue.query import SearchRequest

DOCS = [
    {"id": "a", "type": "artist", "name": "Björk", "popularity": 70},
    {"id": "b", "type": "artist", "name": "Sigur Rós", "popularity": 60},
    {"id": "c", "type": "track", "name": "Hyperballad", "artists": ["Björk"], "popularity": 50},
]


def opened(data: Path, **settings: object) -> EmbeddedEngine:
    engine = open_engine(Settings(data_dir=data, **settings))
    engine.load()
    return engine


def ids(engine: EmbeddedEngine, q: str) -> list[str]:
    return [h["id"] for h in engine.search(SearchRequest(q=q)).hits]


def test_clean_restart_loads_the_snapshot_without_replay(tmp_path):
    engine = opened(tmp_path)
    list(engine.index_documents(DOCS))
    engine.close()
    assert (tmp_path / "lexical.snapshot").exists()
    again = open_engine(Settings(data_dir=tmp_path))
    replayed = []
    again.load(replayed.append)
    assert sum(replayed) == 0
    assert again.snapshot_seq == again.store.last_seq() == 3
    assert ids(again, "bjork") == ["a", "c"]
    again.close()


def test_changes_after_the_snapshot_are_replayed_after_a_crash(tmp_path):
    engine = opened(tmp_path)
    list(engine.index_documents(DOCS))
    assert engine.snapshot()
    list(engine.index_documents([{"id": "b", "type": "artist", "name": "Sigur Rós Live",
                                  "popularity": 61}]))
    engine.delete("c")
    list(engine.index_documents([{"id": "d", "type": "artist", "name": "Múm",
                                  "popularity": 40}]))
    # No close(): the process dies here; only the store's commits survive, and the
    # kernel drops its lock on the data directory.
    engine.owner.release()
    again = opened(tmp_path)
    assert again.snapshot_seq == 3
    assert ids(again, "hyperballad") == []
    assert ids(again, "live") == ["b"]
    assert ids(again, "mum") == ["d"]
    assert again.stats()["documents"] == 3
    again.close()


def test_other_analysis_settings_rebuild_from_the_store(tmp_path):
    engine = opened(tmp_path)
    list(engine.index_documents(DOCS))
    engine.close()
    strict = open_engine(Settings(data_dir=tmp_path,
                                  typo_budget=TypoBudget(exact_up_to=9, one_up_to=12)))
    rebuilt: list[int] = []
    strict.load(rebuilt.append)
    assert sum(rebuilt) == 3  # every document analyzed again, the snapshot not reused
    assert ids(strict, "bjork") == ["a", "c"]
    strict.close()


def test_a_corrupt_snapshot_is_ignored(tmp_path):
    engine = opened(tmp_path)
    list(engine.index_documents(DOCS))
    engine.close()
    (tmp_path / "lexical.snapshot").write_bytes(b"not a snapshot")
    again = opened(tmp_path)
    assert ids(again, "sigur ros") == ["b"]
    again.close()


def test_a_store_from_before_change_sequences_opens_and_is_indexed(tmp_path):
    import sqlite3

    conn = sqlite3.connect(tmp_path / "documents.sqlite3")
    conn.execute("CREATE TABLE documents (id TEXT PRIMARY KEY, body BLOB, version INTEGER)"
                 " WITHOUT ROWID")
    conn.execute("INSERT INTO documents VALUES ('a', ?, NULL)",
                 (b'{"id":"a","type":"artist","name":"Bj\\u00f6rk","popularity":70}',))
    conn.commit()
    conn.close()
    engine = opened(tmp_path)
    assert ids(engine, "bjork") == ["a"]
    list(engine.index_documents([{"id": "b", "type": "artist", "name": "Mum"}]))
    assert engine.store.last_seq() == 1
    engine.close()


def test_a_frozen_index_is_saved_as_it_was_while_writes_go_on(tmp_path):
    """The snapshot is written outside the readers' lock: what is indexed or deleted
    after the freeze must not leak into it, and is replayed from the store instead."""
    engine = opened(tmp_path)
    list(engine.index_documents(DOCS))
    with engine.lock:
        seq = engine.writer.applied_seq
        frozen = engine.lexical.freeze()
    # Grows the posting list of "bjork" in place and adds a term, then deletes "a".
    list(engine.index_documents([{"id": "d", "type": "artist", "name": "Björk Bjørn",
                                  "aliases": ["Bjørnstad"], "popularity": 10}]))
    engine.delete("a")
    frozen.save(tmp_path / "lexical.snapshot", seq=seq, fingerprint=engine.fingerprint)
    engine.store.close()
    engine.owner.release()  # as the process's death would

    restored = LexicalIndex.load(tmp_path / "lexical.snapshot", fingerprint=engine.fingerprint)
    assert restored is not None
    index, saved_seq = restored
    assert saved_seq == 3 and len(index) == 3
    numbers, _ = index.postings(index.vocab.get("bjork"))
    assert sorted(index.doc_id(n) for n in numbers) == ["a", "c"]
    assert index.vocab.get("bjornstad") is None
    # Nor in the typo deletions ("bjor" is one of both "bjork" and "bjorn") or the
    # phonetic codes: their lists are shared when frozen and cut back when saved.
    assert index.vocab.get("bjorn") is None
    assert {index.vocab.terms[t] for t, _ in index.vocab.within("bjorn", 1)} == {"bjork"}
    assert index.vocab.phonetic("bjornstat", 10) == []

    again = opened(tmp_path)  # the snapshot, then the store's changes after seq 3
    assert sorted(ids(again, "bjork")) == ["c", "d"]
    assert ids(again, "bjornstad") == ["d"] and ids(again, "bjorn")[0] == "d"
    again.close()


def test_a_saved_index_depends_on_the_schema_too() -> None:
    """Which text feeds which field and the type codes live in segue.schema: a change
    there must rebuild saved indexes, as a change in the analyzers or the indexer does."""
    from segue.indexer.snapshots import fingerprinted_files

    names = {(p.parent.name, p.name) for p in fingerprinted_files()}
    assert {("schema", "texts.py"), ("schema", "types.py"), ("analyzers", "tokenize.py"),
            ("indexer", "lexical.py")} <= names
