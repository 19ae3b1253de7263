"""The durable document store: the source of truth the in-memory indexes are built from.

SQLite in WAL mode with `synchronous=FULL`: a transaction is fsynced when `commit`
returns, so a bulk request is answered only after its writes are on disk and a
`kill -9` at any moment loses nothing that was acknowledged. A well-kept embedded
database beats a hand-written log format here: crash recovery is SQLite's job.

Deleted documents stay as tombstones (no body, last version) so that a delayed,
older write cannot resurrect them.
"""

from __future__ import annotations

import errno
import shutil
import sqlite3
import threading
from collections.abc import Iterable, Iterator, Mapping
from pathlib import Path
from typing import NamedTuple

_SCHEMA = """
CREATE TABLE IF NOT EXISTS documents (
    id      TEXT PRIMARY KEY,
    body    BLOB,              -- JSON; NULL for a tombstone
    version INTEGER,           -- external version, NULL when the writer gave none
    seq     INTEGER NOT NULL   -- when it last changed: restart replays changes after a snapshot
) WITHOUT ROWID;
CREATE INDEX IF NOT EXISTS documents_by_seq ON documents(seq);
CREATE TABLE IF NOT EXISTS meta (key TEXT PRIMARY KEY, value INTEGER NOT NULL);
INSERT OR IGNORE INTO meta VALUES ('seq', 0);
-- How far each stream partition (a Kafka topic's) is applied: its last offset whose
-- change is in this store, written in the same transaction as the change.
CREATE TABLE IF NOT EXISTS stream_offsets (
    topic     TEXT NOT NULL,
    partition INTEGER NOT NULL,
    applied   INTEGER NOT NULL,
    PRIMARY KEY (topic, partition)
) WITHOUT ROWID;
"""


_UPSERT = (
    "INSERT INTO documents(id, body, version, seq) VALUES (?, ?, ?, ?) "
    "ON CONFLICT(id) DO UPDATE SET body=excluded.body, seq=excluded.seq, "
    "version=COALESCE(excluded.version, documents.version)"
)
_APPLIED = (
    "INSERT INTO stream_offsets(topic, partition, applied) VALUES (?, ?, ?) "
    "ON CONFLICT(topic, partition) DO UPDATE SET applied=excluded.applied"
)

# (topic, partition) -> the last offset applied
StreamOffsets = Mapping[tuple[str, int], int]


class Put(NamedTuple):
    doc_id: str
    body: bytes
    version: int | None


class Remove(NamedTuple):
    doc_id: str
    version: int | None


class StoreFull(Exception):
    """The disk under the store is full: the transaction was rolled back, nothing of
    it is on disk, and the store takes writes again once space is freed."""

    def __init__(self, data_dir: Path) -> None:
        try:
            free = shutil.disk_usage(data_dir).free
        except OSError:
            free = 0
        super().__init__(f"the data directory {data_dir} is full: {free} bytes free")
        self.data_dir = data_dir
        self.free = free


def is_disk_full(error: BaseException) -> bool:
    """SQLite's "database or disk is full" (SQLITE_FULL; SQLite reports ENOSPC so),
    or an ENOSPC / EDQUOT from the file system itself."""
    if isinstance(error, sqlite3.Error):
        return (getattr(error, "sqlite_errorcode", 0) & 0xFF) == sqlite3.SQLITE_FULL
    return isinstance(error, OSError) and error.errno in (errno.ENOSPC, errno.EDQUOT)


class StoredState(NamedTuple):
    exists: bool
    version: int | None


_READ_MMAP_BYTES = 1 << 30  # SQLite maps at most this much of the file for reading


class Store:
    """One SQLite file; one writer connection, one reader connection per thread."""

    def __init__(self, path: str | Path) -> None:
        self.path = Path(path)
        self.path.parent.mkdir(parents=True, exist_ok=True)
        self._write_lock = threading.Lock()
        self._local = threading.local()
        self._writer = self._connect()
        self._migrate()
        self._writer.executescript(_SCHEMA)
        # The number of live documents, kept by every commit, so start-up can check a
        # restored index against it without a scan. Counted once for an older store.
        self._writer.execute(
            "INSERT OR IGNORE INTO meta SELECT 'live', COUNT(*) FROM documents "
            "WHERE body IS NOT NULL")

    def _migrate(self) -> None:
        """Stores written before documents carried a change sequence get one (0: older
        than any snapshot, so the first start rebuilds the indexes from them)."""
        columns = {row[1] for row in self._writer.execute("PRAGMA table_info(documents)")}
        if columns and "seq" not in columns:
            self._writer.execute(
                "ALTER TABLE documents ADD COLUMN seq INTEGER NOT NULL DEFAULT 0")

    def _connect(self) -> sqlite3.Connection:
        conn = sqlite3.connect(self.path, check_same_thread=False, isolation_level=None)
        conn.execute("PRAGMA journal_mode=WAL")
        conn.execute("PRAGMA synchronous=FULL")
        conn.execute("PRAGMA busy_timeout=10000")
        return conn

    def _reader(self) -> sqlite3.Connection:
        conn = getattr(self._local, "conn", None)
        if conn is None:
            conn = self._local.conn = self._connect()
            # Reads through a memory map: a search's hits are fetched without a read
            # call per page, and every reader thread shares the OS page cache rather
            # than each keeping its own.
            conn.execute(f"PRAGMA mmap_size={_READ_MMAP_BYTES}")
        return conn

    def commit(self, writes: Iterable[Put | Remove], offsets: StreamOffsets | None = None
               ) -> int:
        """Apply the writes in one transaction; durable when this returns.

        `offsets` are the stream positions these writes bring the store to, recorded in
        the same transaction (no second fsync): after a crash, the store says exactly
        which messages it holds, so a consumer skips them instead of applying them again.

        Returns the store's sequence number after the writes: every change gets the
        next number, so "everything after a snapshot" is one indexed range scan.
        Raises `StoreFull` when the disk is full (nothing was written).
        """
        with self._write_lock:
            cur = self._writer.cursor()
            try:
                cur.execute("BEGIN IMMEDIATE")
                first = cur.execute("SELECT value FROM meta WHERE key = 'seq'").fetchone()[0]
                rows = [(w.doc_id, w.body if isinstance(w, Put) else None, w.version, seq)
                        for seq, w in enumerate(writes, start=first + 1)]
                ids = list(dict.fromkeys(row[0] for row in rows))
                before = self._live_among(cur, ids)
                cur.executemany(_UPSERT, rows)
                seq = first + len(rows)
                cur.execute("UPDATE meta SET value = ? WHERE key = 'seq'", (seq,))
                cur.execute("UPDATE meta SET value = value + ? WHERE key = 'live'",
                            (self._live_among(cur, ids) - before,))
                if offsets:
                    cur.executemany(_APPLIED, [(t, p, o) for (t, p), o in offsets.items()])
                cur.execute("COMMIT")
            except BaseException as e:
                # SQLite may have rolled back by itself (it does on SQLITE_FULL): a
                # second ROLLBACK would raise and hide the cause.
                if self._writer.in_transaction:
                    cur.execute("ROLLBACK")
                if is_disk_full(e):
                    raise StoreFull(self.path.parent) from e
                raise
            return seq

    @staticmethod
    def _live_among(cur: sqlite3.Cursor, ids: list[str]) -> int:
        live = 0
        for chunk in _chunks(ids, 500):
            marks = ",".join("?" * len(chunk))
            live += cur.execute(f"SELECT COUNT(*) FROM documents WHERE id IN ({marks}) "
                                "AND body IS NOT NULL", chunk).fetchone()[0]
        return live

    def last_seq(self) -> int:
        return self._reader().execute("SELECT value FROM meta WHERE key = 'seq'").fetchone()[0]

    def stream_offsets(self, topic: str) -> dict[int, int]:
        """Partition -> the last offset of `topic` whose change this store holds."""
        return dict(self._reader().execute(
            "SELECT partition, applied FROM stream_offsets WHERE topic = ?", (topic,)))

    def changes_since(self, seq: int) -> Iterator[tuple[str, bytes | None]]:
        """Documents changed after `seq`, oldest first: a body, or None for a deletion."""
        yield from self._connect().execute(
            "SELECT id, body FROM documents WHERE seq > ? ORDER BY seq", (seq,))

    def states(self, doc_ids: Iterable[str]) -> dict[str, StoredState]:
        """Existence and version of each id that has ever been written."""
        ids = list(dict.fromkeys(doc_ids))
        found: dict[str, StoredState] = {}
        for chunk in _chunks(ids, 500):
            marks = ",".join("?" * len(chunk))
            for doc_id, has_body, version in self._reader().execute(
                f"SELECT id, body IS NOT NULL, version FROM documents WHERE id IN ({marks})",
                chunk,
            ):
                found[doc_id] = StoredState(bool(has_body), version)
        return found

    def get(self, doc_id: str) -> bytes | None:
        row = self._reader().execute(
            "SELECT body FROM documents WHERE id = ?", (doc_id,)
        ).fetchone()
        return row[0] if row else None

    def get_many(self, doc_ids: list[str]) -> dict[str, bytes]:
        found: dict[str, bytes] = {}
        for chunk in _chunks(doc_ids, 500):
            marks = ",".join("?" * len(chunk))
            rows = self._reader().execute(
                f"SELECT id, body FROM documents WHERE id IN ({marks}) AND body IS NOT NULL",
                chunk,
            )
            found.update(rows)
        return found

    def scan(self) -> Iterator[tuple[str, bytes]]:
        """Every live document, for building the indexes at start-up."""
        yield from self._connect().execute(
            "SELECT id, body FROM documents WHERE body IS NOT NULL"
        )

    def count(self) -> int:
        """Live documents (kept by `commit`: no scan)."""
        return self._reader().execute(
            "SELECT value FROM meta WHERE key = 'live'").fetchone()[0]

    def close(self) -> None:
        self._writer.close()


def _chunks(items: list[str], size: int) -> Iterator[list[str]]:
    for i in range(0, len(items), size):
        yield items[i : i + size]
