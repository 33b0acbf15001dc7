"""Records on disk: validation with line numbers, hostile YAML, deterministic atomic writes."""

from __future__ import annotations

import pytest

from research_digest.errors import RecordError
from research_digest.records import yamlio
from research_digest.records.schema import Anchor, Author, Block, Claim, Record, Source

GOOD = """\
id: sample-brief
title: Sample
authors:
- name: Guðbjörg Ríkey Th. Hauksdóttir
date: 2025-07-22
source:
  file: content/sources/sample.txt
  sha256: abc
  profile: generic
body:
- id: p-1
  text: “Quoted” text costs €55 million.
claims:
- id: c-1
  text: Quoted text.
  kind: assessment
  anchor: {paragraph: p-1, sentence: 0}
events: []
"""


def write(tmp_path, text, name="r.yaml"):
    path = tmp_path / name
    path.write_text(text, encoding="utf-8")
    return path


def test_load_record_keeps_unicode_and_reads_unquoted_date(tmp_path):
    record = yamlio.load_record(write(tmp_path, GOOD))
    assert record.authors[0].name == "Guðbjörg Ríkey Th. Hauksdóttir"
    assert record.date == "2025-07-22"
    assert record.body[0].text == "“Quoted” text costs €55 million."


def test_dump_then_load_round_trips_byte_identically(tmp_path):
    record = yamlio.load_record(write(tmp_path, GOOD))
    text = yamlio.dump_record(record)
    assert "Guðbjörg" in text and "€55" in text  # not escaped
    again = yamlio.load_record(write(tmp_path, text, "again.yaml"))
    assert yamlio.dump_record(again) == text


@pytest.mark.parametrize(
    "bad, line, words",
    [
        (GOOD.replace("title: Sample\n", "title: [a, b]\n"), 2, "title must be text"),
        (GOOD.replace("date: 2025-07-22", "date: 2025-13-40"), 5, "not a valid date or number"),
        (GOOD.replace("paragraph: p-1", "paragraph: p-9"), 17, "points at no paragraph"),
        (GOOD.replace("kind: assessment", "kind: rumour"), 16, "kind must be one of"),
        (GOOD + "title: again\n", 19, "duplicate key 'title'"),
        (GOOD.replace("body:\n- id: p-1", "body:\n- id: p-1\n  bogus: 1"), 12, "bogus is not a field"),
        (GOOD.replace("title: Sample", "title: 'unclosed"), None, "not valid YAML"),
        ("id: x\ntitle: !!python/object/apply:os.system ['true']\n", 2, "not valid YAML"),
    ],
)
def test_bad_record_names_file_and_line(tmp_path, bad, line, words):
    path = write(tmp_path, bad)
    with pytest.raises(RecordError) as info:
        yamlio.load_record(path)
    assert words in str(info.value)
    assert info.value.path == str(path)
    if line:
        assert info.value.line == line


def test_billion_laughs_is_refused_before_expansion(tmp_path):
    lines = ["a0: &a0 [lol, lol, lol, lol, lol, lol, lol, lol, lol]"]
    lines += [f"a{i}: &a{i} [{', '.join(['*a%d' % (i - 1)] * 9)}]" for i in range(1, 12)]
    with pytest.raises(RecordError, match="anchors and aliases .* are not allowed"):
        yamlio.load_record(write(tmp_path, "\n".join(lines) + "\n"))


def test_write_atomic_leaves_old_file_when_interrupted(tmp_path, monkeypatch):
    target = write(tmp_path, "old\n", "rec.yaml")

    def boom(*args):
        raise KeyboardInterrupt

    monkeypatch.setattr("os.replace", boom)
    with pytest.raises(KeyboardInterrupt):
        yamlio.write_atomic(target, "new\n")
    assert target.read_text() == "old\n"
    assert [p.name for p in tmp_path.iterdir()] == ["rec.yaml"]  # no temporary file left


def test_load_records_reports_duplicate_ids_and_keeps_the_rest(tmp_path):
    record = Record(
        id="same",
        title="T",
        source=Source("f", "s", "generic"),
        authors=[Author("A")],
        body=[Block("p-1", "Text.")],
        claims=[Claim("c-1", "Text.", "assessment", Anchor("p-1"))],
    )
    for name in ("a.yaml", "b.yaml"):
        write(tmp_path, yamlio.dump_record(record), name)
    write(tmp_path, "- not a mapping\n", "c.yaml")
    records, errors = yamlio.load_records(yamlio.record_paths(tmp_path))
    assert [r.id for r in records] == ["same"]
    assert sorted(e.path.rsplit("/", 1)[1] for e in errors) == ["b.yaml", "c.yaml"]


def test_a_doi_that_is_not_a_doi_is_refused_with_its_line(tmp_path):
    from research_digest.errors import RecordError
    from research_digest.records.yamlio import load_record

    path = tmp_path / "x.yaml"
    path.write_text("id: x\ntitle: T\nsource:\n  file: a.txt\n  doi: 'javascript:alert(1)'\n", encoding="utf-8")
    with pytest.raises(RecordError) as info:
        load_record(path)
    assert "source.doi" in str(info.value) and ":5:" in str(info.value)
    path.write_text("id: x\ntitle: T\nsource:\n  file: a.txt\n  doi: 10.1080/2154896X.2025.2530000\n", encoding="utf-8")
    assert load_record(path).source.doi == "10.1080/2154896X.2025.2530000"
