"""The indexer: documents in, durable and searchable.

    validate_document(doc) -> the write path (`Writer`): version check, durable
    commit to the `Store`, then every `IndexSink` (the `LexicalIndex`, later vector
    indexes) in the same order. `parse_bulk` turns a `_bulk` NDJSON stream into
    actions, one error item per bad line, never a lost request.
"""

from .bulk import Action, ActionError, parse_bulk
from .cluster import ClusterWriter
from .doccache import DocumentCache
from .lexical import TYPE_CODES, LexicalIndex
from .schema import DOC_TYPES, DocumentError, Field, validate_document
from .store import Store
from .vocabulary import Vocabulary
from .writer import IndexSink, ItemResult, Writer

__all__ = [
    "DOC_TYPES",
    "TYPE_CODES",
    "Action",
    "ActionError",
    "ClusterWriter",
    "DocumentCache",
    "DocumentError",
    "Field",
    "IndexSink",
    "ItemResult",
    "LexicalIndex",
    "Store",
    "Vocabulary",
    "Writer",
    "parse_bulk",
    "validate_document",
]
