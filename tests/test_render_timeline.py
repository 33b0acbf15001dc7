"""The merged timeline: one entry per happening, precision kept, grouped by year and month."""

from __future__ import annotations

from bs4 import BeautifulSoup
from conftest import RECORDS

from research_digest.records.schema import Anchor, Event, Record, Source
from research_digest.records.yamlio import load_records
from research_digest.render.chart import count_events, draw_chart
from research_digest.render.site import EventRef
from research_digest.render.timeline import date_label, group_timeline, is_same_happening, merge_events


def fixture_refs() -> list[EventRef]:
    records, errors = load_records(sorted(RECORDS.glob("*.yaml")))
    assert not errors
    return [EventRef(r, e) for r in records for e in r.events]


def ref(
    record_id: str,
    summary: str,
    date: str | None,
    precision: str | None,
    actors=("China", "Russia"),
    event_id: str = "e1",
) -> EventRef:
    record = Record(id=record_id, title=record_id, source=Source("x", "", ""))
    event = Event(event_id, summary, Anchor("p-1"), date, precision, actors=list(actors))
    record.events.append(event)
    return EventRef(record, event)


def test_fixture_retellings_merge_into_one_entry_each():
    entries = merge_events(fixture_refs())
    merged = {(e.date, e.precision): sorted(r.record.id for r in e.refs) for e in entries if len(e.refs) > 1}
    # checked by hand: the North Watch fixture retells exactly these three RSIS events
    both = ["north-watch-coast-guards-polar-route", "rsis-co26021-china-russia-arctic"]
    assert merged == {("2023", "year"): both, ("2024-07", "month"): both, ("2024-10", "month"): both}
    assert len(entries) == 18 - 3  # 14 RSIS + 1 Polar Journal + 3 North Watch events, three merged


def test_same_date_but_other_precision_is_not_merged():
    a = ref("a", "China's Coast Guard entered Arctic Ocean waters on a joint patrol", "2024-10", "month")
    b = ref("b", "China's Coast Guard entered Arctic Ocean waters on a joint patrol", "2024-10-02", "day")
    c = ref("c", "China's Coast Guard entered Arctic Ocean waters on a joint patrol", "2024", "year")
    assert not is_same_happening(a, b) and not is_same_happening(a, c)


def test_different_happenings_in_one_month_are_not_merged():
    a = ref("a", "China's Coast Guard announced its first entry into Arctic Ocean waters", "2024-10", "month")
    b = ref("b", "Russia and China signed an agreement on Northern Sea Route shipping", "2024-10", "month")
    assert not is_same_happening(a, b)


def test_events_without_shared_actor_are_not_merged():
    a = ref("a", "Coast guard vessels entered Arctic Ocean waters on patrol", "2024-10", "month", ["China"])
    b = ref("b", "Coast guard vessels entered Arctic Ocean waters on patrol", "2024-10", "month", ["Norway"])
    assert not is_same_happening(a, b)


def test_two_events_of_one_brief_are_never_merged():
    a = ref("a", "Russian and Chinese bombers flew a joint patrol near Alaska", "2024-07", "month")
    b = ref("a", "Russian and Chinese bombers flew a joint patrol near Alaska again", "2024-07", "month", event_id="e2")
    assert not is_same_happening(a, b)


def test_year_only_event_is_grouped_under_its_year_before_the_months():
    groups = group_timeline(
        [
            ref("a", "Plans for ice-class ships were revealed", "2024", "year"),
            ref("b", "Bombers were intercepted near Alaska", "2024-07", "month"),
            ref("c", "A coast guard patrol reached the Arctic Ocean", "2024-10-02", "day"),
        ]
    )
    assert [g.key for g in groups] == ["2024"]
    assert [(m.month, m.label) for m in groups[0].months] == [
        (None, "2024, month not given"),
        (7, "July 2024"),
        (10, "October 2024"),
    ]
    assert groups[0].months[2].entries[0].label == "2 October 2024"


def test_decade_sits_before_its_years_and_undated_comes_last():
    groups = group_timeline(
        [
            ref("a", "Suspicion persisted", "2020", "decade"),
            ref("b", "Research missions restarted", "2021", "year"),
            ref("c", "Joint naval exercises expanded", None, None),
        ]
    )
    assert [g.label for g in groups] == ["The 2020s", "2021", "Undated"]


def test_date_label_is_as_precise_as_the_date():
    assert date_label("2024", "year") == "2024"
    assert date_label("2024-07", "month") == "July 2024"
    assert date_label("2025-05-09", "day") == "9 May 2025"
    assert date_label("2020", "decade") == "the 2020s"
    assert date_label("2024", "year", "2025") == "2024 – 2025"
    assert date_label(None, None) == "Undated"


def test_chart_counts_events_not_actor_mentions_and_leaves_out_undated():
    entries = [e for g in group_timeline(fixture_refs()) for e in g.entries]
    chart = count_events(entries)
    # by hand from tests/records: 2024 has the ice-class plans (2 actors), the July bombers told by
    # two briefs (5 actors) and the October patrol told by two briefs: three events, not ten mentions
    assert chart.counts == {2012: 1, 2013: 1, 2017: 1, 2021: 1, 2023: 1, 2024: 3, 2025: 2, 2026: 1}
    assert chart.left_out == 4  # Germany/France/Netherlands, Rosatom, Aleutians, Polar Journal's exercises


def test_chart_lanes_count_each_actors_events_per_year():
    chart = count_events([e for g in group_timeline(fixture_refs()) for e in g.entries])
    # by hand: China is named by 10 dated events, Russia by 9; Arctic Council (2013), NORAD (July
    # 2024, told twice, one event) and the United States (January 2026) by one each, ties by name
    assert chart.lanes == ["China", "Russia", "Arctic Council", "NORAD", "United States"]
    assert chart.by_actor[(2024, "China")] == 3 and chart.by_actor[(2024, "NORAD")] == 1
    assert (2024, "United States") not in chart.by_actor  # these records name NORAD, not the US, in July 2024
    svg = BeautifulSoup(draw_chart(chart), "html.parser")
    assert [str(t.contents[-1]) for t in svg.select("text.lane-label")] == chart.lanes
    dots = {d.select_one("title").get_text() for d in svg.select(".lane-dot")}
    assert "NORAD, 2024: 1" in dots and "China, 2024: 3" in dots and len(dots) == len(chart.by_actor)


def test_chart_labels_every_year_and_links_each_bar_to_its_year_page():
    chart = count_events([e for g in group_timeline(fixture_refs()) for e in g.entries])
    svg = BeautifulSoup(draw_chart(chart, link=lambda y: f"../timeline/{y}/"), "html.parser")
    labels = [t.get_text() for t in svg.select("text.axis") if len(t.get_text()) == 4]
    assert labels == [str(y) for y in range(2012, 2027)]  # empty years (2014-2016, 2018-2020, 2022) too
    bars = {a["href"]: float(a.select_one("rect")["height"]) for a in svg.select("a")}
    assert sorted(bars) == [f"../timeline/{y}/" for y in (2012, 2013, 2017, 2021, 2023, 2024, 2025, 2026)]
    assert bars["../timeline/2024/"] == 3 * bars["../timeline/2012/"]
    assert bars["../timeline/2025/"] == 2 * bars["../timeline/2012/"]


def test_a_year_typed_1024_among_2020s_events_folds_the_gap_into_a_break():
    refs = [ref(f"b{y}", f"Patrol number {y} sailed north", str(y), "year") for y in (2021, 2023, 2024, 2025)]
    refs.append(ref("typo", "A survey ship was launched", "1024", "year"))
    chart = count_events([e for g in group_timeline(refs) for e in g.entries])
    assert [s.label for s in chart.slots] == ["1024", "1025–2020", "2021", "2022", "2023", "2024", "2025"]
    svg = BeautifulSoup(draw_chart(chart), "html.parser").select_one("svg")
    assert int(svg["width"]) < 600  # a thousand empty years would be over 45,000 px
    assert svg.select_one(".break title").get_text() == "1025–2020: no events"
    assert "1024" in [t.get_text() for t in svg.select("text.axis")]


def test_gap_of_up_to_three_empty_years_is_drawn_year_by_year():
    refs = [ref(f"b{y}", f"Patrol number {y} sailed north", str(y), "year") for y in (2010, 2014, 2019)]
    chart = count_events([e for g in group_timeline(refs) for e in g.entries])
    assert [s.label for s in chart.slots] == ["2010", "2011", "2012", "2013", "2014", "2015–2018", "2019"]


def test_year_rows_number_through_months_and_print_each_date_once():
    groups = group_timeline(
        [
            ref("a", "Plans for ice-class ships were revealed", "2024", "year"),
            ref("b", "Bombers were intercepted near Alaska", "2024-07", "month"),
            ref("c", "A second flight of bombers was intercepted near Alaska", "2024-07", "month", ["Canada"]),
            ref("d", "A coast guard patrol reached the Arctic Ocean", "2024-10-02", "day"),
        ]
    )
    rows = groups[0].rows()
    assert [(e.refs[0].record.id, shown) for e, shown in rows] == [("a", True), ("b", True), ("c", False), ("d", True)]
    assert len({e.anchor for e, _ in rows}) == 4


def test_big_date_bucket_still_merges_retellings_through_rare_words():
    def word(n: int) -> str:  # a distinct made-up word per number: "qab", "qac", ...
        return "q" + chr(97 + n // 26 % 26) + chr(97 + n % 26) + chr(97 + n // 676)

    # 400 different happenings of 2024: they share "China", "Russia", "discussed", too few to merge
    filler = [
        ref(
            f"brief-{n:04d}",
            "China and Russia discussed " + " ".join(word(4 * n + k) for k in range(4)),
            "2024",
            "year",
            event_id=f"e{n}",
        )
        for n in range(400)
    ]
    a = ref("zz-a", "Russian Tu-95 and Chinese H-6 bombers intercepted near Alaska", "2024", "year")
    b = ref("zz-b", "NORAD intercepted Russian Tu-95 and Chinese H-6 bombers near Alaska", "2024", "year")
    entries = merge_events(filler + [a, b])
    merged = [e for e in entries if len(e.refs) > 1]
    assert [sorted(r.record.id for r in e.refs) for e in merged] == [["zz-a", "zz-b"]]


def test_an_undated_subsequently_event_sits_after_the_event_it_follows():
    record = Record(id="r", title="R", source=Source("x", "", ""))
    first = Event("e1", "the pipeline was damaged", Anchor("p-1"), "2023-10", "month", when="In October 2023")
    later = Event("e2", "Finland launched an investigation", Anchor("p-2"), when="Subsequently", after="e1")
    other = Event("e3", "a cable was cut", Anchor("p-3"), "2023-10", "month", when="In October 2023")
    lost = Event("e4", "talks stalled", Anchor("p-4"), when="Subsequently", after="e-gone")
    record.events = [first, later, other, lost]
    groups = group_timeline([EventRef(record, e) for e in record.events])
    assert [g.key for g in groups] == ["2023", "undated"]
    october = groups[0].months[0]
    assert [e.refs[0].event.id for e in october.entries] == ["e1", "e2", "e3"]
    assert october.entries[1].label == "Subsequently"
    assert [e.refs[0].event.id for e in groups[1].months[0].entries] == ["e4"]
