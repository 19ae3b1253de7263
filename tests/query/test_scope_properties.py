"""Random filters against a brute force: what a filtered search returns, counts and
facets equals the same filter evaluated by hand over the documents the unfiltered
query matched."""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from segue.catalog.synthetic import generate
from segue.config import Settings
from segue.engine import EmbeddedEngine, open_engine
from segue.query import Scope, SearchRequest, parse_filter
from segue.query.filters import And, Compare, Expr, In, Not, Or
from segue.schema import FACETABLE, fold_value

DOCS = list(generate(500, 11, audio_dim=4, id_prefix="p"))
BY_ID = {d["id"]: d for d in DOCS}
QUERIES = ["the", "love", "live", "de", "pop", "a", "rock", "me"]
GENRES = sorted({g for d in DOCS for g in d.get("genres") or ()})
LANGUAGES = sorted({d["language"] for d in DOCS if d.get("language")})
# Bounds drawn from the catalog's own values, so `>` and `>=` differ where it shows.
YEARS = sorted({d["year"] for d in DOCS if d.get("year")})
POPULARITY = sorted({d["popularity"] for d in DOCS})
DURATIONS = sorted({d["duration_ms"] for d in DOCS if d.get("duration_ms")})
EVERY = 10_000


@pytest.fixture(scope="module")
def engine(tmp_path_factory: pytest.TempPathFactory) -> Iterator[EmbeddedEngine]:
    engine = open_engine(Settings(data_dir=Path(tmp_path_factory.mktemp("props"))))
    engine.load()
    assert all(r.ok for r in engine.index_documents(DOCS))
    yield engine
    engine.close()


def _quoted(value: str) -> str:
    return '"' + value.replace("\\", "\\\\").replace('"', '\\"') + '"'


atoms = st.one_of(
    st.sampled_from(GENRES).map(lambda g: f"genres = {_quoted(g)}"),
    st.sampled_from(GENRES).map(lambda g: f"genres != {_quoted(g)}"),
    st.tuples(st.sampled_from([">", ">=", "<", "<=", "=", "!="]),
              st.sampled_from(YEARS)).map(lambda t: f"year {t[0]} {t[1]}"),
    st.booleans().map(lambda b: f"explicit = {str(b).lower()}"),
    st.lists(st.sampled_from(LANGUAGES), min_size=1, max_size=3).map(
        lambda ls: f"language IN [{', '.join(ls)}]"),
    st.tuples(st.sampled_from([">", "<="]), st.sampled_from(POPULARITY)).map(
        lambda t: f"popularity {t[0]} {t[1]}"),
    st.sampled_from(["track", "album", "artist", "playlist", "episode"]).map(
        lambda t: f"type = {t}"),
    st.sampled_from(DURATIONS).map(lambda n: f"duration_ms <= {n}"),
)
filters = st.recursive(
    atoms,
    lambda inner: st.one_of(
        st.tuples(inner, inner).map(lambda t: f"({t[0]}) AND ({t[1]})"),
        st.tuples(inner, inner).map(lambda t: f"{t[0]} OR {t[1]}"),
        inner.map(lambda f: f"NOT ({f})"),
    ),
    max_leaves=5,
)


def holds(expr: Expr, doc: dict[str, Any]) -> bool:
    """The filter evaluated on one document, by hand."""
    if isinstance(expr, And):
        return all(holds(p, doc) for p in expr.parts)
    if isinstance(expr, Or):
        return any(holds(p, doc) for p in expr.parts)
    if isinstance(expr, Not):
        return not holds(expr.expr, doc)
    if isinstance(expr, In):
        return any(holds(Compare(expr.field, "=", v, 0), doc) for v in expr.values)
    assert isinstance(expr, Compare)
    if expr.op == "!=":
        return not holds(Compare(expr.field, "=", expr.value, 0), doc)
    value = doc.get(expr.field)
    if isinstance(expr.value, bool):
        return value is expr.value
    if isinstance(expr.value, str):
        values = value if isinstance(value, list) else [value]
        return expr.value in {fold_value(v) for v in values if isinstance(v, str)}
    if not isinstance(value, int | float) or isinstance(value, bool):
        return False
    return {"=": value == expr.value, ">": value > expr.value, ">=": value >= expr.value,
            "<": value < expr.value, "<=": value <= expr.value}[expr.op]


def facet_counts(docs: list[dict[str, Any]]) -> dict[str, dict[str, int]]:
    """The facets of these documents, by hand: top 20 per field by count, then value."""
    def top(counter: Counter[str]) -> dict[str, int]:
        return dict(sorted(counter.items(), key=lambda kv: (-kv[1], kv[0]))[:20])

    out = {
        "genres": top(Counter(fold_value(g) for d in docs for g in set(d.get("genres") or ()))),
        "type": top(Counter(d["type"] for d in docs)),
        "year": top(Counter(str(d["year"]) for d in docs if d.get("year") is not None)),
        "explicit": top(Counter(str(d["explicit"]).lower() for d in docs
                                if isinstance(d.get("explicit"), bool))),
        "language": top(Counter(fold_value(d["language"]) for d in docs if d.get("language"))),
    }
    decades = Counter(f"{d['year'] // 10 * 10}s" for d in docs if d.get("year") is not None)
    out["decade"] = dict(sorted(decades.items(), reverse=True))
    return out


@settings(max_examples=60, deadline=None,
          suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(q=st.sampled_from(QUERIES), text=filters)
def test_filtered_results_counts_and_facets_equal_a_brute_force(engine, q, text):
    expr = parse_filter(text)
    assert expr is not None
    unfiltered = engine.search(SearchRequest(q=q, limit=EVERY, mode="lexical"))
    matched = [BY_ID[h["id"]] for h in unfiltered.hits]
    assert len(matched) == unfiltered.total
    expected = [d for d in matched if holds(expr, d)]
    answer = engine.search(SearchRequest(
        q=q, limit=EVERY, mode="lexical", scope=Scope(filter=expr, facets=FACETABLE)))
    assert answer.total == len(expected)
    assert {h["id"] for h in answer.hits} == {d["id"] for d in expected}
    assert answer.facets == facet_counts(expected)


@settings(max_examples=25, deadline=None,
          suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(q=st.sampled_from(QUERIES), market=st.sampled_from(["SE", "US", "JP", "BR", "DE"]))
def test_a_market_keeps_exactly_the_documents_available_there(engine, q, market):
    unfiltered = engine.search(SearchRequest(q=q, limit=EVERY, mode="lexical"))
    expected = {h["id"] for h in unfiltered.hits
                if BY_ID[h["id"]].get("markets") is None
                or market in BY_ID[h["id"]]["markets"]}
    answer = engine.search(SearchRequest(q=q, limit=EVERY, mode="lexical",
                                         scope=Scope(market=market)))
    assert {h["id"] for h in answer.hits} == expected
    assert answer.total == len(expected)
    if answer.top is not None:
        assert answer.top["id"] in expected


def _cosine(a: list[float], b: list[float]) -> float:
    dot = sum(x * y for x, y in zip(a, b, strict=True))
    norm = (sum(x * x for x in a) * sum(y * y for y in b)) ** 0.5
    return dot / norm


@settings(max_examples=25, deadline=None,
          suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(source=st.sampled_from([d["id"] for d in DOCS if d.get("audio_embedding")]),
       market=st.sampled_from(["SE", "US", "JP", "NG", "KR", "PT"]),
       k=st.integers(1, 8))
def test_similar_in_a_market_equals_the_exact_nearest_available_there(engine, source, market,
                                                                       k):
    """However narrow the market, the neighbours are found during the vector search
    (no page filtered afterwards comes back short): the exact top k among the
    documents available there."""
    vector = BY_ID[source]["audio_embedding"]
    available = [d for d in DOCS if d["id"] != source and d.get("audio_embedding")
                 and (d.get("markets") is None or market in d["markets"])]
    expected = sorted(available, key=lambda d: -_cosine(vector, d["audio_embedding"]))[:k]
    found = engine.similar(source, k, None, market)
    assert found is not None and found["source"] == "audio"
    assert [h["id"] for h in found["hits"]] == [d["id"] for d in expected]
