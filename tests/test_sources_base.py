"""The rule interpreter's line helpers: repeated blocks, twin captions, headings and lists."""

from __future__ import annotations

from research_digest.sources.base import drop_repeated_runs, drop_twin_lines, make_blocks


def test_drop_repeated_runs_keeps_first_copy_of_a_body_printed_twice():
    para = [f"Paragraph {i} " + "word " * 15 for i in range(4)]
    lines = ["Title", *para, "Heading", "About the Author", "Footer", *para, "Heading", "Copyright"]
    assert drop_repeated_runs(lines) == ["Title", *para, "Heading", "About the Author", "Footer", "Copyright"]


def test_drop_twin_lines_drops_a_caption_printed_twice():
    assert drop_twin_lines(["Title", "Caption here", "Caption here", "Body."]) == ["Title", "Body."]


def test_make_blocks_marks_lone_short_lines_and_list_titles_as_headings():
    long = "A paragraph that runs on for quite a few words, as paragraphs do."
    blocks = make_blocks(
        [
            long,
            "A Section Heading",
            long,
            "The reasons are:",
            "First reason",
            "Second reason",
            long,
            "Members",
            "Canada",
            "Denmark",
            "Finland",
            long,
        ]
    )
    assert [b.text for b in blocks if b.kind == "heading"] == ["A Section Heading", "Members"]
