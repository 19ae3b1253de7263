"""The report's plots as base64 PNGs for the HTML page: metric per category, per-query
differences against the baseline, per-query distributions.

Every axis is scaled to the data, not to 0–1: relevance metrics of a good system sit
between 0.95 and 1.0, and on a 0–1 axis every difference between variants is a pixel.
Means carry 95% confidence intervals, bootstrapped over queries, so a gap that a few
queries could close reads as one.

matplotlib is imported when a plot is drawn, not when this module is: it takes a
second to load, and only the HTML renderer needs it.
"""

from __future__ import annotations

import base64
import io
import math
from collections.abc import Sequence
from typing import Any

import numpy as np

from .comparison import Results

CONFIDENCE = 0.95
RESAMPLES = 2000


def bootstrap_ci(values: Sequence[float] | np.ndarray, *, seed: int = 0) -> tuple[float, float]:
    """The 95% percentile-bootstrap interval of the mean, resampling queries.

    Written here with numpy rather than `scipy.stats.bootstrap`: a few lines, the
    same answer, and no second large import for a plot.
    """
    data = np.asarray(values, dtype=float)
    if data.size < 2 or np.all(data == data[0]):
        mean = float(data.mean()) if data.size else math.nan
        return mean, mean
    rng = np.random.default_rng(seed)
    means = data[rng.integers(0, data.size, (RESAMPLES, data.size))].mean(axis=1)
    tail = (1 - CONFIDENCE) / 2 * 100
    low, high = np.percentile(means, [tail, 100 - tail])
    return float(low), float(high)


def data_limits(low: float, high: float) -> tuple[float, float]:
    """Axis limits around [low, high] with a margin; never below 0 (metrics are not)."""
    span = high - low
    pad = max(span * 0.15, 0.01)
    return max(0.0, low - pad), high + pad


def _pyplot() -> Any:
    import matplotlib

    matplotlib.use("Agg", force=True)
    import matplotlib.pyplot as plt

    return plt


def category_figure(r: Results, m: str) -> Any:
    """One metric per category and overall: a bar per variant, its bootstrap interval."""
    plt = _pyplot()
    cats = sorted({j.category for j in r.judged})
    groups = [[j.qid for j in r.judged if j.category == c] for c in cats]
    groups.append([j.qid for j in r.judged])
    width = 0.8 / len(r.variants)
    fig, ax = plt.subplots(figsize=(max(6.0, 0.9 * len(cats) + 2), 3.4))
    lows, highs = [], []
    for i, v in enumerate(r.variants):
        xs = [k + (i - (len(r.variants) - 1) / 2) * width for k in range(len(cats) + 1)]
        ys = [r.categories[v][c][m] for c in cats] + [r.overall[v][m]]
        cis = [bootstrap_ci([r.per_query[v][m][q] for q in qids], seed=k)
               for k, qids in enumerate(groups)]
        errors = [[max(0.0, y - lo) for y, (lo, _) in zip(ys, cis, strict=True)],
                  [max(0.0, hi - y) for y, (_, hi) in zip(ys, cis, strict=True)]]
        ax.bar(xs, ys, width, label=v, yerr=errors, capsize=2,
               error_kw={"elinewidth": 0.8, "ecolor": "#333333"})
        lows += [min(y, lo) for y, (lo, _) in zip(ys, cis, strict=True)]
        highs += [max(y, hi) for y, (_, hi) in zip(ys, cis, strict=True)]
    bottom, top = data_limits(min(lows), max(highs))
    ax.set_ylim(bottom, top)
    ax.set_xticks(range(len(cats) + 1), [*cats, "all"], rotation=30, ha="right")
    ax.set_ylabel(m if bottom == 0 else f"{m} (axis from {bottom:.2f})")
    ax.set_title(f"{m} per category (whiskers: {CONFIDENCE:.0%} bootstrap CI over queries)",
                 fontsize=10)
    ax.legend(fontsize=8, loc="upper left", bbox_to_anchor=(1.0, 1.0))
    return fig


def distribution_figure(r: Results) -> Any:
    """Each query as a dot (jittered), each variant's mean with its interval: with most
    queries at 1.0 a box plot is a line; the dots below it are the queries that matter."""
    plt = _pyplot()
    cols = min(3, len(r.metrics))
    rows = math.ceil(len(r.metrics) / cols)
    fig, axes = plt.subplots(rows, cols, figsize=(4.2 * cols, 3.2 * rows), squeeze=False,
                             layout="constrained")
    rng = np.random.default_rng(0)
    for ax, m in zip(axes.flat, r.metrics, strict=False):
        lows, highs, labels = [], [], []
        for i, v in enumerate(r.variants, start=1):
            values = np.asarray(list(r.per_query[v][m].values()), dtype=float)
            jitter = rng.uniform(-0.28, 0.28, values.size)
            ax.scatter(i + jitter, values, s=7, alpha=0.3, color="#4c72b0", linewidths=0)
            mean = float(values.mean())
            lo, hi = bootstrap_ci(values)
            ax.errorbar([i], [mean], yerr=[[mean - lo], [hi - mean]], fmt="D",
                        color="#c0392b", markersize=5, capsize=4, zorder=3)
            labels.append(f"{v}\n{int((values < 1.0).sum())} below 1")
            lows.append(float(values.min()))
            highs.append(float(values.max()))
        ax.set_ylim(*data_limits(min(lows), max(highs)))
        ax.set_xticks(range(1, len(r.variants) + 1), labels, fontsize=8)
        ax.set_title(m)
    for ax in list(axes.flat)[len(r.metrics):]:
        ax.axis("off")
    fig.suptitle(f"Per-query values (dots: queries; diamond: mean, {CONFIDENCE:.0%} "
                 "bootstrap CI)")
    return fig


def plots(r: Results) -> list[tuple[str, str, str]]:
    """(kind, title, base64 PNG) for every plot."""
    plt = _pyplot()
    out = [("per-category", f"{m} per category", _png(category_figure(r, m)))
           for m in r.metrics]
    for v in r.variants[1:]:
        for m in r.metrics[:2]:
            base, mine = r.per_query[r.baseline][m], r.per_query[v][m]
            diffs = sorted(mine[j.qid] - base[j.qid] for j in r.judged)
            fig, ax = plt.subplots(figsize=(7, 3))
            colors = ["#c0392b" if d < 0 else "#27ae60" if d > 0 else "#999999" for d in diffs]
            ax.bar(range(len(diffs)), diffs, 1.0, color=colors)
            ax.axhline(0, color="black", linewidth=0.6)
            ax.set_xlabel("queries, sorted by difference")
            ax.set_ylabel(f"{m}: {v} − {r.baseline}")
            ax.set_title(f"Per-query difference: {v} vs {r.baseline} ({m})")
            out.append(("per-query-difference", f"{v} vs {r.baseline}, {m}", _png(fig)))
    out.append(("distribution", "Per-query metric distributions",
                _png(distribution_figure(r))))
    return out


def _png(fig: Any) -> str:
    plt = _pyplot()
    buf = io.BytesIO()
    fig.savefig(buf, format="png", dpi=90, bbox_inches="tight")
    plt.close(fig)
    return base64.b64encode(buf.getvalue()).decode("ascii")
