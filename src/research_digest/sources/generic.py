"""Pages from sites no profile knows: find the article by the shape of its lines.

Prose is long lines ending in sentence punctuation; menus, share bars and footers are runs of
short lines. The pass, in order:

1. drop what is printed twice (a repeated block, a twin caption) and chrome lines that no
   article holds (share and subscribe widgets, cookie banners, ``Skip to content``);
2. find the article: the cluster of prose lines with the most words, grown back over its header
   (title, byline, date) and forward over a list the last paragraph introduces;
3. cut it at the first footer marker (``Related articles``, ``About the author``, ``©``) and
   drop runs of menu-like short lines inside it;
4. read title, authors and date from the header, a ``By …`` byline, ``Published: …``, a
   citation line or, for HTML, the declared metadata.

Safety net: if steps 2-3 keep less than ``KEEP_RATIO`` of the page's prose words, they pruned
an article, not chrome (a list-heavy piece, a page with odd markers), and the gentler pass keeps
everything from the title to the last prose line, dropping only the chrome lines of step 1.
"""

from __future__ import annotations

import re

from research_digest.errors import InputError
from research_digest.records.schema import Author, Record, Source
from research_digest.sources.base import (
    Citation, assign_bios, drop_repeated_runs, drop_twin_lines, find_date, is_heading_like, looks_like_name,
    make_blocks, matches_any, parse_citation, read_byline, read_date_line)


NAME = "generic"
PROSE_MIN_WORDS = 10
"""A line of at least this many words ending like a sentence is prose."""
PROSE_LONG_WORDS = 25
"""A line this long is prose whatever its ending (a paragraph cut off mid-sentence)."""
MAX_GAP_LINES = 24
"""Non-prose lines allowed between two prose lines of one article (headings, captions, lists);
a site's menu is longer, and anyway holds no prose, so it never joins the article."""
MENU_RUN_MIN = 4
MENU_MAX_WORDS = 4
"""A run of at least MENU_RUN_MIN lines of at most MENU_MAX_WORDS words, not introduced by a colon, is a menu."""
HEADER_WINDOW = 8
"""How many lines above the first paragraph the title, byline and date may sit."""
KEEP_RATIO = 0.6
"""Safety net: cutting at a footer marker must keep this share of the article region's words, else
the marker was a heading inside the article and the gentle pass (no cut) runs."""

CHROME = tuple(re.compile(p, re.I) for p in (
    r"^(?:share|share this(?: article| page| post)?:?|share on \w+|tweet|print|email|e-mail|copy link|save|"
    r"like this:?|like loading\.*|newsletter|remote visualization|video|audio|"
    r"facebook|twitter|x|linkedin|whatsapp|reddit|telegram|bluesky|mastodon|threads|pinterest)$",
    r"^(?:skip to (?:main )?content|skip navigation|toggle navigation|menu|close|search|open search|back to top|"
    r"advertisement|sponsored|listen to this article|listen|download pdf|download|read more|see more|"
    r"show more|load more|top stories|trending|breaking|live|subscribe|sign in|log in|register|donate)$",
    r"^\d+\s+min(?:ute)?s?\s+read$",
    r"\bcookies?\b.*\b(?:accept|agree|consent|experience|privacy|policy)\b",
    r"^(?:accept|reject|manage)(?: all)?(?: cookies)?$|^(?:ok|got it|i agree)$",
    r"^(?:sign up|subscribe)\b.{0,80}(?:newsletter|inbox|updates|email)",
    r"^(?:enter your email|your email address|email address)$",
    r"^(?:follow us|follow us on|connect with us|stay connected)\b",
    r"^(?:image|photo|picture|credit|source|photograph)s?\s*(?:credit)?\s*:\s*\S.{0,120}$",
    r"^.{0,200}\b(?:photo|image|credit|foto)\s*(?:credit)?\s*:\s*[^.]{2,80}\.?$",
    r"^(?:getty images|reuters|ap photo|afp|shutterstock)\b.{0,60}$",
))
"""Lines that are widgets wherever they appear."""
FOOTER = tuple(re.compile(p, re.I) for p in (
    r"^(?:related|related (?:articles?|posts?|content|reading|stories|research|publications|analysis))$",
    r"^(?:more (?:from|on|in|by|like this)\b.{0,60}|read next|up next|recommended(?: for you| reading)?|"
    r"you (?:may|might) also (?:like|be interested in)|most (?:read|popular|viewed))$",
    r"^(?:comments?|\d+ comments?|leave a (?:comment|reply)|join the (?:conversation|discussion)|"
    r"comments powered by disqus)$",
    r"^(?:©|\(c\)|copyright\b)", r"\ball rights reserved\b",
    r"^(?:about (?:us|the (?:authors?|expert|writer|contributors?))|author(?:s)?|contributors?|"
    r"about the experts?|experts?)$",
    r"^(?:footer|site map|sitemap|privacy (?:policy|notice|statement)|terms (?:of use|and conditions|of service))$",
))
"""The first of these after the article's first paragraph ends it."""
BIO_LABEL = re.compile(r"^(?:about (?:the )?authors?|about the (?:writer|contributors?|experts?)|authors?|contributors?)$", re.I)
TAG_LINE = re.compile(r"^(?:tags?|topics?|categories|filed under|keywords)\s*:\s*(?P<tags>.+)$", re.I)
PUBLISHED = re.compile(r"^(?:published|posted|first published|date|issued|released)(?:\s+on)?\s*:?\s", re.I)
UPDATED = re.compile(r"^(?:updated|last updated|modified|last modified)\b", re.I)
POSTED_BY = re.compile(r"^(?:posted|published|written)?\s*(?:on\s+)?(?P<date>.{6,30}?)\s+by\s+(?P<names>.+)$", re.I)
CITATION_LABEL = re.compile(r"^(?:recommended citation|cite (?:this(?: \w+)?|as)|how to cite(?: this)?(?: \w+)?|citation)\s*:?\s*(?P<rest>.*)$", re.I)
COPYRIGHT = re.compile(r"^(?:copyright\s*)?(?:©|\(c\))\s*(?:copyright\s*)?(?:\d{4}(?:\s*[-–]\s*\d{4})?\s*,?\s*)?(?:by\s+(?:the\s+)?)?(?P<name>[^.|]{3,80}?)(?:\.|\s*\||\s*all rights reserved|$)", re.I)
BYLINE_START = re.compile(r"^(?:by|authors?|written by)\b\s*:?\s+\S", re.I)
ROLE = re.compile(r"\b(?:Fellow|Professor|Director|Analyst|Researcher|Editor|Correspondent|Reporter|Programme|Program|"
                  r"Institute|University|Chair|Head|Lecturer|Associate|Adviser|Advisor|Manager|Officer)\b")
"""Words of a role line under an author's name (``Senior Research Fellow, Europe Programme``)."""
LIST_ITEM = re.compile(r"^(?:[•\-–*·]\s|\d{1,4}[.):]\s|[A-Z][\w ]{0,30}:\s)")
LABELS = re.compile(r"^(?:analysis|commentary|opinion|news|blog|feature|explainer|research|report|article|essay|"
                    r"op-ed|interview|expert comment|insight|brief|podcast|by|and)$", re.I)


def is_prose(line: str) -> bool:
    words = line.count(" ") + 1
    return words >= PROSE_LONG_WORDS or (words >= PROSE_MIN_WORDS and line.endswith((".", "!", "?", "…", "”", "\"", ")", "’")))


def count_words(lines: list[str]) -> int:
    return sum(line.count(" ") + 1 for line in lines if is_prose(line))


def find_cluster(lines: list[str]) -> tuple[int, int] | None:
    """First and last index of the richest run of prose lines (gaps of short lines allowed)."""
    best: tuple[int, int, int] | None = None  # words, start, end
    start = end = -1
    words = gap = 0
    listing = False
    for i, line in enumerate(lines):
        if is_prose(line):
            if start < 0 or gap > MAX_GAP_LINES:
                if start >= 0 and (best is None or words > best[0]):
                    best = (words, start, end)
                start, words = i, 0
            end, gap = i, 0
            words += line.count(" ") + 1
            listing = line.endswith(":")
        elif start >= 0:
            listing = listing or line.endswith(":")
            gap += 0 if listing else 1
    if start >= 0 and (best is None or words > best[0]):
        best = (words, start, end)
    return (best[1], best[2]) if best else None


def drop_menu_runs(lines: list[str]) -> list[str]:
    """Remove runs of very short lines (menus, tag clouds) that no colon introduces."""
    out: list[str] = []
    i = 0
    while i < len(lines):
        j = i
        while j < len(lines) and len(lines[j].split()) <= MENU_MAX_WORDS and not is_prose(lines[j]):
            j += 1
        introduced = i > 0 and lines[i - 1].endswith(":")
        if j - i >= MENU_RUN_MIN and not introduced:
            i = j
            continue
        out.extend(lines[i:max(j, i + 1)])
        i = max(j, i + 1)
    return out


def parse(lines: list[str], meta=None, headings: set[str] | None = None, path=None) -> Record:
    """A record from the lines of an unknown page; ``meta`` (HTML) fills what the lines lack."""
    record = Record(id="", title="", source=Source("", "", NAME))
    lines = drop_twin_lines(drop_repeated_runs(lines))
    for line in lines:
        tags = TAG_LINE.match(line)
        if tags and not record.tags:
            record.tags = [t.strip() for t in re.split(r"\s*[,;/|]\s*", tags.group("tags")) if t.strip()]
        copyright_ = COPYRIGHT.match(line)
        if copyright_ and not record.publisher:
            record.publisher = copyright_.group("name").strip(" ,")
    citation, cited_at = _find_citation(lines)
    lines = [line for i, line in enumerate(lines)
             if i not in cited_at and not matches_any(line, CHROME) and not TAG_LINE.match(line)]
    cluster = find_cluster(lines)
    if cluster is None:
        raise InputError("no article text found (only menus, links or short lines)", path)
    first, last = cluster
    top, taken = _read_header(lines, first, record, meta)
    last = _extend_over_list(lines, last)
    region = [line for i, line in enumerate(lines[top:last + 1], top) if i not in taken]
    end = next((i for i, line in enumerate(region) if i and matches_any(line, FOOTER)), len(region))
    careful = region[:end]
    # Safety net: a footer marker inside the article (a heading such as "More from …") must not cut it short.
    body = careful if count_all_words(careful) >= KEEP_RATIO * count_all_words(region) else region
    body, notes = _split_author_notes([line for line in body if not _is_header_noise(line)], record)
    record.body = make_blocks(body)
    if headings:
        for block in record.body:
            block.kind = "heading" if block.text in headings else block.kind
    _fill_from(record, citation, meta)
    tail = lines[top + end:] if body is careful else lines[last + 1:]
    bio_at = next((i for i, line in enumerate(tail) if BIO_LABEL.match(line)), None)
    if bio_at is not None and not notes:
        notes = [line for line in tail[bio_at + 1:bio_at + 6] if is_prose(line)]
    assign_bios(record.authors, [n for n in notes if any(a.name.split()[-1] in n for a in record.authors)])
    if not record.title:
        raise InputError("no article title found", path)
    return record


def count_all_words(lines: list[str]) -> int:
    return sum(line.count(" ") + 1 for line in lines)


def _read_meta_line(line: str) -> tuple[str | None, list[str]]:
    """The date and the author names a header line gives (``By A and B | 6 Feb 2026``)."""
    if UPDATED.match(line):
        return None, []
    posted = POSTED_BY.match(line)
    if posted and find_date(posted.group("date")):
        return find_date(posted.group("date")), read_byline(posted.group("names"))
    if BYLINE_START.match(line):
        return (find_date(line) if len(line) < 160 else None), read_byline(line)
    date = read_date_line(line)
    return date, ([] if date else read_byline(line) if looks_like_name(line) else [])


def _read_header(lines: list[str], first: int, record: Record, meta) -> tuple[int, set[int]]:
    """Title, byline, date and roles around the first paragraph.

    Returns the index the body starts at and the indices of header lines to leave out of it.
    The title is the heading-like line just above the byline and date lines, or else just above
    the first paragraph; bylines and dates may sit above or below a standfirst.
    """
    lo = max(0, first - HEADER_WINDOW)
    facts = {i: _read_meta_line(lines[i]) for i in range(lo, min(len(lines), first + HEADER_WINDOW))}
    above = first
    while above > lo and (any(facts[above - 1]) or UPDATED.match(lines[above - 1]) or LABELS.match(lines[above - 1])):
        above -= 1
    title_at = None
    if meta is not None and meta.title:
        title_at = next((i for i in range(first, -1, -1) if lines[i] == meta.title), None)
    if title_at is None:
        for i in range(above - 1, lo - 1, -1):
            if is_heading_like(lines[i]) and len(lines[i].split()) >= 2 and not LABELS.match(lines[i]):
                title_at = i
                break
    if title_at is not None and not record.title:
        record.title = lines[title_at]
    top = title_at + 1 if title_at is not None else first
    taken: set[int] = set()
    last_author: Author | None = None
    for i in range(top, min(len(lines), first + HEADER_WINDOW)):
        date, names = facts.get(i, (None, []))
        line = lines[i]
        if date or names:
            if date and (not record.date or PUBLISHED.match(line)):
                record.date = date
            for name in names:
                if name not in {a.name for a in record.authors}:
                    last_author = Author(name)
                    record.authors.append(last_author)
        elif last_author is not None and ROLE.search(line) and not is_prose(line) and i - 1 in taken:
            last_author.affiliation = line
        elif not (UPDATED.match(line) or LABELS.match(line)):
            continue
        taken.add(i)
    return top, taken


def _extend_over_list(lines: list[str], last: int) -> int:
    """Grow the article's end over a list its last paragraph introduces or a titled list after it."""
    while last + 1 < len(lines) and not is_prose(lines[last + 1]) and not matches_any(lines[last + 1], FOOTER):
        nxt = lines[last + 1]
        titled = is_heading_like(nxt) and last + 2 < len(lines) and LIST_ITEM.match(lines[last + 2])
        if lines[last].endswith(":") or LIST_ITEM.match(nxt) or titled:
            last += 1
        else:
            break
    return last


def _split_author_notes(body: list[str], record: Record) -> tuple[list[str], list[str]]:
    """Closing paragraphs that introduce the authors (``Jane Doe is a senior fellow …``) are notes."""
    names = tuple(a.name + " is " for a in record.authors) + tuple(a.name + " was " for a in record.authors)
    cut = len(body)
    while cut > 0 and names and body[cut - 1].startswith(names):
        cut -= 1
    return body[:cut], body[cut:]


def _near_title(lines: list[str], i: int) -> bool:
    """A bare line of names counts as a byline when a title-like line sits just above it."""
    return is_heading_like(lines[i - 1]) and len(lines[i - 1].split()) >= 3


def _is_header_noise(line: str) -> bool:
    return bool(LABELS.match(line) or UPDATED.match(line) or (read_date_line(line) and len(line.split()) <= 6))


def _find_citation(lines: list[str]) -> tuple[Citation | None, set[int]]:
    """A citation line after a ``Recommended citation``/``Cite this`` label, or on its line; and its lines."""
    for i, line in enumerate(lines):
        label = CITATION_LABEL.match(line)
        if not label:
            continue
        rest = label.group("rest")
        found = parse_citation(rest or (lines[i + 1] if i + 1 < len(lines) else ""))
        if found:
            return found, {i} if rest else {i, i + 1}
    return None, set()


def _fill_from(record: Record, citation: Citation | None, meta) -> None:
    """Fields the lines did not give: from the citation, then the page's declared metadata."""
    if citation is not None:
        record.citation = citation.raw
        if not record.authors:
            record.authors = [Author(n) for n in citation.authors]
        record.date = record.date or citation.date
        record.publisher = record.publisher or citation.venue
    if meta is None:
        return
    if meta.authors and not record.authors:
        record.authors = [Author(n) for n in meta.authors]
    record.date = meta.date or record.date
    record.title = meta.title or record.title
    record.publisher = meta.publisher or record.publisher
    record.synopsis = record.synopsis or meta.description
    record.tags = record.tags or list(meta.tags)
    record.kind = record.kind or meta.kind
    record.source.url = meta.url
