"""Events: happenings placed in time, one per dated clause; standing facts and vague times are not."""

from __future__ import annotations

from pathlib import Path

import pytest

from research_digest.extract.actors import load_gazetteer_file
from research_digest.extract.dates import DateContext
from research_digest.extract.events import find_events

GAZ = load_gazetteer_file(Path(__file__).resolve().parent.parent / "content" / "actors.yaml")


def events(*sentences, context=None):
    return find_events(list(sentences), context or DateContext(), GAZ)


def test_events_two_dated_happenings_in_one_sentence_give_two_events():
    found = events("Lithuania expelled the diplomats in March 2023, and Russia retaliated in April.")
    assert [(e.summary, e.date) for e in found] == [
        ("Lithuania expelled the diplomats in March 2023", "2023-03"),
        ("Russia retaliated in April.", "2023-04"),
    ]


def test_events_relative_clause_with_its_own_date_is_cut_off():
    found = events(
        "In July 2023, the ministry announced controls on gallium and germanium, which took effect on 1 August 2023."
    )
    assert [(e.summary, e.date, e.precision) for e in found] == [
        ("In July 2023, the ministry announced controls on gallium and germanium", "2023-07", "month"),
        ("which took effect on 1 August 2023.", "2023-08-01", "day"),
    ]


def test_events_range_is_one_event_with_an_end():
    (event,) = events("In 2024 and 2025, Moscow and Beijing revealed plans and agreed to train specialists.")
    assert (event.date, event.end, event.precision, event.when) == ("2024", "2025", "year", "In 2024 and 2025")
    assert event.actors == ["Russia", "China"]


@pytest.mark.parametrize(
    "sentence",
    [
        "The area accounts for about 10 per cent of global commercial oil output.",
        "Russia’s Northern Fleet is based in the region.",
        "Sino-Russian security cooperation persisted in 2024.",
        "Alexus Grynkewich recently stated that Russia-China collaboration is a concern.",
        "Since 2022, Russia has jammed GPS signals across the region.",
        "China aims to finish the line by 2030.",
        "In 2030, the route will be open for six months a year.",
        "In 2023, the increased presence of ships was a worry for officials.",
        "In 2024, state-owned and Russia-led companies were dominant.",
    ],
)
def test_events_standing_facts_vague_times_and_plans_give_none(sentence):
    assert events(sentence) == []


def test_events_relative_time_gives_event_without_date():
    (event,) = events(
        "Subsequently, European states such as Germany, France, and the Netherlands started bolstering their military clout."
    )
    assert (event.date, event.precision, event.when) == (None, None, "Subsequently")
    assert event.actors == ["Germany", "France", "Netherlands"] and event.places == ["Europe"]


def test_events_year_from_earlier_sentence_and_sentence_index():
    found = events("Cooperation persisted in 2024.", "In July that year, NORAD intercepted two Russian Tu-95 bombers.")
    assert [(e.sentence, e.date, e.when) for e in found] == [(1, "2024-07", "In July that year")]


def test_events_summary_is_the_sentence_as_written():
    sentence = "While details remain scarce, 2025 reports suggest that Russia and China are stepping up."
    (event,) = events(sentence)
    assert event.summary == sentence and event.date == "2025"


@pytest.mark.parametrize(
    "sentence",
    [
        "In 2019, the foreign minister spoke in Murmansk.",
        "In 2022, thousands fled across the border.",
        "In 2014, the army overthrew the government.",
    ],
)
def test_events_irregular_past_tense_reports_a_happening(sentence):
    assert [e.date for e in events(sentence)] == [sentence[3:7]]


def test_an_event_the_synopsis_tells_again_is_extracted_once_from_the_body():
    from extract_eval import build_record

    from research_digest import extract

    synopsis = "A provisional arrangement reached in July 2024 has lowered the temperature, but it is fragile."
    gold = {
        "date": "2025-01-10",
        "synopsis": synopsis,
        "body": [
            synopsis,
            "On 17 June 2024, Chinese personnel boarded Philippine navy boats.",
            "A month later, the two governments agreed on a ‘provisional understanding’ on resupply missions.",
            "In March 2023, Manila agreed to a provisional fishing arrangement with Hanoi.",
        ],
    }
    record = build_record(gold, "synopsis-repeat")
    extract.annotate(record, None)
    summaries = [(e.date, e.summary[:30]) for e in record.events]
    assert summaries == [
        ("2024-06-17", "On 17 June 2024, Chinese perso"),
        ("2024-07", "A month later, the two governm"),
        ("2023-03", "In March 2023, Manila agreed t"),
    ]


def test_a_body_claim_restating_the_synopsis_is_shown_once():
    from extract_eval import build_record

    from research_digest import extract

    synopsis = "Cooperation in the Arctic will deepen only where it serves Beijing’s own interests."
    gold = {
        "date": "2025-01-10",
        "synopsis": synopsis,
        "body": [
            synopsis,
            "Chinese banks have avoided Arctic projects under sanctions.",
            "In short, cooperation in the Arctic will deepen only where it serves Beijing’s interests.",
        ],
    }
    record = build_record(gold, "synopsis-claims")
    extract.annotate(record, None)
    assert [c.text for c in record.claims] == [synopsis]


def test_an_undated_subsequently_event_points_at_the_event_it_follows():
    from extract_eval import build_record

    from research_digest import extract

    gold = {
        "date": "2025-01-10",
        "body": [
            "In October 2023, the pipeline was damaged by an anchor.",
            "Subsequently, Finland launched an investigation into the ship’s crew.",
        ],
    }
    record = build_record(gold, "subsequently")
    extract.annotate(record, None)
    first, second = record.events
    assert (first.date, second.date, second.when) == ("2023-10", None, "Subsequently")
    assert second.after == first.id and first.after is None


def test_called_is_a_happening_unless_it_names():
    from research_digest.extract.events import has_happening_verb

    assert has_happening_verb("In a speech on Thursday, the president called early elections")
    assert not has_happening_verb("In 2024 a ship called Eagle S sat in port")
