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

Dates, names, citations and author notes are read by ``facts``.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass, field
from re import Pattern

from research_digest.records.schema import Author, Block, Record, Series, Source
from research_digest.sources.facts import read_byline, read_date_line

# ---------------------------------------------------------------- lines and blocks

LIST_MIN_ITEMS = 3
HEADING_MAX_CHARS = 120
HEADING_MAX_WORDS = 16
_END_PUNCT = tuple('.,;:!…"”’)')


def is_heading_like(line: str) -> bool:
    """Short, starts with a capital or digit, no final sentence punctuation."""
    return (
        len(line) <= HEADING_MAX_CHARS
        and len(line.split()) <= HEADING_MAX_WORDS
        and not line.endswith(_END_PUNCT)
        and (line[:1].isupper() or line[:1].isdigit())
    )


def make_blocks(lines: list[str]) -> list[Block]:
    """Paragraph blocks; heading-like lines marked as headings where the layout says so.

    A lone short line between paragraphs is a heading. In a run of short lines, only the first
    is, and only when a paragraph (not one ending in a colon) comes before it and the run has
    LIST_MIN_ITEMS items after it: the list's title (``Members``, then the members). Everything
    else in a run is a list item.
    """
    short = [is_heading_like(line) for line in lines]
    runs = [0] * (len(lines) + 1)  # runs[i]: short lines from i on, counted from the end (linear)
    for i in range(len(lines) - 1, -1, -1):
        runs[i] = runs[i + 1] + 1 if short[i] else 0
    blocks = []
    for i, line in enumerate(lines):
        after_colon = i > 0 and lines[i - 1].endswith(":")
        prev_short = i > 0 and short[i - 1]
        run = runs[i + 1]
        heading = (
            short[i]
            and not after_colon
            and not prev_short
            and i + 1 < len(lines)
            and (run == 0 or run >= LIST_MIN_ITEMS)
        )
        blocks.append(Block("", line, "heading" if heading else "paragraph"))
    return blocks


_ASCII_SPACE = re.compile(r"[ \t\f\v]{2,}|[\t\f\v]")


def split_lines(text: str) -> list[str]:
    """Non-empty lines, stripped; runs of ASCII spaces and tabs become one space.

    A no-break space is kept as it is: the page's text is kept exactly.
    """
    out = []
    for line in text.split("\n"):
        line = line.strip()
        if line:
            out.append(_ASCII_SPACE.sub(" ", line) if "  " in line or "\t" in line else line)
    return out


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
            while (
                start - 1 > j
                and (start - 1 - i + j) >= 0
                and lines[start - 1] == lines[start - 1 - i + j]
                and keep[start - 1]
            ):
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
    return [line for line, kept in zip(lines, keep, strict=True) if kept]


CAPTION_AFTER_CHARS = 60
"""A caption follows a paragraph; a line this long before a short one means a paragraph."""


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
    """Whether any pattern matches.

    The patterns anchored at ``^`` are joined into one alternation per flag set, compiled once
    (tried at the line's start only, one call instead of a dozen: about a fifth faster on page
    chrome); the others are tried one by one, since joined they would be tried at every position.
    """
    plan = _PLANS.get(id(patterns))
    if plan is None or plan[0] is not patterns:
        plan = _PLANS[id(patterns)] = (patterns, _plan(patterns))
    for pattern in plan[1]:
        if pattern.search(line):
            return True
    return False


def _plan(patterns: tuple[Pattern, ...]) -> tuple[Pattern, ...]:
    anchored: dict[int, list[str]] = {}
    rest = []
    for pattern in patterns:
        if pattern.pattern.startswith("^"):
            anchored.setdefault(pattern.flags, []).append(pattern.pattern[1:])
        else:
            rest.append(pattern)
    joined = [
        re.compile("^(?:" + "|".join(f"(?:{body})" for body in bodies) + ")", flags)
        for flags, bodies in sorted(anchored.items())
    ]
    return tuple(joined + rest)


_PLANS: dict[int, tuple[tuple, tuple[Pattern, ...]]] = {}
"""By ``id`` of the rule tuple (hashing compiled patterns is slow); the tuple is kept to check it."""


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
    max_lines: int | None = None
    """Lines past this many are body (a one-paragraph synopsis when the next label is missing)."""


BODY = Section(re.compile(r"(?!)"), "body")
"""Where the lines after a full ``max_lines`` section go."""


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
    """Remove each credit line, and the caption line right before it when that caption sits
    between paragraphs (a short line after a long one); a credit right under the title leaves
    the title alone."""
    if credit is None:
        return lines
    out: list[str] = []
    for line in lines:
        if credit.search(line):
            if len(out) >= 2 and is_heading_like(out[-1]) and len(out[-2]) >= CAPTION_AFTER_CHARS:
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
                    setattr(
                        record,
                        rule.target,
                        [v.strip() for v in value.split(rule.split) if v.strip()] if rule.split else value,
                    )
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
            current, content = sections[-1]
            if current.max_lines is not None and len(content) >= current.max_lines:
                sections.append((BODY, []))
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
                rest = rest[:i] + rest[i + 1 :]
                break
    if not record.title and rules.title_before is not None:
        for i, line in enumerate(rest):
            if rules.title_before.search(line) and i > 0:
                record.title = rest[i - 1]
                rest = rest[: i - 1] + rest[i + 1 :]
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
    record = Record(id="", title="", source=Source("", "", rules.name), publisher=rules.publisher, kind=rules.kind)
    lines = cut_article(lines, rules)
    lines = drop_repeated_runs(drop_twin_lines(lines))
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
