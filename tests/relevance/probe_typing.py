"""An out-of-sample check of popularity against exactness while one word is typed.

    python -m tests.relevance.probe_typing

The chart collection's `exact_vs_popular` category types 50 planted names; its rule
(`typing`) was tuned on half of them. This probe asks every other one-word name the
chart corpus already holds (about 4,800, none planted), typed whole and still being
typed, and judges it by the collection's own rule: the meant document is the most
popular one whose name starts with the word (a clear lead of a point or more; ties
are left out), whether that is the name typed exactly or a longer one it begins. It
prints success@1 for each side, the completion side by how many popularity points
the completion leads the most popular exact name: near ties are where the ranking
keeps the exact name on purpose, so that row is expected to be low.

The rule is cruder than the collection's judgments (a more popular match through an
alias, or after an article, counts as a miss), so read it before and after a change,
not as a score on its own.
"""

from __future__ import annotations

import tempfile
from bisect import bisect_left
from collections import Counter, defaultdict
from pathlib import Path

from segue.query import SearchRequest

from .build_chart import fold
from .chart import PLANTED_EXACT, load_corpus
from .evaluate import build_engine

GAPS = ((0, 10, "under 10 points (near tie)"), (10, 20, "10 to 20 points"),
        (20, 101, "20 points or more"))


def probe_rows(docs: list[dict]) -> list[tuple[str, dict, float | None]]:
    """(typed word, meant document, its lead in points over the most popular document
    named exactly so, None when the meant document is that one)."""
    planted = {w.lower() for w in PLANTED_EXACT}
    named: dict[str, list[dict]] = defaultdict(list)
    by_name = sorted(((fold(d["name"]), d) for d in docs), key=lambda p: p[0])
    keys = [k for k, _ in by_name]
    for name, d in by_name:
        if len(name) >= 3 and name.isalpha():
            named[name].append(d)
    rows = []
    for word, exacts in named.items():
        if word in planted:
            continue
        start = end = bisect_left(keys, word)
        while end < len(keys) and keys[end].startswith(word):
            end += 1
        begun = [d for _, d in by_name[start:end]]
        if not any(fold(d["name"]) != word for d in begun):
            continue
        best = sorted(begun, key=lambda d: -d["popularity"])
        if len(best) > 1 and best[0]["popularity"] - best[1]["popularity"] < 1:
            continue  # a tie: popularity decides nothing
        meant = best[0]
        lead = None if fold(meant["name"]) == word else \
            meant["popularity"] - max(d["popularity"] for d in exacts)
        rows.append((word, meant, lead))
    return rows


def main() -> int:
    docs = load_corpus()
    rows = probe_rows(docs)
    counts: Counter[tuple[str, bool]] = Counter()
    with tempfile.TemporaryDirectory() as tmp:
        engine = build_engine(Path(tmp), docs)
        for word, meant, lead in rows:
            hits = engine.search(SearchRequest(q=word, limit=1, mode="lexical")).hits
            right = bool(hits) and hits[0]["id"] == meant["id"]
            side = "exact name meant" if lead is None else next(
                label for low, high, label in GAPS if low <= lead < high)
            counts[side, right] += 1
            counts["all", right] += 1
        engine.close()
    print(f"{len(rows):,} one-word names of the chart corpus, typed whole\n")
    print("| meant | queries | success@1 |\n|---|---|---|")
    for side in ("exact name meant", *(label for *_, label in GAPS), "all"):
        n = counts[side, True] + counts[side, False]
        shown = side if side in ("exact name meant", "all") else f"completion, {side} ahead"
        print(f"| {shown} | {n} | {counts[side, True] / max(n, 1):.3f} |")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
