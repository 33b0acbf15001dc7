"""Extraction figures: quality on the tuning and held-out sets, side by side, and speed.

Run from the repository root:  PYTHONPATH=src python bench/extract.py [--rounds N] [--detail]

Quality rows (rules as in tests/extract_eval.py), as fractions over all items of a set:
- ``first run``: the tuning articles (tests/extract/tuning/) scored before any rule was changed
  for them, as recorded in tests/test_extract_tuning.py (figures not recorded then print as ``-``);
- ``tuning``: the seeds and the tuning articles now (the rules were fitted to them: an upper bound);
- ``heldout1``, ``heldout2``: batches annotated and committed before the extractor ran on them.
  ``HELDOUT_FIRST`` keeps each batch's figures from the one run before any rule change it could
  cause; the live row beside it shows where the batch stands now.
Speed: annotate() over every tuning document, repeated, as paragraphs and pages per second of CPU
time on one core; the first call (gazetteer load, regex compile) is timed apart.
"""

from __future__ import annotations

import argparse
import copy
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "tests"))

from extract_eval import FIGURES, GAZETTEER, SETS, build_record, evaluate_set, load_gold, scores  # noqa: E402

from research_digest import extract  # noqa: E402
from research_digest.extract.sentences import _split_cached  # noqa: E402

split_cache_clear = _split_cached.cache_clear

__all__ = ["scores"]

FIRST_RUN = {
    "core_claims_found": "40/45",
    "claims_real": "-",
    "events_found": "58/63",
    "event_precision": "-",
    "dates_right": "-",
}
"""The ten tuning articles' first runs, before rules were changed for them (issue 14)."""

ISSUE_TRIAL = {
    "core_claims_found": "0.37",
    "claims_real": "0.65",
    "events_found": "0.82",
    "event_precision": "0.92",
    "dates_right": "0.87",
}
"""Issue 14's trial on ten briefs a new user brought (not in the repository): for comparison only."""

HELDOUT_FIRST: dict[str, dict[str, str]] = {
    # Scored once with the rules of commit 792eee7, before any rule change; its misses then taught
    # rules, so from that change on heldout1 is tuning data and heldout2 is the held-out measure.
    "heldout1": {
        "core_claims_found": "27/70",
        "claims_real": "31/32",
        "events_found": "37/52",
        "event_precision": "37/40",
        "dates_right": "37/46",
    },
    # Scored once with the rules of commit dedfbf4 (stance features, dates from the publication
    # date); the batch was written and committed in c045775, before any of those rules: the held-out measure.
    "heldout2": {
        "core_claims_found": "26/33",
        "claims_real": "30/31",
        "events_found": "20/22",
        "event_precision": "20/21",
        "dates_right": "23/25",
    },
    # Scored once with the rules of commit 56a76c7 (lessons of heldout2); written and committed in
    # 370b04b before those rules.
    "heldout3": {
        "core_claims_found": "28/39",
        "claims_real": "29/31",
        "events_found": "21/21",
        "event_precision": "21/23",
        "dates_right": "21/24",
    },
    # Scored once with the rules of commit 3fd5d32 (lessons of heldout3); written and committed in
    # 5e3eaeb and fc8897b before those rules. The latest held-out measure: no rule has seen it.
    "heldout4": {
        "core_claims_found": "23/32",
        "claims_real": "26/28",
        "events_found": "17/18",
        "event_precision": "17/17",
        "dates_right": "18/20",
    },
}
"""Each held-out batch's figures from its one run before any rule change it could cause."""

TARGETS = {
    "core_claims_found": 0.8,
    "claims_real": 0.8,
    "events_found": 0.9,
    "event_precision": 0.9,
    "dates_right": 0.95,
}
HEADERS = ("core claims found", "claims real", "events found", "event precision", "dates right")


def _cell(fraction: str) -> str:
    if "/" not in fraction:
        return fraction
    a, b = (int(x) for x in fraction.split("/"))
    return f"{fraction} = {a / b:.2f}" if b else fraction


def quality_table(detail: bool = False, sets: list[str] | None = None) -> None:
    width = 22
    print(f"{'set':<24}{'briefs':>7}  " + "".join(f"{h:>{width}}" for h in HEADERS))
    print(f"{'target':<24}{'':>7}  " + "".join(f"{TARGETS[k]:>{width}.2f}" for k in FIGURES))
    print(f"{'first run (tuning art.)':<24}{10:>7}  " + "".join(f"{_cell(FIRST_RUN[k]):>{width}}" for k in FIGURES))
    print(f"{'issue 14 trial':<24}{10:>7}  " + "".join(f"{ISSUE_TRIAL[k]:>{width}}" for k in FIGURES))
    for name in sets or list(SETS):
        totals, results = evaluate_set(name)
        if not totals.briefs:
            continue
        if name in HELDOUT_FIRST:
            row = HELDOUT_FIRST[name]
            print(
                f"{name + ' (first run)':<24}{totals.briefs:>7}  "
                + "".join(f"{_cell(row[k]):>{width}}" for k in FIGURES)
            )
        fractions = totals.fractions()
        label = name + (" (now)" if name in HELDOUT_FIRST else "")
        print(f"{label:<24}{totals.briefs:>7}  " + "".join(f"{_cell(fractions[k]):>{width}}" for k in FIGURES))
        if detail:
            for s in results:
                print("    " + s.line())
                for kind, items in (
                    ("missed event", s.missed_events),
                    ("false event", s.false_events),
                    ("wrong date", s.wrong_dates),
                    ("missed core claim", s.missed_core),
                    ("extra claim", s.extra_claims),
                ):
                    for item in items:
                        print(f"        {kind}: {item}")


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--rounds", type=int, default=50, help="times to annotate the whole set (default 50)")
    parser.add_argument("--detail", action="store_true", help="print every brief's misses under its set's row")
    parser.add_argument("--sets", nargs="*", choices=list(SETS), help="which sets to score (default: all)")
    args = parser.parse_args()
    quality_table(args.detail, args.sets)
    paths = SETS["tuning"]

    records = [build_record(load_gold(p), p.stem) for p in paths]
    started = time.process_time()
    extract._load_cached.cache_clear()
    gazetteer = extract.load_gazetteer(GAZETTEER)
    first = copy.deepcopy(records[0])
    extract.annotate(first, gazetteer)
    cold = time.process_time() - started
    paragraphs = sum(len(r.body) for r in records)
    started = time.process_time()
    for _ in range(args.rounds):
        for record in records:
            work = copy.copy(record)
            extract.annotate(work, gazetteer)
    elapsed = time.process_time() - started
    pages = len(records) * args.rounds
    started = time.process_time()
    for _ in range(max(1, args.rounds // 5)):
        for record in records:
            split_cache_clear()
            extract.annotate(copy.copy(record), gazetteer)
    cold_pages = len(records) * max(1, args.rounds // 5)
    cold_elapsed = time.process_time() - started
    print(
        f"speed (CPU time): first call {cold * 1000:.0f} ms (gazetteer + regexes); then {pages} pages / "
        f"{paragraphs * args.rounds} blocks in {elapsed:.2f} s = {pages / elapsed:.0f} pages/s, "
        f"{paragraphs * args.rounds / elapsed:.0f} blocks/s (one core; sentences cached after the first round)"
    )
    print(
        f"speed, sentences split afresh each page (as in ingest): {cold_pages} pages in {cold_elapsed:.2f} s = "
        f"{cold_pages / cold_elapsed:.0f} pages/s"
    )
    return 0


if __name__ == "__main__":
    sys.exit(main())
