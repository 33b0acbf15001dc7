"""A full disk or a read-only output folder (issue 10, item 8): one line naming the file, exit 1
(not exit 3 "a bug in research-digest"), and the previous ``build/`` left whole.

The tests run as root here, where permission bits do not stop writes, so the file system's
answers are injected: ``ENOSPC`` from the write of a staged page, ``EROFS`` from creating the
staging folder, ``EACCES`` from the cache.
"""

from __future__ import annotations

import builtins
import errno
import io
import os
import tempfile
from contextlib import redirect_stderr
from pathlib import Path

import pytest
from conftest import make_content

from research_digest import cli
from research_digest.render import writer


def build(content: Path, out: Path) -> tuple[int, str]:
    err = io.StringIO()
    with redirect_stderr(err):
        code = cli.main(["build", "-q", "--no-search", "-j", "1", "--content", str(content), "--out", str(out)])
    return code, err.getvalue()


def tree(folder: Path) -> dict[str, bytes]:
    return {p.relative_to(folder).as_posix(): p.read_bytes() for p in sorted(folder.rglob("*")) if p.is_file()}


@pytest.fixture
def built(tmp_path):
    content = make_content(tmp_path / "content")
    out = tmp_path / "build"
    assert build(content, out)[0] == 0
    # change a record so the next build must write
    record = sorted((content / "briefs").glob("*.yaml"))[0]
    record.write_text(record.read_text().replace("title: ", "title: Changed ", 1))
    return content, out, tree(out)


def test_disk_full_while_staging_pages_is_one_line_and_exit_1(built, monkeypatch):
    content, out, before = built
    real_open = builtins.open
    staged = []

    def full_disk(file, mode="r", *args, **kwargs):
        if "w" in mode and writer.STAGING_PREFIX in str(file):
            staged.append(file)
            if len(staged) > 3:
                raise OSError(errno.ENOSPC, os.strerror(errno.ENOSPC), str(file))
        return real_open(file, mode, *args, **kwargs)

    monkeypatch.setattr(builtins, "open", full_disk)
    code, err = build(content, out)
    monkeypatch.undo()
    assert code == 1, err
    [line] = err.splitlines()
    assert line.startswith("error: ") and "No space left on device" in line and "bug" not in line
    assert tree(out) == before
    assert not list(out.parent.glob(writer.STAGING_PREFIX + "*"))


def test_read_only_output_folder_is_one_line_and_exit_1(built, monkeypatch):
    content, out, before = built

    def read_only(*args, **kwargs):
        raise OSError(errno.EROFS, os.strerror(errno.EROFS), str(out.parent))

    monkeypatch.setattr(tempfile, "mkdtemp", read_only)
    code, err = build(content, out)
    monkeypatch.undo()
    assert code == 1, err
    [line] = err.splitlines()
    assert line.startswith(f"error: {out.parent}") and "Read-only file system" in line
    assert tree(out) == before


def test_unwritable_cache_is_one_line_and_exit_1(tmp_path, monkeypatch):
    content = make_content(tmp_path / "content")
    real_mkdir = Path.mkdir

    def no_access(self, *args, **kwargs):
        if ".cache" in self.parts:
            raise PermissionError(errno.EACCES, os.strerror(errno.EACCES), str(self))
        return real_mkdir(self, *args, **kwargs)

    monkeypatch.setattr(Path, "mkdir", no_access)
    code, err = build(content, tmp_path / "build")
    monkeypatch.undo()
    assert code == 1, err
    assert len(err.splitlines()) == 1 and "Permission denied" in err
