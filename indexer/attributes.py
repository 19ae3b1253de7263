"""The lexical index's filter columns: what filters, facets, sorting and `distinct`
read, by internal document number, so retrieval narrows its candidates with numpy
while it gathers them (never a page filtered afterwards).

- **numbers** (`year`, `popularity`, `duration_ms`): float64 columns, NaN when absent
  (float64: a float32 `popularity` of 33.3 would fail `popularity >= 33.3`);
- **explicit**: an int8 column, -1 absent, 0 false, 1 true;
- **keywords** (`genres`, `language`, `artists`, `markets` and configured fields):
  per field, per folded value (`filter_values`), the ascending numbers of the
  documents holding it, like a term's postings;
- **group**: the hash of the document's `distinct_key` (0: never collapses);
- **name key**: the first 8 bytes of the folded name as a big-endian integer, so
  `sort=name` orders candidates with one numpy sort (UTF-8 keeps code-point order).

Deleted numbers stay until `compact`, which renumbers them as the postings are.
"""

from __future__ import annotations

import hashlib
from array import array
from collections.abc import Iterable, Mapping, Sequence
from typing import Any

import numpy as np

from segue.schema import (
    KEYWORDS,
    MARKETS,
    NUMBERS,
    distinct_key,
    filter_values,
    number_value,
    sort_name,
)

# One document's attributes, as plain values that cross processes cheaply:
# (numbers in NUMBERS order (None: absent), explicit (-1/0/1), folded keyword values of
#  KEYWORDS and MARKETS (`filter_values`), group hash, name key)
AttributeRow = tuple[tuple[float | None, ...], int, tuple[tuple[str, ...], ...], int, int]


def attribute_row(doc: Mapping[str, Any]) -> AttributeRow:
    """What the filter columns read of a valid document (computed where it is decided)."""
    explicit = doc.get("explicit")
    values = filter_values(doc)
    key = distinct_key(doc)
    name = doc.get("name")
    return (tuple(number_value(doc, f) for f in NUMBERS),
            -1 if not isinstance(explicit, bool) else int(explicit),
            tuple(values[f] for f in _ROW_KEYWORDS),
            0 if key is None else _hash(key),
            name_key(name) if isinstance(name, str) else 0)


_ROW_KEYWORDS = (*KEYWORDS, MARKETS)


def name_key(name: str) -> int:
    """The first 8 bytes of the folded name, big-endian: orders like the name."""
    return int.from_bytes(sort_name(name).encode()[:8].ljust(8, b"\0"), "big") >> 1


def _hash(key: str) -> int:
    value = int.from_bytes(hashlib.blake2b(key.encode(), digest_size=8).digest(), "big",
                           signed=True)
    return value or 1


class Attributes:
    """The filter columns of one lexical index (see the module's docstring)."""

    def __init__(self, extra: Sequence[str] = ()) -> None:
        self.extra = tuple(extra)    # configured keyword fields, read from the document
        self.numbers: dict[str, np.ndarray] = {f: np.full(1024, np.nan) for f in NUMBERS}
        self.explicit = np.full(1024, -1, np.int8)
        self.group = np.zeros(1024, np.int64)
        self.name_key = np.zeros(1024, np.uint64)
        self.keywords: dict[str, dict[str, array]] = {
            f: {} for f in (*_ROW_KEYWORDS, *self.extra)}

    @property
    def keyword_fields(self) -> tuple[str, ...]:
        return tuple(self.keywords)

    def add(self, numbers: Sequence[int], rows: Sequence[AttributeRow],
            extras: Sequence[Mapping[str, Any]] | None = None) -> None:
        """Write a batch: `rows[i]` is document `numbers[i]`'s; `extras[i]` its
        document, read for the configured fields only."""
        size = numbers[-1] + 1
        self._reserve(size)
        at = np.asarray(numbers, dtype=np.int64)
        values, explicit, keywords, groups, names = zip(*rows, strict=True)
        for i, f in enumerate(NUMBERS):
            self.numbers[f][at] = [np.nan if v[i] is None else v[i] for v in values]
        self.explicit[at] = explicit
        self.group[at] = groups
        self.name_key[at] = np.asarray(names, dtype=np.uint64)
        pending: dict[tuple[str, str], list[int]] = {}
        for number, doc_values in zip(numbers, keywords, strict=True):
            for f, vals in zip(_ROW_KEYWORDS, doc_values, strict=True):
                for value in vals:  # distinct per document (`filter_values`)
                    key = (f, value)
                    docs = pending.get(key)
                    if docs is None:
                        pending[key] = [number]
                    elif docs[-1] != number:
                        docs.append(number)
        if self.extra and extras is not None:
            for number, doc in zip(numbers, extras, strict=True):
                values = filter_values(doc, self.extra)
                for f in self.extra:
                    _offer(pending, f, values[f], number)
        for (f, value), docs in pending.items():
            self.keywords[f].setdefault(value, array("i")).extend(docs)

    def _reserve(self, size: int) -> None:
        if size <= len(self.explicit):
            return
        grown = max(2 * len(self.explicit), size)

        def grow(data: np.ndarray, fill: Any) -> np.ndarray:
            out = np.full(grown, fill, dtype=data.dtype)
            out[: len(data)] = data
            return out

        self.numbers = {f: grow(c, np.nan) for f, c in self.numbers.items()}
        self.explicit = grow(self.explicit, -1)
        self.group = grow(self.group, 0)
        self.name_key = grow(self.name_key, 0)

    def docs(self, field: str, value: str) -> np.ndarray:
        """The numbers of the documents holding `value` (folded) in `field`, dead ones
        included (callers mask with liveness): a view, read it under the read lock."""
        found = self.keywords[field].get(value)
        return np.empty(0, np.int32) if found is None else np.frombuffer(found, np.int32)

    def compact(self, keep: np.ndarray, renumber: np.ndarray, live: np.ndarray) -> None:
        """Keep the documents numbered `keep` (ascending), renumbered as the postings."""
        n = len(keep)

        def cut(data: np.ndarray, fill: Any) -> np.ndarray:
            out = np.full(len(data), fill, dtype=data.dtype)
            out[:n] = data[keep]
            return out

        self.numbers = {f: cut(c, np.nan) for f, c in self.numbers.items()}
        self.explicit = cut(self.explicit, -1)
        self.group = cut(self.group, 0)
        self.name_key = cut(self.name_key, 0)
        for values in self.keywords.values():
            for value in list(values):
                numbers = np.frombuffer(values[value], np.int32)
                kept = numbers[live[numbers]]
                if len(kept):
                    values[value] = array("i", renumber[kept].astype(np.int32).tobytes())
                else:
                    del values[value]

    def copy(self) -> Attributes:
        """A copy unchanged by later writes (for a snapshot)."""
        out = Attributes.__new__(Attributes)
        out.extra = self.extra
        out.numbers = {f: c.copy() for f, c in self.numbers.items()}
        out.explicit, out.group = self.explicit.copy(), self.group.copy()
        out.name_key = self.name_key.copy()
        out.keywords = {f: {v: array("i", a) for v, a in values.items()}
                        for f, values in self.keywords.items()}
        return out


def _offer(pending: dict[tuple[str, str], list[int]], field: str, values: Iterable[str],
           number: int) -> None:
    for value in values:
        docs = pending.setdefault((field, value), [])
        if not docs or docs[-1] != number:
            docs.append(number)
