"""The site writer: one write per path, never outside the site, atomic swap, unchanged files kept."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

from research_digest.render import writer as writer_mod
from research_digest.render.site import SiteError
from research_digest.render.writer import SiteWriter, exchange


def commit(out: Path, files: dict[str, bytes | str]):
    w = SiteWriter(out)
    for path, data in files.items():
        w.add(path, data)
    return w.commit()


def test_add_refuses_second_write_to_same_path(tmp_path: Path):
    w = SiteWriter(tmp_path / "build")
    w.add("tags/arctic/index.html", "a")
    with pytest.raises(SiteError, match="two pages claim the same file 'tags/arctic/index.html'"):
        w.add("tags/./arctic/index.html", "b")


@pytest.mark.parametrize("path", ["../outside.html", "/etc/passwd", "a/../../b", "", "a\\b"])
def test_add_refuses_path_outside_the_site(tmp_path: Path, path: str):
    with pytest.raises(SiteError, match="outside the site"):
        SiteWriter(tmp_path / "build").add(path, "x")


def test_commit_replaces_previous_site_and_drops_stale_files(tmp_path: Path):
    out = tmp_path / "build"
    commit(out, {"index.html": "one", "old/index.html": "gone soon"})
    result = commit(out, {"index.html": "two", ".nojekyll": b""})
    assert (out / "index.html").read_text() == "two"
    assert not (out / "old").exists()
    assert result.written == 2
    assert sorted(p.name for p in tmp_path.iterdir()) == ["build"]  # no staging directory left behind


def test_commit_keeps_unchanged_file_untouched(tmp_path: Path):
    out = tmp_path / "build"
    commit(out, {"index.html": "same", "feed.xml": "v1"})
    before = (out / "index.html").stat()
    result = commit(out, {"index.html": "same", "feed.xml": "v2"})
    after = (out / "index.html").stat()
    assert (after.st_ino, after.st_mtime_ns) == (before.st_ino, before.st_mtime_ns)
    assert (result.written, result.unchanged) == (1, 1)


def test_failed_build_leaves_previous_site_whole(tmp_path: Path):
    out = tmp_path / "build"
    commit(out, {"index.html": "good", ".nojekyll": ""})
    w = SiteWriter(out)
    w.add("a", "file")
    w.add("a/b.html", "a file cannot also be a directory")  # staging fails half-way through
    with pytest.raises(OSError):
        w.commit()
    assert (out / "index.html").read_text() == "good"
    assert sorted(p.name for p in tmp_path.iterdir()) == ["build"]


def test_commit_refuses_out_dir_that_contains_the_working_directory(tmp_path: Path, monkeypatch):
    (tmp_path / "project").mkdir()
    monkeypatch.chdir(tmp_path / "project")
    with pytest.raises(SiteError, match="contains"):
        commit(tmp_path, {"index.html": "x"})


def test_commit_refuses_directory_that_is_not_a_previous_build(tmp_path: Path):
    out = tmp_path / "notes"
    out.mkdir()
    (out / "thesis.tex").write_text("precious")
    with pytest.raises(SiteError, match="no previous build"):
        commit(out, {"index.html": "x"})
    assert (out / "thesis.tex").read_text() == "precious"


def test_exchange_swaps_two_directories_atomically(tmp_path: Path):
    a, b = tmp_path / "a", tmp_path / "b"
    a.mkdir(), b.mkdir()
    (a / "f").write_text("from a")
    (b / "f").write_text("from b")
    if not exchange(a, b):
        pytest.skip("renameat2(RENAME_EXCHANGE) not available on this system")
    assert (a / "f").read_text() == "from b" and (b / "f").read_text() == "from a"


def test_commit_falls_back_to_two_renames_without_renameat2(tmp_path: Path, monkeypatch):
    monkeypatch.setattr(writer_mod, "exchange", lambda a, b: False)
    out = tmp_path / "build"
    commit(out, {"index.html": "one"})
    commit(out, {"index.html": "two"})
    assert (out / "index.html").read_text() == "two"
    assert sorted(p.name for p in tmp_path.iterdir()) == ["build"]


def test_committed_site_is_readable_by_a_web_server(tmp_path: Path):
    out = tmp_path / "build"
    commit(out, {"index.html": "x"})
    assert os.stat(out).st_mode & 0o005 == 0o005


def test_commit_removes_staging_of_dead_builds_but_not_of_running_ones(tmp_path: Path):
    out = tmp_path / "build"
    dead = tmp_path / ".build.new-999999999-abc"  # no such pid
    dead.mkdir()
    alive = tmp_path / f".build.new-{os.getppid()}-abc"  # the test runner's parent is alive
    alive.mkdir()
    commit(out, {"index.html": "x"})
    assert not dead.exists() and alive.exists()


def test_add_stages_each_file_at_once_and_out_dir_changes_only_on_commit(tmp_path: Path):
    out = tmp_path / "build"
    commit(out, {"index.html": "old", ".nojekyll": ""})
    w = SiteWriter(out)
    w.add("index.html", "new")
    w.add("briefs/a/index.html", "a")
    assert (w.staging / "briefs" / "a" / "index.html").read_text() == "a"  # not kept in memory
    assert (out / "index.html").read_text() == "old" and not (out / "briefs").exists()
    w.add(".nojekyll", "")
    w.commit()
    assert (out / "index.html").read_text() == "new" and (out / "briefs" / "a" / "index.html").is_file()
    assert sorted(p.name for p in tmp_path.iterdir()) == ["build"]


def test_discard_removes_the_staging_directory(tmp_path: Path):
    out = tmp_path / "build"
    commit(out, {"index.html": "old", ".nojekyll": ""})
    w = SiteWriter(out)
    w.add("index.html", "new")
    w.discard()
    assert sorted(p.name for p in tmp_path.iterdir()) == ["build"]
    assert (out / "index.html").read_text() == "old"
