"""Event-stream ingest from Kafka: catalog changes through the `_bulk` write path,
listening activity through the events rule, bad messages to a dead-letter topic.

`StreamWorker` runs the consumers (in `segue serve --kafka` and `segue consume`);
`publish` is `segue publish`. See `consumer.py` for the commit order that makes a crash
lose nothing, and `handlers.py` for why a replay changes nothing.
"""

from .consumer import ConsumerStats
from .messages import MAX_MESSAGE_BYTES
from .publish import PublishError, publish
from .topics import ACTIVITY, CATALOG, BrokerUnavailable, ensure_topics
from .worker import MAX_LAG, StreamWorker

__all__ = ["ACTIVITY", "CATALOG", "MAX_LAG", "MAX_MESSAGE_BYTES", "BrokerUnavailable",
           "ConsumerStats", "PublishError", "StreamWorker", "ensure_topics", "publish"]
