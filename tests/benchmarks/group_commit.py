"""Single-document writes beside a bulk stream: latency with and without group commit.

    python -m tests.benchmarks.group_commit --base /tmp/gc-base [--seconds 20] [--rounds 2]

Starts a real `segue serve` from each tree (this one, and `--base`: a checkout with its
own `.venv`, e.g. `git worktree add --detach /tmp/gc-base main`), on a fresh data
directory each time. One client streams `_bulk` requests of 1,000 documents back to
back; another sends one-document `_bulk` requests, one at a time, every 20 ms, and
times each. Reports the single write's p50/p99 (and alone, before the stream starts)
and the stream's documents/s, per tree, in alternating rounds on the same machine.
Text vectors are off (SEGUE_TEXT_MODEL=none) unless `--text-vectors`: the embedder is
the same in both trees and would only add noise to what is measured, the write path.
"""

from __future__ import annotations

import argparse
import http.client
import os
import signal
import socket
import statistics
import subprocess
import tempfile
import threading
import time
from pathlib import Path

import orjson

HERE = Path(__file__).resolve().parents[2]
ARTISTS = ["Björk", "Sigur Rós", "Кино", "宇多田ヒカル", "Beyoncé", "Mötley Crüe", "Zé Ramalho"]


def _port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


def _body(start: int, count: int, prefix: str) -> bytes:
    out = []
    for i in range(start, start + count):
        artist = ARTISTS[i % len(ARTISTS)]
        out.append(orjson.dumps({"index": {"_id": f"{prefix}{i}"}}))
        out.append(orjson.dumps({"type": "track", "name": f"{artist} canción {i}",
                                 "artists": [artist], "album": f"Álbum {i % 97}",
                                 "genres": ["indie", "électro"], "popularity": i % 100,
                                 "year": 1980 + i % 40}))
    return b"\n".join(out) + b"\n"


def _post(conn: http.client.HTTPConnection, body: bytes) -> float:
    started = time.perf_counter()
    conn.request("POST", "/v1/documents/_bulk", body=body,
                 headers={"content-type": "application/x-ndjson"})
    res = conn.getresponse()
    answer = orjson.loads(res.read())
    if res.status != 200 or answer["errors"]:
        raise RuntimeError(f"bulk failed: {res.status} {str(answer)[:300]}")
    return time.perf_counter() - started


def _singles(port: int, seconds: float, stop: threading.Event | None = None) -> list[float]:
    conn = http.client.HTTPConnection("127.0.0.1", port, timeout=60)
    times, n, end = [], 0, time.monotonic() + seconds
    while time.monotonic() < end and not (stop and stop.is_set()):
        times.append(_post(conn, _body(n, 1, "s")))
        n += 1
        time.sleep(0.02)
    conn.close()
    return times


def run(tree: Path, seconds: float, text_vectors: bool = False) -> dict[str, float]:
    port = _port()
    with tempfile.TemporaryDirectory(prefix="segue-gc-") as data:
        env = {k: v for k, v in os.environ.items()
               if k not in ("SEGUE_ADMIN_KEY", "SEGUE_SEARCH_KEYS")}
        if not text_vectors:
            env["SEGUE_TEXT_MODEL"] = "none"
        proc = subprocess.Popen(
            [str(tree / ".venv" / "bin" / "python"), "-m", "segue", "serve", "--data", data,
             "--port", str(port), "--log-level", "warning"], cwd=tree, env=env,
            stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, start_new_session=True)
        try:
            for _ in range(600):
                try:
                    conn = http.client.HTTPConnection("127.0.0.1", port, timeout=2)
                    conn.request("GET", "/v1/ready")
                    if conn.getresponse().status == 200:
                        break
                except OSError:
                    pass
                time.sleep(0.1)
            alone = _singles(port, min(5.0, seconds / 4))
            stop = threading.Event()
            streamed = [0]

            def stream() -> None:
                conn = http.client.HTTPConnection("127.0.0.1", port, timeout=120)
                n = 0
                while not stop.is_set():
                    _post(conn, _body(n, 1000, "b"))
                    n += 1000
                    streamed[0] = n
                conn.close()

            bulk = threading.Thread(target=stream)
            started = time.perf_counter()
            bulk.start()
            time.sleep(1.0)  # the stream is under way
            beside = _singles(port, seconds)
            stop.set()
            bulk.join()
            elapsed = time.perf_counter() - started
        finally:
            os.killpg(proc.pid, signal.SIGTERM)
            proc.wait(timeout=60)
    q = statistics.quantiles(beside, n=100)
    return {"alone_p50": statistics.median(alone) * 1000, "p50": q[49] * 1000,
            "p99": q[98] * 1000, "writes": len(beside), "bulk_docs_s": streamed[0] / elapsed}


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__,
                                     formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--base", type=Path, required=True,
                        help="a checkout to compare with (its .venv is used)")
    parser.add_argument("--seconds", type=float, default=20.0)
    parser.add_argument("--rounds", type=int, default=2)
    parser.add_argument("--text-vectors", action="store_true",
                        help="keep the text embedder running in the servers")
    args = parser.parse_args(argv)
    results: dict[str, list[dict[str, float]]] = {"base": [], "this": []}
    for _ in range(args.rounds):
        for name, tree in (("base", args.base), ("this", HERE)):
            figures = run(tree, args.seconds, args.text_vectors)
            results[name].append(figures)
            print(f"{name:>4} ({tree}): single write alone p50 {figures['alone_p50']:.1f} ms; "
                  f"beside the stream p50 {figures['p50']:.1f} ms, p99 {figures['p99']:.1f} "
                  f"ms ({figures['writes']:.0f} writes); stream {figures['bulk_docs_s']:,.0f} "
                  "docs/s", flush=True)
    med = {name: {k: statistics.median(r[k] for r in runs) for k in runs[0]}
           for name, runs in results.items()}
    for key in ("p50", "p99", "bulk_docs_s"):
        print(f"median {key}: base {med['base'][key]:,.1f}, this {med['this'][key]:,.1f} "
              f"(this/base {med['this'][key] / med['base'][key]:.2f})")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
