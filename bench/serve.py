"""Preview benchmark: how long ``digest serve`` takes from saving one record to a rebuilt site.

    python bench/serve.py /tmp/corpus-1k            # a corpus written by make_corpus.py
    python bench/serve.py /tmp/corpus-1k --edits 5 --no-search

The preview runs in one process and rebuilds in it (``serve.rebuild``), so this does the same:
one build to start (as ``digest serve`` does), then for each edit (the title of a record, then a
sentence added to one of its paragraphs, in turn) a save and a rebuild, timed in wall-clock and
CPU seconds of this process and its children (Pagefind). The page in the browser reloads within
``serve.RELOAD_POLL_MS`` of the rebuild, and the watcher notices a save within
``serve.POLL_SECONDS``; both are printed beside the rebuild time.
"""

from __future__ import annotations

import argparse
import os
import statistics
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "src"))


def cpu_seconds() -> float:
    me = os.times()
    return me.user + me.system + me.children_user + me.children_system


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("corpus", type=Path, help="a folder with content/briefs (bench/make_corpus.py)")
    parser.add_argument("--edits", type=int, default=6)
    parser.add_argument("--no-search", dest="search", action="store_false")
    args = parser.parse_args(argv)

    import yaml

    from research_digest.config import Config
    from research_digest.records.yamlio import dump_data
    from research_digest.serve import POLL_SECONDS, RELOAD_POLL_MS, BuildId, rebuild

    content = (args.corpus / "content").resolve()
    config = Config(content_dir=content, out_dir=(args.corpus / "out-serve").resolve())
    build_id = BuildId()
    started = time.perf_counter()
    rebuild(config, True, search=args.search, build_id=build_id)
    print(f"first build: {time.perf_counter() - started:.1f} s", file=sys.stderr)
    paths = sorted((content / "briefs").glob("*.yaml"))
    walls, cpus = [], []
    for n in range(args.edits):
        path = paths[(n * 7919) % len(paths)]
        data = yaml.load(path.read_text(encoding="utf-8"), Loader=yaml.CSafeLoader)
        if n % 2 == 0:
            data["title"] += " (revised)"
        else:
            [b for b in data["body"] if b.get("kind", "paragraph") == "paragraph"][-1]["text"] += " One more sentence."
        path.write_text(dump_data(data), encoding="utf-8")
        before, wall = cpu_seconds(), time.perf_counter()
        seen = build_id.value
        rebuild(config, True, search=args.search, build_id=build_id)
        walls.append(time.perf_counter() - wall)
        cpus.append(cpu_seconds() - before)
        assert build_id.value == seen + 1, "the rebuild changed nothing"
    briefs = len(paths)
    print(
        f"digest serve, {briefs:,} briefs, search {'on' if args.search else 'off'}: one-record save → rebuilt site "
        f"in {statistics.median(walls):.2f} s wall (median of {len(walls)}; max {max(walls):.2f}), "
        f"{statistics.median(cpus):.2f} CPU s; plus up to {POLL_SECONDS:.2f} s to notice the save and "
        f"{RELOAD_POLL_MS / 1000:.2f} s for the page to reload"
    )
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
