"""Judged queries: what a person asking each query meant, graded.

A judgment is a query (text, category) with graded ids: 2 = the one they meant,
1 = acceptable; optionally the user context it was asked with. `load_judgments`
reads them from JSONL or from TREC qrels plus a file of query texts.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from pathlib import Path

import orjson

from segue.ranking import UserContext

_JSON_SUFFIXES = (".jsonl", ".ndjson", ".json")


@dataclass(frozen=True, slots=True)
class Judged:
    qid: str
    query: str
    category: str
    relevant: Mapping[str, int]
    user: UserContext | None = None  # the user context the query is asked with

    @classmethod
    def from_dict(cls, row: Mapping[str, object]) -> Judged:
        relevant = row["relevant"]
        if not isinstance(relevant, dict) or not relevant:
            raise ValueError(f"query {row.get('qid')}: 'relevant' must map ids to grades")
        return cls(str(row["qid"]), str(row["query"]), str(row["category"]),
                   {str(k): int(v) for k, v in relevant.items()},
                   user_context(row.get("user"), where=f"query {row.get('qid')}"))


def user_context(raw: object, *, where: str) -> UserContext | None:
    """`{"artists": [...], "genres": [...]}` as in a judgment row, or None."""
    if raw is None:
        return None
    if not isinstance(raw, dict):
        raise ValueError(f"{where}: 'user' must be {{\"artists\": [names], "
                         f"\"genres\": [names]}}, got {raw!r}")
    lists = {k: raw.get(k, []) for k in ("artists", "genres")}
    if set(raw) - set(lists) or not all(
            isinstance(v, list) and all(isinstance(x, str) for x in v)
            for v in lists.values()):
        raise ValueError(f"{where}: 'user' must be {{\"artists\": [names], "
                         f"\"genres\": [names]}}, got {raw!r}")
    return UserContext.of(lists["artists"], lists["genres"]) or None


def load_judgments(path: Path, queries: Path | None = None) -> list[Judged]:
    """Judged queries from a JSONL file (qid, query, category, relevant {id: grade}), or
    from TREC qrels ("qid 0 docid grade") with `queries` giving each qid's text (JSONL
    with qid, query and optional category and user, or TSV
    "qid<TAB>query[<TAB>category]").
    Grades <= 0 are not relevant; a query with no relevant id is left out."""
    if path.suffix.lower() in _JSON_SUFFIXES:
        rows = [orjson.loads(line) for line in path.read_bytes().splitlines() if line.strip()]
        return [Judged.from_dict({"category": "all", **row}) for row in rows
                if any(int(g) > 0 for g in row.get("relevant", {}).values())]
    if queries is None:
        raise ValueError(f"{path}: TREC qrels need --queries (qid -> query text)")
    grades: dict[str, dict[str, int]] = {}
    for n, line in enumerate(path.read_text(encoding="utf-8").splitlines(), start=1):
        parts = line.split()
        if not parts:
            continue
        if len(parts) != 4:
            raise ValueError(f"{path}:{n}: expected 'qid 0 docid grade', got {line!r}")
        qid, _, doc_id, grade = parts
        if int(grade) > 0:
            grades.setdefault(qid, {})[doc_id] = int(grade)
    texts, users = _load_queries(queries)
    missing = sorted(set(grades) - set(texts))
    if missing:
        raise ValueError(f"{queries}: no text for {len(missing)} judged queries, e.g. "
                         f"{', '.join(missing[:5])}")
    return [Judged(qid, *texts[qid], rel, users.get(qid)) for qid, rel in grades.items()]


def _load_queries(path: Path) -> tuple[dict[str, tuple[str, str]], dict[str, UserContext]]:
    """{qid: (query, category)} and {qid: user context} (JSONL only)."""
    out: dict[str, tuple[str, str]] = {}
    users: dict[str, UserContext] = {}
    if path.suffix.lower() in _JSON_SUFFIXES:
        for n, line in enumerate(path.read_bytes().splitlines(), start=1):
            if line.strip():
                row = orjson.loads(line)
                qid = str(row["qid"])
                out[qid] = (str(row["query"]), str(row.get("category") or "all"))
                user = user_context(row.get("user"), where=f"{path}:{n}")
                if user is not None:
                    users[qid] = user
        return out, users
    for n, text in enumerate(path.read_text(encoding="utf-8").splitlines(), start=1):
        if not text.strip():
            continue
        cells = text.rstrip("\n").split("\t")
        if len(cells) < 2:
            raise ValueError(f"{path}:{n}: expected 'qid<TAB>query[<TAB>category]'")
        out[cells[0]] = (cells[1], cells[2] if len(cells) > 2 and cells[2] else "all")
    return out, users
