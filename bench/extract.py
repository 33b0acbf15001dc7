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


GOLD_SETS = (ROOT / "tests" / "gold", ROOT / "tests" / "articles")
"""The hand-annotated documents scored: the seeds' gold and tests/articles/."""

COUNTS = {  # total key: the per-document Score field it sums
    "required": "required",
    "found": "found_required",
    "true": "true_events",
    "matched": "matched",
    "right": "right_dates",
    "core": "core_claims",
    "core_found": "found_core",
    "claims": "claims",
    "gold_claims": "gold_claims_found",
}


def gold_paths() -> list[Path]:
    return [p for folder in GOLD_SETS for p in sorted(folder.glob("*.yaml"))]


def totals(paths: list[Path], show: bool = False) -> dict[str, int]:
    """Counts summed over ``paths`` (each document scored by tests/extract_eval.py's rules)."""
    t = dict.fromkeys([*COUNTS, "false"], 0)
    for path in paths:
        _, s = evaluate(path)
        if show:
            print(s.line())
        for key, attr in COUNTS.items():
            t[key] += getattr(s, attr)
        t["false"] += len(s.false_events)
    return t


def ratios(t: dict[str, int]) -> dict[str, float]:
    """The figures the quality gate holds to floors (tests/quality/floors.yaml, section extract)."""
    return {
        "events_recall": t["found"] / max(t["required"], 1),
        "events_precision": t["true"] / max(t["true"] + t["false"], 1),
        "dates_right": t["right"] / max(t["matched"], 1),
        "core_claims": t["core_found"] / max(t["core"], 1),
        "claim_precision": t["gold_claims"] / max(t["claims"], 1),
    }


def scores() -> dict[str, float]:
    """Events and claims quality over every annotated document, for the quality gate (bench/gate.py)."""
    return ratios(totals(gold_paths()))


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--rounds", type=int, default=50, help="times to annotate the whole set (default 50)")
    args = parser.parse_args()
    paths = gold_paths()
    t = totals(paths, show=True)
    r = ratios(t)
    print(
        f"ALL: events recall {t['found']}/{t['required']} = {r['events_recall']:.2f}, precision "
        f"{t['true']}/{t['true'] + t['false']} = {r['events_precision']:.2f}, dates right "
        f"{t['right']}/{t['matched']} = {r['dates_right']:.2f}; core claims {t['core_found']}/{t['core']}, "
        f"claims that are gold {t['gold_claims']}/{t['claims']} = {r['claim_precision']:.2f}"
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
