"""Render pages in a pool of processes, with the same result, in the same order, as one process.

Rendering is pure (a page's HTML depends only on the site model and the templates), and it is
most of a build: sentence splitting and Jinja for 10,000 brief pages. The build lists its pages
as *jobs*, zero-argument callables, in the order it wants them; ``run_jobs`` returns their
results in that same order however many processes ran them.

The workers are forked, so they inherit the site model, the renderer and the job list from the
parent without pickling them; only a chunk's start index goes out and the chunk's HTML strings
come back. Where ``fork`` is missing (Windows, macOS' default), or when there are few pages, the
jobs run in this process.
"""

from __future__ import annotations

import multiprocessing
import os
from collections.abc import Callable, Iterator, Sequence
from functools import partial
from typing import TypeVar, cast

T = TypeVar("T")

PARALLEL_MIN_JOBS = 64
"""Below this many pages a pool costs more to start than it saves."""
CHUNK = 32
"""Pages per task: large enough to amortise the pipe, small enough to balance the workers."""

_JOBS: Sequence[Callable[[], object]] = ()
"""The job list of the running ``run_jobs``, inherited by the forked workers."""


def _run_chunk(start: int) -> list[object]:
    return [job() for job in _JOBS[start : start + CHUNK]]


def worker_count(jobs: int) -> int:
    """``jobs`` from the config or ``-j``: 0 means one per core."""
    return jobs if jobs > 0 else (os.cpu_count() or 1)


def run_jobs(jobs: Sequence[Callable[[], T]], processes: int) -> list[T]:
    """Call every job; results in job order, whether in ``processes`` workers or here."""
    return list(iter_jobs(jobs, processes))


def iter_jobs(jobs: Sequence[Callable[[], T]], processes: int) -> Iterator[T]:
    """``run_jobs`` one result at a time, so the caller can write each page and let it go."""
    global _JOBS
    processes = worker_count(processes)
    if processes <= 1 or len(jobs) < PARALLEL_MIN_JOBS or "fork" not in multiprocessing.get_all_start_methods():
        for job in jobs:
            yield job()
        return
    _JOBS = jobs
    try:
        with multiprocessing.get_context("fork").Pool(processes) as pool:
            for chunk in pool.imap(_run_chunk, range(0, len(jobs), CHUNK)):
                yield from cast(list[T], chunk)  # imap keeps task order; the workers ran these jobs
    finally:
        _JOBS = ()


def map_jobs(processes: int, func: Callable[[T], object], items: Sequence[T]) -> list[object]:
    """``list(map(func, items))`` through ``run_jobs``: results in item order."""
    return run_jobs([partial(func, item) for item in items], processes)
