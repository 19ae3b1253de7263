"""Hand-curated facts: well-known real artists with their famous tracks and albums.

Why real names: a search box is judged on the names people actually type, and
those are full of traps that invented names never have: P!nk, Ke$ha, AC/DC,
Motörhead, Sigur Rós, "Señorita", 藤井 風, Кино, "DeBÍ TiRAR MáS FOToS", the
album "÷". Titles, albums, years and credits are facts and are spelled as
released. Popularity is curated (famous = high) and durations are plausible
stand-ins, not facts.

The table itself is data, shipped beside this module in facts.txt (one JSON value a
line: an artist, then its songs; the file's header says the format); this module
reads it and builds the documents.

Ids are stable and readable so tests can name documents:
``ar-beyonce``, ``tr-beyonce-halo``, ``al-beyonce-i-am-sasha-fierce``. A second
release of the same song (a compilation, a remaster) gets its album appended:
``tr-queen-bohemian-rhapsody--greatest-hits``.
"""

from __future__ import annotations

import json
import re
from collections.abc import Iterator, Sequence
from dataclasses import dataclass, field, replace
from importlib import resources

import numpy as np

from ._util import fold, slugify, stable_seed
from .genres import ARTIST_SPREAD, GENRE_FAMILY, TRACK_SPREAD, as_list, centroid, noisy, unit


@dataclass(frozen=True)
class Song:
    """One released recording. album=None means a single (its album is its title)."""

    title: str
    album: str | None
    year: int
    feat: tuple[str, ...] = ()
    aliases: tuple[str, ...] = ()
    lang: str | None = None
    explicit: bool | None = None


@dataclass(frozen=True)
class Artist:
    """A real artist and a few of their best-known songs."""

    name: str
    country: str
    lang: str
    genres: tuple[str, ...]
    popularity: float
    songs: tuple[Song, ...]
    aliases: tuple[str, ...] = ()
    slug: str = ""
    explicit: bool = False
    album_aliases: dict[str, tuple[str, ...]] = field(default_factory=dict)


FACTS_FILE = "facts.txt"
_ARTIST_KEYS = frozenset({"name", "country", "lang", "genres", "popularity", "aliases", "slug",
                          "explicit", "album_aliases"})
_SONG_OPTIONS = frozenset({"aliases", "lang", "explicit"})


def load_artists(text: str | None = None) -> tuple[Artist, ...]:
    """The shipped table (or `text` in its format) as Artists, in file order.

    A hand-edited file fails loudly, with its line: an unknown key is a typo, not an
    attribute to ignore.
    """
    if text is None:
        text = resources.files("segue.catalog").joinpath(FACTS_FILE).read_text(encoding="utf-8")
    artists: list[Artist] = []
    songs: list[Song] = []
    for n, line in enumerate(text.splitlines(), start=1):
        line = line.strip()
        if not line or line.startswith("#"):
            continue
        try:
            value = json.loads(line)
            if isinstance(value, dict):
                if artists:
                    artists[-1] = replace(artists[-1], songs=tuple(songs))
                artists.append(_artist(value))
                songs = []
            elif not artists:
                raise ValueError("a song before any artist")
            else:
                songs.append(_song(value))
        except (ValueError, TypeError, KeyError) as e:
            raise ValueError(f"{FACTS_FILE}:{n}: {type(e).__name__}: {e}") from None
    if artists:
        artists[-1] = replace(artists[-1], songs=tuple(songs))
    return tuple(artists)


def _artist(row: dict) -> Artist:
    unknown = set(row) - _ARTIST_KEYS
    if unknown:
        raise ValueError(f"unknown artist keys {sorted(unknown)}")
    return Artist(
        name=row["name"],
        country=row["country"],
        lang=row["lang"],
        genres=tuple(row["genres"]),
        popularity=float(row["popularity"]),
        songs=(),
        aliases=tuple(row.get("aliases", ())),
        slug=row.get("slug") or slugify(row["name"]),
        explicit=bool(row.get("explicit", False)),
        album_aliases={k: tuple(v) for k, v in row.get("album_aliases", {}).items()},
    )


def _song(row: list) -> Song:
    """[title, album or null, year, *featured, {options}]."""
    if not isinstance(row, list):
        raise ValueError(f"a song is [title, album, year, ...], got {row!r}")
    title, album, year, *feat = row
    options = feat.pop() if feat and isinstance(feat[-1], dict) else {}
    unknown = set(options) - _SONG_OPTIONS
    if unknown:
        raise ValueError(f"unknown song options {sorted(unknown)}")
    return Song(title, album, year, tuple(feat), tuple(options.get("aliases", ())),
                options.get("lang"), options.get("explicit"))


ARTISTS: tuple[Artist, ...] = load_artists()

#: Countries whose artists at popularity >= 80 stream everywhere.
GLOBAL_MARKETS: tuple[str, ...] = (
    "AU", "BR", "CA", "DE", "ES", "FR", "GB", "IN", "IT", "JP", "KR", "MX", "NL", "SE", "US",
)
_REGIONAL: dict[str, tuple[str, ...]] = {
    "es": ("AR", "CL", "CO", "ES", "MX", "PE", "US"),
    "pt": ("BR", "PT"),
    "fr": ("BE", "CA", "CH", "FR"),
    "de": ("AT", "CH", "DE"),
    "ru": ("BY", "KZ", "RU"),
    "uk": ("PL", "UA"),
    "zh": ("CN", "HK", "MY", "SG", "TW"),
    "ja": ("JP",),
    "ko": ("JP", "KR", "US"),
    "ar": ("AE", "EG", "LB", "MA", "SA"),
    "hi": ("AE", "GB", "IN", "US"),
    "pa": ("CA", "GB", "IN"),
    "en": ("AU", "CA", "GB", "IE", "NZ", "US"),
}

_PAREN = re.compile(r"\s*[\(\[].*?[\)\]]")
_DASH_TAIL = re.compile(r"\s+-\s+.*$")


def base_title(title: str) -> str:
    """The song under its decorations: "Despacito - Remix" and "Despacito" are one song."""
    t = _DASH_TAIL.sub("", title)
    t = _PAREN.sub("", t).strip()
    return fold(t or title).strip()


def _duration_ms(track_id: str) -> int:
    """A plausible length (2:30 to 5:30), stable per id; real lengths are not curated."""
    return 150_000 + stable_seed("duration", track_id) % 180_000


def _markets(country: str, lang: str, popularity: float) -> list[str]:
    ms = {country, *_REGIONAL.get(lang, ())}
    if popularity >= 80:
        ms.update(GLOBAL_MARKETS)
    return sorted(ms)


def _is_latin(text: str) -> bool:
    letters = [c for c in text if c.isalpha()]
    return bool(letters) and all(ord(c) < 0x250 for c in letters)


def _slug_for(title: str, aliases: Sequence[str]) -> str:
    """Slug of the title, or of its first Latin alias when the title is in another script."""
    if not _is_latin(title):
        for a in aliases:
            if _is_latin(a):
                return slugify(a)
    return slugify(title)


def _vec_rs(doc_id: str) -> np.random.RandomState:
    return np.random.RandomState(stable_seed("facts-audio", doc_id))


def documents(audio_dim: int = 32, artists: Sequence[Artist] | None = None) -> list[dict]:
    """All facts (or `artists`, e.g. a table read by `load_artists`) as catalog
    documents (artists, then their albums and tracks).

    Deterministic and independent of order: each vector is seeded by its own id, so
    adding an artist never changes another artist's documents.
    """
    docs: list[dict] = []
    seen: set[str] = set()

    def add(doc: dict) -> None:
        if doc["id"] in seen:
            raise ValueError(f"duplicate fact id {doc['id']}")
        seen.add(doc["id"])
        docs.append(doc)

    for ar in ARTISTS if artists is None else artists:
        unknown = [g for g in ar.genres if g not in GENRE_FAMILY]
        if unknown:
            raise ValueError(f"{ar.name}: unknown genres {unknown}")
        ar_id = f"ar-{ar.slug}"
        markets = _markets(ar.country, ar.lang, ar.popularity)
        ar_vec = noisy(centroid(ar.genres, audio_dim), ARTIST_SPREAD, _vec_rs(ar_id))[0]
        artist_doc = {
            "id": ar_id, "type": "artist", "name": ar.name, "artists": [], "album": None,
            "aliases": list(ar.aliases), "genres": list(ar.genres), "language": ar.lang,
            "year": None, "duration_ms": None, "explicit": None,
            "popularity": ar.popularity, "markets": markets, "description": None,
            "audio_embedding": ar_vec,
        }
        tracks: list[dict] = []
        first_release: dict[str, int] = {}
        for i, s in enumerate(ar.songs):
            slug = _slug_for(s.title, s.aliases)
            key = base_title(s.title)
            tr_id = f"tr-{ar.slug}-{slug}"
            if tr_id in seen or key in first_release:
                album_slug = _slug_for(s.album or s.title, ar.album_aliases.get(s.album or "", ()))
                tr_id = f"{tr_id}--{album_slug}"
            # Later releases of a song (compilations, remasters) are less played.
            rerelease = key in first_release
            first_release.setdefault(key, i)
            pop = max(5.0, ar.popularity - 2 - 3 * i - (15 if rerelease else 0))
            vec = noisy(ar_vec, TRACK_SPREAD, _vec_rs(tr_id))[0]
            tracks.append({
                "id": tr_id, "type": "track", "name": s.title,
                "artists": [ar.name, *s.feat], "album": s.album or s.title,
                "aliases": list(s.aliases), "genres": list(ar.genres),
                "language": s.lang or ar.lang, "year": s.year, "duration_ms": _duration_ms(tr_id),
                "explicit": ar.explicit if s.explicit is None else s.explicit,
                "popularity": float(pop), "markets": markets, "description": None,
                "audio_embedding": vec, "_single": s.album is None,
            })
        add(artist_doc)
        albums: dict[str, list[dict]] = {}
        for t in tracks:
            if not t.pop("_single"):
                albums.setdefault(t["album"], []).append(t)
        for name, ts in albums.items():
            al_aliases = ar.album_aliases.get(name, ())
            al_id = f"al-{ar.slug}-{_slug_for(name, al_aliases)}"
            langs = [t["language"] for t in ts]
            add({
                "id": al_id, "type": "album", "name": name, "artists": [ar.name], "album": None,
                "aliases": list(al_aliases), "genres": list(ar.genres),
                "language": max(langs, key=langs.count),
                "year": min(t["year"] for t in ts),
                "duration_ms": sum(t["duration_ms"] for t in ts),
                "explicit": any(t["explicit"] for t in ts),
                "popularity": float(max(5.0, max(t["popularity"] for t in ts) - 4)),
                "markets": markets, "description": None,
                "audio_embedding": unit(np.mean([t["audio_embedding"] for t in ts], axis=0)),
            })
        for t in tracks:
            add(t)
    for d in docs:
        d["audio_embedding"] = as_list(d["audio_embedding"])
    return docs


def iter_documents(audio_dim: int = 32) -> Iterator[dict]:
    """Streaming form of documents()."""
    yield from documents(audio_dim)
