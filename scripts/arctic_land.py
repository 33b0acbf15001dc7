"""Make ``src/research_digest/data/arctic-land.json``, the coastline the map page draws.

Run once, by hand, when the coastline should change (the build never runs it, and never
reaches the network)::

    npm pack world-atlas@2.0.2 && tar xzf world-atlas-2.0.2.tgz
    python scripts/arctic_land.py package/land-50m.json > src/research_digest/data/arctic-land.json

The input is Natural Earth's 1:50m land (public domain) as TopoJSON, from the npm package
``world-atlas`` 2.0.2 (ISC licence, Mike Bostock). The script decodes the quantised,
delta-encoded arcs itself, projects every ring north of ``KEEP_SOUTH_OF`` onto the azimuthal
equidistant projection centred on the North Pole (the projection the map page uses), clips
it to the disc reaching ``EDGE_LAT``, simplifies it (Douglas-Peucker, ``TOLERANCE`` degrees of
arc, about a pixel on a 600 px map), drops rings smaller than ``MIN_AREA`` and writes the
rings back as longitude/latitude pairs rounded to 0.01°.
"""

from __future__ import annotations

import json
import math
import sys

EDGE_LAT = 45.0
KEEP_SOUTH_OF = 40.0
TOLERANCE = 0.12
MIN_AREA = 0.15
"""Square degrees of arc, projected: islets smaller than this vanish at map scale."""
CIRCLE_SIDES = 360


def decode_arcs(topology: dict) -> list[list[tuple[float, float]]]:
    (sx, sy), (tx, ty) = topology["transform"]["scale"], topology["transform"]["translate"]
    arcs = []
    for arc in topology["arcs"]:
        x = y = 0
        points = []
        for dx, dy in arc:
            x += dx
            y += dy
            points.append((x * sx + tx, y * sy + ty))
        arcs.append(points)
    return arcs


def ring_points(ring: list[int], arcs: list[list[tuple[float, float]]]) -> list[tuple[float, float]]:
    points: list[tuple[float, float]] = []
    for index in ring:
        arc = arcs[index] if index >= 0 else arcs[~index][::-1]
        points.extend(arc[1:] if points else arc)
    return points


def project(lon: float, lat: float) -> tuple[float, float]:
    rho = 90.0 - lat
    return rho * math.sin(math.radians(lon)), rho * math.cos(math.radians(lon))


def unproject(x: float, y: float) -> tuple[float, float]:
    return math.degrees(math.atan2(x, y)), 90.0 - math.hypot(x, y)


def clip(points: list[tuple[float, float]], radius: float) -> list[tuple[float, float]]:
    """Sutherland-Hodgman against the (convex) polygon inscribed in the edge circle."""
    edge = [
        (radius * math.cos(2 * math.pi * k / CIRCLE_SIDES), radius * math.sin(2 * math.pi * k / CIRCLE_SIDES))
        for k in range(CIRCLE_SIDES)
    ]
    out = points
    for k in range(CIRCLE_SIDES):
        (ax, ay), (bx, by) = edge[k], edge[(k + 1) % CIRCLE_SIDES]

        def inside(p, ax=ax, ay=ay, bx=bx, by=by):
            return (bx - ax) * (p[1] - ay) - (by - ay) * (p[0] - ax) >= 0

        def cross(p, q, ax=ax, ay=ay, bx=bx, by=by):
            dx, dy = q[0] - p[0], q[1] - p[1]
            ex, ey = bx - ax, by - ay
            t = ((ax - p[0]) * ey - (ay - p[1]) * ex) / (dx * ey - dy * ex)
            return p[0] + t * dx, p[1] + t * dy

        if not out:
            break
        src, out = out, []
        for i, q in enumerate(src):
            p = src[i - 1]
            if inside(q):
                if not inside(p):
                    out.append(cross(p, q))
                out.append(q)
            elif inside(p):
                out.append(cross(p, q))
    return out


def simplify(points: list[tuple[float, float]], tolerance: float) -> list[tuple[float, float]]:
    if len(points) < 3:
        return points
    keep = [False] * len(points)
    keep[0] = keep[-1] = True
    stack = [(0, len(points) - 1)]
    while stack:
        first, last = stack.pop()
        (ax, ay), (bx, by) = points[first], points[last]
        length = math.hypot(bx - ax, by - ay)
        best, index = 0.0, None
        for i in range(first + 1, last):
            px, py = points[i]
            d = abs((bx - ax) * (ay - py) - (ax - px) * (by - ay)) / length if length else math.hypot(px - ax, py - ay)
            if d > best:
                best, index = d, i
        if index is not None and best > tolerance:
            keep[index] = True
            stack += [(first, index), (index, last)]
    return [p for p, k in zip(points, keep, strict=True) if k]


def area(points: list[tuple[float, float]]) -> float:
    return abs(sum(x0 * y1 - x1 * y0 for (x0, y0), (x1, y1) in zip(points, points[1:] + points[:1], strict=True))) / 2


def main(path: str) -> None:
    with open(path, encoding="utf-8") as handle:
        topology = json.load(handle)
    arcs = decode_arcs(topology)
    rings = []
    for geometry in topology["objects"]["land"]["geometries"]:
        polygons = geometry["arcs"] if geometry["type"] == "MultiPolygon" else [geometry["arcs"]]
        for polygon in polygons:
            for ring in polygon:
                lonlat = ring_points(ring, arcs)
                if max(lat for _, lat in lonlat) < KEEP_SOUTH_OF:
                    continue
                projected = clip([project(lon, lat) for lon, lat in lonlat], 90.0 - EDGE_LAT)
                projected = simplify(projected + projected[:1], TOLERANCE)[:-1]
                if len(projected) < 3 or area(projected) < MIN_AREA:
                    continue
                flat: list[float] = []
                for x, y in projected:
                    lon, lat = unproject(x, y)
                    flat += [round(lon, 2), round(lat, 2)]
                rings.append(flat)
    data = {
        "about": (
            "Land north of 45°N for the map page: Natural Earth 1:50m land (public domain, naturalearthdata.com), "
            "via the npm package world-atlas 2.0.2 (ISC, Mike Bostock); clipped and simplified by "
            "scripts/arctic_land.py. Each ring is a flat list lon, lat, lon, lat, ... in degrees."
        ),
        "edge_lat": EDGE_LAT,
        "rings": rings,
    }
    sys.stdout.write(json.dumps(data, separators=(",", ":")) + "\n")


if __name__ == "__main__":
    main(sys.argv[1])
