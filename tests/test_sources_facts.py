"""Facts read from page text: dates, bylines, names, citations, author notes, republication notes."""

from __future__ import annotations

import pytest

from research_digest.records.schema import Author
from research_digest.sources.facts import (
    assign_bios,
    find_date,
    find_first_published,
    parse_citation,
    read_byline,
    split_names,
)


@pytest.mark.parametrize(
    "text, iso",
    [
        ("06 February 2026", "2026-02-06"),
        ("February 6, 2026", "2026-02-06"),
        ("2026-02-06", "2026-02-06"),
        ("6 Feb 2026", "2026-02-06"),
        ("Published: Sept. 30, 2024", "2024-09-30"),
        ("2025-11-12T09:30:00+01:00", "2025-11-12"),
        ("Posted on 1st March 2025 by X", "2025-03-01"),
        ("2025/07/22", "2025-07-22"),
        ("Publisert 06.02.2026", "2026-02-06"),
    ],
)
def test_find_date_reads_common_styles(text, iso):
    assert find_date(text) == iso


@pytest.mark.parametrize("text", ["in 2025", "02/06/2026", "31 February 2026", "May the council decide", "12.34.2026"])
def test_find_date_refuses_ambiguous_or_impossible_dates(text):
    assert find_date(text) is None


@pytest.mark.parametrize(
    "line, names",
    [
        ("Daniel Balazs", ["Daniel Balazs"]),
        ("Name One and Name Two", ["Name One", "Name Two"]),
        ("By Jane Doe, John Smith and Ali bin Hassan", ["Jane Doe", "John Smith", "Ali bin Hassan"]),
        ("By Jane Doe | March 3, 2025", ["Jane Doe"]),
        (
            "Authors: Guðbjörg Ríkey Th. Hauksdóttir & Baldur Thorhallsson",
            ["Guðbjörg Ríkey Th. Hauksdóttir", "Baldur Thorhallsson"],
        ),
        ("By Dr Mette Lund", ["Mette Lund"]),
        ("Download PDF", []),
        ("Read More", []),
        ("Board of Governors", []),
        ("06 February 2026", []),
    ],
)
def test_read_byline_finds_names_and_nothing_else(line, names):
    assert read_byline(line) == names


def test_split_names_rejects_a_list_with_a_non_name():
    assert split_names("Jane Doe and the Arctic Council 2025") == []


@pytest.mark.parametrize(
    "text, authors, title, venue, date",
    [
        (
            "Hauksdóttir, Guðbjörg Ríkey Th. and Baldur Thorhallsson. “Sino-Russian Arctic Cooperation: Systemic Pressure "
            "and Historical Distrust.” The Polar Journal, July 22, 2025",
            ["Guðbjörg Ríkey Th. Hauksdóttir", "Baldur Thorhallsson"],
            "Sino-Russian Arctic Cooperation: Systemic Pressure and Historical Distrust",
            "The Polar Journal",
            "2025-07-22",
        ),
        (
            "Kofman, Anna, Pavel Grigoryev, and Lucas Brennan-Moore. “A Pivot.” Survival, March 3, 2026",
            ["Anna Kofman", "Pavel Grigoryev", "Lucas Brennan-Moore"],
            "A Pivot",
            "Survival",
            "2026-03-03",
        ),
        (
            'Doe, Jane. "One Author Only." Arctic Review 12, no. 2 (June 2025)',
            ["Jane Doe"],
            "One Author Only",
            "Arctic Review",
            "2025-06",
        ),
    ],
)
def test_parse_citation_keeps_every_author_in_order(text, authors, title, venue, date):
    citation = parse_citation(text)
    assert (citation.authors, citation.title, citation.venue, citation.date) == (authors, title, venue, date)


def test_assign_bios_splits_one_note_between_two_authors():
    authors = [Author("Gustavo Mendes"), Author("Siti Nurhaliza binte Rahman")]
    assign_bios(
        authors,
        [
            "Gustavo Mendes is an Associate Research Fellow at the S. Rajaratnam School of "
            "International Studies (RSIS). Siti Nurhaliza binte Rahman is a Research Analyst in the "
            "same programme. The views expressed are their own."
        ],
    )
    assert (
        authors[0].affiliation
        == "Associate Research Fellow at the S. Rajaratnam School of International Studies (RSIS)"
    )
    assert authors[1].affiliation == "Research Analyst in the same programme"
    assert authors[1].bio.endswith("The views expressed are their own.")


def test_find_first_published_reads_venue_and_date():
    note = "This commentary was published on China Dialogues on 4 February 2026. It is republished here."
    assert find_first_published(note) == ("China Dialogues", "2026-02-04")
    assert find_first_published("It was first published in the Straits Times on March 2, 2025.") == (
        "Straits Times",
        "2025-03-02",
    )


@pytest.mark.parametrize(
    "note, found",
    [
        ("It was first published in the Straits Times on March 2, 2025.", ("Straits Times", "2025-03-02")),
        ("This article was originally published by The Diplomat on 3 March 2026", ("The Diplomat", "2026-03-03")),
        ("This commentary first appeared in East Asia Forum.", ("East Asia Forum", None)),
        ("The report was published in 2024 by the ministry.", None),
    ],
)
def test_find_first_published_handles_other_wordings(note, found):
    assert find_first_published(note) == found


def test_read_byline_title_cases_an_all_capitals_byline():
    assert read_byline("By JANE DOE AND JOHN SMITH") == ["Jane Doe", "John Smith"]


def test_assign_bios_matches_an_author_note_that_starts_with_a_title():
    authors = [Author("Mette Lund"), Author("Pavel Orlov")]
    assign_bios(authors, ["Dr Pavel Orlov is a Senior Fellow at the Arctic Institute. Mette Lund is a researcher."])
    assert (authors[0].affiliation, authors[1].affiliation) == ("researcher", "Senior Fellow at the Arctic Institute")


def test_assign_bios_reads_a_role_written_without_an_article():
    authors = [Author("Ana Torres")]
    assign_bios(authors, ["Ana Torres is Professor of Geography at the University of Tromsø."])
    assert authors[0].affiliation == "Professor of Geography at the University of Tromsø"


def test_byline_cut_before_a_date_keeps_the_last_letters_of_the_name():
    """The cut at the date once stripped any trailing 'o' and 'n' characters: 'Gettlema'."""
    assert read_byline("By JEFFREY GETTLEMAN JAN. 12, 2017") == ["Jeffrey Gettleman"]
    assert read_byline("By Jane Doe on 3 March 2025") == ["Jane Doe"]
    assert read_byline("By Joe Wee Monday, 29 February 2016") == ["Joe Wee"]


def test_byline_drops_a_social_handle():
    assert read_byline("by Ahiza Garcia @ahiza_garcia February 1, 2016: 12:41 PM ET") == ["Ahiza Garcia"]
