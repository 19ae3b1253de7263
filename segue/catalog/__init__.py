"""Catalog documents for Segue's demo, tests and benchmarks.

A search engine for a music catalog is only as good as the names it was tested
on. Invented names are polite: they have no accents, no symbols, no second
script, no three releases of one song. Real catalogs are not polite. So this
package gives three things, each for a different job:

* ``facts`` - hand-curated real artists with their famous tracks and albums,
  spelled as released (Beyoncé, P!nk, AC/DC, Sigur Rós, 藤井 風, Кино, "Señorita"
  by Shawn Mendes and Camila Cabello). Their ids are readable ("ar-beyonce",
  "tr-queen-bohemian-rhapsody"), so tests and judgments can name them.
* ``generate(size, seed)`` - a synthetic catalog of any size, streamed in constant
  memory and identical for the same seed: many locales and scripts, featured
  artists and symbols in names, Zipf popularity, and audio vectors that cluster
  by genre so "more like this" can be tested without a model.
* ``load_demo()`` / ``build_demo()`` - the bundled demo catalog (facts on top of a
  synthetic long tail) that ``make serve`` loads; the shipped file is exactly what
  ``build_demo()`` returns.

Every document has the same keys: id, type (track, artist, album, playlist,
episode), name, artists, album, aliases, genres, language, year, duration_ms,
explicit, popularity (0-100), markets, description, audio_embedding (unit
vector or null for episodes), plus "owner" on playlists and "show" on episodes.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from .demo import build_demo, load_demo
    from .synthetic import generate

__all__ = ["build_demo", "generate", "load_demo"]


def __getattr__(name: str) -> Any:
    # Lazy, so `python -m segue.catalog.demo` does not import demo twice.
    if name in ("build_demo", "load_demo"):
        from . import demo

        return getattr(demo, name)
    if name == "generate":
        from .synthetic import generate

        return generate
    raise AttributeError(f"module 'segue.catalog' has no attribute {name!r}")
