"""The date grammar: each expression issue 3 lists, its neighbours, and what must give no date."""

from __future__ import annotations

import pytest

from research_digest.extract.dates import DateContext, find_time_expressions


def only(sentence: str, context: DateContext | None = None):
    found = find_time_expressions(sentence, context or DateContext())
    assert len(found) == 1, found
    return found[0]


@pytest.mark.parametrize(
    "sentence, words, date, precision",
    [
        ("In 2012, Russia barred Chinese research ships.", "In 2012", "2012", "year"),
        ("The bid was ultimately granted in 2013.", "in 2013", "2013", "year"),
        ("In January 2026, the United States expressed interest.", "In January 2026", "2026-01", "month"),
        ("Putin and Xi watch the parade, Friday, May 9, 2025.", "Friday, May 9, 2025", "2025-05-09", "day"),
        ("It was published on 06 February 2026.", "on 06 February 2026", "2026-02-06", "day"),
        ("It was signed on 4th of April 2023.", "on 4th of April 2023", "2023-04-04", "day"),
        ("2025 reports suggest that Russia is stepping up.", "2025", "2025", "year"),
        ("It took effect in early January 2026.", "in early January 2026", "2026-01", "month"),
        ("Talks resumed in mid-2023.", "in mid-2023", "2023", "year"),
        ("The ship sailed in the summer of 2022.", "in the summer of 2022", "2022", "year"),
        ("Exports fell in Q3 2024.", "in Q3 2024", "2024", "year"),
        ("Relations soured in the 1990s.", "in the 1990s", "1990", "decade"),
        ("Trade grew in the early 2020s.", "in the early 2020s", "2020", "decade"),
    ],
)
def test_dates_absolute_expression_gives_iso_date_and_precision(sentence, words, date, precision):
    found = only(sentence)
    assert (found.text, found.date, found.precision, found.kind) == (words, date, precision, "absolute")


@pytest.mark.parametrize(
    "sentence, date, end, precision",
    [
        ("In 2024 and 2025, Moscow and Beijing revealed plans.", "2024", "2025", "year"),
        ("The programme ran between 2019 and 2022.", "2019", "2022", "year"),
        ("The programme ran from 2019-22.", "2019", "2022", "year"),
        ("Drills were held on 24–25 June 2024.", "2024-06-24", "2024-06-25", "day"),
        ("Missions in July, September and November 2024 went ahead.", "2024-07", "2024-11", "month"),
    ],
)
def test_dates_range_gives_start_and_end(sentence, date, end, precision):
    found = only(sentence)
    assert (found.date, found.end_date, found.precision) == (date, end, precision)


def test_dates_month_that_year_takes_year_from_earlier_sentence():
    context = DateContext()
    find_time_expressions("Sino-Russian security cooperation persisted in 2024.", context)
    july = only("In July that year, NORAD intercepted two Russian Tu-95 bombers.", context)
    october = only("In October, China’s Coast Guard announced its first entry.", context)
    assert (july.text, july.date, july.precision) == ("In July that year", "2024-07", "month")
    assert (october.text, october.date, october.precision) == ("In October", "2024-10", "month")


def test_dates_month_alone_without_reference_year_gives_no_date():
    found = only("In October, the coast guard announced its first entry.")
    assert found.kind == "anaphoric" and found.date is None and found.precision is None


@pytest.mark.parametrize(
    "sentence, date, precision",
    [
        ("Finnish authorities seized the ship two days later.", "2024-12-27", "day"),
        ("The following month, NATO launched Baltic Sentry.", "2025-01", "month"),
        ("A year later, talks resumed.", "2025", "year"),
        ("The following year, talks resumed.", "2025", "year"),
    ],
)
def test_dates_counted_from_the_reference_date(sentence, date, precision):
    context = DateContext()
    find_time_expressions("The cable was cut on 25 December 2024.", context)
    found = only(sentence, context)
    assert (found.date, found.precision) == (date, precision)


@pytest.mark.parametrize(
    "sentence, words",
    [
        ("Subsequently, Russian and Chinese naval vessels conducted joint patrols.", "Subsequently"),
        ("They restarted the missions after a five-year hiatus.", "after a five-year hiatus"),
        ("Weeks later, the invasion changed the calculus.", "Weeks later"),
    ],
)
def test_dates_relative_expression_gives_order_without_date(sentence, words):
    found = only(sentence, DateContext(year=2023))
    assert (found.text, found.kind, found.date, found.precision) == (words, "relative", None, None)


@pytest.mark.parametrize(
    "sentence, words",
    [
        ("Grynkewich recently stated that collaboration is a concern.", "recently"),
        ("In recent years, friction points seem to be fading away.", "In recent years"),
        ("Over the past decade, trade has doubled.", "Over the past decade"),
    ],
)
def test_dates_vague_expression_gives_no_date(sentence, words):
    found = only(sentence)
    assert (found.text, found.kind, found.date) == (words, "vague", None)
    assert not found.dates_event


@pytest.mark.parametrize(
    "sentence",
    [
        "Rosatom awarded a €55 million tender for a floating dock.",
        "The area accounts for about 10 per cent of global commercial oil output.",
        "NORAD intercepted two Russian Tu-95 and two Chinese H-6 bombers.",
        "Around 2,000 ships are at sea at any one time.",
        "The brigade fielded 2000 troops.",
        "Resolution 2231 endorsed the deal.",
        "May the council decide soon.",
        "Troops will march on the capital.",
        "The Su-35 and the Type 055 destroyer were shown.",
        "It cost $2024 to build.",
        "Distrust shaped policy (Hauksdóttir and Thorhallsson, 2025: 12).",
        "Realists disagree (Mearsheimer 2001; Walt et al. 2019a).",
    ],
)
def test_dates_numbers_and_words_that_are_not_dates_give_none(sentence):
    assert find_time_expressions(sentence, DateContext()) == []


@pytest.mark.parametrize(
    "sentence, kind",
    [
        ("Since 2014, Russia has relied on Chinese credit.", "bound"),
        ("China aims to finish the line by 2030.", "bound"),
        ("Suspicion persisted into the early 2020s.", "bound"),
        ("Washington reiterated that the 1951 Mutual Defense Treaty applies.", "attributive"),
    ],
)
def test_dates_bounds_and_names_do_not_date_an_event(sentence, kind):
    found = only(sentence)
    assert found.kind == kind and found.date and not found.dates_event


def test_dates_bound_and_attributive_years_do_not_move_the_reference_year():
    context = DateContext(year=2024)
    find_time_expressions("Since 2014, Russia has relied on China, and the 1982 Convention applies.", context)
    assert only("In July that year, it happened.", context).date == "2024-07"


def test_dates_last_year_counts_from_publication_date():
    found = only("Last year, exports fell.", DateContext(published="2026-02-06"))
    assert (found.kind, found.date, found.precision) == ("deictic", "2025", "year")
    assert only("Last year, exports fell.").date is None


def test_dates_impossible_day_gives_no_day_date():
    found = find_time_expressions("It happened on 31 February 2024.", DateContext())
    assert [f.precision for f in found if f.precision == "day"] == []


@pytest.mark.parametrize(
    "published, date", [("2025-11-12", "2025-10"), ("2025-02-01", "2024-10"), ("2025-10-30", "2025-10")]
)
def test_dates_month_alone_before_any_year_is_the_latest_such_month_before_publication(published, date):
    found = only("In October, Norwegian media reported a contract.", DateContext(published=published))
    assert (found.date, found.precision) == (date, "month")


@pytest.mark.parametrize(
    "sentence",
    [
        "The Svalbard Treaty of 1920 forbids warlike use.",
        "The Law of the Sea Convention of 1982 applies.",
    ],
)
def test_dates_date_after_of_qualifies_a_thing_and_sets_no_reference(sentence):
    context = DateContext(published="2025-11-12")
    found = only(sentence, context)
    assert found.kind == "attributive" and not found.dates_event and context.year is None


@pytest.mark.parametrize(
    "sentence, words, date, precision",
    [
        ("Modi met Xi in Tianjin at the end of the month.", "at the end of the month", "2025-08", "month"),
        ("Later that month, talks resumed.", "Later that month", "2025-08", "month"),
        ("The same day, Moscow protested.", "The same day", "2025-08-04", "day"),
    ],
)
def test_dates_same_month_or_day_takes_the_reference(sentence, words, date, precision):
    context = DateContext()
    find_time_expressions("The tariff was imposed on 4 August 2025.", context)
    found = only(sentence, context)
    assert (found.text, found.date, found.precision) == (words, date, precision)


def test_dates_date_after_of_a_common_noun_dates_the_clause():
    found = only("The parliamentary election of 26 October 2024 returned Georgian Dream to power.")
    assert (found.kind, found.date, found.precision) == ("absolute", "2024-10-26", "day")


def test_dates_the_same_evening_takes_the_reference_day():
    context = DateContext()
    find_time_expressions("On 28 November 2024, the prime minister spoke.", context)
    assert only("Protests began the same evening.", context).date == "2024-11-28"


def test_dates_year_in_parentheses_without_a_name_is_still_a_date():
    found = only("The council admitted China as an observer (in 2013) after long talks.")
    assert (found.date, found.kind) == ("2013", "absolute")


def test_dates_month_after_a_range_has_no_date_even_with_a_publication_date():
    context = DateContext(published="2026-02-06")
    find_time_expressions("In 2024 and 2025, Moscow and Beijing revealed plans.", context)
    assert only("In October, a ship sailed.", context).date is None


# ---------------------------------------------------------------- issue 14: dates relative to publication
# Expected dates worked out by hand from a calendar: 3 September 2025 is a Wednesday, 12 February 2026
# a Thursday, 5 March 2026 a Thursday.


@pytest.mark.parametrize(
    "sentence, published, date, precision",
    [
        ("The agreement entered into force on Monday.", "2025-09-03", "2025-09-01", "day"),
        ("The ministry announced on Tuesday that the boat had finished its trials.", "2026-02-12", "2026-02-10", "day"),
        ("The minister resigned on Thursday.", "2026-03-05", "2026-03-05", "day"),
        ("The minister resigned last Thursday.", "2026-03-05", "2026-02-26", "day"),
        ("Thai officials said yesterday that they had not been warned.", "2026-03-05", "2026-03-04", "day"),
        ("Last week, a delegation visited Nuuk.", "2026-01-22", "2026-01", "month"),
        ("Last week, a delegation visited Nuuk.", "2026-03-05", "2026-02", "month"),
        ("The coast guard used water cannon last month.", "2025-09-03", "2025-08", "month"),
        ("The authorities last spring dissolved all parties.", "2025-12-10", "2025", "year"),
        ("The Council agreed to the change last autumn.", "2026-02-03", "2025", "year"),
        ("Direct flights restarted on October 26 this year.", "2025-11-04", "2025-10-26", "day"),
        ("The talks began in March last year.", "2025-11-04", "2024-03", "month"),
    ],
)
def test_deictic_dates_count_from_the_publication_date(sentence, published, date, precision):
    dated = [e for e in find_time_expressions(sentence, DateContext(published=published)) if e.dates_event]
    assert [(e.date, e.precision) for e in dated] == [(date, precision)]


def test_weekday_alone_or_in_a_name_is_not_a_date():
    for sentence in ("Monday’s talks were cancelled.", "Black Friday sales rose."):
        assert not [e for e in find_time_expressions(sentence, DateContext(published="2026-03-05")) if e.date]


def test_the_following_spring_is_the_next_spring_after_the_reference():
    context = DateContext(published="2025-09-03")
    find_time_expressions("The Senate ratified it in December 2024.", context)
    assert only("The Diet approved it the following spring.", context).date == "2025"
    context = DateContext(published="2025-09-03")
    find_time_expressions("Talks began in February 2024.", context)
    assert only("They stalled the following spring.", context).date == "2024"


def test_a_date_that_belongs_to_an_object_does_not_date_the_clause():
    for sentence in (
        "Beijing paused some of the October 2025 measures for a year.",
        "Benin closed its border after the July 2023 coup.",
        "Chinese dams held back water during the 2019 drought.",
    ):
        kinds = [e.kind for e in find_time_expressions(sentence, DateContext(published="2026-01-01"))]
        assert kinds == ["attributive"], (sentence, kinds)
    # as the clause's subject the thing is the happening: its date dates the clause
    found = find_time_expressions("The shoal lies far away, and the 2016 arbitral award found against China.")
    assert [e.kind for e in found] == ["absolute"]


def test_since_a_year_when_dates_the_when_clause():
    found = find_time_expressions("It has been a fixture since 2016, when a RAND study concluded that NATO could not.")
    assert [(e.kind, e.date) for e in found] == [("absolute", "2016")]
    assert [e.kind for e in find_time_expressions("Russia has jammed GPS signals since 2022.")] == ["bound"]


def test_a_bare_month_after_a_named_month_moves_forward_but_not_past_publication():
    context = DateContext(published="2025-09-30", paragraph=1)
    find_time_expressions("A canopy collapsed on 1 November 2024.", context)
    assert only("Students marched on Belgrade in March.", context).date == "2025-03"
    context.paragraph = 2
    assert only("The report, published in November, praised Serbia.", context).date == "2024-11"


def test_a_bare_year_reaches_a_bare_month_only_in_its_own_paragraph():
    context = DateContext(published="2025-10-08", paragraph=1)
    find_time_expressions("Volumes were 3.1 million tonnes in 2024.", context)
    assert only("In March, the line cut its sailings.", context).date == "2024-03"
    context.paragraph = 2
    find_time_expressions("Volumes were 3.1 million tonnes in 2024.", context)
    context.paragraph = 3
    assert only("In March, the line cut its sailings.", context).date == "2025-03"


def test_the_following_week_is_a_month():
    context = DateContext(published="2025-05-20")
    find_time_expressions("The brigade was established on 1 April 2025.", context)
    assert (only("The minister said the following week that it was ready.", context).date) == "2025-04"


def test_from_a_date_bounds_the_happening():
    found = find_time_expressions("The package banned transshipment in EU ports from March 2025.")
    assert [e.kind for e in found] == ["bound"]


def test_the_past_year_is_a_span_not_a_date_and_day_ranges_read_to():
    assert [e.kind for e in find_time_expressions("Navies have spent most of the past year shadowing ships.")] == [
        "vague"
    ]
    (night,) = find_time_expressions("On the night of 9 to 10 September 2025, drones entered Polish airspace.")
    assert (night.date, night.end_date) == ("2025-09-09", "2025-09-10")
