"""Facts read from page text: dates, people's names, bylines, citations, author notes.

Shared by every profile. Dates are read by our own patterns, not dateparser, which finds dates
in ordinary words (``May the``, ``a €55``) and fills missing parts from today (TOOLCHAIN.md);
a page's date is always written out, in one of a few styles.
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass

from research_digest.records.schema import Author

# ---------------------------------------------------------------- dates

MONTHS = {
    m: i
    for i, m in enumerate(
        (
            "january",
            "february",
            "march",
            "april",
            "may",
            "june",
            "july",
            "august",
            "september",
            "october",
            "november",
            "december",
        ),
        1,
    )
}
MONTHS.update({m[:3]: i for m, i in list(MONTHS.items())})
MONTHS["sept"] = 9
_MONTH = r"(?P<mon>Jan(?:uary)?|Feb(?:ruary)?|Mar(?:ch)?|Apr(?:il)?|May|June?|July?|Aug(?:ust)?|Sept?(?:ember)?|Oct(?:ober)?|Nov(?:ember)?|Dec(?:ember)?)\.?"  # noqa: E501 - one alternation, easier to read unbroken
DATE_PATTERNS = (
    re.compile(r"\b(?P<day>\d{1,2})(?:st|nd|rd|th)?\s+" + _MONTH + r",?\s+(?P<year>(?:19|20)\d\d)\b", re.I),
    re.compile(r"\b" + _MONTH + r"\s+(?P<day>\d{1,2})(?:st|nd|rd|th)?,?\s+(?P<year>(?:19|20)\d\d)\b", re.I),
    re.compile(r"\b(?P<year>(?:19|20)\d\d)-(?P<mnum>\d\d)-(?P<day>\d\d)(?!\d)"),
    re.compile(r"\b(?P<year>(?:19|20)\d\d)/(?P<mnum>\d\d)/(?P<day>\d\d)(?!\d)"),
    re.compile(r"(?<![\d.])(?P<day>\d{1,2})\.(?P<mnum>\d{1,2})\.(?P<year>(?:19|20)\d\d)(?![\d.]\d)"),
)
"""Day-precise dates in the styles pages use, most common first: ``06 February 2026``,
``February 6, 2026``, ``2026-02-06``, ``6 Feb 2026``, ``06.02.2026`` (the dotted form is
day-first wherever it is used). A bare ``02/06/2026`` is ambiguous (US or European order) and
deliberately not read."""

_YEAR = re.compile(r"(?:19|20)\d\d")
MONTH_YEAR = re.compile(r"\b" + _MONTH + r",?\s+(?P<year>(?:19|20)\d\d)\b", re.I)
"""A month-precise date (``June 2025``), read only where a day-precise one is missing (citations)."""

DATE_LINE_MAX_CHARS = 60
"""A line longer than this holding a date is a sentence that mentions a date, not a date line."""


def find_date(text: str) -> str | None:
    """The first day-precise date in ``text`` as ISO ``yyyy-mm-dd``, or None."""
    if not _YEAR.search(text):
        return None
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
    try:
        return dt.date(year, month or 0, day).isoformat()
    except ValueError:  # 31 February, month 13
        return None


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

NAME_PARTICLES = frozenset(
    (
        "van",
        "von",
        "de",
        "der",
        "den",
        "da",
        "del",
        "della",
        "di",
        "du",
        "la",
        "le",
        "bin",
        "binti",
        "binte",
        "al",
        "el",
        "ibn",
        "y",
        "dos",
        "das",
        "ter",
        "ten",
    )
)
NOT_NAME_WORDS = frozenset(
    (
        "about",
        "all",
        "analysis",
        "article",
        "back",
        "blog",
        "commentary",
        "comments",
        "contact",
        "donate",
        "download",
        "email",
        "events",
        "experts",
        "facebook",
        "follow",
        "full",
        "home",
        "latest",
        "linkedin",
        "login",
        "main",
        "menu",
        "more",
        "news",
        "newsletter",
        "next",
        "our",
        "pdf",
        "podcasts",
        "policy",
        "previous",
        "print",
        "programs",
        "publications",
        "read",
        "related",
        "report",
        "research",
        "search",
        "share",
        "sign",
        "subscribe",
        "the",
        "topics",
        "twitter",
        "up",
        "view",
        "watch",
        "work",
        "us",
        "institute",
        "program",
        "programme",
        "center",
        "centre",
        "university",
        "school",
        "council",
        "initiative",
        "project",
        "department",
        "ministry",
        "society",
        "foundation",
        "association",
        "agency",
        "office",
        "journal",
        "review",
        "press",
        "commission",
        "committee",
        "forum",
        "group",
        "network",
        "service",
        "studies",
    )
)
"""Words no person's name holds, so that ``Download PDF``, ``Read More`` or ``Polar Institute`` is never
an author."""
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
        if (
            not NAME_TOKEN.match(token)
            or not token[0].isupper()
            or token.lower() in NOT_NAME_WORDS
            or (len(token) > 3 and token.isupper())
        ):
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
    if match and text.isupper():  # "By JANE DOE": the site's style, not an acronym
        text = re.sub(r"\bAnd\b", "and", text.title())
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


# ---------------------------------------------------------------- author notes and republication

_SENTENCE_SPLIT = re.compile(r"(?<=[.!?”\"])(\s+)(?=[A-Z“\"])")
_ABBREVIATION = re.compile(r"(?:^|\s)(?:[A-Z]|Dr|Mr|Ms|Mrs|St|Jr|Sr|No|Vol|Gen|Col|Lt|Prof|Rev|U\.S|U\.K)\.$")
"""A piece ending like this (``S.`` of ``S. Rajaratnam``, ``Dr.``) does not end a sentence."""
_AFFILIATION = re.compile(
    r"^.{0,80}?\b(?:is|was|serves as|works as)\s+(?:(?:currently|also|now)\s+)?"
    r"(?:(?:a|an|the)\s+(?P<aff>.+?)|(?P<title>[A-Z].+?))\.?$"
)
"""The role in ``X is a Research Fellow …`` or ``X is Professor of …`` (no article, a capital)."""
_FIRST_PUBLISHED = re.compile(
    r"\b(?:(?:was|were|is)\s+(?:first\s+|originally\s+)?(?:published|appeared)|(?:first|originally)\s+(?:appeared|published))"
    r"\s+(?:on|in|by)\s+(?P<venue>(?:the\s+)?[A-Z][^,;]*?)(?:\s+on\s+(?P<date>\d{1,2}\s+[A-Z][a-z]+\.?,?\s+\d{4}|[A-Z][a-z]+\.?\s+\d{1,2},?\s+\d{4}))?"
    r"(?:[.,;]\s|[.,;]?$)"
)
"""``was published on China Dialogues on 4 February 2026``, ``first appeared in the Straits Times.``"""


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
            bare = _HONORIFIC.sub("", sentence)
            starts = next((a for a in authors if bare.startswith((a.name, a.name.split()[-1] + " "))), None)
            if starts is not None:
                owner = starts
            elif owner is None:
                owner = authors[0]
            notes[owner.name].append(sentence if sentence[-1:].isspace() else sentence + " ")
    for author in authors:
        if not notes[author.name]:
            continue
        author.bio = "".join(notes[author.name]).strip()
        match = _AFFILIATION.match(_HONORIFIC.sub("", notes[author.name][0].strip()))
        if match and not author.affiliation:
            author.affiliation = (match.group("aff") or match.group("title")).strip()


def find_first_published(text: str) -> tuple[str, str | None] | None:
    """``This commentary was published on China Dialogues on 4 February 2026`` → venue, date."""
    match = _FIRST_PUBLISHED.search(text)
    if not match:
        return None
    venue = re.sub(r"^the\s+", "", match.group("venue").strip())  # "in the Straits Times"; "The Diplomat" stays
    return venue, find_date(match.group("date") or "")
