"""Ingest throughput and memory: `segue ingest`, HTTP `_bulk` and tantivy, in one run.

    python -m tests.benchmarks.ingest --docs 100000 [--clients 1] [--no-tantivy] [--vectors]

Writes the synthetic catalog as NDJSON (lexical only unless `--vectors`: the audio
vectors left out and the text model off), then:

- **CLI**: `segue ingest FILE --data DIR` as a child process, timed from start to
  exit (start-up, every durable commit, and the snapshot saved at the end);
- **HTTP**: a real `segue serve` child process; the requests (10,000 documents
  each, built before the clock starts) are sent by `--clients` connections at
  once; timed from the first request to the last answer, every write fsynced;
- **tantivy**: the peer's in-memory index built from the same documents in this
  process (not durable: no commit to disk per batch), for scale.

CPU time (user + system, of the server or the CLI process with its write process;
of this process for tantivy) says what the work costs when other work shares the
machine. Resident
memory is the server's: after ingest minus before (the empty server), per
million documents. Rates are documents per second of wall time; the machine may be
shared, so compare rates from one run only.
"""

from __future__ import annotations

import argparse
import contextlib
import http.client
import os
import subprocess
import sys
import tempfile
import threading
import time
from pathlib import Path

import orjson
from tqdm import tqdm

from segue.catalog import generate

from ..durability.server import NDJSON, ServerProcess
from ..peers.tantivy_peer import TantivyPeer

REQUEST_DOCS = 10_000


def _rss(pid: int) -> int:
    for line in Path(f"/proc/{pid}/status").read_text().splitlines():
        if line.startswith("VmRSS:"):
            return int(line.split()[1]) * 1024
    raise RuntimeError("no VmRSS in /proc status")


def _cpu_seconds(pid: int) -> float:
    """User + system CPU time so far of a process and its live children (the server's
    write process), from /proc (clock ticks)."""
    fields = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
    total = (int(fields[11]) + int(fields[12])) / os.sysconf("SC_CLK_TCK")
    for task in Path(f"/proc/{pid}/task").iterdir():
        with contextlib.suppress(OSError):
            total += sum(_cpu_seconds(int(child))
                         for child in (task / "children").read_text().split())
    return total


def _bodies(lines: list[bytes]) -> list[bytes]:
    out = []
    for i in range(0, len(lines), REQUEST_DOCS):
        part = []
        for line in lines[i : i + REQUEST_DOCS]:
            part.append(orjson.dumps({"index": {"_id": orjson.loads(line)["id"]}}))
            part.append(line)
        out.append(b"\n".join(part) + b"\n")
    return out


def run_cli(catalog: Path, data: Path) -> tuple[float, float]:
    """(wall seconds, CPU seconds) of `segue ingest`."""
    started = time.perf_counter()
    proc = subprocess.Popen([sys.executable, "-m", "segue", "ingest", str(catalog),
                             "--data", str(data)], stderr=subprocess.DEVNULL)
    _, status, usage = os.wait4(proc.pid, 0)
    proc.returncode = os.waitstatus_to_exitcode(status)
    if proc.returncode:
        raise RuntimeError(f"segue ingest exited with {proc.returncode}")
    return time.perf_counter() - started, usage.ru_utime + usage.ru_stime


def run_http(bodies: list[bytes], data: Path, logs: Path, clients: int
             ) -> tuple[float, float, int, int]:
    """(seconds, server CPU seconds, resident bytes before, after) for every body sent
    to a fresh server."""
    server = ServerProcess(data, logs)
    server.start()
    try:
        server.wait_ready()
        assert server.proc is not None
        before = _rss(server.proc.pid)
        cpu = _cpu_seconds(server.proc.pid)
        queue = list(reversed(bodies))
        lock = threading.Lock()
        failures: list[str] = []
        bar = tqdm(total=len(bodies), desc=f"http ingest ({clients} clients)", unit="request",
                   file=sys.stderr)

        def send() -> None:
            # A lean client, as a catalog pipeline would be: the answer is read with
            # orjson (the standard library's json takes 20 ms for 10,000 items).
            conn = http.client.HTTPConnection("127.0.0.1", server.port, timeout=600.0)
            while True:
                with lock:
                    if not queue:
                        break
                    body = queue.pop()
                conn.request("POST", "/v1/documents/_bulk", body, NDJSON)
                res = conn.getresponse()
                answer = orjson.loads(res.read())
                if res.status != 200 or answer["errors"]:
                    failures.append(f"status {res.status}")
                bar.update(1)
            conn.close()

        threads = [threading.Thread(target=send) for _ in range(clients)]
        started = time.perf_counter()
        for t in threads:
            t.start()
        for t in threads:
            t.join()
        elapsed = time.perf_counter() - started
        bar.close()
        if failures:
            raise RuntimeError(f"{len(failures)} requests failed: {failures[:3]}")
        cpu = _cpu_seconds(server.proc.pid) - cpu
        return elapsed, cpu, before, _rss(server.proc.pid)
    finally:
        server.stop()


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__,
                                     formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--docs", type=int, default=100_000)
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument("--clients", type=int, default=1)
    parser.add_argument("--no-tantivy", action="store_true")
    parser.add_argument("--no-cli", action="store_true")
    parser.add_argument("--vectors", action="store_true",
                        help="keep the catalog's audio vectors (default: lexical only, "
                        "no vector in the documents and no text model)")
    args = parser.parse_args(argv)
    if not args.vectors:
        os.environ["SEGUE_TEXT_MODEL"] = "none"  # for the server and CLI children too

    with tempfile.TemporaryDirectory(prefix="segue-ingest-") as tmp:
        root = Path(tmp)
        catalog = root / "catalog.ndjson"
        docs = tqdm(generate(args.docs, seed=args.seed), total=args.docs,
                    desc="generating", file=sys.stderr)
        lines = [orjson.dumps(doc if args.vectors else
                              {k: v for k, v in doc.items() if k != "audio_embedding"})
                 for doc in docs]
        catalog.write_bytes(b"\n".join(lines) + b"\n")
        bodies = _bodies(lines)
        rows = []
        http_s, http_cpu, before, after = run_http(bodies, root / "http", root / "logs",
                                                   args.clients)
        rows.append((f"HTTP _bulk ({args.clients} client{'s' if args.clients > 1 else ''})",
                     http_s, http_cpu))
        del bodies
        if not args.no_cli:
            rows.append(("CLI `segue ingest`", *run_cli(catalog, root / "cli")))
        if not args.no_tantivy:
            docs = [orjson.loads(line) for line in lines]
            started, cpu = time.perf_counter(), time.process_time()
            TantivyPeer(docs)
            rows.append(("tantivy build (in RAM, not durable)", time.perf_counter() - started,
                         time.process_time() - cpu))

    print(f"\n{args.docs:,} documents\n")
    print("| path | wall time | documents/s | CPU time | documents per CPU second |")
    print("|---|---|---|---|---|")
    for name, seconds, cpu in rows:
        print(f"| {name} | {seconds:.1f} s | {args.docs / seconds:,.0f} | {cpu:.1f} s | "
              f"{args.docs / cpu:,.0f} |")
    grown = after - before
    print(f"\nserver resident memory: {before / 2**20:,.0f} MiB empty, "
          f"{after / 2**20:,.0f} MiB after ingest: "
          f"{grown / 2**30 / args.docs * 1e6:.2f} GiB per million documents")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
