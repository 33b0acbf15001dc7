"""The benchmark corpus: valid records, anchors on the sentences they quote, deterministic."""

from __future__ import annotations

import sys
from pathlib import Path

from research_digest.extract.sentences import split_sentences
from research_digest.records.yamlio import load_records, record_paths

sys.path.insert(0, str(Path(__file__).resolve().parent.parent / "bench"))
import make_corpus  # noqa: E402


def test_make_corpus_writes_valid_records_and_pelican_articles(tmp_path):
    assert make_corpus.main(["25", str(tmp_path), "--sources"]) == 0
    records, errors = load_records(record_paths(tmp_path / "content" / "briefs"))
    assert errors == [] and len(records) == 25
    articles = sorted((tmp_path / "pelican" / "content").glob("*.md"))
    assert [p.stem for p in articles] == sorted(r.id for r in records)
    assert (tmp_path / "pelican" / "pelicanconf.py").is_file()
    assert len(list((tmp_path / "content" / "sources").glob("*.txt"))) == 25
    for record in records:
        words = sum(len(b.text.split()) for b in record.body)
        assert 750 <= words <= 1100, (record.id, words)
        assert 6 <= len(record.paragraphs()) <= 12
        assert record.claims and record.events and record.tags and record.authors
        assert len({a for e in record.events for a in e.actors}) >= 1


def test_make_corpus_anchors_point_at_the_sentence_they_quote(tmp_path):
    make_corpus.main(["15", str(tmp_path)])
    records, _ = load_records(record_paths(tmp_path / "content" / "briefs"))
    for record in records:
        for item in record.claims + record.events:
            sentences = split_sentences(record.block(item.anchor.paragraph).text)
            quoted = item.text if hasattr(item, "kind") and not hasattr(item, "summary") else item.summary
            assert quoted in sentences[item.anchor.sentence], (record.id, item.id)


def test_make_corpus_is_deterministic_and_prefix_stable(tmp_path):
    make_corpus.main(["10", str(tmp_path / "a")])
    make_corpus.main(["20", str(tmp_path / "b")])
    a = {p.name: p.read_bytes() for p in (tmp_path / "a" / "content" / "briefs").glob("*.yaml")}
    b = {p.name: p.read_bytes() for p in (tmp_path / "b" / "content" / "briefs").glob("*.yaml")}
    assert len(a) == 10 and all(b[name] == data for name, data in a.items())
