"""The crash harness: bulk writes over HTTP, `kill -9` at random moments, restart, check.

What it proves is the write path's promise: an acknowledged
write is never lost, and nothing is half-applied. The test keeps a model of what the
server must hold. Each id belongs to one writer thread, so its history is a plain
sequence and every per-item status can be predicted exactly (201/200/404/409). An
answered request moves the model to its one new state; a request cut off by the kill
leaves two candidates (applied or not), and the restart decides which one it was.
After every restart each id must hold a candidate state (GET), a sample of live ones
must be found by their name and no id may be found by a name it no longer has (an
overwritten name, a deleted document, a stale write that was refused).

Timing is random but seeded: the seed picks every operation and every kill delay, so a
failure names the seed that reproduces its operations (thread scheduling is the OS's).
"""

from __future__ import annotations

import http.client
import random
import re
import shutil
import threading
import time
from collections import Counter
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import jellyfish
import orjson

from .server import Client, ServerDied, ServerProcess, tail

DOC_TYPES = ("track", "artist", "album", "playlist", "episode")
ARTISTS = ("Sigur Rós", "Björk", "Beyoncé", "Кино", "周杰伦", "Motörhead", "AC/DC",
           "Rosalía", "藤井 風", "Ελένη Φουρέιρα")
ALBUMS = ("Ágætis byrjun", "東京 Nights", "Группа крови", "Endless Summer")
CONSONANTS = "bdfgklmnprstvz"
VOWELS = "aeiou"


@dataclass(frozen=True)
class State:
    """What the server must hold for one id: the body GET returns (None: 404), and the
    last external version it recorded (a deleted document keeps it, so an older write
    cannot bring it back)."""

    doc: dict[str, Any] | None
    version: int | None


@dataclass(frozen=True)
class Op:
    kind: str                  # index | update | delete
    doc_id: str
    version: int | None = None
    doc: dict[str, Any] | None = None
    popularity: int | None = None
    stale: bool = False        # sent knowing it must be refused with 409

    def lines(self) -> bytes:
        meta: dict[str, Any] = {"_id": self.doc_id}
        if self.version is not None:
            meta["version"] = self.version
        head = orjson.dumps({self.kind: meta}) + b"\n"
        if self.kind == "index":
            return head + orjson.dumps(self.doc) + b"\n"
        if self.kind == "update":
            return head + orjson.dumps({"doc": {"popularity": self.popularity}}) + b"\n"
        return head


def apply(state: State, op: Op) -> tuple[int, State]:
    """The server's contract for one item: (expected status, state afterwards)."""
    if op.kind == "index":
        if op.version is not None and state.version is not None and op.version <= state.version:
            return 409, state
        status = 201 if state.doc is None else 200
        version = op.version if op.version is not None else state.version
        return status, State({"id": op.doc_id, **(op.doc or {})}, version)
    if state.doc is None:
        return 404, state
    if op.kind == "update":
        return 200, State({**state.doc, "popularity": op.popularity}, state.version)
    return 200, State(None, state.version)


@dataclass
class Report:
    seed: int
    kills: int = 0                 # SIGKILLs while writers were sending
    startup_kills: int = 0         # SIGKILLs while the server was still loading
    shutdown_kills: int = 0        # ... of the first: during a clean shutdown (SIGTERM)
    clean_stops: int = 0           # SIGTERMs left to finish
    restarts: int = 0
    acknowledged: Counter[str] = field(default_factory=Counter)
    in_flight_at_kill: int = 0     # operations whose answer the kill swallowed
    in_flight_applied: int = 0     # ... of which the restart showed the new state
    searches: int = 0
    ready_s: list[float] = field(default_factory=list)
    wall_s: float = 0.0

    def summary(self) -> str:
        acked = sum(self.acknowledged.values())
        kinds = ", ".join(f"{k} {v}" for k, v in sorted(self.acknowledged.items()))
        ready = sorted(self.ready_s) or [0.0]
        return (f"seed {self.seed}: {self.kills} kills during writes ({self.shutdown_kills} "
                f"of them in a clean shutdown) + {self.startup_kills} during start-up, "
                f"{self.clean_stops} clean stops, {self.restarts} restarts in "
                f"{self.wall_s:.1f} s; "
                f"{acked} acknowledged items ({kinds}); {self.in_flight_at_kill} in flight "
                f"at a kill, {self.in_flight_applied} of them found applied; "
                f"{self.searches} searches checked; ready after restart: median "
                f"{ready[len(ready) // 2]:.2f} s, max {ready[-1]:.2f} s")


class CrashFailure(AssertionError):
    pass


def alike(old_name: str, name: str) -> bool:
    """Whether search may rightly find `name` by `old_name`: a word of one sounds like
    (metaphone, NYSIIS) or is within typo reach of a word of the other. Random made-up
    words collide so about once in a thousand checks; those checks are skipped."""
    return any(jellyfish.metaphone(a) == jellyfish.metaphone(b)
               or jellyfish.nysiis(a) == jellyfish.nysiis(b)
               or jellyfish.damerau_levenshtein_distance(a, b) <= 3
               for a in re.findall(r"\w+", old_name.lower())
               for b in re.findall(r"\w+", name.lower()))


def pseudo_word(rng: random.Random) -> str:
    """A pronounceable made-up word: unique enough to find one document by name."""
    return "".join(rng.choice(CONSONANTS) + rng.choice(VOWELS) for _ in range(4))


class CrashRun:
    """`kills` SIGKILLs during bulk ingest, each followed by a restart and a full check."""

    def __init__(self, workdir: Path, seed: int, kills: int, *, threads: int = 2,
                 ids_per_thread: int = 40, ballast: int = 300, max_kill_delay_s: float = 0.4,
                 startup_kill_rate: float = 0.1, clean_stop_rate: float = 0.1,
                 log: Callable[[str], None] = print) -> None:
        self.workdir = workdir
        self.seed = seed
        self.target_kills = kills
        self.threads = threads
        self.ids = [[f"w{t}-{i:03d}" for i in range(ids_per_thread)] for t in range(threads)]
        self.max_kill_delay_s = max_kill_delay_s
        self.startup_kill_rate = startup_kill_rate
        self.clean_stop_rate = clean_stop_rate
        self.ballast = [f"b-{i:05d}" for i in range(ballast)]
        self.log = log
        self.rng = random.Random(seed)
        self.states: dict[str, list[State]] = {
            i: [State(None, None)] for ids in [*self.ids, self.ballast] for i in ids}
        self.sent_names: dict[str, list[str]] = {i: [] for i in self.states}
        self.report = Report(seed)
        self.failures: list[str] = []
        self.lock = threading.Lock()
        self.cycle = 0
        self.server = ServerProcess(workdir / "data", workdir / "logs")

    # -- the run -------------------------------------------------------------------------

    def run(self) -> Report:
        started = time.monotonic()
        self.log(f"crash test: seed {self.seed} (rerun with SEGUE_CRASH_SEED={self.seed}), "
                 f"{self.target_kills} kills, data in {self.server.data_dir}")
        try:
            self._load_ballast()
            while self.report.kills < self.target_kills:
                self.cycle += 1
                if self.rng.random() < self.startup_kill_rate:
                    self._kill_during_startup()
                self._restart_and_verify(full=False)
                self._write_then_kill()
            # Last round: everything checked in full, then a clean stop and one more start.
            self._restart_and_verify(full=True)
            self.server.stop()
            self._restart_and_verify(full=True)
        finally:
            self.server.stop()
            self.report.wall_s = time.monotonic() - started
        self.log(self.report.summary())
        return self.report

    def _fail(self, message: str) -> None:
        raise CrashFailure(f"{message}\n[seed {self.seed}, cycle {self.cycle}; "
                           f"rerun with SEGUE_CRASH_SEED={self.seed}; last server log "
                           f"{self.server.log_path}:\n{tail(self.server.log_path, 2000)}]")

    def _load_ballast(self) -> None:
        """Documents written once and never again: every restart must still hold them,
        whether they come from a saved index or a replay. A clean stop follows, so a
        server that saves its index on shutdown starts the kills from a snapshot."""
        rng = random.Random(f"{self.seed}-ballast")
        ops = []
        for doc_id in self.ballast:
            name = f"{pseudo_word(rng).title()} {pseudo_word(rng).title()}"
            self.sent_names[doc_id].append(name)
            ops.append(Op("index", doc_id, doc={"type": rng.choice(DOC_TYPES), "name": name,
                                                "artists": [rng.choice(ARTISTS)],
                                                "popularity": rng.randint(0, 100)}))
        self.server.start()
        try:
            self.server.wait_ready()
        except ServerDied as e:
            self._fail(f"first start failed: {e}")
        client = Client(self.server.port)
        try:
            status, answer = client.bulk(b"".join(op.lines() for op in ops))
        finally:
            client.close()
        if not self._acknowledged(ops, status, answer):
            self._fail("the ballast was refused:\n" + "\n".join(self.failures[:5]))
        self.server.stop()

    def _kill_during_startup(self) -> None:
        """A kill while the server loads its indexes: recovery must survive its own crash."""
        self.server.start()
        time.sleep(self.rng.uniform(0.0, 1.0))
        if self.server.kill():
            self.report.startup_kills += 1
        else:
            self._fail(f"the server exited by itself while starting; log "
                       f"{self.server.log_path}")

    def _restart_and_verify(self, *, full: bool) -> None:
        self.server.start()
        try:
            self.report.ready_s.append(self.server.wait_ready())
        except ServerDied as e:
            self._fail(f"restart failed: {e}")
        self.report.restarts += 1
        client = Client(self.server.port)
        try:
            self._verify_documents(client, full=full)
            self._verify_search(client, full=full)
        finally:
            client.close()

    def _write_then_kill(self) -> None:
        stop = threading.Event()
        workers = [threading.Thread(target=self._writer, name=f"writer-{t}",
                                    args=(t, random.Random(f"{self.seed}-{self.cycle}-{t}"),
                                          stop))
                   for t in range(self.threads)]
        for w in workers:
            w.start()
        time.sleep(self.rng.uniform(0.0, self.max_kill_delay_s))
        if self.rng.random() < self.clean_stop_rate:
            # A clean shutdown under load, half the time cut short by a kill (while the
            # server finishes requests or saves its index).
            self.server.terminate()
            if self.rng.random() < 0.5:
                time.sleep(self.rng.uniform(0.0, 0.2))
                if self.server.kill():
                    self.report.kills += 1
                    self.report.shutdown_kills += 1
                else:
                    self.report.clean_stops += 1
            else:
                self.server.stop()
                self.report.clean_stops += 1
        else:
            self.server.kill()
            self.report.kills += 1
        stop.set()
        for w in workers:
            w.join(timeout=30)
            if w.is_alive():
                self._fail(f"{w.name} still waits for an answer from a killed server")
        if self.failures:
            self._fail("wrong bulk answers:\n" + "\n".join(self.failures[:20]))

    # -- writers -------------------------------------------------------------------------

    def _writer(self, t: int, rng: random.Random, stop: threading.Event) -> None:
        client = Client(self.server.port, timeout=15.0)
        try:
            while not stop.is_set():
                ops = [self._next_op(doc_id, rng)
                       for doc_id in rng.sample(self.ids[t], rng.randint(1, 6))]
                body = b"".join(op.lines() for op in ops)
                refresh = rng.choice(("", "", "wait_for", "true"))
                try:
                    status, answer = client.bulk(body, refresh)
                except ConnectionRefusedError:
                    return  # the server was already gone: nothing was sent
                except (OSError, http.client.HTTPException):
                    self._unanswered(ops)
                    return
                if not self._acknowledged(ops, status, answer):
                    return
        finally:
            client.close()

    def _next_op(self, doc_id: str, rng: random.Random) -> Op:
        (state,) = self.states[doc_id]  # one candidate: this thread owns the id
        versioned = int(doc_id.rsplit("-", 1)[1]) % 2 == 0
        r = rng.random()
        if state.doc is not None and r < 0.3:
            popularity = rng.choice([p for p in range(101) if p != state.doc["popularity"]])
            return Op("update", doc_id, popularity=popularity)
        if (state.doc is not None and r < 0.5) or (state.doc is None and r < 0.1):
            return Op("delete", doc_id)
        if state.doc is None and r < 0.2:
            return Op("update", doc_id, popularity=rng.randint(0, 100))  # a 404
        version = None
        stale = False
        if versioned:
            if state.version is not None and rng.random() < 0.3:
                version, stale = max(0, state.version - rng.randint(0, 2)), True
            else:
                version = (state.version or 0) + rng.randint(1, 3)
        name = f"{pseudo_word(rng).title()} {pseudo_word(rng).title()}"
        self.sent_names[doc_id].append(name)
        doc: dict[str, Any] = {"type": rng.choice(DOC_TYPES), "name": name,
                               "artists": [rng.choice(ARTISTS)],
                               "popularity": rng.randint(0, 100)}
        if rng.random() < 0.5:
            doc["album"] = rng.choice(ALBUMS)
            doc["year"] = rng.randint(1960, 2025)
        return Op("index", doc_id, version, doc, stale=stale)

    def _acknowledged(self, ops: list[Op], status: int, answer: Any) -> bool:
        """Check every item of an answered request against the model, then advance it."""
        if status != 200 or not isinstance(answer, dict) or \
                len(answer.get("items", ())) != len(ops):
            with self.lock:
                self.failures.append(f"bulk answered {status}: {str(answer)[:500]}")
            return False
        for op, item in zip(ops, answer["items"], strict=True):
            (state,) = self.states[op.doc_id]
            want, after = apply(state, op)
            got = item.get(op.kind, {})
            if got.get("_id") != op.doc_id or got.get("status") != want:
                with self.lock:
                    self.failures.append(f"{op.kind} '{op.doc_id}' (version {op.version}) "
                                         f"answered {got}, expected status {want} "
                                         f"(stored: {state})")
                return False
            self.states[op.doc_id] = [after]
            with self.lock:
                label = "index-stale-409" if want == 409 else f"{op.kind}-{want}"
                self.report.acknowledged[label] += 1
        return True

    def _unanswered(self, ops: list[Op]) -> None:
        """The kill swallowed the answer: each item is applied or not, nothing between."""
        for op in ops:
            (state,) = self.states[op.doc_id]
            _, after = apply(state, op)
            self.states[op.doc_id] = [state] if after == state else [state, after]
        with self.lock:
            self.report.in_flight_at_kill += len(ops)

    # -- checks after a restart ----------------------------------------------------------

    def _verify_documents(self, client: Client, *, full: bool) -> None:
        problems = []
        ballast = set(self.ballast if full else
                      self.rng.sample(self.ballast, min(len(self.ballast), 40)))
        for doc_id, candidates in self.states.items():
            if doc_id.startswith("b-") and doc_id not in ballast:
                continue
            status, body = client.get_doc(doc_id)
            if status not in (200, 404):
                problems.append(f"GET {doc_id}: HTTP {status} {str(body)[:200]}")
                continue
            seen = body if status == 200 else None
            matches = [c for c in candidates if c.doc == seen]
            if not matches:
                what = ("its acknowledged state is lost" if len(candidates) == 1 else
                        "it is neither its old nor its new state (half-applied?)")
                problems.append(f"{doc_id}: {what}; GET gives {seen}, expected "
                                f"{' or '.join(str(c.doc) for c in candidates)}")
                continue
            if len(candidates) > 1 and matches[0] != candidates[0]:
                self.report.in_flight_applied += 1
            # Different candidates always differ in their body (each write has a new name
            # or popularity), so the match is the one state the server holds.
            self.states[doc_id] = [matches[0]]
        if problems:
            self._fail(f"after restart {self.report.restarts}, {len(problems)} documents "
                       "are wrong:\n" + "\n".join(problems[:20]))

    def _verify_search(self, client: Client, *, full: bool) -> None:
        live = [(i, s[0].doc["name"]) for i, s in self.states.items() if s[0].doc]
        gone = [(i, n) for i, s in self.states.items() for n in self.sent_names[i]
                if s[0].doc is None or not alike(n, s[0].doc["name"])]
        if not full:
            live = self.rng.sample(live, min(len(live), 8))
            gone = self.rng.sample(gone, min(len(gone), 8))
        else:
            gone = self.rng.sample(gone, min(len(gone), 300))
        problems = []
        for doc_id, name, wanted in [(i, n, True) for i, n in live] + \
                                    [(i, n, False) for i, n in gone]:
            status, body = client.search(name)
            self.report.searches += 1
            if status != 200:
                problems.append(f"search {name!r}: HTTP {status} {str(body)[:200]}")
                continue
            found = any(h["id"] == doc_id for h in body["hits"])
            if found != wanted:
                problems.append(f"search {name!r}: '{doc_id}' " + (
                    "is missing" if wanted else "is found by a name it does not hold"))
        if problems:
            self._fail(f"after restart {self.report.restarts}, search disagrees with the "
                       "acknowledged writes:\n" + "\n".join(problems[:20]))


def fresh_workdir(path: Path) -> Path:
    if path.exists():
        shutil.rmtree(path)
    path.mkdir(parents=True)
    return path
