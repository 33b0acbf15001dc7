"""``build_site`` end to end on the hand-written record fixtures (tests/records/)."""

from __future__ import annotations

import json
import os
import shutil
import subprocess
from pathlib import Path
from urllib.parse import unquote, urljoin, urlsplit

import pytest
import yaml
from bs4 import BeautifulSoup
from conftest import ROOT, SITE_BASE, build_test_site, make_content
from lxml import etree

from research_digest.config import Config
from research_digest.errors import DigestError
from research_digest.render import build_site

RSIS = "briefs/rsis-co26021-china-russia-arctic/"
NORTH = "briefs/north-watch-coast-guards-polar-route/"
VNU = ROOT / "node_modules" / "vnu-jar" / "build" / "dist" / "vnu.jar"
ATOM = "{http://www.w3.org/2005/Atom}"


def read(site: Path, path: str) -> str:
    return (site / path).read_text(encoding="utf-8")


def soup(site: Path, path: str) -> BeautifulSoup:
    return BeautifulSoup(read(site, path + ("index.html" if path.endswith("/") or not path else "")), "lxml")


def all_files(site: Path) -> dict[str, bytes]:
    return {p.relative_to(site).as_posix(): p.read_bytes() for p in sorted(site.rglob("*")) if p.is_file()}


# ---------------------------------------------------------------- pages and their contents


def test_build_writes_every_page_kind_at_directory_urls(site_dir: Path):
    for path in [
        "index.html",
        RSIS + "index.html",
        "timeline/index.html",
        "timeline/2024/index.html",
        "timeline/undated/index.html",
        "claims/index.html",
        "actors/index.html",
        "actors/china/index.html",
        "tags/index.html",
        "tags/arctic/index.html",
        "publishers/index.html",
        "publishers/the-polar-journal/index.html",
        "about/index.html",
        "404.html",
        "feed.xml",
        "sitemap.xml",
        "robots.txt",
        ".nojekyll",
        "records.json",
        RSIS + "record.json",
        RSIS + "cite.json",
        "static/style.css",
        "pagefind/shards.json",
        "pagefind/pagefind-component-ui.js",
    ]:
        assert (site_dir / path).is_file(), path
    shards = json.loads(read(site_dir, "pagefind/shards.json"))
    assert shards and all((site_dir / "pagefind" / name / "pagefind-entry.json").is_file() for name in shards)


def test_home_lists_briefs_newest_first_with_filter_links(site_dir: Path):
    page = soup(site_dir, "")
    titles = [a.get_text() for a in page.select(".card-title a")]
    assert titles == [
        "China and Russia in the Arctic: From a Bumpy Ride to Deeper Engagement",
        "Sino-Russian Arctic Cooperation: Systemic Pressure and Historical Distrust",
        "Coast Guards on the Polar Route: Reading the 2024 Sino-Russian Arctic Patrol",
    ]
    filters = {a["href"] for a in page.select(".filters a")}
    assert {"publishers/the-polar-journal/", "tags/maritime-security/", "actors/norad/"} <= filters


def test_brief_page_notes_each_claim_beside_its_sentence_in_the_text(site_dir: Path):
    page = soup(site_dir, RSIS)
    notes = page.select(".notes .note-claim a.note-link[href^='#s-']")
    assert len(notes) == 8  # the fixture's 8 claims
    for link in notes:
        span = page.find(id=link["href"][1:])
        assert span is not None and span.name == "span", link["href"]
        assert "claim" in span["class"]  # the sentence is marked, not turned into a link
        assert span.find("a") is None and span.find_parent("a") is None
        # the note hangs beside the paragraph its sentence is in, and opens with its first words
        assert link.find_parent(class_="para") is span.find_parent(class_="para")
        words = link.select_one(".note-excerpt").get_text().strip("“”").removesuffix("…")
        assert " ".join(span.get_text().split()).startswith(words)
    # the text comes before any list of claims: no claim list above the first paragraph
    first_paragraph = page.select_one(".text p[id]")
    assert not first_paragraph.find_all_previous(class_="claim-list")


def test_brief_page_gives_every_paragraph_a_permanent_anchor(site_dir: Path):
    page = soup(site_dir, RSIS)
    paragraphs = page.select(".text p[id]")
    assert len(paragraphs) == 23  # the gold body: 28 blocks, less the synopsis and 4 headings
    for p in paragraphs:
        assert p.select_one(f"a.pilcrow[href='#{p['id']}']") is not None
    assert [h.get_text() for h in page.select(".text h3")][0] == "The Enduring Importance of the Arctic"


def test_brief_header_shows_series_first_publication_and_affiliation(site_dir: Path):
    facts = " ".join(soup(site_dir, RSIS).select_one(".facts").get_text().split())
    assert "RSIS Commentary CO26021" in facts
    assert "China Dialogues, February 4, 2026" in facts
    assert "Daniel Balazs, Research Fellow, China Programme" in facts


def test_brief_page_has_jsonld_and_open_graph(site_dir: Path):
    page = soup(site_dir, "briefs/polar-journal-sino-russian-arctic-cooperation/")
    data = json.loads(page.select_one("script[type='application/ld+json']").string)
    assert data["@type"] == "ScholarlyArticle"
    assert [a["name"] for a in data["author"]] == ["Guðbjörg Ríkey Th. Hauksdóttir", "Baldur Thorhallsson"]
    assert data["datePublished"] == "2025-07-22"
    assert page.select_one("meta[property='og:title']")["content"].startswith("Sino-Russian Arctic Cooperation")
    assert page.select_one("meta[property='article:published_time']")["content"] == "2025-07-22"


def test_curator_note_renders_markdown_and_shows_raw_html_as_text(site_dir: Path):
    html = read(site_dir, NORTH + "index.html")
    note = soup(site_dir, NORTH).select_one(".note")
    assert note.select_one("strong").get_text() == "once"
    assert "&lt;script&gt;alert(" in html
    assert "<script>alert(" not in html


def test_original_link_is_shown_only_for_http_urls(site_dir: Path, tmp_path: Path):
    link = soup(site_dir, NORTH).select_one(".brief-header a.original")
    assert link.get_text() == "Read the original"
    assert link["href"] == "https://example.org/analysis/coast-guards-polar-route"
    assert link["rel"] == ["noopener", "nofollow"]
    content = make_content(tmp_path / "content")
    path = content / "briefs" / "north-watch-coast-guards-polar-route.yaml"
    path.write_text(
        path.read_text(encoding="utf-8").replace(
            "https://example.org/analysis/coast-guards-polar-route", "javascript:alert(1)"
        ),
        encoding="utf-8",
    )
    build_site(Config(content_dir=content, out_dir=tmp_path / "out"), search=False)
    html = (tmp_path / "out" / NORTH / "index.html").read_text(encoding="utf-8")
    assert "javascript:" not in html


def test_timeline_lists_event_told_twice_once_with_both_sources(site_dir: Path):
    page = soup(site_dir, "timeline/2024/")
    entries = [li for li in page.select("li.event") if "NORAD" in li.get_text()]
    assert len(entries) == 1
    assert entries[0].select_one("time")["datetime"] == "2024-07"
    sources = [a["href"] for a in entries[0].select(".sources a")]
    assert sorted(s.split("/")[3] for s in sources) == [
        "north-watch-coast-guards-polar-route",
        "rsis-co26021-china-russia-arctic",
    ]


def test_timeline_overview_links_every_year_page_and_years_link_prev_and_next(site_dir: Path):
    page = soup(site_dir, "timeline/")
    years = [a["href"] for a in page.select(".year-list a")]
    # by hand from tests/records: the dated years, then the undated events (two undated in RSIS,
    # one in North Watch, one in the Polar Journal)
    assert years == [f"{y}/" for y in (2012, 2013, 2017, 2021, 2023, 2024, 2025, 2026)] + ["undated/"]
    assert [a["href"] for a in page.select("svg.chart a")] == years[:-1]
    for i, href in enumerate(years):
        year = soup(site_dir, "timeline/" + href)
        pager = year.select_one("nav.year-pager")
        prev, nxt = pager.select_one("a[rel=prev]"), pager.select_one("a[rel=next]")
        assert (prev["href"] if prev else None) == ("../" + years[i - 1] if i else None)
        assert (nxt["href"] if nxt else None) == ("../" + years[i + 1] if i + 1 < len(years) else None)
    undated = soup(site_dir, "timeline/undated/")
    assert len(undated.select("ol.chronology > li")) == 4
    assert [t.get_text() for t in undated.select(".when")] == ["Undated"]  # the date printed once


def test_timeline_year_page_is_one_ordered_list_with_a_date_per_entry(site_dir: Path):
    page = soup(site_dir, "timeline/2025/")
    assert len(page.select("main ol")) == 1
    items = page.select("ol.chronology > li")
    assert len(items) == 2
    # two year-only events of 2025: the year is printed once, at the first
    assert [li.select_one("time") and li.select_one("time").get_text() for li in items] == ["2025", None]
    assert len({li["id"] for li in items}) == 2


def test_claims_page_puts_briefs_side_by_side_per_theme(site_dir: Path):
    overview = soup(site_dir, "claims/")
    link = overview.select_one("#china-russia-partnership a")
    assert link is not None and link.get_text() == "China–Russia partnership"
    page = soup(site_dir, "claims/china-russia-partnership/")
    sources = [c.select_one(".column-source").get_text() for c in page.select(".column")]
    # the RSIS commentary and the Polar Journal article disagree on the limits of cooperation
    assert any("Historical Distrust" in s for s in sources) and any("Bumpy Ride" in s for s in sources)
    assert "Where briefs differ" in page.get_text()


def test_about_page_comes_from_content_pages_about_md(site_dir: Path):
    page = soup(site_dir, "about/")
    assert page.select_one("h1").get_text() == "About this digest"
    assert [h.name for h in page.select("main h1, main h2")][:2] == ["h1", "h2"]


def test_not_found_page_links_absolutely_under_base_url(site_dir: Path):
    page = BeautifulSoup(read(site_dir, "404.html"), "lxml")
    hrefs = [a["href"] for a in page.select("main a")]
    assert hrefs and all(h.startswith(SITE_BASE) for h in hrefs)


@pytest.mark.parametrize("path", ["", RSIS, "timeline/", "claims/", "actors/china/", "about/"])
def test_every_page_has_the_search_box_with_the_absolute_bundle_path(site_dir: Path, path: str):
    """The header's box tells site.js where the bundle is: an absolute path under base_url (the
    Component UI cannot find it from a relative one). Nothing of Pagefind is loaded up front."""
    page = soup(site_dir, path)
    box = page.select_one("header [data-search-bundle]")
    assert box["data-search-bundle"] == "/digest/pagefind/"
    assert box["data-search-base"] == "/digest/"
    assert box.select_one("input[type=search]")["aria-keyshortcuts"] == "/"
    loaded = [t.get("src") or t.get("href") or "" for t in page.select("script[src], link[rel=stylesheet]")]
    assert not [u for u in loaded if "pagefind" in u]
    assert soup(site_dir, "").select_one("[data-file-notice]") is not None


# ---------------------------------------------------------------- data files


def test_records_json_indexes_every_record_sorted_by_id(site_dir: Path):
    records = json.loads(read(site_dir, "records.json"))
    assert [r["id"] for r in records] == sorted(r["id"] for r in records)
    assert len(records) == 3
    for entry in records:  # each entry leads to the record, whole, beside its page
        whole = json.loads(read(site_dir, entry["record"]))
        assert (whole["id"], whole["title"]) == (entry["id"], entry["title"]) and entry[
            "url"
        ] == f"briefs/{entry['id']}/"
    one = json.loads(read(site_dir, RSIS + "record.json"))
    assert one["series"] == {"name": "RSIS Commentary", "number": "CO26021"}


def test_feed_is_atom_with_one_entry_per_brief(site_dir: Path):
    feed = etree.fromstring((site_dir / "feed.xml").read_bytes())
    entries = feed.findall(f"{ATOM}entry")
    assert [e.findtext(f"{ATOM}id") for e in entries][0] == "tag:research-digest,2026:rsis-co26021-china-russia-arctic"
    assert feed.findtext(f"{ATOM}updated") == "2026-02-06T00:00:00Z"
    assert entries[0].find(f"{ATOM}link").get("href") == RSIS


def test_site_url_makes_feed_sitemap_and_canonical_absolute(tmp_path: Path):
    site = build_test_site(tmp_path, search=False, site_url="https://example.github.io")
    feed = etree.fromstring((site / "feed.xml").read_bytes())
    assert feed.find(f"{ATOM}entry").findtext(f"{ATOM}id") == "https://example.github.io/digest/" + RSIS
    sitemap = etree.fromstring((site / "sitemap.xml").read_bytes())
    locs = [e.text for e in sitemap.iter("{http://www.sitemaps.org/schemas/sitemap/0.9}loc")]
    assert "https://example.github.io/digest/timeline/" in locs
    assert "Sitemap: https://example.github.io/digest/sitemap.xml" in (site / "robots.txt").read_text()
    page = soup(site, RSIS)
    assert page.select_one("link[rel='canonical']")["href"] == "https://example.github.io/digest/" + RSIS
    assert page.select_one("meta[property='og:url']")["content"] == "https://example.github.io/digest/" + RSIS


def test_no_search_build_leaves_out_bundle_and_search_box(tmp_path: Path):
    site = build_test_site(tmp_path, search=False)
    assert not (site / "pagefind").exists()
    assert soup(site, "").select_one("[data-search-bundle]") is None


# ---------------------------------------------------------------- whole-site checks


def test_two_builds_are_byte_identical(site_dir: Path, tmp_path: Path):
    again = build_test_site(tmp_path)
    assert all_files(again) == all_files(site_dir)


def test_every_internal_link_and_fragment_resolves(site_dir: Path):
    ids: dict[str, set[str]] = {}
    pages = {}
    for path in sorted(site_dir.rglob("*.html")):
        rel = path.relative_to(site_dir).as_posix()
        pages[rel] = BeautifulSoup(path.read_text(encoding="utf-8"), "lxml")
        ids[rel] = {el["id"] for el in pages[rel].select("[id]")}
    broken = []
    for rel, page in pages.items():
        base = "http://site" + SITE_BASE + rel
        for el in page.select("a[href], link[href], script[src], img[src]"):
            ref = el.get("href") or el.get("src")
            url = urlsplit(urljoin(base, ref))
            if url.netloc != "site":
                continue
            assert url.path.startswith(SITE_BASE), f"{rel}: {ref} leaves the site"
            target = unquote(url.path[len(SITE_BASE) :])
            if target == "" or target.endswith("/"):
                target += "index.html"
            if not (site_dir / target).is_file():
                broken.append(f"{rel}: {ref}")
            elif url.fragment and target in ids and url.fragment not in ids[target]:
                broken.append(f"{rel}: {ref} (no id {url.fragment})")
    assert broken == []


@pytest.mark.slow
def test_nu_html_checker_reports_no_errors(site_dir: Path):
    java = shutil.which("java")
    if not java or not VNU.is_file():
        if os.environ.get("CI"):
            pytest.fail("CI is set but java or node_modules/vnu-jar is missing (run npm ci)")
        pytest.skip("needs java and vnu.jar (npm ci)")
    run = subprocess.run(
        [java, "-jar", str(VNU), "--errors-only", "--skip-non-html", "--format", "json", "--stdout", str(site_dir)],
        capture_output=True,
        text=True,
        check=False,
    )
    messages = json.loads(run.stdout or "{}").get("messages", [])
    assert [f"{m.get('url', '').rsplit('/digest/', 1)[-1]}:{m.get('lastLine')}: {m['message']}" for m in messages] == []


def test_slug_collision_is_reported_and_both_pages_are_kept(tmp_path: Path):
    content = make_content(tmp_path / "content")
    path = content / "briefs" / "polar-journal-sino-russian-arctic-cooperation.yaml"
    data = yaml.safe_load(path.read_text(encoding="utf-8"))
    data["tags"] = ["Arctic!"]  # the North Watch fixture has the tag "Arctic": both slug to "arctic"
    path.write_text(yaml.safe_dump(data, allow_unicode=True, sort_keys=False), encoding="utf-8")
    report = build_site(Config(content_dir=content, out_dir=tmp_path / "out"), search=False)
    assert len(report.errors) == 1 and "both make the page tags/arctic/" in str(report.errors[0])
    assert (tmp_path / "out" / "tags" / "arctic" / "index.html").is_file()
    assert (tmp_path / "out" / "tags" / "arctic-2" / "index.html").is_file()


def test_broken_record_is_reported_and_the_others_still_build(tmp_path: Path):
    content = make_content(tmp_path / "content")
    (content / "briefs" / "broken.yaml").write_text("id: broken\ntitle: [unclosed\n", encoding="utf-8")
    report = build_site(Config(content_dir=content, out_dir=tmp_path / "out"), search=False)
    assert report.records == 3 and len(report.errors) == 1
    assert "broken.yaml" in str(report.errors[0])
    assert (tmp_path / "out" / RSIS / "index.html").is_file()


def test_claims_theme_page_has_a_column_per_brief_sorted_by_title(site_dir: Path):
    page = soup(site_dir, "claims/china-russia-partnership/")
    sources = [c.select_one(".column-source").get_text() for c in page.select(".column")]
    assert len(sources) >= 2 and sources == sorted(sources, key=str.casefold)


def test_templates_beside_content_override_and_template_errors_name_the_file(tmp_path: Path):
    content = make_content(tmp_path / "content")
    shutil.copytree(ROOT / "templates", tmp_path / "templates")
    page = tmp_path / "templates" / "page.html"
    page.write_text(page.read_text(encoding="utf-8").replace("{{ title }}", "{{ no_such_variable }}"), encoding="utf-8")
    with pytest.raises(DigestError) as caught:
        build_site(Config(content_dir=content, out_dir=tmp_path / "out"), search=False)
    assert "page.html" in str(caught.value) and "no_such_variable" in str(caught.value)
    assert not (tmp_path / "out").exists()  # nothing written when a page fails to render


def test_empty_content_builds_a_site_dated_by_source_date_epoch(tmp_path: Path, monkeypatch):
    monkeypatch.setenv("SOURCE_DATE_EPOCH", str(365 * 86400))
    (tmp_path / "content" / "briefs").mkdir(parents=True)
    report = build_site(Config(content_dir=tmp_path / "content", out_dir=tmp_path / "out"), search=False)
    assert report.errors == [] and report.records == 0
    feed = etree.fromstring((tmp_path / "out" / "feed.xml").read_bytes())
    assert feed.findtext(f"{ATOM}updated") == "1971-01-01T00:00:00Z"
    assert "No briefs yet" in (tmp_path / "out" / "index.html").read_text(encoding="utf-8")
    assert "No events yet" in (tmp_path / "out" / "timeline" / "index.html").read_text(encoding="utf-8")


def test_brief_page_shows_bibtex_and_ris_inline_and_links_csl_json(site_dir: Path):
    page = soup(site_dir, RSIS)
    formats = {d.summary.get_text(): d.pre.get_text() for d in page.select("details.cite-format")}
    assert formats["BibTeX"].startswith("@") and "China and Russia in the Arctic" in formats["BibTeX"]
    assert formats["RIS"].startswith("TY  - ") and formats["RIS"].rstrip().endswith("ER  -")
    csl = json.loads(read(site_dir, RSIS + "cite.json"))
    assert csl[0]["title"].startswith("China and Russia in the Arctic")
    assert not (site_dir / RSIS / "cite.bib").exists() and not (site_dir / RSIS / "cite.ris").exists()
