"""The demo page at `/`, driven like a user in real headless Chromium against a real server.

Every test types into the page with the keyboard and reads what the page shows; the
server is the real `segue serve` with the bundled demo catalog (see conftest.py). A few
tests intercept /v1/search in the browser to control timing or to simulate failures;
each says so.
"""

from __future__ import annotations

import contextlib
import json
import re
import time
import unicodedata
import urllib.error
import urllib.parse
import urllib.request

import pytest
from playwright.sync_api import Error as PlaywrightError
from playwright.sync_api import Page, expect

pytestmark = pytest.mark.browser

SEARCH_URL = re.compile(r"/v1/search\?")
GROUP_ORDER = ["top", "artist", "track", "album", "playlist", "episode"]
TYPE_DELAY_MS = 90  # a quick typist; longer than the page's 80 ms debounce
STATUS_RE = re.compile(r"^(?P<count>[\d,]+) results? · (?P<ms>\d+(?:\.\d)?) ms$")

expect.set_options(timeout=15_000)


# ----------------------------------------------------------------------------- helpers


def fold(text: str) -> str:
    decomposed = unicodedata.normalize("NFKD", text.casefold())
    return "".join(c for c in decomposed if not unicodedata.combining(c))


def http_json(method: str, url: str, body: bytes | None = None, content_type: str = ""):
    req = urllib.request.Request(url, data=body, method=method)
    if content_type:
        req.add_header("Content-Type", content_type)
    try:
        with urllib.request.urlopen(req, timeout=30) as res:
            return res.status, json.loads(res.read() or b"null")
    except urllib.error.HTTPError as exc:
        raw = exc.read()
        try:
            return exc.code, json.loads(raw)
        except ValueError:
            return exc.code, raw.decode(errors="replace")


def api_search(base: str, q: str) -> dict:
    qs = urllib.parse.urlencode({"q": q, "limit": 20})
    status, answer = http_json("GET", f"{base}/v1/search?{qs}")
    assert status == 200, f"GET /v1/search?{qs} -> {status}: {answer}"
    return answer


def expected_ids(answer: dict) -> set[str]:
    ids = {h["id"] for h in answer.get("hits") or []}
    if answer.get("top"):
        ids.add(answer["top"]["id"])
    return ids


def assert_highlights_escaped(answer: dict) -> None:
    """Server contract: highlight values are escaped text plus <mark>…</mark> only."""
    hits = [answer["top"]] if answer.get("top") else []
    hits += answer.get("hits") or []
    for hit in hits:
        for key, value in (hit.get("highlight") or {}).items():
            for text in value if isinstance(value, list) else [value]:
                if not isinstance(text, str):
                    continue
                bare = text.replace("<mark>", "").replace("</mark>", "")
                assert "<" not in bare and ">" not in bare, (
                    f"highlight.{key} of {hit.get('id')} is not escaped: {text!r}"
                )


def open_page(page: Page, base: str, path: str = "/") -> None:
    page.goto(f"{base}{path}")
    expect(page.locator("#q")).to_be_visible()


def type_query(page: Page, text: str, delay: float = TYPE_DELAY_MS) -> None:
    """Type into the search box key by key, like a person."""
    page.locator("#q").click()
    page.keyboard.type(text, delay=delay)


def wait_for_results(page: Page, q: str) -> None:
    """Wait until the page shows the answer for exactly `q` (or an error line)."""
    page.wait_for_function(
        """(q) => document.querySelector('#results').dataset.query === q
                 || document.querySelector('#status').dataset.state === 'error'""",
        arg=q,
    )
    status = page.locator("#status")
    assert status.get_attribute("data-state") == "ok", (
        f"the page shows an error for {q!r}: {status.inner_text()!r}"
    )


def rendered_ids(page: Page) -> list[str]:
    return page.eval_on_selector_all("#results .hit", "els => els.map(e => e.dataset.id)")


def injected_markup(page: Page) -> dict:
    """Elements the page itself never creates, and the flag the payloads try to set."""
    return page.evaluate(
        """() => ({
            img: document.querySelectorAll('img').length,
            script: document.querySelectorAll('script').length,
            svg: document.querySelectorAll('svg').length,
            iframe: document.querySelectorAll('iframe').length,
            bold: document.querySelectorAll('#results b, #results i').length,
            flag: typeof window.__segue_xss,
        })"""
    )


CLEAN_PAGE = {"img": 0, "script": 1, "svg": 1, "iframe": 0, "bold": 0, "flag": "undefined"}


# ----------------------------------------------------------------------------- tests


def test_beyon_as_you_type_shows_beyonce_first_with_highlight(
    live_server, browser_page, screenshots_dir
):
    page = browser_page.page
    open_page(page, live_server)
    expect(page.locator("#hint")).to_be_visible()
    expect(page.locator("label[for='q']")).not_to_have_text("")
    expect(page.locator("#results")).to_have_attribute("role", "listbox")
    expect(page.locator("#status")).to_have_attribute("aria-live", "polite")

    type_query(page, "beyon")
    wait_for_results(page, "beyon")

    top = page.locator("#results .top-result .hit")
    expect(top).to_have_count(1)
    expect(top).to_contain_text("Beyoncé")
    expect(top).to_have_attribute("data-id", "ar-beyonce")
    expect(top).to_have_attribute("data-type", "artist")
    expect(page.locator("#hint")).to_be_hidden()

    marks = top.locator(".hit-name mark")
    assert marks.count() >= 1, "the top result's name has no <mark> highlight"
    marked = fold("".join(marks.all_inner_texts()))
    assert marked and ("beyon".startswith(marked) or marked.startswith("beyon")), marked

    # The page shows what the API answers for this text: same documents, grouped in
    # the documented order, each row inside the group of its type.
    answer = api_search(live_server, "beyon")
    assert_highlights_escaped(answer)
    assert set(rendered_ids(page)) == expected_ids(answer)
    groups = page.eval_on_selector_all(
        "#results section.group", "els => els.map(e => e.dataset.type)"
    )
    assert groups[0] == "top"
    assert len(groups) == len(set(groups))
    assert groups == sorted(groups, key=GROUP_ORDER.index), groups
    misplaced = page.eval_on_selector_all(
        "#results section.group:not(.top-result) .hit",
        "els => els.filter(e => e.dataset.type !== e.closest('section.group').dataset.type)"
        ".map(e => e.dataset.id)",
    )
    assert misplaced == []
    roles = page.eval_on_selector_all("#results .hit", "els => els.map(e => e.role)")
    assert roles and set(roles) == {"option"}

    status = page.locator("#status").inner_text()
    m = STATUS_RE.match(status)
    assert m, f"status line {status!r}"
    assert int(m["count"].replace(",", "")) == answer["total"]

    page.screenshot(path=str(screenshots_dir / "beyon.png"), full_page=True)
    assert browser_page.console_errors == []
    assert browser_page.dialogs == []


def test_shakeera_finds_shakira(live_server, browser_page, screenshots_dir):
    page = browser_page.page
    open_page(page, live_server)
    type_query(page, "shakeera")
    wait_for_results(page, "shakeera")

    top = page.locator("#results .top-result .hit")
    expect(top).to_contain_text("Shakira")
    expect(top).to_have_attribute("data-id", "ar-shakira")
    assert set(rendered_ids(page)) == expected_ids(api_search(live_server, "shakeera"))

    page.screenshot(path=str(screenshots_dir / "shakeera.png"), full_page=True)
    assert browser_page.console_errors == []


@pytest.mark.parametrize("cancellation", ["abort", "no-abort"])
def test_stale_responses_never_replace_newer_ones(live_server, browser_page, cancellation):
    """Type "shakira", delete it, type "beyon", with every search answer held back in the
    browser; release the final answer first and the stale ones after it. The page must
    end on the results for "beyon".

    "abort": the page cancels superseded requests (AbortController), so stale answers
    never reach it. "no-abort": AbortController.abort is disabled in the page, so stale
    answers do arrive late and the page's own ordering check must drop them."""
    page = browser_page.page
    if cancellation == "no-abort":
        page.add_init_script("AbortController.prototype.abort = function () {};")
    held = []
    finished, failed = [], []
    page.route(SEARCH_URL, lambda route: held.append(route))
    page.on("requestfinished", lambda r: SEARCH_URL.search(r.url) and finished.append(r.url))
    page.on("requestfailed", lambda r: SEARCH_URL.search(r.url) and failed.append(r.url))

    def q_of(route) -> str:
        return urllib.parse.parse_qs(urllib.parse.urlsplit(route.request.url).query)["q"][0]

    open_page(page, live_server)
    type_query(page, "shakira", delay=120)
    for _ in "shakira":
        page.keyboard.press("Backspace")
        page.wait_for_timeout(25)
    page.keyboard.type("beyon", delay=120)

    deadline = time.monotonic() + 10
    while not any(q_of(r) == "beyon" for r in held):
        assert time.monotonic() < deadline, f"no request for 'beyon'; saw {[q_of(r) for r in held]}"
        page.wait_for_timeout(50)
    page.wait_for_timeout(300)  # nothing else may follow the final request
    queries = [q_of(r) for r in held]
    assert queries[-1] == "beyon", queries
    assert len(queries) >= 6 and any(q.startswith("shak") for q in queries), queries

    held[-1].continue_()
    wait_for_results(page, "beyon")
    for route in held[:-1]:  # the stale answers, oldest first, all after the final one
        with contextlib.suppress(PlaywrightError):  # the page may have cancelled it
            route.continue_()
    page.wait_for_timeout(1500)

    expect(page.locator("#q")).to_have_value("beyon")
    expect(page.locator("#results")).to_have_attribute("data-query", "beyon")
    expect(page.locator("#results .top-result .hit")).to_have_attribute("data-id", "ar-beyonce")
    assert set(rendered_ids(page)) == expected_ids(api_search(live_server, "beyon"))
    if cancellation == "abort":
        assert len(failed) >= len(queries) - 1, "superseded requests were not cancelled"
    else:
        stale_arrived = [u for u in finished if "q=beyon&" not in u]
        assert stale_arrived, "no stale answer reached the page; the check was not exercised"
    assert browser_page.console_errors == []


def test_fast_typing_sends_fewer_requests_than_keystrokes(live_server, browser_page):
    """Keystrokes 15 ms apart fall inside the page's debounce window: the page must not
    send one search per key, and it ends on the results for the whole word."""
    page = browser_page.page
    sent = []
    page.on("request", lambda r: SEARCH_URL.search(r.url) and sent.append(r.url))
    open_page(page, live_server)
    type_query(page, "beyonce", delay=15)
    wait_for_results(page, "beyonce")
    expect(page.locator("#results .top-result .hit")).to_have_attribute("data-id", "ar-beyonce")
    assert 1 <= len(sent) < len("beyonce"), sent
    assert browser_page.console_errors == []


def test_arrow_keys_and_enter_open_the_details_panel(live_server, browser_page, screenshots_dir):
    page = browser_page.page
    open_page(page, live_server)
    type_query(page, "beyon")
    wait_for_results(page, "beyon")
    q = page.locator("#q")
    rows = page.locator("#results .hit")
    assert rows.count() >= 2

    page.keyboard.press("ArrowDown")
    expect(rows.nth(0)).to_have_attribute("aria-selected", "true")
    expect(q).to_have_attribute("aria-activedescendant", rows.nth(0).get_attribute("id"))
    ring = rows.nth(0).evaluate("el => getComputedStyle(el).boxShadow")
    assert ring and ring != "none", "the active row has no visible focus ring"

    page.keyboard.press("ArrowDown")
    expect(rows.nth(1)).to_have_attribute("aria-selected", "true")
    expect(rows.nth(0)).to_have_attribute("aria-selected", "false")
    page.keyboard.press("ArrowUp")
    expect(rows.nth(0)).to_have_attribute("aria-selected", "true")
    expect(rows.nth(0)).to_have_attribute("data-id", "ar-beyonce")
    expect(q).to_be_focused()

    with page.expect_response(re.compile(r"/v1/documents/ar-beyonce$")) as answer:
        page.keyboard.press("Enter")
    assert answer.value.status == 200
    details = page.locator("#details")
    expect(details).to_be_visible()
    expect(details.locator("dd[data-key='id']")).to_have_text("ar-beyonce")
    expect(details.locator("dl")).to_contain_text("Beyoncé")
    assert details.locator("dt").count() >= 3
    page.screenshot(path=str(screenshots_dir / "details.png"))

    page.keyboard.press("Escape")  # closes the panel, keeps the query
    expect(details).to_be_hidden()
    expect(q).to_have_value("beyon")
    page.keyboard.press("Escape")  # clears
    expect(q).to_have_value("")
    expect(rows).to_have_count(0)
    expect(page.locator("#hint")).to_be_visible()
    assert browser_page.console_errors == []


PAYLOADS = [
    "<script>window.__segue_xss=1</script>",
    "<img src=x onerror=alert(1)>",
    '"><svg onload=window.__segue_xss=3>',
]


def test_markup_in_the_query_is_text(live_server, browser_page):
    page = browser_page.page
    open_page(page, live_server)
    for payload in PAYLOADS:
        page.locator("#q").press("Escape")
        type_query(page, payload, delay=15)
        wait_for_results(page, payload)
        page.wait_for_timeout(200)
        assert injected_markup(page) == CLEAN_PAGE, payload
        expect(page.locator("#q")).to_have_value(payload)
        empty = page.locator("#empty")
        if empty.is_visible():
            expect(empty).to_contain_text(payload)
        assert_highlights_escaped(api_search(live_server, payload))
    assert browser_page.dialogs == []
    assert browser_page.console_errors == []


def test_markup_in_documents_is_text(live_server, browser_page):
    """Catalog documents whose fields hold HTML. The highlighted names go through the
    page's HTML path (server-escaped, <mark> only); the playlist's owner and description,
    the artist's genres and the details panel go through the text path. None of them may
    create an element or run anything."""
    track = {
        "id": "e2e-markup-track",
        "type": "track",
        "name": "<img src=x onerror=alert(document.domain)>Zzyzx Quokka <b>bold</b>",
        "artists": ["<script>window.__segue_xss=4</script>"],
        "album": 'Tests & "quotes" <i>italic</i>',
        "genres": ["test"],
        "year": 2024,
        "popularity": 1.0,
    }
    playlist = {
        "id": "e2e-markup-playlist",
        "type": "playlist",
        "name": "Zzyzx Quokka <i>mix</i>",
        "owner": "<img src=y onerror=alert(2)>",
        "description": "<b>bold</b> & <script>window.__segue_xss=5</script>",
        "popularity": 1.0,
    }
    artist = {
        "id": "e2e-markup-artist",
        "type": "artist",
        "name": "Zzyzx Quokka Band <u>u</u>",
        "aliases": [],
        "genres": ["<img src=z onerror=alert(3)>"],
        "popularity": 1.0,
    }
    docs = (track, playlist, artist)
    lines = []
    for doc in docs:
        lines += [json.dumps({"index": {"_id": doc["id"]}}), json.dumps(doc)]
    status, answer = http_json(
        "POST",
        f"{live_server}/v1/documents/_bulk?refresh=wait_for",
        ("\n".join(lines) + "\n").encode(),
        "application/x-ndjson",
    )
    assert status == 200 and not answer.get("errors"), f"bulk index -> {status}: {answer}"
    try:
        page = browser_page.page
        open_page(page, live_server)
        type_query(page, "zzyzx quokka")
        wait_for_results(page, "zzyzx quokka")
        for doc in docs:
            row = page.locator(f"#results .hit[data-id='{doc['id']}']").first
            expect(row).to_be_visible()
            expect(row.locator(".hit-name")).to_have_text(doc["name"])
            shown = {
                "track": ["artists"],
                "playlist": ["owner", "description"],
                "artist": ["genres"],
            }[doc["type"]]
            for key in shown:
                values = doc[key]
                for value in values if isinstance(values, list) else [values]:
                    expect(row).to_contain_text(value)
            assert row.locator(".hit-name mark").count() >= 1, (
                f"{doc['id']}: name not highlighted, so the HTML path was not exercised"
            )
        page.locator(f"#results .hit[data-id='{track['id']}']").first.click()
        details = page.locator("#details")
        expect(details.locator("dd[data-key='id']")).to_have_text(track["id"])
        expect(details.locator("#details-title")).to_have_text(track["name"])
        expect(details.locator("dd[data-key='album']")).to_have_text(track["album"])
        page.wait_for_timeout(200)
        assert injected_markup(page) == CLEAN_PAGE
        assert browser_page.dialogs == []
        assert browser_page.console_errors == []
        assert_highlights_escaped(api_search(live_server, "zzyzx quokka"))
    finally:
        for doc in docs:
            http_json("DELETE", f"{live_server}/v1/documents/{doc['id']}")


def test_failed_requests_show_a_readable_error(live_server, browser_page):
    """Failures are simulated in the browser (a problem+json 503, then a refused
    connection); the page must say what happened, then recover."""
    page = browser_page.page
    detail = "index is loading <img src=x onerror=alert(503)>"
    problem = {"title": "Service Unavailable", "detail": detail, "status": 503}
    page.route(
        SEARCH_URL,
        lambda route: route.fulfill(
            status=503, content_type="application/problem+json", body=json.dumps(problem)
        ),
    )
    open_page(page, live_server)
    type_query(page, "beyon")
    status = page.locator("#status")
    expect(status).to_have_attribute("data-state", "error")
    expect(status).to_contain_text("503")
    expect(status).to_contain_text(detail)  # as text: a server message is not markup
    expect(page.locator("#results .hit")).to_have_count(0)
    assert injected_markup(page) == CLEAN_PAGE

    page.unroute(SEARCH_URL)
    page.route(SEARCH_URL, lambda route: route.abort("connectionrefused"))
    page.locator("#q").press("Escape")
    type_query(page, "shak")
    expect(status).to_have_attribute("data-state", "error")
    expect(status).to_contain_text("Cannot reach the search server")

    page.unroute(SEARCH_URL)
    page.locator("#q").press("Escape")
    type_query(page, "beyon")
    wait_for_results(page, "beyon")
    expect(page.locator("#results .top-result .hit")).to_have_attribute("data-id", "ar-beyonce")
    assert browser_page.dialogs == []


def test_key_parameter_is_sent_as_bearer_token(live_server, browser_page):
    page = browser_page.page
    open_page(page, live_server)
    with page.expect_request(SEARCH_URL) as plain:
        type_query(page, "beyon")
    assert "authorization" not in plain.value.all_headers()

    open_page(page, live_server, "/?key=e2e-test-key")
    with page.expect_request(SEARCH_URL) as keyed:
        type_query(page, "shak")
    assert keyed.value.all_headers().get("authorization") == "Bearer e2e-test-key"


def test_page_is_self_contained_and_error_free(live_server, browser_page):
    """Every request stays on the server's origin, every answer is a success, and the
    console stays clean through a full search, details and clear cycle."""
    page = browser_page.page
    bad = []
    page.on("response", lambda r: r.status >= 400 and bad.append(f"{r.status} {r.url}"))
    open_page(page, live_server)
    type_query(page, "beyon")
    wait_for_results(page, "beyon")
    page.keyboard.press("ArrowDown")
    page.keyboard.press("Enter")
    expect(page.locator("#details dd[data-key='id']")).to_have_text("ar-beyonce")
    page.keyboard.press("Escape")
    page.keyboard.press("Escape")
    expect(page.locator("#hint")).to_be_visible()

    foreign = [
        u
        for u in browser_page.requests
        if not (u.startswith(f"{live_server}/") or u.startswith("data:"))
    ]
    assert foreign == []
    assert any(u.endswith("/static/app.js") for u in browser_page.requests)
    assert any(u.endswith("/static/app.css") for u in browser_page.requests)
    assert bad == []
    assert browser_page.console_errors == []
    assert browser_page.dialogs == []


@pytest.mark.browser_context(
    viewport={"width": 390, "height": 844},
    device_scale_factor=2,
    color_scheme="dark",
    is_mobile=True,
    has_touch=True,
)
def test_mobile_width_dark(live_server, browser_page, screenshots_dir):
    page = browser_page.page
    open_page(page, live_server)
    type_query(page, "shakeera")
    wait_for_results(page, "shakeera")
    expect(page.locator("#results .top-result .hit")).to_have_attribute("data-id", "ar-shakira")
    overflow = page.evaluate(
        "() => document.documentElement.scrollWidth - document.documentElement.clientWidth"
    )
    assert overflow <= 0, f"the page scrolls sideways by {overflow}px at 390px"
    box = page.locator("#results .top-result").bounding_box()
    assert box and box["x"] >= 0 and box["x"] + box["width"] <= 390
    page.screenshot(path=str(screenshots_dir / "mobile-shakeera-dark.png"))
    assert browser_page.console_errors == []


def test_the_details_panel_lists_more_like_this(live_server, browser_page):
    """/v1/similar from the page: tracks that sound alike (audio vectors), never the
    track itself, names shown as text."""
    page = browser_page.page
    open_page(page, live_server)
    type_query(page, "take on me")
    wait_for_results(page, "take on me")
    row = page.locator("#results .hit[data-id='tr-a-ha-take-on-me']")
    with page.expect_response(re.compile(r"/v1/similar\?id=tr-a-ha-take-on-me")) as answer:
        row.click()
    assert answer.value.status == 200
    similar = page.locator("#details-similar")
    expect(similar).to_be_visible()
    expect(similar).to_have_attribute("data-source", "audio")
    items = similar.locator("li")
    expect(items).to_have_count(5)
    ids = [items.nth(i).get_attribute("data-id") for i in range(5)]
    assert "tr-a-ha-take-on-me" not in ids
    assert browser_page.console_errors == []


def test_the_details_panel_reads_like_a_record_sleeve(live_server, browser_page,
                                                       screenshots_dir):
    """A track's details as a listener reads them: length in minutes, an Explicit badge,
    the year, genres as chips, country names, and the other versions of the track;
    never a raw field name or a vector."""
    page = browser_page.page
    open_page(page, live_server)
    type_query(page, "lose yourself")
    wait_for_results(page, "lose yourself")
    with page.expect_response(re.compile(r"/v1/search\?q=Lose%20Yourself%20Eminem")):
        page.locator("#results .hit[data-id='tr-eminem-lose-yourself']").first.click()
    details = page.locator("#details")
    expect(details.locator("#details-title")).to_have_text("Lose Yourself")
    expect(details.locator("dd[data-key='duration_ms']")).to_have_text("3:02")  # 181,882 ms
    expect(details.locator("dd[data-key='explicit'] .badge-explicit")).to_have_text("Explicit")
    expect(details.locator("dd[data-key='year']")).to_have_text("2002")
    expect(details.locator("dd[data-key='artists']")).to_have_text("Eminem")
    expect(details.locator("dd[data-key='genres'] .chip")).to_have_text(["hip-hop", "rap"])
    expect(details.locator("dd[data-key='language']")).to_have_text("English")
    expect(details.locator("dd[data-key='markets']")).to_contain_text("Australia")
    expect(details.locator("dd[data-key='markets']")).to_contain_text("and 11 more")
    versions = details.locator("#details-versions")
    expect(versions).to_be_visible()
    expect(versions.locator("li")).to_have_count(1)
    expect(versions.locator("li")).to_have_text("Curtain Call: The Hits · 2005 · 4:07E")
    expect(versions.locator("li")).to_have_attribute(
        "data-id", "tr-eminem-lose-yourself--curtain-call-the-hits")
    text = details.inner_text()
    for raw in ("Duration Ms", "duration_ms", "Audio Embedding", "dimensions", "vector",
                "true", "false", "181882"):
        assert raw not in text, (raw, text)
    labels = details.locator("dt").all_inner_texts()
    assert labels[:4] == ["Advisory", "By", "Album", "Released"], labels
    page.screenshot(path=str(screenshots_dir / "details-track.png"))
    assert browser_page.console_errors == []


def test_market_filter_chips_and_versions(live_server, browser_page, screenshots_dir):
    """The market selector and a decade chip become `market` and `filter`; the chips show
    the facets' counts; a track with two versions shows as one row with "+1 version"."""
    page = browser_page.page
    open_page(page, live_server)
    type_query(page, "bohemian rhapsody")
    wait_for_results(page, "bohemian rhapsody")
    row = page.locator('#results .hit[data-id="tr-queen-bohemian-rhapsody"]').first
    expect(row).to_contain_text("+1 version")
    assert "tr-queen-bohemian-rhapsody--greatest-hits" not in rendered_ids(page)

    page.locator("#q").fill("")
    type_query(page, "queen")
    wait_for_results(page, "queen")
    chip = page.locator('#chips .filter-chip[data-kind="decade"][data-value="1970s"]')
    expect(chip).to_be_visible()
    answer = api_search_with(live_server, {"q": "queen", "facets": "genres,year,explicit"})
    expect(chip.locator(".chip-count")).to_have_text(f"{answer['facets']['decade']['1970s']:,}")

    with page.expect_response(SEARCH_URL) as chip_answer:
        chip.click()
    sent = urllib.parse.parse_qs(urllib.parse.urlsplit(chip_answer.value.url).query)
    assert sent["filter"] == ["year >= 1970 AND year < 1980"]
    expect(chip).to_have_attribute("aria-pressed", "true")
    with page.expect_response(SEARCH_URL) as market_answer:
        page.locator("#market").select_option("JP")
    sent = urllib.parse.parse_qs(urllib.parse.urlsplit(market_answer.value.url).query)
    assert sent["market"] == ["JP"] and sent["filter"] == ["year >= 1970 AND year < 1980"]
    page.wait_for_function("() => document.querySelector('#status').dataset.state === 'ok'")
    expected = api_search_with(live_server, {"q": "queen", "market": "JP",
                                             "filter": "year >= 1970 AND year < 1980"})
    expect(page.locator("#results .hit")).to_have_count(len(expected_ids(expected)))
    assert set(rendered_ids(page)) == expected_ids(expected)
    page.screenshot(path=str(screenshots_dir / "refine.png"), full_page=True)
    assert browser_page.console_errors == []


def api_search_with(base: str, params: dict[str, str]) -> dict:
    qs = urllib.parse.urlencode({"limit": 20, **params})
    status, answer = http_json("GET", f"{base}/v1/search?{qs}")
    assert status == 200, f"GET /v1/search?{qs} -> {status}: {answer}"
    return answer
