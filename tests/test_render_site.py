"""Site model: relative links from one function, slugs, ordering and term indexes."""

from __future__ import annotations

import posixpath

import pytest
from conftest import RECORDS
from hypothesis import given
from hypothesis import strategies as st

from research_digest.records.yamlio import load_records
from research_digest.render.site import _relpath, gather_site, relative_url, slugify, sort_newest_first


@pytest.mark.parametrize(
    "from_url,to_url,expected",
    [
        ("", "briefs/a/", "briefs/a/"),
        ("", "", "./"),
        ("briefs/a/", "", "../../"),
        ("briefs/a/", "tags/b/", "../../tags/b/"),
        ("briefs/a/", "briefs/a/#s-p-1-0", "./#s-p-1-0"),
        ("briefs/a/", "briefs/a/cite.bib", "cite.bib"),
        ("timeline/", "briefs/a/#s-p-1-0", "../briefs/a/#s-p-1-0"),
        ("404.html", "static/style.css", "static/style.css"),
        ("feed.xml", "briefs/a/", "briefs/a/"),
    ],
)
def test_relative_url_links_between_site_paths(from_url, to_url, expected):
    assert relative_url(from_url, to_url) == expected


@pytest.mark.parametrize(
    "text,expected",
    [
        ("International Politics and Security", "international-politics-and-security"),
        ("S. Rajaratnam School of International Studies (RSIS)", "s-rajaratnam-school-of-international-studies-rsis"),
        ("Guðbjörg Ríkey", "gudbjorg-rikey"),
        ("  --Arctic!!  ", "arctic"),
    ],
)
def test_slugify_makes_ascii_slugs(text, expected):
    assert slugify(text) == expected


def test_slugify_falls_back_to_a_hash_for_text_without_latin_letters():
    assert slugify("北极") == slugify("北极") != slugify("俄罗斯")
    assert slugify("北极").startswith("x-")


def test_briefs_sort_newest_first_with_undated_last():
    records, errors = load_records(sorted(RECORDS.glob("*.yaml")))
    assert not errors
    records[1].date = None
    order = [r.id for r in sort_newest_first(records)]
    assert order[-1] == records[1].id
    assert order[:2] == ["rsis-co26021-china-russia-arctic", "north-watch-coast-guards-polar-route"]


def test_gather_site_indexes_actors_from_events_and_claims():
    records, _ = load_records(sorted(RECORDS.glob("*.yaml")))
    site = gather_site(records)
    norad = site.terms["actor"]["norad"]
    assert sorted(r.record.id for r in norad.events) == [
        "north-watch-coast-guards-polar-route",
        "rsis-co26021-china-russia-arctic",
    ]
    assert norad.claims == []
    united_states = site.terms["actor"]["united-states"]
    assert len(united_states.claims) == 1  # the RSIS recommendation to regional states
    assert [r.id for r in site.terms["publisher"]["the-polar-journal"].records] == [
        "polar-journal-sino-russian-arctic-cooperation"
    ]
    assert site.errors == []


SEGMENTS = ["", "a", "b", "briefs", "tags", "index.html", ".", "..", "é x"]


@given(st.lists(st.sampled_from(SEGMENTS), max_size=5), st.lists(st.sampled_from(SEGMENTS), max_size=5))
def test_relpath_fast_path_equals_posixpath_relpath(to_parts, from_parts):
    path, from_dir = "/".join(to_parts), "/".join(from_parts)
    assert _relpath(path, from_dir) == posixpath.relpath("/" + path, "/" + from_dir.rstrip("/"))
