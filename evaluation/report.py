"""The report directory `segue eval` writes: every renderer's output and the raw
numbers as JSON."""

from __future__ import annotations

from pathlib import Path

import orjson

from .comparison import Results
from .renderers import html_report, markdown, per_query_tsv


def write_report(results: Results, out_dir: Path) -> dict[str, Path]:
    """report.md, report.html (self-contained), per_query.tsv and results.json."""
    out_dir.mkdir(parents=True, exist_ok=True)
    paths = {"markdown": out_dir / "report.md", "html": out_dir / "report.html",
             "per_query": out_dir / "per_query.tsv", "json": out_dir / "results.json"}
    paths["markdown"].write_text(markdown(results), encoding="utf-8")
    paths["html"].write_text(html_report(results), encoding="utf-8")
    paths["per_query"].write_text(per_query_tsv(results), encoding="utf-8")
    paths["json"].write_bytes(orjson.dumps(results.to_dict(), option=orjson.OPT_INDENT_2
                                           | orjson.OPT_SERIALIZE_NUMPY))
    return paths
