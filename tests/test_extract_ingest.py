"""``digest ingest`` fills claims and events, anchors them, and keeps a curator's edits to them."""

from __future__ import annotations

from pathlib import Path

import yaml

from research_digest import cli, ingest
from research_digest.extract.sentences import split_sentences

RSIS = "rsis-co26021-china-russia-arctic"


def run_ingest(content: Path):
    result = ingest.run(
        [content / "sources"], content / "briefs", root=content.parent, gazetteer_path=content / "actors.yaml"
    )
    assert not result.errors
    return yaml.safe_load((content / "briefs" / f"{RSIS}.yaml").read_text(encoding="utf-8"))


def test_ingest_fills_claims_and_events_anchored_to_sentences(content):
    record = run_ingest(content)
    blocks = {b["id"]: b["text"] for b in record["body"]}
    tu95 = [e for e in record["events"] if "Tu-95" in e["summary"]]
    assert [(e["date"], e["precision"], e["when"]) for e in tu95] == [("2024-07", "month", "In July that year")]
    assert any(c["text"].startswith("The key takeaway is") and c["kind"] == "thesis" for c in record["claims"])
    for item in record["claims"] + record["events"]:
        sentence = split_sentences(blocks[item["anchor"]["paragraph"]])[item["anchor"]["sentence"]]
        assert (item.get("text") or item["summary"]) in sentence


def test_ingest_twice_gives_byte_identical_records(content):
    run_ingest(content)
    first = (content / "briefs" / f"{RSIS}.yaml").read_bytes()
    (content / "briefs" / f"{RSIS}.yaml").unlink()
    (content / "briefs" / ".machine" / f"{RSIS}.yaml").unlink()
    run_ingest(content)
    assert (content / "briefs" / f"{RSIS}.yaml").read_bytes() == first


def test_ingest_keeps_a_deleted_claim_deleted_and_an_edited_event_edited(content):
    record = run_ingest(content)
    dropped = record["claims"].pop(0)["id"]
    record["events"][0]["summary"] = "Edited by a curator."
    edited = record["events"][0]["id"]
    path = content / "briefs" / f"{RSIS}.yaml"
    path.write_text(yaml.safe_dump(record, allow_unicode=True, sort_keys=False), encoding="utf-8")
    again = run_ingest(content)
    assert dropped not in [c["id"] for c in again["claims"]]
    assert [e["summary"] for e in again["events"] if e["id"] == edited] == ["Edited by a curator."]


def test_ingest_with_broken_gazetteer_reports_its_path_and_line(content, capsys, monkeypatch):
    (content / "actors.yaml").write_text("actors:\n- {name: Russia, kind: empire}\n", encoding="utf-8")
    monkeypatch.chdir(content.parent)
    code = cli.main(["ingest", "--content", str(content)])
    err = capsys.readouterr().err
    assert code == 1
    assert "actors.yaml:2: actors[0] (Russia): kind must be one of" in err
    assert "Traceback" not in err


def test_a_page_declared_in_another_language_gets_no_english_claims_or_events(content):
    """The RSIS seed saved as HTML that declares ``lang="fr"``: the English cue tables would still
    fire on its text, but their readings would be claims about a language they were not made for."""
    text = (content / "sources" / f"{RSIS}.txt").read_text(encoding="utf-8")
    english = run_ingest(content)
    assert english["claims"] and english["events"]
    paragraphs = "".join(f"<p>{line}</p>\n" for line in text.splitlines() if line.strip())
    page = f'<!doctype html><html lang="fr"><head><title>{english["title"]}</title></head><body><article>{paragraphs}</article></body></html>'
    for path in (content / "sources").iterdir():
        path.unlink()
    (content / "sources" / "fr-page.html").write_text(page, encoding="utf-8")
    result = ingest.run(
        [content / "sources"], content / "briefs", root=content.parent, gazetteer_path=content / "actors.yaml"
    )
    assert not result.errors
    record = yaml.safe_load((content / "briefs" / "fr-page.yaml").read_text(encoding="utf-8"))
    assert record["language"] == "fr"
    assert record.get("claims", []) == [] and record.get("events", []) == []
