"""The relevance bar, on the shipped collection, beside tantivy in the same run.

success@1 ≥ 0.95 overall and ≥ 0.90 in every category, and above tantivy (fuzzy
distance 1 + prefix on the last word) in every category.
"""

from __future__ import annotations

import pytest

from segue.ranking import run_queries, score

from ..peers.tantivy_peer import TantivyPeer
from .corpus import CATEGORIES, load_corpus
from .evaluate import METRICS, build_engine, judged, segue_search


@pytest.fixture(scope="module")
def results(tmp_path_factory):
    docs, queries = load_corpus(), judged()
    engine = build_engine(tmp_path_factory.mktemp("relevance"), docs)
    segue = score(queries, run_queries(segue_search(engine), queries, progress=False), METRICS)
    engine.close()
    peer = TantivyPeer(docs)
    tantivy = score(queries, run_queries(peer.search, queries, progress=False), METRICS)
    return segue, tantivy


def test_overall_success_at_1(results):
    segue, _ = results
    assert segue["all"]["hit_rate@1"] >= 0.95


@pytest.mark.parametrize("category", CATEGORIES)
def test_every_category(results, category):
    segue, tantivy = results
    assert segue[category]["hit_rate@1"] >= 0.90
    assert segue[category]["hit_rate@1"] > tantivy[category]["hit_rate@1"]
    assert segue[category]["mrr@10"] > tantivy[category]["mrr@10"]


def test_the_popular_variant_is_a_real_alternative(tmp_path):
    """The shipped alternative ranks differently; it must still answer most queries."""
    docs, queries = load_corpus(), judged()
    engine = build_engine(tmp_path, docs)
    run = run_queries(segue_search(engine, "popular"), queries, progress=False)
    default = run_queries(segue_search(engine), queries, progress=False)
    engine.close()
    assert run != default
    assert score(queries, run, METRICS)["all"]["hit_rate@1"] >= 0.8
