"""RSIS rules on variants of the seed page: other publication series, a page without its duplicate."""

from __future__ import annotations

import re

from conftest import SEEDS, load_gold

from research_digest.readers import read_page
from research_digest.sources import parse_page

SEED = "rsis-co26021-china-russia-arctic"


def _parse_variant(tmp_path, text: str):
    path = tmp_path / "saved.txt"
    path.write_text(text, encoding="utf-8")
    return parse_page(read_page(path))


def test_rsis_series_and_kind_follow_the_id_prefix(tmp_path):
    text = (SEEDS / f"{SEED}.txt").read_text(encoding="utf-8").replace("CO26021 |", "IP26021 |")
    record = _parse_variant(tmp_path, text)
    assert (record.series.name, record.series.number, record.kind) == ("IDSS Papers", "IP26021", "IDSS Paper")


def test_rsis_page_without_disqus_still_drops_the_second_copy(tmp_path):
    text = (SEEDS / f"{SEED}.txt").read_text(encoding="utf-8").replace("comments powered by Disqus\n", "")
    record = _parse_variant(tmp_path, text)
    assert [b.text for b in record.body] == load_gold(SEED)["body"]


def test_rsis_author_note_without_republication_gives_no_first_published(tmp_path):
    text = (SEEDS / f"{SEED}.txt").read_text(encoding="utf-8")
    note = r"This\scommentary\swas\spublished\son\sChina\sDialogues\son\s4\sFebruary\s2026\.\s"  # the page has NBSPs
    text, count = re.subn(note, "", text)
    assert count == 2
    record = _parse_variant(tmp_path, text)
    assert record.first_published is None
    assert record.authors[0].bio.startswith("Daniel Balazs is a Research Fellow")


def test_rsis_page_without_commentary_label_keeps_synopsis_to_one_paragraph(tmp_path):
    text = (SEEDS / f"{SEED}.txt").read_text(encoding="utf-8").replace("COMMENTARY\n", "")
    record = _parse_variant(tmp_path, text)
    gold = load_gold(SEED)
    assert record.synopsis == gold["synopsis"]
    assert [b.text for b in record.body] == gold["body"]


def test_rsis_like_page_without_a_publication_id_falls_back_to_generic(tmp_path):
    text = (SEEDS / f"{SEED}.txt").read_text(encoding="utf-8").replace("CO26021 | ", "")
    record = _parse_variant(tmp_path, text)
    gold = load_gold(SEED)
    assert record.source.profile == "generic"
    assert record.title == gold["title"] and record.date == gold["date"]
    assert gold["body"][1] in [b.text for b in record.body]


def test_rsis_article_copied_without_site_chrome_is_still_rsis(tmp_path):
    lines = (SEEDS / f"{SEED}.txt").read_text(encoding="utf-8").split("\n")
    start = lines.index(next(line for line in lines if line.startswith("CO26021 |")))
    end = lines.index("comments powered by Disqus")
    article = "\n".join(lines[start:end]).replace("S. Rajaratnam School of International Studies (RSIS), ", "")
    record = _parse_variant(tmp_path, article)
    assert record.source.profile == "rsis"
    assert [b.text for b in record.body] == load_gold(SEED)["body"]
