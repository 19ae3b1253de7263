"""The topics Segue reads and writes, created when missing (the broker's auto-creation
stays off, so a typo in a topic name is an error, not a new empty topic)."""

from __future__ import annotations

import logging
from collections.abc import Iterable

from confluent_kafka import KafkaError, KafkaException
from confluent_kafka.admin import AdminClient, NewTopic

_log = logging.getLogger("segue.stream")

CATALOG = "segue.catalog"
ACTIVITY = "segue.activity"
PARTITIONS = 3
TIMEOUT_S = 10.0


class BrokerUnavailable(ConnectionError):
    """The broker did not answer: the message names the address."""


def ensure_topics(bootstrap: str, names: Iterable[str], partitions: int = PARTITIONS) -> None:
    admin = AdminClient({"bootstrap.servers": bootstrap,
                         "socket.connection.setup.timeout.ms": 5_000}, logger=_log)
    try:
        existing = set(admin.list_topics(timeout=TIMEOUT_S).topics)
    except KafkaException as e:
        raise BrokerUnavailable(f"no Kafka broker answers at {bootstrap} ({e.args[0].str()})"
                                ) from e
    wanted = [NewTopic(name, partitions, 1) for name in dict.fromkeys(names)
              if name not in existing]
    if not wanted:
        return
    for name, future in admin.create_topics(wanted, operation_timeout=TIMEOUT_S).items():
        try:
            future.result()
        except KafkaException as e:
            if e.args[0].code() != KafkaError.TOPIC_ALREADY_EXISTS:
                raise BrokerUnavailable(f"cannot create topic {name} at {bootstrap}: "
                                        f"{e.args[0].str()}") from e
