"""Shared fixtures: a real embedded engine on a temporary directory, with a small
catalog of real-looking names (accents, symbols, scripts, credits)."""

from __future__ import annotations

import os
from collections.abc import Callable, Iterator
from pathlib import Path

import pytest
from fastapi.testclient import TestClient

from segue.api import create_app
from segue.config import Settings
from segue.engine import EmbeddedEngine, open_engine

# Lexical tests (and the servers they start) do not pay for embedding their catalogs:
# text vectors are off unless a test asks for them (tests/vectors/ passes the model).
os.environ.setdefault("SEGUE_TEXT_MODEL", "none")

CHROMIUM = "/usr/bin/chromium"
CHROMIUM_ARGS = [
    "--headless=new",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
]


@pytest.fixture(scope="session")
def chromium_browser():
    """Debian's headless Chromium driven by Playwright (sync API)."""
    if not (os.path.isfile(CHROMIUM) and os.access(CHROMIUM, os.X_OK)):
        pytest.fail(
            f"{CHROMIUM} is missing: the browser tests need Debian's Chromium. "
            "Install it with `make chromium` "
            "(apt-get update && apt-get install -y chromium).",
            pytrace=False,
        )
    from playwright.sync_api import sync_playwright

    pw = sync_playwright().start()
    try:
        browser = pw.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        try:
            yield browser
        finally:
            browser.close()
    finally:
        pw.stop()


CATALOG = [
    {"id": "ar-beyonce", "type": "artist", "name": "Beyoncé", "popularity": 90,
     "genres": ["pop", "r&b"], "aliases": ["Beyonce Knowles"]},
    {"id": "ar-beyonce-tribute", "type": "artist", "name": "Beyonce Tribute Band",
     "popularity": 5},
    {"id": "tr-halo", "type": "track", "name": "Halo", "artists": ["Beyoncé"],
     "album": "I Am... Sasha Fierce", "year": 2008, "popularity": 85},
    {"id": "tr-halo-cover", "type": "track", "name": "Halo", "artists": ["Karaoke Stars"],
     "album": "Karaoke Hits 2009", "year": 2009, "popularity": 3},
    {"id": "tr-beyond", "type": "track", "name": "Beyond the Sea", "artists": ["Bobby Darin"],
     "popularity": 40},
    {"id": "ar-shakira", "type": "artist", "name": "Shakira", "popularity": 88},
    {"id": "tr-hips", "type": "track", "name": "Hips Don't Lie",
     "artists": ["Shakira feat. Wyclef Jean"], "popularity": 80},
    {"id": "ar-2pac", "type": "artist", "name": "2Pac", "aliases": ["Tupac", "Tupac Shakur"],
     "popularity": 86},
    {"id": "ar-pink", "type": "artist", "name": "P!nk", "popularity": 82},
    {"id": "tr-pink-panther", "type": "track", "name": "The Pink Panther Theme",
     "artists": ["Henry Mancini"], "popularity": 50},
    {"id": "ar-kesha", "type": "artist", "name": "Ke$ha", "popularity": 70},
    {"id": "ar-suicideboys", "type": "artist", "name": "$uicideboy$", "popularity": 72},
    {"id": "ar-acdc", "type": "artist", "name": "AC/DC", "popularity": 84},
    {"id": "ar-nsync", "type": "artist", "name": "*NSYNC", "popularity": 65},
    {"id": "ar-simon", "type": "artist", "name": "Simon & Garfunkel", "popularity": 75},
    {"id": "ar-beatles", "type": "artist", "name": "The Beatles", "popularity": 89},
    {"id": "ar-motorhead", "type": "artist", "name": "Motörhead", "popularity": 66},
    {"id": "tr-motorhead-cover", "type": "track", "name": "Motorhead",
     "artists": ["Tribute Covers"], "popularity": 2},
    {"id": "ar-sigur", "type": "artist", "name": "Sigur Rós", "popularity": 60},
    {"id": "ar-bjork", "type": "artist", "name": "Björk", "popularity": 68},
    {"id": "ar-kino", "type": "artist", "name": "Кино", "aliases": ["Kino"], "language": "ru",
     "popularity": 58},
    {"id": "tr-kino-gruppa", "type": "track", "name": "Группа крови", "artists": ["Кино"],
     "language": "ru", "popularity": 55},
    {"id": "pl-ellada", "type": "playlist", "name": "Ελλάδα καλοκαίρι", "owner": "segue",
     "description": "Greek summer hits", "popularity": 30},
    {"id": "ar-fujii", "type": "artist", "name": "Fujii Kaze", "aliases": ["藤井 風"],
     "language": "ja", "popularity": 71},
    {"id": "ar-jungkook", "type": "artist", "name": "Jung Kook", "aliases": ["정국"],
     "language": "ko", "popularity": 83},
    {"id": "ar-jay-chou", "type": "artist", "name": "周杰伦", "aliases": ["Jay Chou"],
     "language": "zh", "popularity": 77},
    {"id": "tr-senorita", "type": "track", "name": "Señorita",
     "artists": ["Shawn Mendes", "Camila Cabello"], "popularity": 84},
    {"id": "tr-stay", "type": "track", "name": "Stay (with Justin Bieber)",
     "artists": ["The Kid LAROI"], "popularity": 86},
    {"id": "tr-flowers", "type": "track", "name": "Flowers", "artists": ["Miley Cyrus"],
     "album": "Endless Summer Vacation", "popularity": 97},
    {"id": "tr-flowers-in-rain", "type": "track", "name": "Flowers in the Rain",
     "artists": ["The Move"], "popularity": 35},
    {"id": "tr-bohemian", "type": "track", "name": "Bohemian Rhapsody", "artists": ["Queen"],
     "album": "A Night at the Opera", "popularity": 92},
    {"id": "ar-billie", "type": "artist", "name": "Billie Eilish", "popularity": 91},
    {"id": "ar-nirvana", "type": "artist", "name": "Nirvana", "popularity": 84},
    {"id": "ar-eminem", "type": "artist", "name": "Eminem", "popularity": 90},
    {"id": "ep-daily", "type": "episode", "name": "The Making of Halo", "show": "Song Exploder",
     "description": "How a ballad came together", "popularity": 20},
    {"id": "al-sasha", "type": "album", "name": "I Am... Sasha Fierce", "artists": ["Beyoncé"],
     "year": 2008, "popularity": 70},
]


@pytest.fixture
def make_engine(tmp_path: Path) -> Callable[..., EmbeddedEngine]:
    engines: list[EmbeddedEngine] = []

    def make(docs: list[dict] | None = None, **settings: object) -> EmbeddedEngine:
        engine = open_engine(Settings(data_dir=tmp_path / f"data{len(engines)}", **settings))
        engine.load()
        if docs:
            results = list(engine.index_documents(docs))
            assert all(r.ok for r in results), [r for r in results if not r.ok]
        engines.append(engine)
        return engine

    yield make
    for engine in engines:
        engine.close()


@pytest.fixture
def client(tmp_path: Path) -> Iterator[TestClient]:
    """The HTTP API over an empty embedded engine, answering 500s instead of raising
    (the bad-input tests look at every answer). A module may define its own."""
    settings = Settings(data_dir=tmp_path / "data")
    engine = open_engine(settings)
    engine.load()
    yield TestClient(create_app(engine, settings), raise_server_exceptions=False)
    engine.close()


@pytest.fixture
def engine(make_engine: Callable[..., EmbeddedEngine]) -> EmbeddedEngine:
    return make_engine(CATALOG)
