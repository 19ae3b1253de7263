"""CSV files as documents for `segue ingest`: a header row names the fields, each row
is one document.

CSV cells are text, so the typed columns are converted here (numbers, booleans, "|"
separated lists) and an empty cell leaves its field out. A row that cannot become a
document is reported with its line and reading goes on; validation proper happens on
the write path, as for `_bulk`.
"""

from __future__ import annotations

import csv
from collections import deque
from collections.abc import Iterator
from pathlib import Path
from typing import Any, TextIO

# CSV cells are text: these columns are converted, list cells split on "|".
CSV_LISTS = frozenset({"artists", "aliases", "genres", "markets"})
CSV_FLOATS = frozenset({"popularity"})
CSV_INTS = frozenset({"year", "duration_ms", "version"})
CSV_BOOLS = frozenset({"explicit"})
_TRUTH = {"true": True, "1": True, "false": False, "0": False}
CSV_CELL_LIMIT = 2 * 1024 * 1024  # as a bulk line: long cells reach validation, which names them


class CsvRowError(ValueError):
    """A row that cannot become a document; `field` names the cell at fault, if one is."""

    def __init__(self, field: str | None, reason: str) -> None:
        super().__init__(f"field '{field}': {reason}" if field else reason)
        self.field = field


def read_csv(path: Path, errors: list[dict[str, Any]], lines: deque[int]) -> Iterator[Any]:
    """CSV documents: a header row names the fields, empty cells are left out. The header
    is checked now (ValueError), the rows as they are read: each rejected row is appended
    to `errors` as a bulk error item, each document's first line number to `lines`."""
    csv.field_size_limit(CSV_CELL_LIMIT)
    f = path.open(encoding="utf-8-sig", errors="surrogateescape", newline="")
    reader = csv.reader(f)
    header = [h.strip() for h in next(reader, [])]
    if not header or "" in header or len(set(header)) != len(header) or \
            any("\udc80" <= ch <= "\udcff" for h in header for ch in h):
        f.close()
        raise ValueError(f"line 1: the header must name each column once, got {header}")
    return _rows(f, reader, header, errors, lines)


def _rows(f: TextIO, reader: Any, header: list[str], errors: list[dict[str, Any]],
          lines: deque[int]) -> Iterator[Any]:
    """A row that cannot become a document is reported with its first line number (a
    quoted cell may span lines) and reading goes on. Invalid UTF-8 is kept as surrogates
    by the decoder, so only its row fails."""
    id_at = header.index("id") if "id" in header else None
    end = reader.line_num
    with f:
        while True:
            start = end + 1
            try:
                row = next(reader)
            except StopIteration:
                return
            except csv.Error as e:
                end = reader.line_num
                errors.append({"line": start, "status": 400, "error": "malformed CSV",
                               "reason": f"line {start}: {e}"})
                continue
            end = reader.line_num
            if not any(cell.strip() for cell in row):
                continue
            doc_id = row[id_at] if id_at is not None and id_at < len(row) else None
            try:
                if len(row) != len(header):
                    raise CsvRowError(None, f"the row has {len(row)} cells; the header "
                                            f"has {len(header)}")
                doc = {field: _cell(field, cell)
                       for field, cell in zip(header, row, strict=True) if cell.strip()}
            except CsvRowError as e:
                errors.append({"line": start, "id": doc_id, "status": 400, "error": "invalid_value",
                               "reason": f"line {start}: {e}"})
                continue
            lines.append(start)
            yield doc


def _cell(field: str, cell: str) -> Any:
    """One cell as the document field it names, or CsvRowError saying why not."""
    if any("\udc80" <= ch <= "\udcff" for ch in cell):
        raise CsvRowError(field, "invalid UTF-8")
    if field in CSV_LISTS:
        return [item.strip() for item in cell.split("|") if item.strip()]
    text = cell.strip()
    try:
        if field in CSV_FLOATS:
            return float(text)
        if field in CSV_INTS:
            return int(text)
    except ValueError:
        kind = "a number" if field in CSV_FLOATS else "an integer"
        raise CsvRowError(field, f"{cell!r} is not {kind}") from None
    if field in CSV_BOOLS:
        if text.lower() not in _TRUTH:
            raise CsvRowError(field, f"{cell!r} is not true, false, 1 or 0")
        return _TRUTH[text.lower()]
    return cell
