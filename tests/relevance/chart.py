"""The chart collection: real popular tracks hidden in a long tail that competes with them.

A collection flatters an engine when its distractors share nothing with what is searched
for. Here the real part (`segue/catalog/facts.txt` plus `chart_facts.txt` beside this
file: 2,570 artists, albums and tracks spelled as released, Beyoncé, Sigur Rós,
Кино, 周杰伦, OneRepublic, The 1975) sits among 47,430 long-tail documents made to be
confused with it:

* titles and artist names built from the real names' own words, first names and word
  starts ("Hell" by an unknown artist, an artist "Björk Eriksson", a track titled
  "Björk", "Hotel Calima", many words starting "cal", "te", "ro"), mixed with common
  words of sixteen Faker locales and the person names of 24 locales;
* covers (the same title by someone else) and remixes of real tracks;
* near-digit twins of real titles ("2000" beside Dr. Dre's "2001"), made popular, so
  that matching digits by typo loses;
* popularity from a long tail whose head overlaps the real documents' range (31-100):
  nine in ten at 0.5-50, one in ten at 30-75, so popularity alone cannot decide.

The corpus is built once by `python -m tests.relevance.build_chart` (deterministic,
seeded) and shipped as `chart_corpus.jsonl.gz`, so the collection does not move when
the catalog generator, the name pools or Faker's word lists change. Audio vectors are
left out: the collection measures the search box.
"""

from __future__ import annotations

import gzip
import random
import re
import unicodedata
from collections.abc import Iterator
from functools import lru_cache
from pathlib import Path

import orjson

from segue.catalog import _vocab as V
from segue.catalog._util import stable_seed
from segue.catalog.facts import ARTISTS, documents, load_artists
from segue.catalog.pools import load_pools

HERE = Path(__file__).parent
CHART_FACTS = HERE / "chart_facts.txt"
CORPUS_FILE = HERE / "chart_corpus.jsonl.gz"
QUERIES_FILE = HERE / "chart_queries.jsonl"

SIZE = 50_000
SEED = 13
DISTRACTOR_PREFIX = "lt"  # long tail: "lt-tr-123"

#: Faker locales whose lorem word lists name distractors (common words, many scripts).
WORD_LOCALES = ("en_US", "es_ES", "fr_FR", "de_DE", "it_IT", "nl_NL", "pl_PL", "cs_CZ",
                "da_DK", "ru_RU", "uk_UA", "el_GR", "he_IL", "vi_VN", "ja_JP", "zh_CN")

#: Prefixes of well-known words that must be crowded (item 1 of the issue: hundreds of
#: vocabulary terms starting with the same letters as the word being typed).
CROWDED_PREFIXES = ("cal", "te", "ro", "he", "sm", "sw", "st", "la", "bo", "ma", "mi",
                    "be", "bl", "ch", "co", "de", "fl", "ha", "lo", "sh", "tr", "wo")

#: Exact short names planted low in popularity: each is a word a famous title starts
#: with ("Hell" on the way to "Hello"). build_chart's exact_vs_popular queries type them.
PLANTED_EXACT = ("Hell", "Thrill", "Dream", "Flower", "Form", "Wonder", "Sky", "Shall",
                 "Believe", "Purple", "Smooth", "Lose", "Counting", "Shape", "Blinding",
                 "Radio", "Thunder", "Dancing", "Bohemian", "Stairway", "Gangsta", "Viva",
                 "Bitter", "Uptown", "Rolling", "Someone", "Cruel", "Blank", "Wrecking",
                 "Easy", "Seven", "Eye", "Heart", "Sweet", "Hotel", "Smells", "Billie",
                 "Toxi", "Despa", "Sugar", "Roxa", "Wanna", "Fire", "Kryptoni", "Umbre",
                 "Levita", "Bad", "Stay", "Happ", "Imag")

#: Real digit titles and a popular near-digit twin of each ("2001" is not "2000").
DIGIT_TWINS = (("2001", "2000"), ("1999", "1998"), ("2002", "2003"), ("7 rings", "6 rings"),
               ("24K Magic", "25K Magic"), ("99 Luftballons", "98 Luftballons"),
               ("7 Years", "8 Years"), ("Song 2", "Song 3"), ("Summer of '69", "Summer of '68"),
               ("3AM", "4AM"), ("22", "23"), ("Blink-182", "Blink-183"),
               ("The 1975", "The 1976"), ("Maroon 5", "Maroon 6"), ("Sum 41", "Sum 42"),
               ("50 Cent", "51 Cent"), ("UB40", "UB41"), ("Eiffel 65", "Eiffel 66"),
               ("2Pac", "3Pac"), ("U2", "U3"))

_WORD = re.compile(r"[^\W\d_]+", re.UNICODE)


def real_documents() -> list[dict]:
    """The real chart: the shipped facts and `chart_facts.txt`, without audio vectors."""
    extra = load_artists(CHART_FACTS.read_text(encoding="utf-8"))
    docs = documents(artists=(*ARTISTS, *extra))
    for d in docs:
        d["audio_embedding"] = None
    return docs


def _faker_words() -> dict[str, list[str]]:
    from importlib import import_module

    out = {}
    for loc in WORD_LOCALES:
        words = import_module(f"faker.providers.lorem.{loc}").Provider.word_list
        out[loc] = sorted({w for w in words if len(w) >= 2 and _WORD.fullmatch(w)})
    return out


def _long_tail_popularity(rng: random.Random) -> float:
    """Nine in ten from a long tail (0.5-50, median about 9), one in ten anywhere in
    30-75: the head of the tail overlaps the real documents (31-100, median 67), so
    popularity alone cannot tell a real track from a distractor."""
    if rng.random() < 0.9:
        return round(0.5 + 49.5 * rng.random() ** 2.5, 2)
    return round(rng.uniform(30, 75), 2)


class _LongTail:
    """Distractor artists with albums and tracks, one artist block at a time."""

    def __init__(self, real: list[dict], seed: int) -> None:
        self.rng = random.Random(stable_seed("chart-long-tail", seed))
        self.pools = load_pools()
        self.locales = sorted(self.pools)
        self.words = _faker_words()
        self.word_locales = sorted(self.words)
        self.real_titles = [d["name"] for d in real if d["type"] == "track"]
        self.real_artists = [d["name"] for d in real if d["type"] == "artist"]
        real_words = {w for d in real for text in (d["name"], *d["artists"])
                      for w in _WORD.findall(text) if len(w) >= 3}
        self.real_words = sorted(real_words)
        first_names = {a.split()[0] for a in self.real_artists if len(a.split()) >= 2}
        self.real_first = sorted(w for w in first_names if _WORD.fullmatch(w))
        self.single_names = sorted(a for a in self.real_artists
                                   if len(a.split()) == 1 and _WORD.fullmatch(a))
        every = {w for ws in self.words.values() for w in ws} | real_words
        self.crowded = {p: sorted(w for w in every if w.casefold().startswith(p)
                                  and len(w) > len(p)) for p in CROWDED_PREFIXES}
        self.genres = sorted({g for loc in V.LOCALES for g, _ in loc.genres})
        self.n = 0

    def _id(self, code: str) -> str:
        self.n += 1
        return f"{DISTRACTOR_PREFIX}-{code}-{self.n}"

    def word(self, loc: str | None = None) -> str:
        """A real name's word, a crowded-prefix word, or a common word of `loc`."""
        rng = self.rng
        r = rng.random()
        if r < 0.25:
            return rng.choice(self.real_words)
        if r < 0.40:
            return rng.choice(self.crowded[rng.choice(CROWDED_PREFIXES)])
        return rng.choice(self.words[loc or rng.choice(self.word_locales)])

    def person(self) -> tuple[str, str]:
        """(first, last) in Latin letters or the locale's own script."""
        first, last, first_l, last_l = self.rng.choice(self.pools[self.rng.choice(self.locales)])
        return (first, last) if self.rng.random() < 0.6 else (first_l, last_l)

    def artist_name(self) -> str:
        rng = self.rng
        r = rng.random()
        first, last = self.person()
        if r < 0.10:  # "Björk Eriksson", "Adele Novak": a famous one-word name as first name
            return f"{rng.choice(self.single_names)} {last}"
        if r < 0.22:  # "Taylor Nguyen", "Lana Kowalski": famous first names
            return f"{rng.choice(self.real_first)} {last}"
        if r < 0.30:  # a famous surname-like word after another first name
            return f"{first} {rng.choice(self.real_words).title()}"
        if r < 0.62:
            return f"{first} {last}"
        if r < 0.80:
            w = self.word()
            return f"The {w.title()}s" if w.isascii() and rng.random() < 0.5 else w.title()
        return f"{self.word().title()} {self.word().title()}"

    def title(self) -> str:
        rng = self.rng
        r = rng.random()
        loc = rng.choice(self.word_locales)  # one language per title
        if r < 0.10:  # a real title's words in another order or with another word
            words = rng.choice(self.real_titles).split()
            k = rng.randrange(len(words))
            return " ".join([*words[:k], self.word(loc).title(), *words[k + 1:]]) \
                if len(words) > 1 else f"{words[0]} {self.word(loc)}"
        if r < 0.16:  # a track named like a famous artist ("Björk")
            return rng.choice(self.single_names + self.real_first)
        if r < 0.45:
            return self.word(loc).title()
        if r < 0.80:
            return f"{self.word(loc).title()} {self.word(loc)}"
        if r < 0.93:
            return f"{self.word(loc).title()} {self.word(loc)} {self.word(loc)}"
        lang = V.LANGS[rng.choice(sorted(V.LANGS))]
        return rng.choice(lang.phrases).partition("|")[0]

    def block(self) -> Iterator[dict]:
        """An artist, maybe an album, and 1-8 tracks."""
        rng = self.rng
        name = self.artist_name()
        pop = _long_tail_popularity(rng)
        genres = [rng.choice(self.genres)]
        year = rng.randint(1960, 2025)
        yield _doc(self._id("ar"), "artist", name, [], None, pop, None, genres)
        titles = [self.title() for _ in range(rng.choice((1, 1, 2, 3, 4, 6, 8)))]
        album = None
        if len(titles) > 2:
            album = self.title()
            yield _doc(self._id("al"), "album", album, [name], None,
                       max(0.5, round(pop * rng.uniform(0.5, 1.0), 2)), year, genres)
        for t in titles:
            yield _doc(self._id("tr"), "track", t, [name], album or t,
                       _long_tail_popularity(rng), year, genres)

    def planted(self, real: list[dict]) -> Iterator[dict]:
        """Covers, remixes, exact short names and near-digit twins of the real chart."""
        rng = self.rng
        tracks = sorted((d for d in real if d["type"] == "track"), key=lambda d: d["id"])
        for d in rng.sample(tracks, 240):  # the same title by an unknown artist
            first, last = self.person()
            yield _doc(self._id("tr"), "track", d["name"], [f"{first} {last}"], d["name"],
                       round(rng.uniform(1, 30), 2), rng.randint(1990, 2025), d["genres"])
        for d in rng.sample(tracks, 160):  # a remix of the real recording
            first, last = self.person()
            kind = rng.choice(("Remix", "Live", "Acoustic", "Sped Up", f"{last} Remix"))
            yield _doc(self._id("tr"), "track", f"{d['name']} - {kind}",
                       [*d["artists"][:1], f"{first} {last}"], d["album"],
                       round(max(1.0, d["popularity"] * rng.uniform(0.2, 0.6)), 2),
                       d["year"], d["genres"])
        for name in PLANTED_EXACT:  # "Hell", popularity about 12
            first, last = self.person()
            yield _doc(self._id("tr"), "track", name, [f"{first} {last}"], name,
                       round(rng.uniform(4, 25), 2), rng.randint(1990, 2025), ["pop"])
        for _, twin in DIGIT_TWINS:  # "2000", popular
            first, last = self.person()
            kind = "artist" if rng.random() < 0.3 else "track"
            yield _doc(self._id(kind[:2]), kind, twin, [] if kind == "artist" else
                       [f"{first} {last}"], None if kind == "artist" else twin,
                       round(rng.uniform(80, 95), 2), rng.randint(1990, 2025), ["pop"])
        for name in self.single_names:  # a track titled exactly like a famous artist
            if rng.random() < 0.5:
                first, last = self.person()
                yield _doc(self._id("tr"), "track", name, [f"{first} {last}"], name,
                           _long_tail_popularity(rng), rng.randint(1990, 2025), ["pop"])


def _doc(doc_id: str, kind: str, name: str, artists: list[str], album: str | None,
         popularity: float, year: int | None, genres: list[str]) -> dict:
    name = unicodedata.normalize("NFC", name)
    return {"id": doc_id, "type": kind, "name": name, "artists": artists,
            "album": album if kind == "track" else None, "aliases": [], "genres": genres,
            "language": None, "year": year if kind != "artist" else None,
            "duration_ms": None, "explicit": False if kind == "track" else None,
            "popularity": popularity, "markets": [], "description": None,
            "audio_embedding": None}


def build_corpus(size: int = SIZE, seed: int = SEED) -> list[dict]:
    """The real chart, then the planted look-alikes, then long-tail blocks up to `size`."""
    real = real_documents()
    tail = _LongTail(real, seed)
    docs = [*real, *tail.planted(real)]
    while len(docs) < size:
        for d in tail.block():
            if len(docs) < size:
                docs.append(d)
    seen: set[str] = set()
    for d in docs:
        assert d["id"] not in seen, d["id"]
        seen.add(d["id"])
    return docs


def write_corpus(docs: list[dict], path: Path = CORPUS_FILE) -> None:
    body = b"".join(orjson.dumps(d) + b"\n" for d in docs)
    path.write_bytes(gzip.compress(body, compresslevel=9, mtime=0))


@lru_cache(maxsize=1)
def _corpus() -> tuple[dict, ...]:
    return tuple(orjson.loads(line) for line in gzip.decompress(CORPUS_FILE.read_bytes())
                 .splitlines() if line)


def load_corpus() -> list[dict]:
    """The shipped 50,000 documents, in a fixed order (dicts shared: copy to change)."""
    return list(_corpus())


def load_queries(path: Path = QUERIES_FILE) -> list[dict]:
    """Every judged query: qid, query, category, half ("tune" or "held_out"), relevant
    {doc_id: grade} (empty for no_answer), and "judge" ("hits" or "top")."""
    return [orjson.loads(line) for line in path.read_bytes().splitlines() if line.strip()]


def is_real(doc_id: str) -> bool:
    return not doc_id.startswith(f"{DISTRACTOR_PREFIX}-")
