"""Build benchmark: ``digest build`` against Pelican on the same corpus, in one run, one table.

    python bench/build.py                     # N = 1,000 and 10,000, both corpus shapes
    python bench/build.py --sizes 1000 --no-search --shapes programme --work /tmp/digest-bench

For each N and each corpus shape (``make_corpus.py --shape``: ``spread``, each brief with its own
few tags and actors; ``programme``, every brief sharing 10 tags and 20 actors, the worst case for
term pages), the corpus is written, then each build runs as a child process, timed by wall clock
and CPU seconds (user + system of the child and its helpers, such as Pagefind: the steadier figure
on a shared machine), its peak memory read from the kernel (``ru_maxrss`` via ``os.wait4``), and
the files and bytes it wrote found by comparing the output tree (inode, size, mtime) before and
after. Rows: Pelican 4.12 with its content cache off; our full build (empty output, no cache); a
no-change rebuild; a one-paragraph edit; a one-title edit; one record added; that record deleted.
"× Pelican" is Pelican's time divided by ours, in wall-clock and in CPU seconds. Ingest (``-j 1``
and ``-j 2``) runs with ``--ingest-pages N``.
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
sys.path.insert(0, str(ROOT / "bench"))
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
    bytes_written: int = 0
    total_bytes: int = 0


def snapshot(out: Path) -> dict[str, tuple[int, int, int]]:  # noqa: D103
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
    changed = [sig for path, sig in after.items() if before.get(path) != sig]
    written = len(changed)
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
        sum(sig[1] for sig in changed),
        sum(sig[1] for sig in after.values()),
    )


def digest_argv(content: Path, out: Path, jobs: int | None, search: bool) -> list[str]:
    argv = [PYTHON, "-m", "research_digest", "build", "-q", "--content", str(content), "--out", str(out)]
    if jobs:
        argv += ["-j", str(jobs)]
    if not search:
        argv.append("--no-search")
    return argv


def edit_record(briefs: Path, change: str) -> None:
    """Edit the middle record as a curator would: ``paragraph`` appends a sentence to its last
    paragraph, ``title`` changes its title."""
    import yaml

    from research_digest.records.yamlio import dump_data

    paths = sorted(briefs.glob("*.yaml"))
    path = paths[len(paths) // 2]
    data = yaml.load(path.read_text(encoding="utf-8"), Loader=yaml.CSafeLoader)
    if change == "title":
        data["title"] += " (revised)"
    else:
        last = [b for b in data["body"] if b.get("kind", "paragraph") == "paragraph"][-1]
        last["text"] += " A curator added this sentence."
    path.write_text(dump_data(data), encoding="utf-8")


def add_record(briefs: Path, n: int, shape: str) -> Path:
    """One more brief of the same shape (number ``n``, after the corpus's last)."""
    import make_corpus

    from research_digest.records.yamlio import dump_record

    record = make_corpus.make_record(1, n, shape)
    path = briefs / f"{record.id}.yaml"
    path.write_text(dump_record(record), encoding="utf-8")
    return path


COLUMNS = (
    f"{'shape':9} {'N':>6} {'build':24} {'seconds':>8} {'cpu s':>7} {'peak MB':>8} {'written':>8} "
    f"{'MB written':>10} {'files':>7} {'KB/brief':>8} {'× Pelican':>9} {'× (cpu)':>8}"
)


def format_row(shape: str, n: int, run: Run, ref: Run | None) -> str:
    ratio = f"{ref.seconds / run.seconds:8.1f}×" if ref and run.seconds else ""
    cpu_ratio = f"{ref.cpu / run.cpu:7.1f}×" if ref and run.cpu else ""
    flag = "" if run.ok else "  FAILED"
    return (
        f"{shape:9} {n:>6,} {run.label:24} {run.seconds:8.2f} {run.cpu:7.2f} {run.max_rss_mb:8.0f} {run.written:8,} "
        f"{run.bytes_written / 1e6:10.1f} {run.files:7,} {run.total_bytes / 1024 / n:8.1f} {ratio:>9} {cpu_ratio:>8}{flag}"
    )


def bench_size(n: int, shape: str, work: Path, args: argparse.Namespace, table: list[str]) -> None:
    corpus = work / f"corpus-{shape}-{n}"
    subprocess.run([PYTHON, str(ROOT / "bench" / "make_corpus.py"), str(n), str(corpus), "--shape", shape], check=True)
    content, out = corpus / "content", corpus / "out-digest"
    generated = time.time()
    env = {"PYTHONPATH": str(ROOT / "src")}
    pelican = None

    def row(run: Run, ref: Run | None) -> None:
        table.append(format_row(shape, n, run, ref))
        print(table[-1])
        sys.stdout.flush()

    if not args.skip_pelican:
        pel = corpus / "pelican"
        pel_argv = [PYTHON, "-m", "pelican", "content", "-s", "pelicanconf.py", "-o", "out", "-q", "-e"]
        shutil.rmtree(pel / "out", ignore_errors=True)
        shutil.rmtree(pel / "cache", ignore_errors=True)
        pelican = run_child(
            "pelican, cache off", pel_argv + ["CACHE_CONTENT=false", "LOAD_CONTENT_CACHE=false"], pel, pel / "out"
        )
        row(pelican, None)
    shutil.rmtree(out, ignore_errors=True)
    shutil.rmtree(corpus / ".cache", ignore_errors=True)
    # Inputs under 2 s old are not trusted by stat (render/manifest.py): let a fresh corpus age.
    time.sleep(max(0.0, 2.1 - (time.time() - generated)))

    def build(label: str) -> None:
        row(run_child(label, digest_argv(content, out, args.jobs, args.search), corpus, out, env), pelican)

    build("full")
    build("no change")
    briefs = content / "briefs"
    edit_record(briefs, "paragraph")
    build("one-paragraph edit")
    edit_record(briefs, "title")
    build("one-title edit")
    added = add_record(briefs, n, shape)
    build("add one record")
    added.unlink()
    build("delete one record")


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
    parser.add_argument(
        "--shapes", default="spread,programme", help="corpus shapes (make_corpus.py --shape), default both"
    )
    parser.add_argument("--work", type=Path, default=Path("/tmp/digest-bench"), help="scratch directory")
    parser.add_argument("-j", "--jobs", type=int, default=0, help="digest build processes (default: one per core)")
    parser.add_argument("--no-search", dest="search", action="store_false", help="build without the search index")
    parser.add_argument("--skip-pelican", action="store_true")
    parser.add_argument(
        "--ingest-pages",
        type=int,
        default=0,
        help="page dumps for the ingest benchmark (0: skip; a few hundred is dominated by start-up)",
    )
    args = parser.parse_args(argv)
    args.work.mkdir(parents=True, exist_ok=True)
    print(
        f"bench/build.py on {os.cpu_count()} cores, Python {sys.version.split()[0]}; search index "
        f"{'on' if args.search else 'off'}"
    )
    table: list[str] = []
    print(COLUMNS)
    for n in (int(s) for s in args.sizes.split(",") if s.strip()):
        for shape in (s.strip() for s in args.shapes.split(",") if s.strip()):
            bench_size(n, shape, args.work, args, table)
    print("\nAll rows (× Pelican: Pelican 4.12 with its content cache off on the same corpus, divided by ours;")
    print("KB/brief: bytes of the whole output directory after that build / N; peak MB: the child and its helpers)")
    print(COLUMNS)
    print("\n".join(table))
    if args.ingest_pages:
        bench_ingest(args.work, args.ingest_pages)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
