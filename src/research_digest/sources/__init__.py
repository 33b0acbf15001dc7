"""Source profiles: per-site rules that strip page chrome and find the metadata.

``PROFILES`` is the registry: each entry is a module with ``RULES`` (a ``base.Rules``, all data)
and at most one ``hook``. ``pick_profile`` scores each profile's content signals on the page's
own text, never its file name, so a page saved under any name is read by the right rules; the
generic fallback (``generic``) takes every page no profile claims.

``parse_page(page) -> Record`` is the contract with ``ingest``: a record with an empty id and
block ids (``ingest.finish_record`` assigns them), ``source.profile`` set to the profile used,
and no claims or events yet. A page with no article raises ``InputError``.
"""

from __future__ import annotations

import re
from types import ModuleType

from research_digest.errors import InputError
from research_digest.readers import Page
from research_digest.records.schema import Author, Record
from research_digest.sources import base, dom, generic, language, markup, rsis, wilson
from research_digest.sources import lines as lines_model

PROFILES: dict[str, ModuleType] = {"rsis": rsis, "wilson": wilson}
"""Site profiles, tried in this order; ``generic`` is the fallback, not listed."""


def pick_profile(text: str) -> ModuleType | None:
    """The profile whose signals the page shows (at least its ``min_signals``), most signals first."""
    best: tuple[int, ModuleType] | None = None
    for module in PROFILES.values():
        rules = module.RULES
        score = sum(1 for signal in rules.signals if signal.search(text))
        if score >= rules.min_signals and (best is None or score > best[0]):
            best = (score, module)
    return best[1] if best else None


def parse_page(page: Page) -> Record:
    """Clean one page into a record (see the module docstring), with the page's language: the
    one its markup declares, else guessed from its text (``language``)."""
    record = _parse_page(page)
    declared = None
    if page.html is not None:
        match = _HTML_LANG.search(page.html[:4096])
        declared = language.from_tag(match.group(1)) if match else None
    record.language = declared or language.guess("\n".join(b.text for b in record.body)) or record.language
    return record


_HTML_LANG = re.compile(r"""<html\b[^>]*?\blang\s*=\s*["']?([A-Za-z_-]+)""", re.I)


def _parse_page(page: Page) -> Record:
    meta = html = None
    if page.html is not None:
        tree = markup.parse_html(page.html)
        if tree is None:
            raise InputError("no HTML content to read", page.path)
        meta = markup.read_meta(tree)
        body = tree.find("body")
        html = markup.html_lines(body if body is not None else tree)
        lines = html.lines
    else:
        lines = base.split_lines(page.text)
    if not lines:
        raise InputError("no article text found (the page is empty)", page.path)
    module = pick_profile("\n".join(lines))
    if module is None:
        if html is not None and meta is not None:
            return parse_generic_html(tree, html, meta, page)
        return parse_generic_text(lines, page)
    record = base.parse_lines(lines, module.RULES, getattr(module, "hook", None))
    if meta is not None:
        fill_from_meta(record, meta)
    if not record.body or not record.title:
        # The page looked like the site but not like one of its articles (a new layout, a
        # listing page): the generic pass is better than nothing, and says so in the record.
        return generic.parse(lines, meta, html.headings if html else None, page.path)
    return record


def parse_generic_html(tree, html: markup.HtmlText, meta: markup.Meta, page: Page) -> Record:
    """An HTML page no profile knows: header facts from the line rules, the body from the DOM.

    The line rules read the title, byline and date around the first paragraph; the article's
    container, scored over the DOM (``dom``), gives the body, since markup tells a post from a
    teaser card or a comment where lines cannot. Either alone is enough to make a record.
    """
    root = markup.html_lines(markup.pick_content_root(tree))
    html = root if generic.find_cluster(root.lines) is not None else html
    lines = [line for line in html.lines if line not in html.links or generic.is_byline(line)]
    article = dom.article_lines(tree)
    if article is None:
        # Nothing scores as a paragraph: a page of a few short lines is all article, if any of it is not links.
        article = markup.HtmlText([line for line in html.lines if line not in html.links], html.headings, set())
    try:
        record = generic.parse(lines, meta, html.headings, page.path)
    except InputError:
        record = generic.from_meta(meta)
    if article is not None:
        body = generic.article_body(article, record)
        if body:
            record.body = body
    if not record.body:
        raise InputError("no article text found (only menus, links or short lines)", page.path)
    return record


def parse_generic_text(lines: list[str], page: Page) -> Record:
    """A text dump no profile knows: the line rules, checked against the fitted line model.

    The line rules read the header and, on pages like those they were written for, the body
    to the line. The line model (``lines``), fitted on real pages rather than written per
    failure, finds its own article. When the two disagree, the one holding more prose wins: a
    menu or a teaser list holds little, a cut-short article less than the whole.
    """
    span = lines_model.article_span(lines, lines_model.scores(lines))
    try:
        record = generic.parse(lines, None, None, page.path)
    except InputError:
        if span is None:
            raise
        record = None
    if span is not None:
        found = markup.HtmlText(lines[span[0] : span[1] + 1], set(), set())
        body = generic.article_body(found, record or generic.from_lines(lines, span[0]))
        if body and (
            record is None
            or (
                lines_model.agreement(record.body, body) < AGREEMENT_MIN
                and generic.prose_words(body) > generic.prose_words(record.body)
            )
        ):
            # The header (title, byline, date) is the one above the model's article.
            record = _header_above(lines, span[0], span[1]) or generic.from_lines(lines, span[0])
            record.body = generic.article_body(found, record)
    if record is None or not record.body:
        raise InputError("no article text found (only menus, links or short lines)", page.path)
    return record


def _header_above(lines: list[str], first: int, last: int) -> Record | None:
    """The line rules' reading of the article that starts at ``first``, with the lines above it."""
    try:
        return generic.parse(lines[max(0, first - generic.HEADER_WINDOW) : last + 1], None, None, None)
    except InputError:
        return None


AGREEMENT_MIN = 0.8
"""Shingle F1 between the line rules' body and the model's below which the two disagree."""


def fill_from_meta(record: Record, meta: markup.Meta) -> None:
    """A profile's findings win; the page's declared metadata fills only what they lack."""
    record.title = record.title or meta.title or ""
    record.authors = record.authors or [Author(name) for name in meta.authors]
    record.date = record.date or meta.date
    record.tags = record.tags or list(meta.tags)
    record.synopsis = record.synopsis or meta.description
    record.source.url = record.source.url or meta.url
