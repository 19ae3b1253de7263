"""Snapshots: the indexes saved beside the store, so a restart replays only the tail.

A snapshot is the lexical index (`lexical.snapshot`) and the vector indexes
(`vectors/audio`, `vectors/text`), each stamped with the store sequence it reflects.
It is reused only whole: the lexical snapshot must match the code that built it (the
`fingerprint`), and every vector snapshot its sequence (and the text one its model);
anything else means a rebuild from the store. The store stays the truth: a snapshot
only shortens the replay.

Saving keeps two orders. Vectors first, lexical last: a crash in between leaves an
older lexical snapshot whose sequence the vectors no longer match, hence a rebuild,
never a mix. And each vector directory is written beside, then swapped in
(`replace_dir`), so a crash never leaves half of one. The lexical index, the slow
part, is pickled by a forked child from its copy-on-write image (`forked`): the
serving process waits only for the fork.

Loading trusts nothing: every file's CRC-32 (`checksums`), the lexical snapshot's
sequence against the store's (a snapshot ahead of the store means the store went
backwards: a lost WAL, a restored backup) and, after the replay, the index's count
against the store's. A mismatch is logged and the indexes are rebuilt from the store.
"""

from __future__ import annotations

import hashlib
import logging
import shutil
from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING

from segue import analyzers, schema
from segue.analyzers import Synonyms, TypoBudget

from .checksums import Unusable
from .forked import fork_task, wait_task
from .lexical import LexicalIndex

if TYPE_CHECKING:
    from .vector_sinks import AudioVectors, TextVectors

log = logging.getLogger("segue.snapshots")

LEXICAL_FILE = "lexical.snapshot"
VECTORS_DIR = "vectors"


def fingerprinted_files() -> list[Path]:
    """The code a saved index depends on: analysis, the schema (which text feeds which
    field, the type codes) and the indexer itself."""
    folders = (Path(analyzers.__file__).parent, Path(schema.__file__).parent,
               Path(__file__).parent)
    return [path for folder in folders for path in sorted(folder.glob("*.py"))]


def fingerprint(budget: TypoBudget, filterable: tuple[str, ...] = ()) -> str:
    """The code that analyzes and indexes, the typo budget (deletion depths) and the
    configured filterable fields: any change means a rebuild from the store."""
    digest = hashlib.sha256(repr((budget, filterable)).encode())
    for path in fingerprinted_files():
        digest.update(path.read_bytes())
    return digest.hexdigest()


def replace_dir(final: Path, write: Callable[[Path], None]) -> None:
    """`write` into a directory beside `final`, then swap it in: a crash never leaves
    half a snapshot."""
    fresh, old = final.with_name(final.name + ".new"), final.with_name(final.name + ".old")
    shutil.rmtree(fresh, ignore_errors=True)
    try:
        write(fresh)
    except BaseException:  # a full disk: the old snapshot stays, no half of a new one
        shutil.rmtree(fresh, ignore_errors=True)
        raise
    shutil.rmtree(old, ignore_errors=True)
    if final.exists():
        final.rename(old)
    fresh.rename(final)
    shutil.rmtree(old, ignore_errors=True)


class Snapshots:
    """The snapshots of one data directory, and which sequence was saved last."""

    def __init__(self, data_dir: Path, budget: TypoBudget, filterable: tuple[str, ...],
                 model: str) -> None:
        self.lexical_path = data_dir / LEXICAL_FILE
        self.vectors_dir = data_dir / VECTORS_DIR
        self.fingerprint = fingerprint(budget, filterable)
        self.model = model         # the text model the text vectors must come from
        self.seq = -1              # the store sequence of the last snapshot saved or read
        self._embedded = 0         # text vectors indexed at the last one

    def restore(self, store_seq: int, audio: AudioVectors, text: TextVectors | None,
                synonyms: Synonyms | None) -> tuple[LexicalIndex, list[str]] | None:
        """The saved lexical index, with the vector sinks set from their snapshots
        (all or none of them), and the ids whose text was still waiting for the
        embedder; None when a rebuild is needed (nothing changed then), and the log
        says why.

        Each snapshot is checked against its checksums and against the store: one
        saved at a sequence the store has not reached means the store went back in
        time (a lost WAL, a store restored from a backup), and it would keep what the
        store no longer has searchable and hide the writes that reuse its numbers.
        """
        try:
            index, seq = LexicalIndex.read(self.lexical_path, fingerprint=self.fingerprint,
                                           synonyms=synonyms)
            if seq > store_seq:
                raise Unusable(f"{self.lexical_path} was saved at sequence {seq}, but the "
                               f"store is at {store_seq}: the store's sequence went "
                               "backwards (a lost write-ahead log, or a store restored "
                               "from a backup)")
            puts = [audio.saved(self.vectors_dir / "audio", seq)]
            if text is not None:
                puts.append(text.saved(self.vectors_dir / "text", seq, self.model))
        except Unusable as e:
            if e.damaged:
                log.warning("snapshot not used: %s; rebuilding the indexes from the store",
                            e)
            else:
                log.info("snapshot not used: %s; building the indexes from the store", e)
            return None
        pending = [doc_id for put in puts for doc_id in put()]
        self.seq = seq
        return index, pending

    def check(self, indexed: int, stored: int) -> bool:
        """After the replay: the restored index must hold as many documents as the
        store (a snapshot of another store, or of a store since restored, does not).
        False, and the log says so, when it does not."""
        if indexed == stored:
            return True
        log.warning("the index restored from %s holds %d documents, the store %d; "
                    "rebuilding the indexes from the store", self.lexical_path, indexed,
                    stored)
        return False

    def due(self, seq: int, text: TextVectors | None) -> bool:
        """Whether the indexes changed since the last snapshot."""
        embedded = text.indexed if text is not None else 0
        return seq != self.seq or embedded != self._embedded

    def start(self, seq: int, lexical: LexicalIndex, audio: AudioVectors,
              text: TextVectors | None) -> int:
        """Save the vectors, then fork the child that saves the lexical index; under
        the readers' lock (the indexes must hold still). The child's id, for `finish`
        outside the lock."""
        self._embedded = text.indexed if text is not None else 0
        audio.save(self.vectors_dir / "audio", seq)
        if text is not None:
            text.save(self.vectors_dir / "text", seq, self.model)
        path, stamp = self.lexical_path, self.fingerprint
        return fork_task(lambda: lexical.save(path, seq=seq, fingerprint=stamp))

    def finish(self, child: int, seq: int) -> None:
        """Wait for the lexical index to be on disk: the snapshot of `seq` is whole."""
        wait_task(child)
        self.seq = seq
