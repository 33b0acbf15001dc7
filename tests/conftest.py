"""Shared fixtures: the seed pages, their gold records, and a scratch content directory."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest
import yaml

ROOT = Path(__file__).resolve().parent.parent
SEEDS = ROOT / "content" / "sources"
GOLD = Path(__file__).resolve().parent / "gold"
SEED_NAMES = sorted(p.stem for p in GOLD.glob("*.yaml"))


def load_gold(name: str) -> dict:
    return yaml.safe_load((GOLD / f"{name}.yaml").read_text(encoding="utf-8"))


@pytest.fixture
def content(tmp_path: Path) -> Path:
    """A fresh content directory holding copies of the seed pages and the gazetteer."""
    root = tmp_path / "content"
    (root / "sources").mkdir(parents=True)
    for name in SEED_NAMES:
        shutil.copy(SEEDS / f"{name}.txt", root / "sources")
    actors = ROOT / "content" / "actors.yaml"
    if actors.exists():
        shutil.copy(actors, root / "actors.yaml")
    return root
