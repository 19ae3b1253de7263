"""The document shape every catalog document must have, checked field by field.

Kept in one place so facts, synthetic and demo documents are held to one contract,
the one the indexer and the API are written against.
"""

from __future__ import annotations

import math
from typing import Any

TYPES = {"track", "artist", "album", "playlist", "episode"}
KEYS = [
    "id", "type", "name", "artists", "album", "aliases", "genres", "language", "year",
    "duration_ms", "explicit", "popularity", "markets", "description", "audio_embedding",
]


def _str_list(value: Any) -> bool:
    return isinstance(value, list) and all(isinstance(x, str) and x.strip() for x in value)


def check_document(doc: dict[str, Any], dim: int = 32) -> None:
    """Assert that doc has the catalog shape (raises AssertionError naming the field)."""
    where = doc.get("id")
    extra = {"playlist": ["owner"], "episode": ["show"]}.get(doc.get("type"), [])
    assert list(doc) == KEYS + extra, f"{where}: keys {list(doc)}"
    assert isinstance(doc["id"], str) and doc["id"].strip(), where
    assert doc["type"] in TYPES, where
    assert isinstance(doc["name"], str) and doc["name"].strip() == doc["name"] != "", where
    assert _str_list(doc["artists"]) and _str_list(doc["aliases"]), where
    assert _str_list(doc["genres"]) and doc["genres"], where
    assert _str_list(doc["markets"]) and doc["markets"] == sorted(set(doc["markets"])), where
    assert all(len(m) == 2 and m.isupper() for m in doc["markets"]), where
    assert isinstance(doc["language"], str) and 2 <= len(doc["language"]) <= 3, where
    pop = doc["popularity"]
    assert isinstance(pop, float) and 0.0 <= pop <= 100.0, f"{where}: popularity {pop}"
    kind = doc["type"]
    if kind in ("track", "album"):
        assert doc["artists"], f"{where}: a {kind} needs artists"
        assert isinstance(doc["year"], int) and 1900 <= doc["year"] <= 2030, where
        assert isinstance(doc["duration_ms"], int) and doc["duration_ms"] > 0, where
        assert isinstance(doc["explicit"], bool), where
    if kind == "track":
        assert isinstance(doc["album"], str) and doc["album"], where
    else:
        assert doc["album"] is None, where
    if kind == "artist":
        assert doc["artists"] == [] and doc["year"] is None, where
    if kind == "playlist":
        assert isinstance(doc["description"], str) and doc["description"], where
        assert isinstance(doc["owner"], str) and doc["owner"], where
    if kind == "episode":
        assert isinstance(doc["description"], str) and doc["description"], where
        assert isinstance(doc["show"], str) and doc["show"], where
        assert isinstance(doc["duration_ms"], int) and doc["duration_ms"] > 0, where
        assert doc["audio_embedding"] is None, where
    else:
        vec = doc["audio_embedding"]
        assert isinstance(vec, list) and len(vec) == dim, f"{where}: vector dim"
        assert all(isinstance(x, float) and math.isfinite(x) for x in vec), where
        assert all(round(x, 4) == x for x in vec), f"{where}: more than 4 decimals"
        norm = math.sqrt(sum(x * x for x in vec))
        assert abs(norm - 1.0) < 1e-3, f"{where}: norm {norm}"


def cosine_by_group(docs: list[dict[str, Any]]) -> tuple[float, float]:
    """(mean intra-genre, mean inter-genre) cosine of audio vectors, by primary genre."""
    import numpy as np

    with_vec = [d for d in docs if d["audio_embedding"] is not None]
    vecs = np.array([d["audio_embedding"] for d in with_vec])
    groups = np.array([d["genres"][0] for d in with_vec])
    sims = vecs @ vecs.T
    same = groups[:, None] == groups[None, :]
    off_diag = ~np.eye(len(with_vec), dtype=bool)
    return float(sims[same & off_diag].mean()), float(sims[~same].mean())
