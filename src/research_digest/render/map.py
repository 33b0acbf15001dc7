"""The places events name, on a static map of the Arctic drawn at build time.

Coordinates come from the gazetteer (``coords: [lat, lon]`` on a place entry of
``content/actors.yaml``, or of the package's default gazetteer). The coastline is Natural
Earth's land north of 45°N, shipped in ``data/arctic-land.json`` (made by
``scripts/arctic_land.py``; public domain). Both are drawn in the azimuthal equidistant
projection centred on the North Pole: distances from the pole are true, so the Arctic Ocean
sits whole in the middle with Russia, Alaska, Canada, Greenland and Scandinavia around it,
which no Mercator tile shows. Nothing is fetched: no tiles, no script, no other host.

Each place with coordinates north of the map's edge is a numbered marker linking to its
section on the same page, which lists its events (linked to the timeline and to each source).
Places without coordinates (the Arctic, Europe) or beyond the edge are listed too, as not
drawn: the list of sections is the map's text alternative. A section lists at most
``EVENTS_SHOWN`` events, the latest dated ones; the others are counted by year with a link to each
year's page, so the page grows with the number of places and years, not of events.
"""

from __future__ import annotations

import json
import math
from dataclasses import dataclass, field
from functools import lru_cache
from importlib import resources
from pathlib import Path

from markupsafe import Markup, escape

from research_digest.errors import ConfigError, DigestError, RecordError
from research_digest.records import yamlio
from research_digest.render.timeline import TimelineEntry, YearGroup
from research_digest.slugs import slugify

SIZE = 640
"""Width and height of the SVG's coordinate system; the page scales it to fit."""
MARGIN = 8
EDGE_LAT = 45.0
"""The map's rim; the shipped coastline is clipped here too."""
GRATICULE_LATS = (50, 60, 70, 80)
ARCTIC_CIRCLE = 66.56
MERIDIANS = range(0, 360, 30)
EVENTS_SHOWN = 10


@dataclass
class Place:
    name: str
    coords: tuple[float, float] | None
    """(lat, lon) in degrees, or None when the gazetteer gives none."""
    entries: list[tuple[TimelineEntry, str]] = field(default_factory=list)
    """Each event naming the place, with the address of its timeline year page."""
    number: int = 0
    """The marker's number on the map (0: not drawn)."""
    years: list[tuple[str, str]] = field(default_factory=list)
    """For each of ``entries``, the label and address of its year (``2024``, ``timeline/2024/``),
    for the counts of events not shown. (Kept by position, not by ``id()``: pages are rendered
    in worker processes, where objects have new ids.)"""
    anchor: str = ""
    """The id of its section: ``place_anchor(name)``, with ``-2``, ``-3`` … when two names share a slug."""

    def _shown_positions(self) -> list[int]:
        if len(self.entries) <= EVENTS_SHOWN:
            return list(range(len(self.entries)))
        return [i for i, (entry, _) in enumerate(self.entries) if entry.date][-EVENTS_SHOWN:]

    @property
    def shown(self) -> list[tuple[TimelineEntry, str]]:
        """The latest ``EVENTS_SHOWN`` dated events, in time order (all of them when few)."""
        return [self.entries[i] for i in self._shown_positions()]

    @property
    def more(self) -> list[tuple[str, str, int]]:
        """(year label, year page, events not shown) in time order, for the events left out."""
        shown = set(self._shown_positions())
        counts: dict[tuple[str, str], int] = {}
        for i, year in enumerate(self.years):
            if i not in shown:
                counts[year] = counts.get(year, 0) + 1
        return [(label, url, n) for (label, url), n in counts.items()]


def place_anchor(name: str) -> str:
    """The id of a place's section on the map page (``map/#place-alaska``)."""
    return "place-" + (slugify(name) or "x")


# ---------------------------------------------------------------- data


@lru_cache(maxsize=1)
def land() -> tuple[tuple[tuple[float, float], ...], ...]:
    """The coastline rings as (lon, lat) pairs."""
    data = json.loads((resources.files("research_digest") / "data" / "arctic-land.json").read_text("utf-8"))
    return tuple(tuple(zip(ring[0::2], ring[1::2], strict=True)) for ring in data["rings"])


def load_coords(path: Path) -> tuple[dict[str, tuple[float, float]], list[DigestError]]:
    """``name → (lat, lon)`` for the gazetteer entries with ``coords``; each bad value is one error
    naming the file and line, and the other entries still count."""
    try:
        data, node = yamlio.parse_yaml(path.read_text(encoding="utf-8"), path)
    except (OSError, UnicodeDecodeError) as exc:
        return {}, [ConfigError(f"cannot read the gazetteer: {exc}", path)]
    except RecordError as exc:
        return {}, [ConfigError(exc.message, path, exc.line)]
    items = data.get("actors") if isinstance(data, dict) else None
    if not isinstance(items, list):
        return {}, []  # the ingest reports a malformed gazetteer; the map just has no places
    lines = _item_lines(node)
    coords: dict[str, tuple[float, float]] = {}
    errors: list[DigestError] = []
    for i, item in enumerate(items):
        if not isinstance(item, dict) or "coords" not in item:
            continue
        value = item["coords"]
        if (
            isinstance(value, list)
            and len(value) == 2
            and all(isinstance(v, int | float) and not isinstance(v, bool) for v in value)
            and -90 <= value[0] <= 90
            and -180 <= value[1] <= 180
        ):
            coords[str(item.get("name"))] = (float(value[0]), float(value[1]))
        else:
            line = lines[i] if i < len(lines) else None
            errors.append(
                ConfigError(
                    f"{item.get('name')}: coords must be [latitude, longitude] in degrees, got {value!r}", path, line
                )
            )
    return coords, errors


def _item_lines(node) -> list[int]:
    for key, value in getattr(node, "value", []):
        if getattr(key, "value", None) == "actors" and hasattr(value, "value"):
            return [item.start_mark.line + 1 for item in value.value]
    return []


def gather_places(groups: list[YearGroup], coords: dict[str, tuple[float, float]], page_size: int = 0) -> list[Place]:
    """Every place an event names, in name order, each with its events in timeline order and the
    year page (of ``page_size`` events a page) that lists each. Places drawn on the map are
    numbered 1, 2, … in that order."""
    places: dict[str, Place] = {}
    for group in groups:
        urls = group.entry_urls(page_size)
        for entry in group.entries:
            for name in entry.places:
                place = places.setdefault(name, Place(name, coords.get(name)))
                place.entries.append((entry, urls[id(entry)]))
                place.years.append((group.label, group.url))
    ordered = sorted(places.values(), key=lambda p: (p.name.casefold(), p.name))
    taken: set[str] = set()
    for place in ordered:
        anchor, n = place_anchor(place.name), 1
        while anchor in taken:
            n += 1
            anchor = f"{place_anchor(place.name)}-{n}"
        place.anchor = anchor
        taken.add(anchor)
    number = 0
    for place in ordered:
        if place.coords and place.coords[0] > EDGE_LAT:
            number += 1
            place.number = number
    return ordered


# ---------------------------------------------------------------- drawing

SCALE = (SIZE / 2 - MARGIN) / (90 - EDGE_LAT)
"""Pixels per degree of arc from the pole."""


def project(lat: float, lon: float) -> tuple[float, float]:
    """Azimuthal equidistant, North Pole in the centre, Greenwich meridian pointing down."""
    rho = (90.0 - lat) * SCALE
    return SIZE / 2 + rho * math.sin(math.radians(lon)), SIZE / 2 + rho * math.cos(math.radians(lon))


def _path(points: list[tuple[float, float]], close: bool = True) -> str:
    d = "M" + "L".join(f"{x:.1f} {y:.1f}" for x, y in points)
    return d + ("Z" if close else "")


def draw_map(places: list[Place], title_id: str = "map-title", desc_id: str = "map-desc") -> Markup:
    """The SVG: land, graticule, and a numbered link per drawn place to its section (``#place-…``)."""
    drawn = [p for p in places if p.number]
    centre = SIZE / 2
    desc = (
        "Map of the Arctic north of 45°N, centred on the North Pole (azimuthal equidistant projection, "
        "Greenwich meridian at the bottom). "
        + (
            "Numbered markers: " + "; ".join(f"{p.number} {p.name}" for p in drawn) + "."
            if drawn
            else "No place has coordinates yet."
        )
    )
    parts = [
        f'<svg class="map" viewBox="0 0 {SIZE} {SIZE}" aria-labelledby="{title_id} {desc_id}">',
        f'<title id="{title_id}">Places named in events</title>',
        f'<desc id="{desc_id}">{escape(desc)}</desc>',
        f'<circle class="sea" cx="{centre}" cy="{centre}" r="{(90 - EDGE_LAT) * SCALE:.1f}"/>',
        '<path class="land" d="' + "".join(_path([project(lat, lon) for lon, lat in ring]) for ring in land()) + '"/>',
    ]
    for lat in GRATICULE_LATS:
        parts.append(f'<circle class="graticule" cx="{centre}" cy="{centre}" r="{(90 - lat) * SCALE:.1f}"/>')
    parts.append(
        f'<circle class="arctic-circle" cx="{centre}" cy="{centre}" r="{(90 - ARCTIC_CIRCLE) * SCALE:.1f}">'
        "<title>Arctic Circle</title></circle>"
    )
    for lon in MERIDIANS:
        parts.append(f'<path class="graticule" d="{_path([project(80, lon), project(EDGE_LAT, lon)], False)}"/>')
    for place in drawn:
        assert place.coords is not None
        x, y = project(*place.coords)
        right = x <= centre
        events = f"{len(place.entries)} event{'s' if len(place.entries) != 1 else ''}"
        parts.append(
            f'<a class="place" href="#{place.anchor}" aria-label="{escape(place.name)}: {events}">'
            f'<circle cx="{x:.1f}" cy="{y:.1f}" r="11"/>'
            f'<text class="number" x="{x:.1f}" y="{y + 5:.1f}" text-anchor="middle">{place.number}</text>'
            f'<text class="label" x="{x + (16 if right else -16):.1f}" y="{y + 5:.1f}" '
            f'text-anchor="{"start" if right else "end"}">{escape(place.name)}</text></a>'
        )
    parts.append("</svg>")
    return Markup("".join(parts))
