"""Rebuilds: nothing changed → nothing written; anything changed → the same bytes as a clean build."""

from __future__ import annotations

import os
import sys
import time
from pathlib import Path

import pytest

from research_digest.config import load_config
from research_digest.render import build_site, manifest

sys.path.insert(0, str(Path(__file__).resolve().parent.parent / "bench"))
import make_corpus  # noqa: E402

from research_digest.records.yamlio import dump_record  # noqa: E402

COUNT = 12
pytestmark = pytest.mark.slow  # about 25 builds: make test and CI, not test-fast


def age(root: Path, seconds: float = 60) -> None:
    """Date every file back, as files written a minute before the build (not racy)."""
    past = time.time() - seconds
    for path in root.rglob("*"):
        os.utime(path, (past, past))


def tree(root: Path) -> dict[str, bytes]:
    return {p.relative_to(root).as_posix(): p.read_bytes() for p in sorted(root.rglob("*")) if p.is_file()}


def stats(root: Path) -> dict[str, tuple[int, int]]:
    return {
        p.relative_to(root).as_posix(): (p.stat().st_ino, p.stat().st_mtime_ns)
        for p in sorted(root.rglob("*"))
        if p.is_file()
    }


@pytest.fixture
def site(tmp_path: Path, monkeypatch):
    """A content directory of generated briefs, its config, and a helper for clean builds."""
    monkeypatch.chdir(tmp_path)
    briefs = tmp_path / "content" / "briefs"
    briefs.mkdir(parents=True)
    for i in range(COUNT):
        record = make_corpus.make_record(7, i)
        (briefs / f"{record.id}.yaml").write_text(dump_record(record), encoding="utf-8")
    age(tmp_path / "content")
    config = load_config(content_dir=tmp_path / "content", out_dir=tmp_path / "build", jobs=1)

    def clean_build(name: str) -> dict[str, bytes]:
        other = load_config(content_dir=tmp_path / "content", out_dir=tmp_path / name, jobs=1)
        report = build_site(other, search=False)
        assert not report.errors
        return tree(tmp_path / name)

    return config, briefs, clean_build


def test_rebuild_writes_nothing_when_nothing_changed(site):
    config, _, _ = site
    first = build_site(config, search=False)
    before = stats(config.out_dir)
    again = build_site(config, search=False)
    assert again.written == 0 and again.pages == first.pages and again.records == COUNT
    assert stats(config.out_dir) == before


def test_rebuild_after_editing_a_record_matches_clean_build(site):
    config, briefs, clean_build = site
    build_site(config, search=False)
    path = sorted(briefs.glob("*.yaml"))[3]
    path.write_text(path.read_text(encoding="utf-8").replace("title: ", "title: Revised ", 1), encoding="utf-8")
    age(briefs)
    report = build_site(config, search=False)
    assert report.written > 0
    built = tree(config.out_dir)
    assert any(b"Revised " in data for data in built.values())
    assert built == clean_build("clean")


def test_rebuild_after_adding_and_deleting_records_matches_clean_build(site):
    config, briefs, clean_build = site
    build_site(config, search=False)
    deleted = sorted(briefs.glob("*.yaml"))[0]
    deleted.unlink()
    added = make_corpus.make_record(7, COUNT + 5)
    (briefs / f"{added.id}.yaml").write_text(dump_record(added), encoding="utf-8")
    age(briefs)
    build_site(config, search=False)
    built = tree(config.out_dir)
    assert f"briefs/{added.id}/index.html" in built
    assert not any(p.startswith(f"briefs/{deleted.stem}/") for p in built)
    assert built == clean_build("clean")


def test_rebuild_restores_a_file_deleted_from_the_output(site):
    config, _, clean_build = site
    build_site(config, search=False)
    (config.out_dir / "index.html").unlink()
    report = build_site(config, search=False)
    assert report.written >= 1
    assert tree(config.out_dir) == clean_build("clean")


def test_rebuild_after_template_change_rebuilds(site, tmp_path):
    config, _, _ = site
    build_site(config, search=False)
    theme = tmp_path / "templates"
    import shutil

    from research_digest.resources import default_templates

    shutil.copytree(default_templates(), theme)  # a local templates/ beside content/ overrides the default
    base = theme / "base.html"
    base.write_text(
        base.read_text(encoding="utf-8").replace("</body>", "<!-- local theme --></body>"), encoding="utf-8"
    )
    age(theme)
    report = build_site(config, search=False)
    assert report.written > 0
    assert b"<!-- local theme -->" in (config.out_dir / "index.html").read_bytes()


def test_rebuild_after_setting_change_rebuilds(site, tmp_path):
    config, _, _ = site
    build_site(config, search=False)
    moved = load_config(content_dir=config.content_dir, out_dir=config.out_dir, jobs=1, title="Another Digest")
    report = build_site(moved, search=False)
    assert report.written > 0
    assert b"Another Digest" in (config.out_dir / "index.html").read_bytes()


def test_no_change_shortcut_not_trusted_when_inputs_are_too_fresh(site):
    config, briefs, _ = site
    path = sorted(briefs.glob("*.yaml"))[1]
    path.touch()  # modified just now: stat data cannot be trusted yet
    build_site(config, search=False)
    assert manifest.load_manifest(config).inputs == ""  # the next build compares contents
    age(briefs)
    build_site(config, search=False)
    assert manifest.load_manifest(config).inputs != ""


def test_rebuild_reports_bad_record_again(site):
    config, briefs, _ = site
    (briefs / "broken.yaml").write_text("id: broken\ntitle: [unclosed\n", encoding="utf-8")
    age(briefs)
    first = build_site(config, search=False)
    second = build_site(config, search=False)
    assert [str(e) for e in first.errors] == [str(e) for e in second.errors]
    assert any("broken.yaml" in str(e) for e in second.errors)


def test_build_with_warm_sentence_cache_matches_cold_build(site, tmp_path):
    config, _, _ = site
    build_site(config, search=False)
    (config.out_dir / "index.html").unlink()  # forces a full build, which now reads the cache
    cache = list(manifest.cache_dir(config).glob("sentences-*.json"))
    assert len(cache) == 1 and cache[0].stat().st_size > 1000
    build_site(config, search=False)
    (tmp_path / "elsewhere").mkdir()  # its own .cache: a cold build
    cold = load_config(content_dir=config.content_dir, out_dir=tmp_path / "elsewhere" / "build", jobs=1)
    build_site(cold, search=False)
    assert tree(config.out_dir) == tree(cold.out_dir)


def test_corrupt_sentence_cache_is_ignored(site, tmp_path):
    config, _, clean_build = site
    build_site(config, search=False)
    cache = next(manifest.cache_dir(config).glob("sentences-*.json"))
    cache.write_text('{"not": [1], "a": "table"', encoding="utf-8")
    (config.out_dir / "index.html").unlink()
    assert not build_site(config, search=False).errors
    cache.write_text('{"%s": [0, 3, 5]}' % ("0" * 40), encoding="utf-8")  # valid JSON, unrelated entry
    (config.out_dir / "index.html").unlink()
    build_site(config, search=False)
    (tmp_path / "elsewhere").mkdir()
    cold = load_config(content_dir=config.content_dir, out_dir=tmp_path / "elsewhere" / "build", jobs=1)
    build_site(cold, search=False)
    assert tree(config.out_dir) == tree(cold.out_dir)


def test_rebuild_after_source_date_epoch_change_rebuilds(site, monkeypatch):
    config, _, _ = site
    monkeypatch.delenv("SOURCE_DATE_EPOCH", raising=False)
    build_site(config, search=False)
    assert manifest.is_current(config, manifest.take_inputs(config, manifest_theme(), False)) is not None
    monkeypatch.setenv("SOURCE_DATE_EPOCH", "86400")
    assert manifest.is_current(config, manifest.take_inputs(config, manifest_theme(), False)) is None


def manifest_theme() -> tuple[Path, ...]:
    from research_digest.resources import default_templates

    return (default_templates(),)
