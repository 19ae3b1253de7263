"""Build the chart collection: `chart_corpus.jsonl.gz` and `chart_queries.jsonl`.

    python -m tests.relevance.build_chart

Queries are written as people type them into a search box, from handwritten lists
(respellings, split and joined names, number words, mashes, absent names, the issue's
own examples) and from rules over the real chart (prefixes, typos, wrong keyboard
layouts, accents left out) - never from the rules that named the distractors, and never
from what an engine returns. Each row says what a good answer is:

* ``relevant``: the document meant (grade 2) and every equally right answer (grade 1):
  the same title by another artist, the original and its remixes, an artist's own
  tracks for a query of their name, and for a prefix every document the typed letters
  can still become. ``no_answer`` rows have none.
* ``judge``: ``hits`` (the meant document first) or ``top`` (artist queries: the
  response's top result is the artist; no-answer queries: there is no top result).
* ``half``: ``tune`` or ``held_out``, fixed by `SPLIT_SEED` before any engine ran,
  stratified by category (a hash of the query text orders each category; the halves
  alternate). Tune on the first, report both, gate on the held-out half.

A target is skipped (or its prefix lengthened) when another document could equally be
meant: a more popular document matching the same typed letters, another artist of the
same name. The build prints what it skipped.
"""

from __future__ import annotations

import random
import re
import unicodedata
from bisect import bisect_left
from collections import Counter, defaultdict
from collections.abc import Iterable
from pathlib import Path

import orjson
from unidecode import unidecode

from segue.catalog._util import stable_seed
from segue.catalog.facts import base_title

from .build_collection import NATIVE_SCRIPT, NEIGHBOURS, PHONETIC, clean_title
from .chart import (
    DIGIT_TWINS,
    PLANTED_EXACT,
    QUERIES_FILE,
    build_corpus,
    is_real,
    write_corpus,
)

SEED = 2026_12
SPLIT_SEED = 1_304  # the tuning / held-out split; never change it after seeing results
HALVES = ("tune", "held_out")
CATEGORIES: tuple[str, ...] = (
    "prefix", "exact_vs_popular", "artist", "split_join", "numbers", "layout", "typo",
    "no_answer", "exact_title", "title_artist", "no_accents", "native_script", "long_tail",
)
TOP_JUDGED = frozenset({"artist", "no_answer"})
SIZES = {"prefix": 110, "typo": 90, "exact_title": 60, "title_artist": 60,
         "no_accents": 45, "long_tail": 50, "artist_rule": 80, "layout_latin": 30}

# --------------------------------------------------------------- handwritten lists
#: As-you-type, the issue's examples first: (typed, meant).
PREFIX_FIRST: tuple[tuple[str, str], ...] = (
    ("hotel cal", "tr-eagles-hotel-california"),
    ("smells like te", "tr-nirvana-smells-like-teen-spirit"),
    ("sweet child o", "tr-guns-n-roses-sweet-child-o-mine"),
    ("la vie en r", "tr-edith-piaf-la-vie-en-rose"),
    ("stairway to h", "tr-led-zeppelin-stairway-to-heaven"),
    ("bohemian rh", "tr-queen-bohemian-rhapsody"),
    ("rolling in the d", "tr-adele-rolling-in-the-deep"),
    ("counting st", "tr-onerepublic-counting-stars"),
    ("billie je", "tr-michael-jackson-billie-jean"),
    ("blinding li", "tr-the-weeknd-blinding-lights"),
    ("shape of y", "tr-ed-sheeran-shape-of-you"),
    ("eye of the t", "tr-survivor-eye-of-the-tiger"),
    ("every breath you t", "tr-the-police-every-breath-you-take"),
    ("seven nation a", "tr-the-white-stripes-seven-nation-army"),
    ("bitter sweet s", "tr-the-verve-bitter-sweet-symphony"),
    ("despac", "tr-luis-fonsi-despacito"),
    ("wonderw", "tr-oasis-wonderwall"),
    ("gangsta's par", "tr-coolio-gangstas-paradise"),
    ("the final co", "tr-europe-the-final-countdown"),
    ("moves like j", "tr-maroon-5-moves-like-jagger"),
)

#: Artist names as people type them: unaccented, respelled, phonetic, a short word
#: mistyped while the rest pins the artist. Judged by the response's top result.
ARTIST_TYPED: tuple[tuple[str, str], ...] = (
    *PHONETIC,
    ("beyonce", "ar-beyonce"), ("bjork", "ar-bjork"), ("ed shiran", "ar-ed-sheeran"),
    ("jay-zee", "ar-jay-z"), ("jay zee", "ar-jay-z"), ("sigur ros", "ar-sigur-ros"),
    ("rosalia", "ar-rosalia"), ("celine dion", "ar-celine-dion"), ("tiesto", "ar-tiesto"),
    ("motley crue", "ar-motley-crue"), ("royksopp", "ar-royksopp"),
    ("sinead oconnor", "ar-sinead-oconnor"), ("die arzte", "ar-die-arzte"),
    ("edith piaf", "ar-edith-piaf"), ("angele", "ar-angele"), ("mana", "ar-mana"),
    ("cafe tacuba", "ar-cafe-tacvba"), ("joao gilberto", "ar-joao-gilberto"),
    ("sebastian yatra", "ar-sebastian-yatra"), ("joaquin sabina", "ar-joaquin-sabina"),
    ("marilia mendonca", "ar-marilia-mendonca"), ("kaarija", "ar-kaarija"),
    ("baris manco", "ar-baris-manco"), ("czeslaw niemen", "ar-czeslaw-niemen"),
    ("dawid podsiadlo", "ar-dawid-podsiadlo"), ("son tung mtp", "ar-son-tung-m-tp"),
    ("lady gaga", "ar-lady-gaga"), ("maroon 5", "ar-maroon-5"),
    ("arianna grande", "ar-ariana-grande"),
    ("rolling stones", "ar-the-rolling-stones"), ("weeknd", "ar-the-weeknd"),
    ("chainsmokers", "ar-the-chainsmokers"), ("jonny cash", "ar-johnny-cash"),
    ("elvis presly", "ar-elvis-presley"), ("bob marly", "ar-bob-marley-and-the-wailers"),
    ("frank sinatra", "ar-frank-sinatra"), ("stevie wonda", "ar-stevie-wonder"),
    ("drake", "ar-drake"), ("kendrick", "ar-kendrick-lamar"), ("hans zimer", "ar-hans-zimmer"),
    ("juice world", "ar-juice-wrld"), ("xxxtentacion", "ar-xxxtentacion"),
    ("macklemore", "ar-macklemore-and-ryan-lewis"), ("alisha keys", "ar-alicia-keys"),
    ("christina aguilara", "ar-christina-aguilera"), ("evanesence", "ar-evanescence"),
    ("lionel ritchie", "ar-lionel-richie"), ("phil colins", "ar-phil-collins"),
    ("dire straights", "ar-dire-straits"), ("pharell", "ar-pharrell-williams"),
)

SPLIT_JOIN: tuple[tuple[str, str], ...] = (
    ("one republic", "ar-onerepublic"), ("fleetwoodmac", "ar-fleetwood-mac"),
    ("maroon5", "ar-maroon-5"), ("guns n roses", "ar-guns-n-roses"),
    ("gunsnroses", "ar-guns-n-roses"), ("deadmau 5", "ar-deadmau5"),
    ("dead mau5", "ar-deadmau5"), ("linkinpark", "ar-linkin-park"),
    ("imaginedragons", "ar-imagine-dragons"), ("arcticmonkeys", "ar-arctic-monkeys"),
    ("pinkfloyd", "ar-pink-floyd"), ("ledzeppelin", "ar-led-zeppelin"),
    ("cold play", "ar-coldplay"), ("blink182", "ar-blink-182"), ("eiffel65", "ar-eiffel-65"),
    ("foofighters", "ar-foo-fighters"), ("daftpunk", "ar-daft-punk"),
    ("greenday", "ar-green-day"), ("thebeatles", "ar-the-beatles"), ("bonjovi", "ar-bon-jovi"),
    ("sum41", "ar-sum-41"), ("backstreetboys", "ar-backstreet-boys"),
    ("spicegirls", "ar-spice-girls"), ("onedirection", "ar-one-direction"),
    ("radio head", "ar-radiohead"), ("night wish", "ar-nightwish"),
    ("sky fall", "tr-adele-skyfall"),
    ("wonder wall", "tr-oasis-wonderwall"), ("thunder struck", "tr-acdc-thunderstruck"),
    ("badguy", "tr-billie-eilish-bad-guy"), ("shapeofyou", "tr-ed-sheeran-shape-of-you"),
    ("young blood 5sos", "tr-5-seconds-of-summer-youngblood"),
    ("loseyourself", "tr-eminem-lose-yourself"), ("tik tok kesha", "tr-kesha-tik-tok"),
    ("highway to hel", "tr-acdc-highway-to-hell"),
    ("thriftshop", "tr-macklemore-and-ryan-lewis-thrift-shop"),
    ("fire work katy perry", "tr-katy-perry-firework"),
    ("sun flower post malone", "tr-post-malone-sunflower-spider-man-into-the-spider-verse"),
    ("wakawaka", "tr-shakira-waka-waka-this-time-for-africa"),
    ("sickomode", "tr-travis-scott-sicko-mode"),
    ("edsheeran", "ar-ed-sheeran"), ("taylorswift", "ar-taylor-swift"),
    ("arianagrande", "ar-ariana-grande"), ("brunomars", "ar-bruno-mars"),
    ("dualipa", "ar-dua-lipa"), ("badbunny", "ar-bad-bunny"), ("postmalone", "ar-post-malone"),
    ("lanadelrey", "ar-lana-del-rey"), ("billieeilish", "ar-billie-eilish"),
    ("kingsofleon", "ar-kings-of-leon"), ("daddyyankee", "ar-daddy-yankee"),
    ("system of a down", "ar-system-of-a-down"), ("systemofadown", "ar-system-of-a-down"),
    ("red hot chilipeppers", "ar-red-hot-chili-peppers"), ("black pink", "ar-blackpink"),
    ("new jeans", "ar-newjeans"), ("straykids", "ar-stray-kids"), ("one ok rock", "ar-one-ok-rock"),
    ("oneokrock", "ar-one-ok-rock"), ("kingnu", "ar-king-gnu"),
    ("twentyonepilots", "ar-twenty-one-pilots"),
)

NUMBERS: tuple[tuple[str, str], ...] = (
    ("2pac", "ar-2pac"), ("two pac", "ar-2pac"), ("maroon five", "ar-maroon-5"),
    ("the nineteen seventy five", "ar-the-1975"), ("the 1975", "ar-the-1975"),
    ("fifty cent", "ar-50-cent"), ("u two", "ar-u2"), ("blink one eighty two", "ar-blink-182"),
    ("21 pilots", "ar-twenty-one-pilots"), ("seven rings", "tr-ariana-grande-7-rings"),
    ("twenty four k magic", "tr-bruno-mars-24k-magic"),
    ("nineteen ninety nine prince", "tr-prince-1999"),
    ("summer of sixty nine", "tr-bryan-adams-summer-of-69"),
    ("seven years lukas graham", "tr-lukas-graham-7-years"),
    ("7 nation army", "tr-the-white-stripes-seven-nation-army"),
    ("three doors down", "ar-3-doors-down"),
    ("sum forty one", "ar-sum-41"), ("five seconds of summer", "ar-5-seconds-of-summer"),
    ("30 seconds to mars", "ar-thirty-seconds-to-mars"), ("matchbox 20", "ar-matchbox-twenty"),
    ("jackson five", "ar-the-jackson-5"), ("ub forty", "ar-ub40"),
    ("1 direction", "ar-one-direction"),
    ("two thousand two anne marie", "tr-anne-marie-2002"), ("eiffel sixty five", "ar-eiffel-65"),
    ("neunundneunzig luftballons", "tr-nena-99-luftballons"), ("song two blur", "tr-blur-song-2"),
    ("maroon cinco", "ar-maroon-5"), ("cincuenta cent", "ar-50-cent"),
    ("100 gaviotas", "tr-duncan-dhu-cien-gaviotas"),
    ("diecinueve dias y quinientas noches", "tr-joaquin-sabina-19-dias-y-500-noches"),
    ("los 3", "ar-los-tres"), ("dos pac", "ar-2pac"),
    ("three am matchbox", "tr-matchbox-twenty-3am"),
    ("twenty one pilots", "ar-twenty-one-pilots"),
    # digits are not typos of other digits: a popular near-digit twin sits beside each
    ("2001", "al-dr-dre-2001"), ("1999", "tr-prince-1999"), ("2002", "tr-anne-marie-2002"),
    ("7 rings", "tr-ariana-grande-7-rings"), ("24k magic", "tr-bruno-mars-24k-magic"),
    ("99 luftballons", "tr-nena-99-luftballons"), ("7 years", "tr-lukas-graham-7-years"),
    ("song 2", "tr-blur-song-2"), ("summer of 69", "tr-bryan-adams-summer-of-69"),
    ("3am", "tr-matchbox-twenty-3am"), ("blink 182", "ar-blink-182"), ("sum 41", "ar-sum-41"),
    ("maroon 5", "ar-maroon-5"), ("50 cent", "ar-50-cent"), ("ub40", "ar-ub40"), ("u2", "ar-u2"),
)

#: Keyboard mashes and names that are not in the catalog: no top result.
MASHES = ("zzzzqqq", "xkcdqwzt", "asdfghjkl", "qwqwqwqw", "jjjjjjjj", "hjkhjkhjk", "zxcvbnm",
          "pppqqqzzz", "fjdksla", "wxqzv", "qzxqzx", "lkjhgfd", "mnbvcxz", "asdasdasd",
          "dfgdfgdfg", "ghghghgh", "qqqqq", "vbnvbn", "xyzzyx", "kkkkzzzz", "qwerty uiop",
          "sdfsdf sdf", "aaaaaaa", "plplpl", "zqxwcv", "wqeqwe", "hhhhh jjj", "xcxcxc")
ABSENT = ("kate bush", "portishead", "massive attack", "fatboy slim", "joy division",
          "cocteau twins", "boards of canada", "aphex twin", "sufjan stevens", "fiona apple",
          "joni mitchell", "leonard cohen", "tom waits", "nick drake", "elliott smith",
          "neutral milk hotel", "talking heads", "the stooges", "velvet underground",
          "siouxsie", "kraftklub", "nick cave", "pj harvey", "vampire weekend", "fleet foxes",
          "arcade fire", "beach house", "grizzly bear", "the strokes", "pixies", "sonic youth",
          "the pogues", "the kinks", "janis joplin", "jimi hendrix", "otis redding",
          "patsy cline", "townes van zandt", "scott walker", "nico")

# QWERTY keys and the same keys on other standard layouts (ЙЦУКЕН, Ukrainian, Greek, Hebrew).
_KEYS = "qwertyuiop[]asdfghjkl;'zxcvbnm,.`"
LAYOUTS = {
    "ru": dict(zip("йцукенгшщзхъфывапролджэячсмитьбюё", _KEYS, strict=True)),
    "uk": dict(zip("йцукенгшщзхїфівапролджєячсмитьбю", _KEYS[:-1], strict=True)),
    "el": dict(zip("ςερτυθιοπασδφγηξκλζχψωβνμ", "wertyuiopasdfghjklzxcvbnm", strict=True)),
    "he": dict(zip("/'קראטוןםפשדגכעיחלךףזסבהנמצתץ", "qwertyuiopasdfghjkl;zxcvbnm,.",
                   strict=True)),
}

_TOKEN = re.compile(r"[^\W_]+", re.UNICODE)
_PUNCT = re.compile(r"[,.!?():;\"]")
_APOS = "'’‘`´"


def fold(text: str) -> str:
    for ch in _APOS:
        text = text.replace(ch, "")
    return " ".join(unidecode(unicodedata.normalize("NFKC", text)).lower().split())


def tokens(text: str) -> list[str]:
    return _TOKEN.findall(fold(text))


def latin_keys(text: str, layout: str) -> str:
    """The keys a user presses for `text` on `layout`, read as QWERTY ("кино" -> "rbyj")."""
    table = LAYOUTS[layout]
    plain = "".join(c for c in unicodedata.normalize("NFD", text.lower())
                    if not unicodedata.combining(c))
    if layout == "el":
        plain = plain.replace("σ ", "ς ").rstrip("σ") + ("ς" if plain.endswith("σ") else "")
    return "".join(table.get(c, c) for c in plain)


def on_russian_keys(text: str) -> str:
    """A Latin name typed with the Russian layout on ("beyonce" -> "иуньсу")."""
    back = {k: c for c, k in LAYOUTS["ru"].items()}
    return "".join(back.get(c, c) for c in fold(text))


def script(text: str) -> str:
    for ch in text:
        if ch.isalpha():
            name = unicodedata.name(ch, "")
            if name.startswith("CYRILLIC"):
                return "cyrillic"
            if name.startswith("GREEK"):
                return "greek"
            if name.startswith("HEBREW"):
                return "hebrew"
            if ord(ch) < 0x250:
                continue
            return "other"
    return "latin"


class Index:
    """What the rules need to know about the corpus: names by token, popularity."""

    def __init__(self, docs: list[dict]) -> None:
        self.docs = docs
        self.by_id = {d["id"]: d for d in docs}
        self.names = [tokens(d["name"]) for d in docs]
        self.by_token: dict[str, set[int]] = defaultdict(set)
        self.by_folded: dict[str, list[int]] = defaultdict(list)
        self.by_base: dict[str, list[int]] = defaultdict(list)
        self.by_artist: dict[str, list[int]] = defaultdict(list)
        self.vocab: set[str] = set()
        for i, d in enumerate(docs):
            for t in self.names[i]:
                self.by_token[t].add(i)
            self.by_folded[fold(d["name"])].append(i)
            if d["type"] in ("track", "album"):
                self.by_base[fold(base_title(d["name"]))].append(i)
            for a in d["artists"][:1]:
                self.by_artist[a].append(i)
            for text in (d["name"], *d["artists"], *d["aliases"], d.get("album") or ""):
                self.vocab.update(tokens(text))
        self.sorted_tokens = sorted(self.by_token)

    def starting(self, prefix: str) -> set[int]:
        out: set[int] = set()
        k = bisect_left(self.sorted_tokens, prefix)
        while k < len(self.sorted_tokens) and self.sorted_tokens[k].startswith(prefix):
            out |= self.by_token[self.sorted_tokens[k]]
            k += 1
        return out

    def matching(self, typed: str) -> set[int]:
        """Documents whose name holds every typed word, the last one as a prefix."""
        words = tokens(typed)
        if not words:
            return set()
        found = self.starting(words[-1])
        for w in words[:-1]:
            found &= self.by_token.get(w, set())
        return found

    def popularity(self, i: int) -> float:
        return float(self.docs[i]["popularity"])

    def family(self, doc: dict) -> dict[str, int]:
        """Grade 1 for every equally right answer: the same title by anyone (covers, the
        original and its remixes, the album named like it); an artist's own documents."""
        rel: dict[str, int] = {}
        if doc["type"] == "artist":
            for i in self.by_artist[doc["name"]]:
                rel[self.docs[i]["id"]] = 1
        else:
            for i in self.by_base[fold(base_title(doc["name"]))]:
                rel[self.docs[i]["id"]] = 1
        rel[doc["id"]] = 2
        return rel

    def unique_artist(self, doc: dict) -> bool:
        return all(self.docs[i]["type"] != "artist" or self.docs[i]["id"] == doc["id"]
                   for i in self.by_folded[fold(doc["name"])])


class Builder:
    def __init__(self, index: Index) -> None:
        self.x = index
        self.rows: list[dict] = []
        self.seen: set[tuple[str, str]] = set()
        self.skipped: Counter[str] = Counter()

    def rng(self, *parts: object) -> random.Random:
        return random.Random(stable_seed(SEED, *parts))

    def order(self, docs: Iterable[dict], category: str) -> list[dict]:
        return sorted(docs, key=lambda d: stable_seed(SEED, category, d["id"]))

    def add(self, category: str, query: str, relevant: dict[str, int], **extra: object) -> bool:
        query = " ".join(unicodedata.normalize("NFC", query).split())
        key = (category, query.casefold())
        if not query or key in self.seen:
            return False
        for doc_id in relevant:
            if doc_id not in self.x.by_id:
                raise KeyError(f"{category} {query!r}: no document {doc_id}")
        self.seen.add(key)
        graded = dict(sorted(relevant.items(), key=lambda kv: (-kv[1], kv[0])))
        self.rows.append({"query": query, "category": category,
                          "judge": "top" if category in TOP_JUDGED else "hits",
                          "relevant": graded, **extra})
        return True

    def meant_by(self, typed: str, target: dict) -> set[int] | None:
        """The documents the typed letters can still become (their name holds the words),
        if the target is the most popular of those whose name starts with them: else
        another could as well be meant (None)."""
        found = self.x.matching(typed)
        start = fold(typed)
        top = max((self.x.popularity(i) for i in found if self.x.docs[i]["id"] != target["id"]
                   and fold(self.x.docs[i]["name"]).startswith(start)), default=0.0)
        if target["id"] not in {self.x.docs[i]["id"] for i in found} \
                or target["popularity"] <= top:
            return None
        return found

    # ------------------------------------------------------------- categories
    def prefix(self) -> None:
        x = self.x
        for typed, target in PREFIX_FIRST:
            doc = x.by_id[target]
            found = self.meant_by(typed, doc)
            if found is None:
                self.skipped[f"prefix {typed!r}: a more popular document matches"] += 1
                continue
            self.add("prefix", typed, self._prefix_grades(doc, found), prefix_of=doc["name"])
        want, got = SIZES["prefix"], sum(r["category"] == "prefix" for r in self.rows)
        tracks = [d for d in x.docs if is_real(d["id"]) and d["type"] == "track"
                  and script(d["name"]) == "latin" and "--" not in d["id"]]
        for doc in self.order(tracks, "prefix"):
            if got >= want:
                break
            rng = self.rng("prefix", doc["id"])
            title = clean_title(doc["name"]).lower()
            if rng.random() < 0.5:
                title = fold(title)
            words = title.split()
            if len(words) >= 2 and rng.random() < 0.75:
                head = " ".join(words[:-1]) + " "
                cuts = [head + words[-1][:k] for k in range(rng.choice((1, 2, 3)), len(words[-1]))]
            else:
                head = ""
                cuts = [title[:k] for k in range(rng.choice((2, 3, 4)), len(title))]
            for typed in cuts:  # at least 3 letters for a word, 4 for several
                if len(fold(typed).replace(" ", "")) < (4 if " " in typed else 3):
                    continue
                found = self.meant_by(typed, doc)
                if found is not None:
                    if self.add("prefix", typed, self._prefix_grades(doc, found),
                                prefix_of=doc["name"]):
                        got += 1
                    break
            else:
                self.skipped["prefix: no prefix where the target is the most popular"] += 1

    def _prefix_grades(self, doc: dict, found: set[int]) -> dict[str, int]:
        rel = {self.x.docs[i]["id"]: 1 for i in found}
        rel.update(self.x.family(doc))
        return rel

    def exact_vs_popular(self) -> None:
        x = self.x
        real = [d for d in x.docs if is_real(d["id"]) and d["type"] == "track"
                and "--" not in d["id"]]
        for word in PLANTED_EXACT:
            typed = word.lower()
            longer = [d for d in real if fold(d["name"]).startswith(fold(typed))
                      and len(fold(clean_title(d["name"]))) > len(typed)]
            if not longer:
                raise ValueError(f"no real title starts with {word!r}")
            doc = max(longer, key=lambda d: (d["popularity"], d["id"]))
            found = self.meant_by(typed, doc)
            if found is None:
                self.skipped[f"exact_vs_popular {typed!r}: a more popular document "
                             "matches"] += 1
                continue
            self.add("exact_vs_popular", typed, self._prefix_grades(doc, found))

    def artist(self) -> None:
        x = self.x
        for typed, target in ARTIST_TYPED:
            self.add("artist", typed, x.family(x.by_id[target]), form="respelled")
        artists = [d for d in x.docs if is_real(d["id"]) and d["type"] == "artist"
                   and script(d["name"]) == "latin" and x.unique_artist(d)]
        got, want = 0, SIZES["artist_rule"]
        for doc in self.order(artists, "artist"):
            if got >= want:
                break
            rng = self.rng("artist", doc["id"])
            name = doc["name"].lower()
            r = rng.random()
            form, typed = "exact", name
            if r < 0.35 and fold(name) != name:
                form, typed = "unaccented", fold(name)
            elif r < 0.6:
                made = self._typo_of(name, rng, rng.choice(
                    ("substitution", "deletion", "insertion", "transposition", "first_letter")))
                if made is None:
                    continue
                form, typed = made
            if self.add("artist", typed, x.family(doc), form=form):
                got += 1

    def _typo_of(self, text: str, rng: random.Random, op: str) -> tuple[str, str] | None:
        words = text.split()
        spots = [k for k, w in enumerate(words) if len(w) >= 5 and w.isascii() and w.isalpha()]
        if not spots:
            return None
        k = rng.choice(spots)
        w = words[k]
        n = len(w)
        if op == "first_letter":
            bad = rng.choice(NEIGHBOURS[w[0]]) + w[1:]
        elif op == "transposition":
            at = [i for i in range(n - 1) if w[i] != w[i + 1]]
            i = rng.choice(at)
            bad = w[:i] + w[i + 1] + w[i] + w[i + 2:]
        else:
            i = rng.randrange(1, n)
            if op == "substitution":
                bad = w[:i] + rng.choice(NEIGHBOURS[w[i]]) + w[i + 1:]
            elif op == "deletion":
                bad = w[:i] + w[i + 1:]
            else:
                bad = w[:i] + rng.choice(NEIGHBOURS[w[i]]) + w[i:]
        if bad in self.x.vocab:
            return None
        return op, " ".join([*words[:k], bad, *words[k + 1:]])

    def typo(self) -> None:
        x = self.x
        ops = ("first_letter", "transposition", "substitution", "deletion", "insertion")
        docs = [d for d in x.docs if is_real(d["id"]) and "--" not in d["id"]
                and d["type"] in ("track", "artist") and script(d["name"]) == "latin"]
        quota = SIZES["typo"] // len(ops)
        filled = dict.fromkeys(ops, 0)
        for doc in self.order(docs, "typo"):
            op = ops[stable_seed(SEED, "typo-op", doc["id"]) % len(ops)]
            if filled[op] >= quota:
                continue
            if doc["type"] == "artist" and not x.unique_artist(doc):
                continue
            text = (clean_title(doc["name"]) if doc["type"] == "track" else doc["name"]).lower()
            if doc["type"] == "track":
                same = x.by_folded[fold(text)]
                if any(x.popularity(i) >= doc["popularity"] for i in same
                       if x.docs[i]["id"] != doc["id"]):
                    continue
                text = _PUNCT.sub("", text)  # nobody types the commas of "Girls, Girls"
            made = self._typo_of(text, self.rng("typo", doc["id"]), op)
            if made and self.add("typo", made[1], x.family(doc), edit=op):
                filled[op] += 1

    def handwritten(self, category: str, pairs: Iterable[tuple[str, str]]) -> None:
        """Skips a pair when another document is named exactly as typed ("new jeans"
        for NewJeans beside a track called "New Jeans"): that one is as right."""
        x = self.x
        for typed, target in pairs:
            rel = x.family(x.by_id[target])
            if any(x.docs[i]["id"] not in rel for i in x.by_folded[fold(typed)]):
                self.skipped[f"{category} {typed!r}: another document has that name"] += 1
                continue
            self.add(category, typed, rel)

    def split_join(self) -> None:
        self.handwritten("split_join", SPLIT_JOIN)

    def numbers(self) -> None:
        twins = {fold(t) for _, t in DIGIT_TWINS}
        assert not any(fold(typed) in twins for typed, _ in NUMBERS)
        self.handwritten("numbers", NUMBERS)

    def layout(self) -> None:
        x = self.x
        layouts = {"cyrillic": None, "greek": "el", "hebrew": "he"}
        real = [d for d in x.docs if is_real(d["id"]) and "--" not in d["id"]
                and d["type"] in ("artist", "track")]
        for doc in real:
            kind = script(doc["name"])
            if kind not in layouts:
                continue
            lay = layouts[kind] or ("uk" if doc["language"] == "uk" else "ru")
            if lay == "uk" and any(c in doc["name"].lower() for c in "ыъэё"):
                lay = "ru"
            typed = latin_keys(doc["name"], lay)
            if not typed.isascii() or len(typed.replace(" ", "")) < 3:
                continue
            if len(x.by_folded[fold(doc["name"])]) > 1 and doc["type"] == "track":
                continue
            self.add("layout", typed, x.family(doc), layout=lay, typed_for=doc["name"])
        latin = sorted((d for d in real if script(d["name"]) == "latin"
                        and d["type"] == "artist" and x.unique_artist(d)),
                       key=lambda d: (-d["popularity"], d["id"]))
        for doc in latin[:SIZES["layout_latin"]]:
            self.add("layout", on_russian_keys(doc["name"]), x.family(doc), layout="ru",
                     typed_for=doc["name"])

    def no_answer(self) -> None:
        x = self.x
        rng = self.rng("no_answer")
        mashes = list(MASHES)
        rows = ("qwertyuiop", "asdfghjkl", "zxcvbnm")
        while len(mashes) < len(MASHES) + 12:  # runs along one keyboard row
            row = rng.choice(rows)
            start = rng.randrange(len(row) - 3)
            mashes.append("".join(rng.choice(row[start:start + 4])
                                  for _ in range(rng.randint(6, 10))))
        for typed in [*mashes, *ABSENT]:
            joined = fold(typed)
            if any(joined == fold(d["name"]) for d in x.docs) or joined in x.vocab:
                self.skipped[f"no_answer {typed!r}: in the corpus"] += 1
                continue
            self.add("no_answer", typed, {})

    def exact_title(self) -> None:
        x = self.x
        docs = [d for d in x.docs if is_real(d["id"]) and d["type"] in ("track", "album")
                and "--" not in d["id"] and len(d["name"]) >= 4 and script(d["name"]) == "latin"]
        got = 0
        for doc in self.order(docs, "exact_title"):
            if got >= SIZES["exact_title"]:
                break
            same = x.by_folded[fold(doc["name"])]
            if any(x.popularity(i) >= doc["popularity"] for i in same
                   if x.docs[i]["id"] != doc["id"]):
                continue
            rel = x.family(doc)
            for i in same:
                rel.setdefault(x.docs[i]["id"], 1)
            if self.add("exact_title", doc["name"], rel):
                got += 1

    def title_artist(self) -> None:
        x = self.x
        docs = [d for d in x.docs if is_real(d["id"]) and d["type"] == "track"
                and "--" not in d["id"] and script(d["name"]) == "latin"
                and script(d["artists"][0]) == "latin"]
        got = 0
        for doc in self.order(docs, "title_artist"):
            if got >= SIZES["title_artist"]:
                break
            rng = self.rng("title_artist", doc["id"])
            title, who = clean_title(doc["name"]).lower(), doc["artists"][0].lower()
            if len(who.split()) >= 2 and rng.random() < 0.3:
                who = who.split()[0]
            typed = f"{title} {who}" if rng.random() < 0.8 else f"{who} {title}"
            if rng.random() < 0.5:
                typed = fold(typed)
            rel = {k: v for k, v in x.family(doc).items()
                   if x.by_id[k]["artists"][:1] == doc["artists"][:1]}
            if self.add("title_artist", typed, rel):
                got += 1

    def no_accents(self) -> None:
        x = self.x
        docs = [d for d in x.docs if is_real(d["id"]) and "--" not in d["id"]
                and script(d["name"]) == "latin" and fold(d["name"]) != d["name"].lower()
                and any(unicodedata.combining(c) for c in unicodedata.normalize("NFD", d["name"]))]
        got = 0
        for doc in self.order(docs, "no_accents"):
            if got >= SIZES["no_accents"]:
                break
            same = x.by_folded[fold(doc["name"])]
            if any(x.popularity(i) >= doc["popularity"] for i in same
                   if x.docs[i]["id"] != doc["id"]):
                continue
            if doc["type"] == "artist" and not x.unique_artist(doc):
                continue
            if self.add("no_accents", fold(clean_title(doc["name"])), x.family(doc)):
                got += 1

    def native_script(self) -> None:
        extra = (("Бумбокс", "ar-boombox"), ("Скрябін", "ar-skryabin"), ("ДДТ", "ar-ddt"),
                 ("ария", "ar-aria"), ("король и шут", "ar-korol-i-shut"), ("Баста", "ar-basta"),
                 ("Άννα Βίσση", "ar-anna-vissi"), ("σακης ρουβας", "ar-sakis-rouvas"),
                 ("נועה קירל", "ar-noa-kirel"), ("עומר אדם", "ar-omer-adam"),
                 ("周杰伦 晴天", "tr-jay-chou-qing-tian"),
                 ("방탄소년단 dynamite", "tr-bts-dynamite"))
        for typed, target in (*NATIVE_SCRIPT, *extra):
            if target in self.x.by_id:
                self.add("native_script", typed, self.x.family(self.x.by_id[target]))
            else:
                self.skipped[f"native_script {typed!r}: no {target}"] += 1

    def long_tail(self) -> None:
        x = self.x
        docs = [d for d in x.docs if not is_real(d["id"]) and d["type"] == "track"
                and len(tokens(d["name"])) >= 2 and script(d["name"]) == "latin"]
        got = 0
        for doc in self.order(docs, "long_tail"):
            if got >= SIZES["long_tail"]:
                break
            if len(x.by_folded[fold(doc["name"])]) > 1:
                continue
            rng = self.rng("long_tail", doc["id"])
            typed = doc["name"].lower()
            if rng.random() < 0.5 and script(doc["artists"][0]) == "latin":
                typed += " " + doc["artists"][0].lower()
            if self.add("long_tail", typed, {doc["id"]: 2}):
                got += 1

    def build(self) -> list[dict]:
        for step in (self.prefix, self.exact_vs_popular, self.artist, self.split_join,
                     self.numbers, self.layout, self.typo, self.no_answer, self.exact_title,
                     self.title_artist, self.no_accents, self.native_script, self.long_tail):
            step()
        rows = [{"qid": f"c{n:04d}", **r} for n, r in enumerate(self.rows, start=1)]
        return split(rows)


def split(rows: list[dict]) -> list[dict]:
    """Stratified by category: each category's queries ordered by a hash of their text
    under SPLIT_SEED, then alternately tune / held_out."""
    by_cat: dict[str, list[dict]] = defaultdict(list)
    for r in rows:
        by_cat[r["category"]].append(r)
    for cat_rows in by_cat.values():
        ordered = sorted(cat_rows, key=lambda r: stable_seed(SPLIT_SEED, r["category"], r["query"]))
        for k, r in enumerate(ordered):
            r["half"] = HALVES[k % 2]
    return [{"qid": r["qid"], "query": r["query"], "category": r["category"],
             "half": r["half"], "judge": r["judge"], "relevant": r["relevant"],
             **{k: v for k, v in r.items() if k not in
                ("qid", "query", "category", "half", "judge", "relevant")}} for r in rows]


def write(path: Path = QUERIES_FILE) -> list[dict]:
    docs = build_corpus()
    write_corpus(docs)
    builder = Builder(Index(docs))
    rows = builder.build()
    path.write_bytes(b"".join(orjson.dumps(r) + b"\n" for r in rows))
    for reason, n in sorted(builder.skipped.items()):
        print(f"skipped {n:4d}  {reason}")
    return rows


if __name__ == "__main__":
    written = write()
    print(f"wrote {len(written)} queries to {QUERIES_FILE} (split seed {SPLIT_SEED})")
    counts = Counter((r["category"], r["half"]) for r in written)
    for cat in CATEGORIES:
        tune, held = counts[(cat, "tune")], counts[(cat, "held_out")]
        print(f"  {cat:17s} tune {tune:4d}  held_out {held:4d}")
