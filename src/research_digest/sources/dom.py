"""The article's container in a saved HTML page, found by scoring the DOM as Readability does.

The line rules see a page as a flat list of lines and cannot tell a post's paragraphs from a
teaser card's or a comment's; the markup can. Every paragraph-like element (``<p>``, ``<pre>``,
``<td>``, a ``<div>`` holding only text) scores by its length and its commas (``，``/``、`` too,
so CJK pages count by characters), and passes the score up to its parent (whole), grandparent
(half) and further ancestors (less). An ancestor starts from the weight of its class and id
(``article``, ``content`` and ``post`` up; ``comment``, ``related``, ``share`` and ``sidebar``
down) and is discounted by its link density (menus and link lists are mostly links). The best
scorer is the article; its own children that are chrome (class weight below zero, or lists and
boxes that are mostly links) and hidden elements are left out when its text is read.

Elements dropped before scoring: hidden ones (``hidden``, ``aria-hidden``, ``display:none``),
``<nav>``, ``<aside>``, ``<footer>``, ``<form>``, and those whose class or id says comment,
related, share, sidebar, footer, menu … unless it also says article, body, content or main.
"""

from __future__ import annotations

import re

import lxml.etree

from research_digest.sources.markup import SKIP_TAGS, HtmlText, html_lines

UNLIKELY = re.compile(
    r"-ad-|ai2html|banner|breadcrumbs|combx|comment|community|cover-wrap|disqus|extra|footer|gdpr|header|legends|"
    r"menu|related|remark|replies|rss|shoutbox|sidebar|skyscraper|social|sponsor|supplemental|ad-break|agegate|"
    r"pagination|pager|popup|yom-remote|newsletter|subscribe|teaser|promo|ticker|share|outbrain|taboola",
    re.I,
)
MAYBE = re.compile(r"and|article|body|column|content|main|mathjax|shadow", re.I)
POSITIVE = re.compile(r"article|body|content|entry|hentry|h-entry|main|page|post|text|blog|story", re.I)
NEGATIVE = re.compile(
    r"-ad-|hidden|^hid$| hid$| hid |^hid |banner|combx|comment|com-|contact|footer|gdpr|masthead|media|meta|outbrain|"
    r"promo|related|scroll|share|shoutbox|sidebar|skyscraper|sponsor|shopping|tags|widget|newsletter|subscri|teaser|"
    r"byline|author|caption|credit|social|recommend|more-stories|ticker",
    re.I,
)
DROP_TAGS = frozenset(("nav", "aside", "footer", "form", "header", "dialog", "menu")) | SKIP_TAGS
"""Never the article's text: navigation, asides, footers, forms, figures (image and caption)."""
PARAGRAPH_TAGS = frozenset(("p", "pre", "td", "blockquote", "li", "h2", "h3", "h4", "h5", "h6"))
SCORED_TAGS = frozenset(("p", "pre", "td", "li"))
"""Paragraph-like elements whose text scores their ancestors (a post may be all list items)."""
BLOCK_CHILDREN = frozenset(
    ("address", "article", "blockquote", "dl", "div", "fieldset", "form", "h1", "h2", "h3", "h4", "h5", "h6")
    + ("hr", "main", "ol", "p", "pre", "section", "table", "ul", "figure", "header", "footer", "nav", "aside")
)
MIN_PARAGRAPH_CHARS = 25
"""A paragraph shorter than this (a label, a button) gives its ancestors nothing."""
LINK_LIST_DENSITY = 0.5
"""Inside the article, a list or box whose text is more than this share links is a link list."""
_HIDDEN_STYLE = re.compile(r"display\s*:\s*none|visibility\s*:\s*hidden", re.I)
_COMMAS = re.compile(r"[,，、،]")


def _class_id(el) -> str:
    return f"{el.get('class') or ''} {el.get('id') or ''}"


def class_weight(el) -> int:
    """+25 for a class or id that says article, -25 for one that says chrome (both may apply)."""
    names = _class_id(el)
    if not names.strip():
        return 0
    return (25 if POSITIVE.search(names) else 0) - (25 if NEGATIVE.search(names) else 0)


def is_hidden(el) -> bool:
    return (
        el.get("hidden") is not None
        or el.get("aria-hidden") == "true"
        or bool(_HIDDEN_STYLE.search(el.get("style") or ""))
    )


def _dropped(el, sizes: _Sizes, page_chars: int) -> bool:
    """Chrome to remove before scoring: see the module docstring. A layout wrapper whose class
    happens to say ``sidebar`` (``two-col-sidebar-right``) but that holds most of the page's text
    is not chrome."""
    tag = el.tag if isinstance(el.tag, str) else ""
    if not tag or tag in DROP_TAGS or is_hidden(el):
        return True
    if tag in ("body", "html", "article", "main"):
        return False
    names = _class_id(el)
    return bool(UNLIKELY.search(names)) and not MAYBE.search(names) and sizes[el][0] < WRAPPER_SHARE * page_chars


WRAPPER_SHARE = 0.35
"""An element with at least this share of the page's text is a layout wrapper, whatever its class."""


def _chars(text: str | None) -> int:
    """Characters other than white space: a length that means the same in every script."""
    return len(text) - text.count(" ") - text.count("\n") - text.count("\t") if text else 0


class _Sizes(dict):
    """Per element: (characters of text, characters of link text), measured in one pass."""

    def __init__(self, root):
        super().__init__()
        for _, el in lxml.etree.iterwalk(root, events=("end",)):
            if not isinstance(el.tag, str):
                continue
            chars, links = _chars(el.text), 0
            for child in el:
                if isinstance(child.tag, str):
                    c, k = self[child]
                    chars, links = chars + c, links + k
                chars += _chars(child.tail)
            self[el] = (chars, chars if el.tag == "a" else links)

    def density(self, el) -> float:
        chars, links = self.get(el, (0, 0))
        return links / chars if chars else 0.0


def find_article(tree) -> tuple[object, set] | None:
    """The element holding the article and the elements inside it to leave out, or None."""
    body = tree.find("body")
    root = body if body is not None else tree
    sizes = _Sizes(root)
    dropped: set = set()
    stack = [root]
    paragraphs = []
    while stack:
        el = stack.pop()
        for child in el:
            if _dropped(child, sizes, sizes[root][0]):
                dropped.add(child)
                continue
            stack.append(child)
            tag = child.tag
            if tag in SCORED_TAGS or (tag == "div" and not any(c.tag in BLOCK_CHILDREN for c in child)):
                paragraphs.append(child)
    scores: dict = {}
    for p in paragraphs:
        if sizes[p][0] < MIN_PARAGRAPH_CHARS:
            continue
        text = p.text_content()
        score = 1 + len(_COMMAS.findall(text)) + min(sizes[p][0] // 100, 3)
        ancestor, level = p.getparent(), 0
        while ancestor is not None and level < 5:
            if ancestor not in scores:
                scores[ancestor] = class_weight(ancestor) + _tag_weight(ancestor.tag)
            scores[ancestor] += score / (1 if level == 0 else 2 if level == 1 else level * 3)
            ancestor, level = ancestor.getparent(), level + 1
    if not scores:
        return None
    final = {el: score * (1 - sizes.density(el)) for el, score in scores.items()}
    ranked = sorted(final, key=final.__getitem__, reverse=True)
    top = ranked[0]
    best = final[top]
    if best <= 0:
        return None
    # Several strong candidates under one ancestor: the article is split into blocks inside it.
    rivals = [el for el in ranked[1:5] if final[el] >= 0.75 * best]
    ancestor = top.getparent()
    while len(rivals) >= 2 and ancestor is not None and ancestor.tag not in ("html", "body"):
        if sum(1 for el in rivals if _inside(el, ancestor)) >= 2:
            top = ancestor
            break
        ancestor = ancestor.getparent()
    # A lone child's parent is the same block: climb, so that its siblings can be compared.
    while (parent := top.getparent()) is not None and parent.tag not in ("html", "body") and len(parent) == 1:
        top = parent
    skip: set = set()
    # Siblings that score well enough, or are plain paragraphs of prose, belong to the article too.
    parent = top.getparent()
    if parent is not None and parent.tag != "html":
        top_score = final.get(top, best)
        threshold = max(10.0, 0.2 * top_score)
        same = top.get("class")  # a sibling of the same class is another part of the article: a bonus
        keep = [
            sib
            for sib in parent
            if sib is top
            or (
                sib not in dropped
                and final.get(sib, 0) + (0.2 * top_score if same and sib.get("class") == same else 0) >= threshold
            )
            or (sib.tag == "p" and sib not in dropped and _is_prose_paragraph(sib, sizes))
        ]
        if len(keep) > 1:
            skip = {sib for sib in parent if not any(sib is k for k in keep)}
            top = parent
    # Inside the article: what was dropped, and boxes that are chrome or mostly links.
    stack = [top]
    while stack:
        el = stack.pop()
        for child in el:
            if child in skip:
                continue
            if child in dropped or (child.tag in CLEANED_TAGS and _is_chrome_box(child, sizes)):
                skip.add(child)
                continue
            stack.append(child)
    return top, skip


CLEANED_TAGS = frozenset(("ul", "ol", "div", "section", "table", "dl"))


def _is_chrome_box(el, sizes: _Sizes) -> bool:
    """A box of chrome inside the article: its class says so, or it is mostly links. A list is a
    link list (related posts, a menu) only when nearly every item is nothing but a link; a list of
    deals or of fixed bugs, with a link in each item, stays."""
    weight = class_weight(el)
    if weight < 0:
        return True
    if weight > 0 or sizes.density(el) <= LINK_LIST_DENSITY or sizes[el][0] >= 1000:
        return False
    if el.tag in ("ul", "ol"):
        items = [li for li in el if li.tag == "li"]
        linked = sum(1 for li in items if sizes[li][0] and sizes.density(li) >= LINKED_ITEM_DENSITY)
        return not items or linked >= LINK_LIST_ITEMS * len(items)
    return True


LINKED_ITEM_DENSITY = 0.9
LINK_LIST_ITEMS = 0.8
"""A list is a link list when this share of its items are (nearly) all link text."""


def _is_prose_paragraph(el, sizes: _Sizes) -> bool:
    chars, density = sizes[el][0], sizes.density(el)
    return (chars > 80 and density < 0.25) or (
        0 < chars <= 80 and density == 0 and el.text_content().strip()[-1:] in ".!?。"
    )


def _inside(el, ancestor) -> bool:
    while el is not None:
        if el is ancestor:
            return True
        el = el.getparent()
    return False


def _tag_weight(tag) -> int:
    if tag == "div":
        return 5
    if tag in ("pre", "td", "blockquote"):
        return 3
    if tag in ("address", "ol", "ul", "dl", "dd", "dt", "li", "form"):
        return -3
    if tag in ("h1", "h2", "h3", "h4", "h5", "h6", "th"):
        return -5
    return 0


def article_lines(tree) -> HtmlText | None:
    """The article's text, one line per block (``markup.html_lines``), chrome inside it left out."""
    found = find_article(tree)
    if found is None:
        return None
    top, skip = found
    return html_lines(top, skip)
