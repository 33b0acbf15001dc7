"""The rule interpreter every profile uses: page lines in, a Record out.

A profile is data (``Rules``): which lines start and end the article, which lines are chrome,
which label lines open a section (``SYNOPSIS``, ``Abstract``, ``About the Author``) and where
that section's lines go, which one-line fields to read (``Categories: …``). ``parse_lines``
applies them in a fixed order, because each step relies on the one before:

1. cut the article out between the start and end markers (menus above, footer below);
2. drop what a browser dump prints twice: a repeated run of lines (the body printed a second
   time), a caption printed twice in a row, a caption with its ``Source:`` credit;
3. drop chrome lines by pattern, read one-line fields;
4. split the rest at label lines into the header (title, byline, date) and sections;
5. body sections become paragraph and heading blocks.

The helpers for dates, names and citations live here too, shared by every profile.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from typing import Callable, Pattern

from research_digest.records.schema import Author, Block, Record, Series, Source

# ---------------------------------------------------------------- dates

MONTHS = {m: i for i, m in enumerate(
    ("january", "february", "march", "april", "may", "june", "july", "august", "september",
     "october", "november", "december"), 1)}
MONTHS.update({m[:3]: i for m, i in list(MONTHS.items())})
MONTHS["sept"] = 9
_MONTH = r"(?P<mon>Jan(?:uary)?|Feb(?:ruary)?|Mar(?:ch)?|Apr(?:il)?|May|June?|July?|Aug(?:ust)?|Sept?(?:ember)?|Oct(?:ober)?|Nov(?:ember)?|Dec(?:ember)?)\.?"
DATE_PATTERNS = (
    re.compile(r"\b(?P<day>\d{1,2})(?:st|nd|rd|th)?\s+" + _MONTH + r",?\s+(?P<year>(?:19|20)\d\d)\b", re.I),
    re.compile(r"\b" + _MONTH + r"\s+(?P<day>\d{1,2})(?:st|nd|rd|th)?,?\s+(?P<year>(?:19|20)\d\d)\b", re.I),
    re.compile(r"\b(?P<year>(?:19|20)\d\d)-(?P<mnum>\d\d)-(?P<day>\d\d)(?!\d)"),
    re.compile(r"\b(?P<year>(?:19|20)\d\d)/(?P<mnum>\d\d)/(?P<day>\d\d)(?!\d)"),
)
"""Day-precise dates in the styles pages use, most common first: ``06 February 2026``,
``February 6, 2026``, ``2026-02-06``, ``6 Feb 2026``. A bare ``02/06/2026`` is ambiguous
(US or European order) and deliberately not read."""

MONTH_YEAR = re.compile(r"\b" + _MONTH + r",?\s+(?P<year>(?:19|20)\d\d)\b", re.I)
"""A month-precise date (``June 2025``), read only where a day-precise one is missing (citations)."""

DATE_LINE_MAX_CHARS = 60
"""A line longer than this holding a date is a sentence that mentions a date, not a date line."""


def find_date(text: str) -> str | None:
    """The first day-precise date in ``text`` as ISO ``yyyy-mm-dd``, or None."""
    best: tuple[int, str] | None = None
    for pattern in DATE_PATTERNS:
        for match in pattern.finditer(text):
            iso = _iso(match)
            if iso and (best is None or match.start() < best[0]):
                best = (match.start(), iso)
            if iso:
                break
    return best[1] if best else None


def _iso(match: re.Match) -> str | None:
    parts = match.groupdict()
    month = int(parts["mnum"]) if parts.get("mnum") else MONTHS.get(parts["mon"].lower().rstrip("."))
    day, year = int(parts["day"]), int(parts["year"])
    if not month or not 1 <= month <= 12 or not 1 <= day <= 31:
        return None
    return f"{year:04d}-{month:02d}-{day:02d}"


def find_month(text: str) -> str | None:
    """The first ``Month yyyy`` in ``text`` as ISO ``yyyy-mm``, or None."""
    match = MONTH_YEAR.search(text)
    if not match:
        return None
    return f"{int(match.group('year')):04d}-{MONTHS[match.group('mon').lower().rstrip('.')[:3]]:02d}"


def read_date_line(line: str) -> str | None:
    """The date of a line that is only a date (perhaps with a label: ``Published: 6 Feb 2026``)."""
    if len(line) > DATE_LINE_MAX_CHARS:
        return None
    return find_date(line)


# ---------------------------------------------------------------- names

NAME_PARTICLES = frozenset(("van", "von", "de", "der", "den", "da", "del", "della", "di", "du", "la", "le",
                            "bin", "binti", "binte", "al", "el", "ibn", "y", "dos", "das", "ter", "ten"))
NOT_NAME_WORDS = frozenset((
    "about", "all", "analysis", "article", "back", "blog", "commentary", "comments", "contact", "donate",
    "download", "email", "events", "experts", "facebook", "follow", "full", "home", "latest", "linkedin",
    "login", "main", "menu", "more", "news", "newsletter", "next", "our", "pdf", "podcasts", "policy",
    "previous", "print", "programs", "publications", "read", "related", "report", "research", "search",
    "share", "sign", "subscribe", "the", "topics", "twitter", "up", "view", "watch", "work", "up", "us"))
"""Words no person's name holds, so that ``Download PDF`` or ``Read More`` is never an author."""
NAME_TOKEN = re.compile(r"^(?:[^\W\d_][\w'’.-]*|[^\W\d_]\.)$")
NAME_MAX_TOKENS = 6
_NAME_SPLIT = re.compile(r"\s*(?:,\s*and\s+|,\s*&\s*|\s+and\s+|\s*&\s*|;\s*|,\s*)\s*")
_HONORIFIC = re.compile(r"^(?:Dr|Prof|Professor|Mr|Mrs|Ms|Sir|Dame|Ambassador|Amb|Gen|Col|Rev)\.?\s+(?=\S+\s+\S)")
_BYLINE = re.compile(r"^(?:by|authors?|written by|words by)\s*:?\s+(?P<names>.+)$", re.I)


def looks_like_name(text: str) -> bool:
    """A person's name: 2-6 capitalised words (initials and particles allowed), no digits."""
    tokens = text.split()
    if not 2 <= len(tokens) <= NAME_MAX_TOKENS or any(ch.isdigit() for ch in text):
        return False
    caps = 0
    for token in tokens:
        if token.lower() in NAME_PARTICLES:
            continue
        if (not NAME_TOKEN.match(token) or not token[0].isupper() or token.lower() in NOT_NAME_WORDS
                or (len(token) > 3 and token.isupper())):
            return False
        caps += 1
    return caps >= 2


def split_names(text: str) -> list[str]:
    """``A and B``, ``A, B, and C``, ``A & B`` → names; empty if any piece is not a name."""
    text = text.strip().rstrip(".")
    text = re.sub(r"\s*\|.*$", "", text)
    pieces = [p.strip() for p in _NAME_SPLIT.split(text) if p.strip()]
    if pieces and all(looks_like_name(p) for p in pieces):
        return pieces
    return []


def read_byline(line: str) -> list[str]:
    """Names from a byline: ``By A and B``, ``Authors: A, B``, or a bare line of names."""
    match = _BYLINE.match(line)
    text = match.group("names") if match else line
    # "By Jane Doe | 3 March 2025" or "By Jane Doe, Senior Fellow": keep the names only.
    text = re.split(r"\s+[|•·–—]\s+", text)[0]
    if find_date(text):
        text = text[: min(m.start() for p in DATE_PATTERNS for m in p.finditer(text))].rstrip(" ,-–—|on")
    names = [_HONORIFIC.sub("", n) for n in split_names(text)]
    if not names and match:
        head = text.split(",")[0]
        names = [head.strip()] if looks_like_name(head.strip()) else []
    return names


@dataclass
class Citation:
    """A reference as pages print it: ``Last, First and First Last. “Title.” Venue, July 22, 2025``."""

    authors: list[str]
    title: str | None
    venue: str | None
    date: str | None
    raw: str | None = None


_CITATION = re.compile(r"^(?P<authors>.+?)\.?\s+[“\"](?P<title>.+?)[.,]?[”\"]\s*(?P<rest>.*)$")


def parse_citation(text: str) -> Citation | None:
    """Authors in order (first one inverted), quoted title, venue and date of a citation line."""
    match = _CITATION.match(text.strip())
    if not match:
        return None
    raw = match.group("authors").strip().rstrip(".")
    pieces = [p.strip() for p in _NAME_SPLIT.split(raw) if p.strip()]
    authors: list[str] = []
    if len(pieces) >= 2 and len(pieces[0].split()) <= 2 and not looks_like_name(pieces[0]):
        authors.append(f"{pieces[1]} {pieces[0]}")  # "Last, First" → "First Last"
        pieces = pieces[2:]
    elif len(pieces) >= 2 and looks_like_name(pieces[1]) and looks_like_name(f"{pieces[1]} {pieces[0]}"):
        authors.append(f"{pieces[1]} {pieces[0]}")
        pieces = pieces[2:]
    authors.extend(p for p in pieces if looks_like_name(p))
    rest = match.group("rest").strip().lstrip(".,").strip()
    date = find_date(rest) or find_month(rest)
    venue = re.split(r",\s*|\s+\(|\s+\d", rest)[0].strip().rstrip(".") if rest else None
    if venue and (find_date(venue) or venue.lower().startswith(("vol", "no."))):
        venue = None
    return Citation(authors, match.group("title").strip(), venue or None, date, text.strip())


# ---------------------------------------------------------------- lines and blocks

LIST_MIN_ITEMS = 3
HEADING_MAX_CHARS = 120
HEADING_MAX_WORDS = 16
_END_PUNCT = tuple(".,;:!…\"”’)")
_SENTENCE_END = tuple(".!?…\"”’)")


def is_heading_like(line: str) -> bool:
    """Short, starts with a capital or digit, no final sentence punctuation."""
    return (len(line) <= HEADING_MAX_CHARS and len(line.split()) <= HEADING_MAX_WORDS
            and not line.endswith(_END_PUNCT) and (line[:1].isupper() or line[:1].isdigit()))


def make_blocks(lines: list[str]) -> list[Block]:
    """Paragraph blocks; heading-like lines marked as headings where the layout says so.

    A lone short line between paragraphs is a heading. In a run of short lines, only the first
    is, and only when a paragraph (not one ending in a colon) comes before it and the run has
    LIST_MIN_ITEMS items after it: the list's title (``Members``, then the members). Everything
    else in a run is a list item.
    """
    short = [is_heading_like(line) for line in lines]
    blocks = []
    for i, line in enumerate(lines):
        after_colon = i > 0 and lines[i - 1].endswith(":")
        prev_short = i > 0 and short[i - 1]
        run = 0
        while i + 1 + run < len(lines) and short[i + 1 + run]:
            run += 1
        heading = short[i] and not after_colon and not prev_short and i + 1 < len(lines) \
            and (run == 0 or run >= LIST_MIN_ITEMS)
        blocks.append(Block("", line, "heading" if heading else "paragraph"))
    return blocks


_ASCII_SPACE = re.compile(r"[ \t\f\v]{2,}|[\t\f\v]")


def split_lines(text: str) -> list[str]:
    """Non-empty lines, stripped; runs of ASCII spaces and tabs become one space.

    A no-break space is kept as it is: the page's text is kept exactly.
    """
    return [_ASCII_SPACE.sub(" ", line.strip()) for line in text.split("\n") if line.strip()]


def drop_repeated_runs(lines: list[str], min_chars: int = 60, min_run: int = 1) -> list[str]:
    """Remove a block printed again later (the body dumped twice): keep its first copy.

    A run starts at a long line (``min_chars``) seen before, and extends over the following
    lines while they repeat the lines after the first copy.
    """
    first_seen: dict[str, int] = {}
    keep = [True] * len(lines)
    i = 0
    while i < len(lines):
        line = lines[i]
        j = first_seen.get(line)
        if j is not None and len(line) >= min_chars:
            start, end = i, i + 1
            while start - 1 > j and (start - 1 - i + j) >= 0 and lines[start - 1] == lines[start - 1 - i + j] \
                    and keep[start - 1]:
                start -= 1
            while end < len(lines) and j + (end - i) < i and lines[end] == lines[j + (end - i)]:
                end += 1
            if end - start >= min_run:
                for k in range(start, end):
                    keep[k] = False
            i = end
            continue
        first_seen.setdefault(line, i)
        i += 1
    return [line for line, kept in zip(lines, keep) if kept]


def drop_twin_lines(lines: list[str]) -> list[str]:
    """A line printed twice in a row is a caption (image alt text and its figcaption): drop both."""
    out: list[str] = []
    i = 0
    while i < len(lines):
        if i + 1 < len(lines) and lines[i] == lines[i + 1]:
            j = i
            while j < len(lines) and lines[j] == lines[i]:
                j += 1
            i = j
            continue
        out.append(lines[i])
        i += 1
    return out


def matches_any(line: str, patterns: tuple[Pattern, ...]) -> bool:
    return any(p.search(line) for p in patterns)


# ---------------------------------------------------------------- rules

@dataclass(frozen=True)
class Section:
    """A label line (``SYNOPSIS``) and where the lines under it go until the next label.

    ``target``: ``body``; ``synopsis`` (also kept in the body when ``in_body``); ``bio``
    (author notes); ``citation``; ``authors`` (a list of names); ``drop``.
    """

    label: Pattern
    target: str
    in_body: bool = False


@dataclass(frozen=True)
class Field:
    """A one-line field (``Categories: A / B``): the line is consumed, group 1 is the value."""

    pattern: Pattern
    target: str
    split: str | None = None


@dataclass(frozen=True)
class Rules:
    """Everything a profile says about its site, as data."""

    name: str
    signals: tuple[Pattern, ...] = ()
    min_signals: int = 1
    start: Pattern | None = None
    """First line of the article (inclusive); the first match wins."""
    start_back: int = 0
    """The article begins this many lines above the start match (a programme line above the kind)."""
    end: tuple[Pattern, ...] = ()
    """The first of these after the start ends the article."""
    drop: tuple[Pattern, ...] = ()
    credit: Pattern | None = None
    """An image credit line (``Source: Pexels``): removed with the caption line just before it."""
    sections: tuple[Section, ...] = ()
    fields: tuple[Field, ...] = ()
    title: Pattern | None = None
    """A header line holding the title, with named groups ``title`` and optionally ``number``."""
    title_before: Pattern | None = None
    """A marker line (``READ FULL ARTICLE``) right after the title."""
    publisher: str | None = None
    kind: str | None = None
    series_name: str | None = None


@dataclass
class Parsed:
    """What ``parse_lines`` found, for a profile's hook to refine."""

    record: Record
    header: list[str] = field(default_factory=list)
    """Header lines left over after title, byline and date were taken."""
    sections: dict[str, list[str]] = field(default_factory=dict)


def cut_article(lines: list[str], rules: Rules) -> list[str]:
    """The lines between the start marker (inclusive) and the first end marker after it."""
    start = 0
    if rules.start is not None:
        start = next((i for i, line in enumerate(lines) if rules.start.search(line)), 0)
        start = max(0, start - rules.start_back)
    end = next((i for i in range(start + 1, len(lines)) if matches_any(lines[i], rules.end)), len(lines))
    return lines[start:end]


def drop_credits(lines: list[str], credit: Pattern | None) -> list[str]:
    """Remove each credit line and the caption line right before it."""
    if credit is None:
        return lines
    out: list[str] = []
    for line in lines:
        if credit.search(line):
            if out and is_heading_like(out[-1]):
                out.pop()
            continue
        out.append(line)
    return out


def read_fields(lines: list[str], rules: Rules, record: Record) -> list[str]:
    """Consume one-line fields into the record; returns the other lines."""
    out = []
    for line in lines:
        for rule in rules.fields:
            match = rule.pattern.search(line)
            if match:
                value = match.group(1).strip()
                if getattr(record, rule.target) in (None, []):
                    setattr(record, rule.target, [v.strip() for v in value.split(rule.split) if v.strip()]
                            if rule.split else value)
                break
        else:
            out.append(line)
    return out


def split_sections(lines: list[str], rules: Rules) -> tuple[list[str], list[tuple[Section, list[str]]]]:
    """Header lines (before the first label) and each labelled section with its lines."""
    header: list[str] = []
    sections: list[tuple[Section, list[str]]] = []
    for line in lines:
        section = next((s for s in rules.sections if s.label.search(line)), None)
        if section is not None:
            sections.append((section, []))
        elif sections:
            sections[-1][1].append(line)
        else:
            header.append(line)
    return header, sections


def read_header(header: list[str], rules: Rules, record: Record) -> list[str]:
    """Title, byline and date from the header lines; returns the lines not understood."""
    rest = list(header)
    if rules.title is not None:
        for i, line in enumerate(rest):
            match = rules.title.search(line)
            if match:
                record.title = match.group("title").strip()
                if "number" in match.groupdict() and match.group("number"):
                    record.series = Series(rules.series_name, match.group("number"))
                rest = rest[:i] + rest[i + 1:]
                break
    if not record.title and rules.title_before is not None:
        for i, line in enumerate(rest):
            if rules.title_before.search(line) and i > 0:
                record.title = rest[i - 1]
                rest = rest[:i - 1] + rest[i + 1:]
                break
    left = []
    for line in rest:
        date = read_date_line(line)
        names = read_byline(line) if not date else []
        if date and not record.date:
            record.date = date
        elif names:
            record.authors.extend(Author(n) for n in names if n not in {a.name for a in record.authors})
        elif not (rules.title_before and rules.title_before.search(line)):
            left.append(line)
    return left


def parse_lines(lines: list[str], rules: Rules, hook: Callable[[Parsed], None] | None = None) -> Record:
    """Apply a profile's rules to the page lines (see the module docstring for the order)."""
    record = Record(id="", title="", source=Source("", "", rules.name), publisher=rules.publisher,
                    kind=rules.kind)
    lines = cut_article(lines, rules)
    lines = drop_repeated_runs(lines)
    lines = drop_twin_lines(lines)
    lines = drop_credits([line for line in lines if not matches_any(line, rules.drop)], rules.credit)
    lines = read_fields(lines, rules, record)
    header, sections = split_sections(lines, rules)
    parsed = Parsed(record, read_header(header, rules, record))
    body: list[str] = []
    for section, content in sections:
        parsed.sections.setdefault(section.target, []).extend(content)
        if section.target == "body" or section.in_body:
            body.extend(content)
        if section.target == "synopsis" and content and not record.synopsis:
            record.synopsis = " ".join(content)
        elif section.target == "citation" and content and not record.citation:
            record.citation = " ".join(content)
    record.body = make_blocks(body)
    if hook is not None:
        hook(parsed)
    return record


# ---------------------------------------------------------------- author notes and republication

_SENTENCE_SPLIT = re.compile(r"(?<=[.!?”\"])(\s+)(?=[A-Z“\"])")
_ABBREVIATION = re.compile(r"(?:^|\s)(?:[A-Z]|Dr|Mr|Ms|Mrs|St|Jr|Sr|No|Vol|Gen|Col|Lt|Prof|Rev|U\.S|U\.K)\.$")
"""A piece ending like this (``S.`` of ``S. Rajaratnam``, ``Dr.``) does not end a sentence."""
_AFFILIATION = re.compile(r"^.{0,80}?\b(?:is|was|serves as|works as)\s+(?:(?:currently|also|now)\s+)?"
                          r"(?:a|an|the)\s+(?P<aff>.+?)\.?$")
_FIRST_PUBLISHED = re.compile(
    r"\b(?:was|were|is)\s+(?:first\s+|originally\s+)?published\s+(?:on|in|by)\s+(?P<venue>.+?)\s+on\s+(?P<date>[^.]+)"
    r"|\b(?:first|originally)\s+(?:appeared|published)\s+(?:on|in|by)\s+(?P<venue2>.+?)\s+on\s+(?P<date2>[^.]+)")


def split_sentences(text: str) -> list[str]:
    """Sentences of an author note, each with the white space after it (kept exactly, NBSP too)."""
    pieces = _SENTENCE_SPLIT.split(text)
    out: list[str] = []
    for i in range(0, len(pieces), 2):
        piece = pieces[i] + (pieces[i + 1] if i + 1 < len(pieces) else "")
        if out and _ABBREVIATION.search(out[-1].rstrip()):
            out[-1] += piece
        elif piece:
            out.append(piece)
    return out


def assign_bios(authors: list[Author], lines: list[str]) -> None:
    """Give each author the sentences of the author note that begin with their name.

    Notes come as one paragraph per author or as one paragraph for all; sentences that name no
    author (``The views expressed are their own.``) stay with the author before them. The
    affiliation is the role in the author's first sentence (``… is a Research Fellow in …``).
    """
    if not authors:
        return
    owner: Author | None = None
    notes: dict[str, list[str]] = {a.name: [] for a in authors}
    for line in lines:
        for sentence in split_sentences(line):
            starts = next((a for a in authors if sentence.startswith((a.name, a.name.split()[-1] + " "))), None)
            if starts is not None:
                owner = starts
            elif owner is None:
                owner = authors[0]
            notes[owner.name].append(sentence if sentence[-1:].isspace() else sentence + " ")
    for author in authors:
        if not notes[author.name]:
            continue
        author.bio = "".join(notes[author.name]).strip()
        match = _AFFILIATION.match(notes[author.name][0].strip())
        if match and not author.affiliation:
            author.affiliation = match.group("aff").strip()


def find_first_published(text: str) -> tuple[str, str | None] | None:
    """``This commentary was published on China Dialogues on 4 February 2026`` → venue, date."""
    match = _FIRST_PUBLISHED.search(text)
    if not match:
        return None
    venue = (match.group("venue") or match.group("venue2")).strip()
    venue = re.sub(r"^the\s+(?=[A-Z])", "", venue)
    return venue, find_date(match.group("date") or match.group("date2"))
