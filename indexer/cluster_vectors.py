"""The vectors of documents written to a cluster: audio as sent, text embedded by Segue.

`ClusterVectors` is the cluster engine's counterpart of the embedded engine's
`AudioVectors` and `TextVectors` sinks, on the write path of `ClusterWriter`:

- **audio**: `audio_embedding` is stored as the document sent it, checked against the
  index's dimension (from settings `audio_dim`, else fixed by the first vector, as on
  the embedded engine). An index created without a configured dimension has no
  `audio_embedding` field until the first vector arrives; that vector's length then
  becomes the field's `dimension` (a `knn_vector` cannot change it afterwards).
- **text**: `text_embedding` is computed by Segue's own `TextEmbedder` from
  `embedding_text(doc)`, a chunk at a time, through the `EmbeddingCache`: text that
  did not change (a popularity update, a re-sent document) is never embedded twice.
  Embedding runs inline, before the `_bulk` request: what the API acknowledges is
  searchable by its meaning too (the cluster engine's writes are synchronous).
"""

from __future__ import annotations

import threading
from collections.abc import Callable
from typing import Any

from segue.mappings import Dialect
from segue.schema import AUDIO_FIELD, TEXT_FIELD

from .dimension import FixedDimension
from .embedding import TextEmbedder, embedding_text


class ClusterVectors:
    """Checks audio vectors and adds text vectors to the sources sent to the cluster."""

    def __init__(self, client: Any, alias: str, dialect: Dialect, *,
                 audio_dim: int | None = None,
                 load_embedder: Callable[[], TextEmbedder] | None = None) -> None:
        self.client = client
        self.alias = alias
        self.dialect = dialect
        self.dimension = FixedDimension(AUDIO_FIELD, audio_dim)  # as on the embedded engine
        self._mapped = False                # the index has an audio_embedding field
        self.load_embedder = load_embedder
        self._embedder: TextEmbedder | None = None
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
        return self.load_embedder is not None

    @property
    def embedder(self) -> TextEmbedder | None:
        if self.load_embedder is None:
            return None
        with self._lock:
            if self._embedder is None:
                self._embedder = self.load_embedder()
            return self._embedder

    def add(self, sources: list[dict[str, Any]]) -> None:
        """Before a chunk is sent: the audio field mapped if this chunk fixed its
        dimension, and each source's `text_embedding` set (or removed: a client never
        writes that field itself)."""
        if not self._mapped and self.audio_dim is not None and any(
                s.get(AUDIO_FIELD) is not None for s in sources):
            with self._lock:
                if not self._mapped:
                    self._map_audio()
        for source in sources:
            source.pop(TEXT_FIELD, None)
        embedder = self.embedder
        if embedder is None or not sources:
            return
        vectors = embedder.embed([embedding_text(s) for s in sources])
        for source, vector in zip(sources, vectors, strict=True):
            source[TEXT_FIELD] = [round(float(x), 7) for x in vector]
