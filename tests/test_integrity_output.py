"""Contextual output encoding (issue 10, items 1, 2 and 10): whatever a page or a record holds,
every output format stays well formed and every field stays one value.

- JSON inside ``<script>`` has no ``<``, ``>`` or ``&`` (a ``<!--<script`` in a title kept the
  JSON-LD element open and swallowed the rest of the page);
- no character XML 1.0 forbids reaches an HTML or XML file (``&#1;`` broke ``feed.xml``);
- RIS, BibTeX and CSL-JSON keep each field on one line (a newline in a title injected RIS tags
  and a second record).
"""

from __future__ import annotations

import html.parser
import json
import re
import shutil
import xml.etree.ElementTree as ET
from pathlib import Path

import pytest

from research_digest import cli
from research_digest.check import check_site
from research_digest.config import Config
from research_digest.render import build_site

HOSTILE = Path(__file__).resolve().parent / "hostile"
TITLE_PAGE = HOSTILE / "title-comment-script-xml-chars.html"

# Every field a curator can write, with newlines, RIS tags, control characters XML forbids
# (written as YAML escapes, which the loader's reader check cannot see) and script openers.
RECORD = r"""id: injected
title: "Ice\r\nTY  - JOUR\nER  - \n<!--<script> \x0b\x01\uFFFE roads"
authors:
- name: "Ann\nAU  - Evil, Person"
date: '2024-05-01'
publisher: "North\nER  - \r\nTY  - RPRT\nTI  - second record"
kind: Commentary
series:
  name: "Polar\nT3  - x"
  number: "CO1\nM1  - 2"
source:
  file: content/sources/injected.txt
  sha256: abc
  profile: generic
  url: "https://example.org/a\nUR  - https://evil.example/"
synopsis: "One.\n\nAB  - Two & <b>three</b>\x08."
tags:
- "Arctic\nKW  - injected"
body:
- id: p-11111111
  text: "Russia barred the ships in 2012.\x0c China gained observer status in 2013."
"""

XML_FORBIDDEN = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ud800-\udfff\ufffe\uffff]")
"""XML 1.0 Char production, written out here independently of the code under test."""
RIS_LINE = re.compile(r"^[A-Z][A-Z0-9]  - .*$")


class _Scripts(html.parser.HTMLParser):
    """Each script element's type and text, as a conforming parser cuts them."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.scripts: list[tuple[str, str]] = []
        self._open: str | None = None

    def handle_starttag(self, tag, attrs):
        if tag == "script":
            self._open = dict(attrs).get("type") or ""
            self.scripts.append((self._open, ""))

    def handle_data(self, data):
        if self._open is not None:
            kind, text = self.scripts[-1]
            self.scripts[-1] = (kind, text + data)

    def handle_endtag(self, tag):
        if tag == "script":
            self._open = None


def scripts_of(page: Path) -> list[tuple[str, str]]:
    scan = _Scripts()
    scan.feed(page.read_text(encoding="utf-8"))
    return scan.scripts


def build(tmp: Path, briefs: dict[str, str] | None = None, sources: list[Path] = ()) -> Path:
    content = tmp / "content"
    (content / "briefs").mkdir(parents=True)
    (content / "sources").mkdir()
    for name, text in (briefs or {}).items():
        (content / "briefs" / name).write_text(text, encoding="utf-8")
    for src in sources:
        shutil.copy(src, content / "sources")
    if sources:
        assert cli.main(["ingest", "-q", "--content", str(content), "-j", "1"]) == 0
    out = tmp / "build"
    report = build_site(Config(content_dir=content, out_dir=out, site_url="https://example.org", jobs=1), search=False)
    assert not report.errors, report.errors
    return out


@pytest.fixture(scope="module")
def site(tmp_path_factory) -> Path:
    return build(tmp_path_factory.mktemp("enc"), {"injected.yaml": RECORD}, [TITLE_PAGE])


def test_json_in_script_has_no_markup_characters_and_round_trips(site):
    page = site / "briefs" / "title-comment-script-xml-chars" / "index.html"
    [(kind, text), *rest] = [s for s in scripts_of(page) if s[0] == "application/ld+json"] + [("", "")]
    assert kind == "application/ld+json"
    assert not set(text) & set("<>&"), text[:200]
    data = json.loads(text)
    assert data["name"].startswith("Ice <!--<script> roads")
    # the page's own script comes after the JSON-LD and is still a separate element
    assert any("site.js" in line for line in page.read_text().splitlines()[-40:] + page.read_text().splitlines())


def test_no_xml_forbidden_character_in_any_html_or_xml_output(site):
    bad = []
    for path in sorted(site.rglob("*")):
        if path.suffix in (".html", ".xml", ".ris", ".bib"):
            text = path.read_text(encoding="utf-8")
            if XML_FORBIDDEN.search(text):
                bad.append(path.relative_to(site).as_posix())
    assert bad == []


def test_feed_and_sitemap_parse_as_xml(site):
    feed = ET.parse(site / "feed.xml").getroot()
    titles = [e.text for e in feed.iter("{http://www.w3.org/2005/Atom}title")]
    assert any(t and "roads" in t and "north" in t for t in titles)
    locs = [
        e.text
        for e in ET.parse(site / "sitemap.xml").getroot().iter("{http://www.sitemaps.org/schemas/sitemap/0.9}loc")
    ]
    assert "https://example.org/briefs/injected/" in locs


def citation_text(site: Path, kind: str) -> str:
    """The injected brief's BibTeX or RIS. Engine (issue 12) shows them on the brief page only (no
    cite.bib or cite.ris files): made here by the functions the page uses, and checked against it."""
    from bs4 import BeautifulSoup

    from research_digest.records.yamlio import load_record
    from research_digest.render import citations

    record = load_record(site.parent / "content" / "briefs" / "injected.yaml")
    make = citations.to_ris if kind == "ris" else citations.to_bibtex
    text = make(record, "https://example.org/briefs/injected/")
    page = BeautifulSoup((site / "briefs" / "injected" / "index.html").read_text(encoding="utf-8"), "lxml")
    assert page.select_one(f"pre#cite-{kind}").get_text().replace("\r\n", "\n") == text.replace("\r\n", "\n")
    return text


def test_ris_keeps_one_record_and_one_value_per_field(site):
    text = citation_text(site, "ris")
    lines = text.split("\r\n")
    assert lines[-1] == ""
    lines = lines[:-1]
    assert all(RIS_LINE.match(line) for line in lines), lines
    tags = [line[:2] for line in lines]
    assert tags.count("TY") == 1 and tags[0] == "TY"
    assert tags.count("ER") == 1 and tags[-1] == "ER"
    assert tags.count("AU") == 1 and tags.count("UR") <= 1 and tags.count("TI") == 1
    assert "\r" not in text.replace("\r\n", "") and "\n" not in text.replace("\r\n", "")


def test_bibtex_and_csl_json_keep_each_field_single_valued(site):
    bib = citation_text(site, "bib")
    lines = bib.splitlines()
    assert lines[0].startswith("@techreport{") and lines[-1] == "}"
    assert all(re.match(r"^  [a-z]+ = \{.*\},?$", line) for line in lines[1:-1]), lines
    [csl] = json.loads((site / "briefs" / "injected" / "cite.json").read_text(encoding="utf-8"))
    for key in ("title", "publisher", "collection-title", "number", "URL", "abstract"):
        assert "\n" not in csl[key] and "\r" not in csl[key], key
    assert csl["author"] == [{"family": "Person", "given": "Ann AU - Evil,"}]


def test_atom_and_json_ld_fields_are_single_values(site):
    page = site / "briefs" / "injected" / "index.html"
    [ld] = [json.loads(t) for k, t in scripts_of(page) if k == "application/ld+json"]
    assert "\n" not in ld["name"] and "\n" not in ld["publisher"]["name"]
    assert "sameAs" not in ld or "\n" not in ld["sameAs"]
    feed = ET.parse(site / "feed.xml").getroot()
    ns = "{http://www.w3.org/2005/Atom}"
    for entry in feed.iter(ns + "entry"):
        for tag in ("title", "id", "summary"):
            node = entry.find(ns + tag)
            assert node is None or "\n" not in (node.text or ""), tag


def test_check_passes_the_site_built_with_hostile_values(site):
    assert check_site(site) == []


# --- check catches the outputs an unfixed build wrote ------------------------------------------------

OLD_BRIEF = """<!doctype html><html lang="en"><head><title>x</title>
<script type="application/ld+json">{"name": "Ice <!--<script> roads"}</script>
<script src="../../static/site.js" defer></script></head>
<body><main><h1>Ice</h1><p>Text.</p></main></body></html>
"""
OLD_FEED = '<?xml version="1.0" encoding="utf-8"?>\n' + (
    '<feed xmlns="http://www.w3.org/2005/Atom"><title>Ice \x01 roads</title></feed>\n'
)
OLD_SITEMAP = (
    '<?xml version="1.0" encoding="utf-8"?>\n'
    '<urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9"><url><loc>a&b</loc></url>\n'
)
OLD_RIS = "TY  - RPRT\r\nTI  - Ice\nER  - \r\nTY  - JOUR\r\nER  - \r\n"


def test_check_reports_each_broken_output_of_an_unfixed_build(tmp_path):
    site = tmp_path / "build"
    (site / "briefs" / "x").mkdir(parents=True)
    (site / ".nojekyll").write_text("")
    (site / "static").mkdir()
    (site / "static" / "site.js").write_text("")
    (site / "index.html").write_text('<!doctype html><title>t</title><a href="briefs/x/">x</a>\x0b\n')
    (site / "briefs" / "x" / "index.html").write_text(OLD_BRIEF)
    (site / "feed.xml").write_text(OLD_FEED)
    (site / "sitemap.xml").write_text(OLD_SITEMAP)
    (site / "briefs" / "x" / "cite.ris").write_text(OLD_RIS, newline="")
    problems = [str(p) for p in check_site(site)]
    text = "\n".join(problems)
    assert f"{site / 'feed.xml'}:" in text and "not well-formed XML" in text
    assert f"{site / 'sitemap.xml'}:" in text
    assert re.search(re.escape(str(site / "index.html")) + r":1: character U\+000B is not allowed", text), text
    assert re.search(re.escape(str(site / "briefs/x/index.html")) + r":2: .*script.*<!--", text), text
    assert f"{site / 'briefs/x/cite.ris'}:" in text and "RIS" in text


def test_check_reports_json_ld_that_does_not_parse(tmp_path):
    site = tmp_path / "build"
    site.mkdir()
    (site / "index.html").write_text(
        '<!doctype html><title>t</title>\n<script type="application/ld+json">{"a": </script>\n'
    )
    [problem] = check_site(site)
    assert str(problem).startswith(f"{site / 'index.html'}:2: JSON-LD does not parse")


@pytest.mark.browser
def test_the_brief_page_keeps_its_body_in_chromium(browser, tmp_path):
    """Item 1 as a reader sees it: the JSON-LD element does not swallow the page."""
    import functools
    import http.server
    import threading

    site = build(tmp_path, sources=[TITLE_PAGE])
    handler = functools.partial(http.server.SimpleHTTPRequestHandler, directory=str(site))
    handler.log_message = lambda *args: None
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    try:
        page = browser.new_page()
        page.goto(f"http://127.0.0.1:{server.server_address[1]}/briefs/title-comment-script-xml-chars/")
        text = page.evaluate("() => document.body.innerText")
        assert "Northern Sea Route" in text
        assert page.evaluate("() => document.querySelectorAll('script[src$=\"site.js\"]').length") == 1
        page.close()
    finally:
        server.shutdown()
        server.server_close()
