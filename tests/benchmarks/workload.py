"""The benchmark workload: a synthetic catalog and the queries a search box sends.

Queries are derived from the catalog by rules (deterministic by seed), in the mix a
search box sees: keystroke prefixes, whole names, one-typo names and name + artist.
"""

from __future__ import annotations

import random
import sys
from collections.abc import Iterator
from pathlib import Path
from typing import Any

from tqdm import tqdm

from segue.catalog import generate
from segue.config import Settings
from segue.engine import EmbeddedEngine, open_engine


def catalog(size: int, seed: int = 1) -> Iterator[dict[str, Any]]:
    return generate(size, seed=seed)


def filled_engine(data: Path, size: int) -> EmbeddedEngine:
    """An engine on `data` holding the first `size` catalog documents (ingested only
    when the directory does not hold them yet, so runs can share one)."""
    engine = open_engine(Settings(data_dir=data))
    engine.load()
    if len(engine.lexical) < size:
        for _ in tqdm(engine.index_documents(catalog(size)), total=size, desc="ingest",
                      file=sys.stderr):
            pass
    return engine


def _typo(word: str, rng: random.Random) -> str:
    if len(word) < 5:
        return word
    i = rng.randrange(1, len(word) - 1)
    kind = rng.randrange(4)
    if kind == 0:
        return word[:i] + word[i + 1:]
    if kind == 1:
        return word[:i] + rng.choice("aeiourstn") + word[i:]
    if kind == 2:
        return word[:i] + rng.choice("aeiourstn") + word[i + 1:]
    return word[:i] + word[i + 1] + word[i] + word[i + 2:]


def queries(docs: list[dict[str, Any]], n: int, seed: int = 3) -> list[tuple[str, str]]:
    """(kind, query) pairs: prefix, exact, typo, name+artist, in equal shares."""
    rng = random.Random(seed)
    out = []
    for doc in rng.sample(docs, min(n, len(docs))):
        name = doc["name"]
        kind = ("prefix", "exact", "typo", "name+artist")[len(out) % 4]
        if kind == "prefix":
            q = name[: max(2, round(len(name) * rng.uniform(0.4, 0.7)))]
        elif kind == "exact":
            q = name
        elif kind == "typo":
            q = " ".join(_typo(w, rng) for w in name.split())
        else:
            artists = doc.get("artists") or [doc.get("owner") or doc.get("show") or ""]
            q = f"{name} {artists[0]}".strip()
        out.append((kind, q))
    return out


def typed(work: list[tuple[str, str]]) -> list[tuple[str, str]]:
    """Each query as a search box sends it while it is typed: every prefix, in order
    ("h", "ho", "hot", ... "hotel california"), under the query's own kind."""
    return [(kind, q[:i]) for kind, q in work for i in range(1, len(q) + 1)
            if q[:i].strip()]
