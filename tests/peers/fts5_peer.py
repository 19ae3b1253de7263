"""SQLite FTS5 as a second peer: what a careful engineer gets from the database in
every Python install.

Name, artists, album and aliases are columns of one FTS5 table with the `unicode61`
tokenizer and `remove_diacritics 2` (Beyoncé matches beyonce). Every query word is a
quoted term, the last one a prefix (`"hotel" "cal"*`); all words must match, and when
fewer than `limit` documents do, the words are asked again with OR so a partial match
still answers. bm25 ranks with column weights (name 10, artists 4, aliases 4, album 1).
FTS5 has no typo tolerance; that is part of what it is measured as.
"""

from __future__ import annotations

import re
import sqlite3
from collections.abc import Iterable, Sequence
from typing import Any

COLUMNS = ("name", "artists", "album", "aliases")
WEIGHTS = (10.0, 4.0, 1.0, 4.0)
_WORD = re.compile(r"\w+")


def _text(value: Any) -> str:
    if isinstance(value, list):
        return " ; ".join(str(v) for v in value)
    return value if isinstance(value, str) else ""


class Fts5Peer:
    def __init__(self, docs: Iterable[dict[str, Any]]) -> None:
        self.db = sqlite3.connect(":memory:", check_same_thread=False)
        self.db.execute(f"CREATE VIRTUAL TABLE docs USING fts5(id UNINDEXED, "
                        f"{', '.join(COLUMNS)}, tokenize='unicode61 remove_diacritics 2')")
        self.db.executemany(
            f"INSERT INTO docs VALUES (?, {', '.join('?' for _ in COLUMNS)})",
            ([d["id"], *(_text(d.get(c)) for c in COLUMNS)] for d in docs))
        self.db.commit()
        weights = ", ".join(str(w) for w in WEIGHTS)
        self.sql = (f"SELECT id FROM docs WHERE docs MATCH ? "
                    f"ORDER BY bm25(docs, 0.0, {weights}) LIMIT ?")

    def search(self, text: str, limit: int = 10) -> Sequence[str]:
        words = _WORD.findall(text.casefold())
        if not words:
            return []
        terms = [f'"{w}"' for w in words[:-1]] + [f'"{words[-1]}"*']
        found = [row[0] for row in self.db.execute(self.sql, (" ".join(terms), limit))]
        if len(found) < limit and len(terms) > 1:
            more = self.db.execute(self.sql, (" OR ".join(terms), limit))
            found += [row[0] for row in more if row[0] not in found]
        return found[:limit]
