"""Pausing Python's cyclic garbage collector around bulk work on the index.

Ingest allocates many short-lived containers per document (the parsed document, its
lists, actions, results). Living through a whole chunk, they survive young
collections and are promoted, and every promotion brings the next full collection
nearer; a full collection visits every object of a million-document index. At 100k
documents that was a third of ingest's time. Nothing on these paths makes reference
cycles (reference counting frees it all), so the collector can wait until a chunk
is done; the survivors are then the index's own objects.

Nested and concurrent pauses (two bulk requests, a snapshot) are counted: the
collector runs again when the last one ends, if it was running before the first.
"""

from __future__ import annotations

import gc
import os
import threading
from collections.abc import Iterator
from contextlib import contextmanager

_lock = threading.Lock()
_depth = 0
_was_enabled = False


def _reset_in_child() -> None:
    """A forked child (see `forked`) has one thread: pauses held by others are gone."""
    global _lock, _depth
    _lock, _depth = threading.Lock(), 0


os.register_at_fork(after_in_child=_reset_in_child)


@contextmanager
def paused() -> Iterator[None]:
    global _depth, _was_enabled
    with _lock:
        if _depth == 0:
            _was_enabled = gc.isenabled()
            gc.disable()
        _depth += 1
    try:
        yield
    finally:
        with _lock:
            _depth -= 1
            if _depth == 0 and _was_enabled:
                gc.enable()


def fewer_full_collections() -> None:
    """For a process that ingests in bulk (`segue serve`, `segue ingest`): a full
    collection every 100 middle-generation ones instead of 10. A full collection visits
    every container of the index (each posting array, the id and forward lists, the
    analysis caches), and young cycles are still collected as often as before."""
    young, middle, _ = gc.get_threshold()
    gc.set_threshold(young, middle, 100)
