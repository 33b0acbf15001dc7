"""The home page's opening: what the briefs say, before the list of briefs.

A reader arriving at a digest wants the story first (as RSIS and Brookings topic pages open with
a summary): how many briefs over which dates, what they argue on each theme, what happened
lately, and where they part ways. ``summarise`` computes that once from all records; the home
page gets it as an argument, so the page stays a pure function of its inputs.

Themes: a claim's ``theme`` from the controlled vocabulary when the record has one (issue 14),
else the claims overview's catch-all theme, so both pages agree.
Differences: two briefs' claims on one theme with opposite ``polarity`` when claims carry one;
without polarity the page shows the briefs' claims on a shared theme side by side and says only
that, never that they disagree.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from research_digest.records.schema import Claim, Record
from research_digest.render.claims import OTHER_THEME
from research_digest.render.reading import claim_theme, says_something
from research_digest.render.site import ClaimRef, EventRef
from research_digest.render.timeline import TimelineEntry, merge_events

KIND_RANK = {"thesis": 0, "summary": 1, "finding": 2, "assessment": 3, "forecast": 4, "recommendation": 5}
"""Which claim speaks for a brief on a theme: its thesis before a passing assessment."""
THEMES_SHOWN = 4
CLAIMS_PER_THEME = 2
COMPARISONS_SHOWN = 2
LATEST_EVENTS = 4


@dataclass
class ThemeClaims:
    label: str
    claims: list[ClaimRef] = field(default_factory=list)
    """At most one claim per brief (its strongest on the theme), at most ``CLAIMS_PER_THEME``."""
    briefs: int = 0


@dataclass
class Comparison:
    theme: str
    left: ClaimRef
    right: ClaimRef
    opposed: bool
    """True only when the claims carry opposite polarities."""


@dataclass
class Overview:
    briefs: int = 0
    publishers: int = 0
    claims: int = 0
    events: int = 0
    first: str | None = None
    """Date of the oldest brief."""
    last: str | None = None
    events_from: str | None = None
    """Year of the earliest dated event (as the records give it)."""
    events_to: str | None = None
    themes: list[ThemeClaims] = field(default_factory=list)
    latest: list[TimelineEntry] = field(default_factory=list)
    comparisons: list[Comparison] = field(default_factory=list)


def theme_label(claim: Claim) -> str:
    return claim_theme(claim) or OTHER_THEME


def _polarity(claim: Claim) -> str | None:
    value = getattr(claim, "polarity", None)
    return value if isinstance(value, str) and value else None


def _rank(ref: ClaimRef) -> tuple:
    return (KIND_RANK.get(ref.claim.kind, 9), ref.record.id, ref.claim.anchor.paragraph, ref.claim.anchor.sentence)


def summarise(records: list[Record]) -> Overview:
    """``records`` newest first (the site's order)."""
    dates = sorted(r.date for r in records if r.date)
    event_years = sorted(e.date[:4] for r in records for e in r.events if e.date)
    overview = Overview(
        briefs=len(records),
        publishers=len({r.publisher for r in records if r.publisher}),
        claims=sum(len(r.claims) for r in records),
        events=sum(len(r.events) for r in records),
        first=dates[0] if dates else None,
        last=dates[-1] if dates else None,
        events_from=event_years[0] if event_years else None,
        events_to=event_years[-1] if event_years else None,
    )
    by_theme: dict[str, dict[str, list[ClaimRef]]] = {}
    for record in sorted(records, key=lambda r: r.id):
        for claim in record.claims:
            if not says_something(claim.text):
                continue
            by_theme.setdefault(theme_label(claim), {}).setdefault(record.id, []).append(ClaimRef(record, claim))
    ordered = sorted(
        by_theme.items(),
        key=lambda kv: (kv[0] == OTHER_THEME, -len(kv[1]), -sum(len(v) for v in kv[1].values()), kv[0]),
    )
    for label, per_brief in ordered:
        if len(per_brief) >= 2 and len(overview.comparisons) < COMPARISONS_SHOWN:
            overview.comparisons.append(_compare(label, per_brief))
    # A claim shown side by side under "where the briefs differ" is not listed again.
    compared = {id(c.left.claim) for c in overview.comparisons} | {id(c.right.claim) for c in overview.comparisons}
    for label, per_brief in ordered:
        if len(overview.themes) >= THEMES_SHOWN:
            break
        left = [[ref for ref in refs if id(ref.claim) not in compared] for refs in per_brief.values()]
        shown = sorted((min(refs, key=_rank) for refs in left if refs), key=_rank)[:CLAIMS_PER_THEME]
        if shown:
            overview.themes.append(ThemeClaims(label, shown, len(per_brief)))
    refs = [EventRef(r, e) for r in sorted(records, key=lambda r: r.id) for e in r.events if e.date]
    # Only the newest dates can hold the latest events; tellings of one happening share its date.
    newest = set(sorted({ref.event.date for ref in refs if ref.event.date}, reverse=True)[: LATEST_EVENTS * 2])
    entries = merge_events([ref for ref in refs if ref.event.date in newest])
    entries.sort(key=lambda e: (e.date or "", e.end or "", e.refs[0].record.id, e.refs[0].event.id), reverse=True)
    overview.latest = entries[:LATEST_EVENTS]
    return overview


def _compare(label: str, per_brief: dict[str, list[ClaimRef]]) -> Comparison:
    """Two briefs' claims on one theme: the strongest claims of two polarities from two briefs if
    there are such, else the strongest claim of each of the first two briefs. Linear in claims."""
    ids = sorted(per_brief)
    best: dict[str, list[ClaimRef]] = {}  # polarity → its strongest claims, from two briefs at most
    for rid in ids:
        for ref in sorted(per_brief[rid], key=_rank):
            polarity = _polarity(ref.claim)
            kept = best.setdefault(polarity, []) if polarity else []
            if polarity and len(kept) < 2 and all(k.record.id != rid for k in kept):
                kept.append(ref)
    candidates = [ref for kept in best.values() for ref in kept]
    for first in candidates:
        for second in candidates:
            if first.record.id < second.record.id and _polarity(first.claim) != _polarity(second.claim):
                return Comparison(label, first, second, True)
    left = min(per_brief[ids[0]], key=_rank)
    right = min(per_brief[ids[1]], key=_rank)
    return Comparison(label, left, right, False)
