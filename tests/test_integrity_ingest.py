"""Ingest never silently replaces a record (issue 10, items 4 and 9, and the smaller ones).

- a page whose id is another source's record is refused, on a full and on a partial ingest;
- a record file that holds a YAML list, or a corrupt ``.machine`` snapshot, is an error naming
  that file, and the file is left as it was;
- a symlink in ``content/sources/`` that resolves outside it is refused;
- BOM-less UTF-16 gets a hint instead of "binary";
- the same article saved under two names is found by its body text, warned and linked;
- rewritten records keep their file mode.
"""

from __future__ import annotations

import io
import os
import shutil
import stat
from contextlib import redirect_stderr
from pathlib import Path

import yaml

from research_digest import cli
from research_digest.records import yamlio

SEEDS = Path(__file__).resolve().parent.parent / "content" / "sources"
RSIS = SEEDS / "rsis-co26021-china-russia-arctic.txt"
POLAR = SEEDS / "polar-journal-sino-russian-arctic-cooperation.txt"


def ingest(content: Path, *paths: str | Path) -> tuple[int, str]:
    err = io.StringIO()
    with redirect_stderr(err):
        code = cli.main(["ingest", "-q", "-j", "1", "--content", str(content), *map(str, paths)])
    return code, err.getvalue()


def fresh(tmp: Path) -> Path:
    content = tmp / "content"
    (content / "sources").mkdir(parents=True)
    return content


def test_partial_ingest_refuses_a_page_whose_id_is_another_sources_record(tmp_path):
    content = fresh(tmp_path)
    shutil.copy(RSIS, content / "sources" / "Arctic Brief.txt")
    assert ingest(content)[0] == 0
    record = content / "briefs" / "arctic-brief.yaml"
    data = yaml.safe_load(record.read_text())
    data["note"] = "Checked by hand against the RSIS PDF."
    record.write_text(yamlio.dump_data(data))
    before = record.read_bytes()
    shutil.copy(POLAR, content / "sources" / "arctic_brief.txt")
    code, err = ingest(content, content / "sources" / "arctic_brief.txt")
    assert code == 1
    [line] = err.splitlines()
    assert "arctic_brief.txt" in line and "Arctic Brief.txt" in line and "arctic-brief" in line
    assert record.read_bytes() == before
    code, err = ingest(content)  # a full ingest refuses it too, and the record stays
    assert code == 1 and "arctic_brief.txt" in err
    assert record.read_bytes() == before


def test_a_record_file_holding_a_yaml_list_is_an_error_and_left_alone(tmp_path):
    content = fresh(tmp_path)
    shutil.copy(RSIS, content / "sources" / "ice.txt")
    (content / "briefs").mkdir()
    record = content / "briefs" / "ice.yaml"
    record.write_text("- a curator's list\n- pasted by mistake\n")
    code, err = ingest(content)
    assert code == 1
    assert str(record) in err and "list" in err
    assert record.read_text() == "- a curator's list\n- pasted by mistake\n"


def test_a_corrupt_machine_snapshot_names_the_snapshot(tmp_path):
    content = fresh(tmp_path)
    shutil.copy(RSIS, content / "sources" / "ice.txt")
    assert ingest(content)[0] == 0
    snapshot = content / "briefs" / ".machine" / "ice.yaml"
    snapshot.write_text("title: [unclosed\n")
    record_before = (content / "briefs" / "ice.yaml").read_bytes()
    code, err = ingest(content)
    assert code == 1
    assert err.startswith(f"error: {snapshot}:"), err
    assert (content / "briefs" / "ice.yaml").read_bytes() == record_before


def test_symlinks_that_leave_the_sources_folder_are_refused(tmp_path):
    content = fresh(tmp_path)
    outside = tmp_path / "secret"
    outside.mkdir()
    shutil.copy(RSIS, outside / "runner-secret.txt")
    (content / "sources" / "leak.txt").symlink_to(outside / "runner-secret.txt")
    (content / "sources" / "linked-dir").symlink_to(outside, target_is_directory=True)
    shutil.copy(POLAR, content / "sources" / "real.txt")
    (content / "sources" / "inside.txt").symlink_to(content / "sources" / "real.txt")
    code, err = ingest(content)
    assert code == 1
    assert "leak.txt" in err and "outside" in err
    assert sorted(p.name for p in (content / "briefs").glob("*.yaml")) == ["inside.yaml", "real.yaml"]
    code, err = ingest(content, content / "sources" / "leak.txt")
    assert code == 1 and "outside" in err
    assert not (content / "briefs" / "leak.yaml").exists()


def test_bomless_utf16_gets_a_hint(tmp_path):
    content = fresh(tmp_path)
    text = RSIS.read_text(encoding="utf-8")
    (content / "sources" / "wide.txt").write_bytes(text.encode("utf-16-le"))
    (content / "sources" / "wide-be.txt").write_bytes(text.encode("utf-16-be"))
    code, err = ingest(content)
    assert code == 1
    lines = err.splitlines()
    assert len(lines) == 2
    assert all("UTF-16" in line and "--encoding utf-16" in line for line in lines), lines


def test_the_same_article_under_two_names_is_warned_and_linked(tmp_path):
    content = fresh(tmp_path)
    shutil.copy(RSIS, content / "sources" / "rsis-arctic.txt")
    # the same page saved again from the browser: other chrome lines, one paragraph re-flowed
    lines = RSIS.read_text(encoding="utf-8").splitlines()
    copy = ["Skip to content", "Menu"] + lines[5:]
    (content / "sources" / "saved-again.txt").write_text("\n".join(copy) + "\n", encoding="utf-8")
    shutil.copy(POLAR, content / "sources" / "polar.txt")
    code, err = ingest(content)
    assert code == 0
    [warning] = [line for line in err.splitlines() if line.startswith("warning:")]
    assert "saved-again.txt" in warning and "rsis-arctic" in warning
    later = yaml.safe_load((content / "briefs" / "saved-again.yaml").read_text())
    assert later["duplicate_of"] == "rsis-arctic"
    assert "duplicate_of" not in yaml.safe_load((content / "briefs" / "rsis-arctic.yaml").read_text())
    assert "duplicate_of" not in yaml.safe_load((content / "briefs" / "polar.yaml").read_text())
    # a partial ingest of the copy alone still finds the record already there
    code, err = ingest(content, content / "sources" / "saved-again.txt")
    assert code == 0 and "rsis-arctic" in err


def test_rewritten_records_keep_their_mode(tmp_path):
    content = fresh(tmp_path)
    shutil.copy(RSIS, content / "sources" / "ice.txt")
    old = os.umask(0o002)
    try:
        assert ingest(content)[0] == 0
        record = content / "briefs" / "ice.yaml"
        assert stat.S_IMODE(record.stat().st_mode) == 0o664
        assert stat.S_IMODE((content / "briefs" / ".machine" / "ice.yaml").stat().st_mode) == 0o664
        record.chmod(0o644)
        page = content / "sources" / "ice.txt"
        page.write_text(page.read_text().replace("Arctic", "High North", 1))
        assert ingest(content)[0] == 0
        assert stat.S_IMODE(record.stat().st_mode) == 0o644
    finally:
        os.umask(old)
