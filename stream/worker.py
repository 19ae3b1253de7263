"""The consumers a server (or `segue consume`) runs: catalog, and activity when there
are profiles to feed, each on its own thread."""

from __future__ import annotations

import threading
from typing import Any

from segue.engines import Engine, StreamApplied
from segue.ranking import Profiles

from .consumer import BatchObserver, ConsumerStats, TopicConsumer
from .handlers import activity_handler, catalog_handler
from .messages import MAX_MESSAGE_BYTES
from .topics import ACTIVITY, CATALOG, ensure_topics

MAX_LAG = 10_000


class StreamWorker:
    def __init__(self, engine: Engine, bootstrap: str, *, profiles: Profiles | None = None,
                 catalog_topic: str = CATALOG, activity_topic: str = ACTIVITY,
                 group: str = "segue", max_lag: int = MAX_LAG, batch_size: int = 2000,
                 max_message_bytes: int = MAX_MESSAGE_BYTES,
                 instance: str | None = None) -> None:
        """`instance` names this consumer across restarts (the host and data directory):
        Kafka's static membership, so a restart resumes without a rebalance."""
        self.bootstrap = bootstrap
        self.max_lag = max_lag
        topics = [catalog_topic, f"{catalog_topic}.dead"]
        if profiles is not None:
            topics += [activity_topic, f"{activity_topic}.dead"]
        ensure_topics(bootstrap, topics)
        self.consumers = [TopicConsumer(bootstrap, catalog_topic,
                                        catalog_handler(engine, max_message_bytes),
                                        group=group, batch_size=batch_size,
                                        instance=instance,
                                        resume=engine.stream_offsets
                                        if isinstance(engine, StreamApplied) else None)]
        if profiles is not None:
            self.consumers.append(TopicConsumer(bootstrap, activity_topic,
                                                activity_handler(engine, profiles),
                                                group=group, batch_size=batch_size,
                                                instance=instance))
        self._threads: list[threading.Thread] = []

    def observe(self, observer: BatchObserver) -> None:
        for consumer in self.consumers:
            consumer.on_batch = observer

    def start(self) -> None:
        for consumer in self.consumers:
            thread = threading.Thread(target=consumer.run, name=f"segue-{consumer.topic}",
                                      daemon=True)
            thread.start()
            self._threads.append(thread)

    def stop(self, timeout: float = 30.0) -> None:
        """After the batch in hand is applied and committed (or not committed at all)."""
        for consumer in self.consumers:
            consumer.stop()
        for thread in self._threads:
            thread.join(timeout)

    @property
    def stats(self) -> list[ConsumerStats]:
        return [c.stats for c in self.consumers]

    def behind(self) -> str | None:
        """Why the server should not be called ready, or None."""
        for s in self.stats:
            total = sum(s.lag.values())
            if total > self.max_lag:
                return (f"the consumer of {s.topic} is {total} messages behind "
                        f"(more than {self.max_lag})")
        return None

    def as_dict(self) -> dict[str, Any]:
        return {"bootstrap": self.bootstrap, "max_lag": self.max_lag,
                "topics": [s.as_dict() for s in self.stats]}
