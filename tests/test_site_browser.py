"""The built site in headless Chromium, served under /digest/ as GitHub Pages serves a project site.

One browser per session (pytest-playwright's ``browser``), one build per session (``site_dir``).
Screenshots of the main pages at desktop and phone width go to ``test-results/screenshots/`` for
a person to look at.
"""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from playwright.sync_api import Page, expect

pytestmark = pytest.mark.browser

SCREENSHOTS = Path(__file__).resolve().parent.parent / "test-results" / "screenshots"
RSIS = "briefs/rsis-co26021-china-russia-arctic/"
RSIS_TITLE = "China and Russia in the Arctic: From a Bumpy Ride to Deeper Engagement"
PAGE_KINDS = {
    "home": "",
    "brief": RSIS,
    "brief-with-note": "briefs/north-watch-coast-guards-polar-route/",
    "timeline": "timeline/",
    "claims": "claims/",
    "actors": "actors/",
    "actor": "actors/china/",
    "tags": "tags/",
    "tag": "tags/international-politics-and-security/",
    "publisher": "publishers/the-polar-journal/",
    "about": "about/",
    "404": "404.html",
}
WIDTHS = {"desktop": (1280, 900), "phone": (390, 844)}


def test_claim_link_lands_on_highlighted_sentence_from_home(page: Page, base_url: str):
    page.goto(base_url)
    page.get_by_role("link", name=RSIS_TITLE).first.click()
    expect(page).to_have_url(re.compile(re.escape(RSIS) + "$"))
    claim = page.locator(".claim-list a").filter(has_text="the trend is here to stay")
    claim.click()
    expect(page).to_have_url(re.compile(r"#s-p-[0-9a-f]{8}-\d+$"))
    target = page.locator(":target")
    expect(target).to_have_count(1)
    expect(target).to_have_text(re.compile(r"^A scrutiny of the development .* here to stay\.$"))
    expect(target).to_be_in_viewport()
    highlight = target.evaluate("el => getComputedStyle(el).backgroundColor")
    assert highlight not in ("rgba(0, 0, 0, 0)", "transparent"), highlight


def test_timeline_shows_event_told_by_two_briefs_once(page: Page, base_url: str):
    page.goto(base_url + RSIS)
    page.get_by_role("navigation", name="Site").get_by_role("link", name="Timeline").click()
    expect(page.locator("h1")).to_have_text("Timeline")
    october = page.locator("li.event").filter(has_text="October 2024")
    expect(october).to_have_count(1)
    expect(october.locator(".sources li")).to_have_count(2)
    expect(page.locator("svg.chart title").first).to_have_text("Events per year by actor")
    # a year-only event is listed under its year, not under January
    expect(page.locator("#y-2013 .when")).to_have_text("2013")
    expect(page.get_by_text("January 2013")).to_have_count(0)
    expect(page.locator("#y-2024 h3").first).to_have_text("2024, month not given")


def test_search_for_icebreaker_reaches_the_brief(page: Page, base_url: str):
    page.goto(base_url)
    box = page.locator("pagefind-input input")
    box.fill("icebreaker")
    result = page.locator("pagefind-results a[href*='rsis-co26021']").first
    expect(result).to_be_visible(timeout=10_000)
    href = result.get_attribute("href")
    assert href.startswith("/digest/briefs/"), href
    result.click()
    expect(page.locator("h1")).to_have_text(RSIS_TITLE)


def test_site_opened_from_disk_links_pages_and_explains_search(page: Page, site_dir: Path):
    page.goto((site_dir / "index.html").as_uri())
    expect(page.locator("[data-file-notice]")).to_be_visible()
    page.get_by_role("link", name=RSIS_TITLE).first.click()
    expect(page.locator("h1")).to_have_text(RSIS_TITLE)
    assert page.url.endswith("/index.html")
    page.get_by_role("navigation", name="Site").get_by_role("link", name="Timeline").click()
    expect(page.locator("h1")).to_have_text("Timeline")


@pytest.mark.parametrize("kind", sorted(PAGE_KINDS))
def test_axe_finds_no_violations_on_page_kind(page: Page, base_url: str, kind: str):
    from axe_playwright_python.sync_playwright import Axe

    page.goto(base_url + PAGE_KINDS[kind])
    results = Axe().run(page)
    assert results.violations_count == 0, results.generate_report()


@pytest.mark.parametrize("kind", ["home", "brief", "timeline", "claims"])
def test_axe_finds_no_violations_in_dark_scheme(page: Page, base_url: str, kind: str):
    from axe_playwright_python.sync_playwright import Axe

    page.emulate_media(color_scheme="dark")
    page.goto(base_url + PAGE_KINDS[kind])
    results = Axe().run(page)
    assert results.violations_count == 0, results.generate_report()


@pytest.mark.parametrize("width", sorted(WIDTHS))
@pytest.mark.parametrize("kind", ["home", "brief", "timeline"])
def test_screenshot_written_for_page_at_width(page: Page, base_url: str, kind: str, width: str):
    page.set_viewport_size(dict(zip(("width", "height"), WIDTHS[width])))
    page.goto(base_url + PAGE_KINDS[kind])
    SCREENSHOTS.mkdir(parents=True, exist_ok=True)
    path = SCREENSHOTS / f"{kind}-{width}.png"
    page.screenshot(path=str(path), full_page=True)
    assert path.stat().st_size > 10_000
    # nothing wider than the screen: a phone must not scroll sideways
    overflow = page.evaluate("document.documentElement.scrollWidth - window.innerWidth")
    assert overflow <= 0, f"{kind} is {overflow}px wider than a {width} screen"


@pytest.mark.parametrize("kind", sorted(PAGE_KINDS))
def test_page_kind_fits_a_phone_screen(page: Page, base_url: str, kind: str):
    page.set_viewport_size({"width": 360, "height": 740})
    page.goto(base_url + PAGE_KINDS[kind])
    overflow = page.evaluate("document.documentElement.scrollWidth - window.innerWidth")
    assert overflow <= 0, f"{kind} is {overflow}px wider than a 360px phone"


def test_first_tab_shows_the_skip_link_and_it_moves_focus_to_main(page: Page, base_url: str):
    page.goto(base_url + RSIS)
    page.keyboard.press("Tab")
    skip = page.locator(".skip-link")
    expect(skip).to_be_focused()
    expect(skip).to_be_in_viewport()
    page.keyboard.press("Enter")
    expect(page).to_have_url(re.compile("#main$"))
    outline = page.evaluate("getComputedStyle(document.querySelector('.site-title')).outlineStyle")
    assert outline in ("none", "")  # focus styles appear only on focus, not on every link


@pytest.fixture(scope="module")
def paged_base_url(tmp_path_factory):
    """The fixture records built one brief a page, served under /digest/ like ``base_url``."""
    import functools
    import http.server
    import threading

    from conftest import SITE_BASE, _QuietHandler, build_test_site

    site = build_test_site(tmp_path_factory.mktemp("paged"), search=False, page_size=1)
    handler = functools.partial(_QuietHandler, directory=str(site.parent))
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    yield f"http://127.0.0.1:{server.server_address[1]}{SITE_BASE}"
    server.shutdown()
    server.server_close()


def test_next_link_on_paginated_home_reaches_page_two_without_axe_violations(page: Page, paged_base_url: str):
    from axe_playwright_python.sync_playwright import Axe

    page.goto(paged_base_url)
    nav = page.get_by_role("navigation", name="Pagination")
    expect(nav).to_contain_text("Page 1 of 3")
    first = page.locator(".briefs .card-title").inner_text()
    nav.locator('a[rel="next"]').click()
    expect(page).to_have_url(paged_base_url + "page/2/")
    nav = page.get_by_role("navigation", name="Pagination")
    expect(nav).to_contain_text("Page 2 of 3")
    expect(nav.locator('[aria-current="page"]')).to_have_text("2")
    expect(page.locator(".briefs .card")).to_have_count(1)
    assert page.locator(".briefs .card-title").inner_text() != first
    results = Axe().run(page)
    assert results.violations_count == 0, results.generate_report()
    nav.locator('a[rel="prev"]').click()
    expect(page).to_have_url(paged_base_url)


@pytest.fixture(scope="module")
def sharded_base_url(tmp_path_factory):
    """The fixture records with one search shard a page (``SHARD_PAGES = 1``), served like ``base_url``:
    the search box must merge the shards' bundles to find pages in any of them."""
    import functools
    import http.server
    import json
    import threading

    from conftest import SITE_BASE, _QuietHandler, build_test_site

    from research_digest.render import search

    saved = search.SHARD_PAGES
    search.SHARD_PAGES = 1
    try:
        site = build_test_site(tmp_path_factory.mktemp("sharded"))
    finally:
        search.SHARD_PAGES = saved
    assert len(json.loads((site / "pagefind" / "shards.json").read_text(encoding="utf-8"))) > 1
    handler = functools.partial(_QuietHandler, directory=str(site.parent))
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    yield f"http://127.0.0.1:{server.server_address[1]}{SITE_BASE}"
    server.shutdown()
    server.server_close()


@pytest.mark.parametrize(
    ("query", "brief"),
    [("icebreaker", "rsis-co26021"), ("geopolitics", "polar-journal"), ("intercept", "north-watch")],
)
def test_search_merges_every_shard(page: Page, sharded_base_url: str, query: str, brief: str):
    page.goto(sharded_base_url)
    page.locator("pagefind-input input").fill(query)
    result = page.locator(f"pagefind-results a[href*='{brief}']").first
    expect(result).to_be_visible(timeout=10_000)
    assert result.get_attribute("href").startswith("/digest/briefs/")


def test_preview_page_reloads_itself_after_a_rebuild(page: Page, tmp_path: Path):
    import threading

    from conftest import SITE_BASE, make_content

    from research_digest.config import Config
    from research_digest.serve import BuildId, make_server, rebuild

    config = Config(content_dir=make_content(tmp_path / "content"), out_dir=tmp_path / "build", base_url=SITE_BASE)
    build_id = BuildId()
    rebuild(config, True, search=False, build_id=build_id)
    server = make_server(config, 0, build_id=build_id)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    try:
        page.goto(f"http://127.0.0.1:{server.server_address[1]}{SITE_BASE}")
        expect(page.locator(".card-title").first).not_to_contain_text("Renamed")
        page.wait_for_timeout(600)  # the reload script has read the current build id
        record = config.briefs_dir / "polar-journal-sino-russian-arctic-cooperation.yaml"
        text = record.read_text(encoding="utf-8").replace("title: 'Sino-Russian", "title: 'Renamed Sino-Russian")
        record.write_text(text, encoding="utf-8")
        rebuild(config, True, search=False, build_id=build_id)
        expect(page.get_by_role("link", name=re.compile("^Renamed Sino-Russian"))).to_be_visible(timeout=5_000)
    finally:
        server.shutdown()
        server.server_close()
