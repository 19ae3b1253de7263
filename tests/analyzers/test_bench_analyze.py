"""Micro-benchmark of analyze() on ~2000 realistic catalog names (a smoke test by default).

Run with `pytest tests/analyzers/test_bench_analyze.py --benchmark-enable` to measure;
names/s = 2000 / mean. The warm run is the steady state of ingest (words repeat
across a catalog); the cold run starts with empty caches.
"""

import random

import pytest

from segue.analyzers import analyze, fold
from segue.analyzers import segment as _segment
from segue.analyzers import translit as _translit

ARTISTS = [
    "Beyoncé", "P!nk", "Ke$ha", "$uicideboy$", "AC/DC", "*NSYNC", "The Beatles", "Björk",
    "Motörhead", "Sigur Rós", "Mötley Crüe", "Die Ärzte", "Los Tigres del Norte", "Кино",
    "Ελλάδα", "Tarkan Işık", "周杰伦", "藤井 風", "BTS (방탄소년단)", "宇多田ヒカル", "Anne-Marie",
    "Simon & Garfunkel", "Florence + The Machine", "Calvin Harris", "Dua Lipa", "Lil Nas X",
    "Marshmello", "Daft Punk", "Taylor Swift", "Bad Bunny", "Rosalía", "Stromae", "Shakira",
    "Eminem", "Nirvana", "Billie Eilish", "The Weeknd", "Drake", "Kendrick Lamar", "Adele",
    "Ed Sheeran", "Coldplay", "Radiohead", "Les Rita Mitsouko", "Édith Piaf", "Jacques Brel",
    "Céline Dion", "Zaz", "Aya Nakamura", "Måneskin", "Lady Gaga", "Bruno Mars", "Sia",
    "Tyler, The Creator", "A$AP Rocky", "Ty Dolla $ign", "blink-182", "R.E.M.", "Jay-Z",
    "Guns N' Roses", "Sinéad O'Connor", "Mumiy Troll", "Земфира", "Сплин", "Би-2",
    "정국", "BLACKPINK", "TWICE", "米津玄師", "YOASOBI", "あいみょん", "椎名林檎", "邓紫棋",
    "王菲", "Sezen Aksu", "Barış Manço", "Fairuz", "Ivete Sangalo", "Caetano Veloso",
    "Jorge Ben Jor", "Mercedes Sosa", "Café Tacvba", "Maná", "Juanes", "Karol G",
]
WORDS = [
    "Love", "Don't", "Stop", "Me", "Now", "Flowers", "Stay", "Señorita", "Heart", "Night",
    "Summer", "Dance", "Rain", "Fire", "Blue", "Dreams", "Forever", "Tonight", "Home",
    "Amour", "Corazón", "Noche", "Città", "Straße", "Zeit", "Любовь", "Ночь", "사랑", "夜",
    "東京", "恋", "愛してる", "Remix", "Live", "Acoustic", "2019", "Part II", "Intro",
]
PATTERNS = [
    "{a}",
    "{w}",
    "{w} {w}",
    "{w} {w} {w}",
    "{w} (feat. {a})",
    "{w} - ft. {a}",
    "{a} x {a}",
    "{a} feat. {a}",
    "{w} ({w} Remix)",
    "The {w} of {w}",
]


def catalog_names(n: int = 2000, seed: int = 7) -> list[str]:
    """Track, album and artist names as a catalog has them: words repeat, names rarely."""
    rng = random.Random(seed)
    return [_fill(rng.choice(PATTERNS), rng) for _ in range(n)]


def _fill(pattern: str, rng: random.Random) -> str:
    out = pattern
    while "{a}" in out:
        out = out.replace("{a}", rng.choice(ARTISTS), 1)
    while "{w}" in out:
        out = out.replace("{w}", rng.choice(WORDS), 1)
    return out


NAMES = catalog_names()


def analyze_all() -> int:
    return sum(len(analyze(name)) for name in NAMES)


def _clear_caches() -> None:
    _segment.segment.cache_clear()
    _translit.fold_word.cache_clear()


def test_names_are_varied() -> None:
    assert len(NAMES) == 2000
    assert len(set(NAMES)) > 1500
    assert any(not fold(n).isascii() for n in NAMES)


@pytest.mark.benchmark(group="analyze")
def test_analyze_names_warm(benchmark) -> None:
    analyze_all()
    assert benchmark(analyze_all) > len(NAMES)


@pytest.mark.benchmark(group="analyze")
def test_analyze_names_cold(benchmark) -> None:
    analyze("ふ", language="ja")  # the romaji converter's one-time start-up is not measured
    result = benchmark.pedantic(analyze_all, setup=_clear_caches, rounds=10, iterations=1)
    assert result > len(NAMES)
