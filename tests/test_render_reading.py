"""The reading view of a brief, the home page's overview and the digest's identity, on the built
fixture site (the RSIS and Polar Journal records and the hand-written North Watch analysis).

Expected values were read off the fixture records by hand: RSIS has four section headings and
1,168 words; the Polar Journal record holds only the abstract; the briefs are dated 2024-11-18
(North Watch), 2025-07-22 (Polar Journal) and 2026-02-06 (RSIS).
"""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from bs4 import BeautifulSoup
from conftest import RECORDS, ROOT

from research_digest.records.yamlio import load_record
from research_digest.render import reading
from research_digest.render.overview import summarise
from research_digest.render.related import link_briefs
from research_digest.render.text import split_sentences

RSIS = "briefs/rsis-co26021-china-russia-arctic/"
POLAR = "briefs/polar-journal-sino-russian-arctic-cooperation/"
NORTH = "briefs/north-watch-coast-guards-polar-route/"


def soup(site_dir: Path, path: str) -> BeautifulSoup:
    file = site_dir / (path if path.endswith(".html") else path + "index.html")
    return BeautifulSoup(file.read_text(encoding="utf-8"), "lxml")


def records():
    return [load_record(p) for p in sorted(RECORDS.glob("*.yaml"))]


# ---------------------------------------------------------------- the brief page


def test_text_comes_first_with_a_table_of_contents_and_reading_time(site_dir: Path):
    page = soup(site_dir, RSIS)
    toc = [(a.get_text(), a["href"]) for a in page.select("nav.toc a")]
    assert [t for t, _ in toc] == [
        "The Enduring Importance of the Arctic",
        "The Arctic – Where China and Russia have not always seen eye to eye",
        "Geopolitical Pressure Warms up Icy Arctic Ties between Beijing and Moscow",
        "The Prognosis: Deepening Sino-Russian Cooperation in the Arctic",
    ]
    for _, href in toc:
        assert page.select_one(f".text h3{href}") is not None
    assert page.select_one(".reading-time").get_text() == "5 min read"  # 1,168 words at 230 a minute
    # nothing but the header, the table of contents and the text's label stand before the text
    before = page.select_one(".text").find_all_previous(["section", "ol", "ul"])
    assert not [
        el for el in before if "claim" in " ".join(el.get("class", [])) or "event" in " ".join(el.get("class", []))
    ]


def test_events_are_margin_notes_beside_their_paragraph(site_dir: Path):
    page = soup(site_dir, RSIS)
    notes = page.select(".notes .note-event")
    assert len(notes) == 14  # the fixture record's 14 events
    patrol = [n for n in notes if "October 2024" in n.get_text()]
    assert len(patrol) == 1
    target = page.find(id=patrol[0].select_one("a")["href"][1:])
    assert target.get_text().startswith("In October, China’s Coast Guard announced its first entry")
    assert "event" in target["class"]


def test_abstract_only_record_says_so_and_shows_the_abstract_once(site_dir: Path):
    page = soup(site_dir, POLAR)
    mark = page.select_one(".abstract-only")
    assert mark is not None and mark.get_text().startswith("Abstract only.")
    page.select_one(".cite").decompose()  # the citation files (collapsed) carry the abstract as data
    main = " ".join(page.select_one("main").get_text().split())
    assert main.count("Historical distrust can be understood as as negative historical events") == 1
    assert page.select_one("section.synopsis") is None
    # a full-text brief gets no such mark
    assert soup(site_dir, RSIS).select_one(".abstract-only") is None


def test_synopsis_repeated_as_first_paragraph_is_shown_once(site_dir: Path):
    page = soup(site_dir, RSIS)
    page.select_one(".cite").decompose()
    main = " ".join(page.select_one("main").get_text().split())
    assert main.count("Amid growing navigability and strategic competition in the Arctic") == 1


def test_previous_and_next_follow_the_publication_dates(site_dir: Path):
    polar = soup(site_dir, POLAR)
    assert polar.select_one(".prev-next a[rel=prev]")["href"] == "../north-watch-coast-guards-polar-route/"
    assert polar.select_one(".prev-next a[rel=next]")["href"] == "../rsis-co26021-china-russia-arctic/"
    newest = soup(site_dir, RSIS)
    assert newest.select_one(".prev-next a[rel=next]") is None
    assert newest.select_one(".prev-next a[rel=prev]")["href"] == "../polar-journal-sino-russian-arctic-cooperation/"


def test_related_briefs_rank_by_shared_rare_actors():
    links = link_briefs(records())
    related = links["rsis-co26021-china-russia-arctic"].related
    # North Watch retells RSIS's patrol and bomber events: it shares NORAD and the China Coast Guard
    assert related[0].brief.id == "north-watch-coast-guards-polar-route"
    assert "NORAD" in related[0].actors
    assert {r.brief.id for r in related} == {
        "north-watch-coast-guards-polar-route",
        "polar-journal-sino-russian-arctic-cooperation",
    }


def test_related_briefs_weigh_shared_themes_and_skip_briefs_sharing_nothing():
    recs = records()
    by_id = {r.id: r for r in recs}
    by_id["polar-journal-sino-russian-arctic-cooperation"].themes = ["Trust and distrust"]
    by_id["rsis-co26021-china-russia-arctic"].themes = ["Trust and distrust"]
    links = link_briefs(recs)
    first = links["rsis-co26021-china-russia-arctic"].related[0]
    assert first.brief.id == "polar-journal-sino-russian-arctic-cooperation"
    assert first.themes == ("Trust and distrust",)
    loner = load_record(RECORDS / "polar-journal-sino-russian-arctic-cooperation.yaml")
    loner.id, loner.claims, loner.events, loner.date = "loner", [], [], None
    links = link_briefs([*records(), loner])
    assert links["loner"].related == () and links["loner"].previous is None and links["loner"].next is None


def test_citation_formats_are_shown_with_their_download_and_a_copy_button(site_dir: Path):
    page = soup(site_dir, NORTH)
    for key, name in (("bib", "cite.bib"), ("ris", "cite.ris"), ("json", "cite.json")):
        pre = page.select_one(f"pre#cite-{key}")
        if key != "json":  # engine (issue 12): BibTeX and RIS are on the page only, three files a brief
            assert not (site_dir / NORTH / name).exists()
            assert pre.find_parent("details").find("a", download=True) is None
            assert pre.get_text().startswith("@" if key == "bib" else "TY  - ")
        else:
            assert pre.get_text() == (site_dir / NORTH / name).read_text(encoding="utf-8").replace("\r\n", "\n")
            assert pre.find_next("a", download=True)["href"] == name
        button = page.select_one(f"button.copy[data-copy=cite-{key}]")
        assert button.has_attr("hidden")  # shown by reading.js only where the clipboard works
    assert "UR  - https://example.org/analysis/coast-guards-polar-route" in page.select_one("pre#cite-ris").get_text()


def test_publishers_categories_and_themes_are_labelled_as_such(site_dir: Path, tmp_path: Path):
    assert soup(site_dir, RSIS).select_one("#tags-heading").get_text() == "Publisher’s categories"
    from conftest import build_test_site

    content_site = build_test_site(tmp_path, search=False)
    assert soup(content_site, POLAR).select_one("ul.themes") is None  # no themes yet: nothing shown
    path = tmp_path / "content" / "briefs" / "polar-journal-sino-russian-arctic-cooperation.yaml"
    path.write_text(path.read_text(encoding="utf-8") + "themes:\n- Trust and distrust\n", encoding="utf-8")
    from research_digest.config import load_config
    from research_digest.render import build_site

    out = tmp_path / "themed"
    build_site(
        load_config(ROOT / "digest.toml", content_dir=tmp_path / "content", out_dir=out, base_url="/"), search=False
    )
    assert [li.get_text() for li in soup(out, POLAR).select(".brief-header ul.themes li")] == ["Trust and distrust"]
    assert [li.get_text() for li in soup(out, "").select(".card ul.themes li")] == ["Trust and distrust"]


# ---------------------------------------------------------------- the home page


def test_home_opens_with_span_counts_key_claims_latest_events_and_differences(site_dir: Path):
    page = soup(site_dir, "")
    glance = " ".join(page.select_one(".at-a-glance").get_text().split())
    assert glance.startswith("3 briefs from 3 publishers, published November 18, 2024 to February 6, 2026:")
    # every key claim links to a marked sentence of its brief
    links = page.select(".key-claims a, .compare a[href*='#s-']")
    assert links
    for a in links:
        brief, fragment = a["href"].split("#")
        target = soup(site_dir, brief).find(id=fragment)
        assert target is not None and target.name == "span"
        assert " ".join(target.get_text().split()) == " ".join(a.get_text().split())
    latest = [li.select_one(".when").get_text() for li in page.select(".latest-list li")]
    assert latest[0] == "January 2026"  # the newest event of the corpus (RSIS: Greenland)
    assert page.select(".compare .comparison")  # North Watch and RSIS share themes
    # the overview sits before the list of briefs
    assert page.select_one(".overview").find_next(id="briefs-heading") is not None


def test_overview_never_says_briefs_disagree_without_polarity():
    overview = summarise(records())
    assert overview.comparisons and not any(c.opposed for c in overview.comparisons)
    shown = [id(ref.claim) for t in overview.themes for ref in t.claims]
    compared = [id(c.left.claim) for c in overview.comparisons] + [id(c.right.claim) for c in overview.comparisons]
    assert not set(shown) & set(compared)  # a claim is shown once on the home page


def test_overview_uses_claim_polarity_when_claims_carry_it():
    recs = records()
    polar = next(r for r in recs if r.id.startswith("polar"))
    rsis = next(r for r in recs if r.id.startswith("rsis"))
    for claim in polar.claims:
        claim.theme, claim.polarity = "Alliance", "against"  # as issue 14 will add them
    for claim in rsis.claims:
        claim.theme, claim.polarity = "Alliance", "for"
    overview = summarise([polar, rsis])
    assert overview.comparisons[0].theme == "Alliance" and overview.comparisons[0].opposed


def test_card_lead_skips_sentences_that_only_describe_the_article():
    polar = load_record(RECORDS / "polar-journal-sino-russian-arctic-cooperation.yaml")
    lead = reading.lead_sentences(polar, split_sentences)
    assert "This article examines" not in lead and "We offer" not in lead
    assert lead.startswith("China and Russia have deepened their cooperation in the Arctic")
    assert lead.endswith(".")  # whole sentences, never cut mid-way


@pytest.mark.parametrize(
    "synopsis, expected",
    [
        (
            "This article examines the Arctic. We argue that the trend is here to stay.",
            "We argue that the trend is here to stay.",
        ),
        ("This paper explores ice. In this paper, we examine ports.", ""),
        ("A" * 10 + " " + "word " * 200, ("A" * 10 + " " + "word " * 200)[:420].rsplit(" ", 1)[0] + "…"),
    ],
)
def test_card_lead_on_adversarial_synopses(synopsis: str, expected: str):
    record = load_record(RECORDS / "polar-journal-sino-russian-arctic-cooperation.yaml")
    record.synopsis = synopsis
    assert reading.lead_sentences(record, split_sentences) == expected


def test_home_card_never_stops_at_this_article_examines(site_dir: Path):
    card = [c for c in soup(site_dir, "").select(".card") if "Systemic Pressure" in c.get_text()][0]
    text = card.select_one(".synopsis").get_text()
    assert "examines" not in text and not text.endswith("…")


# ---------------------------------------------------------------- identity, descriptions, favicon, contrast


def test_every_page_has_its_own_meta_description(site_dir: Path):
    seen: dict[str, str] = {}
    for file in sorted(site_dir.rglob("*.html")):
        if "/pagefind/" in file.as_posix():
            continue
        meta = BeautifulSoup(file.read_text(encoding="utf-8"), "lxml").select_one("meta[name=description]")
        content = meta["content"]
        assert len(content) > 40, file
        assert content not in seen, f"{file} has the description of {seen.get(content)}"
        seen[content] = str(file)
    home = soup(site_dir, "")
    assert home.select_one("h1").get_text() == "Arctic Sino-Russian Cooperation"
    assert "China and Russia in the Arctic" in home.select_one("meta[name=description]")["content"]


def test_about_page_opens_with_the_corpus_and_links_no_placeholder(site_dir: Path):
    page = soup(site_dir, "about/")
    text = page.select_one("main").get_text()
    assert "how far do China and Russia cooperate in the Arctic" in text
    assert not [
        a["href"] for a in page.select("main a") if a["href"].rstrip("/") in ("https://github.com", "http://github.com")
    ]


def test_favicon_is_an_svg_file_linked_from_every_page(site_dir: Path):
    svg = (site_dir / "static" / "favicon.svg").read_text(encoding="utf-8")
    assert svg.startswith("<svg") and "<script" not in svg
    for path in ("", RSIS, "timeline/", "404.html"):
        link = soup(site_dir, path).select_one("link[rel=icon]")
        assert link["type"] == "image/svg+xml" and link["href"].endswith("static/favicon.svg")


def _luminance(hex_colour: str) -> float:
    channels = [int(hex_colour[i : i + 2], 16) / 255 for i in (1, 3, 5)]
    linear = [c / 12.92 if c <= 0.03928 else ((c + 0.055) / 1.055) ** 2.4 for c in channels]
    return 0.2126 * linear[0] + 0.7152 * linear[1] + 0.0722 * linear[2]


def _contrast(a: str, b: str) -> float:
    hi, lo = sorted((_luminance(a), _luminance(b)), reverse=True)
    return (hi + 0.05) / (lo + 0.05)


@pytest.mark.parametrize("scheme", ["light", "dark"])
def test_highlight_stands_out_from_the_page_by_at_least_3_to_1(scheme: str):
    css = (ROOT / "templates" / "static" / "style.css").read_text(encoding="utf-8")
    block = css.split("@media (prefers-color-scheme: dark)")[1 if scheme == "dark" else 0]
    colours = dict(re.findall(r"--(bg|mark|mark-fg):\s*(#[0-9a-f]{6})", block))
    assert _contrast(colours["mark"], colours["bg"]) >= 3.0
    assert _contrast(colours["mark"], colours["mark-fg"]) >= 4.5  # the sentence stays readable on it
