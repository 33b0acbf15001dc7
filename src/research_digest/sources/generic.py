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
    Citation, assign_bios, drop_repeated_runs, drop_twin_lines, find_date, is_heading_like,
    make_blocks, matches_any, parse_citation, read_byline, read_date_line)


NAME = "generic"
PROSE_MIN_WORDS = 10
"""A line of at least this many words ending like a sentence is prose."""
PROSE_LONG_WORDS = 25
"""A line this long is prose whatever its ending (a paragraph cut off mid-sentence)."""
MAX_GAP_LINES = 8
"""Non-prose lines allowed between two prose lines of one article (headings, captions, lists)."""
MENU_RUN_MIN = 4
MENU_MAX_WORDS = 4
"""A run of at least MENU_RUN_MIN lines of at most MENU_MAX_WORDS words, not introduced by a colon, is a menu."""
HEADER_WINDOW = 8
"""How many lines above the first paragraph the title, byline and date may sit."""
KEEP_RATIO = 0.6
"""Safety net: the careful pass must keep this share of the page's prose words, else the gentle pass runs."""

CHROME = tuple(re.compile(p, re.I) for p in (
    r"^(?:share|share this(?: article| page| post)?|share on \w+|tweet|print|email|e-mail|copy link|save|"
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
CITATION_LABEL = re.compile(r"^(?:recommended citation|cite (?:this|as)|how to cite(?: this)?(?: \w+)?|citation)\s*:?\s*(?P<rest>.*)$", re.I)
COPYRIGHT = re.compile(r"^(?:copyright\s*)?(?:©|\(c\))\s*(?:copyright\s*)?(?:\d{4}(?:\s*[-–]\s*\d{4})?\s*,?\s*)?(?P<name>[^.|]{3,80}?)(?:\.|\s*\||\s*all rights reserved|$)", re.I)
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
    citation = _find_citation(lines)
    lines = [line for line in lines if not matches_any(line, CHROME) and not TAG_LINE.match(line)]
    cluster = find_cluster(lines)
    if cluster is None:
        raise InputError("no article text found (only menus, links or short lines)", path)
    total = count_words(lines)
    first, last = cluster
    top = _read_header(lines, first, record, meta)
    if meta is not None and meta.title:
        found = next((i for i in range(first, -1, -1) if lines[i] == meta.title), None)
        top = found + 1 if found is not None and found >= first - HEADER_WINDOW * 2 else top
    while last + 1 < len(lines) and (lines[last].endswith(":") or lines[last + 1][:1] in "•-–*0123456789") \
            and not matches_any(lines[last + 1], FOOTER) and not is_prose(lines[last + 1]):
        last += 1
    region = lines[top:last + 1]
    end = next((i for i, line in enumerate(region) if i and matches_any(line, FOOTER)), len(region))
    careful = drop_menu_runs(region[:end])
    body = careful if count_words(careful) >= KEEP_RATIO * total else region
    tail = region[end:] + lines[last + 1:]
    body = [line for line in body if not _is_header_noise(line)]
    record.body = make_blocks(body)
    if headings:
        for block in record.body:
            block.kind = "heading" if block.text in headings else block.kind
    _fill_from(record, citation, meta)
    bio_at = next((i for i, line in enumerate(tail) if BIO_LABEL.match(line)), None)
    if bio_at is not None:
        notes = [line for line in tail[bio_at + 1:bio_at + 6] if is_prose(line)]
        assign_bios(record.authors, [n for n in notes if any(a.name.split()[-1] in n for a in record.authors)])
    if not record.title:
        raise InputError("no article title found", path)
    return record


def _read_header(lines: list[str], first: int, record: Record, meta) -> int:
    """Title, byline and date above the first paragraph; returns the index the body starts at."""
    top = first
    for i in range(first - 1, max(-1, first - HEADER_WINDOW - 1), -1):
        line = lines[i]
        posted = POSTED_BY.match(line)
        date = read_date_line(line) if not UPDATED.match(line) else None
        names = read_byline(line) if not date else []
        if posted and find_date(posted.group("date")) and read_byline(posted.group("names")):
            record.date = record.date or find_date(posted.group("date"))
            names = read_byline(posted.group("names"))
        elif date and (PUBLISHED.match(line) or not record.date):
            record.date = date
        elif UPDATED.match(line) or LABELS.match(line):
            pass
        elif names and (line.lower().startswith(("by ", "by:", "author")) or i > 0 and _near_title(lines, i)):
            record.authors = [Author(n) for n in names] + [a for a in record.authors if a.name not in names]
        elif is_heading_like(line) and len(line.split()) >= 2 and not record.title:
            record.title = line
            top = i + 1
            break
        else:
            break
        top = i
    if not record.title:
        record.title = (meta.title if meta is not None and meta.title else "") or ""
    return top


def _near_title(lines: list[str], i: int) -> bool:
    """A bare line of names counts as a byline when a title-like line sits just above it."""
    return is_heading_like(lines[i - 1]) and len(lines[i - 1].split()) >= 3


def _is_header_noise(line: str) -> bool:
    return bool(LABELS.match(line) or UPDATED.match(line) or (read_date_line(line) and len(line.split()) <= 6))


def _find_citation(lines: list[str]) -> Citation | None:
    """A citation line: after a ``Recommended citation``/``Cite this`` label, or on its line."""
    for i, line in enumerate(lines):
        label = CITATION_LABEL.match(line)
        if not label:
            continue
        text = label.group("rest") or (lines[i + 1] if i + 1 < len(lines) else "")
        found = parse_citation(text)
        if found:
            return found
    return None


def _fill_from(record: Record, citation: Citation | None, meta) -> None:
    """Fields the lines did not give: from the citation, then the page's declared metadata."""
    if citation is not None:
        record.citation = citation.raw
        if not record.authors:
            record.authors = [Author(n) for n in citation.authors]
        record.date = record.date or citation.date
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

