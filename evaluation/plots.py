"""The report's plots as base64 PNGs for the HTML page: metric per category, per-query
differences against the baseline, per-query distributions.

matplotlib is imported when a plot is drawn, not when this module is: it takes a
second to load, and only the HTML renderer needs it.
"""

from __future__ import annotations

import base64
import io
import math
from typing import Any

from .comparison import Results


def plots(r: Results) -> list[tuple[str, str, str]]:
    """(kind, title, base64 PNG) for every plot."""
    import matplotlib

    matplotlib.use("Agg", force=True)
    import matplotlib.pyplot as plt

    out = []
    cats = sorted({j.category for j in r.judged})
    width = 0.8 / len(r.variants)
    for m in r.metrics:
        fig, ax = plt.subplots(figsize=(max(6.0, 0.9 * len(cats) + 2), 3.4))
        for i, v in enumerate(r.variants):
            xs = [k + (i - (len(r.variants) - 1) / 2) * width for k in range(len(cats) + 1)]
            ys = [r.categories[v][c][m] for c in cats] + [r.overall[v][m]]
            ax.bar(xs, ys, width, label=v)
        ax.set_xticks(range(len(cats) + 1), [*cats, "all"], rotation=30, ha="right")
        ax.set_ylim(0, 1.05)
        ax.set_ylabel(m)
        ax.set_title(f"{m} per category")
        ax.legend(fontsize=8, loc="upper left", bbox_to_anchor=(1.0, 1.0))
        out.append(("per-category", f"{m} per category", _png(fig)))
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
    cols = min(3, len(r.metrics))
    rows = math.ceil(len(r.metrics) / cols)
    fig, axes = plt.subplots(rows, cols, figsize=(4.2 * cols, 3.2 * rows), squeeze=False,
                             layout="constrained")
    for ax, m in zip(axes.flat, r.metrics, strict=False):
        data = [list(r.per_query[v][m].values()) for v in r.variants]
        ax.boxplot(data, showmeans=True)
        ax.set_xticks(range(1, len(r.variants) + 1), r.variants, rotation=20)
        ax.set_title(m)
        ax.set_ylim(-0.05, 1.05)
    for ax in list(axes.flat)[len(r.metrics):]:
        ax.axis("off")
    fig.suptitle("Per-query metric distributions (box: quartiles, triangle: mean)")
    out.append(("distribution", "Per-query metric distributions", _png(fig)))
    return out


def _png(fig: Any) -> str:
    import matplotlib.pyplot as plt

    buf = io.BytesIO()
    fig.savefig(buf, format="png", dpi=90, bbox_inches="tight")
    plt.close(fig)
    return base64.b64encode(buf.getvalue()).decode("ascii")
