"""The curation merge keeps the curator's order, positions and edits (issue 10, item 6).

Before: a heading the curator inserted as block 3 went to the end; reordered claims and tags went
back to machine order; a paragraph the curator edited, whose page then changed one word, came out
twice (the machine's new text in place, the curator's after the end). Now the merge follows the
curator's order, places new machine items beside their neighbours, pairs a machine item whose id
changed with its old self, and when both sides changed one item keeps the curator's version and
records a conflict (in the record, on stderr and in ``digest check``).
"""

from __future__ import annotations

import io
import re
import shutil
from contextlib import redirect_stderr
from pathlib import Path

import yaml

from research_digest import cli
from research_digest.check import check_records
from research_digest.records import yamlio
from research_digest.records.curation import merge_record

SEED = Path(__file__).resolve().parent.parent / "content" / "sources" / "rsis-co26021-china-russia-arctic.txt"
RECORD = "rsis-co26021-china-russia-arctic"


def ingest(content: Path) -> tuple[int, str]:
    err = io.StringIO()
    with redirect_stderr(err):
        code = cli.main(["ingest", "-q", "-j", "1", "--content", str(content)])
    return code, err.getvalue()


def load(path: Path) -> dict:
    return yaml.safe_load(path.read_text(encoding="utf-8"))


def save(path: Path, data: dict) -> None:
    path.write_text(yamlio.dump_data(data), encoding="utf-8")


def seeded(tmp: Path) -> tuple[Path, Path]:
    content = tmp / "content"
    (content / "sources").mkdir(parents=True)
    shutil.copy(SEED, content / "sources")
    assert ingest(content)[0] == 0
    return content, content / "briefs" / f"{RECORD}.yaml"


def change_page(content: Path, old: str, new: str) -> None:
    page = content / "sources" / SEED.name
    text, count = re.subn(old, new, page.read_text(encoding="utf-8"))
    assert count
    page.write_text(text, encoding="utf-8")


def test_inserted_heading_keeps_its_position(tmp_path):
    content, record = seeded(tmp_path)
    data = load(record)
    heading = {"id": "h-curated-1", "text": "Background", "kind": "heading"}
    data["body"].insert(2, heading)
    save(record, data)
    change_page(content, r"ancient\socean\sconditions", "ancient sea conditions")
    assert ingest(content)[0] == 0
    body = load(record)["body"]
    assert body[2] == heading
    assert "ancient sea conditions" in " ".join(b["text"] for b in body)


def test_reordered_claims_and_tags_keep_the_curators_order(tmp_path):
    content, record = seeded(tmp_path)
    data = load(record)
    data["claims"] = list(reversed(data["claims"]))
    data["tags"] = sorted(data["tags"])
    claim_order, tag_order = [c["id"] for c in data["claims"]], data["tags"]
    save(record, data)
    change_page(content, r"ancient\socean\sconditions", "ancient sea conditions")
    assert ingest(content)[0] == 0
    merged = load(record)
    assert [c["id"] for c in merged["claims"] if c["id"] in claim_order] == claim_order
    assert merged["tags"] == tag_order


def test_edited_paragraph_whose_page_changed_is_kept_once_and_flagged(tmp_path):
    content, record = seeded(tmp_path)
    data = load(record)
    index = next(i for i, b in enumerate(data["body"]) if re.search(r"ancient\socean\sconditions", b["text"]))
    block_id = data["body"][index]["id"]
    curated = data["body"][index]["text"].replace("ancient", "age-old (curator)")
    data["body"][index]["text"] = curated
    count = len(data["body"])
    save(record, data)
    change_page(content, r"ancient\socean\sconditions", "ancient sea conditions")
    code, err = ingest(content)
    assert code == 0
    merged = load(record)
    texts = [b["text"] for b in merged["body"]]
    assert len(texts) == count  # not duplicated
    assert merged["body"][index] == {"id": block_id, "text": curated}
    assert not any("ancient sea conditions" in t for t in texts)
    [conflict] = merged["conflicts"]
    assert block_id in conflict and "ancient sea conditions" in conflict
    assert "conflict" in err and record.name in err and block_id in err
    problems = [str(p) for p in check_records(content / "briefs")]
    assert any("conflict" in p and block_id in p for p in problems), problems
    # every claim and event still points at a block of the body
    ids = {b["id"] for b in merged["body"]}
    assert all(item["anchor"]["paragraph"] in ids for item in merged["claims"] + merged["events"])


def test_a_conflict_is_flagged_once_and_the_next_ingest_changes_nothing(tmp_path):
    content, record = seeded(tmp_path)
    data = load(record)
    index = next(i for i, b in enumerate(data["body"]) if re.search(r"ancient\socean\sconditions", b["text"]))
    data["body"][index]["text"] += " (Curator's addition.)"
    save(record, data)
    change_page(content, r"ancient\socean\sconditions", "ancient sea conditions")
    assert ingest(content)[0] == 0
    first = record.read_bytes()
    assert len(load(record)["conflicts"]) == 1
    code, err = ingest(content)
    assert code == 0 and "conflict" not in err
    assert record.read_bytes() == first


def test_scalar_edited_on_both_sides_keeps_the_curator_and_flags():
    base = {"id": "x", "title": "Machine", "date": "2024-01-01"}
    ours = {"id": "x", "title": "Curated", "date": "2024-01-01"}
    theirs = {"id": "x", "title": "Machine, new", "date": "2024-02-01"}
    merged = merge_record(base, ours, theirs)
    assert merged["title"] == "Curated" and merged["date"] == "2024-02-01"
    assert merged["conflicts"] == ["title: kept your edit; the page now gives 'Machine, new'"]


def test_new_machine_items_land_beside_their_neighbours():
    base = {"tags": ["a", "b", "c"], "claims": [{"id": "1"}, {"id": "2"}, {"id": "3"}]}
    ours = {"tags": ["c", "a", "b", "mine"], "claims": [{"id": "3"}, {"id": "1"}, {"id": "2"}]}
    theirs = {"tags": ["a", "new", "b", "c"], "claims": [{"id": "1"}, {"id": "1b"}, {"id": "2"}, {"id": "3"}]}
    merged = merge_record(base, ours, theirs)
    assert merged["tags"] == ["c", "a", "new", "b", "mine"]
    assert [c["id"] for c in merged["claims"]] == ["3", "1", "1b", "2"]
    assert "conflicts" not in merged


def test_nested_fields_merge_key_by_key():
    base = {"source": {"file": "a.txt", "sha256": "1", "url": None}}
    ours = {"source": {"file": "a.txt", "sha256": "1", "url": "https://example.org/curated"}}
    theirs = {"source": {"file": "a.txt", "sha256": "2"}}
    assert merge_record(base, ours, theirs)["source"] == {
        "file": "a.txt",
        "sha256": "2",
        "url": "https://example.org/curated",
    }
