"""The relevance bar, on the shipped collection, beside tantivy in the same run.

success@1 (the document they meant first, grade 2) ≥ 0.95 overall and ≥ 0.90 in
every category, and above tantivy (fuzzy distance 1 + prefix on the last word) in
every category. Personalized queries are asked with their user context (tantivy
has none); without it the same queries are a coin toss.
"""

from __future__ import annotations

import pytest

from segue.evaluation import run_queries, score

from ..peers.tantivy_peer import TantivyPeer
from .corpus import CATEGORIES, load_corpus
from .evaluate import METRICS, SUCCESS, build_engine, judged, segue_search, tantivy_search


@pytest.fixture(scope="module")
def engine(tmp_path_factory):
    engine = build_engine(tmp_path_factory.mktemp("relevance"), load_corpus())
    yield engine
    engine.close()


@pytest.fixture(scope="module")
def results(engine):
    queries = judged()
    segue = score(queries, run_queries(segue_search(engine), queries, progress=False), METRICS)
    peer = TantivyPeer(load_corpus())
    tantivy = score(queries, run_queries(tantivy_search(peer), queries, progress=False),
                    METRICS)
    return segue, tantivy


def test_overall_success_at_1(results):
    segue, _ = results
    assert segue["all"][SUCCESS] >= 0.95


@pytest.mark.parametrize("category", CATEGORIES)
def test_every_category(results, category):
    segue, tantivy = results
    assert segue[category][SUCCESS] >= 0.90
    assert segue[category][SUCCESS] > tantivy[category][SUCCESS]
    assert segue[category]["ndcg@10"] > tantivy[category]["ndcg@10"]


def test_the_shipped_alternatives_rank_differently(engine):
    """`popular` still answers most queries; `no-affinity` (personalization off) loses
    the personalized ones it has no other way to tell apart, and nothing else."""
    queries = judged()
    default = run_queries(segue_search(engine), queries, progress=False)
    popular = run_queries(segue_search(engine, "popular"), queries, progress=False)
    assert popular != default
    assert score(queries, popular, METRICS)["all"][SUCCESS] >= 0.8
    control = score(queries, run_queries(segue_search(engine, "no-affinity"), queries,
                                         progress=False), METRICS)
    mine = score(queries, default, METRICS)
    assert control["personalized"][SUCCESS] <= 0.7 < mine["personalized"][SUCCESS]
    for category in set(CATEGORIES) - {"personalized"}:
        assert control[category] == mine[category], category
