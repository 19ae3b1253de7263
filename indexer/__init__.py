"""The indexer: documents in, durable and searchable.

    validate_document(doc) -> the write path (`Writer`): the `Ledger` decides each
    action (`decide`, the one write rule, shared with the cluster engine's
    `ClusterWriter`) and commits durably to the `Store` (in a process of its own with
    `Writer.start`), then every `IndexSink` (the `LexicalIndex`, the
    `AudioVectors` and the `TextVectors`, whose `TextEmbedder` works in the
    background) in the same order. `parse_bulk` turns a `_bulk` NDJSON stream into
    actions, one error item per bad line, never a lost request. `Snapshots` saves
    the indexes beside the store and restores them at start-up.
"""

from .bulk import Action, ActionError, index_actions, parse_bulk, parse_documents
from .cluster import ClusterWriter
from .collector import fewer_full_collections
from .decide import ItemResult
from .dimension import FixedDimension
from .doccache import DocumentCache
from .embedding import EmbeddingCache, TextEmbedder, default_model_path, embedding_text
from .forked import fork_task, wait_task
from .ledger_process import LedgerError
from .lexical import TYPE_CODES, LexicalIndex
from .schema import DOC_TYPES, DocumentError, Field, validate_document
from .snapshots import Snapshots
from .store import Store
from .vector_sinks import AUDIO_FIELD, AudioVectors, TextVectors
from .vectors import HNSW_ABOVE, VectorIndex
from .vocabulary import Vocabulary
from .writer import IndexSink, Writer

__all__ = [
    "AUDIO_FIELD",
    "DOC_TYPES",
    "HNSW_ABOVE",
    "TYPE_CODES",
    "Action",
    "ActionError",
    "AudioVectors",
    "ClusterWriter",
    "DocumentCache",
    "DocumentError",
    "EmbeddingCache",
    "Field",
    "FixedDimension",
    "IndexSink",
    "ItemResult",
    "LedgerError",
    "LexicalIndex",
    "Snapshots",
    "Store",
    "TextEmbedder",
    "TextVectors",
    "VectorIndex",
    "Vocabulary",
    "Writer",
    "default_model_path",
    "embedding_text",
    "fewer_full_collections",
    "fork_task",
    "index_actions",
    "parse_bulk",
    "parse_documents",
    "validate_document",
    "wait_task",
]
