"""A curator's edits survive ingest run again (three-way merge against the machine snapshot)."""

from __future__ import annotations

from research_digest.records.curation import merge_record

BASE = {
    "title": "Machine title",
    "tags": ["a", "b"],
    "date": "2025-01-01",
    "claims": [{"id": "c1", "text": "one"}, {"id": "c2", "text": "two"}],
}


def test_untouched_record_takes_new_machine_output():
    theirs = {**BASE, "title": "Better machine title"}
    assert merge_record(BASE, dict(BASE), theirs) == theirs


def test_corrected_title_removed_claim_added_tag_survive():
    ours = {**BASE, "title": "Curated title", "tags": ["a", "b", "mine"], "claims": [{"id": "c1", "text": "one"}]}
    theirs = {**BASE, "date": "2025-02-02", "claims": BASE["claims"] + [{"id": "c3", "text": "three"}]}
    merged = merge_record(BASE, ours, theirs)
    assert merged["title"] == "Curated title"
    assert merged["date"] == "2025-02-02"  # a field the curator left alone follows the machine
    assert merged["tags"] == ["a", "b", "mine"]
    assert [c["id"] for c in merged["claims"]] == ["c1", "c3"]  # c2 stays removed, c3 is new


def test_removed_tag_stays_removed_and_edited_claim_keeps_edit():
    ours = {**BASE, "tags": ["b"], "claims": [{"id": "c1", "text": "one, corrected"}, {"id": "c2", "text": "two"}]}
    merged = merge_record(BASE, ours, {**BASE, "tags": ["a", "b", "c"]})
    assert merged["tags"] == ["b", "c"]
    assert merged["claims"][0]["text"] == "one, corrected"


def test_without_snapshot_the_record_on_disk_wins():
    ours = {**BASE, "title": "Hand-made"}
    assert merge_record(None, ours, {**BASE, "title": "Machine"}) == ours
