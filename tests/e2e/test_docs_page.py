"""/docs in headless Chromium: Swagger UI renders every route from this server's own
files, with nothing fetched from anywhere else (it works offline)."""

from __future__ import annotations

import pytest
from playwright.sync_api import expect

pytestmark = pytest.mark.browser


def test_swagger_ui_renders_from_local_assets(live_server, browser_page):
    page = browser_page.page
    page.goto(f"{live_server}/docs")
    operations = page.locator(".swagger-ui .opblock")
    expect(operations.first).to_be_visible()
    summaries = page.locator(".opblock-summary-path").all_inner_texts()
    assert {"/v1/search", "/v1/documents/_bulk", "/v1/events"} <= {
        s.replace("\u200b", "") for s in summaries}, summaries
    expect(page.locator(".swagger-ui .auth-wrapper button")).to_be_visible()  # Bearer
    elsewhere = [u for u in browser_page.requests
                 if not u.startswith((live_server, "data:", "blob:"))]
    assert elsewhere == []
    assert browser_page.console_errors == []
