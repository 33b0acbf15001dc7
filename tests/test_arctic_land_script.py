"""scripts/arctic_land.py, which made the shipped coastline: TopoJSON decoding, clipping, simplifying."""

from __future__ import annotations

import importlib.util
import json
import math

from conftest import ROOT

spec = importlib.util.spec_from_file_location("arctic_land", ROOT / "scripts" / "arctic_land.py")
arctic_land = importlib.util.module_from_spec(spec)
spec.loader.exec_module(arctic_land)


def test_quantised_delta_arcs_decode_and_a_negative_index_reverses_an_arc():
    # the TopoJSON spec's encoding: positions are deltas from the previous one, then scaled and translated
    topology = {
        "transform": {"scale": [0.5, 0.25], "translate": [-10, 40]},
        "arcs": [[[0, 80], [20, 0], [0, 40]], [[20, 120], [-20, 0], [0, -40]]],
    }
    arcs = arctic_land.decode_arcs(topology)
    assert arcs[0] == [(-10.0, 60.0), (0.0, 60.0), (0.0, 70.0)]
    assert arcs[1] == [(0.0, 70.0), (-10.0, 70.0), (-10.0, 60.0)]
    # a ring joins its arcs, dropping each shared first point; ~1 is arc 1 backwards
    assert arctic_land.ring_points([0, 1], arcs) == [(-10, 60), (0, 60), (0, 70), (-10, 70), (-10, 60)]
    assert arctic_land.ring_points([~1], arcs) == [(-10.0, 60.0), (-10.0, 70.0), (0.0, 70.0)]


def test_a_ring_reaching_south_of_the_edge_is_cut_at_45_degrees_north():
    ring = [(0.0, 30.0), (20.0, 30.0), (20.0, 60.0), (0.0, 60.0)]
    projected = arctic_land.clip([arctic_land.project(lon, lat) for lon, lat in ring], 90.0 - arctic_land.EDGE_LAT)
    lats = [arctic_land.unproject(x, y)[1] for x, y in projected]
    assert min(lats) >= arctic_land.EDGE_LAT - 0.05  # the rim is a 360-gon: chords sag a hair inside
    assert max(lats) == 60.0 and len(projected) >= 4


def test_simplify_drops_points_within_tolerance_and_keeps_corners():
    line = [(0.0, 0.0), (1.0, 0.01), (2.0, 0.0), (2.0, 2.0)]
    assert arctic_land.simplify(line, 0.05) == [(0.0, 0.0), (2.0, 0.0), (2.0, 2.0)]


def test_shipped_data_names_its_source_and_lies_north_of_its_edge():
    data = json.loads((ROOT / "src" / "research_digest" / "data" / "arctic-land.json").read_text(encoding="utf-8"))
    assert "Natural Earth" in data["about"] and "world-atlas 2.0.2" in data["about"]
    assert data["edge_lat"] == arctic_land.EDGE_LAT
    points = [(ring[i], ring[i + 1]) for ring in data["rings"] for i in range(0, len(ring), 2)]
    assert all(-180 <= lon <= 180 and lat >= 44.99 for lon, lat in points)
    assert not any(math.isnan(v) for p in points for v in p)
