"""Stage 2, ``digest build``: records → static site. PLACEHOLDER: a plain index."""

from __future__ import annotations

import html
from dataclasses import dataclass, field

from research_digest.config import Config
from research_digest.errors import DigestError
from research_digest.records import yamlio


@dataclass
class BuildReport:
    records: int = 0
    pages: int = 0
    written: int = 0
    errors: list[DigestError] = field(default_factory=list)


def build_site(config: Config, search: bool = True) -> BuildReport:
    records, errors = yamlio.load_records(yamlio.record_paths(config.briefs_dir))
    items = "".join(f"<li>{html.escape(r.title)}</li>" for r in sorted(records, key=lambda r: r.id))
    yamlio.write_atomic(config.out_dir / "index.html",
                        f"<!doctype html><html lang=en><title>{html.escape(config.title)}</title><ul>{items}</ul></html>\n")
    return BuildReport(records=len(records), pages=1, written=1, errors=errors)
