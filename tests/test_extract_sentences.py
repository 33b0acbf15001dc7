"""Sentence splitting: abbreviations, names, numbers, quotes, and an ASCII elision."""

from __future__ import annotations

import pytest

from research_digest.extract.sentences import split_sentences


@pytest.mark.parametrize(
    "text, expected",
    [
        (
            "In 2012, Russia barred Chinese research ships from carrying out surveys. Russia was also reluctant.",
            ["In 2012, Russia barred Chinese research ships from carrying out surveys.", "Russia was also reluctant."],
        ),
        ("The U.S. Navy sent destroyers. They left.", ["The U.S. Navy sent destroyers.", "They left."]),
        (
            "Hauksdóttir, Guðbjörg Ríkey Th. and Baldur Thorhallsson wrote it. It was cited.",
            ["Hauksdóttir, Guðbjörg Ríkey Th. and Baldur Thorhallsson wrote it.", "It was cited."],
        ),
        (
            "By Guðbjörg Ríkey Th. Hauksdóttir and others. Next.",
            ["By Guðbjörg Ríkey Th. Hauksdóttir and others.", "Next."],
        ),
        (
            "NORAD intercepted two Russian Tu-95 and two Chinese H-6 bombers. In October, more came.",
            ["NORAD intercepted two Russian Tu-95 and two Chinese H-6 bombers.", "In October, more came."],
        ),
        ("Rosatom awarded a €55 million tender. Turkey won.", ["Rosatom awarded a €55 million tender.", "Turkey won."]),
        ("Gen. Grynkewich spoke. Dr. Smith replied.", ["Gen. Grynkewich spoke.", "Dr. Smith replied."]),
        ("“We will respond,” he said. The ships left.", ["“We will respond,” he said.", "The ships left."]),
    ],
)
def test_sentences_split_where_a_reader_would(text, expected):
    assert split_sentences(text) == expected


def test_sentences_ascii_elision_inside_a_sentence_does_not_split():
    text = "Rosatom awarded a €55 million tender ... Turkey’s Kuzey Star Shipyard, despite a lower bid. Next."
    assert split_sentences(text) == [
        "Rosatom awarded a €55 million tender ... Turkey’s Kuzey Star Shipyard, despite a lower bid.",
        "Next.",
    ]


def test_sentences_are_exact_slices_of_the_paragraph():
    text = "Friction points  seem to be\u00a0fading away.  As sanctions bit, Moscow turned east ... Beijing obliged."
    pieces = split_sentences(text)
    assert all(piece in text for piece in pieces)
    assert "".join(pieces).replace(" ", "") == text.replace(" ", "")


@pytest.mark.parametrize("text", ["", "   ", "\n"])
def test_sentences_empty_paragraph_gives_none(text):
    assert split_sentences(text) == []


def test_sentences_same_input_same_output():
    text = "The key takeaway is that sanctions mattered. This trend is likely to persist."
    assert (
        split_sentences(text)
        == split_sentences(text)
        == ["The key takeaway is that sanctions mattered.", "This trend is likely to persist."]
    )
