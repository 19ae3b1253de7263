"""Descriptive judged queries over the demo catalog: what text vectors are for.

    python -m tests.relevance.build_descriptive     # rewrites descriptive.jsonl

Each query describes a mood, a use or an era in words that mostly differ from the
catalog's own. Judgments follow rules over the catalog's facts, never an engine's
answers: grade 2 for the playlists made for that intent (identical playlists
published twice are both grade 2), grade 1 for tracks whose genres and year fit it.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import orjson

from segue.catalog import load_demo

PATH = Path(__file__).with_name("descriptive.jsonl")
CATEGORY = "descriptive"
MAX_FITTING_TRACKS = 30   # grade-1 tracks per query, most popular first


def genres(*wanted: str, years: tuple[int, int] | None = None
           ) -> Callable[[dict[str, Any]], bool]:
    def fits(doc: dict[str, Any]) -> bool:
        if not set(wanted) & set(doc.get("genres") or []):
            return False
        year = doc.get("year")
        return years is None or (isinstance(year, int) and years[0] <= year <= years[1])
    return fits


@dataclass(frozen=True)
class Intent:
    query: str
    playlists: tuple[str, ...]                              # grade 2, by name
    tracks: Callable[[dict[str, Any]], bool] | None = None  # grade 1
    related: tuple[str, ...] = ()                           # grade 1 playlists, by name


INTENTS = [
    Intent("calm music to focus while studying",
           ("Música para estudiar", "作業用BGM", "学习专用", "Deep focus"), genres("lo-fi")),
    Intent("fast eighties synthpop for jogging", ("Upbeat 80s synth for running",),
           genres("synthpop", years=(1980, 1989))),
    Intent("sad latin ballads about heartbreak", ("Baladas para llorar",),
           genres("latin pop")),
    Intent("gentle guitar covers for a grey afternoon", ("Rainy day acoustic covers",),
           genres("folk", "singer-songwriter")),
    Intent("happy singalongs for a road trip", ("Songs to sing in the car",)),
    Intent("rap songs about lost love", ("Heartbreak Rap",)),
    Intent("bhangra to get a party going", ("Punjabi Party",), genres("punjabi")),
    Intent("french house to dance all night", ("Soirée french house",),
           genres("french house")),
    Intent("romantic hindi film songs", ("Bollywood Romance",), genres("bollywood")),
    Intent("brazilian funk to start the weekend", ("Sextou!",), genres("funk carioca")),
    Intent("relaxing pop to unwind", ("Musik zum Entspannen",),
           related=("Musique pour se détendre",)),
    Intent("country music for late at night", ("Late Night Country",), genres("country")),
    Intent("the r&b hits of the 2000s", ("2000s R&B Hits",),
           genres("r&b", years=(2000, 2009))),
    Intent("classic alternative rock from the eighties", ("80s Alternative Hits",),
           genres("alternative", years=(1980, 1989))),
    Intent("the reggaeton songs everyone knows", ("Lo mejor del reggaeton",),
           genres("reggaeton")),
    Intent("sleepy russian rock for bedtime", ("Музыка для сна",), genres("russian rock")),
]


def build(docs: list[dict[str, Any]]) -> list[dict[str, Any]]:
    rows = []
    for n, intent in enumerate(INTENTS, start=1):
        relevant: dict[str, int] = {}
        if intent.tracks is not None:
            fitting = sorted((d for d in docs if d["type"] == "track" and intent.tracks(d)),
                             key=lambda d: (-d.get("popularity", 0), d["id"]))
            relevant.update((d["id"], 1) for d in fitting[:MAX_FITTING_TRACKS])
        relevant.update((d["id"], 1) for d in docs
                        if d["type"] == "playlist" and d["name"] in intent.related)
        meant = [d["id"] for d in docs
                 if d["type"] == "playlist" and d["name"] in intent.playlists]
        if not meant:
            raise ValueError(f"{intent.query!r}: no playlist named {intent.playlists}")
        relevant.update((i, 2) for i in meant)
        rows.append({"qid": f"d{n:03d}", "query": intent.query, "category": CATEGORY,
                     "relevant": relevant})
    return rows


def main() -> None:
    rows = build(list(load_demo()))
    PATH.write_bytes(b"".join(orjson.dumps(r) + b"\n" for r in rows))
    print(f"{PATH}: {len(rows)} descriptive queries")


if __name__ == "__main__":
    main()
