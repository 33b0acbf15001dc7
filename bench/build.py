"""Build benchmark: ``digest build`` against Pelican on the same corpus, in one run, one table.

    python bench/build.py                     # N = 1,000 and 10,000
    python bench/build.py --sizes 1000 --no-search --work /tmp/digest-bench

For each N, ``make_corpus.py`` writes N briefs (and the same articles for Pelican), then each
build runs as a child process, timed by wall clock, its peak memory read from the kernel
(``ru_maxrss`` of that child, via ``os.wait4``), and the files it wrote counted by comparing
the output tree (inode, size, mtime) before and after. Rows:

* digest full build (empty output directory, no cache), then a no-change rebuild, then a rebuild after
  editing one record (its title and one paragraph), then (for N <= --serial-max) a full build with ``-j 1``;
* Pelican full build with its content cache off, then on: a cold run filling the cache and a
  warm run reading it (Pelican's nearest thing to a rebuild).

The ratio column is Pelican's time (cache off for full builds, warm cache for rebuilds) divided
by ours. Then ``digest ingest`` of page dumps (copies of the seed pages with a varied sentence)
with ``-j 1`` and ``-j 2``, in pages per second.
"""

from __future__ import annotations

import argparse
import os
import resource
import shutil
import subprocess
import sys
import time
from dataclasses import dataclass
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "src"))
PYTHON = sys.executable


@dataclass
class Run:
    label: str
    seconds: float
    cpu: float
    """User + system CPU seconds of the child (and its own children): steadier than wall time
    on a shared machine."""
    max_rss_mb: float
    written: int
    files: int
    ok: bool = True


def snapshot(out: Path) -> dict[str, tuple[int, int, int]]:
    """(inode, size, mtime_ns) of every file under ``out``: what a build changed, whatever the tool."""
    found = {}
    for dirpath, _dirs, files in os.walk(out):
        for name in files:
            path = os.path.join(dirpath, name)
            st = os.lstat(path)
            found[os.path.relpath(path, out)] = (st.st_ino, st.st_size, st.st_mtime_ns)
    return found


def run_child(label: str, argv: list[str], cwd: Path, out: Path, env: dict | None = None) -> Run:
    """Run one build; wall time, peak RSS of that child and the files it created or changed."""
    before = snapshot(out) if out.exists() else {}
    started = time.perf_counter()
    proc = subprocess.Popen(
        argv, cwd=cwd, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, env={**os.environ, **(env or {})}
    )
    stderr = proc.stderr.read()
    before_children = resource.getrusage(resource.RUSAGE_CHILDREN)
    _pid, status, usage = os.wait4(proc.pid, 0)
    seconds = time.perf_counter() - started
    after_children = resource.getrusage(resource.RUSAGE_CHILDREN)
    cpu = (after_children.ru_utime + after_children.ru_stime) - (before_children.ru_utime + before_children.ru_stime)
    proc.returncode = os.waitstatus_to_exitcode(status)
    after = snapshot(out) if out.exists() else {}
    written = sum(1 for path, sig in after.items() if before.get(path) != sig)
    if proc.returncode != 0:
        print(f"{label}: exit {proc.returncode}\n{stderr.decode(errors='replace')[-2000:]}", file=sys.stderr)
    return Run(
        label,
        seconds,
        max(cpu, usage.ru_utime + usage.ru_stime),
        usage.ru_maxrss / 1024,
        written,
        len(after),
        proc.returncode == 0,
    )


def digest_argv(content: Path, out: Path, jobs: int | None, search: bool) -> list[str]:
    argv = [PYTHON, "-m", "research_digest", "build", "-q", "--content", str(content), "--out", str(out)]
    if jobs:
        argv += ["-j", str(jobs)]
    if not search:
        argv.append("--no-search")
    return argv


def edit_one_record(briefs: Path) -> tuple[Path, str]:
    """Change the title and the last paragraph of the middle record, as a curator would."""
    import yaml

    from research_digest.records.yamlio import dump_data

    paths = sorted(briefs.glob("*.yaml"))
    path = paths[len(paths) // 2]
    original = path.read_text(encoding="utf-8")
    data = yaml.load(original, Loader=yaml.CSafeLoader)
    data["title"] += " (revised)"
    last = [b for b in data["body"] if b.get("kind", "paragraph") == "paragraph"][-1]
    last["text"] += " A curator added this sentence."
    path.write_text(dump_data(data), encoding="utf-8")
    return path, original


def print_header(n: int) -> None:
    print(f"\nN = {n:,} briefs")
    print(
        f"{'build':34} {'seconds':>9} {'cpu s':>7} {'peak MB':>8} {'written':>8} {'files':>7} {'vs Pelican':>11} {'mem ratio':>9}"
    )
    sys.stdout.flush()


def print_row(run: Run, ref: Run | None) -> None:
    ratio = f"{ref.seconds / run.seconds:9.1f}x" if ref and run.seconds else ""
    mem = f"{run.max_rss_mb / ref.max_rss_mb:8.2f}" if ref else ""
    flag = "" if run.ok else "  FAILED"
    print(
        f"{run.label:34} {run.seconds:9.2f} {run.cpu:7.2f} {run.max_rss_mb:8.0f} {run.written:8,} {run.files:7,} "
        f"{ratio:>11} {mem:>9}{flag}"
    )
    sys.stdout.flush()


def bench_size(n: int, work: Path, args: argparse.Namespace) -> None:
    corpus = work / f"corpus-{n}"
    subprocess.run([PYTHON, str(ROOT / "bench" / "make_corpus.py"), str(n), str(corpus)], check=True)
    content, out = corpus / "content", corpus / "out-digest"
    generated = time.time()
    env = {"PYTHONPATH": str(ROOT / "src")}
    print_header(n)
    pel_off = pel_cold = pel_warm = None
    if not args.skip_pelican:
        pel = corpus / "pelican"
        pel_argv = [PYTHON, "-m", "pelican", "content", "-s", "pelicanconf.py", "-o", "out", "-q", "-e"]
        shutil.rmtree(pel / "out", ignore_errors=True)
        shutil.rmtree(pel / "cache", ignore_errors=True)
        pel_off = run_child(
            "pelican, cache off", pel_argv + ["CACHE_CONTENT=false", "LOAD_CONTENT_CACHE=false"], pel, pel / "out"
        )
        shutil.rmtree(pel / "out", ignore_errors=True)
        pel_cold = run_child(
            "pelican, cache on (cold)", pel_argv + ["CACHE_CONTENT=true", "LOAD_CONTENT_CACHE=true"], pel, pel / "out"
        )
        pel_warm = run_child(
            "pelican, cache on (warm)", pel_argv + ["CACHE_CONTENT=true", "LOAD_CONTENT_CACHE=true"], pel, pel / "out"
        )
        for run in (pel_off, pel_cold, pel_warm):
            print_row(run, None)
    shutil.rmtree(out, ignore_errors=True)
    shutil.rmtree(corpus / ".cache", ignore_errors=True)
    # Inputs under 2 s old are not trusted by stat (render/manifest.py): let a fresh corpus age.
    time.sleep(max(0.0, 2.1 - (time.time() - generated)))
    print_row(
        run_child("digest build, full", digest_argv(content, out, args.jobs, args.search), corpus, out, env), pel_off
    )
    print_row(
        run_child("digest build, no change", digest_argv(content, out, args.jobs, args.search), corpus, out, env),
        pel_warm,
    )
    edited, original = edit_one_record(content / "briefs")
    print_row(
        run_child("digest build, 1 record edited", digest_argv(content, out, args.jobs, args.search), corpus, out, env),
        pel_warm,
    )
    edited.write_text(original, encoding="utf-8")
    if args.jobs != 1 and n <= args.serial_max:
        serial = corpus / "out-digest-j1"
        shutil.rmtree(serial, ignore_errors=True)
        shutil.rmtree(serial.parent / ".cache", ignore_errors=True)  # cold, like the full build
        print_row(
            run_child("digest build -j 1, full", digest_argv(content, serial, 1, args.search), corpus, serial, env),
            pel_off,
        )


def make_pages(target: Path, count: int) -> None:
    """``count`` page dumps: the seed pages, each copy with one sentence varied, under new names."""
    seeds = sorted((ROOT / "content" / "sources").glob("*.txt"))
    target.mkdir(parents=True, exist_ok=True)
    for i in range(count):
        seed = seeds[i % len(seeds)]
        lines = seed.read_text(encoding="utf-8").splitlines()
        longest = max(range(len(lines)), key=lambda k: len(lines[k]))
        lines[longest] += f" In {1990 + i % 35}, observers counted {i + 3} vessels in the region."
        (target / f"{seed.stem}-copy-{i:04d}.txt").write_text("\n".join(lines) + "\n", encoding="utf-8")


def bench_ingest(work: Path, pages: int) -> None:
    corpus = work / "ingest"
    shutil.rmtree(corpus, ignore_errors=True)
    make_pages(corpus / "content" / "sources", pages)
    actors = ROOT / "content" / "actors.yaml"
    if actors.exists():
        shutil.copy(actors, corpus / "content" / "actors.yaml")
    env = {"PYTHONPATH": str(ROOT / "src")}
    print(f"\ndigest ingest, {pages} page dumps (seed pages with a varied sentence), {os.cpu_count()} cores")
    print(f"{'jobs':>4} {'seconds':>9} {'cpu s':>7} {'pages/s':>9} {'peak MB':>8} {'speed-up':>9}")
    base = None
    for jobs in (1, 2):
        shutil.rmtree(corpus / "content" / "briefs", ignore_errors=True)
        run = run_child(
            f"-j {jobs}",
            [
                PYTHON,
                "-m",
                "research_digest",
                "ingest",
                "-q",
                "-j",
                str(jobs),
                "--content",
                "content",
                "content/sources",
            ],
            corpus,
            corpus / "content" / "briefs",
            env,
        )
        rate = pages / run.seconds
        base = base or rate
        print(
            f"{jobs:4} {run.seconds:9.2f} {run.cpu:7.2f} {rate:9.1f} {run.max_rss_mb:8.0f} {rate / base:8.2f}x"
            + ("" if run.ok else "  FAILED")
        )


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(
        description=__doc__.split("\n\n")[0], epilog="Example: python bench/build.py --sizes 1000"
    )
    parser.add_argument("--sizes", default="1000,10000", help="comma-separated corpus sizes (default 1000,10000)")
    parser.add_argument("--work", type=Path, default=Path("/tmp/digest-bench"), help="scratch directory")
    parser.add_argument("-j", "--jobs", type=int, default=0, help="digest build processes (default: one per core)")
    parser.add_argument("--no-search", dest="search", action="store_false", help="build without the search index")
    parser.add_argument("--skip-pelican", action="store_true")
    parser.add_argument(
        "--serial-max", type=int, default=1000, help="also time a -j 1 full build for sizes up to this (default 1000)"
    )
    parser.add_argument(
        "--ingest-pages",
        type=int,
        default=1000,
        help="page dumps for the ingest benchmark (0: skip; a few hundred is dominated by start-up)",
    )
    args = parser.parse_args(argv)
    args.work.mkdir(parents=True, exist_ok=True)
    print(
        f"bench/build.py on {os.cpu_count()} cores, Python {sys.version.split()[0]}; search index "
        f"{'on' if args.search else 'off'}"
    )
    for n in (int(s) for s in args.sizes.split(",") if s.strip()):
        bench_size(n, args.work, args)
    if args.ingest_pages:
        bench_ingest(args.work, args.ingest_pages)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
