"""A small catalog with real-looking names, its judged queries, and a known-worse variant.

Every query names one track exactly (grade 2, little known); a famous track shares one
of its words. A variant that ignores how much of the query matched (coverage, match,
exactness weights at zero, a heavy popularity prior) puts the famous one first.
"""

from __future__ import annotations

import json
from pathlib import Path

import orjson
import pytest

from segue.ranking import shipped_variants

from .run_cli import segue_eval

# (query/target title, target artist, decoy title, decoy artist)
PAIRS = [
    ("Blue Monday", "New Order", "Blue (Da Ba Dee)", "Eiffel 65"),
    ("Purple Rain", "Prince", "Purple Haze", "Jimi Hendrix"),
    ("Black Dog", "Led Zeppelin", "Back in Black", "AC/DC"),
    ("Yellow Submarine", "The Beatles", "Yellow", "Coldplay"),
    ("White Rabbit", "Jefferson Airplane", "White Christmas", "Bing Crosby"),
    ("Red Red Wine", "UB40", "Red", "Taylor Swift"),
    ("Green Onions", "Booker T. & the M.G.'s", "Green Light", "Lorde"),
    ("Golden Brown", "The Stranglers", "Golden Hour", "JVKE"),
    ("Silver Springs", "Fleetwood Mac", "Silver Lining", "Rilo Kiley"),
    ("Hotel California", "Eagles", "Heartbreak Hotel", "Elvis Presley"),
    ("Sweet Child o' Mine", "Guns N' Roses", "Sweet Caroline", "Neil Diamond"),
    ("Born to Run", "Bruce Springsteen", "Born This Way", "Lady Gaga"),
    ("London Calling", "The Clash", "London Bridge", "Fergie"),
    ("Dancing Queen", "ABBA", "Dancing On My Own", "Robyn"),
    ("Super Freak", "Rick James", "Super Bass", "Nicki Minaj"),
    ("Lovely Day", "Bill Withers", "Lovely", "Billie Eilish"),
    ("Heart of Glass", "Blondie", "Heart-Shaped Box", "Nirvana"),
    ("Midnight City", "M83", "Midnight Rain", "Taylor Swift"),
    ("Paper Planes", "M.I.A.", "Paper Rings", "Taylor Swift"),
    ("Electric Feel", "MGMT", "Electric Avenue", "Eddy Grant"),
]


def _slug(text: str) -> str:
    return "-".join("".join(c if c.isalnum() else " " for c in text.lower()).split())


def _doc(title: str, artist: str, popularity: float) -> dict:
    return {"id": f"tr-{_slug(artist)}-{_slug(title)}", "type": "track", "name": title,
            "artists": [artist], "popularity": popularity, "language": "en"}


@pytest.fixture(scope="session")
def small_collection(tmp_path_factory) -> dict[str, Path]:
    root = tmp_path_factory.mktemp("eval-small")
    docs, judged = [], []
    for n, (title, artist, decoy, decoy_artist) in enumerate(PAIRS, start=1):
        target = _doc(title, artist, 25.0)
        docs += [target, _doc(decoy, decoy_artist, 98.0)]
        judged.append({"qid": f"s{n:02d}", "query": title.lower(),
                       "category": "two_words" if len(title.split()) == 2 else "longer",
                       "relevant": {target["id"]: 2}})
    catalog = root / "catalog.jsonl"
    catalog.write_bytes(b"".join(orjson.dumps(d) + b"\n" for d in docs))
    judgments = root / "queries.jsonl"
    judgments.write_bytes(b"".join(orjson.dumps(j) + b"\n" for j in judged))
    # The same judgments as TREC qrels plus a TSV of query texts.
    qrels = root / "qrels.txt"
    qrels.write_text("".join(f"{j['qid']} 0 {d} {g}\n" for j in judged
                             for d, g in j["relevant"].items()))
    topics = root / "queries.tsv"
    topics.write_text("".join(f"{j['qid']}\t{j['query']}\t{j['category']}\n" for j in judged))
    return {"root": root, "catalog": catalog, "judgments": judgments, "qrels": qrels,
            "topics": topics}


@pytest.fixture(scope="session")
def worse_variants_dir(tmp_path_factory) -> Path:
    """`worse`: the default variant with coverage and match quality weighed at zero and
    popularity weighed heavily."""
    root = tmp_path_factory.mktemp("variants")
    default = shipped_variants()["default"]
    data = {
        "name": "worse", "version": 1,
        "weights": {**default.weights, "coverage": 0, "match": 0, "exact": 0, "start": 0,
                    "lexical": 0, "proximity": 0, "field": 0, "popularity": 60},
        "match_values": {k.name.lower(): v for k, v in default.match_values.items()},
        "field_weights": {k.name.lower(): v for k, v in default.field_weights.items()},
        "type_prior": dict(default.type_prior),
        "candidates": default.candidates,
    }
    (root / "worse.json").write_text(json.dumps(data))
    return root


@pytest.fixture(scope="session")
def regression_run(small_collection, worse_variants_dir, tmp_path_factory):
    out = tmp_path_factory.mktemp("eval-out")
    proc = segue_eval("--judgments", small_collection["judgments"],
                      "--catalog", small_collection["catalog"], "--variants", "default,worse",
                      "--out", out, "--fail-on-regression", variants_dir=worse_variants_dir)
    return proc, out
