"""Genre vocabulary and the audio-embedding geometry built on it.

Real audio embeddings come from an upstream model; Segue only indexes them. For
tests and demos we need vectors whose neighbourhoods mean something, so every
genre gets a fixed direction (its centroid), genres of one family share part of
their direction, and a document's vector is its centroid plus noise, normalized.
"More like this" then returns the same genre first and the same family next, and
a test can check that without any model.
"""

from __future__ import annotations

from collections.abc import Sequence
from functools import lru_cache

import numpy as np

from ._util import stable_seed

#: Genres grouped by family. A genre's centroid is close to its family's genres.
FAMILIES: dict[str, tuple[str, ...]] = {
    "pop": (
        "pop", "dance pop", "synthpop", "europop", "teen pop", "k-pop", "j-pop", "c-pop",
        "mandopop", "cantopop", "latin pop", "turkish pop", "schlager", "v-pop",
        "city pop", "estrada", "electropop",
    ),
    "rock": (
        "rock", "hard rock", "alternative", "indie", "indie rock", "punk", "pop punk",
        "grunge", "metal", "heavy metal", "industrial metal", "symphonic metal", "post-rock",
        "russian rock", "rock en español", "j-rock", "anatolian rock", "britpop", "new wave",
        "ska punk",
    ),
    "urban": (
        "hip-hop", "rap", "trap", "r&b", "soul", "funk", "latin trap", "drill", "neo soul",
        "gospel",
    ),
    "latin": (
        "reggaeton", "salsa", "bachata", "regional mexican", "corridos", "norteño",
        "ranchera", "tango", "flamenco", "bossa nova", "mpb", "sertanejo", "funk carioca",
        "cumbia", "son cubano", "tejano",
    ),
    "electronic": (
        "electronic", "house", "techno", "edm", "trance", "drum and bass", "dubstep",
        "ambient", "lo-fi", "disco", "french house", "synthwave",
    ),
    "acoustic": (
        "folk", "country", "singer-songwriter", "chanson", "fado", "blues", "jazz",
        "vocal jazz", "classical", "soundtrack", "classical crossover", "piano",
    ),
    "world": (
        "afrobeats", "afrobeat", "amapiano", "reggae", "dancehall", "raï", "arabic pop",
        "arabic classical", "qawwali", "bollywood", "punjabi", "laïko", "éntekhno",
        "turkish folk", "world",
    ),
}

#: Genre -> family.
GENRE_FAMILY: dict[str, str] = {g: fam for fam, gs in FAMILIES.items() for g in gs}
#: Every known genre, in a fixed order.
GENRES: tuple[str, ...] = tuple(GENRE_FAMILY)

#: Noise norms: how far an artist strays from its genre, and a track from its artist.
ARTIST_SPREAD = 0.55
TRACK_SPREAD = 0.35


def _unit(v: np.ndarray) -> np.ndarray:
    n = np.linalg.norm(v, axis=-1, keepdims=True)
    return v / np.where(n == 0, 1.0, n)


def _direction(name: str, dim: int) -> np.ndarray:
    rs = np.random.RandomState(stable_seed("direction", name, dim))
    return _unit(rs.standard_normal(dim))


@lru_cache(maxsize=64)
def centroids(dim: int) -> dict[str, np.ndarray]:
    """Unit centroid per genre: 0.75 family direction + 0.66 own direction."""
    out: dict[str, np.ndarray] = {}
    for g, fam in GENRE_FAMILY.items():
        out[g] = _unit(0.75 * _direction("family:" + fam, dim) + 0.66 * _direction(g, dim))
        out[g].setflags(write=False)
    return out


def centroid(genres: Sequence[str], dim: int) -> np.ndarray:
    """Centroid of a genre list; the first genre weighs most (it is the primary one)."""
    table = centroids(dim)
    known = [g for g in genres if g in table]
    if not known:
        raise ValueError(f"no known genre in {list(genres)!r}")
    weights = [1.0 / (i + 1) for i in range(len(known))]
    return _unit(sum(w * table[g] for w, g in zip(weights, known, strict=True)))


def noisy(base: np.ndarray, spread: float, rs: np.random.RandomState, n: int = 1) -> np.ndarray:
    """n unit vectors scattered around base, the noise having norm about `spread`."""
    dim = base.shape[-1]
    noise = rs.standard_normal((n, dim)) * (spread / np.sqrt(dim))
    return _unit(base + noise)


def as_list(v: np.ndarray) -> list[float]:
    """JSON-ready vector: 4 decimals keep files small and still unit norm to ~1e-4."""
    return np.round(v, 4).tolist()


def unit(v: np.ndarray) -> np.ndarray:
    """Normalize along the last axis (zero rows stay zero)."""
    return _unit(v)
