"""Engine parity on the chart collection (50,000 documents): its held-out half on the
embedded engine and on OpenSearch, in one run. Both rank with the same `ranking/`
code and the cluster only supplies candidates, so every category's success@1, MRR@10
and NDCG@10, the artist top rate and the no-answer top rate agree within 0.02.

Only the held-out half is asked (about 490 queries) to keep the run near a minute and
a half, most of it the bulk load."""

from __future__ import annotations

from collections.abc import Iterator

import pytest

from segue.cluster import ClusterEngine

from ..relevance.build_chart import CATEGORIES
from ..relevance.chart import load_corpus, load_queries
from ..relevance.evaluate import build_engine
from ..relevance.evaluate_chart import SHOWN, ask, measure, segue_search
from .conftest import cluster_engine_for, drop

TOLERANCE = 0.02
HALF = "held_out"
Results = dict[str, dict[str, dict[str, float]]]


@pytest.fixture(scope="module")
def chart_cluster(opensearch_url: str) -> Iterator[ClusterEngine]:
    engine = cluster_engine_for(opensearch_url, load_corpus())
    yield engine
    drop(engine)


@pytest.fixture(scope="module")
def both(tmp_path_factory: pytest.TempPathFactory, chart_cluster: ClusterEngine) -> Results:
    rows = [r for r in load_queries() if r["half"] == HALF]
    embedded = build_engine(tmp_path_factory.mktemp("chart-parity"), load_corpus())
    try:
        results = {"embedded": measure(ask("embedded", segue_search(embedded), rows), rows)}
    finally:
        embedded.close()
    results["opensearch"] = measure(
        ask("opensearch", segue_search(chart_cluster), rows), rows)  # type: ignore[arg-type]
    return results


@pytest.mark.parametrize("category", [*CATEGORIES, "all"])
def test_opensearch_ranks_the_chart_like_the_embedded_engine(both: Results,
                                                             category: str) -> None:
    mine, theirs = both["embedded"][f"{category}/{HALF}"], both["opensearch"][f"{category}/{HALF}"]
    for metric in [*SHOWN, "top", "top_rate"]:
        if metric in mine:
            assert abs(theirs[metric] - mine[metric]) <= TOLERANCE, \
                f"{category} {metric}: opensearch {theirs[metric]:.3f} vs {mine[metric]:.3f}"
