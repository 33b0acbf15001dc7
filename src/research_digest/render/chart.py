"""Events per year by actor, drawn at build time as SVG: a reader sees it without JavaScript.

Stacked bars, one per year from the first dated event to the last (empty years are drawn as
gaps, so the spacing of years is honest; a run of more than ``MAX_GAP`` empty years, such as the
centuries before a typo'd ``1024``, is cut out and marked with a break, so the width grows with
the years that have events, never with the span of the dates). The ``ACTORS_SHOWN`` most frequent actors get their
own colour; the rest are counted together as "Other actors". An event with three actors counts
once for each, so bars count actor-mentions; the caption says so. Colours come from the
stylesheet (``.series-N``), which gives them light and dark variants. Events without a date, or
known only to the decade, are left out of the chart and the caption says how many.

The chart data is also returned as a table (``ChartData.rows``), the text alternative printed
under the picture.
"""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass

from markupsafe import Markup, escape

from research_digest.render.timeline import TimelineEntry

ACTORS_SHOWN = 6
"""More colours than this cannot be told apart reliably, in print or by colour-blind readers."""
OTHER = "Other actors"
BAR_WIDTH, BAR_GAP, PLOT_HEIGHT = 28, 10, 160
TICKS = 4
"""At most this many grid lines above zero, at whole-number steps."""
MARGIN_LEFT, MARGIN_BOTTOM, MARGIN_TOP = 34, 26, 10
MAX_GAP = 5
"""Empty years drawn between two years with events; a longer gap is cut out (a broken axis)."""


@dataclass
class ChartData:
    years: list[int]
    series: list[str]
    """Actor names in legend order (most frequent first), maybe ending with OTHER."""
    counts: dict[tuple[int, str], int]
    left_out: int
    """Entries without a usable year (undated, decade-only)."""

    @property
    def rows(self) -> list[tuple[int, list[int], int]]:
        """(year, count per series, total) for the text table."""
        out = []
        for year in self.years:
            values = [self.counts.get((year, s), 0) for s in self.series]
            out.append((year, values, sum(values)))
        return out


def count_events(entries: list[TimelineEntry]) -> ChartData:
    """Count actor-mentions per year over merged timeline entries."""
    mentions: list[tuple[int, str]] = []
    left_out = 0
    for entry in entries:
        if not entry.date or entry.precision == "decade":
            left_out += 1
            continue
        for actor in entry.actors or ["(no actor named)"]:
            mentions.append((int(entry.date[:4]), actor))
    totals = Counter(actor for _, actor in mentions)
    ranked = sorted(totals, key=lambda a: (-totals[a], a))
    shown = ranked[:ACTORS_SHOWN]
    series = shown + ([OTHER] if len(ranked) > ACTORS_SHOWN else [])
    counts: Counter = Counter()
    for year, actor in mentions:
        counts[(year, actor if actor in shown else OTHER)] += 1
    years = sorted({y for y, _ in mentions})
    span = years[:1]
    for year in years[1:]:
        if year - span[-1] - 1 <= MAX_GAP:
            span += range(span[-1] + 1, year)
        span.append(year)
    return ChartData(span, series, dict(counts), left_out)


def draw_chart(data: ChartData, title_id: str = "chart-title", desc_id: str = "chart-desc") -> Markup:
    """The SVG element; its <title>/<desc> name it for screen readers, the table gives the numbers."""
    if not data.years:
        return Markup("")
    peak = max(total for _, _, total in data.rows) or 1
    scale = PLOT_HEIGHT / peak
    width = MARGIN_LEFT + len(data.years) * (BAR_WIDTH + BAR_GAP) + BAR_GAP
    height = MARGIN_TOP + PLOT_HEIGHT + MARGIN_BOTTOM
    base = MARGIN_TOP + PLOT_HEIGHT
    busiest = max(data.rows, key=lambda row: (row[2], -row[0]))
    desc = (
        f"Stacked bars, one per year from {data.years[0]} to {data.years[-1]}; "
        f"the busiest year is {busiest[0]} with {busiest[2]} actor mentions. The table below gives every number."
    )
    parts = [
        f'<svg class="chart" viewBox="0 0 {width} {height}" width="{width}" height="{height}" '
        f'role="img" aria-labelledby="{title_id} {desc_id}">',
        f'<title id="{title_id}">Events per year by actor</title>',
        f'<desc id="{desc_id}">{escape(desc)}</desc>',
    ]
    step = max(1, -(-peak // TICKS))
    for tick in range(0, peak + 1, step):
        y = base - tick * scale
        parts.append(f'<line class="grid" x1="{MARGIN_LEFT - 4}" y1="{y:.1f}" x2="{width}" y2="{y:.1f}"/>')
        parts.append(f'<text class="axis" x="{MARGIN_LEFT - 8}" y="{y + 4:.1f}" text-anchor="end">{tick}</text>')
    for i, (year, values, _total) in enumerate(data.rows):
        x = MARGIN_LEFT + BAR_GAP + i * (BAR_WIDTH + BAR_GAP)
        after_break = i > 0 and year - data.years[i - 1] > 1
        if after_break:  # years cut out (see MAX_GAP): a break mark between the two bars
            parts.append(f'<text class="axis" x="{x - BAR_GAP / 2:.1f}" y="{base - 4}" text-anchor="middle">//</text>')
        top = float(base)
        for n, (name, value) in enumerate(zip(data.series, values, strict=True)):
            if not value:
                continue
            h = value * scale
            top -= h
            parts.append(
                f'<rect class="series-{n}" x="{x}" y="{top:.1f}" width="{BAR_WIDTH}" height="{h:.1f}">'
                f"<title>{escape(name)}, {year}: {value}</title></rect>"
            )
        next_break = i + 1 < len(data.years) and data.years[i + 1] - year > 1
        label = str(year) if len(data.years) <= 12 or year % 5 == 0 or after_break or next_break else ""
        if label:
            parts.append(
                f'<text class="axis" x="{x + BAR_WIDTH / 2:.1f}" y="{base + 16}" text-anchor="middle">{label}</text>'
            )
    parts.append("</svg>")
    return Markup("".join(parts))
