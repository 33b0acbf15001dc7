"""Interruptions: ``digest build`` and ``digest ingest`` killed with SIGKILL part-way.

A build killed at any moment must leave the previous ``build/`` whole: the same files with the
same bytes (or, if the kill came after the swap, the complete new build, never a mix), still
passing ``check_site``. An ingest killed at any moment must leave every record and every
``.machine`` snapshot loadable, and every curator edit in place.

The kill points are spread over the measured length of one uninterrupted run (so they do not
depend on this machine's speed), plus kills fired the moment the staging directory appears.
"""

from __future__ import annotations

import hashlib
import os
import shutil
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest
import yaml

from research_digest.check import check_site
from research_digest.records import yamlio

ROOT = Path(__file__).resolve().parent.parent
SEEDS = sorted((ROOT / "content" / "sources").glob("*.txt"))
COPIES = 20
"""Copies of each seed page: 40 pages, enough that one build or ingest takes about a second."""
KILL_FRACTIONS = (0.15, 0.4, 0.65, 0.9, 1.1)


def digest(*args: str, cwd: Path) -> subprocess.Popen:
    env = {**os.environ, "PYTHONPATH": str(ROOT / "src")}
    return subprocess.Popen(
        [sys.executable, "-m", "research_digest", *args, "-q"],
        cwd=cwd,
        env=env,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.PIPE,
    )


def run(*args: str, cwd: Path) -> float:
    started = time.monotonic()
    proc = digest(*args, cwd=cwd)
    _, err = proc.communicate(timeout=600)
    assert proc.returncode == 0, err.decode()
    return time.monotonic() - started


def kill_after(args: tuple[str, ...], cwd: Path, delay: float, watch: Path | None = None) -> int:
    """Start ``digest``; SIGKILL it after ``delay`` s (or when ``watch`` appears). Returns its exit code."""
    proc = digest(*args, cwd=cwd)
    deadline = time.monotonic() + delay
    while time.monotonic() < deadline and proc.poll() is None:
        if watch is not None and any(watch.parent.glob(watch.name)):
            break
        time.sleep(0.002)
    if proc.poll() is None:
        proc.send_signal(signal.SIGKILL)
    proc.communicate(timeout=60)
    return proc.returncode


def snapshot(folder: Path) -> dict[str, str]:
    return {
        p.relative_to(folder).as_posix(): hashlib.sha256(p.read_bytes()).hexdigest()
        for p in sorted(folder.rglob("*"))
        if p.is_file()
    }


def make_project(root: Path, revision: str = "") -> Path:
    sources = root / "content" / "sources"
    sources.mkdir(parents=True, exist_ok=True)
    for n in range(COPIES):
        for seed in SEEDS:
            text = seed.read_text(encoding="utf-8").replace("Arctic", f"Arctic {n}{revision}")
            (sources / f"{seed.stem}-{n:03d}.txt").write_text(text, encoding="utf-8")
    return root


@pytest.fixture(scope="module")
def built(tmp_path_factory):
    """A project with a first build, and the bytes of the build the next run would produce."""
    project = make_project(tmp_path_factory.mktemp("kill-build"))
    run("ingest", "-j", "1", cwd=project)
    run("build", "--no-search", cwd=project)
    before = snapshot(project / "build")
    shutil.copytree(project / "build", project.parent / "first-build")
    make_project(project, revision=" revised")  # the next build changes every brief page
    run("ingest", "-j", "1", cwd=project)
    reference = project.parent / (project.name + "-next")
    shutil.copytree(project / "content", reference / "content")
    seconds = run("build", "--no-search", cwd=reference)
    after = snapshot(reference / "build")
    assert before != after
    return project, before, after, seconds


def restore_first_build(project: Path) -> None:
    shutil.rmtree(project / "build", ignore_errors=True)
    shutil.copytree(project.parent / "first-build", project / "build")


@pytest.mark.slow
@pytest.mark.parametrize("fraction", KILL_FRACTIONS)
def test_killed_build_leaves_previous_site_whole(built, fraction):
    project, before, after, seconds = built
    restore_first_build(project)
    kill_after(("build", "--no-search"), project, seconds * fraction)
    now = snapshot(project / "build")
    assert now in (before, after), "build/ is neither the previous build nor the next one"
    assert check_site(project / "build") == []


@pytest.mark.slow
def test_build_killed_the_moment_staging_starts_keeps_site_and_next_build_cleans_up(built):
    project, before, after, seconds = built
    restore_first_build(project)
    kill_after(("build", "--no-search"), project, seconds * 3, watch=project / ".build.new-*")
    assert snapshot(project / "build") == before
    run("build", "--no-search", cwd=project)
    assert snapshot(project / "build") == after
    assert list(project.glob(".build.new-*")) == []


@pytest.fixture(scope="module")
def ingested(tmp_path_factory):
    """A project ingested once, with curator edits on a third of the records."""
    project = make_project(tmp_path_factory.mktemp("kill-ingest"))
    run("ingest", "-j", "1", cwd=project)
    briefs = project / "content" / "briefs"
    edits: dict[str, str] = {}
    for n, path in enumerate(yamlio.record_paths(briefs)):
        if n % 3 == 0:
            data = yaml.safe_load(path.read_text(encoding="utf-8"))
            data["note"] = f"Curator note {n}: checked against the printed edition."
            data["tags"] = sorted(set(data.get("tags", [])) | {f"curated-{n}"})
            yamlio.write_atomic(path, yamlio.dump_data(data))
            edits[path.name] = data["note"]
    make_project(project, revision=" revised")  # the next ingest rewrites every record
    reference = project.parent / (project.name + "-timing")
    shutil.copytree(project, reference)
    seconds = run("ingest", "-j", "1", cwd=reference)
    return project, edits, seconds, len(yamlio.record_paths(briefs))


@pytest.mark.slow
@pytest.mark.parametrize("fraction", KILL_FRACTIONS)
def test_killed_ingest_loses_no_record_snapshot_or_curator_edit(ingested, fraction):
    project, edits, seconds, count = ingested
    briefs = project / "content" / "briefs"
    kill_after(("ingest", "-j", "1"), project, seconds * fraction)
    paths = yamlio.record_paths(briefs)
    assert len(paths) == count
    records, errors = yamlio.load_records(paths)
    assert errors == []
    for record in records:
        snapshot_path = briefs / ".machine" / f"{record.id}.yaml"
        yamlio.load_record(snapshot_path)  # whole and valid, not truncated
        name = f"{record.id}.yaml"
        if name in edits:
            assert record.note == edits[name]
            assert any(tag.startswith("curated-") for tag in record.tags)


@pytest.mark.slow
def test_ingest_after_kills_finishes_and_keeps_every_edit(ingested):
    project, edits, _, count = ingested
    run("ingest", "-j", "1", cwd=project)
    records, errors = yamlio.load_records(yamlio.record_paths(project / "content" / "briefs"))
    assert errors == [] and len(records) == count
    briefs = project / "content" / "briefs"
    stale = [r.id for r in records if " revised" not in (briefs / f"{r.id}.yaml").read_text(encoding="utf-8")]
    assert stale == []
    assert sum(1 for r in records if r.note and r.note.startswith("Curator note")) == len(edits)


def test_ingest_stopped_between_record_and_snapshot_still_takes_new_machine_values(content, monkeypatch):
    """The kill that the timed tests can only hit by chance, made certain: stop after one write."""
    from research_digest import cli, ingest

    assert cli.main(["ingest", "-q", "--content", str(content), "-j", "1"]) == 0
    briefs = content / "briefs"
    target = yamlio.record_paths(briefs)[0]
    data = yaml.safe_load(target.read_text(encoding="utf-8"))
    data["note"] = "Curator note."
    yamlio.write_atomic(target, yamlio.dump_data(data))
    source = content / "sources" / f"{data['id']}.txt"
    source.write_text(
        source.read_text(encoding="utf-8").replace(data["title"], data["title"] + " (revised)"), encoding="utf-8"
    )
    real_write = yamlio.write_atomic
    calls = []

    def write_once_then_die(path, text):
        if calls:
            raise KeyboardInterrupt  # as if killed between the record and the snapshot
        calls.append(path)
        real_write(path, text)

    monkeypatch.setattr(ingest.yamlio, "write_atomic", write_once_then_die)
    with pytest.raises(KeyboardInterrupt):
        ingest.write_record(ingest.parse_file(source, None, content.parent, None), briefs)
    monkeypatch.setattr(ingest.yamlio, "write_atomic", real_write)
    assert cli.main(["ingest", "-q", "--content", str(content), "-j", "1"]) == 0
    record = yamlio.load_record(target)
    assert record.title.endswith("(revised)") and record.note == "Curator note."
    assert cli.main(["ingest", "-q", "--content", str(content), "-j", "1"]) == 0
    assert yamlio.load_record(target).title.endswith("(revised)")


def test_build_killed_between_fallback_renames_gets_previous_site_back(tmp_path, monkeypatch):
    """Without renameat2 the swap is two renames; a kill between them must not lose the old site."""
    from research_digest.render import writer

    out = tmp_path / "build"
    first = writer.SiteWriter(out)
    first.add("index.html", "<!doctype html><title>old</title>")
    first.add(".nojekyll", "")
    first.commit()
    before = snapshot(out)
    monkeypatch.setattr(writer, "exchange", lambda a, b: False)
    real_rename = os.rename

    def rename_once_then_die(src, dst):
        real_rename(src, dst)
        if str(dst).endswith("-old"):
            raise KeyboardInterrupt  # killed right after the old build was moved aside

    monkeypatch.setattr(writer.os, "rename", rename_once_then_die)
    second = writer.SiteWriter(out)
    second.add("index.html", "<!doctype html><title>new</title>")
    with pytest.raises(KeyboardInterrupt):
        second.commit()
    monkeypatch.setattr(writer.os, "rename", real_rename)
    assert not out.exists()  # the moment the fix is for
    writer.remove_stale_staging(out)  # what the next build does first
    assert snapshot(out) == before
