"""Writes to a cluster that goes down: what a request's caller is told.

A request of which nothing was applied because the cluster is unreachable fails whole
(`EngineUnavailable`, a 503 with a retry delay: sending it again is safe). Once
something was acknowledged, the rest fail item by item instead, so every acknowledged
write is still reported and the caller knows exactly what to send again.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator

from segue.errors import EngineUnavailable

from .bulk import Action, ActionError
from .cluster import UNAVAILABLE, ClusterWriter
from .writer import ItemResult


def acknowledged_writes(writer: ClusterWriter, actions: Iterable[Action | ActionError]
                        ) -> Iterator[ItemResult]:
    """The writer's results under that rule: held back until one item is applied, and
    `EngineUnavailable` if an unreachable cluster fails an item before that."""
    held: list[ItemResult] = []
    applied = False
    for result in writer.apply(actions):
        if applied:
            yield result
            continue
        if result.error_type == UNAVAILABLE:
            raise EngineUnavailable(writer.unreachable_reason)
        held.append(result)
        if result.ok:
            applied = True
            yield from held
            held.clear()
    yield from held
