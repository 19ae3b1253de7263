"""Segue: search and discovery for music catalogs.

The folders of the repository are its subpackages: `segue.schema` (fields, document
types and validation, shared by both sides), `segue.analyzers` (text analysis),
`segue.indexer` (documents in, durable and indexed), `segue.query` (search and
suggest), `segue.ranking` (features, variants, re-ranking), `segue.api`
(HTTP), `segue.catalog` (demo and synthetic catalogs). `segue.engine` composes
them; `segue.cli` is the `segue` command.
"""

__version__ = "0.1.0"
