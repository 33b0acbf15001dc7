"""The seed pages against their gold records (tests/gold/): fields, authors, and the body exactly."""

from __future__ import annotations

import pytest
from conftest import SEED_NAMES, SEEDS, load_gold

from research_digest.readers import read_page
from research_digest.sources import parse_page


def _parse(name: str):
    return parse_page(read_page(SEEDS / f"{name}.txt"))


@pytest.mark.parametrize("name", SEED_NAMES)
def test_seed_fields_match_gold(name):
    gold, record = load_gold(name), _parse(name)
    assert record.title == gold["title"]
    assert [a.name for a in record.authors] == gold["authors"]
    assert record.date == gold["date"]
    assert record.publisher == gold["publisher"]
    assert record.synopsis == gold["synopsis"]
    assert record.id == "" and all(b.id == "" for b in record.body)
    assert record.claims == [] and record.events == []


@pytest.mark.parametrize("name", SEED_NAMES)
def test_seed_body_has_every_gold_paragraph_once_and_nothing_else(name):
    gold, record = load_gold(name), _parse(name)
    texts = [b.text for b in record.body]
    for paragraph in gold["body"]:
        assert texts.count(paragraph) == 1, paragraph
    allowed = set(gold["body"]) | set(gold.get("optional") or [])
    assert [t for t in texts if t not in allowed] == []
    assert [t for t in texts if t in gold["body"]] == gold["body"]  # in the page's order


@pytest.mark.parametrize("name", SEED_NAMES)
def test_seed_headings_are_marked_as_headings(name):
    gold, record = load_gold(name), _parse(name)
    headings = [b.text for b in record.body if b.kind == "heading"]
    assert headings == gold.get("headings", [])


def test_rsis_seed_series_tags_and_first_publication():
    gold, record = load_gold("rsis-co26021-china-russia-arctic"), _parse("rsis-co26021-china-russia-arctic")
    assert record.source.profile == "rsis"
    assert record.series.number == gold["series_id"] and record.series.name == "RSIS Commentary Series"
    assert record.kind == "Commentary"
    assert record.first_published.venue == gold["first_published"]["venue"]
    assert record.first_published.date == gold["first_published"]["date"]
    assert record.tags and set(record.tags) <= set(gold["tags_any_of"])
    author = record.authors[0]
    assert author.affiliation.startswith("Research Fellow in the China Programme of the S. Rajaratnam School")
    assert author.bio == gold["optional"][0]


def test_wilson_seed_listing_kind_and_citation():
    gold = load_gold("polar-journal-sino-russian-arctic-cooperation")
    record = _parse("polar-journal-sino-russian-arctic-cooperation")
    assert record.source.profile == "wilson"
    assert record.listed_by == gold["listed_by"]
    assert record.kind == "Article"
    assert record.citation.startswith("Hauksdóttir, Guðbjörg Ríkey Th. and Baldur Thorhallsson. “Sino-Russian")
    assert record.citation.endswith("The Polar Journal, July 22, 2025")


@pytest.mark.parametrize("name", SEED_NAMES)
def test_seed_profile_is_chosen_from_content_not_file_name(tmp_path, name):
    renamed = tmp_path / "page-saved-by-browser.txt"
    renamed.write_bytes((SEEDS / f"{name}.txt").read_bytes())
    record = parse_page(read_page(renamed))
    assert record.source.profile == _parse(name).source.profile != "generic"
    assert record.title == load_gold(name)["title"]


def test_ingest_command_writes_seed_records_matching_gold(content):
    from research_digest import cli
    from research_digest.records.yamlio import parse_yaml

    assert cli.main(["ingest", "--content", str(content), "--quiet", "--jobs", "1"]) == 0
    first = {p.name: p.read_bytes() for p in sorted((content / "briefs").glob("*.yaml"))}
    assert cli.main(["ingest", "--content", str(content), "--quiet", "--jobs", "1"]) == 0
    assert {p.name: p.read_bytes() for p in sorted((content / "briefs").glob("*.yaml"))} == first
    for name in SEED_NAMES:
        gold = load_gold(name)
        path = content / "briefs" / f"{name}.yaml"
        data, _ = parse_yaml(path.read_text(encoding="utf-8"), path)
        assert data["title"] == gold["title"] and data["date"] == gold["date"]
        assert [a["name"] for a in data["authors"]] == gold["authors"]
        assert data["publisher"] == gold["publisher"]
        assert [b["text"] for b in data["body"]] == gold["body"]
