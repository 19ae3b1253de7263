"""A `Scope` on the cluster engine: structured DSL built from the parsed filter tree.

The filter reaches OpenSearch only as `bool` / `term` / `terms` / `range` clauses
built from typed values (`filter_clauses`), never as query-string syntax, in the
`bool.filter` context (no scoring, cached by the cluster). Keyword fields are read
from the folded values Segue writes beside each document (`FILTERS_FIELD`), so they
compare exactly as on the embedded engine; numbers and `explicit` from the document's
own mapped fields. Facets are terms aggregations, trimmed by Segue's `top_values`
(the same tie rule as the embedded engine); sorting is the cluster's `sort` on the
same fields, with missing values last.

    filter_clauses(Scope(parse_filter('genres = rock AND year >= 1990'), "SE"))
    # [{"bool": {"filter": [{"term": {"filters.genres": "rock"}},
    #                       {"range": {"year": {"gte": 1990.0}}}]}},
    #  {"terms": {"filters.markets": ["SE", "*"]}}]
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from segue.schema import EVERYWHERE, FILTERS_FIELD, MARKETS, NUMBERS

from .filters import And, Compare, Expr, In, Not, Or
from .scope import Facets, Scope, Sort, decades, top_values

_RANGES = {">": "gt", ">=": "gte", "<": "lt", "<=": "lte"}
# Terms asked per facet: more than Segue keeps, so its own tie rule picks the 20.
_AGG_SIZE = 1_000


def field_path(name: str) -> str:
    """Where a filterable field is in a cluster document."""
    if name in ("type", "explicit", *NUMBERS):
        return name
    return f"{FILTERS_FIELD}.{name}"


def filter_clauses(scope: Scope) -> list[dict[str, Any]]:
    """The `bool.filter` clauses of a scope's filter and market."""
    clauses = []
    if scope.filter is not None:
        clauses.append(clause(scope.filter))
    if scope.market is not None:
        clauses.append({"terms": {f"{FILTERS_FIELD}.{MARKETS}": [scope.market, EVERYWHERE]}})
    return clauses


def clause(expr: Expr) -> dict[str, Any]:
    """One filter tree as DSL."""
    if isinstance(expr, And):
        return {"bool": {"filter": [clause(p) for p in expr.parts]}}
    if isinstance(expr, Or):
        return {"bool": {"should": [clause(p) for p in expr.parts],
                         "minimum_should_match": 1}}
    if isinstance(expr, Not):
        return {"bool": {"must_not": [clause(expr.expr)]}}
    if isinstance(expr, In):
        values = [v for v in expr.values if _holdable(expr.field, v)]
        return {"terms": {field_path(expr.field): values}}
    assert isinstance(expr, Compare)
    path = field_path(expr.field)
    if expr.op in ("=", "!="):
        # An integer field holds no 1990.5: the cluster would refuse the term.
        equal: dict[str, Any] = {"term": {path: expr.value}} if _holdable(expr.field, expr.value) \
            else {"bool": {"must_not": [{"match_all": {}}]}}
        return equal if expr.op == "=" else {"bool": {"must_not": [equal]}}
    low, high = _BOUNDS.get(expr.field, (-_FLOAT_MAX, _FLOAT_MAX))
    return {"range": {path: {_RANGES[expr.op]: min(max(float(expr.value), low), high)}}}


def _holdable(name: str, value: object) -> bool:
    """Whether the field's mapped type can hold the value at all (the cluster refuses a
    term or range it cannot: 1990.5 or 1e20 for an integer)."""
    if isinstance(value, float):
        low, high = _BOUNDS.get(name, (-_FLOAT_MAX, _FLOAT_MAX))
        return low <= value <= high and (name not in _BOUNDS or value.is_integer())
    return True


# Values a range may name on each numeric mapping: a bound beyond them is clamped,
# which keeps its meaning (no document holds more than the type's largest value).
_FLOAT_MAX = 3.4e38
_BOUNDS = {"year": (-(2.0**31), 2.0**31 - 1), "duration_ms": (-(2.0**63), 2.0**63 - 1024)}


def aggregations(names: tuple[str, ...]) -> dict[str, Any]:
    return {name: {"terms": {"field": field_path(name), "size": _AGG_SIZE}}
            for name in names}


def facets_from(aggs: Mapping[str, Any], names: tuple[str, ...]) -> Facets:
    """The aggregations' buckets as facets, shaped as the embedded engine's."""
    out: Facets = {}
    for name in names:
        counts: dict[str, int] = {}
        for bucket in aggs.get(name, {}).get("buckets", ()):
            key = bucket.get("key_as_string", bucket["key"]) if name == "explicit" \
                else bucket["key"]
            if name == "year":
                key = str(int(key))
            counts[str(key)] = int(bucket["doc_count"])
        out[name] = top_values(counts)
        if name == "year":
            out["decade"] = decades(counts)
    return out


def sort_clause(sort: Sort) -> list[Any]:
    """The cluster's order for `sort=`: the field (missing last), then its score."""
    name = f"{FILTERS_FIELD}.name" if sort.field == "name" else sort.field
    return [{name: {"order": "desc" if sort.descending else "asc", "missing": "_last"}},
            "_score"]
