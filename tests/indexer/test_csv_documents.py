"""CSV rows as documents, read directly (the `segue ingest` tests cover the command)."""

from __future__ import annotations

from collections import deque
from pathlib import Path

import pytest

from segue.indexer import read_csv


def test_typed_cells_and_a_bad_row_reported_with_its_line(tmp_path: Path):
    path = tmp_path / "docs.csv"
    path.write_text('id,type,name,artists,popularity,explicit\n'
                    'tr-1,track,"Halo, live",Beyoncé|JAY-Z ,90,true\n'
                    'tr-2,track,Bad,,loud,0\n'
                    '\n'
                    'tr-3,track,Formation,,,\n', encoding="utf-8")
    errors: list[dict] = []
    lines: deque[int] = deque()
    docs = list(read_csv(path, errors, lines))
    assert docs == [
        {"id": "tr-1", "type": "track", "name": "Halo, live", "artists": ["Beyoncé", "JAY-Z"],
         "popularity": 90.0, "explicit": True},
        {"id": "tr-3", "type": "track", "name": "Formation"},
    ]
    assert list(lines) == [2, 5]
    assert errors == [{"line": 3, "id": "tr-2", "status": 400, "error": "invalid_value",
                       "reason": "line 3: field 'popularity': 'loud' is not a number"}]


def test_a_header_naming_a_column_twice_is_refused_before_reading(tmp_path: Path):
    path = tmp_path / "docs.csv"
    path.write_text("id,name,name\n", encoding="utf-8")
    with pytest.raises(ValueError, match="line 1: the header must name each column once"):
        read_csv(path, [], deque())
