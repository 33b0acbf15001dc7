"""Parse once: milliseconds a record, parsed (libyaml's C loader with line tracking and the schema
check) against loaded from the cache (``records/cache.py``: a stat, then a restricted unpickle).

    python bench/records.py /tmp/corpus/content/briefs
"""

from __future__ import annotations

import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent / "src"))

from research_digest.records import cache, yamlio  # noqa: E402


def main(argv: list[str] | None = None) -> int:
    args = argv if argv is not None else sys.argv[1:]
    if len(args) != 1:
        print(__doc__, file=sys.stderr)
        return 2
    paths = yamlio.record_paths(args[0])
    with tempfile.TemporaryDirectory() as scratch:
        cpu = time.process_time()
        _, errors, _, cold = cache.load_records_cached(paths, Path(scratch))
        cold_cpu = time.process_time() - cpu
        cpu = time.process_time()
        _, _, _, warm = cache.load_records_cached(paths, Path(scratch))
        warm_cpu = time.process_time() - cpu
    n = max(1, len(paths))
    print(
        f"{len(paths):,} records ({len(errors)} bad), one process: "
        f"parsed {cold.parsed_seconds / max(1, cold.parsed) * 1000:.2f} ms "
        f"a record ({cold_cpu / n * 1000:.2f} CPU ms with hashing and writing the cache); "
        f"from the cache {warm.cached_seconds / max(1, warm.cached) * 1000:.2f} ms ({warm_cpu / n * 1000:.2f} CPU ms)"
    )
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
