"""all-MiniLM-L6-v2 (or any BERT-like sentence-transformers model) through ONNX Runtime.

The graphs are built once per model from the packaged weights (`onnx_export`, in a
child process, without torch) and cached under
`~/.cache/segue/models` (`SEGUE_MODEL_CACHE`), keyed by a hash of the model's files
and the export recipe. Texts are tokenized by the model's own fast tokenizer
(`tokenizers`), grouped by length so a batch pads little, run through the graph, then
mean-pooled over real tokens and normalized: what the model's sentence-transformers
config (`1_Pooling`, `Normalize`) does.
"""

from __future__ import annotations

import fcntl
import hashlib
import json
import os
import subprocess
import sys
import threading
from functools import lru_cache
from pathlib import Path
from typing import Any

import numpy as np

from .onnx_export import FP32, INPUTS, INT8, RECIPE

# Texts per run of the int8 graph: 16 gave 1.0-1.25x the documents per CPU-second of
# 64 in every recipe measured (BENCHMARKS.md, "Export recipes"): less padding, and a
# batch's activations stay in the CPU's cache.
DOC_BATCH = 16
_HASHED = ("config.json", "tokenizer.json", "model.safetensors", "pytorch_model.bin")


def model_cache_dir() -> Path:
    return Path(os.environ.get("SEGUE_MODEL_CACHE")
                or Path.home() / ".cache" / "segue" / "models")


@lru_cache(maxsize=8)
def model_hash(model_dir: str) -> str:
    """What the cached graph was built from: the model's files and the recipe."""
    digest = hashlib.blake2b(RECIPE.encode(), digest_size=16)
    for name in _HASHED:
        path = Path(model_dir) / name
        if path.is_file():
            digest.update(name.encode())
            with path.open("rb") as f:
                while block := f.read(1 << 22):
                    digest.update(block)
    return digest.hexdigest()


def exported(model_dir: Path) -> Path:
    """The cached graphs of `model_dir` (a directory holding `INT8` and `FP32`),
    exported first if missing (one process at a time: the others wait on the lock,
    then find them)."""
    target = model_cache_dir() / model_hash(str(model_dir))
    if (target / INT8).is_file():
        return target
    target.mkdir(parents=True, exist_ok=True)
    with (target / "export.lock").open("w") as lock:
        fcntl.flock(lock, fcntl.LOCK_EX)
        if not (target / INT8).is_file():
            done = subprocess.run(
                [sys.executable, "-m", "segue.indexer.onnx_export", str(model_dir),
                 str(target)], capture_output=True, text=True)
            if done.returncode != 0 or not (target / INT8).is_file():
                last = (done.stderr.strip().splitlines() or ["no output"])[-1]
                raise RuntimeError(f"could not export '{model_dir}' to ONNX: {last}")
    return target


def machine_threads() -> int:
    """The cores this process may run on (SEGUE_EMBED_THREADS overrides)."""
    configured = os.environ.get("SEGUE_EMBED_THREADS")
    return int(configured) if configured else len(os.sched_getaffinity(0))


class OnnxModel:
    """Texts -> unit vectors with onnxruntime and the model's fast tokenizer: documents
    through the int8 graph, queries through the fp32 one (loaded on the first query)."""

    def __init__(self, model_dir: Path, threads: int | None = None) -> None:
        from tokenizers import Tokenizer

        config = json.loads((model_dir / "config.json").read_text())
        self.dim = int(config["hidden_size"])
        st_config = model_dir / "sentence_bert_config.json"
        max_len = json.loads(st_config.read_text()).get("max_seq_length", 256) \
            if st_config.is_file() else 256
        # Positions past the model's table do not exist: never feed more than it has.
        max_len = min(int(max_len), int(config.get("max_position_embeddings", max_len)))
        pooling = model_dir / "1_Pooling" / "config.json"
        if pooling.is_file() and not json.loads(pooling.read_text()).get(
                "pooling_mode_mean_tokens", False):
            raise ValueError(f"'{model_dir}' pools otherwise than by mean; "
                             "use the torch embedder for it (SEGUE_EMBEDDER=torch)")
        self.tokenizer = Tokenizer.from_file(str(model_dir / "tokenizer.json"))
        self.tokenizer.enable_truncation(max_len)
        self.tokenizer.no_padding()  # padded per batch, after grouping by length
        self.pad_id = self.tokenizer.token_to_id("[PAD]") or 0
        self.threads = threads or machine_threads()
        self.graphs = exported(model_dir)
        self.session = self._session(self.graphs / INT8)
        self._query_session: Any = None
        self._lock = threading.Lock()

    def _session(self, path: Path) -> Any:
        import onnxruntime as ort

        options = ort.SessionOptions()
        options.graph_optimization_level = ort.GraphOptimizationLevel.ORT_ENABLE_ALL
        options.execution_mode = ort.ExecutionMode.ORT_SEQUENTIAL
        options.intra_op_num_threads = self.threads
        options.inter_op_num_threads = 1
        # Idle threads sleep instead of spinning: the embedder shares the cores with
        # ingest and queries.
        options.add_session_config_entry("session.intra_op.allow_spinning", "0")
        return ort.InferenceSession(str(path), options, providers=["CPUExecutionProvider"])

    def query_session(self) -> Any:
        with self._lock:
            if self._query_session is None:
                self._query_session = self._session(self.graphs / FP32)
            return self._query_session

    def encode(self, texts: list[str], batch: int, query: bool = False) -> np.ndarray:
        """One unit vector per text, in order, in batches of similar length (a batch
        is padded to its longest text only) of at most `DOC_BATCH`."""
        session = self.query_session() if query else self.session
        batch = min(batch, DOC_BATCH)
        encoded = self.tokenizer.encode_batch(texts)
        order = sorted(range(len(texts)), key=lambda i: len(encoded[i].ids))
        out = np.zeros((len(texts), self.dim), np.float32)
        for start in range(0, len(order), batch):
            rows = order[start:start + batch]
            width = max(len(encoded[i].ids) for i in rows)
            ids = np.full((len(rows), width), self.pad_id, np.int64)
            mask = np.zeros((len(rows), width), np.int64)
            for r, i in enumerate(rows):
                n = len(encoded[i].ids)
                ids[r, :n] = encoded[i].ids
                mask[r, :n] = 1
            feeds = dict(zip(INPUTS, (ids, mask, np.zeros_like(ids)), strict=True))
            hidden = session.run(None, feeds)[0]
            summed = np.einsum("bt,btd->bd", mask.astype(np.float32), hidden)
            pooled = summed / mask.sum(axis=1, keepdims=True)
            out[rows] = pooled / np.maximum(np.linalg.norm(pooled, axis=1, keepdims=True),
                                            1e-12)
        return out


def shared_cache_path(model_dir: Path) -> Path:
    """The machine's embedding cache for one model (see `EmbeddingCache.shared`)."""
    return model_cache_dir() / model_hash(str(model_dir)) / "embeddings.sqlite3"


if __name__ == "__main__":
    # `make install`: export the packaged model and embed the demo catalog ahead of
    # `make serve`, so a fresh demo is searchable by meaning within seconds.
    from segue.catalog import load_demo

    from .embedding import EmbeddingCache, TextEmbedder, default_model_path, embedding_text

    model = default_model_path()
    print(f"text model (ONNX): {exported(model)}")
    cache = EmbeddingCache(shared_cache_path(model))
    texts = [embedding_text(d) for d in load_demo()]
    embedder = TextEmbedder(model, cache)
    embedder.embed(texts)
    print(f"demo catalog: {len(texts)} texts embedded ({embedder.texts_embedded} new) "
          f"into {cache.path}")
