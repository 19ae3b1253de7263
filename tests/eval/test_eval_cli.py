"""`segue eval` end to end: the real CLI in a subprocess over a real embedded engine."""

from __future__ import annotations

import orjson
import pytest
from ranx import Run as RanxRun

from segue.evaluation import (
    Judged,
    compare_runs,
    load_judgments,
    load_trec_run,
    run_queries,
    save_trec_run,
)

from .run_cli import segue_eval, verdict


def test_a_known_worse_variant_is_a_significant_regression_and_fails_the_run(regression_run):
    proc, out = regression_run
    assert proc.returncode == 1, proc.stderr[-2000:]
    line = verdict(proc)
    assert line.startswith("verdict: REGRESSION against default"), line
    assert "worse mrr@10" in line and "worse ndcg@10" in line
    results = orjson.loads((out / "results.json").read_bytes())
    assert results["baseline"] == "default" and results["variants"] == ["default", "worse"]
    assert results["overall"]["default"]["mrr@10"] == pytest.approx(1.0)
    assert results["overall"]["worse"]["mrr@10"] < 0.75
    assert results["p_values"]["worse"]["mrr@10"] < 0.001
    assert results["win_tie_loss"]["worse"]["mrr@10"]["L"] >= 15
    for name in ("default.run", "worse.run", "report.md", "report.html", "per_query.tsv"):
        assert (out / name).stat().st_size > 0, name
    md = (out / "report.md").read_text()
    assert "Student's paired t-test" in md and "| worse | " in md and "▼" in md
    assert "## Per category" in md and "| two_words |" in md
    assert "| s01 | blue monday |" in md  # per-query table
    # The same paired test per category: both categories lose significantly.
    for category in ("two_words", "longer"):
        assert results["category_p_values"]["worse"][category]["mrr@10"] < 0.05, category
    assert "### Significant differences per category" in md
    assert "| worse | two_words | mrr@10 | 1.000 |" in md


def test_saved_runs_round_trip_and_serve_as_a_baseline(regression_run, small_collection,
                                                       worse_variants_dir, tmp_path):
    _, out = regression_run
    lines = (out / "default.run").read_text().splitlines()
    assert len(lines[0].split()) == 6 and lines[0].split()[1:4:2] == ["Q0", "1"]
    name, run = load_trec_run(out / "default.run")
    assert name == "default" and len(run) == 20
    assert RanxRun.from_file(str(out / "default.run"), kind="trec").to_dict() == run
    # The same run, read back as the baseline: identical, so nothing differs; exit 0.
    proc = segue_eval("--judgments", small_collection["judgments"],
                      "--catalog", small_collection["catalog"], "--variants", "default",
                      "--baseline", out / "default.run", "--out", tmp_path,
                      "--fail-on-regression")
    assert proc.returncode == 0, proc.stderr[-2000:]
    assert verdict(proc) == ("verdict: no significant difference from baseline:default "
                             "(Student's paired t-test, alpha 0.05)")
    again = orjson.loads((tmp_path / "results.json").read_bytes())
    first = orjson.loads((out / "results.json").read_bytes())
    assert again["overall"]["baseline:default"] == first["overall"]["default"]
    assert again["overall"]["default"] == first["overall"]["default"]
    assert (tmp_path / "default.run").read_text() == (out / "default.run").read_text()


def test_trec_qrels_with_a_tsv_of_queries_and_fisher_without_the_gate(
        regression_run, small_collection, worse_variants_dir, tmp_path):
    _, out = regression_run
    proc = segue_eval("--judgments", small_collection["qrels"], "--queries",
                      small_collection["topics"], "--catalog", small_collection["catalog"],
                      "--variants", "default,worse", "--test", "fisher", "--out", tmp_path,
                      variants_dir=worse_variants_dir)
    assert proc.returncode == 0, proc.stderr[-2000:]  # a regression, but not gated
    assert verdict(proc).startswith("verdict: REGRESSION against default (Fisher's")
    first = orjson.loads((out / "results.json").read_bytes())
    here = orjson.loads((tmp_path / "results.json").read_bytes())
    assert here["overall"] == first["overall"] and here["categories"] == first["categories"]
    assert here["p_values"]["worse"]["mrr@10"] < 0.05


def test_unknown_variant_is_a_usage_error(small_collection, tmp_path):
    proc = segue_eval("--judgments", small_collection["judgments"],
                      "--catalog", small_collection["catalog"], "--variants", "default,nope",
                      "--out", tmp_path)
    assert proc.returncode == 2 and "unknown variants ['nope']" in proc.stderr
    proc = segue_eval("--judgments", small_collection["judgments"],
                      "--catalog", small_collection["catalog"], "--metrics", "ndcg@10,ndgc@10",
                      "--out", tmp_path)
    assert proc.returncode == 2 and "unknown metrics ['ndgc@10']" in proc.stderr


def test_trec_run_files_round_trip_in_process(tmp_path):
    run = {"q1": {"tr-a": 3.0, "tr-b": 2.0, "tr-c": 1.0}, "q2": {"ar-x": 1.0}, "q3": {}}
    path = save_trec_run(run, tmp_path / "v.run", "v")
    assert path.read_text().splitlines()[0] == "q1 Q0 tr-a 1 3 v"
    name, back = load_trec_run(path)
    assert name == "v" and back == {"q1": run["q1"], "q2": run["q2"]}
    judged = [Judged("q1", "a", "c", {"tr-a": 2}), Judged("q2", "x", "c", {"ar-x": 1}),
              Judged("q3", "z", "d", {"tr-z": 1})]
    a = compare_runs(judged, {"orig": run, "back": back}, ["mrr@10", "ndcg@10"])
    assert a.overall["orig"] == a.overall["back"] == {"mrr@10": pytest.approx(2 / 3),
                                                      "ndcg@10": pytest.approx(2 / 3)}
    assert a.regressions() == []
    with pytest.raises(ValueError, match="spaces"):
        save_trec_run({"q1": {"a b": 1.0}}, tmp_path / "bad.run", "v")


def test_jsonl_and_trec_judgments_agree(small_collection):
    jsonl = load_judgments(small_collection["judgments"])
    trec = load_judgments(small_collection["qrels"], small_collection["topics"])
    assert sorted(jsonl, key=lambda j: j.qid) == sorted(trec, key=lambda j: j.qid)
    with pytest.raises(ValueError, match="--queries"):
        load_judgments(small_collection["qrels"])


@pytest.mark.filterwarnings("ignore:Precision loss:RuntimeWarning")  # two queries, equal gaps
def test_ndcg_counts_the_grades(small_collection):
    """2 = the one they meant, 1 = acceptable: the meant one first scores higher."""
    judged = [Judged("q1", "hero", "c", {"tr-mariah": 2, "tr-enrique": 1}),
              Judged("q2", "zombie", "c", {"tr-cranberries": 2, "tr-fela": 1})]
    meant_first = {"q1": {"tr-mariah": 2.0, "tr-enrique": 1.0},
                   "q2": {"tr-cranberries": 2.0, "tr-fela": 1.0}}
    acceptable_first = {"q1": {"tr-enrique": 2.0, "tr-mariah": 1.0},
                        "q2": {"tr-fela": 2.0, "tr-cranberries": 1.0}}
    r = compare_runs(judged, {"meant": meant_first, "acceptable": acceptable_first},
                     ["ndcg@10", "recall@10"])
    assert r.overall["meant"]["ndcg@10"] == pytest.approx(1.0)
    assert r.overall["acceptable"]["ndcg@10"] < 0.9
    assert r.overall["meant"]["recall@10"] == r.overall["acceptable"]["recall@10"] == 1.0


def test_judged_queries_carry_a_user_context(tmp_path):
    rows = [{"qid": "p1", "query": "hero", "category": "personalized",
             "relevant": {"tr-enrique": 2, "tr-mariah": 1},
             "user": {"artists": ["Enrique Iglesias"], "genres": ["latin pop"]}},
            {"qid": "p2", "query": "hero", "category": "personalized",
             "relevant": {"tr-mariah": 2}}]
    path = tmp_path / "q.jsonl"
    path.write_bytes(b"".join(orjson.dumps(r) + b"\n" for r in rows))
    first, second = load_judgments(path)
    assert dict(first.user.artists) == {"enrique iglesias": 1.0}
    assert dict(first.user.genres) == {"latin pop": 1.0} and second.user is None
    # The same through TREC qrels with a JSONL of queries.
    qrels = tmp_path / "qrels.txt"
    qrels.write_text("p1 0 tr-enrique 2\np1 0 tr-mariah 1\np2 0 tr-mariah 2\n")
    assert load_judgments(qrels, path) == [first, second]
    asked = []
    run_queries(lambda q, user=None: asked.append((q, user)) or ["tr-mariah"],
                [first, second], progress=False)
    assert asked == [("hero", first.user), ("hero", None)]
    bad = tmp_path / "bad.jsonl"
    bad.write_bytes(orjson.dumps({**rows[0], "user": {"artist": "Enrique"}}) + b"\n")
    with pytest.raises(ValueError, match="'user' must be"):
        load_judgments(bad)


def test_an_engine_that_is_not_there_is_a_clear_usage_error(small_collection, tmp_path):
    # Nothing listens on port 9 (discard): the cluster cannot be reached.
    proc = segue_eval("--judgments", small_collection["judgments"], "--engine", "opensearch",
                      "--opensearch-url", "http://127.0.0.1:9",
                      "--catalog", small_collection["catalog"], "--out", tmp_path)
    assert proc.returncode == 2, proc.stderr[-2000:]
    assert "--engine opensearch" in proc.stderr and "ConnectionError" in proc.stderr
    assert "Traceback" not in proc.stderr
