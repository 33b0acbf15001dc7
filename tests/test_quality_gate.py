"""The quality gate: extraction figures may not drop below tests/quality/floors.yaml.

The figures come from the bench modules' own ``scores()`` (bench/ingest.py: body F1, title and
authors; bench/extract.py: events and claims), so the gate and the benchmarks cannot disagree.
A failure prints the whole table of figure against floor.
"""

from __future__ import annotations

import importlib.util
import sys

import pytest
from conftest import ROOT

_spec = importlib.util.spec_from_file_location("bench_gate", ROOT / "bench" / "gate.py")
assert _spec is not None and _spec.loader is not None
gate = importlib.util.module_from_spec(_spec)
sys.modules["bench_gate"] = gate
_spec.loader.exec_module(gate)

EPSILON, FLOORS = gate.load_floors()

FLOORS_TEXT = """\
# a comment that must survive
epsilon: 0.005
sections:
  ingest:  # page cleaning
    body_f1: 0.95
    title_ok: 0.9
  extract:
    events_recall: 0.8  # kept comment
"""


@pytest.mark.parametrize("section", sorted(FLOORS))
def test_extraction_figures_hold_their_floors(section: str):
    figures = gate.measure([section])
    rows = gate.compare({section: FLOORS[section]}, figures)
    assert all(r.ok(EPSILON) for r in rows), "extraction quality fell below its floor:\n" + gate.table(rows, EPSILON)


def test_floors_file_names_a_real_bench_module_and_metric_for_every_row():
    for section, metrics in FLOORS.items():
        module = gate.bench_module(section)
        assert callable(module.scores), section
        assert metrics and all(0 < floor <= 1 for floor in metrics.values()), section
    assert 0 < EPSILON < 0.02


def test_a_drop_beyond_epsilon_fails_and_one_within_it_passes():
    floors = {"extract": {"events_recall": 0.9, "claim_precision": 0.9}}
    rows = gate.compare(floors, {"extract": {"events_recall": 0.896, "claim_precision": 0.894}})
    assert [r.ok(0.005) for r in rows] == [True, False]
    text = gate.table(rows, 0.005)
    assert "| extract | claim_precision | 0.8940 | 0.9000 | BELOW |" in text
    assert "| extract | events_recall | 0.8960 | 0.9000 | ok |" in text


def test_a_metric_the_module_no_longer_reports_fails():
    (row,) = gate.compare({"ingest": {"body_f1": 0.9}}, {"ingest": {}})
    assert row.figure is None and not row.ok(0.005)
    assert "| ingest | body_f1 | missing | 0.9000 | BELOW |" in gate.table([row], 0.005)


def test_update_raises_floors_keeps_comments_and_refuses_to_lower():
    figures = {"ingest": {"body_f1": 0.97351, "title_ok": 0.8}, "extract": {"events_recall": 0.85}}
    text, refused = gate.update(FLOORS_TEXT, figures)
    assert refused == ["ingest.title_ok: 0.9 -> 0.8"]
    assert text.splitlines() == [
        "# a comment that must survive",
        "epsilon: 0.005",
        "sections:",
        "  ingest:  # page cleaning",
        "    body_f1: 0.973",  # rounded down: a floor never sits above its figure
        "    title_ok: 0.9",  # not lowered
        "  extract:",
        "    events_recall: 0.85  # kept comment",
    ]


def test_update_with_lower_lowers_and_adds_new_metrics_under_their_section():
    figures = {"ingest": {"body_f1": 0.95, "title_ok": 0.8, "authors_ok": 0.75}, "extract": {"events_recall": 0.8}}
    text, refused = gate.update(FLOORS_TEXT, figures, lower=True)
    assert refused == []
    lines = text.splitlines()
    assert lines[4:8] == ["    body_f1: 0.95", "    title_ok: 0.8", "    authors_ok: 0.75", "  extract:"]


def test_gate_command_exits_1_and_prints_the_table_when_a_floor_is_not_met(tmp_path, capsys):
    floors = tmp_path / "floors.yaml"
    floors.write_text("epsilon: 0.005\nsections:\n  extract:\n    events_recall: 1.0\n    made_up: 0.5\n")
    assert gate.main(["--floors", str(floors)]) == 1
    out = capsys.readouterr().out
    assert "| extract | made_up | missing | 0.5000 | BELOW |" in out
