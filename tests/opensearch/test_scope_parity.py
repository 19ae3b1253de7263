"""Filters, market, facets, sort and distinct on both engines: the same requests over
the same catalog, on the embedded engine and on the real OpenSearch cluster, answer
the same ids in the same order, the same totals and the same facet counts."""

from __future__ import annotations

import uuid
from collections.abc import Iterator
from pathlib import Path

import pytest

from segue.catalog.synthetic import generate
from segue.cluster import ClusterEngine
from segue.config import Settings
from segue.engine import EmbeddedEngine, open_engine
from segue.query import Scope, SearchRequest, parse_filter, parse_sort
from segue.schema import FACETABLE

from ..api.test_scope import CATALOG
from .conftest import cluster_engine_for, drop

DOCS = CATALOG + list(generate(800, 5, audio_dim=4, id_prefix="y"))


@pytest.fixture(scope="module")
def engines(opensearch_url: str, tmp_path_factory: pytest.TempPathFactory
            ) -> Iterator[tuple[EmbeddedEngine, ClusterEngine]]:
    embedded = open_engine(Settings(data_dir=Path(tmp_path_factory.mktemp("scope"))))
    embedded.load()
    assert all(r.ok for r in embedded.index_documents(DOCS))
    cluster = cluster_engine_for(opensearch_url, DOCS)
    yield embedded, cluster
    drop(cluster)
    embedded.close()


CASES = [
    ("dancing", Scope(market="US", facets=FACETABLE)),
    ("dancing", Scope(filter=parse_filter("explicit = false"), market="SE", facets=FACETABLE)),
    ("love", Scope(filter=parse_filter("year >= 2000 AND explicit = false"),
                   facets=("genres", "year"))),
    ("the", Scope(filter=parse_filter("genres IN [pop, rock] OR language = es"), market="SE",
                  facets=("type", "language"))),
    ("night", Scope(sort=parse_sort("popularity:desc"))),
    ("de", Scope(sort=parse_sort("year:asc"), filter=parse_filter("NOT type = track"))),
    ("live", Scope(sort=parse_sort("duration_ms:desc"), market="BR", distinct=True)),
    ("city", Scope(filter=parse_filter("duration_ms < 200000"), distinct=True,
                   facets=("explicit",))),
    ("love", Scope(filter=parse_filter('popularity > 10 AND NOT genres = "pop"'),
                   sort=parse_sort("name:asc"), facets=("genres",))),
]


@pytest.mark.parametrize(("q", "scope"), CASES, ids=[f"{q}-{i}" for i, (q, _) in
                                                      enumerate(CASES)])
def test_both_engines_answer_alike(engines, q: str, scope: Scope) -> None:
    embedded, cluster = engines
    a = embedded.search(SearchRequest(q=q, limit=100, mode="lexical", scope=scope))
    b = cluster.search(SearchRequest(q=q, limit=100, mode="lexical", scope=scope))
    assert a.hits, "a case that finds nothing compares nothing"
    assert [h["id"] for h in b.hits] == [h["id"] for h in a.hits]
    assert b.total == a.total
    assert b.facets == a.facets
    assert (b.top or {}).get("id") == (a.top or {}).get("id")
    assert [h.get("version_ids") for h in b.hits] == [h.get("version_ids") for h in a.hits]


def test_versions_collapse_alike(engines) -> None:
    for engine in engines:
        hit = engine.search(SearchRequest(q="dancing queen", mode="lexical",
                                          scope=Scope(market="SE", distinct=True))).hits[0]
        assert hit["id"] == "tr-dancing-queen-se", engine
        assert hit["versions"] == 3 and sorted(hit["version_ids"]) == [
            "tr-dancing-queen-gold", "tr-dancing-queen-live"]


def test_the_market_holds_for_suggest_and_similar_on_the_cluster(engines) -> None:
    _, cluster = engines
    se = [s["id"] for s in cluster.suggest("dancing q", 8, "SE")]
    us = [s["id"] for s in cluster.suggest("dancing q", 8, "US")]
    assert "tr-dancing-queen-se" in se and "tr-dancing-queen-se" not in us
    near = cluster.similar("tr-dancing-on-my-own", 3, None, "US")
    assert near is not None
    assert [h["id"] for h in near["hits"]][:2] == ["tr-dancing-in-the-dark",
                                                   "tr-dancing-with-the-devil"]
    assert all("US" in h["markets"] or "markets" not in h for h in near["hits"])


@pytest.mark.parametrize("text", [
    "year = 1e20", "year < 1e20", "year >= -1e30", "duration_ms <= 1e300",
    "duration_ms = 1e19", "popularity = 1e300", "popularity > -1e300", "year = 1976.5",
    "year IN [1976, 1e20, 1984.5]", "popularity >= 88", 'artists != "ABBA"',
])
def test_values_beyond_what_a_field_holds_answer_alike(engines, text: str) -> None:
    """A bound no document can reach is a filter like any other, never a cluster error."""
    embedded, cluster = engines
    scope = Scope(filter=parse_filter(text))
    a = embedded.search(SearchRequest(q="dancing", limit=100, mode="lexical", scope=scope))
    b = cluster.search(SearchRequest(q="dancing", limit=100, mode="lexical", scope=scope))
    assert (b.total, [h["id"] for h in b.hits]) == (a.total, [h["id"] for h in a.hits])


def test_a_configured_field_filters_alike(opensearch_url: str, tmp_path: Path) -> None:
    """SEGUE_FILTERABLE=label: a catalog's own key is an exact keyword on both engines."""
    docs = [{"id": "a", "type": "album", "name": "Bleach", "artists": ["Nirvana"],
             "label": "Sub Pop"},
            {"id": "b", "type": "album", "name": "Nevermind", "artists": ["Nirvana"],
             "label": "DGC"},
            {"id": "c", "type": "album", "name": "In Utero", "artists": ["Nirvana"]}]
    embedded = open_engine(Settings(data_dir=tmp_path, filterable=("label",)))
    embedded.load()
    assert all(r.ok for r in embedded.index_documents(docs))
    alias = f"segue-test-{uuid.uuid4().hex[:8]}"
    cluster = ClusterEngine(Settings(engine="opensearch", opensearch_url=opensearch_url,
                                     filterable=("label",)), alias=alias, replicas=0)
    cluster.load()
    try:
        assert all(r.ok for r in cluster.index_documents(docs))
        cluster.client.indices.refresh(index=alias)
        for text, want in (('label = "sub pop"', ["a"]), ("label != DGC", ["a", "c"]),
                           ("label IN [dgc, 'Sub Pop']", ["a", "b"])):
            scope = Scope(filter=parse_filter(text, ["label"]))
            for engine in (embedded, cluster):
                found = engine.search(SearchRequest(q="nirvana", mode="lexical",
                                                    scope=scope))
                assert sorted(h["id"] for h in found.hits) == want, (engine.name, text)
    finally:
        drop(cluster)
        embedded.close()
