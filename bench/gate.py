"""The quality gate: extraction figures held to the floors in tests/quality/floors.yaml.

    PYTHONPATH=src python bench/gate.py            # the table; exit 1 if a figure is below its floor
    PYTHONPATH=src python bench/gate.py --update   # raise floors to today's figures (never lowers them)
    PYTHONPATH=src python bench/gate.py --update --lower   # ... and lower the ones that dropped

Each section of floors.yaml names a bench module (``ingest`` is bench/ingest.py) whose
``scores() -> dict[str, float]`` computes its figures, so the gate and the benchmark share one
piece of scoring code. A figure fails when it is below its floor by more than ``epsilon``. A new
held-out set adds its metrics to its module's ``scores()`` and one line each to floors.yaml. As
trafilatura's eval_gate.py does, ``--update`` refuses to lower a floor unless told (``--lower``):
a drop must be a decision, not a side effect.
"""

from __future__ import annotations

import argparse
import importlib.util
import math
import re
import sys
from dataclasses import dataclass
from pathlib import Path
from types import ModuleType

import yaml

ROOT = Path(__file__).resolve().parent.parent
FLOORS = ROOT / "tests" / "quality" / "floors.yaml"


@dataclass(frozen=True)
class Row:
    section: str
    metric: str
    figure: float | None
    """None when the module no longer reports the metric: that fails too."""
    floor: float

    def ok(self, epsilon: float) -> bool:
        return self.figure is not None and self.figure >= self.floor - epsilon


def load_floors(path: Path = FLOORS) -> tuple[float, dict[str, dict[str, float]]]:
    """(epsilon, {section: {metric: floor}})."""
    data = yaml.safe_load(path.read_text(encoding="utf-8"))
    return float(data["epsilon"]), {s: {m: float(v) for m, v in ms.items()} for s, ms in data["sections"].items()}


def bench_module(section: str) -> ModuleType:
    """bench/<section>.py, imported under a name that cannot shadow a package module."""
    path = ROOT / "bench" / f"{section}.py"
    spec = importlib.util.spec_from_file_location(f"bench_{section}", path)
    if spec is None or spec.loader is None:
        raise FileNotFoundError(path)
    module = importlib.util.module_from_spec(spec)
    sys.modules[spec.name] = module
    spec.loader.exec_module(module)
    return module


def measure(sections: list[str]) -> dict[str, dict[str, float]]:
    return {section: bench_module(section).scores() for section in sections}


def compare(floors: dict[str, dict[str, float]], figures: dict[str, dict[str, float]]) -> list[Row]:
    return [
        Row(section, metric, figures.get(section, {}).get(metric), floor)
        for section, metrics in floors.items()
        for metric, floor in metrics.items()
    ]


def table(rows: list[Row], epsilon: float) -> str:
    lines = ["| section | metric | figure | floor | |", "|---|---|---:|---:|---|"]
    for r in rows:
        figure = "missing" if r.figure is None else f"{r.figure:.4f}"
        lines.append(f"| {r.section} | {r.metric} | {figure} | {r.floor:.4f} | {'ok' if r.ok(epsilon) else 'BELOW'} |")
    return "\n".join(lines)


def floor_of(figure: float) -> float:
    """A floor at today's figure, rounded down to 3 decimals so it never sits above the figure."""
    return math.floor(figure * 1000 + 1e-9) / 1000


def update(text: str, figures: dict[str, dict[str, float]], lower: bool = False) -> tuple[str, list[str]]:
    """floors.yaml's ``text`` with each floor moved to today's figure; comments and order are kept.

    Returns the new text and the floors it refused to lower (all of them are lowered with
    ``lower``). Metrics a module reports that have no floor yet are added under their section.
    """
    refused: list[str] = []
    out: list[str] = []
    section: str | None = None
    seen: set[tuple[str, str]] = set()

    def add_new(sec: str | None) -> None:
        if sec is None:
            return
        for metric, figure in figures.get(sec, {}).items():
            if (sec, metric) not in seen:
                out.append(f"    {metric}: {floor_of(figure)}")
                seen.add((sec, metric))

    for line in text.splitlines():
        head = re.match(r"^  (\w[\w-]*):\s*(#.*)?$", line)
        item = re.match(r"^(    )(\w+):(\s*)([0-9.]+)(.*)$", line)
        if head:
            add_new(section)
            section = head.group(1)
        elif item and section is not None:
            metric, old = item.group(2), float(item.group(4))
            seen.add((section, metric))
            figure = figures.get(section, {}).get(metric)
            if figure is not None:
                new = floor_of(figure)
                if new < old and not lower:
                    refused.append(f"{section}.{metric}: {old} -> {new}")
                elif new != old:
                    line = f"{item.group(1)}{metric}:{item.group(3)}{new}{item.group(5)}"
        elif not line.startswith("    ") and line.strip() and not line.startswith("#"):
            add_new(section)
            section = None
        out.append(line)
    add_new(section)
    return "\n".join(out) + "\n", refused


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument(
        "--floors", type=Path, default=FLOORS, help="the floors file (default tests/quality/floors.yaml)"
    )
    parser.add_argument("--update", action="store_true", help="move the floors to today's figures (raise only)")
    parser.add_argument("--lower", action="store_true", help="with --update: also lower floors whose figure dropped")
    args = parser.parse_args(argv)
    epsilon, floors = load_floors(args.floors)
    figures = measure(list(floors))
    rows = compare(floors, figures)
    print(table(rows, epsilon))
    if args.update:
        text, refused = update(args.floors.read_text(encoding="utf-8"), figures, lower=args.lower)
        for item in refused:
            print(f"refused to lower {item} (pass --lower if the drop is intended)", file=sys.stderr)
        args.floors.write_text(text, encoding="utf-8")
        return 1 if refused else 0
    return 0 if all(r.ok(epsilon) for r in rows) else 1


if __name__ == "__main__":
    raise SystemExit(main())
