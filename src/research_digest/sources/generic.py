"""Pages from sites no profile knows: find the article by the shape of its lines.

Prose is long lines ending in sentence punctuation; menus, share bars and footers are runs of
short lines. The pass, in order:

1. drop what is printed twice (a repeated block, a twin caption) and chrome lines that no
   article holds (share and subscribe widgets, cookie banners, ``Skip to content``);
2. find the article: the cluster of prose lines with the most words, grown back over its header
   (title, byline, date) and forward over a list the last paragraph introduces;
3. above the first paragraph, drop runs of menu-like short lines (tab bars, kickers); below
   it, cut at the first strong footer marker (``©``, ``Comments``, ``References``), then at the
   first weak one (``Related articles``, ``About the author``, ``More from …``);
4. read title, authors and date from the header, a ``By …`` byline, ``Published: …``, a
   citation line or, for HTML, the declared metadata.

Safety net: if the cut at a weak marker keeps less than ``KEEP_RATIO`` of the article's words,
the marker was one of its headings (a list-heavy explainer with a ``More from …`` section), and
the gentler pass keeps everything up to the last paragraph. The rules themselves are data, in
``patterns.py``.
"""

from __future__ import annotations

import re

from research_digest.errors import InputError
from research_digest.records.schema import Author, Record, Source
from research_digest.sources.base import (
    drop_credits,
    drop_repeated_runs,
    drop_twin_lines,
    is_heading_like,
    make_blocks,
    matches_any,
)
from research_digest.sources.facts import Citation, assign_bios, find_date, parse_citation, read_byline, read_date_line
from research_digest.sources.patterns import (
    BIO_LABEL,
    BYLINE_START,
    CHROME,
    CITATION_LABEL,
    COPYRIGHT,
    CREDIT,
    FOOTER,
    FOOTER_STRONG,
    FOOTER_WEAK,
    LABELS,
    LIST_ITEM,
    POSTED_BY,
    PUBLISHED,
    PUBLISHED_IN_LINE,
    ROLE,
    TAG_LABEL,
    TAG_LINE,
    UPDATED,
)

NAME = "generic"
_CJK = "\u3040-\u30ff\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff\uac00-\ud7af"
TOKEN = re.compile(rf"[{_CJK}]|[^\W{_CJK}]+")
CJK_CHAR = re.compile(rf"[{_CJK}]")
CJK_CHARS_PER_WORD = 2
"""Chinese and Japanese run about two characters to an English word (a Korean eojeol is spaced anyway)."""
"""A word, or a single character of a script written without spaces (Chinese, Japanese, Korean)."""
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
HEADER_WINDOW = 14
"""How many lines around the first paragraph the title, bylines, roles and date may sit."""
TITLE_FALLBACK_WORDS = 12
TITLE_SCORE = {"words_cap": 10, "per_line_away": 0.5, "byline_below": 4}
"""Title line score: its words (up to the cap), minus its distance from the first paragraph,
plus a bonus when a byline or date line follows it."""
HEADER_GAP_LINES = 3
"""Short lines allowed between a standfirst and its byline or date (``From:``, ``Published``)."""
DATE_ABOVE_TITLE = 3
"""How many lines above the title a date line may sit (some sites print it over the headline)."""
NAME_LINE_MAX_CHARS = 120
"""A bare line of names (``Jane Doe and John Smith``) is never longer than this."""
_NAMEISH = re.compile(r"^[^\W\d_][^\d:;!?|“”\"()]*$")
"""A quick test before the name rules: a bare line of names has no digits, colons or quotes."""
KEEP_RATIO = 0.6
"""Safety net: cutting at a footer marker must keep this share of the article region's words, else
the marker was a heading inside the article and the gentle pass (no cut) runs."""


def count_words(line: str) -> int:
    """Words, counting two characters of a script written without spaces (CJK) as one word."""
    return line.count(" ") + 1 + len(CJK_CHAR.findall(line)) // CJK_CHARS_PER_WORD


def is_prose(line: str) -> bool:
    words = count_words(line)
    return words >= PROSE_LONG_WORDS or (
        words >= PROSE_MIN_WORDS and line.endswith((".", "!", "?", "…", "”", '"', ")", "’", "。", "！", "？", "」"))
    )


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
            words += count_words(line)
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
        out.extend(lines[i : max(j, i + 1)])
        i = max(j, i + 1)
    return out


def parse(lines: list[str], meta=None, headings: set[str] | None = None, path=None) -> Record:
    """A record from the lines of an unknown page; ``meta`` (HTML) fills what the lines lack."""
    record = Record(id="", title="", source=Source("", "", NAME))
    lines = drop_repeated_runs(drop_twin_lines(lines))
    for line in lines:
        copyright_ = COPYRIGHT.match(line)
        if copyright_ and not record.publisher:
            record.publisher = copyright_.group("name").strip(" ,")
    citation, cited_at = _find_citation(lines)
    lines = _read_tags([line for i, line in enumerate(lines) if i not in cited_at], record)
    lines = [line for line in drop_credits(lines, CREDIT) if not matches_any(line, CHROME)]
    cluster = find_cluster(lines)
    if cluster is None:
        raise InputError("no article text found (only menus, links or short lines)", path)
    first, last = cluster
    if meta is not None and meta.authors:
        record.authors = [Author(n) for n in meta.authors]  # declared; the header may add roles
    top, taken = _read_header(lines, first, record, meta)
    last = _extend_over_list(lines, last)
    # Above the first paragraph: tabs and kickers go as menu runs; below it: footer markers.
    before = drop_menu_runs([line for i, line in enumerate(lines[top:first], top) if i not in taken])
    after = [line for i, line in enumerate(lines[first : last + 1], first) if i not in taken]
    after = after[: next((i for i, line in enumerate(after) if matches_any(line, FOOTER_STRONG)), len(after))]
    end = next((i for i, line in enumerate(after) if matches_any(line, FOOTER_WEAK)), len(after))
    # Safety net: a footer marker inside the article (a heading such as "More from …") must not cut it short.
    if count_all_words(after[:end]) >= KEEP_RATIO * count_all_words(after):
        after = after[:end]
    after = _trim_trailing_chrome(after)
    body, notes = _split_author_notes([line for line in before + after if not _is_header_noise(line)], record)
    record.body = make_blocks(body)
    if headings:
        for block in record.body:
            block.kind = "heading" if block.text in headings else block.kind
    _fill_from(record, citation, meta)
    tail = lines[first:]  # an "About the author" section below the article
    bio_at = next((i for i, line in enumerate(tail) if BIO_LABEL.match(line)), None)
    if bio_at is not None and not notes:
        notes = [line for line in tail[bio_at + 1 : bio_at + 6] if is_prose(line)]
    assign_bios(record.authors, [n for n in notes if any(a.name.split()[-1] in n for a in record.authors)])
    return record


def from_meta(meta) -> Record:
    """A record from the page's declared metadata alone (the lines gave no header)."""
    record = Record(id="", title="", source=Source("", "", NAME))
    _fill_from(record, None, meta)
    return record


LINK_WORD = re.compile(r"^\W*\w+\W*$")
COPYRIGHT_LINE = FOOTER_STRONG[2:4]
"""``© …``, ``Copyright …``, ``All rights reserved``."""


def from_lines(lines: list[str], first: int) -> Record:
    """A record for an article the line rules refused (too short for their prose test) but the
    line model found at ``first``: the title is the nearest heading-like line above it."""
    record = Record(id="", title="", source=Source("", "", NAME))
    above = [i for i in range(first - 1, max(-1, first - HEADER_GAP_LINES - 3), -1) if is_heading_like(lines[i])]
    record.title = lines[above[0]] if above else _title_from(lines[first])
    return record


def prose_words(blocks: list) -> int:
    """Words in the blocks that are prose: how much article a candidate body holds."""
    return sum(count_words(b.text) for b in blocks if is_prose(b.text))


def article_body(article, record: Record) -> list:
    """Body blocks from the DOM's article container (``dom.article_lines``): its lines without the
    title, the byline and date lines, tag lines, link-only menus and share widgets, cut at a
    copyright line after the first paragraph, without trailing short lines."""
    names = {a.name for a in record.authors}
    out: list[str] = []
    started = False
    for line in article.lines:
        if line == record.title or line in names or matches_any(line, CHROME) or TAG_LINE.match(line):
            continue
        if line in article.links and len(line.split()) <= MENU_MAX_WORDS and LINK_WORD.match(line):
            continue  # "Share", "Print", "Read more": one-word link buttons left in the article
        if not started and not is_prose(line) and (is_byline(line) or _is_header_noise(line)):
            continue  # above the first paragraph: the byline and date lines
        started = started or is_prose(line)
        if matches_any(line, COPYRIGHT_LINE) and any(is_prose(x) for x in out):
            break  # the DOM has already dropped comments; a copyright line still ends an article
        out.append(line)
    # "Most popular", "Related articles", "About the author" below the article: cut there, with
    # the line path's safety net (the cut must keep KEEP_RATIO of the words).
    first = next((i for i, line in enumerate(out) if is_prose(line)), len(out))
    end = next((i for i in range(first + 1, len(out)) if matches_any(out[i], FOOTER_WEAK)), len(out))
    if count_all_words(out[:end]) >= KEEP_RATIO * count_all_words(out):
        out = out[:end]
    blocks = make_blocks(_trim_trailing_chrome(out) if any(is_prose(x) for x in out) else out)
    for block in blocks:
        block.kind = "heading" if block.text in article.headings else block.kind
    return blocks


def _read_tags(lines: list[str], record: Record) -> list[str]:
    """Take ``Tags: a, b`` lines, and a bare ``Keywords:`` label with the short lines under it."""
    out: list[str] = []
    i = 0
    while i < len(lines):
        line = lines[i]
        inline, label = TAG_LINE.match(line), TAG_LABEL.match(line)
        if inline:
            found = [t.strip() for t in re.split(r"\s*[,;/|]\s*", inline.group("tags")) if t.strip()]
        elif label:
            j = i + 1
            # the list ends before a heading that a paragraph follows ("Introduction")
            while (
                j < len(lines)
                and len(lines[j].split()) <= MENU_MAX_WORDS
                and not is_prose(lines[j])
                and not (j + 1 < len(lines) and is_prose(lines[j + 1]))
            ):
                j += 1
            found, i = lines[i + 1 : j], j - 1
        else:
            out.append(line)
            i += 1
            continue
        record.tags = record.tags or found
        i += 1
    return out


def count_all_words(lines: list[str]) -> int:
    return sum(count_words(line) for line in lines)


def is_byline(line: str) -> bool:
    """Whether a line gives authors or a date (kept even when it is all links)."""
    return any(_read_meta_line(line))


def _read_meta_line(line: str) -> tuple[str | None, list[str]]:
    """The date and the author names a header line gives (``By A and B | 6 Feb 2026``)."""
    if UPDATED.match(line) or is_prose(line):  # "By the end of 2025, …" is a sentence, not a byline
        return None, []
    posted = POSTED_BY.match(line)
    if posted and find_date(posted.group("date")):
        return find_date(posted.group("date")), read_byline(posted.group("names"))
    published = PUBLISHED_IN_LINE.search(line)
    if published and find_date(published.group("rest")):
        return find_date(published.group("rest")), []
    if BYLINE_START.match(line):
        return (find_date(line) if len(line) < 160 else None), read_byline(line)
    date = read_date_line(line)
    return date, ([] if date or len(line) > NAME_LINE_MAX_CHARS or not _NAMEISH.match(line) else read_byline(line))


def _read_header(lines: list[str], first: int, record: Record, meta) -> tuple[int, set[int]]:
    """Title, byline, date and roles around the first paragraph.

    Returns the index the body starts at and the indices of header lines to leave out of it.
    The title is the line the markup names, else the best-scoring line above the first paragraph
    (``_pick_title``); bylines, roles and dates are read between the title and the article, and
    just below a standfirst.
    """
    lo, hi = max(0, first - HEADER_WINDOW), min(len(lines), first + HEADER_WINDOW)
    facts = _Facts(lines)
    title_at = None
    if meta is not None and meta.title:
        title_at = next((i for i in range(first, -1, -1) if lines[i] == meta.title), None)
    if title_at is None:
        title_at = _pick_title(lines, first, lo, facts)
    if not record.title:
        record.title = lines[title_at] if title_at is not None else _title_from(lines[first])
    for i in range((title_at or lo) - 1, max(lo, (title_at or lo) - DATE_ABOVE_TITLE) - 1, -1):
        # "6 February 2026" or "Posted on 2 October 2025 by Kari Solheim" printed over the headline
        date, names = facts[i]
        record.date = record.date or date
        if names and (BYLINE_START.match(lines[i]) or POSTED_BY.match(lines[i])) and not record.authors:
            record.authors = [Author(n) for n in names]
    top = title_at + 1 if title_at is not None else first
    taken: set[int] = set()
    last_author: Author | None = None
    pending: list[int] = []  # short lines below the standfirst, taken if a byline or date follows
    for i in range(top, hi):
        date, names = facts[i]
        line = lines[i]
        if date or names:
            if date and (not record.date or PUBLISHED.match(line)):
                record.date = date
            for name in names:
                last_author = next((a for a in record.authors if a.name == name), None)
                if last_author is None and meta is not None and (meta.authors or not _is_marked_byline(line)):
                    continue  # HTML: the declared or marked-up authors; else only a "By …" line
                if last_author is None:
                    last_author = Author(name)
                    record.authors.append(last_author)
        elif last_author is not None and _is_role(lines, i, facts) and i - 1 in taken:
            last_author.affiliation = line
        elif card := next((a for a in record.authors if line.startswith(a.name + " ")), None):
            role = line[len(card.name) :].strip(" ,|–—-")  # an author card: "Jane Doe University of X"
            card.affiliation = card.affiliation or (role if ROLE.search(role) else None)
        elif not (UPDATED.match(line) or LABELS.match(line)):
            if i > first:
                # below the standfirst: only short lines ("From:", "Published") on the way to a byline
                if is_prose(line) or len(line.split()) > MENU_MAX_WORDS or len(pending) >= HEADER_GAP_LINES:
                    break
                pending.append(i)
            continue
        taken.update(pending if i > first else ())
        pending = []
        taken.add(i)
    return top, taken


def _is_marked_byline(line: str) -> bool:
    return bool(BYLINE_START.match(line) or POSTED_BY.match(line))


class _Facts(dict):
    """``_read_meta_line`` of each line, computed when first asked for (most lines never are)."""

    def __init__(self, lines: list[str]):
        super().__init__()
        self.lines = lines

    def __missing__(self, i: int) -> tuple[str | None, list[str]]:
        value = self[i] = _read_meta_line(self.lines[i])
        return value


def _pick_title(lines: list[str], first: int, lo: int, facts: dict) -> int | None:
    """The likeliest title line above the first paragraph, by TITLE_SCORE (or None).

    Tabs, kickers and menu items are heading-like too; a title is longer, sits close to the
    article, and is followed by its byline or date.
    """
    best: tuple[float, int] | None = None
    for i in range(first - 1, lo - 1, -1):
        line = lines[i]
        if (
            not is_heading_like(line)
            or len(line.split()) < 2
            or LABELS.match(line)
            or UPDATED.match(line)
            or any(facts[i])
            or _is_role(lines, i, facts)
        ):
            continue
        below = next((j for j in range(i + 1, first) if not LABELS.match(lines[j])), first)
        score = (
            min(len(line.split()), TITLE_SCORE["words_cap"])
            - TITLE_SCORE["per_line_away"] * (first - i)
            + (TITLE_SCORE["byline_below"] if below < first and any(facts[below]) else 0)
        )
        if best is None or score > best[0]:
            best = (score, i)
    return best[1] if best else None


def _is_role(lines: list[str], i: int, facts: dict) -> bool:
    """A role line sits under a name (``Senior Research Fellow, Europe Programme``)."""
    return bool(ROLE.search(lines[i])) and not is_prose(lines[i]) and i > 0 and bool(facts[i - 1][1])


def _title_from(paragraph: str) -> str:
    """A page with no title line: the opening words of its first paragraph stand in."""
    words = paragraph.split()
    return " ".join(words[:TITLE_FALLBACK_WORDS]) + ("…" if len(words) > TITLE_FALLBACK_WORDS else "")


def _extend_over_list(lines: list[str], last: int) -> int:
    """Grow the article's end over a closing list: one a colon introduces (``three parts:``), or
    items such as ``1996: Ottawa Declaration`` under a short title. A footer marker stops it."""
    listing = lines[last].endswith(":")
    while last + 1 < len(lines) and not is_prose(lines[last + 1]) and not matches_any(lines[last + 1], FOOTER):
        nxt = lines[last + 1]
        titled = is_heading_like(nxt) and last + 2 < len(lines) and LIST_ITEM.match(lines[last + 2])
        if listing or nxt.endswith(":") or LIST_ITEM.match(nxt) or titled:
            listing = listing or nxt.endswith(":")
            last += 1
        else:
            break
    return last


def _trim_trailing_chrome(lines: list[str]) -> list[str]:
    """Drop the short lines after the last paragraph (``Downloads``, ``Issue``), unless they are
    a list: introduced by a colon, or with list items (``1996: Ottawa Declaration``)."""
    start = len(lines)
    while start > 0 and not is_prose(lines[start - 1]):
        start -= 1
    run = lines[start:]
    if (
        not run
        or (start > 0 and lines[start - 1].endswith(":"))
        or any(line.endswith(":") or LIST_ITEM.match(line) for line in run)
    ):
        return lines
    return lines[:start]


def _split_author_notes(body: list[str], record: Record) -> tuple[list[str], list[str]]:
    """Closing paragraphs that introduce the authors (``Jane Doe is a senior fellow …``) are notes."""
    names = tuple(a.name + " is " for a in record.authors) + tuple(a.name + " was " for a in record.authors)
    cut = len(body)
    while cut > 0 and names and body[cut - 1].startswith(names):
        cut -= 1
    return body[:cut], body[cut:]


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
        if not record.authors or set(a.name for a in record.authors) < set(citation.authors):
            known = {a.name: a for a in record.authors}  # keep the roles found in the header
            record.authors = [known.get(n) or Author(n) for n in citation.authors]  # complete, in order
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
