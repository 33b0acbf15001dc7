"""The generic HTML path on pages built in the real structure of common sites (WordPress themes,
news CMSs): the failures the issue lists, each a page that the line rules alone got wrong."""

from __future__ import annotations

from pathlib import Path

import pytest

from research_digest.errors import InputError
from research_digest.readers import decode_page
from research_digest.sources import parse_page

PARA = (
    "The committee met on Tuesday to review the proposal, and its members agreed that the harbour "
    "extension should go ahead once the environmental survey of the fjord has been completed. "
)


def page(body: str, head: str = "<title>Harbour plan approved | Nordic Times</title>") -> str:
    return f"<!DOCTYPE html><html lang='en'><head><meta charset='utf-8'>{head}</head><body>{body}</body></html>"


def parse(html: str, name: str = "page.html"):
    return parse_page(decode_page(html.encode("utf-8"), Path(name)))


def texts(record) -> str:
    return "\n".join(b.text for b in record.body)


NAV = "<nav><ul>" + "".join(f"<li><a href='/s{i}'>Section {i}</a></li>" for i in range(8)) + "</ul></nav>"


def test_post_beside_teaser_articles_is_the_body():
    """Related-post teasers in <article> cards must not be taken for the post (WordPress 'related')."""
    teasers = "".join(
        f"<article class='post-card'><h3><a href='/p{i}'>Other story {i}</a></h3>"
        f"<p>A short teaser about another story number {i}, with a few words of its own.</p></article>"
        for i in range(6)
    )
    post = "".join(f"<p>{PARA}Paragraph {i} adds its own detail about the plan.</p>" for i in range(5))
    html = page(f"{NAV}<div class='site'><div class='entry-content'>{post}</div><section>{teasers}</section></div>")
    record = parse(html)
    assert "Paragraph 0 adds" in texts(record) and "Paragraph 4 adds" in texts(record)
    assert "teaser" not in texts(record)


def test_wordpress_comment_is_not_the_body():
    """The post in a plain <div>, a long comment in <article class='comment-body'>: the post wins."""
    post = "".join(f"<p>{PARA}Point {i}.</p>" for i in range(4))
    comment = (
        "<ol class='comment-list'><li><article class='comment-body'><footer>Jane says:</footer>"
        + "".join(
            f"<p>I disagree with this entirely, because the harbour has flooded twice already, and the "
            f"council knows it, and nobody listened to the fishermen, point {i}.</p>"
            for i in range(6)
        )
        + "</article></li></ol>"
    )
    html = page(f"<div id='primary'><div class='post'>{post}</div><div id='comments'>{comment}</div></div>")
    body = texts(parse(html))
    assert "Point 3." in body
    assert "I disagree" not in body


def test_caption_starting_with_copyright_does_not_cut_the_article():
    post = (
        f"<p>{PARA}First.</p><figure><img src='a.jpg'><figcaption>© Reuters / A harbour crane at dusk"
        f"</figcaption></figure><p>{PARA}Second.</p><p>{PARA}Third.</p>"
    )
    body = texts(parse(page(f"<main><article>{post}</article></main>")))
    assert "Third." in body
    assert "Reuters" not in body


def test_tables_lists_and_quotes_in_the_article_are_kept():
    table = (
        "<table><tr><th>Party</th><th>Seats</th></tr><tr><td>Labour</td><td>48</td></tr>"
        "<tr><td>Conservatives</td><td>36</td></tr></table>"
    )
    deals = (
        "<ul>"
        + "".join(f"<li><a href='/d{i}'>Deal {i}</a>: a port contract worth {i} million euros</li>" for i in range(5))
        + "</ul>"
    )
    quote = "<blockquote><p>We will build it within three years, whatever the cost.</p></blockquote>"
    related = "<ul class='x'>" + "".join(f"<li><a href='/r{i}'>Related story {i}</a></li>" for i in range(5)) + "</ul>"
    post = f"<p>{PARA}</p>{table}<p>{PARA}</p>{deals}{quote}<p>{PARA}End.</p>{related}"
    body = texts(parse(page(f"{NAV}<div class='article-body'>{post}</div>")))
    assert "Conservatives" in body and "36" in body
    assert "Deal 3: a port contract worth 3 million euros" in body.replace("\n", " ").replace("Deal 3 :", "Deal 3:")
    assert "whatever the cost" in body
    assert "Related story" not in body


def test_japanese_page_is_cleaned_not_refused():
    """No spaces between words: lines are measured by characters."""
    paras = "".join(
        f"<p>北極海航路の利用は年々増えており、日本の海運会社も新しい航路の可能性を検討している。第{i}段落。</p>"
        for i in range(4)
    )
    html = page(f"{NAV}<article>{paras}</article>", "<title>北極海航路の現状</title>")
    record = parse(html)
    assert "第3段落" in texts(record)
    assert record.title == "北極海航路の現状"


def test_page_with_no_text_is_still_refused():
    with pytest.raises(InputError):
        parse(page(NAV))


def test_declared_author_wins_over_byline_and_marked_author_over_lines():
    ld = (
        '<script type="application/ld+json">{"@type": "NewsArticle", "headline": "Harbour plan approved",'
        ' "author": [{"@type": "Person", "name": "Kari Solheim"}], "datePublished": "2025-03-04T08:00:00Z"}</script>'
    )
    post = f"<p class='byline'>By Kari Solheim, Reuters</p><p>{PARA}</p><p>{PARA}</p>"
    record = parse(page(f"<article>{post}</article>", ld))
    assert [a.name for a in record.authors] == ["Kari Solheim"]
    assert record.date == "2025-03-04"
    marked = f"<div class='meta'><a rel='author' href='/u/ole'>Ole Hansen</a></div><p>{PARA}</p><p>{PARA}</p>"
    menu = "<ul><li>Jane Doe</li><li>John Smith</li></ul>"
    record = parse(page(f"{menu}<article>{marked}</article>"))
    assert [a.name for a in record.authors] == ["Ole Hansen"]


def test_most_popular_block_inside_the_article_container_is_cut():
    """A 'Most Popular' list of teasers printed inside the post's container (CityLab's layout)."""
    post = "".join(f"<p>{PARA}Part {i}.</p>" for i in range(6))
    popular = "<h2>Most Popular</h2>" + "".join(
        f"<div><h3>Popular story {i}</h3>"
        f"<p>A teaser of about twenty words for another story on the same site, {i}.</p></div>"
        for i in range(3)
    )
    body = texts(parse(page(f"<div class='article-body'>{post}{popular}</div>")))
    assert "Part 5." in body
    assert "Popular story" not in body and "Most Popular" not in body
