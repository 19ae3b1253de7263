"""Runs: each judged query's ranked ids from a search, and their TREC run files.

A run is ranx-shaped, {qid: {doc_id: score}}, the best id scoring highest. Runs are
saved in TREC run format ("qid Q0 docid rank score tag") so a later evaluation can
compare against them without searching again.
"""

from __future__ import annotations

import re
import sys
from collections.abc import Callable, Sequence
from pathlib import Path

from tqdm import tqdm

from .judgments import Judged

Run = dict[str, dict[str, float]]

#: The id a query with no answer gets when ranx needs every query in a run (scores zero).
NO_ANSWER = "__none__"


def run_queries(
    search: Callable[..., Sequence[str]], judged: Sequence[Judged], *,
    label: str = "queries", progress: bool = True,
) -> Run:
    """Each query's ranked ids as a ranx-style run: {qid: {doc_id: score}}.

    `search(query)` answers a query; a query judged with a user context is asked as
    `search(query, user)`, so a search that cannot personalize fails loudly there
    instead of being scored on a question it was not asked.
    """
    run: Run = {}
    for j in tqdm(judged, desc=label, unit="q", disable=not progress, file=sys.stderr):
        answer = search(j.query) if j.user is None else search(j.query, j.user)
        ids = list(dict.fromkeys(answer))
        run[j.qid] = {doc_id: float(len(ids) - rank) for rank, doc_id in enumerate(ids)}
    return run


def save_trec_run(run: Run, path: Path, tag: str) -> Path:
    """"qid Q0 docid rank score tag", best first; a query with no answer has no lines."""
    for qid, docs in run.items():
        for doc_id in [qid, *docs]:
            if not doc_id or re.search(r"\s", doc_id):
                raise ValueError(f"TREC runs cannot hold ids with spaces: {doc_id!r}")
    lines = []
    for qid, docs in run.items():
        ranked = sorted(((d, s) for d, s in docs.items() if d != NO_ANSWER),
                        key=lambda x: (-x[1], x[0]))
        lines += [f"{qid} Q0 {d} {rank} {s:g} {tag}"
                  for rank, (d, s) in enumerate(ranked, start=1)]
    path.write_text("\n".join(lines) + ("\n" if lines else ""), encoding="utf-8")
    return path


def load_trec_run(path: Path) -> tuple[str, Run]:
    """A saved TREC run as (its tag, {qid: {docid: score}}): the same dict ranx's
    `Run.from_file(path, kind="trec")` reads (a test holds them equal), without its
    numba compile, which costs about ten seconds a process."""
    run: Run = {}
    tags: set[str] = set()
    for n, line in enumerate(path.read_text(encoding="utf-8").splitlines(), start=1):
        parts = line.split()
        if not parts:
            continue
        if len(parts) != 6:
            raise ValueError(f"{path}:{n}: expected 'qid Q0 docid rank score tag'")
        qid, _, doc_id, _, value, tag = parts
        run.setdefault(qid, {})[doc_id] = float(value)
        tags.add(tag)
    name = tags.pop() if len(tags) == 1 else path.stem
    return name, run
