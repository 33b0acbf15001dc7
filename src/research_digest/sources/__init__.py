"""Source profiles: per-site rules that strip page chrome and find the metadata.

PLACEHOLDER until the profiles land: treats every non-empty line as a paragraph.
"""

from __future__ import annotations

from research_digest.errors import InputError
from research_digest.readers import Page
from research_digest.records.schema import Block, Record, Source


def parse_page(page: Page) -> Record:
    lines = [line.strip() for line in page.text.splitlines() if line.strip()]
    if not lines:
        raise InputError("no article text found", page.path)
    return Record(id="", title=lines[0], source=Source("", "", "generic"),
                  body=[Block("", line) for line in lines[1:]])
