"""Extraction figures: quality on the gold and the hand-annotated articles, and speed.

Run from the repository root:  PYTHONPATH=src python bench/extract.py [--rounds N]

Quality: events recall/precision and dates right, core claims found and the share of extracted
claims that are gold, per document (rules as in tests/extract_eval.py). Speed: annotate() over
every seed and test article, repeated, reported as paragraphs and pages per second on one core;
the first call (gazetteer load, regex compile) is timed apart.
"""

from __future__ import annotations

import argparse
import copy
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "tests"))

from extract_eval import GAZETTEER, build_record, evaluate, load_gold  # noqa: E402

from research_digest import extract  # noqa: E402
from research_digest.extract.sentences import _split_cached  # noqa: E402

split_cache_clear = _split_cached.cache_clear


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--rounds", type=int, default=50, help="times to annotate the whole set (default 50)")
    args = parser.parse_args()
    paths = sorted((ROOT / "tests" / "gold").glob("*.yaml")) + sorted(
        (ROOT / "tests" / "extract" / "tuning").glob("*.yaml")
    )

    totals = {
        "required": 0,
        "found": 0,
        "true": 0,
        "false": 0,
        "matched": 0,
        "right": 0,
        "core": 0,
        "core_found": 0,
        "claims": 0,
        "gold_claims": 0,
    }
    for path in paths:
        _, s = evaluate(path)
        print(s.line())
        for key, value in (
            ("required", s.required),
            ("found", s.found_required),
            ("true", s.true_events),
            ("false", len(s.false_events)),
            ("matched", s.matched),
            ("right", s.right_dates),
            ("core", s.core_claims),
            ("core_found", s.found_core),
            ("claims", s.claims),
            ("gold_claims", s.gold_claims_found),
        ):
            totals[key] += value
    t = totals
    print(
        f"ALL: events recall {t['found']}/{t['required']} = {t['found'] / t['required']:.2f}, precision "
        f"{t['true']}/{t['true'] + t['false']} = {t['true'] / (t['true'] + t['false']):.2f}, dates right "
        f"{t['right']}/{t['matched']} = {t['right'] / t['matched']:.2f}; core claims {t['core_found']}/{t['core']}, "
        f"claims that are gold {t['gold_claims']}/{t['claims']} = {t['gold_claims'] / t['claims']:.2f}"
    )

    records = [build_record(load_gold(p), p.stem) for p in paths]
    started = time.perf_counter()
    extract._load_cached.cache_clear()
    gazetteer = extract.load_gazetteer(GAZETTEER)
    first = copy.deepcopy(records[0])
    extract.annotate(first, gazetteer)
    cold = time.perf_counter() - started
    paragraphs = sum(len(r.body) for r in records)
    started = time.perf_counter()
    for _ in range(args.rounds):
        for record in records:
            work = copy.copy(record)
            extract.annotate(work, gazetteer)
    elapsed = time.perf_counter() - started
    pages = len(records) * args.rounds
    started = time.perf_counter()
    for _ in range(max(1, args.rounds // 5)):
        for record in records:
            split_cache_clear()
            extract.annotate(copy.copy(record), gazetteer)
    cold_pages = len(records) * max(1, args.rounds // 5)
    cold_elapsed = time.perf_counter() - started
    print(
        f"speed: first call {cold * 1000:.0f} ms (gazetteer + regexes); then {pages} pages / {paragraphs * args.rounds} "
        f"blocks in {elapsed:.2f} s = {pages / elapsed:.0f} pages/s, {paragraphs * args.rounds / elapsed:.0f} blocks/s "
        "(one core; sentences cached after the first round)"
    )
    print(
        f"speed, sentences split afresh each page (as in ingest): {cold_pages} pages in {cold_elapsed:.2f} s = "
        f"{cold_pages / cold_elapsed:.0f} pages/s"
    )
    return 0


if __name__ == "__main__":
    sys.exit(main())
