"""Pages in the real structure of known and unknown sites (tests/pages/), against hand-written expectations.

One test id per page, as trafilatura's evaluation does: the fields, the exact body, the passages that
must appear (start and end, which catch truncation) and the chrome that must not.
"""

from __future__ import annotations

from pathlib import Path

import pytest
import yaml

from research_digest.errors import InputError
from research_digest.readers import read_page
from research_digest.sources import parse_page

PAGES = Path(__file__).resolve().parent / "pages"
EXPECT = yaml.safe_load((PAGES / "expect.yaml").read_text(encoding="utf-8"))
FIELDS = ("title", "date", "publisher", "kind", "listed_by", "citation", "synopsis", "tags")


@pytest.mark.parametrize("name", sorted(EXPECT), ids=str)
def test_page_matches_hand_written_expectations(name):
    want = EXPECT[name]
    page = read_page(PAGES / name)
    if "error" in want:
        with pytest.raises(InputError, match=want["error"]):
            parse_page(page)
        return
    record = parse_page(page)
    assert record.source.profile == want["profile"]
    for key in FIELDS:
        if key in want:
            assert getattr(record, key) == want[key], key
    assert [a.name for a in record.authors] == want["authors"]
    by_name = {a.name: a for a in record.authors}
    for name_, affiliation in want.get("affiliations", {}).items():
        assert by_name[name_].affiliation == affiliation
    for name_, start in want.get("affiliation_starts", {}).items():
        assert (by_name[name_].affiliation or "").startswith(start)
    if "series" in want:
        assert (record.series.name, record.series.number) == (want["series"]["name"], want["series"]["number"])
    if "url" in want:
        assert record.source.url == want["url"]
    texts = [b.text for b in record.body]
    assert texts == want["body"]
    marked = [b.text for b in record.body if b.kind == "heading"]
    assert set(want["headings"]) <= set(marked)
    assert set(marked) <= set(want["headings"]) | set(want.get("headings_unclear", []))
    joined = "\n".join(texts)
    for snippet in want["with"]:
        assert snippet in joined, snippet
    for snippet in want["without"]:
        assert snippet not in joined, snippet


def test_generic_safety_net_keeps_article_when_a_footer_marker_sits_mid_article():
    record = parse_page(read_page(PAGES / "adversarial" / "list-heavy-explainer.txt"))
    texts = [b.text for b in record.body]
    assert "More from the Council’s working groups" in texts  # a footer marker, yet mid-article
    assert texts[-1] == "2024: working groups resume"


def test_page_with_only_short_lines_is_refused_naming_the_file(tmp_path):
    path = tmp_path / "menu.txt"
    path.write_text("Home\nAbout\nResearch\nEvents\nContact\n", encoding="utf-8")
    with pytest.raises(InputError) as info:
        parse_page(read_page(path))
    assert str(path) in str(info.value) and "\n" not in str(info.value)


def test_parse_is_deterministic_across_runs():
    for name in sorted(EXPECT):
        if "error" in EXPECT[name]:
            continue
        first = parse_page(read_page(PAGES / name))
        assert parse_page(read_page(PAGES / name)) == first
