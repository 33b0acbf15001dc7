"""Odd and hostile paragraphs: extraction finishes, stays valid, and invents nothing."""

from __future__ import annotations

import pytest

from research_digest import extract
from research_digest.extract.sentences import split_sentences
from research_digest.records.schema import Block, Record, Source, from_dict, to_dict

GAZ = extract.load_gazetteer(None)

HOSTILE = {
    "capitalised-run": " ".join(["Alpha Beta Gamma Delta"] * 3000) + ".",
    "numbers": " ".join(["2024 1999 2,000 12 May 2020"] * 2000) + ".",
    "months": " ".join(["in May, June and July 2020, and in October"] * 1000),
    "no-punctuation": "word " * 30000,
    "quotes": "“" * 3000 + "In 2020 it ended." + "”" * 3000,
    "dashes": "-" * 50000,
    "zero-width": "In\u200b2012, Russia\u200d barred ships.\u2060 We argue that\u00ad it mattered.",
    "rtl-and-combining": "\u202eIn 2012\u202c, Ru\u0301ssia barred ships. Cooperation is likely to persist.",
    "carriage-returns": "In 2012, Russia barred ships.\r\nIn 2013, it relented.\r",
    "only-digits": "2012 2013 2014 2015",
    "impossible-dates": "On 31 February 2024 and 30 February 2023, nothing happened; in 0000 and 9999 neither.",
}


def annotated(text: str, synopsis: str | None = None) -> Record:
    record = Record(
        id="x",
        title="x",
        source=Source("x.txt", "", "test"),
        synopsis=synopsis,
        body=[Block("h-1", "A heading", "heading"), Block("p-1", text)],
    )
    extract.annotate(record, GAZ)
    return record


@pytest.mark.parametrize("name", sorted(HOSTILE))
def test_hostile_paragraph_gives_valid_anchored_record(name):
    record = annotated(HOSTILE[name])
    again = from_dict(to_dict(record))  # the schema accepts it: dates valid, ids unique, anchors exist
    sentences = split_sentences(HOSTILE[name])
    for item in again.claims + again.events:
        assert item.anchor.paragraph == "p-1" and item.anchor.sentence < len(sentences)


def test_hostile_impossible_dates_give_no_day():
    record = annotated(HOSTILE["impossible-dates"])
    assert all(e.precision != "day" for e in record.events)


def test_hostile_empty_body_and_missing_synopsis_give_nothing():
    record = Record(id="x", title="x", source=Source("x.txt", "", "test"), synopsis="Not in the body.")
    extract.annotate(record, GAZ)
    assert record.claims == [] and record.events == []


def test_hostile_without_gazetteer_still_extracts():
    record = Record(
        id="x",
        title="x",
        source=Source("x.txt", "", "test"),
        body=[Block("p-1", "In 2012, Russia barred Chinese research ships. This is likely to persist.")],
    )
    extract.annotate(record, None)
    assert [(e.date, e.actors) for e in record.events] == [("2012", [])]
    assert [c.kind for c in record.claims] == ["forecast"]
