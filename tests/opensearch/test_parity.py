"""Engine parity: the relevance collection on the embedded engine and on OpenSearch, in
one run. Both rank with the same `ranking/` code; the cluster only supplies candidates,
so their quality must agree (success@1, MRR@10 and NDCG@10 within 0.02, overall and
in every category)."""

from __future__ import annotations

import pytest

from segue.cluster import ClusterEngine
from segue.evaluation import run_queries, score

from ..relevance.corpus import load_corpus
from ..relevance.evaluate import METRICS, build_engine, judged, segue_search, table

TOLERANCE = 0.02


@pytest.fixture(scope="module")
def both(tmp_path_factory: pytest.TempPathFactory, relevance_engine: ClusterEngine
         ) -> dict[str, dict[str, dict[str, float]]]:
    queries = judged()
    embedded = build_engine(tmp_path_factory.mktemp("parity"), load_corpus())
    try:
        results = {"embedded": score(queries, run_queries(segue_search(embedded), queries,
                                                          progress=False), METRICS)}
    finally:
        embedded.close()
    results["opensearch"] = score(
        queries, run_queries(segue_search(relevance_engine), queries, progress=False),
        METRICS)  # type: ignore[arg-type]
    print("\n" + table(results))
    return results


@pytest.mark.parametrize("metric", METRICS)
def test_opensearch_matches_the_embedded_engine(
    both: dict[str, dict[str, dict[str, float]]], metric: str,
) -> None:
    for category, scores in both["embedded"].items():
        embedded, cluster = scores[metric], both["opensearch"][category][metric]
        assert abs(cluster - embedded) <= TOLERANCE, \
            f"{category} {metric}: {cluster:.3f} vs {embedded:.3f}"


def test_opensearch_clears_the_relevance_bar(
    both: dict[str, dict[str, dict[str, float]]],
) -> None:
    assert both["opensearch"]["all"]["hit_rate@1-l2"] >= 0.95  # success@1
