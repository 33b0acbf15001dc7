"""Reading-view benchmark: the corpus-wide work the home page and brief pages need.

    python bench/reading.py                 # 10,000 briefs from make_corpus.py
    python bench/reading.py --size 1000 --work /tmp/digest-reading

``related.link_briefs`` (previous/next and related briefs for every brief) and
``overview.summarise`` (the home page's opening) run once per build over every record. Each is
timed in CPU seconds (steadier than wall clock on a shared machine), after loading the records.
"""

from __future__ import annotations

import argparse
import subprocess
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "src"))


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--size", type=int, default=10_000, help="briefs in the corpus (default 10,000)")
    parser.add_argument("--work", type=Path, default=Path("/tmp/digest-reading"), help="scratch directory")
    args = parser.parse_args(argv)

    from research_digest.records import yamlio
    from research_digest.render.overview import summarise
    from research_digest.render.related import link_briefs
    from research_digest.render.site import sort_newest_first

    corpus = args.work / str(args.size)
    briefs = corpus / "content" / "briefs"
    if not briefs.is_dir():
        subprocess.run(
            [sys.executable, str(ROOT / "bench" / "make_corpus.py"), str(args.size), str(corpus)], check=True
        )
    records, errors = yamlio.load_records(yamlio.record_paths(briefs))
    records = sort_newest_first(records)
    print(f"{len(records):,} briefs ({len(errors)} unreadable)")
    for name, work in (("related.link_briefs", link_briefs), ("overview.summarise", summarise)):
        started = time.process_time()
        work(records)
        print(f"{name:22} {time.process_time() - started:6.2f} CPU s")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
