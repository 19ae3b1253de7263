"""The bundled demo catalog: real facts on top, a synthetic long tail below.

`make serve` must show a useful search box with nothing to download, so the
package ships `demo.jsonl.gz`: every curated fact (real artists, tracks, albums)
plus a few thousand synthetic documents that add playlists, podcast episodes,
more languages and the look-alike names that make ranking hard.

Popularity follows one Zipf-Mandelbrot curve over the whole file,
100 * ((rank + 15) / 16) ** -0.4: facts take the top ranks in the order of their
curated popularity, synthetic documents the ranks below in the order the
generator gave them. So a real hit always outranks an invented one on the prior,
and the distribution has the long tail a real catalog has.

Regenerate (deterministic, byte for byte) with ``python -m segue.catalog.demo``.
"""

from __future__ import annotations

import gzip
import io
from collections.abc import Iterator
from importlib import resources
from pathlib import Path

import orjson

from . import facts
from .synthetic import generate, zipf_popularity

DEMO_FILE = "demo.jsonl.gz"
DEMO_SEED = 2024
DEMO_SYNTHETIC = 2400
AUDIO_DIM = 32
ZIPF_S = 0.4
ZIPF_K = 15.0


def build_demo() -> list[dict]:
    """Build the demo catalog in memory (about 4,500 documents, under a second)."""
    real = facts.documents(AUDIO_DIM)
    synthetic = list(generate(DEMO_SYNTHETIC, DEMO_SEED, audio_dim=AUDIO_DIM, id_prefix="s"))
    real_order = sorted(range(len(real)), key=lambda i: (-real[i]["popularity"], real[i]["id"]))
    synth_order = sorted(range(len(synthetic)), key=lambda i: (-synthetic[i]["popularity"], i))
    for rank, i in enumerate(real_order, start=1):
        real[i]["popularity"] = zipf_popularity(rank, ZIPF_S, ZIPF_K)
    for rank, i in enumerate(synth_order, start=len(real) + 1):
        synthetic[i]["popularity"] = zipf_popularity(rank, ZIPF_S, ZIPF_K)
    return real + synthetic


def dumps(docs: list[dict]) -> bytes:
    """Gzipped NDJSON with no timestamp in the header, so equal docs give equal bytes."""
    body = b"".join(orjson.dumps(d) + b"\n" for d in docs)
    buf = io.BytesIO()
    with gzip.GzipFile(fileobj=buf, mode="wb", compresslevel=9, mtime=0) as gz:
        gz.write(body)
    return buf.getvalue()


def load_demo() -> Iterator[dict]:
    """Stream the shipped demo catalog, one document at a time."""
    raw = resources.files("segue.catalog").joinpath(DEMO_FILE).read_bytes()
    with gzip.GzipFile(fileobj=io.BytesIO(raw)) as gz:
        for line in gz:
            if line.strip():
                yield orjson.loads(line)


def write_demo(path: Path | None = None) -> Path:
    """Rebuild the demo file (next to this module unless a path is given)."""
    target = path or Path(__file__).with_name(DEMO_FILE)
    target.write_bytes(dumps(build_demo()))
    return target


if __name__ == "__main__":
    out = write_demo()
    print(f"wrote {out} ({out.stat().st_size:,} bytes)")
