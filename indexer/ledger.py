"""Deciding and recording writes: validate → version check → durable commit (the
rules themselves are `decide`'s, shared with the cluster engine).

The `Ledger` is the half of the write path that needs only the store: it turns a
chunk of actions into per-item results and the changes to apply, committed (and
fsynced) before it returns them. The other half, applying those changes to the
in-memory indexes, stays with the `Writer` in the serving process. Kept apart so the
ledger can run in a process of its own (`LedgerProcess`) and parse, validate and
commit the next chunk while the serving process indexes this one.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator, Sequence
from itertools import islice
from typing import TYPE_CHECKING, Any, NamedTuple

import orjson

from .bulk import Action, ActionError
from .decide import ABSENT, Check, ItemResult, Stored, decide, refused
from .store import Put, Remove, Store, StoreFull, StreamOffsets

if TYPE_CHECKING:
    from .lexical import DigestRow

CHUNK = 500
NO_SPACE = 507  # HTTP's Insufficient Storage, per item and for the request
NO_SPACE_TYPE = "insufficient_storage_exception"


# Where an action came from in a stream: (topic, partition, offset). Given one per
# action, the chunk that commits the action records the offset in its transaction.
Position = tuple[str, int, int]
Positions = Sequence[Position]


def furthest(positions: Iterable[Positions | None]) -> dict[tuple[str, int], int]:
    """The last offset of each (topic, partition) among the positions."""
    out: dict[tuple[str, int], int] = {}
    for chunk in positions:
        for topic, partition, offset in chunk or ():
            if offset > out.get((topic, partition), -1):
                out[topic, partition] = offset
    return out


class Committed(NamedTuple):
    """A chunk once on disk: its results, in request order; the store sequence it
    reached (None when it wrote nothing); the changes to apply, in store order, as
    (id, stored JSON body, or None for a removal); and, from a ledger in this
    process, the same documents already parsed, or from a ledger process, what the
    lexical index reads of each."""

    results: list[ItemResult]
    seq: int | None
    changes: list[tuple[str, bytes | None]]
    docs: list[dict[str, Any] | None] | None = None
    digests: list[DigestRow | None] | None = None  # from a process: `LexicalIndex.digest`


class Ledger:
    """Decides each action (`decide`) against the store's state and commits the
    chunk's writes in one transaction."""

    def __init__(self, store: Store, checks: Sequence[Check] = ()) -> None:
        self.store = store
        self.checks = list(checks)  # index-specific rules beyond the schema

    def run(self, actions: Iterable[Action | ActionError],
            positions: Positions | None = None) -> Iterator[Committed]:
        """Commit the actions chunk by chunk, in order; once the disk is full, the
        rest of the request is answered item by item as not applied (`not_stored`).
        `positions`, one per action, are recorded with the chunk that commits it."""
        it = iter(actions)
        full: StoreFull | None = None
        done = 0
        while chunk := list(islice(it, CHUNK)):
            at = None if positions is None else positions[done:done + len(chunk)]
            done += len(chunk)
            if full is None:
                try:
                    yield self.commit_group([chunk], [at])[0]
                    continue
                except StoreFull as e:
                    full = e
            yield not_stored(chunk, full)

    def commit(self, chunk: list[Action | ActionError]) -> Committed:
        """Decide and commit one chunk (one transaction, fsynced); raises `StoreFull`."""
        return self.commit_group([chunk])[0]

    def commit_group(self, chunks: list[list[Action | ActionError]],
                     positions: Sequence[Positions | None] = ()) -> list[Committed]:
        """Several requests' chunks, decided in this order and committed in one
        transaction: one fsync for all (group commit). One `Committed` per chunk, with
        the store sequence its own last write reached. Raises `StoreFull` (nothing of
        any chunk is then on disk). `positions` (per chunk, one per action, or None)
        go into the same transaction, even when no action wrote anything (all
        refused): the store then holds that they were decided."""
        group = [a for chunk in chunks for a in chunk]
        ids = [a.doc_id for a in group if isinstance(a, Action) and a.doc_id]
        update_ids = [a.doc_id for a in group
                      if isinstance(a, Action) and a.op == "update" and a.doc_id]
        bodies = self.store.get_many(update_ids) if update_ids else {}
        # Each id's state, kept up to date through the group: a later action on the
        # same id (of this request or a later one) is decided against the earlier
        # one's outcome.
        states: dict[str, Stored] = {
            i: Stored(s.exists, s.version, orjson.loads(bodies[i]) if i in bodies else None)
            for i, s in self.store.states(ids).items()
        }
        decided = [self._decide(chunk, states) for chunk in chunks]
        writes = [w for _, chunk_writes, _ in decided for w in chunk_writes]
        offsets: StreamOffsets = furthest(positions)
        if not writes:
            if offsets:
                self.store.commit([], offsets)
            return [Committed(results, None, []) for results, _, _ in decided]
        seq = self.store.commit(writes, offsets) - len(writes)
        out = []
        for results, chunk_writes, docs in decided:
            seq += len(chunk_writes)
            out.append(Committed(results, seq if chunk_writes else None,
                                 [(w.doc_id, w.body if isinstance(w, Put) else None)
                                  for w in chunk_writes], docs))
        return out

    def _decide(self, chunk: list[Action | ActionError], states: dict[str, Stored]
                ) -> tuple[list[ItemResult], list[Put | Remove], list[dict[str, Any] | None]]:
        results: list[ItemResult] = []
        writes: list[Put | Remove] = []
        docs: list[dict[str, Any] | None] = []
        for action in chunk:
            stored = ABSENT
            if isinstance(action, Action) and action.doc_id:
                stored = self._state(action, states)
            decision = decide(action, stored, self.checks)
            assert decision.result is not None  # the state is known here
            results.append(decision.result)
            if decision.doc is not None:
                doc_id = decision.doc["id"]
                states[doc_id] = decision.after(states.get(doc_id, ABSENT))
                writes.append(Put(doc_id, orjson.dumps(decision.doc), decision.version))
                docs.append(decision.doc)
            elif decision.remove is not None:
                states[decision.remove] = decision.after(stored)
                writes.append(Remove(decision.remove, decision.version))
                docs.append(None)
        return results, writes, docs

    def _state(self, action: Action, states: dict[str, Stored]) -> Stored:
        assert action.doc_id is not None
        stored = states.get(action.doc_id, ABSENT)
        if action.op == "update" and stored.exists and stored.body is None:
            stored = states[action.doc_id] = stored._replace(
                body=orjson.loads(self.store.get(action.doc_id) or b"{}"))
        return stored


def not_stored(chunk: list[Action | ActionError], full: StoreFull) -> Committed:
    """A chunk the full disk refused: each item a 507 that says so (an item the parser
    refused keeps its own error), and nothing to apply."""
    return Committed([refused(a) if isinstance(a, ActionError) else
                      ItemResult(a.op, a.doc_id, NO_SPACE, error_type=NO_SPACE_TYPE,
                                 reason=f"not applied: {full}")
                      for a in chunk], None, [])
