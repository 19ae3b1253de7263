"""`segue ingest FILE.csv` (issue 4): the real command on a small CSV with accents, CJK,
Cyrillic, a quoted cell over two lines and bad rows. Bad rows go to the error report
with the line they start on; every other row is indexed and searchable (checked with
`segue search --json`, the same engine a server would load)."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path
from typing import Any

import orjson
import pytest

REPO_ROOT = Path(__file__).resolve().parents[2]

CSV = """\
id,type,name,artists,album,genres,popularity,year,duration_ms,explicit,markets,language
t1,track,Hoppípolla,Sigur Rós,Takk...,post-rock| ambient ,71.5,2005,268000,false,IS|SE|US,is
t2,track,Stay (with Justin Bieber),The Kid LAROI|Justin Bieber,,pop,86,2021,141000,true,,en
a1,artist,周杰伦,,,mandopop,77,,,,TW|CN,zh
a2,artist,Кино,,,post-punk|new wave,58,,,,,ru
t3,track,Bad popularity,X,,,high,2020,,,,
t4,track,"Line one,
still the name",Björk,,,40,,,,,

t5,song,Bad type,X,,,10,,,,,
t6,track,Bad year,X,,,10,2023.5,,,,
t7,track,Too few cells,X
t8,track,Bad explicit,X,,,10,,,no,,
p1,playlist,Ελλάδα καλοκαίρι,,,,30,,,,GR,el
t9,track,Bad Ω byte,X,,,10,,,,,
t10,track,Too many,X,,,10,,,,,,extra
t11,track,Infinite,X,,,inf,,,,,
e1,episode,Beyoncé's Renaissance,,,,5,2022,,,,en
"""

# (line, id, words in the reason) of each rejected row, in line order.
REJECTED = [
    (6, "t3", ("field 'popularity'", "'high' is not a number")),
    (10, "t5", ("field 'type'",)),
    (11, "t6", ("field 'year'", "'2023.5' is not an integer")),
    (12, "t7", ("4 cells", "header has 12")),
    (13, "t8", ("field 'explicit'",)),
    (15, "t9", ("field 'name'", "invalid UTF-8")),
    (16, "t10", ("13 cells",)),
    (17, "t11", ("field 'popularity'", "finite")),
]


def segue(*args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run([sys.executable, "-m", "segue", *args], cwd=REPO_ROOT,
                          capture_output=True, text=True, timeout=120)


def search(data: Path, q: str) -> list[dict[str, Any]]:
    done = segue("search", q, "--data", str(data), "--json")
    assert done.returncode == 0, done.stderr
    return orjson.loads(done.stdout)["hits"]


@pytest.fixture(scope="module")
def ingested(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, Path, str]:
    root = tmp_path_factory.mktemp("csv")
    path = root / "catalog.csv"
    # Line 15's "Ω" becomes a lone 0xD9 byte: not UTF-8, so that row alone must fail.
    path.write_bytes(CSV.encode().replace("Ω".encode(), b"\xd9"))
    data = root / "data"
    done = segue("ingest", str(path), "--data", str(data))
    assert done.returncode == 1, done.stderr  # 1: some rows were rejected
    return data, Path(f"{path}.errors.jsonl"), done.stderr


def test_good_rows_are_indexed_with_typed_fields(ingested: tuple[Path, Path, str]) -> None:
    data, _, stderr = ingested
    assert "7 documents indexed, 8 rejected" in stderr
    (t1,) = [h for h in search(data, "hoppipolla") if h["id"] == "t1"]
    assert {k: t1[k] for k in ("name", "artists", "album", "genres", "popularity", "year",
                                "duration_ms", "explicit", "markets", "language")} == {
        "name": "Hoppípolla", "artists": ["Sigur Rós"], "album": "Takk...",
        "genres": ["post-rock", "ambient"], "popularity": 71.5, "year": 2005,
        "duration_ms": 268000, "explicit": False, "markets": ["IS", "SE", "US"],
        "language": "is"}
    t2 = search(data, "stay kid laroi")[0]
    assert t2["id"] == "t2" and t2["explicit"] is True and "markets" not in t2
    assert t2["artists"] == ["The Kid LAROI", "Justin Bieber"] and t2["popularity"] == 86.0
    a1 = search(data, "周杰伦")[0]
    assert (a1["id"], a1["markets"], "year" not in a1) == ("a1", ["TW", "CN"], True)
    assert search(data, "kino")[0]["id"] == "a2"
    assert search(data, "ελλαδα")[0]["id"] == "p1"
    assert search(data, "beyonce renaissance")[0]["id"] == "e1"
    t4 = search(data, "still the name")[0]
    assert (t4["id"], t4["name"]) == ("t4", "Line one,\nstill the name")


def test_bad_rows_are_reported_with_their_line(ingested: tuple[Path, Path, str]) -> None:
    data, report, _ = ingested
    entries = [orjson.loads(line) for line in report.read_bytes().splitlines()]
    assert [(e["line"], e.get("id")) for e in entries] == [(n, i) for n, i, _ in REJECTED]
    for entry, (line, _, words) in zip(entries, REJECTED, strict=True):
        assert entry["reason"].startswith(f"line {line}: "), entry
        assert all(w in entry["reason"] for w in words), (words, entry)
    for _, doc_id, _ in REJECTED:
        assert all(h["id"] != doc_id for h in search(data, "bad") + search(data, "too"))


def test_jsonl_report_names_file_lines(tmp_path: Path) -> None:
    """The same report for JSONL: blank and malformed lines do not shift the numbers."""
    path = tmp_path / "catalog.ndjson"
    path.write_bytes(b'{"id":"a","type":"artist","name":"Aurora"}\n\n'
                     b'{"id":"b","type":"artist",\n'
                     b'{"id":"c","type":"artist","name":"Cat","popularity":"high"}\n'
                     b'{"id":"d","type":"artist","name":"Daughter"}\n')
    done = segue("ingest", str(path), "--data", str(tmp_path / "data"))
    assert done.returncode == 1, done.stderr  # 1: some lines were rejected
    entries = [orjson.loads(line)
               for line in Path(f"{path}.errors.jsonl").read_bytes().splitlines()]
    assert [(e["line"], e.get("id")) for e in entries] == [(3, None), (4, "c")]
    assert entries[1]["reason"].startswith("line 4: field 'popularity'")
    assert [h["id"] for h in search(tmp_path / "data", "daughter")][:1] == ["d"]


@pytest.mark.parametrize("content", [b"", b"id,name,name\nt1,a,b\n", b"id,,name\n"],
                         ids=["empty file", "duplicate column", "unnamed column"])
def test_csv_without_a_usable_header_is_refused(tmp_path: Path, content: bytes) -> None:
    path = tmp_path / "catalog.csv"
    path.write_bytes(content)
    done = segue("ingest", str(path), "--data", str(tmp_path / "data"))
    assert done.returncode == 2 and "line 1: the header" in done.stderr, done.stderr
