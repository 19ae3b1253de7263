"""`segue eval` over the shipped relevance collection: the shipped variants and the
known-worse one, the way a relevance engineer runs it."""

from __future__ import annotations

import orjson

from tests.relevance.corpus import CATEGORIES, QUERIES_FILE, load_corpus, load_queries

from .run_cli import segue_eval, verdict


def test_shipped_variants_on_the_shipped_collection(worse_variants_dir, tmp_path):
    catalog = tmp_path / "corpus.jsonl"
    catalog.write_bytes(b"".join(orjson.dumps(d) + b"\n" for d in load_corpus()))
    out = tmp_path / "out"
    proc = segue_eval("--judgments", QUERIES_FILE, "--catalog", catalog,
                      "--variants", "default,popular,no-affinity,worse", "--out", out,
                      "--fail-on-regression", variants_dir=worse_variants_dir)
    assert proc.returncode == 1, proc.stderr[-2000:]
    line = verdict(proc)
    assert line.startswith("verdict: REGRESSION against default") and "worse" in line
    results = orjson.loads((out / "results.json").read_bytes())
    queries = load_queries()
    assert results["queries"] == len(queries)
    assert set(results["categories"]["popular"]) == set(CATEGORIES)
    assert results["overall"]["default"]["hit_rate@1"] > 0.9
    assert results["p_values"]["worse"]["mrr@10"] < 0.001
    # Personalization off: a significant loss on the personalized queries, and there only.
    by_category = results["category_p_values"]["no-affinity"]
    assert by_category["personalized"]["hit_rate@1-l2"] < 0.001
    assert results["categories"]["no-affinity"]["personalized"]["hit_rate@1-l2"] < \
        results["categories"]["default"]["personalized"]["hit_rate@1-l2"]
    assert not any(p is not None and p < 0.05 for cat, ps in by_category.items()
                   if cat != "personalized" for p in ps.values())  # null: no test
    assert "| no-affinity | personalized | hit_rate@1-l2 |" in (out / "report.md").read_text()
    for variant in ("default", "popular", "no-affinity", "worse"):
        qids = {line.split()[0] for line in (out / f"{variant}.run").read_text().splitlines()}
        assert len(qids) >= len(queries) - 5, variant  # a query with no answer has no line
