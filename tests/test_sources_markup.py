"""Saved HTML: the metadata a page declares, and its text laid out one block per line."""

from __future__ import annotations

from research_digest.sources.markup import html_lines, parse_html, pick_content_root, read_meta

PAGE = """<!doctype html><html><head>
<title>Title Here | Site Name</title>
<meta property="og:site_name" content="Site Name">
<meta property="og:title" content="Title Here | Site Name">
<meta name="citation_author" content="Hauksdóttir, Guðbjörg Ríkey Th.">
<meta name="citation_author" content="Thorhallsson, Baldur">
<meta name="citation_publication_date" content="2025/07/22">
<script type="application/ld+json">{"@graph": [{"@type": "WebSite", "name": "x"},
  {"@type": "NewsArticle", "headline": "Headline From JSON-LD",
   "author": {"@type": "Person", "name": "Someone Else"}, "datePublished": "2020-01-01"}]}</script>
<script type="application/ld+json">{ not json </script>
</head><body><nav><a href="/">Home</a> <a href="/a">About</a></nav>
<article><h1>Title Here</h1><p>First <b>bold</b> words &amp; more.<!-- note --> Tail text.</p>
<figure><img alt="x"><figcaption>A caption. Photo: Agency</figcaption></figure>
<h2>A Section</h2><p>Line one<br>Line two</p><script>var hidden = 1;</script>
<p><a href="/x">Share</a> <a href="/y">Twitter</a></p></article></body></html>"""


def test_read_meta_prefers_citation_tags_and_inverts_citation_authors():
    meta = read_meta(parse_html(PAGE))
    assert meta.title == "Headline From JSON-LD"  # JSON-LD before Open Graph
    assert meta.authors == ["Guðbjörg Ríkey Th. Hauksdóttir", "Baldur Thorhallsson"]
    assert meta.date == "2025-07-22" and meta.site_name == "Site Name"


def test_read_meta_reads_json_ld_article_inside_a_graph():
    page = (
        PAGE.replace('<meta name="citation_author" content="Hauksdóttir, Guðbjörg Ríkey Th.">', "")
        .replace('<meta name="citation_author" content="Thorhallsson, Baldur">', "")
        .replace('<meta name="citation_publication_date" content="2025/07/22">', "")
    )
    meta = read_meta(parse_html(page))
    assert meta.authors == ["Someone Else"] and meta.date == "2020-01-01" and meta.kind == "News article"


def test_read_meta_drops_the_site_name_from_an_open_graph_title():
    start, end = PAGE.index('<script type="application/ld+json">{"@graph"'), PAGE.index("</script>") + 9
    meta = read_meta(parse_html(PAGE[:start] + PAGE[end:]))
    assert meta.title == "Title Here"


def test_html_lines_one_block_per_line_without_scripts_or_captions():
    tree = parse_html(PAGE)
    text = html_lines(tree.find("body"))
    assert pick_content_root(tree).tag == "body"  # an <article> this short is a teaser card, not the article
    long_page = PAGE.replace("<p>First", "<p>" + "Many more words of the article. " * 20 + "First")
    assert pick_content_root(parse_html(long_page)).tag == "article"
    assert "First bold words & more. Tail text." in text.lines
    assert ["Line one", "Line two"] == [line for line in text.lines if line.startswith("Line ")]
    assert "A Section" in text.headings
    assert not any("hidden" in line or "caption" in line for line in text.lines)
    assert "Share Twitter" in text.links and "Home About" in text.links


def test_parse_html_of_no_markup_gives_none_or_an_empty_body():
    tree = parse_html("")
    assert tree is None or not html_lines(tree).lines


def test_trust_order_json_ld_before_open_graph_and_cdata_json_ld():
    """citation_* > JSON-LD > Open Graph/article:* (Medium's article:published_time is a re-publication)."""
    page = """<html lang="en"><head><title>Plain | Site</title>
<meta property="article:published_time" content="2015-12-11T14:28:34Z">
<meta property="og:title" content="OG title">
<script type="application/ld+json"><![CDATA[{"@type": "Article", "name": "Hermitian matrix",
 "author": {"@type": "Organization", "name": "Contributors to Wikimedia projects"},
 "datePublished": "2015-10-15T02:19:15Z"}]]></script></head><body><p>x</p></body></html>"""
    meta = read_meta(parse_html(page))
    assert meta.date == "2015-10-15"
    assert meta.title == "Hermitian matrix"
    assert meta.authors == ["Contributors to Wikimedia projects"]


def test_title_from_document_title_before_h1_when_nothing_is_declared():
    page = (
        "<html><head><title>Harbour plan approved | Nordic Times</title></head>"
        "<body><h1>Nordic Times</h1></body></html>"
    )
    assert read_meta(parse_html(page)).title == "Harbour plan approved"
