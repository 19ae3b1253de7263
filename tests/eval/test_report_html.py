"""The HTML report from a real `segue eval` run, opened in headless Chromium."""

from __future__ import annotations

import pytest


@pytest.mark.browser
def test_html_report_is_self_contained_with_every_plot(regression_run, chromium_browser):
    _, out = regression_run
    report = out / "report.html"
    text = report.read_text()
    assert "http://" not in text and "https://" not in text  # nothing to fetch
    requests: list[str] = []
    page = chromium_browser.new_page()  # the suite's one browser (tests/conftest.py)
    try:
        page.on("request", lambda r: requests.append(r.url))
        page.goto(report.as_uri())
        images = page.eval_on_selector_all(
            "img", "els => els.map(e => ({src: e.src.slice(0, 22), w: e.naturalWidth,"
                   " h: e.naturalHeight, complete: e.complete,"
                   " kind: e.closest('figure').className}))")
        verdict = page.inner_text("#verdict")
        headings = page.eval_on_selector_all("h2, h3", "els => els.map(e => e.id)")
        significance = page.inner_text("#category-significance + p + table")
        rows = page.eval_on_selector_all("table tr", "els => els.length")
    finally:
        page.close()
    assert images, "no plots"
    for img in images:
        assert img["complete"] and img["w"] > 0 and img["h"] > 0, img
        assert img["src"] == "data:image/png;base64,", img
    kinds = [img["kind"] for img in images]
    metrics = 7
    assert kinds.count("plot per-category") == metrics
    assert kinds.count("plot per-query-difference") == 2  # worse vs default, 2 metrics
    assert kinds.count("plot distribution") == 1
    assert {"per-category", "per-query-difference", "distribution"} <= set(headings)
    assert verdict.startswith("verdict: REGRESSION against default")
    assert "category-significance" in headings and "two_words" in significance
    assert rows > 20
    assert all(u.startswith(("file://", "data:")) for u in requests), requests
