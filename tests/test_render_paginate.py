"""Pagination of the home page and the term pages: the cutting itself, then a built site of 120
generated briefs (bench/make_corpus.py) read back through its own links."""

from __future__ import annotations

import sys
from pathlib import Path
from urllib.parse import urljoin

import pytest
from bs4 import BeautifulSoup

from research_digest.check import check_site
from research_digest.config import Config, load_config
from research_digest.errors import ConfigError
from research_digest.records.yamlio import load_records, record_paths
from research_digest.render import build_site
from research_digest.render.pages import TermCount, select_browse
from research_digest.render.paginate import Pager, count_pages, page_url, paginate, paginate_lists
from research_digest.render.site import Term, gather_site

sys.path.insert(0, str(Path(__file__).resolve().parent.parent / "bench"))
import make_corpus  # noqa: E402

PAGE_SIZE = 20
CORPUS = 120

# ---------------------------------------------------------------- the cutting


@pytest.mark.parametrize(
    "length, size, pages",
    [
        (0, 50, 1),
        (1, 50, 1),
        (50, 50, 1),
        (51, 50, 2),
        (100, 50, 2),
        (101, 50, 3),
        (120, 20, 6),
        (7, 1, 7),
        (500, 0, 1),
    ],
)
def test_count_pages_rounds_up_and_never_drops_to_zero(length: int, size: int, pages: int):
    assert count_pages(length, size) == pages


def test_paginate_splits_at_boundaries_keeping_order():
    items = list(range(101))
    pages = paginate(items, 50, "tags/x/")
    assert [len(p.items) for p in pages] == [50, 50, 1]
    assert [x for p in pages for x in p.items] == items  # every item once, in the order given
    assert [p.pager.url for p in pages] == ["tags/x/", "tags/x/page/2/", "tags/x/page/3/"]
    first, middle, last = (p.pager for p in pages)
    assert (first.prev_url, first.next_url) == (None, "tags/x/page/2/")
    assert (middle.prev_url, middle.next_url) == ("tags/x/", "tags/x/page/3/")
    assert (last.prev_url, last.next_url) == ("tags/x/page/2/", None)
    assert all(p.pager.count == 3 for p in pages)


def test_numbered_links_show_ends_and_neighbours_with_gaps_elided():
    def numbers(number: int, count: int) -> list:
        return [link and link[0] for link in Pager(number, count, "").urls]

    assert numbers(1, 5) == [1, 2, 3, 4, 5]
    assert numbers(10, 200) == [1, None, 8, 9, 10, 11, 12, None, 200]
    assert numbers(1, 200) == [1, 2, 3, None, 200]
    assert numbers(5, 200) == [1, 2, 3, 4, 5, 6, 7, None, 200]  # a one-page gap is shown, not "…"
    assert Pager(3, 200, "tags/x/").urls[2] == (3, "tags/x/page/3/")


def test_paginate_with_size_zero_puts_everything_on_one_page():
    pages = paginate(list(range(1000)), 0, "")
    assert len(pages) == 1 and len(pages[0].items) == 1000
    assert (pages[0].pager.prev_url, pages[0].pager.next_url) == (None, None)


def test_paginate_empty_list_has_one_empty_page():
    pages = paginate([], 50, "")
    assert len(pages) == 1 and list(pages[0].items) == []


def test_page_url_keeps_page_one_at_the_list_address():
    assert page_url("", 1) == "" and page_url("", 2) == "page/2/"
    assert page_url("actors/china/", 12) == "actors/china/page/12/"


def test_paginate_lists_cuts_in_step_to_the_longest():
    pages = paginate_lists([list("abc"), list(range(7)), []], 3, "tags/t/")
    assert [p.number for p, _ in pages] == [1, 2, 3]
    assert [lists for _, lists in pages] == [[list("abc"), [0, 1, 2], []], [[], [3, 4, 5], []], [[], [6], []]]


def test_page_size_setting_defaults_to_50_and_rejects_negatives(tmp_path: Path):
    assert Config().page_size == 50
    (tmp_path / "digest.toml").write_text("page_size = 0\n")
    assert load_config(tmp_path / "digest.toml").page_size == 0
    (tmp_path / "digest.toml").write_text("page_size = -3\n")
    with pytest.raises(ConfigError, match="page_size"):
        load_config(tmp_path / "digest.toml")


def test_browse_lists_the_most_used_terms_alphabetically_when_capped():
    counts = [TermCount(Term("tag", f"T{i:02}", f"t{i:02}"), briefs=i % 7, items=0) for i in range(40)]
    browse = select_browse("tag", counts, limit=5)
    assert browse.total == 40
    assert [c.briefs for c in browse.shown] == [6, 6, 6, 6, 6]  # the five most used (ties by slug) …
    assert [c.term.slug for c in browse.shown] == ["t06", "t13", "t20", "t27", "t34"]  # … alphabetically
    small = select_browse("tag", counts[:3], limit=5)
    assert [c.term.slug for c in small.shown] == ["t00", "t01", "t02"] and small.total == 3


# ---------------------------------------------------------------- a built site of 120 briefs


@pytest.fixture(scope="module")
def big_site(tmp_path_factory) -> tuple[Path, list]:
    root = tmp_path_factory.mktemp("paginated")
    make_corpus.main([str(CORPUS), str(root)])
    content = root / "content"
    records, errors = load_records(record_paths(content / "briefs"))
    assert errors == [] and len(records) == CORPUS
    out = root / "build"
    report = build_site(Config(content_dir=content, out_dir=out, page_size=PAGE_SIZE, jobs=2), search=False)
    assert report.errors == []
    return out, records


def read(out: Path, site_path: str) -> BeautifulSoup:
    return BeautifulSoup((out / site_path / "index.html").read_text(encoding="utf-8"), "lxml")


def follow_pages(out: Path, first: str) -> list[tuple[str, BeautifulSoup]]:
    """Walk a list from its first page by rel=next, checking each rel=prev leads back."""
    seen = []
    current, previous = first, None
    while current is not None and len(seen) < 100:
        soup = read(out, current)
        prev = soup.select_one('nav[aria-label="Pagination"] a[rel="prev"]')
        assert (urljoin("/" + current, prev["href"]) if prev else None) == (
            None if previous is None else "/" + previous
        )
        seen.append((current, soup))
        nxt = soup.select_one('nav[aria-label="Pagination"] a[rel="next"]')
        previous, current = current, (urljoin("/" + current, nxt["href"]).lstrip("/") if nxt else None)
    return seen


def test_home_pages_list_every_brief_once_newest_first(big_site):
    out, records = big_site
    pages = follow_pages(out, "")
    assert [p for p, _ in pages] == ["", "page/2/", "page/3/", "page/4/", "page/5/", "page/6/"]
    assert not (out / "page" / "7").exists()
    listed = [
        a["href"].split("briefs/")[1].strip("/") for _, soup in pages for a in soup.select(".briefs .card-title a")
    ]
    assert sorted(listed) == sorted(r.id for r in records) and len(listed) == len(set(listed))
    assert all(len(soup.select(".briefs .card")) == PAGE_SIZE for _, soup in pages)
    assert listed == [r.id for r in gather_site(records).records]
    dates = [soup_date for _, soup in pages for soup_date in (t["datetime"] for t in soup.select(".briefs .card time"))]
    assert dates == sorted(dates, reverse=True)


def test_home_pagination_nav_marks_the_current_page(big_site):
    out, _ = big_site
    soup = read(out, "page/3")
    nav = soup.select_one('nav[aria-label="Pagination"]')
    assert "Page 3 of 6" in nav.get_text(" ", strip=True)
    current = nav.select('[aria-current="page"]')
    assert [a.get_text(strip=True) for a in current] == ["3"]
    assert current[0]["href"] == "./"
    assert nav.select_one('a[rel="prev"]')["href"] == "../2/"
    assert nav.select_one('a[rel="next"]')["href"] == "../4/"
    assert soup.title.get_text().startswith("Briefs, page 3 of 6")
    assert read(out, "page/2").select_one('nav[aria-label="Pagination"] a[rel="prev"]')["href"] == "../../"


def test_browse_block_only_on_the_first_home_page(big_site):
    out, _ = big_site
    assert read(out, "").select_one("aside.filters") is not None
    assert read(out, "page/2").select_one("aside.filters") is None


def test_term_pages_list_each_brief_once_and_count_events_and_claims(big_site):
    out, records = big_site
    site = gather_site(records)
    paginated = 0
    for kind in ("tag", "actor", "publisher"):
        for index in site.terms[kind].values():
            pages = follow_pages(out, index.term.url)
            paginated += len(pages) > 1
            briefs = [a["href"] for path, soup in pages for a in soup.select(".card-title a")]
            assert len(briefs) == len(index.records) == len(set(briefs)), index.term.url
            assert [h.split("briefs/")[1].strip("/") for h in briefs] == [r.id for r in index.records]
            # events and claims are counted, not listed again (they are on the timeline and claims pages)
            mine = [r for r in records if index.term.name in (r.tags if kind == "tag" else [])]
            if kind == "tag":
                expected_counts = (sum(len(r.events) for r in mine), sum(len(r.claims) for r in mine))
            else:
                expected_counts = (len(index.events), len(index.claims))
            lede = pages[0][1].select_one(".lede").get_text(" ", strip=True)
            if any(expected_counts):
                assert f"{expected_counts[0]} event" in lede and f"{expected_counts[1]} claim" in lede, lede
            assert not pages[0][1].select(".event-list, .claim-cards")
            assert len(pages) == count_pages(len(index.records), PAGE_SIZE)
    assert paginated >= 3  # the corpus really exercises term pagination


def test_paginated_site_has_no_broken_links_and_sitemap_lists_pages(big_site):
    out, _ = big_site
    assert check_site(out) == []
    sitemap = (out / "sitemap.xml").read_text(encoding="utf-8")
    locs = set(BeautifulSoup(sitemap, "xml").find_all(string=True))
    assert {f"/page/{n}/" for n in range(2, 7)} <= locs and "/page/7/" not in locs
    term_pages = {p.parent.relative_to(out).as_posix() for p in out.glob("*/*/page/*/index.html")}
    assert term_pages and {f"/{p}/" for p in term_pages} <= locs


def test_list_pages_are_kept_out_of_the_search_index(big_site):
    out, _ = big_site
    for path in [out / "page" / "2" / "index.html", *out.glob("tags/*/page/2/index.html")]:
        assert "data-pagefind-body" not in path.read_text(encoding="utf-8")


def test_small_site_shows_no_pagination(site_dir: Path):
    for path in site_dir.rglob("*.html"):
        assert 'aria-label="Pagination"' not in path.read_text(encoding="utf-8"), path
    assert not (site_dir / "page").exists()
