"""The vectors of documents written to a cluster: audio as sent, text embedded by Segue.

`ClusterVectors` is the cluster engine's counterpart of the embedded engine's
`AudioVectors` and `TextVectors` sinks, on the write path of `ClusterWriter`:

- **audio**: `audio_embedding` is stored as the document sent it, checked against the
  index's dimension (from settings `audio_dim`, else fixed by the first vector, as on
  the embedded engine). An index created without a configured dimension has no
  `audio_embedding` field until the first vector arrives; that vector's length then
  becomes the field's `dimension` (a `knn_vector` cannot change it afterwards).
- **text**: `text_embedding` is computed by Segue's own `TextEmbedder` from
  `embedding_text(doc)`, through the `EmbeddingCache`: text that did not change (a
  popularity update, a re-sent document) is never embedded twice. Writes never wait
  for the model: a text the cache knows gets its vector inline, any other goes to a
  durable `VectorBacklog` (SQLite in the data directory, committed before the
  document is sent) and the document is indexed by its words at once.
  `TextBackfill`'s thread embeds the backlog in batches and adds each vector to its
  document afterwards, only if the document still holds that text (checked against
  the stored source, applied with the cluster's optimistic concurrency control): a
  partial update with `if_seq_no`, or, for a document under an external version, the
  source re-sent at that same version (`external_gte`), since a partial update would
  bump the version a client's next write must exceed.
"""

from __future__ import annotations

import logging
import sqlite3
import threading
from collections.abc import Callable, Collection
from pathlib import Path
from typing import Any

from segue.mappings import Dialect
from segue.schema import AUDIO_FIELD, TEXT_FIELD

from .dimension import FixedDimension
from .embedding import BATCH, EmbeddingCache, TextEmbedder, cache_key, embedding_text

log = logging.getLogger("segue.vectors")


class ClusterVectors:
    """Checks audio vectors and adds text vectors to the sources sent to the cluster."""

    def __init__(self, client: Any, alias: str, dialect: Dialect, *,
                 audio_dim: int | None = None,
                 backfill: TextBackfill | None = None) -> None:
        self.client = client
        self.alias = alias
        self.dialect = dialect
        self.dimension = FixedDimension(AUDIO_FIELD, audio_dim)  # as on the embedded engine
        self._mapped = False                # the index has an audio_embedding field
        self.backfill = backfill
        self._lock = threading.Lock()

    @property
    def audio_dim(self) -> int | None:
        return self.dimension.dim

    @audio_dim.setter
    def audio_dim(self, dim: int | None) -> None:
        self.dimension.dim = dim

    # -- the index ------------------------------------------------------------------

    def attach(self) -> None:
        """Read the audio dimension of the index behind the alias (after a restart or
        a reindex, the mapping is the truth)."""
        mappings = self.client.indices.get_mapping(index=self.alias)
        for body in mappings.values():
            spec = body["mappings"].get("properties", {}).get(AUDIO_FIELD)
            if spec is not None:
                self.audio_dim = int(spec.get("dimension") or spec.get("dims"))
                self._mapped = True
                return
        self._mapped = False

    def drop_unset_audio(self, body: dict[str, Any]) -> dict[str, Any]:
        """A new index's definition with the audio dimension this engine holds; without
        the audio field while no dimension is known (the first vector sets it)."""
        properties = body["mappings"]["properties"]
        if self.audio_dim is None:
            properties.pop(AUDIO_FIELD, None)
        else:
            properties[AUDIO_FIELD] = self.dialect.vector_field(self.audio_dim)
        return body

    def _map_audio(self) -> None:
        """Add the audio field to the live index, with the dimension just fixed."""
        assert self.audio_dim is not None
        self.dialect.put_mapping(self.client, self.alias,
                                 {AUDIO_FIELD: self.dialect.vector_field(self.audio_dim)})
        self._mapped = True

    # -- the write path -------------------------------------------------------------

    def check(self, doc: dict[str, Any]) -> None:
        """The document's audio vector fits the index (raises DocumentError)."""
        if doc.get(AUDIO_FIELD) is None:
            return
        with self._lock:  # writes of several requests may fix the dimension at once
            self.dimension(doc)

    @property
    def text(self) -> bool:
        return self.backfill is not None

    @property
    def embedder(self) -> TextEmbedder | None:
        return None if self.backfill is None else self.backfill.embedder()

    def add(self, sources: list[dict[str, Any]]) -> None:
        """Before a chunk is sent: the audio field mapped if this chunk fixed its
        dimension, and each source's `text_embedding` set from the cache or its text
        put in the backlog (a client never writes that field itself)."""
        if not self._mapped and self.audio_dim is not None and any(
                s.get(AUDIO_FIELD) is not None for s in sources):
            with self._lock:
                if not self._mapped:
                    self._map_audio()
        for source in sources:
            source.pop(TEXT_FIELD, None)
        if self.backfill is not None and sources:
            self.backfill.fill(sources)


def _vector(vector: Any) -> list[float]:
    return [round(float(x), 7) for x in vector]


class VectorBacklog:
    """Documents whose text vector is still to come: doc id -> (key of its text, the
    text). Durable (fsynced), so a restart resumes it; one row per document, the
    latest text winning."""

    def __init__(self, path: Path) -> None:
        path.parent.mkdir(parents=True, exist_ok=True)
        self._conn = sqlite3.connect(path, check_same_thread=False, isolation_level=None)
        self._conn.execute("PRAGMA journal_mode=WAL")
        self._conn.execute("PRAGMA synchronous=FULL")
        self._conn.execute("CREATE TABLE IF NOT EXISTS backlog (id TEXT PRIMARY KEY, "
                           "key BLOB NOT NULL, text TEXT NOT NULL)")
        self._lock = threading.Lock()

    def put(self, rows: list[tuple[str, bytes, str]], done: list[str]) -> None:
        """Queue `rows` (id, key, text) and forget `done` ids (their vector is inline)."""
        with self._lock, self._conn:
            self._conn.execute("BEGIN")
            self._conn.executemany("DELETE FROM backlog WHERE id = ?", [(i,) for i in done])
            self._conn.executemany("INSERT OR REPLACE INTO backlog VALUES (?, ?, ?)", rows)

    def take(self, n: int) -> list[tuple[str, bytes, str]]:
        with self._lock:
            return self._conn.execute("SELECT id, key, text FROM backlog ORDER BY rowid "
                                      "LIMIT ?", (n,)).fetchall()

    def done(self, rows: list[tuple[str, bytes]]) -> None:
        """Forget rows handled, unless a newer text of the document replaced them."""
        with self._lock, self._conn:
            self._conn.execute("BEGIN")
            self._conn.executemany("DELETE FROM backlog WHERE id = ? AND key = ?", rows)

    def pending(self, ids: Collection[str]) -> int:
        found, ordered = 0, list(ids)
        with self._lock:
            for i in range(0, len(ordered), 500):
                part = ordered[i:i + 500]
                found += self._conn.execute(
                    f"SELECT COUNT(*) FROM backlog WHERE id IN ({','.join('?' * len(part))})",
                    part).fetchone()[0]
        return found

    def __len__(self) -> int:
        with self._lock:
            return int(self._conn.execute("SELECT COUNT(*) FROM backlog").fetchone()[0])

    def close(self) -> None:
        self._conn.close()


class TextBackfill:
    """Text vectors for a cluster, behind its writes: the cache inline, the model in a
    background thread over the `VectorBacklog`. The model loads on first need."""

    def __init__(self, client: Any, alias: str, bulk_helper: Callable[..., Any],
                 load_embedder: Callable[[], TextEmbedder], cache: EmbeddingCache | None,
                 salt: bytes, backlog: VectorBacklog) -> None:
        self.client = client
        self.bulk_helper = bulk_helper
        self.alias = alias
        self.load_embedder = load_embedder
        self.cache = cache
        self.salt = salt
        self.backlog = backlog
        self.error: str | None = None
        self._embedder: TextEmbedder | None = None
        self._loading = threading.Lock()
        self._wake = threading.Event()
        self._closing = threading.Event()
        self._thread: threading.Thread | None = None

    def embedder(self) -> TextEmbedder | None:
        with self._loading:
            if self._embedder is None and self.error is None:
                try:
                    self._embedder = self.load_embedder()
                except Exception as e:  # a bad model path: lexical search stays up
                    log.error("text vectors are off: %s", e)
                    self.error = str(e)
            return self._embedder

    @property
    def loaded(self) -> bool:
        return self._embedder is not None

    def fill(self, sources: list[dict[str, Any]]) -> None:
        texts = [embedding_text(s) for s in sources]
        keys = [cache_key(self.salt, t) for t in texts]
        known = self.cache.get_many(keys) if self.cache is not None else {}
        rows, done = [], []
        for source, key, text in zip(sources, keys, texts, strict=True):
            vector = known.get(key)
            if vector is None:
                rows.append((source["id"], key, text))
            else:
                source[TEXT_FIELD] = _vector(vector)
                done.append(source["id"])
        self.backlog.put(rows, done)
        if rows:
            self._wake.set()

    def start(self) -> None:
        if self._thread is None:
            self._thread = threading.Thread(target=self._run, name="segue-backfill",
                                            daemon=True)
            self._thread.start()

    def close(self) -> None:
        self._closing.set()
        self._wake.set()
        if self._thread is not None:
            self._thread.join(timeout=30)
        self.backlog.close()

    def _run(self) -> None:
        while not self._closing.is_set():
            rows = self.backlog.take(2 * BATCH)
            if not rows:
                self._wake.wait(1.0)
                self._wake.clear()
                continue
            embedder = self.embedder()
            if embedder is None:
                return
            try:
                vectors = embedder.embed([text for _, _, text in rows])
                self._apply(rows, vectors)
            except Exception:  # the cluster or a batch failed: retried after a pause
                log.exception("adding %d text vectors failed; retrying", len(rows))
                self._closing.wait(2.0)
                continue
            self.backlog.done([(doc_id, key) for doc_id, key, _ in rows])

    def _apply(self, rows: list[tuple[str, bytes, str]], vectors: Any) -> None:
        """Each vector onto its document, if the document still holds that text."""
        found = self.client.mget(index=self.alias, body={"ids": [r[0] for r in rows]})
        stored = {d["_id"]: d for d in found["docs"] if d.get("found")}
        ops: list[dict[str, Any]] = []
        for (doc_id, key, _), vector in zip(rows, vectors, strict=True):
            doc = stored.get(doc_id)
            if doc is None:
                continue  # deleted since
            source = doc["_source"]
            if cache_key(self.salt, embedding_text(source)) != key:
                continue  # rewritten since: its own row follows
            if source.get("version") is not None:
                ops.append({"_op_type": "index", "_index": doc["_index"], "_id": doc_id,
                            "_source": {**source, TEXT_FIELD: _vector(vector)},
                            "version": doc["_version"], "version_type": "external_gte"})
            else:
                ops.append({"_op_type": "update", "_index": doc["_index"], "_id": doc_id,
                            "doc": {TEXT_FIELD: _vector(vector)},
                            "if_seq_no": doc["_seq_no"],
                            "if_primary_term": doc["_primary_term"]})
        if ops:  # a conflict means the document changed meanwhile: nothing to add
            for _ in self.bulk_helper(self.client, ops, chunk_size=len(ops),
                                      raise_on_error=False, raise_on_exception=False,
                                      refresh="false"):
                pass

    def pending(self, ids: Collection[str]) -> int:
        return self.backlog.pending(ids)
