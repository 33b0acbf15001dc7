"""Events per year, drawn at build time as SVG: a reader sees it without JavaScript.

One bar per year, its height the number of timeline entries (happenings, each counted once however
many briefs or actors it names) dated to that year; each bar and its label link to the year's page.
Every year on the axis is labelled, and the chart is drawn at its natural size in CSS pixels (the
page scrolls it sideways inside its container rather than shrinking its text below
``FONT_PX``).

The axis is honest about time but not enslaved to it: a run of up to ``GAP_KEPT`` empty years
between two busy ones is drawn year by year (so 2019, 2021 reads as a gap), while a longer run
is folded into one narrow break slot with a zigzag mark, labelled with the span it hides. A
mistyped ``1024`` among 2020s events therefore costs one break slot, not a thousand empty years.

Below the bars run lanes, one for each of the ``LANES`` actors named by most events (TimelineJS
calls them groups; chronologies of think tanks band by actor the same way): a lane holds, under
each year, the number of that year's events naming the actor. An event naming three actors
counts once in each of their lanes, and once in its bar.

Events without a date, or known only to the decade, are not drawn; ``ChartData.left_out`` counts
them for the caption. ``ChartData.rows`` is the same data as a table, the text alternative.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Callable
from dataclasses import dataclass, field

from markupsafe import Markup, escape

from research_digest.render.timeline import TimelineEntry

BAR_WIDTH, SLOT_WIDTH, BREAK_WIDTH, PLOT_HEIGHT = 30, 46, 40, 150
"""Pixels. A slot of 46 px holds a four-digit year label at ``FONT_PX`` with room to spare."""
FONT_PX = 13
"""Axis text size; the SVG is never scaled down, so this is the size a reader gets (≥ 12 px)."""
GAP_KEPT = 3
"""Empty years in a row drawn one by one; a longer run becomes a break slot."""
TICKS = 4
"""At most this many grid lines above zero, at whole-number steps."""
LANES = 5
"""Actor lanes under the bars; more would make the chart a table."""
LANE_HEIGHT, LANE_LABEL_CHARS = 30, 16
"""Lane labels sit in the left gutter, cut to this many characters (the full name is the tooltip)."""
MARGIN_LEFT, MARGIN_BOTTOM, MARGIN_TOP, MARGIN_RIGHT = 128, 30, 12, 8
"""The left margin is the lanes' label gutter; the bars' axis numbers sit at its right edge."""


@dataclass(frozen=True)
class Slot:
    """One place on the x axis: a year (maybe with no events) or a break for a run of empty years."""

    year: int
    """The year, or for a break the first year it hides."""
    count: int = 0
    last: int | None = None
    """For a break, the last year it hides; None for a year."""

    @property
    def is_break(self) -> bool:
        return self.last is not None

    @property
    def label(self) -> str:
        return f"{self.year}–{self.last}" if self.is_break else str(self.year)


@dataclass
class ChartData:
    counts: dict[int, int]
    """Year → events (timeline entries) dated to it."""
    left_out: int
    """Entries without a usable year (undated, decade-only)."""
    lanes: list[str] = field(default_factory=list)
    """The actors with a lane, most events first (ties by name)."""
    by_actor: dict[tuple[int, str], int] = field(default_factory=dict)
    """(year, actor) → events of that year naming the actor, for the lanes' actors."""

    @property
    def years(self) -> list[int]:
        return sorted(self.counts)

    @property
    def rows(self) -> list[tuple[int, int, list[int]]]:
        """(year, events, events per lane actor) for the text table, years with events only."""
        return [(y, self.counts[y], [self.by_actor.get((y, a), 0) for a in self.lanes]) for y in self.years]

    @property
    def slots(self) -> list[Slot]:
        """The x axis: every year from the first to the last, long empty runs folded into breaks."""
        out: list[Slot] = []
        for year in self.years:
            if out:
                if year - out[-1].year - 1 > GAP_KEPT:
                    out.append(Slot(out[-1].year + 1, 0, year - 1))
                else:
                    out += [Slot(y) for y in range(out[-1].year + 1, year)]
            out.append(Slot(year, self.counts[year]))
        return out


def count_events(entries: list[TimelineEntry]) -> ChartData:
    """Count timeline entries per year: an entry told by two briefs, or naming three actors, is
    one event. A range (``2024 – 2025``) counts in its first year, where the timeline lists it."""
    counts: Counter = Counter()
    mentions: Counter = Counter()
    left_out = 0
    for entry in entries:
        if not entry.date or entry.precision == "decade":
            left_out += 1
            continue
        year = int(entry.date[:4])
        counts[year] += 1
        for actor in entry.actors:
            mentions[(year, actor)] += 1
    totals: Counter = Counter()
    for (_, actor), n in mentions.items():
        totals[actor] += n
    lanes = sorted(totals, key=lambda a: (-totals[a], a))[:LANES]
    by_actor = {key: n for key, n in sorted(mentions.items()) if key[1] in lanes}
    return ChartData(dict(counts), left_out, lanes, by_actor)


def draw_chart(
    data: ChartData,
    link: Callable[[int], str] = lambda year: f"{year}/",
    title_id: str = "chart-title",
    desc_id: str = "chart-desc",
) -> Markup:
    """The SVG element. ``link(year)`` is the address of a year's page, relative to the page the
    chart is on. <title>/<desc> name it for screen readers; each bar is a link named by its figures."""
    slots = data.slots
    if not slots:
        return Markup("")
    peak = max(data.counts.values())
    scale = PLOT_HEIGHT / peak
    width = MARGIN_LEFT + sum(BREAK_WIDTH if s.is_break else SLOT_WIDTH for s in slots) + MARGIN_RIGHT
    base = MARGIN_TOP + PLOT_HEIGHT
    lanes_top = base + MARGIN_BOTTOM + (8 if data.lanes else 0)
    height = lanes_top + len(data.lanes) * LANE_HEIGHT
    busiest = max(data.rows, key=lambda row: (row[1], -row[0]))
    desc = (
        f"One bar per year from {slots[0].year} to {slots[-1].year}, its height the number of events; "
        f"the busiest year is {busiest[0]} with {busiest[1]} event{'s' if busiest[1] != 1 else ''}."
    )
    if any(s.is_break for s in slots):
        desc += " Long runs of years without events are folded into a break mark."
    if data.lanes:
        desc += " Under the bars, one lane each for " + ", ".join(data.lanes) + ": the events of each year naming it."
    parts = [
        f'<svg class="chart" width="{width}" height="{height}" viewBox="0 0 {width} {height}" '
        f'aria-labelledby="{title_id} {desc_id}">',
        f'<title id="{title_id}">Events per year</title>',
        f'<desc id="{desc_id}">{escape(desc)}</desc>',
    ]
    step = max(1, -(-peak // TICKS))
    for tick in range(0, peak + 1, step):
        y = base - tick * scale
        parts.append(f'<line class="grid" x1="{MARGIN_LEFT - 4}" y1="{y:.1f}" x2="{width}" y2="{y:.1f}"/>')
        parts.append(f'<text class="axis" x="{MARGIN_LEFT - 8}" y="{y + 4:.1f}" text-anchor="end">{tick}</text>')
    for i, actor in enumerate(data.lanes):
        y = lanes_top + i * LANE_HEIGHT + LANE_HEIGHT / 2
        short = actor if len(actor) <= LANE_LABEL_CHARS else actor[: LANE_LABEL_CHARS - 1] + "…"
        parts.append(
            f'<line class="lane" x1="{MARGIN_LEFT - 4}" y1="{y:.1f}" x2="{width}" y2="{y:.1f}"/>'
            f'<text class="axis lane-label" x="4" y="{y + 4:.1f}"><title>{escape(actor)}</title>{escape(short)}</text>'
        )
    x = MARGIN_LEFT
    label_y = base + FONT_PX + 6
    for slot in slots:
        if slot.is_break:
            mid = x + BREAK_WIDTH / 2
            parts.append(
                f'<g class="break"><title>{slot.label}: no events</title>'
                f'<path d="M{mid - 6:.1f} {base + 5} l4 -10 l4 10 l4 -10"/>'
                f'<text class="axis" x="{mid:.1f}" y="{label_y}" text-anchor="middle">…</text></g>'
            )
            x += BREAK_WIDTH
            continue
        centre = x + SLOT_WIDTH / 2
        for i, actor in enumerate(data.lanes):
            n = data.by_actor.get((slot.year, actor), 0)
            if n:
                y = lanes_top + i * LANE_HEIGHT + LANE_HEIGHT / 2
                parts.append(
                    f'<g class="lane-dot"><title>{escape(actor)}, {slot.year}: {n}</title>'
                    f'<circle cx="{centre:.1f}" cy="{y:.1f}" r="11"/>'
                    f'<text x="{centre:.1f}" y="{y + 4.5:.1f}" text-anchor="middle">{n}</text></g>'
                )
        label = f'<text class="axis" x="{centre:.1f}" y="{label_y}" text-anchor="middle">{slot.year}</text>'
        if slot.count:
            h = slot.count * scale
            events = f"{slot.count} event{'s' if slot.count != 1 else ''}"
            parts.append(
                f'<a href="{escape(link(slot.year))}" aria-label="{slot.year}: {events}">'
                f'<rect class="bar" x="{centre - BAR_WIDTH / 2:.1f}" y="{base - h:.1f}" width="{BAR_WIDTH}" '
                f'height="{h:.1f}" data-year="{slot.year}"/>{label}</a>'
            )
        else:
            parts.append(label)
        x += SLOT_WIDTH
    parts.append("</svg>")
    return Markup("".join(parts))
