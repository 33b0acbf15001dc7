"""Saved HTML pages: the metadata a page declares, and its text as lines.

Metadata is read in order of trust, as trafilatura does: scholarly ``citation_*`` tags, JSON-LD
(``Article``, ``NewsArticle``, ``ScholarlyArticle``, ``BlogPosting``, ``Report``), Open Graph and
``article:*`` tags, Dublin Core, plain ``author``/``description``/``keywords``, then ``<title>``
and ``<h1>``. The text is laid out one block element per line, so that the same line rules that
clean a browser's text dump clean an HTML page too. lxml, not BeautifulSoup, does the parsing:
it is several times faster and copes with truncated markup.
"""

from __future__ import annotations

import json
import re
import urllib.parse
from dataclasses import dataclass, field

import lxml.etree
import lxml.html

from research_digest.sources.facts import find_date, read_byline, split_names

BLOCK_TAGS = frozenset(
    (
        "address",
        "article",
        "aside",
        "blockquote",
        "body",
        "br",
        "caption",
        "dd",
        "details",
        "dialog",
        "div",
        "dl",
        "dt",
        "fieldset",
        "figcaption",
        "figure",
        "footer",
        "form",
        "h1",
        "h2",
        "h3",
        "h4",
        "h5",
        "h6",
        "header",
        "hr",
        "li",
        "main",
        "nav",
        "ol",
        "p",
        "pre",
        "section",
        "summary",
        "table",
        "td",
        "th",
        "tr",
        "ul",
        "option",
        "title",
    )
)
SKIP_TAGS = frozenset(
    (
        "script",
        "style",
        "noscript",
        "template",
        "svg",
        "head",
        "iframe",
        "object",
        "select",
        "canvas",
        "button",
        "figcaption",
    )
)
"""Not text of the article; a ``<figcaption>`` is a photo caption and its credit."""
CELL_TAGS = frozenset(("td", "th"))
HEADING_TAGS = frozenset(("h2", "h3", "h4", "h5", "h6"))
ARTICLE_TYPES = (
    "Article",
    "NewsArticle",
    "ScholarlyArticle",
    "BlogPosting",
    "Report",
    "AnalysisNewsArticle",
    "OpinionNewsArticle",
    "ReportageNewsArticle",
    "TechArticle",
    "WebPage",
)
KIND_OF_TYPE = {
    "NewsArticle": "News article",
    "AnalysisNewsArticle": "Analysis",
    "OpinionNewsArticle": "Opinion",
    "ReportageNewsArticle": "News article",
    "BlogPosting": "Blog post",
    "ScholarlyArticle": "Article",
    "Article": "Article",
    "Report": "Report",
    "TechArticle": "Article",
}
CONTENT_ROOTS = ("//article", "//main", "//*[@role='main']")
CONTENT_ROOT_MIN_WORDS = 80
"""An ``<article>`` or ``<main>`` holding fewer words is a teaser card, not the article."""
_HTML_SPACE = re.compile(r"[ \t\n\r\f]+")
"""HTML white space; a no-break space is text and stays."""
_XML_DECL = re.compile(r"^\s*<\?xml[^>]*\?>")
_TITLE_SUFFIX = re.compile(r"\s+[|–—-]\s+[^|–—-]{2,60}$")


@dataclass
class Meta:
    """What the page's markup declares about itself; every field may be missing."""

    title: str | None = None
    authors: list[str] = field(default_factory=list)
    date: str | None = None
    publisher: str | None = None
    site_name: str | None = None
    description: str | None = None
    tags: list[str] = field(default_factory=list)
    kind: str | None = None
    url: str | None = None
    doc_title: str | None = None
    """The ``<title>``, which often carries the site's name after a separator."""


def parse_html(html: str):
    """The lxml document, or None when there is no markup to speak of."""
    html = _XML_DECL.sub("", html, count=1)
    try:
        return lxml.html.document_fromstring(html)
    except (lxml.etree.ParserError, ValueError):
        return None


def read_meta(tree) -> Meta:
    """Collect the declared metadata, most trusted source first for each field."""
    meta = Meta()
    tags: dict[str, list[str]] = {}
    for el in tree.iter("meta"):
        key = (el.get("name") or el.get("property") or el.get("itemprop") or "").strip().lower()
        value = " ".join((el.get("content") or "").split())
        if key and value:
            tags.setdefault(key, []).append(value)
    first = lambda *keys: next((tags[k][0] for k in keys if k in tags), None)  # noqa: E731
    ld = _read_json_ld(tree)
    titles = tree.xpath("//title")
    meta.doc_title = " ".join(titles[0].text_content().split()) if titles else None
    meta.title = (
        first("citation_title", "dc.title")
        or _ld_title(ld, meta.doc_title, first("og:site_name"))
        or first("og:title", "twitter:title")
    )
    meta.authors = (
        [_invert(a) for a in tags.get("citation_author", [])]
        or _ld_authors(ld.get("author"))
        or _names_from(
            first("dc:creator", "dcterm:creator", "dc.creator", "dcterms.creator", "author", "article:author")
            or first("parsely-author", "sailthru.author")
        )
        or _marked_authors(tree)
    )
    for key in ("citation_publication_date", "citation_date"):
        if key in tags and find_date(tags[key][0]):
            meta.date = find_date(tags[key][0])
            break
    meta.date = meta.date or find_date(_text(ld.get("datePublished")) or "")  # JSON-LD before Open Graph
    for key in (
        "article:published_time",
        "dc.date",
        "dc.date.issued",
        "date",
        "pubdate",
        "publish-date",
        "parsely-pub-date",
    ):
        if meta.date:
            break
        if key in tags and find_date(tags[key][0]):
            meta.date = find_date(tags[key][0])
            break
    if not meta.date:
        times = tree.xpath("//time[@datetime]/@datetime")
        meta.date = find_date(times[0]) if times else None
    meta.site_name = first("og:site_name", "application-name")
    publisher = ld.get("publisher")
    meta.publisher = (
        first("citation_publisher", "dc.publisher")
        or (_text(publisher.get("name")) if isinstance(publisher, dict) else _text(publisher))
        or meta.site_name
    )
    meta.description = (
        first("citation_abstract", "dc.description")
        or _text(ld.get("description"))
        or first("og:description", "description", "twitter:description")
    )
    keywords = (
        tags.get("article:tag", [])
        or _split_keywords(first("keywords", "news_keywords"))
        or _split_keywords(_text(ld.get("keywords")) if not isinstance(ld.get("keywords"), list) else None)
        or [k for k in ld.get("keywords", []) if isinstance(k, str)]
    )
    meta.tags = list(dict.fromkeys(keywords))
    ld_type = ld.get("@type")
    meta.kind = KIND_OF_TYPE.get(ld_type if isinstance(ld_type, str) else "")
    canonical = tree.xpath("//link[@rel='canonical']/@href")
    candidates = [first("og:url"), first("citation_public_url"), *canonical]
    meta.url = next((u.strip() for u in candidates if _is_web_url(u)), None)  # never javascript: or data:
    if not meta.title and meta.doc_title:
        meta.title = title_from_document(meta.doc_title)
    if not meta.title:
        h1 = tree.xpath("//h1")
        meta.title = " ".join(h1[0].text_content().split()) if h1 else None
    if meta.title and meta.site_name and meta.title.endswith(meta.site_name) and meta.title != meta.site_name:
        meta.title = _TITLE_SUFFIX.sub("", meta.title)
    return meta


_CDATA = re.compile(r"^\s*<!\[CDATA\[|\]\]>\s*$")
"""Some sites wrap their JSON-LD in a CDATA section."""
_TITLE_SEPARATOR = re.compile(r"\s[|\-–—\\/>»·]\s")
TITLE_MIN_WORDS = 3


def title_from_document(doc_title: str) -> str | None:
    """The headline in a ``<title>``: before the last separator (``Headline | Section | Site``)
    when that leaves at least TITLE_MIN_WORDS words, else the whole of it. A page with a
    ``<title>`` but no declared title names its article there more often than in its first
    ``<h1>``, which is often the site's logo or a blog's name."""
    parts = _TITLE_SEPARATOR.split(doc_title)
    if len(parts) > 1:
        head = doc_title[: list(_TITLE_SEPARATOR.finditer(doc_title))[-1].start()].strip()
        if len(head.split()) >= TITLE_MIN_WORDS:
            return head
    return doc_title.strip() or None


def _read_json_ld(tree) -> dict:
    """The first JSON-LD object of an article type with a headline or name (inside ``@graph`` too), else {}."""
    for script in tree.xpath("//script[@type='application/ld+json']"):
        try:
            data = json.loads(_CDATA.sub("", script.text or ""))
        except (ValueError, RecursionError):  # bad or absurdly nested JSON-LD: the page may still be fine
            continue
        stack = data if isinstance(data, list) else [data]
        while stack:
            item = stack.pop(0)
            if not isinstance(item, dict):
                continue
            stack.extend(item.get("@graph", []) if isinstance(item.get("@graph"), list) else [])
            kind = item.get("@type")
            kinds = kind if isinstance(kind, list) else [kind]
            if any(k in ARTICLE_TYPES for k in kinds if isinstance(k, str)) and (
                item.get("headline") or item.get("name")
            ):
                return item
    return {}


def _ld_title(ld: dict, doc_title: str | None, site_name: str | None) -> str | None:
    """JSON-LD ``headline``, or its ``name`` when that is what the ``<title>`` shows (Wikipedia's
    headline is a description: ``Wikimedia list article``)."""
    headline, name = _text(ld.get("headline")), _text(ld.get("name"))
    name = None if name == site_name else name
    in_title = bool(doc_title and name and name in doc_title and len(name.split()) >= TITLE_MIN_WORDS)
    if name and (not headline or (in_title and headline not in (doc_title or ""))):
        return name
    return headline


def _is_web_url(value) -> bool:
    """An absolute http(s) URL: the only kind a record may keep as its source."""
    if not isinstance(value, str):
        return False
    try:
        parts = urllib.parse.urlsplit(value.strip())
    except ValueError:
        return False
    return parts.scheme.lower() in ("http", "https") and bool(parts.netloc)


def _text(value) -> str | None:
    return " ".join(value.split()) if isinstance(value, str) and value.strip() else None


def _ld_authors(value) -> list[str]:
    items = value if isinstance(value, list) else [value] if value else []
    names = []
    for item in items:
        name = _text(item.get("name")) if isinstance(item, dict) else _text(item)
        if name:
            names.extend(split_names(name) or [name])
    return names


MARKED_AUTHOR = (
    "//*[@rel='author' or @itemprop='author' or contains(concat(' ', normalize-space(@class), ' '), ' p-author ')]",
    "//*[contains(@class, 'byline') or contains(@class, 'author')][not(*[contains(@class, 'author')])]",
)
"""Microformats, ``rel=author`` and schema.org microdata first; then an element whose class says byline or author."""
MARKED_AUTHOR_MAX_CHARS = 120


def _marked_authors(tree) -> list[str]:
    """Authors the markup marks as such (see ``MARKED_AUTHOR``), in page order, outside comments."""
    for xpath in MARKED_AUTHOR:
        names: list[str] = []
        parent = None  # several authors sit side by side in one byline; another byline is another story's
        for el in tree.xpath(xpath):
            if any("comment" in (a.get("class") or "") for a in el.iterancestors()):
                continue
            if parent is not None and el.getparent() is not parent:
                continue
            inner = el.xpath(".//*[@itemprop='name']")
            text = " ".join((inner[0] if inner else el).text_content().split())
            found = read_byline(text) if text and len(text) <= MARKED_AUTHOR_MAX_CHARS else []
            names.extend(n for n in found if n not in names)
            parent = el.getparent() if names and parent is None else parent
        if names:
            return names
    return []


def _invert(name: str) -> str:
    """``Hauksdóttir, Guðbjörg`` → ``Guðbjörg Hauksdóttir`` (citation_author style)."""
    if name.count(",") == 1:
        last, first = (p.strip() for p in name.split(","))
        return f"{first} {last}" if first and last else name
    return name


def _names_from(value: str | None) -> list[str]:
    if not value or value.startswith("http"):
        return []
    return split_names(value) or [value]


def _split_keywords(value: str | None) -> list[str]:
    return [k.strip() for k in re.split(r"[,;]", value) if k.strip()] if value else []


def pick_content_root(tree):
    """``<article>``/``<main>`` when one holds the article, else ``<body>``."""
    for xpath in CONTENT_ROOTS:
        best = max(tree.xpath(xpath), key=lambda el: len(el.text_content().split()), default=None)
        if best is not None and len(best.text_content().split()) >= CONTENT_ROOT_MIN_WORDS:
            return best
    body = tree.find("body")
    return body if body is not None else tree


@dataclass
class HtmlText:
    """An HTML page's text as lines, with what the markup said about some of them."""

    lines: list[str]
    headings: set[str]
    """Lines that were ``<h2>``-``<h6>``."""
    links: set[str]
    """Lines made mostly of link text (menus, share bars, tag lists), by ``LINK_DENSITY_MIN``."""


LINK_DENSITY_MIN = 0.8


def html_lines(root, skip: set | frozenset = frozenset()) -> HtmlText:
    """The text of ``root``, one line per block element (see ``HtmlText``); elements in ``skip``
    (chrome inside the article, found by ``dom``) are left out, their tails kept."""
    lines: list[str] = []
    headings: set[str] = set()
    links: set[str] = set()
    buffer: list[str] = []
    linked = [0]  # characters of link text in the buffer
    depth = {"h": 0, "a": 0}

    def add(text: str) -> None:
        buffer.append(text)
        if depth["a"]:
            linked[0] += len(text.strip())

    def flush() -> None:
        text = _HTML_SPACE.sub(" ", "".join(buffer)).strip(" ")
        buffer.clear()
        if text:
            lines.append(text)
            if depth["h"]:
                headings.add(text)
            if linked[0] >= LINK_DENSITY_MIN * len(text.replace(" ", "")):
                links.add(text)
        linked[0] = 0

    walker = lxml.etree.iterwalk(root, events=("start", "end", "comment", "pi"))
    for event, el in walker:
        tag = el.tag if isinstance(el.tag, str) else ""
        if event in ("comment", "pi"):
            if el.tail:
                add(el.tail)
        elif event == "start":
            if not tag or tag in SKIP_TAGS or el in skip:
                if tag:
                    walker.skip_subtree()
                if tag in BLOCK_TAGS and el in skip:
                    flush()
                continue
            if tag in CELL_TAGS:
                if el.getprevious() is not None:
                    add(" | ")  # a table row is one line, its cells apart: "Labour | 48"
            elif tag in BLOCK_TAGS:
                flush()
            depth["h"] += tag in HEADING_TAGS
            depth["a"] += tag == "a"
            if el.text:
                add(el.text)
        else:
            if tag and tag not in SKIP_TAGS and el not in skip:
                if tag in BLOCK_TAGS and tag not in CELL_TAGS:
                    flush()
                depth["h"] -= tag in HEADING_TAGS
                depth["a"] -= tag == "a"
            elif tag in BLOCK_TAGS and el in skip:
                flush()
            if el.tail and el is not root:
                add(el.tail)
    flush()
    return HtmlText(lines, headings, links)
