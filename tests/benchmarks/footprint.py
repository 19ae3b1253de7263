"""What the demo server holds, and how soon the demo catalog is searchable by meaning.

    python -m tests.benchmarks.footprint [--embedders onnx,torch]

For each embedder, in the same run: `segue serve --load-demo-if-empty` on a fresh data
directory (what `make serve` runs), timed from the process start to /v1/ready and to
the last demo text embedded (`text_vectors_backlog` 0 in /v1/ready), then one hybrid
search; the resident set (psutil) of the serving process then, and of its write
process beside it. The int8 ONNX graph is exported before the clock starts (a first
run on a machine exports it once, about 20 s, cached under ~/.cache/segue/models).
"""

from __future__ import annotations

import argparse
import os
import socket
import subprocess
import sys
import tempfile
import time

import httpx
import psutil

from segue.indexer import TextEmbedder


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


def measure(embedder: str) -> dict[str, float]:
    port = _free_port()
    with tempfile.TemporaryDirectory() as data:
        started = time.perf_counter()
        server = subprocess.Popen(
            [sys.executable, "-m", "segue", "serve", "--data", data, "--port", str(port),
             "--load-demo-if-empty", "--embedder", embedder, "--log-level", "warning"],
            env={**os.environ, "HF_HUB_OFFLINE": "1"},
            stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
        url = f"http://127.0.0.1:{port}"
        ready_s = embedded_s = float("nan")
        try:
            while time.perf_counter() - started < 900:
                try:
                    r = httpx.get(f"{url}/v1/ready", timeout=5)
                except httpx.HTTPError:
                    r = None
                if r is not None and r.status_code == 200:
                    if ready_s != ready_s:
                        ready_s = time.perf_counter() - started
                    if r.json().get("text_vectors_backlog") == 0:
                        embedded_s = time.perf_counter() - started
                        break
                time.sleep(0.2)
            httpx.get(f"{url}/v1/search", params={"q": "rainy day acoustic"}, timeout=30)
            process = psutil.Process(server.pid)
            rss = process.memory_info().rss
            children = sum(c.memory_info().rss for c in process.children(recursive=True))
            modules = "torch" if _imports_torch(process) else "no torch"
        finally:
            server.terminate()
            server.wait(30)
    return {"ready_s": ready_s, "embedded_s": embedded_s, "rss_mib": rss / 2**20,
            "children_mib": children / 2**20, "torch": modules}


def _imports_torch(process: psutil.Process) -> bool:
    """torch's shared library mapped into the process: it was imported."""
    return any("libtorch" in m.path for m in process.memory_maps())


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__,
                                     formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--embedders", default="onnx,torch")
    args = parser.parse_args(argv)
    os.environ["HF_HUB_OFFLINE"] = "1"
    TextEmbedder(backend="onnx")  # the export, if this machine has not made it yet
    print("| embedder | ready after | demo fully embedded after | serving process RSS "
          "| write process RSS | torch in the serving process |")
    print("|---|---|---|---|---|---|")
    for embedder in args.embedders.split(","):
        m = measure(embedder)
        print(f"| {embedder} | {m['ready_s']:.1f} s | {m['embedded_s']:.1f} s | "
              f"{m['rss_mib']:.0f} MiB | {m['children_mib']:.0f} MiB | {m['torch']} |",
              flush=True)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
