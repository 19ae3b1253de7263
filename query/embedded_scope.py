"""A `Scope` on the embedded engine: numpy masks over the lexical index's columns.

`ScopeMasks.mask` evaluates a filter and a market into one boolean array over every
document number (cached per index generation, so the keystrokes of one search box
pay once); `narrow` applies it to the candidates retrieval gathered, before they are
counted or cut to a depth, counts facets over every match (versions included),
collapses versions (`distinct`) and, when sorting, picks the candidates first by the
sort key.
"""

from __future__ import annotations

from collections import OrderedDict
from dataclasses import dataclass, field

import numpy as np

from segue.indexer import LexicalIndex
from segue.schema import EVERYWHERE, FILTERABLE, MARKETS, TYPE_CODES, Kind

from .filters import And, Expr, In, Not, Or
from .scope import Facets, Key, Scope, decades, top_values

_MASKS = 32
_TYPE_NAMES = {code: name for name, code in TYPE_CODES.items()}


class ScopeMasks:
    """Which document numbers a scope admits, cached per (filter, market, generation)."""

    def __init__(self, index: LexicalIndex) -> None:
        self.index = index
        self._cache: OrderedDict[tuple, np.ndarray] = OrderedDict()
        self._by_doc: dict[str, tuple[tuple[int, int], _ByDocument]] = {}

    def clear(self) -> None:
        """Forget every mask (benchmarks measure a filter never seen)."""
        self._cache.clear()

    def by_document(self, field: str) -> _ByDocument:
        """A keyword field's values per document (cached per index generation), so a
        facet counts its matches' values instead of visiting every value's postings."""
        key = (self.index.generation, self.index.capacity)
        found = self._by_doc.get(field)
        if found is None or found[0] != key:
            found = self._by_doc[field] = (key, _ByDocument(self.index, field))
        return found[1]

    def mask(self, scope: Scope) -> np.ndarray | None:
        """A boolean per document number (live ones only); None: every document."""
        if not scope.narrows:
            return None
        key = (scope.filter, scope.market, self.index.generation, self.index.capacity)
        found = self._cache.get(key)
        if found is not None:
            self._cache.move_to_end(key)
            return found
        n = self.index.capacity
        mask = self.index.live[:n].copy()
        if scope.filter is not None:
            mask &= evaluate(scope.filter, self.index)
        if scope.market is not None:
            attrs = self.index.attributes
            mask &= _has(n, attrs.docs(MARKETS, scope.market), attrs.docs(MARKETS, EVERYWHERE))
        self._cache[key] = mask
        if len(self._cache) > _MASKS:
            self._cache.popitem(last=False)
        return mask


def evaluate(expr: Expr, index: LexicalIndex) -> np.ndarray:
    """The filter over every document number (dead ones too: callers mask liveness)."""
    n = index.capacity
    if isinstance(expr, And):
        out = np.ones(n, bool)
        for part in expr.parts:
            out &= evaluate(part, index)
        return out
    if isinstance(expr, Or):
        out = np.zeros(n, bool)
        for part in expr.parts:
            out |= evaluate(part, index)
        return out
    if isinstance(expr, Not):
        return ~evaluate(expr.expr, index)
    if isinstance(expr, In):
        out = np.zeros(n, bool)
        for value in expr.values:
            out |= _equal(expr.field, value, index)
        return out
    if expr.op == "=":
        return _equal(expr.field, expr.value, index)
    if expr.op == "!=":
        return ~_equal(expr.field, expr.value, index)
    column = index.attributes.numbers[expr.field][:n]
    value = float(expr.value)
    with np.errstate(invalid="ignore"):  # NaN (absent) compares False, as wanted
        if expr.op == ">":
            return column > value
        if expr.op == ">=":
            return column >= value
        if expr.op == "<":
            return column < value
        return column <= value


def _equal(fld: str, value: str | float | bool, index: LexicalIndex) -> np.ndarray:
    n = index.capacity
    attrs = index.attributes
    if fld == "type":
        code = TYPE_CODES.get(str(value))
        return index.kinds[:n] == code if code is not None else np.zeros(n, bool)
    if isinstance(value, bool):
        return attrs.explicit[:n] == int(value)
    if isinstance(value, float):
        return attrs.numbers[fld][:n] == value
    return _has(n, attrs.docs(fld, value))


def _has(n: int, *numbers: np.ndarray) -> np.ndarray:
    out = np.zeros(n, bool)
    for docs in numbers:
        out[docs[docs < n]] = True
    return out


class _ByDocument:
    """One keyword field inverted back: per document number, the ids of its values
    (compressed rows: `offsets[n]:offsets[n + 1]` index `values`)."""

    def __init__(self, index: LexicalIndex, field: str) -> None:
        postings = index.attributes.keywords[field]
        self.names = list(postings)
        parts = [np.frombuffer(docs, np.int32) for docs in postings.values()]
        docs = np.concatenate(parts) if parts else np.empty(0, np.int32)
        ids = np.repeat(np.arange(len(parts), dtype=np.int32), [len(p) for p in parts])
        order = np.argsort(docs, kind="stable")
        self.values = ids[order]
        self.offsets = np.searchsorted(docs[order], np.arange(index.capacity + 1))

    def counts(self, cand: np.ndarray) -> dict[str, int]:
        starts = self.offsets[cand]
        lengths = self.offsets[cand + 1] - starts
        total = int(lengths.sum())
        if not total:
            return {}
        ends = np.cumsum(lengths)
        rows = np.arange(total) - np.repeat(ends - lengths, lengths) + np.repeat(starts, lengths)
        counted = np.bincount(self.values[rows], minlength=len(self.names))
        return {self.names[i]: int(counted[i]) for i in np.flatnonzero(counted)}


@dataclass(slots=True)
class Narrowed:
    candidates: np.ndarray                 # document numbers, in scope, collapsed
    scores: np.ndarray
    total: int                             # matches in scope, versions included
    facets: Facets = field(default_factory=dict)
    keys: dict[int, Key] = field(default_factory=dict)          # sort value by number
    versions: dict[int, list[int]] = field(default_factory=dict)  # a kept number's others


def narrow(index: LexicalIndex, masks: ScopeMasks, cand: np.ndarray, scores: np.ndarray,
           scope: Scope, limit: int) -> Narrowed:
    """The `limit` best candidates in scope (`cand` are unique live numbers, `scores`
    their pre-scores) collapsed by `distinct` (when sorting: the `limit` first by the
    sort key, then pre-score, then number, and the `limit` best by pre-score); every
    match in scope (versions included) counted and faceted."""
    mask = masks.mask(scope)
    if mask is not None:
        keep = mask[cand]
        cand, scores = cand[keep], scores[keep]
    matched = cand                      # every match in scope, versions included
    out = Narrowed(cand, scores, len(matched))
    if scope.facets:
        out.facets = facets(index, matched, scope.facets, masks)
    if scope.distinct and len(cand):
        cand, scores = _collapse(index, cand, scores,
                                 None if scope.sort is not None else limit)
    if scope.sort is not None:
        # The first by the sort key, and beside them the most relevant (by pre-score):
        # the page is the first by key whatever else is there, and the top result the
        # most relevant, from one gathering.
        column = _sort_column(index, scope.sort.field)[cand]
        top = np.lexsort((cand, -scores, _ascending(column, scope.sort.descending)))[:limit]
        # As many as an unsorted search ranks: its top result is among them (with ten
        # only, 3 of the relevance collection's 480 queries got another one).
        if len(cand) > limit:
            relevant = np.argpartition(-scores, limit - 1)[:limit]
            top = np.concatenate((top, relevant[~np.isin(relevant, top)]))
        out.keys = {int(n): _key(v) for n, v in zip(cand[top].tolist(), column[top].tolist(),
                                                    strict=True)
                    if v == v}  # NaN: no value, sorted last
    elif len(cand) > limit:
        top = np.argpartition(-scores, limit - 1)[:limit]
    else:
        top = np.arange(len(cand))
    out.candidates, out.scores = cand[top], scores[top]
    if scope.distinct and len(matched) > len(cand):
        out.versions = _versions(index, out.candidates, matched)
    return out


def _collapse(index: LexicalIndex, cand: np.ndarray, scores: np.ndarray,
              limit: int | None) -> tuple[np.ndarray, np.ndarray]:
    """The best candidate (by pre-score, then number) of each group of versions; with
    a `limit`, only the `limit` best of those are needed, and they are found among the
    4x `limit` best candidates whenever those hold `limit` groups (the best version of
    a group is never below another of its versions), so a large match set is not
    sorted whole."""
    if limit is not None and len(cand) > 4 * limit:
        top = np.argpartition(-scores, 4 * limit - 1)[:4 * limit]
        few, few_scores = _collapse(index, cand[top], scores[top], None)
        if len(few) >= limit:
            return few, few_scores
    groups = index.attributes.group[cand]
    grouped = groups != 0
    if not grouped.any():
        return cand, scores
    order = np.lexsort((cand, -scores))
    in_group = grouped[order]
    _, first = np.unique(groups[order][in_group], return_index=True)
    keep = ~grouped
    keep[order[in_group][first]] = True
    return cand[keep], scores[keep]


def _versions(index: LexicalIndex, kept: np.ndarray, matched: np.ndarray
              ) -> dict[int, list[int]]:
    """For each kept candidate with versions among `matched`, the other numbers."""
    group = index.attributes.group
    wanted = group[kept]
    wanted = wanted[wanted != 0]
    near = matched[np.isin(group[matched], wanted)]
    by_group: dict[int, list[int]] = {}
    for n, g in zip(near.tolist(), group[near].tolist(), strict=True):
        by_group.setdefault(g, []).append(n)
    out = {}
    for n, g in zip(kept.tolist(), group[kept].tolist(), strict=True):
        members = by_group.get(g, []) if g else []
        if len(members) > 1:
            out[n] = sorted(m for m in members if m != n)
    return out


def facets(index: LexicalIndex, cand: np.ndarray, names: tuple[str, ...],
           masks: ScopeMasks) -> Facets:
    """Counts of each facet's values over the candidates (every match, not a page)."""
    attrs = index.attributes
    out: Facets = {}
    for name in names:
        if name == "type":
            counts = np.bincount(index.kinds[cand].astype(np.int64), minlength=len(TYPE_CODES))
            out[name] = top_values({_TYPE_NAMES[c]: int(k) for c, k in enumerate(counts) if k})
        elif name == "explicit":
            counted = np.bincount(attrs.explicit[cand].astype(np.int64) + 1, minlength=3)
            out[name] = top_values({label: int(counted[v + 1])
                                    for label, v in (("true", 1), ("false", 0))
                                    if counted[v + 1]})
        elif name == "year":
            years = attrs.numbers["year"][cand]
            years = years[~np.isnan(years)].astype(np.int64)   # validated: 1000..2100
            counted = np.bincount(years - 1000, minlength=1) if len(years) else years
            by_year = {str(y + 1000): int(counted[y]) for y in np.flatnonzero(counted)}
            out[name] = top_values(by_year)
            out["decade"] = decades(by_year)
        elif FILTERABLE.get(name) is Kind.KEYWORD or name in attrs.keywords:
            out[name] = top_values(masks.by_document(name).counts(cand))
    return out


def _sort_column(index: LexicalIndex, name: str) -> np.ndarray:
    n = index.capacity
    if name == "name":
        return index.attributes.name_key[:n].astype(np.int64)
    return index.attributes.numbers[name][:n]


def _ascending(column: np.ndarray, descending: bool) -> np.ndarray:
    """A key that sorts ascending in the wanted order, missing values (NaN) last."""
    if column.dtype.kind == "f":
        key = -column if descending else column.copy()
        key[np.isnan(key)] = np.inf
        return key
    return -column if descending else column


def _key(value: float | int) -> Key:
    return int(value) if isinstance(value, int) else float(value)
