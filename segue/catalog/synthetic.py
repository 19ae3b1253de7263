"""Synthetic catalog generator: any size, deterministic by seed, streamed.

What it models, because each of these breaks a naive search engine:

* many languages and scripts (23 locales: Cyrillic, Greek, kanji, hanzi, Hangul,
  Arabic, Devanagari aliases), with a romanized alias where real catalogs have one;
* name patterns from real catalogs: "X feat. Y" and "(with Y)" in titles, remixes
  and live versions, "The ..." bands, symbols ($ ! & + / *), digits, diacritics;
* albums that group an artist's tracks, singles whose album is their own title;
* Zipf popularity: the i-th document gets a rank from a permutation of 1..size and
  popularity 100 * ((rank + 10) / 11) ** -0.5, so the ranks are exact without
  holding them; an artist takes the best rank of its own block;
* audio vectors clustered by genre (see genres.py), an artist's tracks around it.

Constant memory: documents are made one artist block at a time; names come from
pools loaded once (pools.py), never from Faker per document.
"""

from __future__ import annotations

import math
import random
from collections import deque
from collections.abc import Iterator, Sequence
from itertools import accumulate

import numpy as np
from unidecode import unidecode

from . import _vocab as V
from ._util import fold, stable_seed
from .genres import ARTIST_SPREAD, TRACK_SPREAD, as_list, centroid, noisy, unit
from .pools import load_pools

ZIPF_S = 0.5
ZIPF_K = 10.0

_SHARE_PLAYLIST = 0.04
_SHARE_EPISODE = 0.03
_EXPLICIT_GENRES = frozenset({"hip-hop", "rap", "trap", "drill", "latin trap", "corridos"})
_SCRIPT_ORDER = {"ja": "family_space", "zh": "family", "ko": "family"}


def zipf_popularity(rank: int, s: float = ZIPF_S, k: float = ZIPF_K) -> float:
    """Popularity of the rank-th most popular document (rank 1 -> 100), Zipf-Mandelbrot."""
    return round(100.0 * ((rank + k) / (1.0 + k)) ** -s, 2)


class _Ranks:
    """i -> rank as an affine permutation of 1..n: exact ranks in O(1) memory."""

    def __init__(self, n: int, rng: random.Random) -> None:
        self.n = max(n, 1)
        a = int(self.n * 0.6180339887) + rng.randrange(self.n) // 7 + 1
        while math.gcd(a, self.n) != 1:
            a += 1
        self.a = a % self.n or 1
        self.b = rng.randrange(self.n)

    def __call__(self, i: int) -> int:
        return (self.a * i + self.b) % self.n + 1


def _split(entry: str) -> tuple[str, str]:
    native, _, roman = entry.partition("|")
    return native, roman or native


def _cum(weights: Sequence[float]) -> list[float]:
    return list(accumulate(weights))


class _Generator:
    def __init__(self, size: int, seed: int, audio_dim: int, id_prefix: str) -> None:
        self.size = size
        self.dim = audio_dim
        self.prefix = id_prefix
        self.rng = random.Random(stable_seed("synthetic", seed))
        self.nrs = np.random.RandomState(stable_seed("synthetic-audio", seed))
        self.ranks = _Ranks(size, self.rng)
        self.pools = load_pools()
        self.locales = V.LOCALES
        self.locale_cum = _cum([loc.weight for loc in self.locales])
        self.genre_cum = {loc.code: _cum([w for _, w in loc.genres]) for loc in self.locales}
        self.locale_by_lang = {}
        for loc in self.locales:
            self.locale_by_lang.setdefault(loc.lang, loc)
        self.pl_langs = [lang for lang, _ in V.PLAYLIST_LANG_WEIGHTS]
        self.pl_cum = _cum([w for _, w in V.PLAYLIST_LANG_WEIGHTS])
        self.ep_cum = _cum([w for _, _, w in V.EPISODE_LANG_WEIGHTS])
        self.recent: deque[str] = deque(maxlen=256)
        self.centroid_cache: dict[tuple[str, ...], np.ndarray] = {}
        self.index = 0
        self.n_playlists = 0
        self.n_episodes = 0

    # ------------------------------------------------------------------ helpers
    def _centroid(self, genres: tuple[str, ...]) -> np.ndarray:
        c = self.centroid_cache.get(genres)
        if c is None:
            c = self.centroid_cache[genres] = centroid(genres, self.dim)
        return c

    def _id(self, code: str) -> str:
        doc_id = f"{self.prefix}-{code}-{self.index}"
        self.index += 1
        return doc_id

    def _pick_locale(self) -> V.Locale:
        return self.rng.choices(self.locales, cum_weights=self.locale_cum)[0]

    def _genres(self, loc: V.Locale) -> tuple[str, ...]:
        rng = self.rng
        names = [g for g, _ in loc.genres]
        primary = rng.choices(names, cum_weights=self.genre_cum[loc.code])[0]
        if rng.random() < 0.35:
            other = rng.choice(names)
            if other != primary:
                return (primary, other)
        return (primary,)

    def _markets(self, home: str) -> list[str]:
        extra = self.rng.sample(V.WORLD_MARKETS, self.rng.choice((0, 0, 1, 2, 3, 5)))
        return sorted({home, *extra})

    def _person(self, loc: V.Locale) -> tuple[str, str, str, str]:
        return self.rng.choice(self.pools[loc.code])

    # ------------------------------------------------------------------ names
    def _words(self, lang: V.Lang) -> tuple[tuple[str, str], ...]:
        rng = self.rng
        k = len(lang.nouns)
        i = rng.randrange(k)
        n, n2 = _split(lang.nouns[i]), _split(lang.nouns[(i + 1 + rng.randrange(k - 1)) % k])
        a = _split(rng.choice(lang.adjs)) if lang.adjs else n
        a2 = _split(rng.choice(lang.adjs)) if lang.adjs else n2
        p = _split(rng.choice(lang.phrases))
        return n, n2, a, a2, p

    def _title(self, lang_code: str, traditional: bool = False) -> tuple[str, str | None]:
        """A song-like title and, for non-Latin scripts, its romanization."""
        lang = V.LANGS[lang_code]
        pattern = self.rng.choice(lang.patterns)
        native_p, roman_p = _split(pattern)
        n, n2, a, a2, p = self._words(lang)
        native = native_p.format(n=n[0], n2=n2[0], a=a[0], a2=a2[0], p=p[0])
        if traditional:
            native = native.translate(V.TRADITIONAL)
        if lang.latin:
            return native, None
        if lang_code in ("ru", "uk", "el"):
            return native, " ".join(unidecode(native).replace("'", "").split())
        roman = roman_p.format(n=n[1], n2=n2[1], a=a[1], a2=a2[1], p=p[1])
        return native, roman

    def _leet(self, word: str) -> str:
        for src, dst in (("s", "$"), ("i", "!"), ("S", "$"), ("o", "0"), ("a", "@"), ("e", "3")):
            pos = word.find(src, 1)
            if pos > 0:
                return word[:pos] + dst + word[pos + 1:]
        return word + "!"

    def _artist_name(self, loc: V.Locale) -> tuple[str, list[str]]:
        """(name, aliases) for a new artist of this locale."""
        rng = self.rng
        first, last, first_l, last_l = self._person(loc)
        lang = V.LANGS[loc.lang]
        en = V.LANGS["en"]
        r = rng.random()
        if loc.lang in ("ja", "zh", "ko"):
            order = _SCRIPT_ORDER[loc.lang]
            native = f"{last} {first}" if order == "family_space" else f"{last}{first}"
            roman = f"{last_l} {first_l}"
            if loc.lang == "ko" and r < 0.35:  # K-pop acts mostly have Latin names
                a = _split(rng.choice(en.adjs))[0]
                n = _split(rng.choice(en.nouns))[0]
                return rng.choice((f"{a} {n}".upper(), n.upper(), f"{n}{rng.randint(1, 9)}")), []
            if r < 0.55:
                return native, [roman]
            if r < 0.80:
                return roman, [native]
            if loc.lang == "ja":
                noun = _split(rng.choice(en.nouns))[0]
                return rng.choice((f"{noun.upper()} {rng.choice(en.bands)[4:].upper()}",
                                   f"{noun}{_split(rng.choice(lang.nouns))[0]}")), []
            return f"{first_l} {last_l}".title(), [native]
        if loc.lang in ("ru", "uk", "el"):
            native, roman = f"{first} {last}", f"{first_l} {last_l}"
            if r < 0.6:
                return native, [roman]
            if r < 0.75 and lang.bands:
                band = rng.choice(lang.bands)
                return band, [" ".join(unidecode(band).split())]
            if r < 0.9:
                noun = _split(rng.choice(lang.nouns))[0]
                return noun, [unidecode(noun)]
            return roman, [native]
        if loc.lang == "ar":
            native, roman = f"{first} {last}", f"{first_l} {last_l}"
            return (native, [roman]) if r < 0.5 else (roman, [native])
        if loc.lang == "hi":
            native, roman = f"{first} {last}", f"{first_l} {last_l}"
            if r < 0.8:
                return roman, [native]
            return rng.choice((f"DJ {first_l}", f"{first_l} {last_l} Music")), [native]
        # Latin-script locales.
        if r < 0.42:
            return f"{first} {last}", []
        if r < 0.50:
            return rng.choice((first, first.upper(), last)), []
        if r < 0.64:
            bands = lang.bands or en.bands
            band = rng.choice(bands)
            if bands is en.bands and rng.random() < 0.5:
                band = f"The {_split(rng.choice(en.adjs))[0]} {band[4:]}"
            return band, []
        if r < 0.74:
            noun = _split(rng.choice(en.nouns if rng.random() < 0.6 else lang.nouns))[0]
            return rng.choice((f"DJ {first}", f"MC {last}", f"Lil {noun}", f"Young {first}",
                               f"{first} {noun}")), []
        if r < 0.80:
            first2 = self._person(loc)[0]
            joiner = {"es": "y", "pt": "e", "fr": "et", "de": "und", "it": "e"}.get(loc.lang, "&")
            return f"{first} {rng.choice(('&', joiner))} {first2}", []
        # Names with symbols, the ones analyzers get wrong.
        noun = _split(rng.choice(en.nouns))[0]
        noun2 = _split(rng.choice(en.nouns))[0]
        letters = "ABCDEFGHKLMNPRSTVZ"
        choice = rng.randrange(8)
        if choice == 0:
            return self._leet(first), []
        if choice == 1:
            return self._leet(noun) + rng.choice(("", "$", "!")), []
        if choice == 2:
            return f"{rng.choice(letters)}{rng.choice(letters)}/{rng.choice(letters)}"\
                   f"{rng.choice(letters)}", []
        if choice == 3:
            return f"*{noun.upper()}", []
        if choice == 4:
            return f"{noun.lower()}-{rng.randint(10, 999)}", []
        if choice == 5:
            return f"{first} + The {rng.choice(en.bands)[4:]}", []
        if choice == 6:
            return f"{noun}! {noun2}", []
        lower = noun.lower()
        i = rng.randrange(1, len(lower))
        return lower[:i] + str(rng.randint(0, 9)) + lower[i + 1:], []

    # ------------------------------------------------------------------ documents
    def _decorate(self, title: str, year: int, artists: list[str]) -> str:
        """Credits and versions in titles, as streaming catalogs write them."""
        rng = self.rng
        r = rng.random()
        if r < 0.12 and self.recent:
            guest = rng.choice(self.recent)
            if guest != artists[0]:
                artists.append(guest)
                form = rng.choice(("{t} (feat. {g})", "{t} feat. {g}", "{t} (with {g})",
                                   "{t} ft. {g}"))
                return form.format(t=title, g=guest)
        elif r < 0.15:
            return f"{title} - Remix"
        elif r < 0.17:
            return f"{title} - Live"
        elif r < 0.19:
            return f"{title} (Acoustic)"
        elif r < 0.20:
            return f"{title} - Radio Edit"
        elif r < 0.21 and year < 2000:
            return f"{title} - Remastered {rng.randint(max(year + 5, 2001), 2024)}"
        return title

    def _album_name(self, artist: str, loc: V.Locale, tracks: list[str], year: int,
                    start: int, ep: bool) -> str:
        rng = self.rng
        r = rng.random()
        if r < 0.30 and tracks:
            name = tracks[0].split(" (")[0].split(" - ")[0].split(" feat")[0]
        elif r < 0.37:
            name = artist
        elif r < 0.42:
            name = f"{self._title(loc.lang)[0]} (Deluxe Edition)"
        elif r < 0.46:
            name = f"{artist} Vol. {rng.randint(1, 4)}"
        elif r < 0.50:
            name = f"Live in {rng.choice(V.CITIES)}"
        elif r < 0.53:
            name = str(year)
        elif r < 0.56 and start < 2005:
            name = rng.choice(("Greatest Hits", f"The Best of {artist}", "Essential"))
        else:
            name = self._title(loc.lang if rng.random() > loc.english_titles else "en",
                               loc.code == "zh_TW")[0]
        return f"{name} EP" if ep and rng.random() < 0.4 else name

    def _artist_block(self) -> list[dict]:
        rng = self.rng
        loc = self._pick_locale()
        name, aliases = self._artist_name(loc)
        genres = self._genres(loc)
        start = max(1955, 2025 - int(abs(rng.gauss(0, 13))))
        markets = self._markets(loc.market)
        explicit_p = 0.45 if genres[0] in _EXPLICIT_GENRES else 0.05
        traditional = loc.code == "zh_TW"

        n_albums = rng.choice((0, 1, 1, 1, 1, 2, 2, 3))
        n_singles = rng.choice((0, 1, 1, 2, 3)) if n_albums else rng.choice((1, 1, 2, 3))
        artist_doc = {
            "id": self._id("ar"), "type": "artist", "name": name, "artists": [],
            "album": None, "aliases": aliases, "genres": list(genres), "language": loc.lang,
            "year": None, "duration_ms": None, "explicit": None, "popularity": 0.0,
            "markets": markets, "description": None, "audio_embedding": None,
        }
        block: list[dict] = [artist_doc]
        album_of: list[int] = []  # for each track, index in block of its album (or -1)

        def track(title_lang: str, year: int, album: str | None) -> dict:
            title, roman = self._title(title_lang, traditional and title_lang == "zh")
            artists = [name]
            title = self._decorate(title, year, artists)
            return {
                "id": self._id("tr"), "type": "track", "name": title, "artists": artists,
                "album": album, "aliases": [roman] if roman and rng.random() < 0.6 else [],
                "genres": list(genres), "language": title_lang, "year": year,
                "duration_ms": min(600_000, max(90_000, int(rng.gauss(215_000, 45_000)))),
                "explicit": rng.random() < explicit_p, "popularity": 0.0, "markets": markets,
                "description": None, "audio_embedding": None,
            }

        for _ in range(n_albums):
            ep = rng.random() < 0.3
            n_tracks = rng.randint(3, 6) if ep else rng.randint(6, 12)
            year = rng.randint(start, 2025)
            album_doc = {
                "id": self._id("al"), "type": "album", "name": "", "artists": [name],
                "album": None, "aliases": [], "genres": list(genres), "language": loc.lang,
                "year": year, "duration_ms": 0, "explicit": False, "popularity": 0.0,
                "markets": markets, "description": None, "audio_embedding": None,
            }
            album_pos = len(block)
            block.append(album_doc)
            ts = []
            for _ in range(n_tracks):
                lang = "en" if rng.random() < loc.english_titles else loc.lang
                ts.append(track(lang, year, None))
            album_doc["name"] = self._album_name(name, loc, [t["name"] for t in ts], year,
                                                 start, ep)
            for t in ts:
                t["album"] = album_doc["name"]
                album_doc["duration_ms"] += t["duration_ms"]
                album_doc["explicit"] = album_doc["explicit"] or t["explicit"]
                block.append(t)
                album_of.append(album_pos)
        for _ in range(n_singles):
            lang = "en" if rng.random() < loc.english_titles else loc.lang
            t = track(lang, rng.randint(start, 2025), None)
            t["album"] = t["name"]
            block.append(t)
            album_of.append(-1)
        self.recent.append(name)

        # Vectors: artist around its genre centroid, tracks around the artist,
        # albums at the mean of their tracks.
        a_vec = noisy(self._centroid(genres), ARTIST_SPREAD, self.nrs)[0]
        t_vecs = noisy(a_vec, TRACK_SPREAD, self.nrs, len(album_of))
        vecs = np.zeros((len(block), self.dim))
        vecs[0] = a_vec
        ti = 0
        for pos, doc in enumerate(block):
            if doc["type"] == "track":
                vecs[pos] = t_vecs[ti]
                ti += 1
        for pos, doc in enumerate(block):
            if doc["type"] == "album":
                members = [i for i, ap in enumerate(album_of) if ap == pos]
                vecs[pos] = unit(t_vecs[members].mean(axis=0))
        for doc, v in zip(block, as_list(vecs), strict=True):
            doc["audio_embedding"] = v
        return block

    def _playlist(self) -> dict:
        rng = self.rng
        lang = self.rng.choices(self.pl_langs, cum_weights=self.pl_cum)[0]
        loc = self.locale_by_lang.get(lang, self.locales[0])
        templates = V.PLAYLISTS[lang]
        if lang == "en" and self.recent and rng.random() < 0.12:
            artist = rng.choice(self.recent)
            tpl = rng.choice(((f"This Is {artist}", f"The essential tracks of {artist}."),
                              (f"{artist} Radio", f"Songs like {artist} and more.")))
        else:
            tpl = rng.choice(templates)
        genre = _PLAYLIST_GENRES.get(tpl[0]) or self._genres(loc)[0]
        decade = rng.choice(V.DECADES)
        mood = rng.choice(V.MOODS)
        act = rng.choice(V.ACTIVITIES)
        slots = {
            "genre": genre, "Genre": genre.title() if genre.isascii() else genre,
            "mood": mood, "mood_l": mood.lower(), "act": act, "act_l": act.lower(),
            "decade": decade, "decade_n": decade[:-1][-2:] if len(decade) == 3 else decade[:-1],
            "city": rng.choice(V.CITIES), "year": rng.randint(2015, 2025),
            "act_es": rng.choice(V.ACT_ES), "act_pt": rng.choice(V.ACT_PT),
            "act_fr": rng.choice(V.ACT_FR), "act_de": rng.choice(V.ACT_DE),
            "act_it": rng.choice(V.ACT_IT), "act_ru": rng.choice(V.ACT_RU),
            "act_tr": rng.choice(V.ACT_TR),
        }
        name = tpl[0].format_map(slots)
        if rng.random() < 0.35:
            owner = "Segue"
        else:
            p = self._person(loc)
            owner = fold(f"{p[2]}{p[3]}").replace(" ", "").replace("'", "")
            owner = f"{owner}{rng.randint(1, 99)}" if rng.random() < 0.6 else owner
        vec = noisy(self._centroid((genre,)), ARTIST_SPREAD * 0.6, self.nrs)[0]
        return {
            "id": self._id("pl"), "type": "playlist", "name": name, "artists": [],
            "album": None, "aliases": [], "genres": [genre], "language": lang, "year": None,
            "duration_ms": None, "explicit": None, "popularity": 0.0,
            "markets": self._markets(loc.market), "description": tpl[1].format_map(slots),
            "audio_embedding": as_list(vec), "owner": owner,
        }

    def _show_block(self) -> list[dict]:
        rng = self.rng
        lang, loc_code, _ = rng.choices(V.EPISODE_LANG_WEIGHTS, cum_weights=self.ep_cum)[0]
        loc = next(x for x in self.locales if x.code == loc_code)
        topic, topic_r = _split(rng.choice(V.PODCAST_TOPICS[lang]))
        host = " ".join(self._person(loc)[:2][:: -1 if lang == "ja" else 1])
        host2 = self._person(loc)[0]
        en = V.LANGS["en"]
        show_slots = {
            "Topic": topic, "host": host, "host2": host2,
            "Noun": _split(rng.choice(en.nouns))[0], "Adj": _split(rng.choice(en.adjs))[0],
        }
        show = rng.choice(V.SHOWS[lang]).format_map(show_slots)
        explicit = rng.random() < 0.12
        markets = self._markets(loc.market)
        first_ep = rng.randint(1, 300)
        docs = []
        for j in range(rng.choice((1, 1, 2, 3, 4))):
            guest_p = self._person(loc)
            guest = " ".join(guest_p[:2][:: -1 if lang == "ja" else 1])
            slots = {
                "k": first_ep + j, "artist": rng.choice(self.recent) if self.recent else host,
                "genre": rng.choice(("pop", "hip-hop", "jazz", "rock", "k-pop", "reggaeton",
                                     "techno", "country", "soul")),
                "year": rng.randint(1975, 2024), "guest": guest, "host": host,
                "topic": topic, "topic_l": topic.lower() if lang != "de" else topic,
                "decade": rng.choice(V.DECADES), "city": rng.choice(V.CITIES),
                "p": rng.randint(1, 4),
            }
            name_t, desc_t = rng.choice(V.EPISODES[lang])
            docs.append({
                "id": self._id("ep"), "type": "episode", "name": name_t.format_map(slots),
                "artists": [], "album": None, "aliases": [],
                "genres": [fold(topic_r).lower()], "language": lang,
                "year": rng.randint(2016, 2025),
                "duration_ms": rng.randint(15, 120) * 60_000 + rng.randint(0, 59_999),
                "explicit": explicit, "popularity": 0.0, "markets": markets,
                "description": desc_t.format_map(slots), "audio_embedding": None, "show": show,
            })
        return docs

    # ------------------------------------------------------------------ stream
    def _rank_block(self, block: list[dict], start: int) -> None:
        ranks = sorted(self.ranks(start + i) for i in range(len(block)))
        order = list(range(1, len(block)))
        self.rng.shuffle(order)
        block[0]["popularity"] = zipf_popularity(ranks[0])
        for pos, r in zip(order, ranks[1:], strict=True):
            block[pos]["popularity"] = zipf_popularity(r)

    def run(self) -> Iterator[dict]:
        emitted = 0
        while emitted < self.size:
            if self.n_playlists < _SHARE_PLAYLIST * emitted:
                block = [self._playlist()]
                self.n_playlists += 1
            elif self.n_episodes < _SHARE_EPISODE * emitted:
                block = self._show_block()
                self.n_episodes += len(block)
            else:
                block = self._artist_block()
            block = block[: self.size - emitted]
            self._rank_block(block, emitted)
            emitted += len(block)
            yield from block


_PLAYLIST_GENRES = {
    "Rainy day acoustic covers": "folk", "Upbeat 80s synth for running": "synthpop",
    "Deep focus": "ambient", "Música para estudiar": "lo-fi", "Baladas para llorar": "latin pop",
    "Sextou!": "funk carioca", "Bollywood Romance": "bollywood", "Punjabi Party": "punjabi",
    "Sufi Nights": "qawwali", "Русский рок: лучшее": "russian rock",
    "90'lar Türkçe Pop": "turkish pop", "طرب أصيل": "arabic classical",
    "作業用BGM": "lo-fi", "学习专用": "lo-fi", "공부할 때 듣는 노래": "lo-fi",
    "経典華語老歌": "mandopop", "经典华语老歌": "mandopop", "Late night drive": "synthwave",
    "Sunday morning coffee": "jazz", "Songs to sing in the car": "pop",
    "Estate italiana": "pop", "Хиты 90-х": "estrada", "Chansons françaises des années {decade_n}":
    "chanson", "{decade} Bollywood Hits": "bollywood", "Top {Genre} Brasil": "sertanejo",
}


def generate(
    size: int, seed: int = 0, *, audio_dim: int = 32, id_prefix: str = "s"
) -> Iterator[dict]:
    """Yield `size` synthetic catalog documents; the same seed yields the same bytes.

    Ids are ``{id_prefix}-{ar|al|tr|pl|ep}-{n}``, so two generated sets with different
    prefixes can share one index (the relevance collection uses "d" for distractors).
    """
    if size < 0:
        raise ValueError("size must be >= 0")
    if audio_dim < 2:
        raise ValueError("audio_dim must be >= 2")
    return _Generator(size, seed, audio_dim, id_prefix).run()
