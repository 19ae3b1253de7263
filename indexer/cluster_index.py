"""The index behind the cluster engine's alias: created on first use, rebuilt blue/green.

Searches and writes address an alias, never an index. `ClusterIndex.reindex` builds a
new index from the current mappings, copies the documents with the cluster's
`_reindex` and swaps the alias in one atomic call, so searches never see a missing or
empty index; the old index goes after a grace period.
"""

from __future__ import annotations

import time
from typing import Any

from segue.mappings import Dialect

from .cluster_vectors import ClusterVectors

# A search that resolved the alias just before the swap may still be reading the old
# index: it is deleted only after this grace period.
REINDEX_GRACE_S = 2.0


class ClusterIndex:
    """The alias and the index it points to."""

    def __init__(self, client: Any, alias: str, dialect: Dialect, vectors: ClusterVectors,
                 *, shards: int = 1, replicas: int | None = None) -> None:
        self.client = client
        self.alias = alias
        self.dialect = dialect
        self.vectors = vectors
        self.shards = shards
        self.replicas = replicas   # None: one replica when the cluster has a second node

    def _replicas(self) -> int:
        if self.replicas is not None:
            return self.replicas
        nodes = int(self.client.cluster.health()["number_of_nodes"])
        return 1 if nodes > 1 else 0

    def create(self) -> str:
        """A new, empty index from the current mappings (not yet behind the alias)."""
        name = f"{self.alias}-{time.strftime('%Y%m%d%H%M%S')}-{time.time_ns() % 10**9:09d}"
        body = self.vectors.drop_unset_audio(
            self.dialect.index_body(None, self.shards, self._replicas()))
        self.dialect.create_index(self.client, name, body)
        self.client.cluster.health(index=name, wait_for_status="yellow")
        return name

    def current(self) -> str | None:
        if not self.client.indices.exists_alias(name=self.alias):
            return None
        return next(iter(self.client.indices.get_alias(name=self.alias)))

    def ensure(self) -> None:
        """An index behind the alias, created if there is none yet."""
        if self.current() is None:
            name = self.create()
            self.client.indices.update_aliases(body={"actions": [
                {"add": {"index": name, "alias": self.alias}}]})

    def reindex(self) -> tuple[str, str]:
        """Blue/green: a new index from the current mappings, filled from the live one,
        then the alias moved in one atomic call; the old index is deleted after.
        Returns the old index's name ("" if there was none) and the new one's."""
        old = self.current()
        new = self.create()
        if old is not None:
            self.client.reindex(body={"source": {"index": old}, "dest": {"index": new}},
                                refresh=True, wait_for_completion=True, request_timeout=3600)
        actions: list[dict[str, Any]] = [{"add": {"index": new, "alias": self.alias}}]
        if old is not None:
            actions.insert(0, {"remove": {"index": old, "alias": self.alias}})
        self.client.indices.update_aliases(body={"actions": actions})
        if old is not None:
            time.sleep(REINDEX_GRACE_S)
            self.client.indices.delete(index=old)
        return old or "", new

    def drop(self) -> None:
        """Delete the alias and every index behind it (a throwaway evaluation index)."""
        for name in self.client.indices.get_alias(name=self.alias):
            self.client.indices.delete(index=name)

    def count(self) -> int:
        return int(self.client.count(index=self.alias)["count"])
