"""Which documents a search may answer with, and how its matches are counted, ordered
and collapsed: the filter, the market, the facets, the sort and `distinct`.

A `Scope` travels with the request to every engine's retriever, which applies it
while gathering candidates (the embedded engine with numpy masks, the cluster with
`bool.filter`), so a narrow filter never empties a page and a document outside the
listener's market is never returned, counted, suggested or the top result. The rules
that must not differ between engines live here once: `sorted_by` (the sort key, then
relevance, then the id: a total order, so offset pages never repeat or skip a hit),
`decades` and `top_values` for facets, and `collapse` for `distinct`.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Callable, Iterable, Mapping, Sequence
from dataclasses import dataclass
from typing import TypeVar

from segue.schema import FACET_VALUES, FACETABLE, SORTABLE

from .filters import Expr

Key = float | str   # a sort value: a number, or a folded name


@dataclass(frozen=True, slots=True)
class Sort:
    field: str          # one of SORTABLE
    descending: bool

    def __str__(self) -> str:
        return f"{self.field}:{'desc' if self.descending else 'asc'}"


class ScopeError(ValueError):
    pass


def parse_sort(raw: str) -> Sort | None:
    """`popularity:desc`, `year`, `name:asc`...; None for an empty value."""
    raw = raw.strip()
    if not raw:
        return None
    field, _, direction = raw.partition(":")
    field, direction = field.strip(), (direction.strip().lower() or "asc")
    if field not in SORTABLE:
        raise ScopeError(f"cannot sort by '{field[:40]}'; sortable: {', '.join(SORTABLE)} "
                         "(relevance is the default)")
    if direction not in ("asc", "desc"):
        raise ScopeError(f"'{direction[:40]}' is not a direction; use asc or desc")
    return Sort(field, direction == "desc")


def parse_facets(raw: str) -> tuple[str, ...]:
    names = tuple(dict.fromkeys(f.strip() for f in raw.split(",") if f.strip()))
    unknown = [f for f in names if f not in FACETABLE]
    if unknown:
        raise ScopeError(f"unknown facet {', '.join(repr(f[:40]) for f in unknown)}; "
                         f"available: {', '.join(FACETABLE)}")
    return names


@dataclass(frozen=True, slots=True)
class Scope:
    filter: Expr | None = None
    market: str | None = None         # ISO code, checked
    facets: tuple[str, ...] = ()
    sort: Sort | None = None
    distinct: bool = False            # collapse versions of one track

    @property
    def narrows(self) -> bool:
        """Whether some documents are out of scope."""
        return self.filter is not None or self.market is not None

    def bare(self) -> Scope:
        """The same documents, neither counted nor sorted (for the top result)."""
        return Scope(self.filter, self.market, (), None, self.distinct)


EVERYTHING = Scope()

Facets = dict[str, dict[str, int]]


def top_values(counts: Mapping[str, int], n: int = FACET_VALUES) -> dict[str, int]:
    """The `n` most frequent values, by count then value (so equal counts always list
    alike on both engines)."""
    return dict(sorted(counts.items(), key=lambda kv: (-kv[1], kv[0]))[:n])


def decades(years: Mapping[str, int]) -> dict[str, int]:
    """Year counts ("1994": 3) as decade counts ("1990s": ...), newest first."""
    out: Counter[str] = Counter()
    for year, count in years.items():
        out[f"{int(float(year)) // 10 * 10}s"] += count
    return dict(sorted(out.items(), reverse=True))


def admitted_nearest(search: Callable[[int], list[tuple[str, float]]], k: int,
                     admit: Callable[[list[str]], list[str]]) -> list[tuple[str, float]]:
    """The `k` nearest neighbours that `admit` keeps. `search(n)` gives the `n` nearest
    (best first); it is asked for 4x more until `k` are admitted or it returns fewer than
    asked (it ran out of documents): so no admitted neighbour nearer than the last one
    kept is ever missed, however narrow the scope, and a wide scope costs one search."""
    want = 4 * k
    while True:
        found = search(want)
        admitted = set(admit([d for d, _ in found]))
        kept = [(d, s) for d, s in found if d in admitted]
        if len(kept) >= k or len(found) < want:
            return kept[:k]
        want *= 4


T = TypeVar("T")


def sorted_by(items: Sequence[T], sort: Sort, key: Callable[[T], Key | None],
              score: Callable[[T], float], ident: Callable[[T], str]) -> list[T]:
    """`items` by their sort key (missing values last either way), then by relevance
    (`score`, best first), then by id."""
    present = [i for i in items if key(i) is not None]
    missing = [i for i in items if key(i) is None]
    present.sort(key=lambda i: (-score(i), ident(i)))
    present.sort(key=lambda i: key(i), reverse=sort.descending)  # type: ignore[arg-type,return-value]
    missing.sort(key=lambda i: (-score(i), ident(i)))
    return present + missing


def collapse(ids: Iterable[str], group: Callable[[str], str | None]
             ) -> tuple[list[str], dict[str, list[str]]]:
    """`ids` (best first) with each group's later members dropped, and per kept id the
    ids it stands for: `distinct`'s rule, for engines that collapse a ranked list."""
    kept: list[str] = []
    first: dict[str, str] = {}
    others: dict[str, list[str]] = {}
    for doc_id in ids:
        key = group(doc_id)
        if key is None:
            kept.append(doc_id)
        elif key in first:
            others.setdefault(first[key], []).append(doc_id)
        else:
            first[key] = doc_id
            kept.append(doc_id)
    return kept, others
