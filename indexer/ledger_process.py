"""The ledger in a process of its own, so ingest uses both cores.

Python runs one thread at a time, and a bulk request is two halves of about equal
cost: parsing, validating and committing (the `Ledger`), and indexing (the `Writer`'s
sinks, which must live where searches run). Here the ledger runs in a child process:
the serving process streams it the request's raw lines, and gets back, chunk by
chunk, the results and the changes it has made durable, which it indexes while the
child already parses and commits the next chunk.

The order of the promise is unchanged: a change reaches the indexes only after its
chunk is fsynced, and a request is answered only after all its chunks are indexed.
The child dies with its parent: a lifeline pipe that the parent never writes reads
end-of-file the moment the parent is gone (even by SIGKILL), and the child then
exits at once, so a restarted server never shares the store with a stray writer.
"""

from __future__ import annotations

import atexit
import contextlib
import logging
import multiprocessing
import os
import signal
import threading
import traceback
from collections.abc import Iterable, Iterator, Sequence
from itertools import islice
from multiprocessing.connection import Connection
from pathlib import Path
from typing import Any, NamedTuple

from . import collector
from .bulk import Action, ActionError, parse_bulk, parse_documents
from .decide import Check, ItemResult
from .ledger import CHUNK, Committed, Ledger
from .lexical import DigestRow, LexicalIndex
from .store import Store

log = logging.getLogger("segue.writer")

BLOCK_BYTES = 1 << 20  # raw request lines travel in blocks of about this size
PARSERS = {"bulk": parse_bulk, "documents": parse_documents}


# Closed at exit, before multiprocessing's own exit hook (registered earlier, so run
# later) would SIGTERM the child, which ignores it, and wait for it forever.
_running: set[LedgerProcess] = set()
atexit.register(lambda: [ledger.close() for ledger in list(_running)])


# -- the wire ----------------------------------------------------------------------------
# Every message is one of these named tuples (pickled by multiprocessing). Per request,
# the parent sends `Begin`, `Part` after `Part`, then `End`; the child answers `Chunk`
# after `Chunk`, then `Done` (or `Failed`). The child says `Ready` once, at start.


class Begin(NamedTuple):
    """A request starts: raw lines of `kind` "bulk" or "documents" (parsed in the
    child, see `PARSERS`), or "actions" already parsed."""

    kind: str


class Part(NamedTuple):
    """The next piece of the request: a block of newline-terminated raw lines, or a
    list of actions."""

    data: bytes | list[Action | ActionError]


class End(NamedTuple):
    """The request has no more parts."""


class Ready(NamedTuple):
    """The child has opened the store and waits for requests."""


class Chunk(NamedTuple):
    """A chunk committed (fsynced) by the child: a `Committed` whose documents travel
    as the stored bodies in `changes` plus what the lexical index reads of each
    (`digests`, in the order of `changes`, None for a removal), not parsed twice."""

    results: list[ItemResult]
    seq: int | None
    changes: list[tuple[str, bytes | None]]
    digests: list[DigestRow | None]  # `Digest`s sent as plain tuples (see DigestRow)

    def committed(self) -> Committed:
        return Committed(self.results, self.seq, self.changes, None, self.digests)


class Done(NamedTuple):
    """The request is answered in full."""


class Failed(NamedTuple):
    """The request failed in the child (a bug): the traceback, for the request."""

    traceback: str


Message = Begin | Part | End | Ready | Chunk | Done | Failed


class LedgerError(RuntimeError):
    """The ledger's process stopped mid-request: what it acknowledged stands, the rest
    of the request is unknown and may be sent again."""


class LedgerProcess:
    """A `Ledger` over the store at `store_path`, in a child process; one request at a
    time (requests queue on `_busy`, as they did for the store's write lock)."""

    def __init__(self, store_path: Path, checks: Sequence[Check] = ()) -> None:
        self.store_path = store_path
        self.checks = list(checks)
        self._busy = threading.Lock()
        self._start()

    def _start(self) -> None:
        ctx = multiprocessing.get_context("spawn")  # no copy of the serving heap
        self._conn, child = ctx.Pipe()
        lifeline, self._lifeline = ctx.Pipe(duplex=False)
        self._proc = ctx.Process(target=_serve, name="segue-ledger", daemon=True,
                                 args=(child, lifeline, str(self.store_path), self.checks))
        self._proc.start()
        child.close()
        lifeline.close()
        _running.add(self)
        if not isinstance(self._receive(), Ready):
            raise LedgerError("the ledger process did not start")

    def restart(self) -> None:
        self.close()
        self._start()

    def close(self) -> None:
        _running.discard(self)
        for end in (self._conn, self._lifeline):
            end.close()
        self._proc.join(timeout=10)
        if self._proc.is_alive():
            self._proc.kill()
            self._proc.join()

    def run(self, actions: Iterable[Action | ActionError]) -> Iterator[Committed]:
        it = iter(actions)
        return self._run("actions", iter(lambda: list(islice(it, CHUNK)), []))

    def run_lines(self, kind: str, lines: Iterable[bytes]) -> Iterator[Committed]:
        """`kind` is "bulk" (`parse_bulk`) or "documents" (`parse_documents`)."""
        return self._run(kind, _blocks(lines))

    def _run(self, kind: str, parts: Iterator[Any]) -> Iterator[Committed]:
        with self._busy:
            try:
                self._conn.send(Begin(kind))
            except OSError:
                raise self._stopped() from None
            failure: list[BaseException] = []
            # Sent from a thread of its own: the child answers while it still reads, and
            # both directions blocking on full pipes would wait for each other forever.
            sender = threading.Thread(target=self._send, args=(parts, failure),
                                      name="segue-ledger-send", daemon=True)
            sender.start()
            finished = False
            try:
                while True:
                    try:
                        message = self._receive()
                    except LedgerError:
                        finished = True  # nothing more will come
                        raise
                    if isinstance(message, Chunk):
                        yield message.committed()
                    elif isinstance(message, Done):
                        finished = True
                        break
                    else:
                        finished = True
                        assert isinstance(message, Failed)
                        # Logged here, once; the client is told only that it failed.
                        log.error("the write process failed on a request:\n%s",
                                  message.traceback)
                        raise LedgerError("the write process failed on this request "
                                          "(the error is in the server's log)")
            finally:
                if not finished:  # the caller stopped early: read the rest, keep in step
                    while not isinstance(self._receive(), Done | Failed):
                        pass
                sender.join()
            if failure:
                raise failure[0]

    def _send(self, parts: Iterator[Any], failure: list[BaseException]) -> None:
        try:
            for part in parts:
                self._conn.send(Part(part))
        except (OSError, ValueError):
            return  # the child is gone: the receiving side reports it
        except BaseException as e:  # reading the request failed: end it where it is
            failure.append(e)
        with contextlib.suppress(OSError, ValueError):
            self._conn.send(End())

    @property
    def alive(self) -> bool:
        return self._proc.is_alive()

    def _receive(self) -> Message:
        try:
            return self._conn.recv()
        except (EOFError, OSError):
            raise self._stopped() from None

    def _stopped(self) -> LedgerError:
        self._proc.join(timeout=5)
        return LedgerError(f"the write process stopped (exit code {self._proc.exitcode})")


def _blocks(lines: Iterable[bytes]) -> Iterator[bytes]:
    """Lines joined into blocks of about `BLOCK_BYTES`, newline-terminated; a binary
    file (a spooled request body) is read in blocks cut after a newline instead."""
    read = getattr(lines, "read", None)
    if read is not None:
        rest = b""
        while piece := read(BLOCK_BYTES):
            cut = piece.rfind(b"\n") + 1
            if cut:
                yield rest + piece[:cut]
                rest = piece[cut:]
            else:
                rest += piece
        if rest:
            yield rest + b"\n"
        return
    block: list[bytes] = []
    size = 0
    for line in lines:
        if not line.endswith(b"\n"):
            line += b"\n"
        block.append(line)
        size += len(line)
        if size >= BLOCK_BYTES:
            yield b"".join(block)
            block, size = [], 0
    if block:
        yield b"".join(block)


# -- the child --------------------------------------------------------------------------

def _serve(conn: Connection, lifeline: Connection, store_path: str,
           checks: list[Check]) -> None:
    # A stop is the parent's to decide: a terminal's Ctrl-C or a service manager's
    # SIGTERM reaches the whole process group, and the parent then finishes the
    # requests in flight, which need this process. It exits when the parent does.
    signal.signal(signal.SIGINT, signal.SIG_IGN)
    signal.signal(signal.SIGTERM, signal.SIG_IGN)
    threading.Thread(target=_exit_with_parent, args=(lifeline,), daemon=True).start()
    ledger = Ledger(Store(store_path), checks)
    conn.send(Ready())
    while True:
        try:
            kind = conn.recv().kind  # a `Begin`
        except EOFError:
            return
        parts = _parts(conn)
        try:
            source: Iterable[Action | ActionError] = (
                PARSERS[kind](_lines(parts)) if kind in PARSERS
                else (action for part in parts for action in part))
            chunks = ledger.run(source)  # a full disk: the rest answered as not applied
            while True:
                with collector.paused():
                    committed = next(chunks, None)
                    if committed is None:
                        break
                    # The lexical index's reading of each document is done here too.
                    digests = [None if doc is None else tuple(LexicalIndex.digest(doc))
                               for doc in committed.docs or ()]
                    conn.send(Chunk(committed.results, committed.seq, committed.changes,
                                    digests))
                    del committed
        except Exception:  # a bug, reported to the request rather than killing the child
            for _ in parts:
                pass
            conn.send(Failed(traceback.format_exc(limit=5)))
            continue
        for _ in parts:  # the parser may stop before the last line
            pass
        conn.send(Done())


def _parts(conn: Connection) -> Iterator[Any]:
    while isinstance(message := conn.recv(), Part):
        yield message.data


def _lines(blocks: Iterable[bytes]) -> Iterator[bytes]:
    for block in blocks:
        yield from block.split(b"\n")[:-1]


def _exit_with_parent(lifeline: Connection) -> None:
    with contextlib.suppress(EOFError, OSError):
        lifeline.recv_bytes()
    os._exit(0)
