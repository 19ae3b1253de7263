"""`segue ingest FILE.jsonl`: the real command, whose lines are parsed and checked in
its write process. Bad lines go to the error report under the file's own line numbers
(blank lines counted); every good document is indexed and searchable."""

from __future__ import annotations

from pathlib import Path

import orjson

from .test_csv_ingest import search, segue

GOOD = [
    {"id": "t1", "type": "track", "name": "Hoppípolla", "artists": ["Sigur Rós"]},
    {"id": "a1", "type": "artist", "name": "周杰伦", "popularity": 77},
    {"id": "a2", "type": "artist", "name": "Кино", "genres": ["post-punk"]},
    {"id": "e1", "type": "episode", "name": "Beyoncé's Renaissance"},
]


def test_bad_lines_are_reported_by_file_line_and_the_rest_indexed(tmp_path: Path) -> None:
    lines = [
        orjson.dumps(GOOD[0]),                                             # 1
        b"",                                                               # 2
        b'{"id": "t2", "type": "track", "name": ',                         # 3: cut off
        orjson.dumps(GOOD[1]),                                             # 4
        orjson.dumps({"id": "t3", "type": "song", "name": "Bad type"}),    # 5
        b'{"id": "t4", "type": "track", "name": "Bj\xf6rk"}',              # 6: Latin-1
        orjson.dumps(GOOD[2]),                                             # 7
        orjson.dumps({"id": "t5", "type": "track", "name": "X",
                      "popularity": 101}),                                 # 8
        b"   ",                                                            # 9
        orjson.dumps(GOOD[3]),                                             # 10
    ]
    path = tmp_path / "catalog.jsonl"
    path.write_bytes(b"\n".join(lines) + b"\n")
    data = tmp_path / "data"
    done = segue("ingest", str(path), "--data", str(data))
    assert done.returncode == 1, done.stderr  # 1: some lines were rejected
    assert "4 documents indexed, 4 rejected" in done.stderr

    report = [orjson.loads(line) for line in
              Path(f"{path}.errors.jsonl").read_bytes().splitlines()]
    assert [(e["line"], e["id"]) for e in report] == [(3, None), (5, "t3"), (6, None),
                                                     (8, "t5")]
    assert "line 3: malformed JSON" in report[0]["reason"]
    assert "type" in report[1]["reason"]
    assert "line 6: invalid UTF-8" in report[2]["reason"]
    assert "popularity" in report[3]["reason"] and report[3]["reason"].startswith("line 8")

    assert search(data, "hoppipolla")[0]["id"] == "t1"
    assert search(data, "kino")[0]["id"] == "a2"
    assert search(data, "beyonce renaissance")[0]["id"] == "e1"
