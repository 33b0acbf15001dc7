"""The record's ``language``: declared by the markup, else guessed from the text; shown on the brief
page when it is not English (claims and events are read in English only)."""

from __future__ import annotations

import gzip
from pathlib import Path

import pytest
import yaml
from conftest import ROOT, SITE_BASE, make_content

from research_digest.readers import decode_page
from research_digest.records.schema import from_dict, to_dict
from research_digest.sources import language, parse_page

CORPUS = ROOT / "tests" / "corpus" / "readability"


@pytest.mark.parametrize(
    ("tag", "expected"),
    [("en-US", "en"), ("pt_BR", "pt"), ("ZH-tw", "zh"), ("", None), (None, None), ("not a tag!", None)],
)
def test_declared_tags_become_primary_subtags(tag, expected):
    assert language.from_tag(tag) == expected


@pytest.mark.parametrize(
    ("page", "expected"),
    [("yahoo-4", "ja"), ("pixnet", "zh"), ("aktualne", "cs"), ("heise", "de"), ("nytimes-1", "en")],
)
def test_copied_text_of_real_pages_is_guessed(page, expected):
    """The copied text carries no declaration: the script, or the function words, tell."""
    text = (CORPUS / page / "copied.txt").read_text(encoding="utf-8")
    assert language.guess(text) == expected


def test_too_little_text_is_not_guessed():
    assert language.guess("Menu Home About") is None


def test_japanese_html_page_gets_a_record_with_its_language():
    raw = gzip.decompress((CORPUS / "yahoo-4" / "source.html.gz").read_bytes())
    record = parse_page(decode_page(raw, Path("yahoo-4.html")))
    assert record.language == "ja"
    assert any("公衆無線LAN" in b.text for b in record.body)


def test_language_round_trips_through_the_schema():
    data = yaml.safe_load((ROOT / "tests" / "records" / "north-watch-coast-guards-polar-route.yaml").read_text())
    data["language"] = "fr"
    record = from_dict(data)
    assert record.language == "fr"
    dumped = to_dict(record)
    assert dumped["language"] == "fr"
    assert list(dumped).index("language") == list(dumped).index("kind") + 1


def test_brief_page_says_claims_are_english_only_for_another_language(tmp_path):
    from research_digest.config import Config
    from research_digest.render import build_site

    content = make_content(tmp_path / "content")
    path = content / "briefs" / "north-watch-coast-guards-polar-route.yaml"
    data = yaml.safe_load(path.read_text(encoding="utf-8"))
    data["language"] = "fr"
    path.write_text(yaml.safe_dump(data, allow_unicode=True, sort_keys=False), encoding="utf-8")
    out = tmp_path / "www"
    report = build_site(Config(content_dir=content, out_dir=out, base_url=SITE_BASE), search=False)
    assert not report.errors
    french = (out / "briefs" / "north-watch-coast-guards-polar-route" / "index.html").read_text(encoding="utf-8")
    english = (out / "briefs" / "rsis-co26021-china-russia-arctic" / "index.html").read_text(encoding="utf-8")
    assert "Claims and events are found in English text only" in french
    assert "Claims and events are found in English text only" not in english
