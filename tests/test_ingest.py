"""Ingest end to end: determinism, parallel = serial, curator edits survive, nothing half-written."""

from __future__ import annotations

import re
import shutil
from pathlib import Path

import yaml

from research_digest import ingest
from research_digest.records import yamlio


def run(content: Path, jobs: int = 1, paths=None) -> ingest.IngestResult:
    return ingest.run(paths or [content / "sources"], content / "briefs", root=content.parent, jobs=jobs)


def tree_bytes(folder: Path) -> dict[str, bytes]:
    return {p.relative_to(folder).as_posix(): p.read_bytes() for p in sorted(folder.rglob("*")) if p.is_file()}


def test_two_runs_give_byte_identical_records(content, tmp_path):
    other = tmp_path / "again" / "content"
    shutil.copytree(content, other)
    assert not run(content).errors and not run(other).errors
    assert tree_bytes(content / "briefs") == tree_bytes(other / "briefs")
    second = run(content)
    assert second.written == [] and len(second.unchanged) == 2


def test_parallel_ingest_writes_the_same_records_as_one_process(content, tmp_path):
    for i in range(6):  # enough pages for the process pool to start
        for page in sorted((content / "sources").glob("*.txt"))[:2]:
            shutil.copy(page, content / "sources" / f"copy{i}-{page.name}")
    serial = tmp_path / "serial" / "content"
    shutil.copytree(content, serial)
    assert not run(content, jobs=2).errors
    assert not run(serial, jobs=1).errors
    assert len(tree_bytes(content / "briefs")) == 2 * 14
    assert tree_bytes(content / "briefs") == tree_bytes(serial / "briefs")


def edit(path: Path, change) -> None:
    data = yaml.safe_load(path.read_text(encoding="utf-8"))
    change(data)
    path.write_text(yamlio.dump_data(data), encoding="utf-8")


def test_curator_edits_survive_reingest_of_a_changed_page(content):
    run(content)
    record = content / "briefs" / "rsis-co26021-china-russia-arctic.yaml"

    def curate(data):
        data["title"] = "Curated: China and Russia in the Arctic"
        data["tags"] = data.get("tags", []) + ["Curated tag"]
        data["note"] = "Checked against the PDF."

    edit(record, curate)
    page = content / "sources" / "rsis-co26021-china-russia-arctic.txt"
    text, count = re.subn(r"ancient\socean\sconditions", "ancient sea conditions", page.read_text(encoding="utf-8"))
    assert count == 2  # the RSIS dump prints its body twice (with no-break spaces in it)
    page.write_text(text, encoding="utf-8")
    assert not run(content).errors
    data = yaml.safe_load(record.read_text(encoding="utf-8"))
    assert data["title"] == "Curated: China and Russia in the Arctic"
    assert "Curated tag" in data["tags"] and data["note"] == "Checked against the PDF."
    body = " ".join(block["text"] for block in data["body"])
    assert "ancient sea conditions" in body and not re.search(r"ancient\socean", body)  # machine change applied


def test_broken_curated_record_is_never_overwritten(content):
    run(content)
    record = content / "briefs" / "polar-journal-sino-russian-arctic-cooperation.yaml"
    broken = record.read_text(encoding="utf-8") + "title: [unclosed\n"
    record.write_text(broken, encoding="utf-8")
    result = run(content)
    assert [Path(e.path).name for e in result.errors] == [record.name]
    assert "fix or delete it" in str(result.errors[0])
    assert record.read_text(encoding="utf-8") == broken
    assert (content / "briefs" / "rsis-co26021-china-russia-arctic.yaml").exists()


def test_two_pages_with_one_slug_are_reported_not_overwritten(content):
    src = content / "sources"
    shutil.copy(src / "rsis-co26021-china-russia-arctic.txt", src / "RSIS CO26021 China Russia Arctic.txt")
    result = run(content)
    assert len(result.errors) == 1 and "same record id" in str(result.errors[0])


def test_source_file_is_relative_to_the_content_directory_wherever_it_lives(content, tmp_path, monkeypatch):
    elsewhere = tmp_path / "elsewhere"
    elsewhere.mkdir()
    monkeypatch.chdir(elsewhere)  # the working directory must not matter
    from research_digest import cli

    assert cli.main(["ingest", "-q", "--content", str(content)]) == 0
    data = yaml.safe_load((content / "briefs" / "rsis-co26021-china-russia-arctic.yaml").read_text(encoding="utf-8"))
    assert data["source"]["file"] == "content/sources/rsis-co26021-china-russia-arctic.txt"
