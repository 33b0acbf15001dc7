"""Rendering in a process pool gives the same pages, in the same order, as one process."""

from __future__ import annotations

import os
import sys
from functools import partial
from pathlib import Path

import pytest

from research_digest.config import load_config
from research_digest.errors import DigestError
from research_digest.records.yamlio import dump_record
from research_digest.render import build_site, parallel

sys.path.insert(0, str(Path(__file__).resolve().parent.parent / "bench"))
import make_corpus  # noqa: E402


def square(n: int) -> int:
    return n * n


def fail_on(n: int, bad: int) -> int:
    if n == bad:
        raise DigestError(f"page {n} failed", "templates/brief.html", 3)
    return n


def test_run_jobs_keeps_job_order_with_two_processes():
    jobs = [partial(square, n) for n in range(500)]
    assert parallel.run_jobs(jobs, 2) == [n * n for n in range(500)]


def test_run_jobs_runs_in_workers_when_there_are_enough_jobs():
    pids = parallel.run_jobs([os.getpid] * 200, 2)
    assert set(pids) - {os.getpid()}, "no job ran in a worker process"


def test_run_jobs_raises_a_workers_error_with_its_path_and_line():
    with pytest.raises(DigestError) as caught:
        parallel.run_jobs([partial(fail_on, n, 150) for n in range(200)], 2)
    assert str(caught.value) == "templates/brief.html:3: page 150 failed"


def test_build_with_two_processes_matches_one_process(tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    briefs = tmp_path / "content" / "briefs"
    briefs.mkdir(parents=True)
    for i in range(60):  # with their tag, actor and publisher pages, well over PARALLEL_MIN_JOBS
        record = make_corpus.make_record(3, i)
        (briefs / f"{record.id}.yaml").write_text(dump_record(record), encoding="utf-8")
    trees = []
    for jobs in (1, 2):
        out = tmp_path / f"build-{jobs}"
        report = build_site(load_config(content_dir=tmp_path / "content", out_dir=out, jobs=jobs), search=False)
        assert not report.errors and report.pages > parallel.PARALLEL_MIN_JOBS
        trees.append({p.relative_to(out).as_posix(): p.read_bytes() for p in sorted(out.rglob("*")) if p.is_file()})
    assert trees[0] == trees[1]


def test_load_records_in_two_processes_reports_the_same_errors(tmp_path):
    from research_digest.records.yamlio import load_records

    paths = []
    for i in range(80):
        record = make_corpus.make_record(5, i)
        path = tmp_path / f"{i:03d}-{record.id}.yaml"
        path.write_text(dump_record(record), encoding="utf-8")
        paths.append(path)
    (tmp_path / "040-bad.yaml").write_text("id: bad\ntitle: [unclosed\n", encoding="utf-8")
    paths[41].write_text(paths[40].read_text(encoding="utf-8"), encoding="utf-8")  # a duplicate id
    paths = sorted(tmp_path.glob("*.yaml"))
    serial = load_records(paths)
    pooled = load_records(paths, partial(parallel.map_jobs, 2))
    assert [r.id for r in pooled[0]] == [r.id for r in serial[0]] and len(serial[0]) == 79
    assert [str(e) for e in pooled[1]] == [str(e) for e in serial[1]] and len(serial[1]) == 2
