"""A bounded cache of parsed stored documents, for the hits of a search.

It is an `IndexSink`: the writer sends it every upsert and removal in store order,
under the same lock as the indexes, so a cached document is never older than what
the index answers with. Parsing JSON from SQLite for every hit is a visible part of
a search box's latency; the same popular documents come back keystroke after
keystroke.
"""

from __future__ import annotations

import threading
from collections import OrderedDict
from collections.abc import Callable, Mapping
from typing import Any


class DocumentCache:
    def __init__(self, load: Callable[[list[str]], Mapping[str, dict[str, Any]]],
                 capacity: int = 20_000) -> None:
        self._load = load
        self._capacity = capacity
        self._docs: OrderedDict[str, dict[str, Any]] = OrderedDict()
        self._lock = threading.Lock()

    def get_many(self, doc_ids: list[str]) -> dict[str, dict[str, Any]]:
        found: dict[str, dict[str, Any]] = {}
        missing = []
        with self._lock:
            for doc_id in doc_ids:
                doc = self._docs.get(doc_id)
                if doc is None:
                    missing.append(doc_id)
                else:
                    self._docs.move_to_end(doc_id)
                    found[doc_id] = doc
        if missing:
            loaded = self._load(missing)
            found.update(loaded)
            with self._lock:
                self._docs.update(loaded)
                while len(self._docs) > self._capacity:
                    self._docs.popitem(last=False)
        return found

    # -- IndexSink: keep step with the writes ----------------------------------------

    def upsert(self, doc: Mapping[str, Any]) -> None:
        with self._lock:
            self._docs.pop(doc["id"], None)

    def remove(self, doc_id: str) -> None:
        with self._lock:
            self._docs.pop(doc_id, None)

    def compact(self) -> None:
        pass
