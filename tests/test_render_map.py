"""The map page: gazetteer coordinates, the shipped coastline, the polar projection, the places."""

from __future__ import annotations

from pathlib import Path

from bs4 import BeautifulSoup
from conftest import ROOT
from test_render_timeline import fixture_refs, ref

from research_digest.config import Config
from research_digest.render import build_site
from research_digest.render.map import SIZE, gather_places, land, load_coords, project
from research_digest.render.timeline import group_timeline

GAZETTEER = ROOT / "content" / "actors.yaml"


def inside(point: tuple[float, float], ring: tuple[tuple[float, float], ...]) -> bool:
    """Even-odd rule in the projected plane (rings cross the antimeridian, so not in lon/lat)."""
    x, y = project(*point)
    pts = [project(lat, lon) for lon, lat in ring]
    hit = False
    for (x0, y0), (x1, y1) in zip(pts, pts[1:] + pts[:1], strict=True):
        if (y0 > y) != (y1 > y) and x < x0 + (y - y0) * (x1 - x0) / (y1 - y0):
            hit = not hit
    return hit


def on_land(lat: float, lon: float) -> bool:
    return sum(inside((lat, lon), ring) for ring in land()) % 2 == 1


def test_shipped_coastline_has_land_and_sea_where_they_are():
    # interior points, checked on an atlas: a decoding or projection error swaps or scatters them
    for name, lat, lon in [
        ("Greenland ice sheet", 72, -40),
        ("central Siberia", 65, 100),
        ("Yukon", 64, -137),
        ("Finland", 63, 27),
        ("Baffin Island", 70, -72),
    ]:
        assert on_land(lat, lon), name
    for name, lat, lon in [
        ("North Pole", 89.9, 0),
        ("Barents Sea", 74, 40),
        ("Beaufort Sea", 73, -140),
        ("Norwegian Sea", 68, 2),
        ("Hudson Bay", 60, -85),
        ("Bering Sea", 58, -178),
    ]:
        assert not on_land(lat, lon), name
    assert all(lat >= 44.99 for ring in land() for _, lat in ring)


def test_projection_puts_the_pole_in_the_middle_and_alaska_top_left():
    assert project(90, 0) == (SIZE / 2, SIZE / 2)
    x, y = project(64.5, -150)  # Alaska: Greenwich points down, so the Pacific side is up
    assert x < SIZE / 2 and y < SIZE / 2
    x, y = project(68.97, 33.08)  # Murmansk: below the pole, east of Greenwich to the right
    assert x > SIZE / 2 and y > SIZE / 2


def test_default_gazetteer_gives_coordinates_to_arctic_places():
    coords, errors = load_coords(GAZETTEER)
    assert errors == []
    for name in (
        "Northern Sea Route",
        "Alaska",
        "Greenland",
        "Aleutian Islands",
        "Bering Strait",
        "Svalbard",
        "Murmansk",
    ):
        assert coords[name][0] > 50, name
    assert "Europe" not in coords  # a region has no one point: listed on the page, not drawn


def test_bad_coords_are_reported_with_file_and_line_and_others_still_load(tmp_path: Path):
    path = tmp_path / "actors.yaml"
    path.write_text(
        "actors:\n"
        "- {name: Alaska, kind: place, coords: [64.5, -150]}\n"
        "- {name: Nowhere, kind: place, coords: [164.5, 10]}\n"
        "- {name: Svalbard, kind: place, coords: north}\n",
        encoding="utf-8",
    )
    coords, errors = load_coords(path)
    assert coords == {"Alaska": (64.5, -150.0)}
    assert [(e.line, str(e.path)) for e in errors] == [(3, str(path)), (4, str(path))]
    assert "Nowhere: coords must be [latitude, longitude]" in str(errors[0])


def test_places_collect_their_events_and_only_mapped_ones_are_numbered():
    coords, _ = load_coords(GAZETTEER)
    places = {p.name: p for p in gather_places(group_timeline(fixture_refs()), coords)}
    # by hand from tests/records: Alaska is named by the July 2024 interception (told by two briefs,
    # one entry) and by the undated Aleutian patrols
    alaska = places["Alaska"]
    assert [(e.label, url) for e, url in alaska.entries] == [
        ("July 2024", "timeline/2024/"),
        ("Undated", "timeline/undated/"),
    ]
    assert len(alaska.entries[0][0].refs) == 2
    assert places["Arctic Ocean"].number and places["Northern Sea Route"].number and places["Greenland"].number
    numbers = [p.number for p in sorted(places.values(), key=lambda p: p.name.casefold()) if p.number]
    assert numbers == list(range(1, len(numbers) + 1))


def test_place_south_of_the_rim_is_listed_but_not_drawn():
    south = ref("a", "A carrier sailed the South China Sea", "2024", "year")
    north = ref("b", "A patrol sailed near Svalbard", "2024", "year", event_id="e2")
    south.event.places.append("South China Sea")
    north.event.places.append("Svalbard")
    coords = {"South China Sea": (12.0, 114.0), "Svalbard": (78.5, 17.0)}
    places = {p.name: p for p in gather_places(group_timeline([south, north]), coords)}
    assert places["South China Sea"].coords == (12.0, 114.0) and places["South China Sea"].number == 0
    assert places["Svalbard"].number == 1


def test_map_page_links_each_marker_to_its_section_and_each_event_to_the_timeline(site_dir: Path):
    page = BeautifulSoup((site_dir / "map" / "index.html").read_text(encoding="utf-8"), "lxml")
    markers = page.select("svg.map a.place")
    assert markers and all(page.find(id=a["href"][1:]) is not None for a in markers)
    assert {a["aria-label"] for a in markers} >= {"Alaska: 2 events", "Greenland: 1 event"}
    alaska = page.find(id="place-alaska")
    links = [a["href"] for a in alaska.select(".place-events li > a")]
    assert [link.split("#")[0] for link in links] == ["../timeline/2024/", "../timeline/undated/"]
    for link in links:
        year_page = BeautifulSoup((site_dir / "map" / link.split("#")[0] / "index.html").read_text("utf-8"), "lxml")
        assert year_page.find(id=link.split("#")[1]) is not None
    assert page.select_one("svg.map title").get_text() == "Places named in events"
    assert page.find(id="place-europe") is None  # no event in the fixtures names Europe


def test_a_bad_coordinate_fails_the_build_with_its_line_but_the_map_is_still_built(tmp_path: Path):
    from conftest import make_content

    content = make_content(tmp_path / "content")
    text = GAZETTEER.read_text(encoding="utf-8").replace("coords: [72.0, -40.0]", "coords: [72.0]")
    (content / "actors.yaml").write_text(text, encoding="utf-8")
    line = text.splitlines().index(next(s for s in text.splitlines() if "coords: [72.0]" in s)) + 1
    report = build_site(Config(content_dir=content, out_dir=tmp_path / "out"), search=False)
    assert [(e.line, "Greenland: coords" in str(e)) for e in report.errors] == [(line, True)]
    page = (tmp_path / "out" / "map" / "index.html").read_text(encoding="utf-8")
    assert 'aria-label="Alaska: 2 events"' in page and 'aria-label="Greenland' not in page


def test_editing_a_coordinate_rebuilds_the_map_although_no_record_changed(tmp_path: Path):
    import os

    from conftest import make_content

    content = make_content(tmp_path / "content")
    gazetteer = content / "actors.yaml"
    gazetteer.write_text(GAZETTEER.read_text(encoding="utf-8"), encoding="utf-8")
    old = 1_600_000_000
    for path in content.rglob("*"):  # old enough for the build manifest to trust their stat data
        os.utime(path, (old, old))
    config = Config(content_dir=content, out_dir=tmp_path / "out")
    assert not build_site(config, search=False).errors
    first = (tmp_path / "out" / "map" / "index.html").read_text(encoding="utf-8")
    gazetteer.write_text(gazetteer.read_text(encoding="utf-8").replace("[64.5, -150.0]", "[61.2, -149.9]"), "utf-8")
    os.utime(gazetteer, (old + 10, old + 10))
    report = build_site(config, search=False)
    assert report.written > 0
    assert (tmp_path / "out" / "map" / "index.html").read_text(encoding="utf-8") != first


def test_a_place_named_by_many_events_lists_the_latest_and_counts_the_rest_by_year():
    refs = []
    for n in range(25):  # 2000-2024, one a year, and one undated
        refs.append(ref(f"b{n:02d}", f"Patrol number {n} reached Svalbard", str(2000 + n), "year", event_id=f"e{n}"))
    refs.append(ref("zz", "Later patrols followed near Svalbard", None, None, event_id="u"))
    for r in refs:
        r.event.places.append("Svalbard")
    (place,) = gather_places(group_timeline(refs), {"Svalbard": (78.5, 17.0)})
    assert [e.date for e, _ in place.shown] == [str(y) for y in range(2015, 2025)]
    more = place.more
    assert more[0] == ("2000", "timeline/2000/", 1) and more[-1] == ("Undated", "timeline/undated/", 1)
    assert sum(n for _, _, n in more) == 26 - 10 and len(more) == 16


def test_with_one_event_a_page_years_paginate_and_the_map_links_the_right_page(tmp_path: Path):
    from conftest import build_test_site

    site = build_test_site(tmp_path, search=False, page_size=1)
    year = BeautifulSoup((site / "timeline" / "2024" / "page" / "3" / "index.html").read_text("utf-8"), "lxml")
    ol = year.select_one("ol.chronology")
    assert ol["start"] == "3" and len(ol.select(":scope > li")) == 1
    assert ol.select_one("time").get_text() == "October 2024"  # each page prints its first date
    assert year.select_one(".page-status").get_text() == "Page 3 of 3"
    page = BeautifulSoup((site / "map" / "index.html").read_text(encoding="utf-8"), "lxml")
    link = page.select_one("#place-arctic-ocean .place-events a")["href"]
    assert link.startswith("../timeline/2024/page/3/#ev-")
    assert year.find(id=link.split("#")[1]) is not None


def test_places_whose_names_share_a_slug_get_distinct_sections():
    a = ref("a", "A patrol sailed near Svalbard", "2024", "year")
    a.event.places += ["Svalbard", "SVALBARD!"]
    anchors = sorted(p.anchor for p in gather_places(group_timeline([a]), {}))
    assert anchors == ["place-svalbard", "place-svalbard-2"]


def test_map_of_many_events_renders_the_same_in_worker_processes(tmp_path: Path):
    """Pages render in worker processes with -j 2; a place's 'earlier events' must survive pickling."""
    import pickle

    refs = [ref(f"b{n:02d}", f"Patrol number {n} reached Svalbard", str(2000 + n), "year") for n in range(15)]
    for r in refs:
        r.event.places.append("Svalbard")
    (place,) = gather_places(group_timeline(refs), {"Svalbard": (78.5, 17.0)})
    copy = pickle.loads(pickle.dumps(place))
    assert copy.more == place.more == [(str(2000 + n), f"timeline/{2000 + n}/", 1) for n in range(5)]
