"""The copied-text line model (``sources/lines.py``) on real copied pages of the tuning half.

These pages are tuning data (their lines fitted the weights); the held-out half is measured by
``bench/pages.py``, not here. The tests pin behaviour the line rules alone got wrong."""

from __future__ import annotations

import json
from pathlib import Path

from conftest import ROOT

from research_digest.readers import decode_page
from research_digest.sources import lines, parse_page
from research_digest.sources.base import split_lines

CORPUS = ROOT / "tests" / "corpus" / "readability"
SPLIT = json.loads((CORPUS / "split.json").read_text(encoding="utf-8"))


def copied(name: str) -> str:
    assert SPLIT[name] == "tuning"
    return (CORPUS / name / "copied.txt").read_text(encoding="utf-8")


def test_model_file_matches_the_features():
    model = lines.model()
    assert tuple(model["features"]) == lines.FEATURES
    assert len(model["weights"]) == len(lines.FEATURES)
    assert 0 < model["threshold"] < 1


def test_span_holds_the_article_and_not_the_menu_above_it():
    page = split_lines(copied("cnn"))
    span = lines.article_span(page, lines.scores(page))
    assert span is not None
    inside = page[span[0] : span[1] + 1]
    assert any(line.startswith("The U.S. has long been heralded as a land of opportunity") for line in inside)
    assert "Premarkets" not in inside and "Market Movers" not in inside


def test_copied_article_is_not_cut_short_at_a_heading_the_rules_took_for_a_footer():
    """The line rules ended the Dropbox post early; the model's run reaches its last paragraph."""
    record = parse_page(decode_page(copied("dropbox-blog").encode("utf-8"), Path("dropbox-blog.txt")))
    assert record.body[-1].text.endswith("Xiaonan Zhang and Yuhuan Du.")


def test_lorem_ipsum_page_too_short_for_the_prose_rule_is_not_refused():
    record = parse_page(decode_page(copied("social-buttons").encode("utf-8"), Path("social-buttons.txt")))
    assert len(record.body) >= 5
