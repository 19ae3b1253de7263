"""The relevance test collection's corpus and queries, in one place for every user.

Corpus = the shipped demo catalog + 3,000 deterministic distractors
(`generate(3000, seed=7, id_prefix="d")`): look-alike titles and names with no
fame behind them, so a ranking that ignores popularity or match quality loses.
Queries live in `queries.jsonl` (built by `build_collection.py`, committed).
"""

from __future__ import annotations

from functools import lru_cache
from pathlib import Path

import orjson

from segue.catalog import generate, load_demo

DISTRACTORS = 3000
DISTRACTOR_SEED = 7
DISTRACTOR_PREFIX = "d"
QUERIES_FILE = Path(__file__).with_name("queries.jsonl")
CATEGORIES: tuple[str, ...] = (
    "exact_title", "title_artist", "prefix", "typo", "no_accents", "phonetic",
    "native_script", "cjk_cyrillic", "cjk_partial", "artist_tracks", "personalized",
)


@lru_cache(maxsize=1)
def _corpus() -> tuple[dict, ...]:
    docs = list(load_demo())
    docs.extend(generate(DISTRACTORS, DISTRACTOR_SEED, id_prefix=DISTRACTOR_PREFIX))
    return tuple(docs)


def load_corpus() -> list[dict]:
    """Demo catalog + distractors (about 7,600 documents), in a fixed order.

    Cached per process; the list is new on each call but the dicts are shared,
    so copy a document before changing it.
    """
    return list(_corpus())


def load_queries(path: Path = QUERIES_FILE) -> list[dict]:
    """Every judged query: {"qid", "query", "category", "relevant": {doc_id: grade}},
    and "user" ({"artists": [...], "genres": [...]}) for personalized ones."""
    return [orjson.loads(line) for line in path.read_bytes().splitlines() if line.strip()]


def qrels(queries: list[dict] | None = None) -> dict[str, dict[str, int]]:
    """Judgments as {qid: {doc_id: grade}}, the shape ranx.Qrels and TREC tools take."""
    return {q["qid"]: dict(q["relevant"]) for q in (queries or load_queries())}
