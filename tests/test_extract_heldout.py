"""The held-out batches: annotations that fit their text, and figures that do not fall below their first run.

Each batch in ``tests/extract/heldout*/`` was written and annotated by hand, and committed, before
the extractor ran on it; its first run is recorded in ``bench/extract.py`` (``HELDOUT_FIRST``) and
is the honest measure of the rules at that time. A batch whose misses then taught a rule is tuning
data from that commit on (see the README); the floors here only keep later rule changes from
undoing what a batch measured. ``python bench/extract.py --detail`` prints every miss.
"""

from __future__ import annotations

import html
import re
import sys
from pathlib import Path

import pytest
import yaml
from extract_eval import FIGURES, ROOT, SETS, evaluate_set, scores

sys.path.insert(0, str(ROOT / "bench"))
from extract import HELDOUT_FIRST  # noqa: E402

HELDOUT = sorted(name for name in SETS if name.startswith("heldout"))
GOLDS = [path for name in HELDOUT for path in SETS[name]]


def _text(path: Path, gold: dict) -> str:
    if gold.get("page"):
        return html.unescape(re.sub(r"<[^>]+>", " ", (path.parent / gold["page"]).read_text(encoding="utf-8")))
    return "\n".join(gold["body"])


def test_held_out_batches_are_large_and_varied_enough():
    assert sum(len(SETS[name]) for name in HELDOUT) >= 15
    assert all(len(SETS[name]) >= 8 for name in HELDOUT)
    publishers = set()
    for path in GOLDS:
        gold = yaml.safe_load(path.read_text(encoding="utf-8"))
        publishers.add(gold.get("publisher") or gold.get("page"))
    assert len(publishers) >= 8
    assert any(yaml.safe_load(p.read_text(encoding="utf-8")).get("page", "").endswith(".html") for p in GOLDS)
    assert any(yaml.safe_load(p.read_text(encoding="utf-8")).get("page", "").endswith(".txt") for p in GOLDS)


@pytest.mark.parametrize("path", GOLDS, ids=lambda p: f"{p.parent.name}/{p.stem}")
def test_annotation_fits_its_text(path: Path):
    """Every annotated claim is a sentence of the brief and every event keyword is in it."""
    gold = yaml.safe_load(path.read_text(encoding="utf-8"))
    text = " ".join(_text(path, gold).split())
    for claim in gold["claims"]:
        assert " ".join(claim["text"].split()) in text, claim["text"]
    for event in gold["events"]:
        assert all(k in text for k in event["keywords"]), event


@pytest.mark.parametrize("name", HELDOUT)
def test_held_out_batch_stays_at_or_above_its_first_run(name: str):
    totals, results = evaluate_set(name)
    now = totals.fractions()
    for figure in FIGURES:
        a, b = (int(x) for x in HELDOUT_FIRST[name][figure].split("/"))
        c, d = (int(x) for x in now[figure].split("/"))
        assert c / d >= a / b - 1e-9, (figure, now[figure], HELDOUT_FIRST[name][figure], [s.line() for s in results])


def test_scores_gives_every_set_and_figure_as_a_fraction():
    got = scores()
    for name in SETS:
        for figure in FIGURES:
            assert 0.0 <= got[f"{name}.{figure}"] <= 1.0
