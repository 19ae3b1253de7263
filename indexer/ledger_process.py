"""The ledger in a process of its own, so ingest uses both cores, and group commit.

Python runs one thread at a time, and a bulk request is two halves of about equal
cost: parsing, validating and committing (the `Ledger`), and indexing (the `Writer`'s
sinks, which must live where searches run). Here the ledger runs in a child process:
the serving process streams it the request's raw lines, and gets back, chunk by
chunk, the results and the changes it has made durable, which it indexes while the
child already parses and commits the next chunk.

Requests do not queue whole behind each other. A small request (one block of at most
`SMALL_BYTES`, or one chunk of actions) travels whole on a pipe of its own; a large
one streams on another, one at a time, and is committed in chunks of 500. Between
two chunks of a large request the child takes every small request waiting and
commits them together with the next chunk in one transaction: one fsync for the
writes of several requests (group commit), and a one-document write waits for one
chunk, not for a whole bulk load.

The order of the promise is unchanged: a change reaches the indexes only after its
chunk is fsynced (one thread in this process indexes the chunks in the order they
were committed), and a request is answered only after all its chunks are indexed.
The child dies with its parent: a lifeline pipe that the parent never writes reads
end-of-file the moment the parent is gone (even by SIGKILL), and the child then
exits at once, so a restarted server never shares the store with a stray writer.
"""

from __future__ import annotations

import atexit
import contextlib
import itertools
import logging
import multiprocessing
import os
import queue
import signal
import threading
import traceback
from collections.abc import Callable, Iterable, Iterator, Sequence
from itertools import islice
from multiprocessing.connection import Connection, wait
from pathlib import Path
from typing import Any, NamedTuple

from . import collector
from .bulk import Action, ActionError, parse_bulk, parse_documents
from .decide import Check, ItemResult
from .ledger import CHUNK, Committed, Ledger, Positions, not_stored
from .lexical import DigestRow, LexicalIndex
from .store import Store, StoreFull

log = logging.getLogger("segue.writer")

BLOCK_BYTES = 1 << 20  # raw request lines travel in blocks of about this size
SMALL_BYTES = 64 << 10  # a request of at most this much travels whole, and is grouped
PARSERS = {"bulk": parse_bulk, "documents": parse_documents}


# Closed at exit, before multiprocessing's own exit hook (registered earlier, so run
# later) would SIGTERM the child, which ignores it, and wait for it forever.
_running: set[LedgerProcess] = set()
atexit.register(lambda: [ledger.close() for ledger in list(_running)])


# -- the wire ----------------------------------------------------------------------------
# Every message is one of these named tuples (pickled by multiprocessing), tagged with
# the request's number. A small request is one `Whole`; a large one is `Begin`, `Part`
# after `Part`, then `End`, on the stream pipe. The child answers `Chunk` after `Chunk`,
# then `Done` (or `Failed`), on the results pipe, where it says `Ready` once, at start.


class Whole(NamedTuple):
    """A small request, all of it: raw lines of `kind` "bulk" or "documents" (parsed
    in the child, see `PARSERS`), or "actions" already parsed."""

    request: int
    kind: str
    data: bytes | list[Action | ActionError]
    positions: Positions | None = None  # one per action, see `Ledger.run`


class Begin(NamedTuple):
    """A large request starts (of a `kind` as in `Whole`)."""

    request: int
    kind: str
    positions: Positions | None = None


class Part(NamedTuple):
    """The next piece of the large request: a block of newline-terminated raw lines,
    or a list of actions."""

    data: bytes | list[Action | ActionError]


class End(NamedTuple):
    """The large request has no more parts."""


class Ready(NamedTuple):
    """The child has opened the store and waits for requests."""


class Chunk(NamedTuple):
    """A chunk of `request` committed (fsynced) by the child: a `Committed` whose
    documents travel as the stored bodies in `changes` plus what the lexical index
    reads of each (`digests`, in the order of `changes`, None for a removal)."""

    request: int
    results: list[ItemResult]
    seq: int | None
    changes: list[tuple[str, bytes | None]]
    digests: list[DigestRow | None]  # `Digest`s sent as plain tuples (see DigestRow)
    streamed: bool = False  # a large request's chunk: its credit returns once indexed

    def committed(self) -> Committed:
        return Committed(self.results, self.seq, self.changes, None, self.digests)


class Done(NamedTuple):
    """The request is answered in full."""

    request: int


class Failed(NamedTuple):
    """The request failed in the child (a bug): the traceback, for the server's log."""

    request: int
    traceback: str


Message = Whole | Begin | Part | End | Ready | Chunk | Done | Failed


class LedgerError(RuntimeError):
    """The ledger's process stopped mid-request: what it acknowledged stands, the rest
    of the request is unknown and may be sent again."""


class _Stopped(NamedTuple):
    """To each open request, from the receiving thread: the child is gone."""

    exitcode: int | None


class LedgerProcess:
    """A `Ledger` over the store at `store_path`, in a child process, taking many
    requests at once (see the module).

    `on_commit` is called with every committed chunk, in commit order, from one
    thread, before its results are handed to the request; `on_restart` before a new
    child replaces one that died, once everything the dead one sent was handed over
    (the caller then indexes what the store has beyond it).
    """

    def __init__(self, store_path: Path, checks: Sequence[Check] = (), *,
                 on_commit: Callable[[Committed], None] = lambda _: None,
                 on_restart: Callable[[], None] = lambda: None) -> None:
        self.store_path = store_path
        self.checks = list(checks)
        self.on_commit = on_commit
        self.on_restart = on_restart
        self._numbers = itertools.count(1)
        self._open_lock = threading.Lock()
        self._stream = threading.Lock()   # one large request streams at a time
        self._send_small = threading.Lock()
        self._restart = threading.Lock()
        self._start()

    def _start(self) -> None:
        ctx = multiprocessing.get_context("spawn")  # no copy of the serving heap
        self._results, child_results = ctx.Pipe(duplex=False)
        child_stream, self._streams = ctx.Pipe(duplex=False)
        child_small, self._smalls = ctx.Pipe(duplex=False)
        lifeline, self._lifeline = ctx.Pipe(duplex=False)
        # One large chunk committed and not yet indexed at a time: a small request
        # that arrives meanwhile is committed before the next one, not after it.
        self._credit = ctx.Semaphore(1)
        self._proc = ctx.Process(target=_serve, name="segue-ledger", daemon=True,
                                 args=(child_results, child_stream, child_small, lifeline,
                                       self._credit, str(self.store_path), self.checks))
        self._proc.start()
        for end in (child_results, child_stream, child_small, lifeline):
            end.close()
        _running.add(self)
        try:
            ready = self._results.recv()
        except (EOFError, OSError):
            ready = None
        if not isinstance(ready, Ready):
            raise LedgerError("the ledger process did not start")
        # This child's open requests (request -> its messages); None once it is gone.
        self._open: dict[int, queue.SimpleQueue[Any]] | None = {}
        self._receiver = threading.Thread(target=self._receive,
                                          args=(self._results, self._proc,
                                                self._credit),
                                          name="segue-ledger-receive", daemon=True)
        self._receiver.start()

    def close(self) -> None:
        _running.discard(self)
        for end in (self._streams, self._smalls, self._lifeline):
            end.close()
        self._proc.join(timeout=10)
        if self._proc.is_alive():
            self._proc.kill()
            self._proc.join()
        self._receiver.join(timeout=10)
        self._results.close()

    def _ensure_running(self) -> None:
        """A child that died between requests is replaced before the next one: what
        it committed but could not hand over is indexed first (`on_restart`)."""
        with self._restart:
            if not self._receiver.is_alive():
                self.on_restart()
                self.close()
                self._start()

    # -- requests -----------------------------------------------------------------------

    def run(self, actions: Iterable[Action | ActionError]) -> Iterator[Committed]:
        it = iter(actions)
        parts = iter(lambda: list(islice(it, CHUNK)), [])
        return self._run("actions", parts, lambda part: len(part) <= CHUNK)

    def run_lines(self, kind: str, lines: Iterable[bytes],
                  positions: Positions | None = None) -> Iterator[Committed]:
        """`kind` is "bulk" (`parse_bulk`) or "documents" (`parse_documents`);
        `positions` as in `Ledger.run`."""
        return self._run(kind, _blocks(lines), lambda block: len(block) <= SMALL_BYTES,
                         positions)

    def _run(self, kind: str, parts: Iterator[Any], fits: Callable[[Any], bool],
             positions: Positions | None = None) -> Iterator[Committed]:
        self._ensure_running()
        first = next(parts, None)
        second = next(parts, None) if first is not None else None
        request = next(self._numbers)
        inbox: queue.SimpleQueue[Any] = queue.SimpleQueue()
        with self._open_lock:
            opened = self._open
            if opened is None:  # the child died a moment ago
                inbox.put(_Stopped(self._proc.exitcode))
            else:
                opened[request] = inbox
        failure: list[BaseException] = []
        try:
            if second is None and (first is None or fits(first)):
                empty: bytes | list[Any] = [] if kind == "actions" else b""
                with self._send_small:
                    self._send(self._smalls, Whole(request, kind, first or empty,
                                                   positions))
            else:
                # Sent from a thread of its own: the child answers while it still
                # reads, and both directions blocking on full pipes would wait for
                # each other forever.
                self._stream.acquire()
                sender = threading.Thread(
                    target=self._send_stream, name="segue-ledger-send", daemon=True,
                    args=(Begin(request, kind, positions),
                          itertools.chain([p for p in (first, second) if p is not None],
                                          parts), failure))
                sender.start()
            while True:
                message = inbox.get()
                if isinstance(message, Chunk):
                    yield message.committed()
                elif isinstance(message, Done):
                    break
                elif isinstance(message, Failed):
                    # Logged here, once; the client is told only that it failed.
                    log.error("the write process failed on a request:\n%s",
                              message.traceback)
                    raise LedgerError("the write process failed on this request "
                                      "(the error is in the server's log)")
                else:
                    assert isinstance(message, _Stopped)
                    self._ensure_running()
                    raise LedgerError(f"the write process stopped (exit code "
                                      f"{message.exitcode}); it has been restarted")
        finally:
            with self._open_lock:
                if opened is not None:  # a caller that stopped early: the rest dropped
                    opened.pop(request, None)
        if failure:
            raise failure[0]

    def _send(self, conn: Connection, message: Message) -> None:
        # The child gone: the receiving thread tells every open request.
        with contextlib.suppress(OSError, ValueError):
            conn.send(message)

    def _send_stream(self, begin: Begin, parts: Iterator[Any],
                     failure: list[BaseException]) -> None:
        conn = self._streams
        try:
            conn.send(begin)
            for part in parts:
                conn.send(Part(part))
        except (OSError, ValueError):
            return  # the child is gone: the receiving thread reports it
        except BaseException as e:  # reading the request failed: end it where it is
            failure.append(e)
        finally:
            with contextlib.suppress(OSError, ValueError):
                conn.send(End())
            self._stream.release()

    def _receive(self, results: Connection, proc: Any, credit: Any) -> None:
        """The one thread that reads the child's answers: each chunk is indexed
        (`on_commit`) in the order the child committed it, then handed to its
        request. When the child is gone, every open request is told."""
        opened = self._open
        assert opened is not None
        while True:
            try:
                message = results.recv()
            except (EOFError, OSError):
                break
            if isinstance(message, Chunk):
                streamed = message.streamed
                if message.seq is not None:
                    try:
                        with collector.paused():
                            self.on_commit(message.committed())
                    except Exception:
                        log.exception("indexing a committed chunk failed")
                        message = Failed(message.request, "see the error logged before")
                if streamed:  # the child may commit the large request's next chunk
                    credit.release()
            with self._open_lock:
                inbox = opened.get(message.request)
            if inbox is not None:
                inbox.put(message)
        proc.join(timeout=5)
        with self._open_lock:
            if self._open is opened:
                self._open = None
            stopped = list(opened.values())
        for inbox in stopped:
            inbox.put(_Stopped(proc.exitcode))


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

class _Stream:
    """The large request being committed, chunk by chunk."""

    def __init__(self, request: int, kind: str, conn: Connection,
                 positions: Positions | None = None) -> None:
        self.request = request
        self.positions = positions
        self.done = 0  # actions handed out so far
        self.parts = _parts(conn)
        source: Iterable[Action | ActionError] = (
            PARSERS[kind](_lines(self.parts)) if kind in PARSERS
            else (action for part in self.parts for action in part))
        self.actions = iter(source)
        self.full: StoreFull | None = None  # once the disk was full: the rest refused

    def next_chunk(self) -> list[Action | ActionError]:
        chunk = list(islice(self.actions, CHUNK))
        self.done += len(chunk)
        return chunk

    def chunk_positions(self, chunk: list[Action | ActionError]) -> Positions | None:
        """The positions of the chunk `next_chunk` just gave."""
        if self.positions is None:
            return None
        return self.positions[self.done - len(chunk):self.done]

    def finish(self) -> None:
        for _ in self.parts:  # the parser may stop before the last line
            pass


def _serve(results: Connection, streams: Connection, smalls: Connection,
           lifeline: Connection, credit: Any, store_path: str, checks: list[Check]
           ) -> None:
    # A stop is the parent's to decide: a terminal's Ctrl-C or a service manager's
    # SIGTERM reaches the whole process group, and the parent then finishes the
    # requests in flight, which need this process. It exits when the parent does.
    signal.signal(signal.SIGINT, signal.SIG_IGN)
    signal.signal(signal.SIGTERM, signal.SIG_IGN)
    threading.Thread(target=_exit_with_parent, args=(lifeline,), daemon=True).start()
    ledger = Ledger(Store(store_path), checks)
    results.send(Ready())
    stream: _Stream | None = None
    while True:
        try:
            if stream is None:
                wait([streams, smalls])
                if streams.poll():
                    begin = streams.recv()
                    stream = _Stream(begin.request, begin.kind, streams, begin.positions)
        except EOFError:
            return
        ended, chunk = False, []
        if stream is not None:
            try:
                chunk = stream.next_chunk()
            except EOFError:
                return
            except Exception:  # a bug in parsing: this request fails, not the others
                stream.finish()
                results.send(Failed(stream.request, traceback.format_exc(limit=5)))
                stream = None
            ended = stream is not None and not chunk
        large = bool(chunk) and stream is not None and stream.full is None
        if large:
            # Parsed beside the indexing of the previous chunk; committed once that
            # one is indexed (see `LedgerProcess._credit`), with every small request
            # that came meanwhile, first: theirs need not wait for this one.
            credit.acquire()
        try:
            group = _waiting(smalls, results)
        except EOFError:
            return
        if chunk and stream is not None:
            if stream.full is not None:  # the disk was full: the rest is refused
                results.send(_chunk(stream.request, not_stored(chunk, stream.full)))
            else:
                group.append((stream.request, chunk, stream.chunk_positions(chunk)))
        if group and not _commit(ledger, group, stream, results, credit):
            assert stream is not None
            stream.finish()  # its failure was sent: the rest is read, not committed
            stream, ended = None, False
        if ended:
            assert stream is not None
            stream.finish()
            results.send(Done(stream.request))
            stream = None


Group = list[tuple[int, list[Action | ActionError], Positions | None]]


def _waiting(smalls: Connection, results: Connection) -> Group:
    """Every small request that has arrived, parsed; a request whose parsing fails
    (a bug) is answered `Failed` at once."""
    group: Group = []
    while smalls.poll():
        whole: Whole = smalls.recv()
        try:
            data = whole.data
            if whole.kind in PARSERS:
                assert isinstance(data, bytes)
                actions = list(PARSERS[whole.kind](_lines([data] if data else [])))
            else:
                assert isinstance(data, list)
                actions = data
        except Exception:
            results.send(Failed(whole.request, traceback.format_exc(limit=5)))
            continue
        group.append((whole.request, actions, whole.positions))
    return group


def _commit(ledger: Ledger, group: Group,
            stream: _Stream | None, results: Connection, credit: Any) -> bool:
    """One transaction for the group; then each request's chunk, and `Done` for the
    small ones (a large one goes on). False when the large request in the group
    failed (a bug: `Failed` was sent to every request of the group)."""
    with collector.paused():
        try:
            committed = ledger.commit_group([actions for _, actions, _ in group],
                                            [positions for _, _, positions in group])
        except StoreFull as e:
            committed = [not_stored(actions, e) for _, actions, _ in group]
            if stream is not None:
                stream.full = e
        except Exception:  # a bug, reported to the requests rather than killing the child
            failure = traceback.format_exc(limit=5)
            for request, _, _ in group:
                results.send(Failed(request, failure))
            if stream is None or all(r != stream.request for r, _, _ in group):
                return True
            credit.release()  # no chunk of the large request will be indexed
            return False
        for (request, _, _), part in zip(group, committed, strict=True):
            streamed = stream is not None and request == stream.request
            results.send(_chunk(request, part, streamed))
            if not streamed:
                results.send(Done(request))
    return True


def _chunk(request: int, committed: Committed, streamed: bool = False) -> Chunk:
    # The lexical index's reading of each document is done here too.
    digests = [None if doc is None else tuple(LexicalIndex.digest(doc))
               for doc in committed.docs or ()]
    return Chunk(request, committed.results, committed.seq, committed.changes, digests,
                 streamed)


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
