"""The indexer: documents in, durable and searchable.

    The write path (`Writer`): the `Ledger` validates each document (by
    `segue.schema`), decides each action (`decide`, the one write rule, shared with
    the cluster engine's `ClusterWriter`) and commits durably to the `Store` (in a
    process of its own with `Writer.start`), then every `IndexSink` (the
    `LexicalIndex`, the `AudioVectors` and the `TextVectors`, whose `TextEmbedder`
    works in the background) in the same order. `parse_bulk` turns a `_bulk`
    NDJSON stream into actions, one error item per bad line, never a lost request;
    `read_csv` turns a CSV file into documents for `segue ingest`. `Snapshots`
    saves the indexes beside the store and restores them at start-up. `DataDirLock`
    makes one process the owner of a data directory (`DataDirLocked` refuses another).

    On a cluster, `ClusterWriter` sends the same actions as `_bulk` requests,
    `acknowledged_writes` decides what an outage fails (the whole request, or the
    items after the first acknowledged one), and `ClusterIndex` keeps the index
    behind the engine's alias (created on first use, rebuilt blue/green).
    `TextBackfill` adds text vectors behind a cluster's writes, from a durable
    `VectorBacklog`.
"""

# Names are loaded on first use (PEP 562): a worker that only needs the lexical index or
# the write decision does not pay for SQLite, FAISS or the text model, and
# `segue.query` stays light for the processes that only search.
from importlib import import_module
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from .bulk import Action, ActionError, index_actions, parse_bulk, parse_documents
    from .cluster import ClusterWriter
    from .cluster_index import ClusterIndex
    from .cluster_vectors import ClusterVectors, TextBackfill, VectorBacklog
    from .collector import fewer_full_collections
    from .csv_documents import CsvRowError, read_csv
    from .decide import ItemResult
    from .dimension import FixedDimension
    from .doccache import DocumentCache
    from .embedding import (
        EmbeddingCache,
        TextEmbedder,
        cache_salt,
        default_model_path,
        embedding_text,
        shared_cache,
    )
    from .forked import fork_task, wait_task
    from .ledger_process import LedgerError
    from .lexical import LexicalIndex
    from .lock import DataDirLock, DataDirLocked
    from .outage import acknowledged_writes
    from .snapshots import Snapshots
    from .store import Store
    from .vector_sinks import AudioVectors, TextVectors
    from .vectors import HNSW_ABOVE, VectorIndex
    from .vocabulary import Vocabulary
    from .writer import IndexSink, Writer

_WHERE: dict[str, str] = {
    "Action": "bulk",
    "ActionError": "bulk",
    "index_actions": "bulk",
    "parse_bulk": "bulk",
    "parse_documents": "bulk",
    "ClusterWriter": "cluster",
    "ClusterIndex": "cluster_index",
    "ClusterVectors": "cluster_vectors",
    "TextBackfill": "cluster_vectors",
    "VectorBacklog": "cluster_vectors",
    "cache_salt": "embedding",
    "shared_cache": "embedding",
    "fewer_full_collections": "collector",
    "CsvRowError": "csv_documents",
    "read_csv": "csv_documents",
    "ItemResult": "decide",
    "FixedDimension": "dimension",
    "DocumentCache": "doccache",
    "EmbeddingCache": "embedding",
    "TextEmbedder": "embedding",
    "default_model_path": "embedding",
    "embedding_text": "embedding",
    "fork_task": "forked",
    "wait_task": "forked",
    "LedgerError": "ledger_process",
    "LexicalIndex": "lexical",
    "DataDirLock": "lock",
    "DataDirLocked": "lock",
    "acknowledged_writes": "outage",
    "Snapshots": "snapshots",
    "Store": "store",
    "AudioVectors": "vector_sinks",
    "TextVectors": "vector_sinks",
    "HNSW_ABOVE": "vectors",
    "VectorIndex": "vectors",
    "Vocabulary": "vocabulary",
    "IndexSink": "writer",
    "Writer": "writer",
}

__all__ = [
    "HNSW_ABOVE",
    "Action",
    "ActionError",
    "AudioVectors",
    "ClusterIndex",
    "ClusterVectors",
    "ClusterWriter",
    "CsvRowError",
    "DataDirLock",
    "DataDirLocked",
    "DocumentCache",
    "EmbeddingCache",
    "FixedDimension",
    "IndexSink",
    "ItemResult",
    "LedgerError",
    "LexicalIndex",
    "Snapshots",
    "Store",
    "TextBackfill",
    "TextEmbedder",
    "TextVectors",
    "VectorBacklog",
    "VectorIndex",
    "Vocabulary",
    "Writer",
    "acknowledged_writes",
    "cache_salt",
    "default_model_path",
    "embedding_text",
    "fewer_full_collections",
    "fork_task",
    "index_actions",
    "parse_bulk",
    "parse_documents",
    "read_csv",
    "shared_cache",
    "wait_task",
]


def __getattr__(name: str) -> Any:
    module = _WHERE.get(name)
    if module is None:
        raise AttributeError(f"module 'segue.indexer' has no attribute '{name}'")
    value = getattr(import_module(f".{module}", __name__), name)
    globals()[name] = value
    return value


def __dir__() -> list[str]:
    return __all__
