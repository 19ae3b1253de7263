"""The report's plots show the differences they are drawn for: axes scaled to values
between 0.95 and 1.0, confidence intervals, and two different runs that look different."""

from __future__ import annotations

import base64
import io

import numpy as np
import pytest

from segue.evaluation.comparison import Results
from segue.evaluation.judgments import Judged
from segue.evaluation.plots import bootstrap_ci, category_figure, distribution_figure, plots

QUERIES = [("beyonce", "folded"), ("shakeera", "phonetic"), ("кино", "script"),
           ("bohemian rapsody", "typo"), ("藤井 風", "script"), ("mötorhead", "folded")] * 10


def _results(variant_misses: int, *, seed: int = 1) -> Results:
    """A baseline that misses 2 queries in 60 (NDCG 0.5 there) and a variant that
    misses `variant_misses`: means between 0.95 and 1.0, as a good system's are."""
    judged = [Judged(f"q{n:02d}", q, cat, {"doc": 2}) for n, (q, cat) in enumerate(QUERIES)]
    rng = np.random.default_rng(seed)

    def values(misses: int) -> dict[str, float]:
        missed = set(rng.choice(len(judged), misses, replace=False).tolist())
        return {j.qid: 0.5 if n in missed else 1.0 for n, j in enumerate(judged)}

    per_query = {"default": {"ndcg@10": values(2)}, "popular": {"ndcg@10": values(
        variant_misses)}}
    cats = sorted({j.category for j in judged})

    def mean(v: str, qids: list[str]) -> float:
        return float(np.mean([per_query[v]["ndcg@10"][q] for q in qids]))

    categories = {v: {c: {"ndcg@10": mean(v, [j.qid for j in judged if j.category == c])}
                      for c in cats} for v in per_query}
    overall = {v: {"ndcg@10": mean(v, [j.qid for j in judged])} for v in per_query}
    return Results(judged, ["ndcg@10"], "default", ["default", "popular"], "student", 0.05,
                   overall, categories, per_query, {"popular": {"ndcg@10": 0.04}})


def _bar_heights_px(fig) -> dict[str, list[float]]:
    """Each variant's bars, in display pixels, as the reader sees them."""
    fig.canvas.draw()
    ax = fig.axes[0]
    return {c.get_label(): [b.get_window_extent().height for b in c.patches]
            for c in ax.containers if hasattr(c, "patches")}


def test_values_between_095_and_1_fill_the_axis():
    r = _results(6)
    fig = category_figure(r, "ndcg@10")
    bottom, top = fig.axes[0].get_ylim()
    lowest = min(min(cats["ndcg@10"] for cats in r.categories[v].values()) for v in r.variants)
    assert 0.5 < bottom < lowest and 1.0 < top < 1.06, (bottom, lowest, top)
    assert "axis from" in fig.axes[0].get_ylabel()


def test_two_different_runs_give_visibly_different_bars():
    same = _bar_heights_px(category_figure(_results(2, seed=1), "ndcg@10"))
    worse = _bar_heights_px(category_figure(_results(9, seed=1), "ndcg@10"))
    # The "all" bar (last) of the variant: 0.983 against 0.925 overall.
    gap = same["popular"][-1] - worse["popular"][-1]
    axis_px = category_figure(_results(9), "ndcg@10").axes[0].get_window_extent().height
    assert gap > 0.25 * axis_px, (gap, axis_px)


def test_bars_carry_bootstrap_confidence_intervals():
    r = _results(9)
    fig = category_figure(r, "ndcg@10")
    bars = [c for c in fig.axes[0].containers if hasattr(c, "errorbar") and c.errorbar]
    assert len(bars) == 2
    low, high = bootstrap_ci(list(r.per_query["popular"]["ndcg@10"].values()))
    mean = r.overall["popular"]["ndcg@10"]
    assert low < mean < high and high - low > 0.02
    assert bootstrap_ci([1.0] * 30) == (1.0, 1.0)  # no spread, no interval


def test_distributions_do_not_collapse_to_a_line():
    fig = distribution_figure(_results(9))
    fig.canvas.draw()
    ax = fig.axes[0]
    bottom, top = ax.get_ylim()
    assert bottom > 0.3 and top - bottom < 0.8  # scaled to 0.5–1.0, not 0–1
    means = [line.get_ydata()[0] for line in ax.lines if line.get_marker() == "D"]
    assert len(means) == 2 and means[0] > means[1]
    to_px = ax.transData.transform
    assert to_px((0, means[0]))[1] - to_px((0, means[1]))[1] > 10  # pixels apart


@pytest.mark.parametrize("misses", [2, 9])
def test_every_plot_renders_as_png(misses):
    drawn = plots(_results(misses))
    assert [kind for kind, _, _ in drawn] == ["per-category", "per-query-difference",
                                               "distribution"]
    from matplotlib.image import imread

    for _, _, png in drawn:
        image = imread(io.BytesIO(base64.b64decode(png)))
        assert image.shape[0] > 100 and image.std() > 0.01  # not blank
