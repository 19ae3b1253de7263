"""`segue eval --engine opensearch`: the same judgments, the same ranking, the cluster's
candidates; the runs match the embedded engine's query by query."""

from __future__ import annotations

from opensearchpy import OpenSearch

from segue.evaluation import load_trec_run

from ..eval.conftest import small_collection  # noqa: F401 - a fixture
from ..eval.run_cli import segue_eval


def test_eval_on_the_cluster_ranks_as_the_embedded_engine(
    small_collection, opensearch_url, opensearch: OpenSearch, tmp_path,  # noqa: F811
) -> None:
    before = set(opensearch.indices.get_alias(index="segue-eval-*", ignore_unavailable=True))
    runs = {}
    for engine in ("embedded", "opensearch"):
        out = tmp_path / engine
        proc = segue_eval("--judgments", small_collection["judgments"], "--engine", engine,
                          "--opensearch-url", opensearch_url,
                          "--catalog", small_collection["catalog"], "--out", out)
        assert proc.returncode == 0, proc.stderr[-3000:]
        assert f"Engine: {engine}." in (out / "report.md").read_text()
        _, runs[engine] = load_trec_run(out / "default.run")
    assert runs["opensearch"].keys() == runs["embedded"].keys()
    for qid, ranked in runs["embedded"].items():
        assert sorted(runs["opensearch"][qid], key=runs["opensearch"][qid].get,
                      reverse=True) == sorted(ranked, key=ranked.get, reverse=True), qid
    # The throwaway evaluation index is gone afterwards.
    after = set(opensearch.indices.get_alias(index="segue-eval-*", ignore_unavailable=True))
    assert after == before
