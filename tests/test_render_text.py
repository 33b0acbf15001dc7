"""Body text: sentence spans for anchors, Markdown for people's notes."""

from __future__ import annotations

from research_digest.records.schema import Block
from research_digest.render.text import mark_sentences, render_markdown, split_sentences


def test_render_splits_like_the_extractor_keeping_abbreviations_and_euro_amounts_inside_sentences():
    text = (
        "In 2021, reports suggested that some in Russia have tried to curb China’s access. Furthermore, "
        "Rosatom awarded a €55 million tender to Turkey’s Kuzey Star Shipyard, despite a lower bid from the U.S. "
        "firm."
    )
    assert len(split_sentences(text)) == 2


def test_mark_sentences_wraps_each_sentence_with_its_anchor_id():
    block = Block("p-1", "First one. Second one, with “quotes”. Third.")
    html = mark_sentences(block, {1: "claim"})
    assert html == (
        '<span id="s-p-1-0">First one.</span> <span id="s-p-1-1" class="claim">Second one, with '
        '“quotes”.</span> <span id="s-p-1-2">Third.</span>'
    )


def test_mark_sentences_escapes_markup_in_record_text():
    html = mark_sentences(Block("p-2", "A <b>bold</b> & risky claim."))
    assert "&lt;b&gt;bold&lt;/b&gt; &amp; risky" in html


def test_mark_sentences_keeps_text_a_splitter_cannot_place():
    html = mark_sentences(Block("p-3", "One. Two."), splitter=lambda t: ["One.", "Changed text."])
    assert html.endswith("Two.") and 'id="s-p-3-0"' in html


def test_markdown_drops_raw_html_and_unsafe_links():
    html = render_markdown("Hi <img src=x onerror=alert(1)> [x](javascript:alert(1)) [ok](https://example.org)")
    assert "<img" not in html and 'href="javascript' not in html
    assert '<a href="https://example.org" rel="noopener nofollow">ok</a>' in html


def test_markdown_headings_shift_below_the_section_they_sit_in():
    assert render_markdown("# Title", shift_headings=2).startswith("<h3>")


def test_anchor_past_the_last_sentence_still_gets_its_id():
    html = mark_sentences(Block("p-4", "Only one sentence."), {3: "claim"})
    assert html.startswith('<span id="s-p-4-3"></span>')


def test_markdown_images_become_links_and_load_nothing():
    html = str(render_markdown('See ![the map](https://evil.example/track.png "Map") and ![](http://x.example/a.gif).'))
    assert "<img" not in html
    assert 'href="https://evil.example/track.png"' in html and ">the map</a>" in html
    assert 'href="http://x.example/a.gif"' in html
    assert 'rel="noopener nofollow"' in html
    unsafe = str(render_markdown("![x](javascript:alert(1))"))
    assert "<img" not in unsafe and 'href="javascript' not in unsafe
