"""The site built from hostile input: every page loads in headless Chromium and nothing runs.

The records come from ingesting ``tests/hostile/`` (the same corpus as test_hostile_ingest) plus
hand-written hostile curated records (payloads in every field a curator can edit: note Markdown,
source URL, tags and actors that collide after slugging, ids that are reserved names). The site
is built, served on 127.0.0.1 under /digest/, and EVERY HTML page is loaded with listeners that
would see a script from content run:

- a dialog (every payload calls ``alert(1)``; most also set ``window.__pwned``),
- ``window.__pwned`` defined after load,
- a request to any host but 127.0.0.1 (a route guard aborts and records it),
- a console error or an uncaught page error,

and with a DOM audit (no ``on*`` attribute, no script but the site's own, no unsafe URL, no
frame/object/embed/base/refresh). The feed, records.json and every JSON-LD block must parse and
outside links must be http(s) with ``rel="noopener nofollow"``. Print the figures with:

    PYTHONPATH=src python -m pytest -q -s tests/test_hostile_site.py -k figures
"""

from __future__ import annotations

import functools
import http.server
import io
import json
import shutil
import threading
import urllib.parse
import xml.etree.ElementTree as ET
from contextlib import redirect_stderr
from dataclasses import dataclass, field
from pathlib import Path

import pytest
from bs4 import BeautifulSoup

from research_digest import cli
from research_digest.config import Config
from research_digest.records import yamlio
from research_digest.render import build_site

pytestmark = pytest.mark.browser

CORPUS = Path(__file__).resolve().parent / "hostile"
BASE = "/digest/"
P = "window.__pwned=1;alert(1)"

SITE_SCRIPT_TYPES = ("application/ld+json",)
UNSAFE_TAGS = ("iframe", "object", "embed", "base", "frame", "frameset", "applet")
URL_ATTRS = ("href", "src", "action", "formaction", "data", "poster", "xlink:href", "background", "srcset")


def hostile_record(record_id: str, **fields) -> dict:
    """A curated record with payloads in every field a person can edit."""
    body = [
        {"id": "p-00000001", "text": f"Body <script>{P}</script> text. Second <img src=x onerror={P}> sentence."},
        {"id": "h-00000002", "text": f"Heading <svg onload={P}>", "kind": "heading"},
    ]
    data = {
        "id": record_id,
        "title": f"</title><script>{P}</script> \"'><img src=x onerror={P}>",
        "authors": [
            {
                "name": f"<script>{P}</script>",
                "affiliation": '"><svg/onload=alert(1)>',
                "bio": f"</script><script>{P}</script>",
            }
        ],
        "date": "2025-03-12",
        "publisher": "Pub <iframe src=javascript:alert(1)>",
        "kind": "Commentary<script>alert(1)</script>",
        "series": {"name": "S'\"><script>alert(1)</script>", "number": "CO</script>"},
        "first_published": {"venue": "<a href=javascript:alert(1)>venue</a>", "date": "2025-03-10"},
        "listed_by": "<style>body{background:url(javascript:alert(1))}</style>",
        "source": {
            "file": f"content/sources/<img src=x onerror={P}>.txt",
            "sha256": "0" * 64,
            "profile": "generic",
            "url": "javascript:alert(1)//https://example.org/",
            "fetched": "2025-03-12",
        },
        "synopsis": f"Synopsis ]]></summary><script>{P}</script> &amp; &lt;",
        "tags": ["Arctic", "arctic!", "ARCTIC", "<script>alert(1)</script>", "../../etc", "index", "CON"],
        "citation": f"Cite <script>{P}</script>",
        "note": (
            f"Curator note [click](javascript:alert(1)) [data](data:text/html,<script>{P}</script>) "
            f"[vb](vbscript:msgbox(1)) ![img](javascript:alert(1)) <script>{P}</script> "
            f'<img src=x onerror="{P}"> [ok](https://example.org/ok) <http://evil.example/auto>'
        ),
        "body": body,
        "claims": [
            {
                "id": "c-1",
                "text": f"Claim <script>{P}</script>",
                "kind": "thesis",
                "anchor": {"paragraph": "p-00000001", "sentence": 0},
                "actors": ["China", "china!", f"<img src=x onerror={P}>"],
            }
        ],
        "events": [
            {
                "id": "e-1",
                "summary": f"Event <script>{P}</script>",
                "date": "2024-07",
                "precision": "month",
                "when": "In July<script>alert(1)</script>",
                "actors": ["Russia", "RUSSIA"],
                "places": ["<svg onload=alert(1)>"],
                "anchor": {"paragraph": "p-00000001", "sentence": 1},
            }
        ],
    }
    data.update(fields)
    return data


RESERVED_IDS = ("index", "404", "assets", "con", "feed", "pagefind", "search", "timeline", "tags", "briefs")


@dataclass
class Visit:
    url: str
    dialogs: list[str] = field(default_factory=list)
    off_host: list[str] = field(default_factory=list)
    console_errors: list[str] = field(default_factory=list)
    page_errors: list[str] = field(default_factory=list)
    pwned: bool = False
    dom_problems: list[str] = field(default_factory=list)


@pytest.fixture(scope="module")
def hostile_site(tmp_path_factory) -> Path:
    root = tmp_path_factory.mktemp("hostile-site")
    content = root / "content"
    (content / "sources").mkdir(parents=True)
    for path in sorted(CORPUS.iterdir()):
        shutil.copy(path, content / "sources" / path.name)
    with redirect_stderr(io.StringIO()):
        cli.main(["ingest", "-q", "--content", str(content), "-j", "2"])
    for record_id in RESERVED_IDS:
        yamlio.write_atomic(content / "briefs" / f"{record_id}.yaml", yamlio.dump_data(hostile_record(record_id)))
    out = root / "www" / BASE.strip("/")
    report = build_site(Config(content_dir=content, out_dir=out, base_url=BASE, site_url="https://digest.example"))
    assert report.records >= 90 and report.pages > report.records
    # The only build errors allowed are the slug collisions we planted, reported cleanly.
    assert all("both make the page" in e.message for e in report.errors), report.errors
    return out


def serve(directory: Path):
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), functools.partial(_Quiet, directory=str(directory)))
    threading.Thread(target=server.serve_forever, daemon=True).start()
    return server


@pytest.fixture(scope="module")
def served(hostile_site):
    server = serve(hostile_site.parent)
    yield f"http://127.0.0.1:{server.server_address[1]}{BASE}"
    server.shutdown()
    server.server_close()


class _Quiet(http.server.SimpleHTTPRequestHandler):
    def log_message(self, *args):
        pass


def html_pages(site: Path) -> list[str]:
    return sorted(p.relative_to(site).as_posix() for p in site.rglob("*.html"))


DOM_AUDIT = """() => {
  const problems = [];
  const unsafe = /^\\s*(javascript|data|vbscript|file):/i;
  for (const el of document.querySelectorAll('*')) {
    for (const attr of el.attributes) {
      if (/^on/i.test(attr.name)) problems.push(`${el.tagName} has ${attr.name}`);
      if (%s.includes(attr.name.toLowerCase()) && unsafe.test(attr.value)
          && !(el.tagName === 'IMG' && /^data:image\\/(png|gif|jpeg|webp);/i.test(attr.value)))
        problems.push(`${el.tagName} ${attr.name}=${attr.value.slice(0, 60)}`);
      if (attr.name === 'style' && /expression|javascript:|url\\(/i.test(attr.value))
        problems.push(`${el.tagName} style=${attr.value.slice(0, 60)}`);
    }
    if (%s.includes(el.tagName.toLowerCase())) problems.push(`unexpected <${el.tagName.toLowerCase()}>`);
    if (el.tagName === 'META' && (el.getAttribute('http-equiv') || '').toLowerCase() === 'refresh')
      problems.push('meta refresh');
    if (el.tagName === 'SCRIPT') {
      const type = (el.getAttribute('type') || '').toLowerCase();
      const src = el.getAttribute('src');
      const own = src ? new URL(src, location.href).origin === location.origin : %s.includes(type);
      if (!own) problems.push(`foreign script ${src || type || el.textContent.slice(0, 40)}`);
    }
  }
  return problems;
}""" % (json.dumps(list(URL_ATTRS)), json.dumps(list(UNSAFE_TAGS)), json.dumps(list(SITE_SCRIPT_TYPES)))


def visit_pages(browser, base: str, rels: list[str]) -> list[Visit]:
    """Load each page once in a fresh context with all the listeners attached."""
    context = browser.new_context()
    current: list[Visit] = []

    def guard(route):
        host = urllib.parse.urlsplit(route.request.url).hostname
        if host == "127.0.0.1":
            route.continue_()
        else:
            current[-1].off_host.append(route.request.url)
            route.abort()

    context.route("**/*", guard)
    page = context.new_page()
    page.on("dialog", lambda d: (current[-1].dialogs.append(f"{d.type}: {d.message}"), d.dismiss()))
    page.on("console", lambda m: current[-1].console_errors.append(m.text) if m.type == "error" else None)
    page.on("pageerror", lambda e: current[-1].page_errors.append(str(e)))
    results = []
    for rel in rels:
        visit = Visit(base + rel)
        current.append(visit)
        page.goto(visit.url, wait_until="load")
        page.mouse.move(200, 200)  # a hover over content, in case an onmouseover slipped through
        page.wait_for_timeout(20)
        visit.pwned = page.evaluate("() => window.__pwned !== undefined")
        visit.dom_problems = page.evaluate(DOM_AUDIT)
        results.append(visit)
    context.close()
    return results


@pytest.fixture(scope="module")
def visits(browser, served, hostile_site) -> list[Visit]:
    return visit_pages(browser, served, html_pages(hostile_site))


def test_listeners_catch_a_planted_script(browser, tmp_path):
    """The harness itself: a page that does run content script is caught by every listener."""
    (tmp_path / "canary.html").write_text(
        f'<!doctype html><title>c</title><img src=x onerror="{P}"><a href="javascript:alert(1)">x</a>'
        '<img src="http://evil.example/pixel.png"><iframe src="about:blank"></iframe>',
        encoding="utf-8",
    )
    server = serve(tmp_path)
    try:
        [visit] = visit_pages(browser, f"http://127.0.0.1:{server.server_address[1]}/", ["canary.html"])
    finally:
        server.shutdown()
        server.server_close()
    assert visit.dialogs == ["alert: 1"] and visit.pwned
    assert visit.off_host == ["http://evil.example/pixel.png"]
    assert any("onerror" in p for p in visit.dom_problems) and any("javascript:" in p for p in visit.dom_problems)
    assert "unexpected <iframe>" in visit.dom_problems


def test_hostile_site_has_every_page_loaded(visits, hostile_site):
    assert len(visits) == len(html_pages(hostile_site)) > 100


def test_no_script_from_content_runs_on_any_page(visits):
    bad = [(v.url, v.dialogs, v.off_host, v.pwned) for v in visits if v.dialogs or v.off_host or v.pwned]
    assert bad == []


def test_no_console_or_page_error_on_any_page(visits):
    bad = [(v.url, v.console_errors, v.page_errors) for v in visits if v.console_errors or v.page_errors]
    assert bad == []


def test_dom_of_every_page_is_inert(visits):
    bad = [(v.url, v.dom_problems) for v in visits if v.dom_problems]
    assert bad == []


def test_search_results_for_payload_text_are_inert(browser, served):
    """Pagefind's excerpts of hostile text render as text, not markup."""
    context = browser.new_context()
    dialogs: list[str] = []
    page = context.new_page()
    page.on("dialog", lambda d: (dialogs.append(d.message), d.dismiss()))
    page.goto(served)
    page.locator("header input[type=search]").fill("onerror")  # Pagefind loads on first use
    results = page.locator("pagefind-results a[href*='briefs/']")
    results.first.wait_for(timeout=15_000)
    assert results.count() >= 3  # hostile records whose text holds "onerror" were found
    page.wait_for_timeout(300)
    assert dialogs == [] and page.evaluate("() => window.__pwned === undefined")
    assert page.evaluate("() => document.querySelectorAll('[onerror], script:not([src]):not([type])').length") == 0
    context.close()


def test_outside_links_are_http_with_noopener_nofollow(hostile_site):
    checked = 0
    for rel in html_pages(hostile_site):
        soup = BeautifulSoup((hostile_site / rel).read_text(encoding="utf-8"), "lxml")
        for a in soup.find_all("a", href=True):
            href = a["href"].strip()
            scheme = urllib.parse.urlsplit(href).scheme.lower()
            assert scheme in ("", "http", "https", "mailto"), (rel, href)
            if scheme in ("http", "https") and urllib.parse.urlsplit(href).hostname != "digest.example":
                assert {"noopener", "nofollow"} <= set(a.get("rel", [])), (rel, str(a)[:200])
                checked += 1
    assert checked > 0


def test_feed_records_json_and_json_ld_stay_well_formed(hostile_site):
    for name in ("feed.xml", "sitemap.xml"):
        ET.fromstring((hostile_site / name).read_bytes())  # raises on malformed XML
    feed = ET.fromstring((hostile_site / "feed.xml").read_bytes())
    texts = [el.text or "" for el in feed.iter()]
    assert any("<script>" in t for t in texts)  # payloads arrive as text, escaped, not as elements
    assert not [el.tag for el in feed.iter() if el.tag.lower().endswith(("script", "img", "svg", "iframe"))]
    records = json.loads((hostile_site / "records.json").read_text(encoding="utf-8"))
    assert any(
        "<script>" in json.dumps(r, ensure_ascii=False)
        for r in (records if isinstance(records, list) else records.get("records", []))
    )
    blocks = 0
    for rel in html_pages(hostile_site):
        soup = BeautifulSoup((hostile_site / rel).read_text(encoding="utf-8"), "lxml")
        for script in soup.find_all("script", type="application/ld+json"):
            data = json.loads(script.string)
            assert isinstance(data, dict)
            blocks += 1
    assert blocks >= len(list((hostile_site / "briefs").glob("*/index.html"))) >= 90


def test_reserved_ids_get_their_own_pages_and_nothing_is_overwritten(hostile_site):
    for record_id in RESERVED_IDS:
        page = (hostile_site / "briefs" / record_id / "index.html").read_text(encoding="utf-8")
        assert "window.__pwned" in page  # the payload is there, as escaped text
    home = (hostile_site / "index.html").read_text(encoding="utf-8")
    assert "<html" in home and "briefs/" in home
    assert not (hostile_site.parent / "etc").exists()
    cache = hostile_site.parent / ".cache" / "digest"  # the build cache, beside the output (README)
    for path in hostile_site.parent.rglob("*"):
        assert (
            path.resolve().is_relative_to(hostile_site.resolve()) or path == cache.parent or path.is_relative_to(cache)
        ), path


def test_colliding_tags_and_actors_keep_distinct_pages(hostile_site):
    tag_pages = {p.parent.name for p in (hostile_site / "tags").glob("*/index.html")}
    assert {"arctic", "arctic-2", "arctic-3"} <= tag_pages


def test_hostile_site_figures(visits, hostile_site):
    executed = sum(1 for v in visits if v.dialogs or v.off_host or v.pwned)
    print(
        f"\nhostile site: {len(visits)} pages loaded in Chromium, {sum(len(v.dialogs) for v in visits)} dialogs, "
        f"{sum(len(v.off_host) for v in visits)} off-host requests, {sum(v.pwned for v in visits)} sentinels set, "
        f"{sum(len(v.dom_problems) for v in visits)} DOM problems -> scripts executed: {executed}"
    )
    assert executed == 0
