"""Claims and dated events, each anchored to a paragraph and sentence.

PLACEHOLDER until the extractors land.
"""

from __future__ import annotations

from pathlib import Path

from research_digest.records.schema import Record


def load_gazetteer(path: Path | None):
    return None


def annotate(record: Record, gazetteer) -> None:
    record.claims, record.events = [], []
