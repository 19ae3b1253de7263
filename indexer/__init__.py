"""The indexer: documents in, durable and searchable.

    The write path (`Writer`): the `Ledger` validates each document (by
    `segue.schema`), decides each action (`decide`, the one write rule, shared with
    the cluster engine's `ClusterWriter`) and commits durably to the `Store` (in a
    process of its own with `Writer.start`), then every `IndexSink` (the
    `LexicalIndex`, the `AudioVectors` and the `TextVectors`, whose `TextEmbedder`
    works in the background) in the same order. `parse_bulk` turns a `_bulk`
    NDJSON stream into actions, one error item per bad line, never a lost request;
    `read_csv` turns a CSV file into documents for `segue ingest`. `Snapshots`
    saves the indexes beside the store and restores them at start-up.

    On a cluster, `ClusterWriter` sends the same actions as `_bulk` requests,
    `acknowledged_writes` decides what an outage fails (the whole request, or the
    items after the first acknowledged one), and `ClusterIndex` keeps the index
    behind the engine's alias (created on first use, rebuilt blue/green).
"""

from .bulk import Action, ActionError, index_actions, parse_bulk, parse_documents
from .cluster import ClusterWriter
from .cluster_index import ClusterIndex
from .cluster_vectors import ClusterVectors
from .collector import fewer_full_collections
from .csv_documents import CsvRowError, read_csv
from .decide import ItemResult
from .dimension import FixedDimension
from .doccache import DocumentCache
from .embedding import EmbeddingCache, TextEmbedder, default_model_path, embedding_text
from .forked import fork_task, wait_task
from .ledger_process import LedgerError
from .lexical import LexicalIndex
from .outage import acknowledged_writes
from .snapshots import Snapshots
from .store import Store
from .vector_sinks import AudioVectors, TextVectors
from .vectors import HNSW_ABOVE, VectorIndex
from .vocabulary import Vocabulary
from .writer import IndexSink, Writer

__all__ = [
    "HNSW_ABOVE",
    "Action",
    "ActionError",
    "AudioVectors",
    "ClusterIndex",
    "ClusterVectors",
    "ClusterWriter",
    "CsvRowError",
    "DocumentCache",
    "EmbeddingCache",
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
    "acknowledged_writes",
    "default_model_path",
    "embedding_text",
    "fewer_full_collections",
    "fork_task",
    "index_actions",
    "parse_bulk",
    "parse_documents",
    "read_csv",
    "wait_task",
]
