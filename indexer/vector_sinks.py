"""Vector indexes kept in step with the store, as write-path sinks.

`AudioVectors` indexes the `audio_embedding` a document arrives with, at once: the
vector is there, nothing to compute. `TextVectors` embeds each document's text in a
background thread that drains a queue in batches, so lexical ingest is never held
back by the model (about 900 texts/s on two cores, against 20k documents/s
lexical): a document is searchable by its words at once and by its meaning when
its turn comes. `backlog` says how far behind it is; `wait` blocks until caught up.
The model is loaded only when something needs it: texts to embed, a query to embed,
or a caller waiting for vectors; a process that only searches by words never loads it.
"""

from __future__ import annotations

import hashlib
import logging
import sys
import threading
from collections.abc import Callable, Collection, Iterator, Mapping
from contextlib import contextmanager
from itertools import islice
from pathlib import Path
from typing import Any

from tqdm import tqdm

from segue.schema import AUDIO_FIELD

from .checksums import Unusable
from .embedding import BATCH, TextEmbedder, embedding_text
from .snapshots import replace_dir
from .vectors import VectorIndex

log = logging.getLogger("segue.vectors")

PROGRESS_FROM = 2_000  # a backlog this large (a bulk load) gets a progress bar
DRAIN = 2 * BATCH      # texts per round: small, so a shutdown waits seconds at most


class AudioVectors:
    """The audio index as an IndexSink; it also checks each vector's dimension."""

    def __init__(self, index: VectorIndex) -> None:
        self.index = index
        self.configured_dim = index.dim  # from settings, else None

    # -- snapshots (see `snapshots`) ------------------------------------------------

    def save(self, directory: Path, seq: int) -> None:
        """Write the index to `directory`, stamped with the store sequence `seq`."""
        replace_dir(directory, lambda fresh: self.index.save(fresh, {"seq": seq}))

    def saved(self, directory: Path, seq: int) -> Callable[[], list[str]]:
        """The snapshot in `directory`, if taken at `seq` with a dimension the settings
        allow: a function that puts it in place (and returns no pending ids); else
        raises `Unusable`, and nothing changes."""
        index, meta = VectorIndex.read(directory)
        _same_seq(directory, meta, seq)
        if self.configured_dim is not None and index.dim not in (None, self.configured_dim):
            raise Unusable(f"{directory} holds vectors of {index.dim} dimensions; the "
                           f"settings say {self.configured_dim}", damaged=False)

        def put() -> list[str]:
            self.index = index
            if self.configured_dim is not None:
                self.index.dim = self.configured_dim
            return []
        return put

    # -- the sink -------------------------------------------------------------------

    def upsert(self, doc: Mapping[str, Any]) -> None:
        vector = doc.get(AUDIO_FIELD)
        if vector is not None and self.index.dim not in (None, len(vector)):
            # Only from a store written under another configured dimension: the write
            # path rejects such documents per item.
            log.warning("document '%s': audio vector of %d dimensions skipped (index: %d)",
                        doc["id"], len(vector), self.index.dim)
            vector = None
        if vector is None:
            if self.index.dim is not None:  # else no vector was ever indexed: none to drop
                self.index.remove(doc["id"])
        else:
            self.index.upsert(doc["id"], doc["type"], vector)

    def remove(self, doc_id: str) -> None:
        self.index.remove(doc_id)

    def compact(self) -> None:
        self.index.compact()


class TextVectors:
    """The text index as an IndexSink, filled by a background embedder."""

    def __init__(self, index: VectorIndex, load_embedder: Callable[[], TextEmbedder], *,
                 progress: bool = False) -> None:
        self.index = index
        self.load_embedder = load_embedder
        self.embedder: TextEmbedder | None = None
        self.progress = progress
        self.error: str | None = None
        self.keys: dict[str, str] = {}   # doc id -> key of the text its vector came from
        self.indexed = 0                 # vectors added so far (a snapshot is due on change)
        self._queue: dict[str, tuple[str, str]] = {}  # doc id -> (type, text), oldest first
        self._busy = 0                   # texts taken from the queue, not yet indexed
        self._taken: dict[str, str] = {}  # ... and their texts, while still wanted
        self._cond = threading.Condition()
        self._thread: threading.Thread | None = None
        self._closing = False
        self._background = False          # embed queued texts without being asked
        self._demanded = False            # someone waits for vectors: load and embed
        self._loading = threading.Lock()  # one model load, whoever asks first

    # -- the sink -------------------------------------------------------------------

    def upsert(self, doc: Mapping[str, Any]) -> None:
        text = embedding_text(doc)
        with self._cond:
            self._queue.pop(doc["id"], None)
            self._taken.pop(doc["id"], None)
            if self.keys.get(doc["id"]) == _text_key(text):
                return  # e.g. a popularity update: the words, hence the vector, are the same
            self._queue[doc["id"]] = (doc["type"], text)
            self._cond.notify_all()

    def remove(self, doc_id: str) -> None:
        with self._cond:
            self._queue.pop(doc_id, None)
            self._taken.pop(doc_id, None)
            self.keys.pop(doc_id, None)
            self.index.remove(doc_id)

    def compact(self) -> None:
        self.index.compact()

    # -- snapshots (see `snapshots`) ------------------------------------------------

    def reset(self, index: VectorIndex) -> None:
        """Start again from `index` (empty), before a rebuild from the store."""
        with self._cond:
            self.index = index
            self.keys, self._queue, self._taken = {}, {}, {}

    def save(self, directory: Path, seq: int, model: str) -> None:
        """Write the index to `directory` with the text key of each vector and the ids
        still pending, stamped with `seq` and the `model` the vectors come from; the
        embedder is held still meanwhile."""
        with self.paused() as (keys, pending):
            extra = {"seq": seq, "model": model, "keys": keys, "pending": pending}
            replace_dir(directory, lambda fresh: self.index.save(fresh, extra))

    def saved(self, directory: Path, seq: int, model: str) -> Callable[[], list[str]]:
        """The snapshot in `directory`, if taken at `seq` from `model`: a function that
        puts it in place and returns the ids whose text still awaits the embedder;
        else raises `Unusable`, and nothing changes."""
        index, meta = VectorIndex.read(directory)
        _same_seq(directory, meta, seq)
        if meta.get("model") != model:
            raise Unusable(f"{directory} comes from the model {meta.get('model')}, not "
                           f"{model}", damaged=False)

        def put() -> list[str]:
            self.index = index
            self.keys = dict(meta.get("keys", {}))
            return list(meta.get("pending", []))
        return put

    # -- the embedder thread --------------------------------------------------------

    @property
    def backlog(self) -> int:
        with self._cond:
            return len(self._queue) + self._busy

    @contextmanager
    def paused(self) -> Iterator[tuple[dict[str, str], list[str]]]:
        """The embedder held still: the index, the text keys of its vectors and the
        texts still pending stay consistent while a snapshot writes them."""
        with self._cond:
            yield self.keys, self.pending_ids

    @property
    def pending_ids(self) -> list[str]:
        """Queued and in-flight texts: what a snapshot must remember to embed."""
        with self._cond:
            return list(self._queue) + [d for d in self._taken if d not in self._queue]

    def start(self, background: bool = True) -> None:
        """Start the embedder thread. With `background`, it embeds whatever is queued
        as soon as it is queued (a server); without, only once someone waits for
        vectors (a one-off command: its searches by words never load the model)."""
        with self._cond:
            self._background = background
        if self._thread is None:
            self._thread = threading.Thread(target=self._run, name="segue-embedder",
                                            daemon=True)
            self._thread.start()

    def pending(self, doc_ids: Collection[str]) -> int:
        """How many of `doc_ids` still wait for their text vector."""
        with self._cond:
            return sum(1 for d in doc_ids if d in self._queue or d in self._taken)

    def wait(self, timeout: float | None = None, doc_ids: Collection[str] | None = None
             ) -> bool:
        """Block until the model is loaded and every queued text (or only those of
        `doc_ids`) is embedded and indexed, or the model failed to load; False on
        timeout."""
        with self._cond:
            self._demanded = True
            self._cond.notify_all()

            def done() -> bool:
                if self.error is not None:
                    return True
                if doc_ids is not None:
                    return not any(d in self._queue or d in self._taken for d in doc_ids)
                return self.embedder is not None and not (self._queue or self._busy)
            return self._cond.wait_for(done, timeout)

    def query_embedder(self) -> TextEmbedder | None:
        """The loaded embedder, loading it now if need be (a search by meaning needs
        it); None if the model cannot be loaded."""
        if self.embedder is None and self.error is None:
            self._load()
        return self.embedder

    def _load(self) -> TextEmbedder | None:
        with self._loading:
            if self.embedder is None and self.error is None:
                try:
                    embedder = self.load_embedder()
                except Exception as e:  # a bad model path: say so, keep lexical search up
                    log.error("text vectors are off: %s", e)
                    with self._cond:
                        self.error = str(e)
                        self._cond.notify_all()
                    return None
                with self._cond:
                    self.embedder = embedder
                    self._cond.notify_all()
        return self.embedder

    def close(self) -> None:
        with self._cond:
            self._closing = True
            self._cond.notify_all()
        if self._thread is not None:
            self._thread.join(timeout=30)

    def _wanted(self) -> bool:
        return self._demanded or (self._background and bool(self._queue))

    def _run(self) -> None:
        with self._cond:
            self._cond.wait_for(lambda: self._wanted() or self._closing)
            if self._closing:
                return
        embedder = self._load()
        if embedder is None:
            return
        bar: tqdm | None = None
        while True:
            with self._cond:
                self._cond.wait_for(lambda: (self._queue and self._wanted()) or self._closing)
                if self._closing:
                    break
                if bar is None and self.progress and len(self._queue) >= PROGRESS_FROM:
                    bar = tqdm(total=len(self._queue), desc="embedding texts", unit="doc",
                               file=sys.stderr)
                batch = []
                for doc_id in list(islice(self._queue, DRAIN)):
                    batch.append((doc_id, *self._queue.pop(doc_id)))
                self._busy = len(batch)
                self._taken = {doc_id: text for doc_id, _, text in batch}
            try:
                vectors = embedder.embed([text for _, _, text in batch])
            except Exception:  # one bad batch must not stop the thread
                log.exception("embedding %d texts failed; they are retried", len(batch))
                with self._cond:
                    for doc_id, kind, text in batch:
                        if self._taken.get(doc_id) == text:
                            self._queue.setdefault(doc_id, (kind, text))
                    self._busy = 0
                    self._taken = {}
                continue
            with self._cond:
                wanted = [(doc_id, kind, text, vector) for (doc_id, kind, text), vector
                          in zip(batch, vectors, strict=True)
                          if self._taken.get(doc_id) == text]
            # Into FAISS outside the queue's lock: writers keep queueing meanwhile, and
            # only a reader of the text index waits for this batch (a short one).
            for doc_id, kind, _, vector in wanted:
                self.index.upsert(doc_id, kind, vector)
            self.index.flush()
            with self._cond:
                for doc_id, _, text, _ in wanted:
                    if self._taken.get(doc_id) == text:
                        self.keys[doc_id] = _text_key(text)
                        self.indexed += 1
                    elif doc_id not in self._queue:
                        self.index.remove(doc_id)  # deleted while it was being added
                self._busy = 0
                self._taken = {}
                if bar is not None:
                    bar.total = max(bar.total, bar.n + len(batch) + len(self._queue))
                    bar.update(len(batch))
                    if not self._queue:
                        bar.close()
                        bar = None
                self._cond.notify_all()
        if bar is not None:
            bar.close()

    def stats(self) -> dict[str, Any]:
        embedder = self.embedder
        return {**self.index.stats(), "backlog": self.backlog,
                "model": embedder.model_path if embedder else None,
                "loaded": embedder is not None,
                "caught_up": self.backlog == 0 and self.error is None,
                **(embedder.stats() if embedder else {}),
                **({"error": self.error} if self.error else {})}


def _same_seq(directory: Path, meta: dict[str, Any], seq: int) -> None:
    """Vectors saved with another lexical snapshot than the one loaded (a save cut
    short between the two) cannot be used with it."""
    if meta.get("seq") != seq:
        raise Unusable(f"{directory} was saved at sequence {meta.get('seq')}, the "
                       f"lexical snapshot at {seq}", damaged=False)


def _text_key(text: str) -> str:
    """Which text a vector stands for; the embedder's own cache keys it by model too."""
    return hashlib.blake2b(text.encode(), digest_size=12).hexdigest()
