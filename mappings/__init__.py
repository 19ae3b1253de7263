"""OpenSearch / Elasticsearch index definitions (JSON), mirroring `analyzers/`, and the
dialect that tells the two servers apart.

`segue.json` is written by `build.py` from the analyzer rules; the cluster engine
creates its indexes from it (`index_definition`), with the configured audio vector
dimension, spelt for its server by a `Dialect` (`dialect.py`: every place where
OpenSearch and Elasticsearch differ).
"""

from .definition import index_definition
from .dialect import DIALECTS, Dialect

__all__ = ["DIALECTS", "Dialect", "index_definition"]
