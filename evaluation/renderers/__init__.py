"""One renderer per format, each a function of the comparison's `Results`: Markdown
(report.md), HTML with plots (report.html) and per-query TSV (per_query.tsv)."""

from .html import html_report
from .markdown import markdown
from .tsv import per_query_tsv

__all__ = ["html_report", "markdown", "per_query_tsv"]
