"""RSIS Commentaries (S. Rajaratnam School of International Studies, rsis.edu.sg).

A page dump holds the navigation tree twice (a list, then run-together menus), the breadcrumb,
then ``CO26021 | Title``, the author line(s), the date, ``download pdf``, ``SYNOPSIS``, an image
caption with its ``Source:`` credit, ``COMMENTARY``, the body with its section headings,
``About the Author(s)``, ``Categories: A / B / C``, ``comments powered by Disqus``, and then
often the whole body a second time, the footer and the cookie and feedback widgets.
"""

from __future__ import annotations

import re

from research_digest.records.schema import FirstPublished, Series
from research_digest.sources.base import Field, Parsed, Rules, Section
from research_digest.sources.facts import assign_bios, find_first_published

_SERIES_ID = r"(?:CO|IP|PR|WP|PB)\d{4,6}"

RULES = Rules(
    name="rsis",
    signals=(
        re.compile(rf"^{_SERIES_ID}\s*\|", re.M),
        re.compile(r"S\. Rajaratnam School of International Studies"),
        re.compile(r"^(?:RSIS Commentary Series|Subscribe to RSIS Publications|About RSIS)\s*$", re.M),
        re.compile(r"^(?:SYNOPSIS|COMMENTARY)\s*$", re.M),
    ),
    min_signals=2,
    start=re.compile(rf"^{_SERIES_ID}\s*\|\s*\S"),
    end=(
        re.compile(r"^comments powered by Disqus$", re.I),
        re.compile(r"^(?:Popular Links|Connect with Us|Get in Touch|Help us improve)$", re.I),
        re.compile(r"^Copyright ©"),
    ),
    drop=(re.compile(r"^(?:download pdf|print|share( this)?|email|back to top)$", re.I),),
    credit=re.compile(r"^(?:Image |Photo )?(?:Source|Credit|Photo)s?\s*:\s*\S", re.I),
    sections=(
        Section(re.compile(r"^SYNOPSIS$"), "synopsis", in_body=True, max_lines=1),
        Section(re.compile(r"^COMMENTARY$"), "body"),
        Section(re.compile(r"^About the Authors?$", re.I), "bio"),
    ),
    fields=(Field(re.compile(r"^Categories\s*:\s*(.+)$"), "tags", split=" / "),),
    title=re.compile(rf"^(?P<number>{_SERIES_ID})\s*\|\s*(?P<title>.+)$"),
    publisher="S. Rajaratnam School of International Studies (RSIS)",
    kind="Commentary",
    series_name="RSIS Commentary Series",
)


SERIES_OF_PREFIX = {
    "CO": ("RSIS Commentary Series", "Commentary"),
    "IP": ("IDSS Papers", "IDSS Paper"),
    "PR": ("Policy Reports", "Policy Report"),
    "WP": ("Working Papers", "Working Paper"),
    "PB": ("Policy Briefs", "Policy Brief"),
}
"""The series and kind an RSIS publication id names by its prefix (``CO26021`` is a commentary)."""


def hook(parsed: Parsed) -> None:
    """The series from the id's prefix; each author's bio and role; where the piece first appeared."""
    record = parsed.record
    if record.series and record.series.number:
        name, kind = SERIES_OF_PREFIX.get(record.series.number[:2], (RULES.series_name, RULES.kind))
        record.series = Series(name, record.series.number)
        record.kind = kind
    notes = parsed.sections.get("bio", [])
    assign_bios(record.authors, notes)
    found = find_first_published(" ".join(notes))
    if found:
        record.first_published = FirstPublished(*found)
