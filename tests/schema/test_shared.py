"""The schema sits below both sides: light to import, and one rule for field texts."""

from __future__ import annotations

import doctest
import subprocess
import sys

import segue.schema
from segue.analyzers import split_artists, split_credits
from segue.schema import Field, field_texts


def test_the_examples_in_the_package_essay_hold() -> None:
    assert doctest.testmod(segue.schema).failed == 0


def test_ranking_loads_neither_the_indexer_nor_its_storage() -> None:
    code = ("import sys, segue.schema, segue.ranking\n"
            "print(sorted(m for m in sys.modules\n"
            "             if m.startswith(('segue.indexer', 'faiss', 'sqlite3'))))\n")
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True,
                         timeout=60)
    assert out.returncode == 0, out.stderr[-2000:]
    assert out.stdout.strip() == "[]"


def test_credits_move_from_a_track_name_to_its_artists_in_field_order() -> None:
    doc = {"type": "track", "name": "Stay (with Justin Bieber)", "artists": ["The Kid LAROI"],
           "genres": ["pop", ""], "album": "F*ck Love 3", "description": ""}
    assert field_texts(doc, split_credits, split_artists) == [
        (Field.NAME, ["Stay"]),
        (Field.ARTISTS, ["The Kid LAROI", "Justin Bieber"]),
        (Field.ALBUM, ["F*ck Love 3"]),
        (Field.GENRES, ["pop"]),
    ]


def test_an_artist_keeps_the_credits_in_its_name() -> None:
    doc = {"type": "artist", "name": "Simon & Garfunkel"}
    assert field_texts(doc, split_credits, split_artists) == [
        (Field.NAME, ["Simon & Garfunkel"]), (Field.ARTISTS, [])]
