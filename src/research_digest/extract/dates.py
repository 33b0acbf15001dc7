"""Find time expressions in a sentence and turn them into ISO partial dates with a precision.

Our own grammar finds the spans (``DATE_RULES``, most specific first); a library would invent
what the text does not say (``dateparser`` gives "In July that year" the current year and reads
"a €55" as 2055). Each expression keeps its own words (``when``) and gets one of these kinds:

* ``absolute``: the text names the date (``In 2012``, ``May 9, 2025``, ``the early 2020s``);
* ``anaphoric``: the year comes from the sentences before (``In July that year``, ``In October``,
  ``the following year``), kept as a running reference (``DateContext``) while reading the body
  in order; with no reference year the expression has no date rather than a guessed one;
* ``deictic``: relative to the page's publication date (``last year``, ``earlier this year``,
  ``on Tuesday``, ``yesterday``, ``last week``, ``last spring``, ``October 26 this year``);
* ``bound``: a date the happening is before or after (``since 2014``, ``by 2030``): the date is
  kept, but it does not date an event (``since 2016, when a study concluded`` dates the study);
* ``attributive``: a date that names or qualifies a thing (``the 1951 Treaty``, ``the October
  2025 measures``, ``after the July 2023 coup``): it dates the thing, not the clause;
* ``relative``: an order without a date (``Subsequently``, ``after a five-year hiatus``);
* ``vague``: no date and no order (``recently``, ``In recent years``).

Precision is never finer than the words: ``early January 2026`` is a month, ``mid-2023`` a year.
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass

MONTHS = {
    "january": 1,
    "february": 2,
    "march": 3,
    "april": 4,
    "may": 5,
    "june": 6,
    "july": 7,
    "august": 8,
    "september": 9,
    "october": 10,
    "november": 11,
    "december": 12,
    "jan": 1,
    "feb": 2,
    "mar": 3,
    "apr": 4,
    "jun": 6,
    "jul": 7,
    "aug": 8,
    "sep": 9,
    "sept": 9,
    "oct": 10,
    "nov": 11,
    "dec": 12,
}
NUMBER_WORDS = {
    "a": 1,
    "one": 1,
    "two": 2,
    "three": 3,
    "four": 4,
    "five": 5,
    "six": 6,
    "seven": 7,
    "eight": 8,
    "nine": 9,
    "ten": 10,
}

_MONTH = (
    r"(?:January|February|March|April|May|June|July|August|September|October|November|December"
    r"|(?:Jan|Feb|Mar|Apr|Jun|Jul|Aug|Sept|Sep|Oct|Nov|Dec)\.?)"
)
_FULL_MONTH = r"(?:January|February|March|April|May|June|July|August|September|October|November|December)"
_YEAR = r"(?:1[89]\d\d|20\d\d)"
_DAY = r"(?:[0-2]?\d|3[01])(?:st|nd|rd|th)?"
_WEEKDAY = r"(?:(?:Mon|Tues|Wednes|Thurs|Fri|Satur|Sun)day,?\s+)"
_PART = r"(?:(?:early|mid|late)[\s-]+|the\s+(?:beginning|start|end|middle)\s+of\s+)"
_SEASON = (
    r"(?:(?:the\s+)?(?:spring|summer|autumn|fall|winter|first\s+half|second\s+half|"
    r"(?:first|second|third|fourth)\s+quarter)\s+(?:of\s+)?|Q[1-4]\s+|H[12]\s+)"
)
_PREP = (
    r"(?:(?:[Ii]n|[Oo]n|[Dd]uring|[Tt]hroughout|[Aa]s\s+of|[Ff]rom|[Aa]round|[Bb]y|[Ss]ince|[Uu]ntil|"
    r"[Tt]ill|[Bb]efore|[Aa]fter|[Ii]nto|[Bb]etween|[Pp]rior\s+to|[Ee]arly\s+in|[Ll]ate\s+in|"
    r"[Ll]ater\s+in|[Ee]arlier\s+in)\s+)"
)
_NUM = r"(?:a|one|two|three|four|five|six|seven|eight|nine|ten|\d+)"
_SEASON_WORD = r"(?P<season>spring|summer|autumn|fall|winter)"
SEASON_START = {"spring": 3, "summer": 6, "autumn": 9, "fall": 9, "winter": 12}
"""The month a season begins (northern hemisphere): ``the following spring`` after December 2024 is 2025."""
WEEKDAYS = {"monday": 0, "tuesday": 1, "wednesday": 2, "thursday": 3, "friday": 4, "saturday": 5, "sunday": 6}

BOUND_PREPOSITIONS = ("by", "since", "until", "till", "before", "after", "into", "prior to", "from")
"""A date after one of these bounds the happening; it is not the happening's date."""

YEAR_GUARD_AFTER = re.compile(
    r"(?:\s*(?:%|per\s*cent|percent|km|kilomet|miles?\b|tonnes|tons\b|troops|soldiers|people|MW|GW|"
    r"metres|meters|feet|barrels|kg\b|dollars|euros|billion|million)|[\w%]|[.,]\d)",
    re.I,
)
"""What after a four-digit number shows it is a quantity, not a year."""

CITATION_BEFORE_RE = re.compile(r"\([^()]*[A-Z][\w’'-]+(?:\s+et\s+al\.|\s+(?:and|&)\s+[A-Z][\w’'-]+)?,?\s*$")
CITATION_AFTER_RE = re.compile(r"[a-z]?(?:\s*[:,]\s*(?:pp?\.\s*)?\d+(?:[–-]\d+)?)?\s*[;)]")
"""``(Smith 2019)``, ``(Hauksdóttir and Thorhallsson, 2025: 12)``: a reference, not a date in the story."""

SUBJECT_BEFORE_RE = re.compile(r"(?:^|[,;:]\s*|\b(?:and|but|while|whereas|when|as|after\s+which)\s+)$", re.I)
NOUN_AFTER_RE = re.compile(r"\s+([a-z][a-z-]+)\b")
NOT_NOUNS = frozenset("and or to in on at by was were is are had has have when as with for of after before".split())
"""Words after a date that show it is not a modifier (``the 2019 and 2020 floods`` aside)."""

ATTRIBUTIVE_BEFORE = frozenset({"the", "a", "an", "its", "their", "his", "her", "our", "this", "that"})
"""``the 1951 Mutual Defense Treaty``: a year between one of these and a name names the thing."""

NOT_YEAR_AFTER_WORDS = frozenset(
    {
        "resolution",
        "article",
        "section",
        "flight",
        "route",
        "no",
        "number",
        "vision",
        "agenda",
        "page",
        "pp",
        "chapter",
        "model",
        "type",
        "unit",
        "squadron",
        "regiment",
        "brigade",
        "division",
        "paragraph",
        "code",
    }
)
"""A number after one of these words is a label (``Resolution 2231``, ``Vision 2030``)."""


@dataclass(frozen=True)
class TimeExpression:
    start: int
    end: int
    text: str
    """The words of the text, preposition included (``In July that year``)."""
    kind: str
    date: str | None = None
    precision: str | None = None
    end_date: str | None = None

    @property
    def dates_event(self) -> bool:
        """Whether this expression gives the date (or order) of a happening."""
        return self.kind in ("absolute", "anaphoric", "deictic", "relative")


@dataclass
class DateContext:
    """The running reference while reading a text in order: the last year (and month) named."""

    year: int | None = None
    month: int | None = None
    day: int | None = None
    named: bool = False
    """Whether the text has named any year yet (after a range the reference is unknown, not absent)."""
    published: str | None = None
    """The page's publication date, for ``last year`` and ``this month``."""
    paragraph: int = 0
    """The paragraph being read (the caller counts them)."""
    fine: tuple[int, int, int | None] | None = None
    """The last reference with a month: ``A month later`` after a look back to a bare year counts from it."""
    set_in: int = 0
    """The paragraph where the reference was named: a bare year's reach ends with its paragraph."""


@dataclass(frozen=True)
class _Rule:
    name: str
    pattern: re.Pattern
    kind: str
    triggers: tuple[str, ...]
    """Cheap tests (``_TRIGGERS`` names) the sentence must all pass before the full pattern is tried."""


_TRIGGERS: dict[str, tuple[str, ...]] = {
    "month": ("jan", "feb", "mar", "apr", "may", "jun", "jul", "aug", "sep", "oct", "nov", "dec"),
    "season": ("spring", "summer", "autumn", "fall", "winter", "half", "quarter", "q1", "q2", "q3", "q4", "h1", "h2"),
    "unit": ("year", "month", "week", "day", "evening", "night", "morning", "afternoon"),
    "later": (
        "later",
        "earlier",
        "afterwards",
        "before",
        "next",
        "following",
        "previous",
        "same",
        "that",
        "end",
        "beginning",
        "start",
        "middle",
    ),
    "deixis": ("this", "last", "next", "past", "yesterday"),
    "weekday": ("monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday"),
    "relative": (
        "subsequent",
        "afterward",
        "thereafter",
        "shortly",
        "soon",
        "later",
        "hiatus",
        "pause",
        "break",
        "gap",
        "lull",
        "interval",
        "absence",
    ),
    "vague": (
        "recent",
        "lately",
        "nowadays",
        "currently",
        "present",
        "histor",
        "past",
        "coming",
        "future",
        "for years",
        "for decades",
    ),
}
"""Words a rule's match must contain (lower-cased substrings). Most sentences have no date: these
let the grammar skip them without running every pattern."""
_DIGIT_RE = re.compile(r"\d")
_YEAR_HINT_RE = re.compile(r"(?:1[89]|20)\d\d")


def _rule(name: str, pattern: str, kind: str = "absolute", flags: int = 0, trigger: str = "digit") -> _Rule:
    compiled = re.compile(rf"(?<![\w-]){pattern}(?![\w-])", flags)
    return _Rule(name, compiled, kind, tuple(trigger.split("+")))


DATE_RULES: tuple[_Rule, ...] = (
    _rule(
        "day_range",
        rf"(?P<d1>{_DAY})\s*(?:[–-]|to|and)\s*(?P<d2>{_DAY})\s+(?P<mon>{_MONTH}),?\s+(?P<year>{_YEAR})",
        trigger="year+month",
    ),
    _rule(
        "day_month_year",
        rf"{_WEEKDAY}?(?P<part>{_PART})?(?P<d1>{_DAY})\s+(?:of\s+)?(?P<mon>{_MONTH}),?\s+(?P<year>{_YEAR})",
        trigger="year+month",
    ),
    _rule(
        "month_day_year",
        rf"{_WEEKDAY}?(?P<part>{_PART})?(?P<mon>{_MONTH})\s+(?P<d1>{_DAY}),?\s+(?P<year>{_YEAR})",
        trigger="year+month",
    ),
    _rule(
        "month_list_year",
        rf"(?P<mon>{_MONTH})(?:,\s*{_MONTH})*,?\s+and\s+(?P<mon2>{_MONTH}),?\s+(?P<year>{_YEAR})",
        trigger="year+month",
    ),
    _rule(
        "month_range_year",
        rf"(?P<mon>{_MONTH})\s*(?:and|to|until|–|-)\s*(?P<mon2>{_MONTH}),?\s+(?:of\s+)?(?P<year>{_YEAR})",
        trigger="year+month",
    ),
    _rule("month_year", rf"(?P<part>{_PART})?(?P<mon>{_MONTH}),?\s+(?:of\s+)?(?P<year>{_YEAR})", trigger="year+month"),
    _rule("season_year", rf"{_SEASON}(?P<year>{_YEAR})", trigger="year+season"),
    _rule(
        "year_range", rf"(?P<year>{_YEAR})\s*(?:and|to|until|through|–|-|/)\s*(?P<year2>{_YEAR}|\d\d)", trigger="year"
    ),
    _rule("decade", r"(?:the\s+)?(?:(?:early|mid|late)[\s-]+)?(?P<decade>(?:1[89]|20)\d0)(?:s|’s|'s)", trigger="digit"),
    _rule("part_year", rf"(?P<part>{_PART})(?P<year>{_YEAR})", trigger="year"),
    _rule("year", rf"(?P<year>{_YEAR})", trigger="year"),
    _rule(
        "month_this_year",
        rf"(?:(?P<d1>{_DAY})\s+(?:of\s+)?)?(?P<mon>{_FULL_MONTH})(?:\s+(?P<d2>[0-2]?\d|3[01])(?:st|nd|rd|th)?)?,?\s+"
        r"(?:of\s+)?(?P<which>this|last|next)\s+year",
        "deictic",
        trigger="month+deixis",
    ),
    _rule(
        "weekday",
        r"(?:(?P<which>last|this\s+past)\s+)?(?P<weekday>(?:Mon|Tues|Wednes|Thurs|Fri|Satur|Sun)day)(?!,?\s+\d)",
        "deictic",
        trigger="weekday",
    ),
    _rule("yesterday", r"(?P<which>yesterday)", "deictic", re.I, trigger="deixis"),
    _rule("season_deictic", rf"(?P<which>last|this|next)\s+{_SEASON_WORD}", "deictic", re.I, trigger="deixis+season"),
    _rule(
        "season_that",
        rf"(?P<which>the\s+following|the\s+next|the\s+previous|that)\s+{_SEASON_WORD}(?!\s+(?:of\s+)?\d)",
        "anaphoric",
        re.I,
        trigger="season",
    ),
    _rule("season_alone", rf"the\s+{_SEASON_WORD}(?!\s+(?:of\s+)?\d)", "anaphoric", trigger="season"),
    _rule(
        "month_that_year",
        rf"(?P<part>{_PART})?(?P<mon>{_FULL_MONTH})\s+(?:of\s+)?(?P<which>that|the\s+same|the\s+following|the\s+next|the\s+previous)\s+year",
        "anaphoric",
        trigger="month",
    ),
    _rule(
        "that_month",
        rf"(?P<which>that|the\s+following|the\s+next|the\s+previous)\s+(?P<mon>{_FULL_MONTH})",
        "anaphoric",
        trigger="month",
    ),
    _rule("day_month", rf"(?P<d1>{_DAY})\s+(?:of\s+)?(?P<mon>{_FULL_MONTH})(?!,?\s+\d)", "anaphoric", trigger="month"),
    _rule(
        "month_day",
        rf"(?P<mon>{_FULL_MONTH})\s+(?P<d1>[0-2]?\d|3[01])(?:st|nd|rd|th)?(?!,?\s*\d)(?![\w-])",
        "anaphoric",
        trigger="month",
    ),
    _rule("month_alone", rf"(?P<part>{_PART})?(?P<mon>{_FULL_MONTH})", "anaphoric", trigger="month"),
    _rule(
        "that_year",
        r"(?:(?P<part>later|earlier|early|late)\s+(?:in\s+)?)?(?P<which>that|the\s+same|the\s+following|the\s+next|the\s+previous|the\s+preceding)\s+year",
        "anaphoric",
        re.I,
        trigger="unit+later",
    ),
    _rule(
        "same_month",
        r"(?:(?P<part>later|earlier)\s+(?:in\s+)?)?(?:(?:at|by|towards?)\s+the\s+(?:end|beginning|start|middle)\s+of\s+|in\s+)?"
        r"(?P<which>that|the\s+same)\s+month|(?:at|by|towards?)\s+the\s+(?:end|beginning|start|middle)\s+of\s+the\s+month",
        "anaphoric",
        re.I,
        trigger="unit+later",
    ),
    _rule(
        "same_day",
        r"(?:(?:later|earlier)\s+)?(?:on\s+)?(?:that|the\s+same)\s+(?:day|evening|night|morning|afternoon)",
        "anaphoric",
        re.I,
        trigger="unit+later",
    ),
    _rule(
        "units_later",
        rf"(?P<count>{_NUM})\s+(?P<unit>day|week|month|year)s?\s+(?P<dir>later|earlier|afterwards|before)",
        "anaphoric",
        re.I,
        trigger="unit+later",
    ),
    _rule(
        "next_unit",
        r"(?P<which>the\s+next|the\s+following|the\s+previous)\s+(?P<unit>day|week|month)",
        "anaphoric",
        re.I,
        trigger="unit+later",
    ),
    _rule(
        "this_year",
        r"(?:(?:later|earlier)\s+)?(?P<which>this|last|next|the\s+past)\s+(?P<unit>year|month|week)",
        "deictic",
        re.I,
        trigger="deixis",
    ),
    _rule(
        "relative",
        r"(?:subsequently|afterwards|thereafter|shortly\s+(?:after(?:wards)?|thereafter)|soon\s+after(?:wards)?|"
        r"(?:a\s+few|several)\s+(?:days|weeks|months|years)\s+later|(?:days|weeks|months|years)\s+later|"
        r"later\s+that\s+week|"
        r"after\s+an?\s+(?:[\w-]+\s+)?(?:hiatus|pause|break|gap|lull|interval|absence))",
        "relative",
        re.I,
        trigger="relative",
    ),
    _rule(
        "vague",
        r"(?:recently|lately|nowadays|currently|at\s+present|historically|in\s+the\s+past|"
        r"in\s+recent\s+(?:years|months|weeks|decades)|over\s+the\s+(?:past|last)\s+(?:few\s+|two\s+|three\s+|several\s+)?"
        r"(?:years|months|weeks|decades?)|in\s+the\s+coming\s+(?:years|months|decades)|"
        r"in\s+the\s+(?:near|distant)\s+future|for\s+(?:years|decades))",
        "vague",
        re.I,
        trigger="vague",
    ),
)
"""The grammar, most specific first: where two matches overlap the longer wins, then the earlier rule."""

MONTH_ALONE_PREPOSITIONS = (
    "in",
    "on",
    "during",
    "by",
    "since",
    "until",
    "till",
    "before",
    "after",
    "early in",
    "late in",
    "later in",
    "earlier in",
    "from",
    "throughout",
)
"""A month name with no year needs one of these before it: ``May`` alone is usually the verb."""


WHEN_AFTER_RE = re.compile(r",?\s+when\s")
PREP_TAIL_RE = re.compile(rf"(?<![\w-]){_PREP}$")
"""The preposition just before a match (``In`` 2012): found apart, so the patterns stay fast."""


@dataclass(frozen=True)
class _Hit:
    rule: _Rule
    m: re.Match
    start: int
    """Where the expression starts, preposition included."""
    prep: str
    """The preposition, spaces normalised (``early in``), or empty."""

    @property
    def end(self) -> int:
        return self.m.end()


def find_time_expressions(sentence: str, context: DateContext | None = None) -> list[TimeExpression]:
    """Every time expression in ``sentence``, in order; ``context`` is read and updated as we go."""
    context = context if context is not None else DateContext()
    found: list[TimeExpression] = []
    for hit in _match_rules(sentence):
        expression = _resolve(hit, sentence, context)
        if expression is not None:
            found.append(expression)
            _update_context(context, expression)
    return found


def _match_rules(sentence: str) -> list[_Hit]:
    """All rule matches, overlaps resolved: the longer span wins, then the earlier rule."""
    candidates = []
    present = _present_triggers(sentence)
    for order, rule in enumerate(DATE_RULES):
        if not all(trigger in present for trigger in rule.triggers):
            continue
        for m in rule.pattern.finditer(sentence):
            tail = PREP_TAIL_RE.search(sentence, max(0, m.start() - 24), m.start())
            hit = _Hit(rule, m, tail.start() if tail else m.start(), " ".join(tail.group(0).split()) if tail else "")
            if _is_plausible(hit, sentence):
                candidates.append((hit.start - hit.end, hit.start, order, hit))
    candidates.sort(key=lambda c: c[:3])
    taken = bytearray(len(sentence))  # 1 where a chosen expression lies: overlap tests stay linear
    chosen = []
    for _, start, _, hit in candidates:
        if 1 in taken[start : hit.end]:
            continue
        taken[start : hit.end] = b"\x01" * (hit.end - start)
        chosen.append(hit)
    return sorted(chosen, key=lambda h: h.start)


def _present_triggers(sentence: str) -> set[str]:
    """Which cheap tests the sentence passes: substring checks, far faster than the full patterns."""
    lower = sentence.lower()
    present = {name for name, words in _TRIGGERS.items() if any(word in lower for word in words)}
    if _DIGIT_RE.search(sentence):
        present.add("digit")
        if _YEAR_HINT_RE.search(sentence):
            present.add("year")
    return present


def _is_plausible(hit: _Hit, sentence: str) -> bool:
    """Guards that keep quantities, labels and the verb ``may`` out."""
    rule, m, prep = hit.rule, hit.m, hit.prep
    if rule.name in ("year", "year_range", "part_year"):
        if YEAR_GUARD_AFTER.match(sentence, m.end()):
            return False
        before = sentence[max(0, m.start() - 40) : m.start()].rstrip()
        if before.endswith(("€", "$", "£", "¥", "#", "US$", "No.")):
            return False
        if CITATION_BEFORE_RE.search(sentence, max(0, m.start() - 80), m.start()) and CITATION_AFTER_RE.match(
            sentence, m.end()
        ):
            return False
        words = re.findall(r"[\w.]+$", before[-40:])
        if words and words[0].rstrip(".").lower() in NOT_YEAR_AFTER_WORDS and not prep:
            return False
    if rule.name in ("month_alone", "day_month", "month_day") and prep.lower() not in MONTH_ALONE_PREPOSITIONS:
        return False
    if rule.name == "weekday" and not m.group("which") and prep.lower() != "on":
        return False  # "Monday" alone is often a name or a habit ("Monday's talks", "every Monday")
    if rule.name == "season_alone" and prep.lower() not in ("in", "during", "early in", "late in", "later in"):
        return False
    if rule.name == "year_range" and m.group("year2") and len(m.group("year2")) == 2:
        return int(m.group("year2")) > int(m.group("year")[2:])
    return True


def _resolve(hit: _Hit, sentence: str, context: DateContext) -> TimeExpression | None:
    """Turn one match into a TimeExpression, taking missing years from the context."""
    rule, m = hit.rule, hit.m
    g = m.groupdict()
    text = sentence[hit.start : hit.end]
    prep = hit.prep.lower()
    kind = "bound" if prep in BOUND_PREPOSITIONS else rule.kind
    if rule.name == "this_year" and " ".join(g["which"].split()).lower() == "the past":
        kind = "vague"  # "most of the past year": a span up to now, not a date
    if kind == "bound" and prep == "since" and WHEN_AFTER_RE.match(sentence, hit.end):
        kind = rule.kind  # "since 2016, when a RAND study concluded": the year dates the when-clause
    if rule.kind == "absolute" and not prep and _is_attributive(rule, sentence, m):
        kind = "attributive"
    part = (g.get("part") or "").strip()
    date = precision = end = None
    if rule.kind == "absolute" and rule.name == "decade":
        date, precision = g["decade"], "decade"
    elif rule.kind == "absolute":
        year = int(g["year"])  # every absolute rule but "decade" requires its year group
        if rule.name == "year_range":
            y2 = g["year2"]
            y2 = int(y2) if len(y2) == 4 else year // 100 * 100 + int(y2)
            if y2 <= year:
                return None
            date, precision, end = str(year), "year", str(y2)
        elif g.get("mon"):
            month = MONTHS[g["mon"].rstrip(".").lower()]
            if g.get("d1") and not part:
                day = int(g["d1"].rstrip("stndrh"))
                if not _valid_day(year, month, day):
                    return None
                date, precision = f"{year:04d}-{month:02d}-{day:02d}", "day"
                if g.get("d2"):
                    end = f"{year:04d}-{month:02d}-{int(g['d2'].rstrip('stndrh')):02d}"
            else:
                date, precision = f"{year:04d}-{month:02d}", "month"
                if g.get("mon2"):
                    end = f"{year:04d}-{MONTHS[g['mon2'].rstrip('.').lower()]:02d}"
        else:
            date, precision = str(year), "year"
    elif rule.kind == "anaphoric":
        date, precision = _resolve_anaphora(rule, g, context)
    elif rule.kind == "deictic":
        date, precision = _resolve_deixis(rule, g, context)
    return TimeExpression(hit.start, hit.end, text, kind, date, precision, end)


def _is_attributive(rule: _Rule, sentence: str, m: re.Match) -> bool:
    """A date that names or qualifies a thing rather than dating the clause.

    ``the 1982 Convention`` (a year between a determiner and a name), ``the Svalbard Treaty of
    1920``, ``the events of January 2026`` (a date after ``of``).
    """
    before = re.findall(r"(\w+)\s+(\w+)\s+$", sentence[max(0, m.start() - 40) : m.start()])
    if before and before[0][1] == "of":  # "the Svalbard Treaty of 1920", not "the election of 26 October 2024"
        return before[0][0][:1].isupper()
    before = [pair[1] for pair in before] or re.findall(r"(\w+)\s+$", sentence[max(0, m.start() - 40) : m.start()])
    after = sentence[m.end() : m.end() + 2]
    if not before or before[0].lower() not in ATTRIBUTIVE_BEFORE or len(after) < 2 or not after[0].isspace():
        return False
    if rule.name == "year" and after[1].isupper():
        return True
    # "paused the October 2025 measures", "after the July 2023 coup": a date between a determiner and a
    # common noun, in a phrase governed by a verb or preposition. As the clause's subject ("and the
    # 2016 arbitral award found") the thing is the happening, and its date dates the clause.
    noun = NOUN_AFTER_RE.match(sentence, m.end())
    if rule.name not in ("year", "month_year") or noun is None or noun.group(1).lower() in NOT_NOUNS:
        return False
    determiner_at = sentence.rfind(before[0], max(0, m.start() - 40), m.start())
    return not SUBJECT_BEFORE_RE.search(sentence[max(0, determiner_at - 40) : determiner_at])


def _resolve_anaphora(rule: _Rule, g: dict, context: DateContext) -> tuple[str | None, str | None]:
    """A date whose year the text gave before.

    A bare month or season (``In October``, ``in the summer``) is read as a reader reads it: after a
    month named before, the next such month (the story moves forward); after a bare year named in
    the same paragraph, that year; otherwise, and whenever that would fall after the publication
    date, the latest such month up to the publication date. Anything else without a reference has
    no date.
    """
    if rule.name in BARE_RULES:
        return _resolve_bare(rule, g, context)
    if context.year is None:
        return None, None
    which = " ".join((g.get("which") or "that").split()).lower()
    shift = {"the following": 1, "the next": 1, "the previous": -1, "the preceding": -1}.get(which, 0)
    if rule.name in ("units_later", "next_unit"):
        return _shift(context, g)
    if rule.name == "same_month":
        return (f"{context.year:04d}-{context.month:02d}", "month") if context.month else (None, None)
    if rule.name == "same_day":
        if context.month is None or context.day is None:
            return None, None
        return f"{context.year:04d}-{context.month:02d}-{context.day:02d}", "day"
    if rule.name == "season_that":
        start = SEASON_START[g["season"].lower()]
        if shift > 0:
            return str(context.year + (1 if context.month is None or context.month >= start else 0)), "year"
        if shift < 0:
            return str(context.year - (1 if context.month is None or context.month < start + 3 else 0)), "year"
        return str(context.year), "year"
    year = context.year + shift
    if g.get("mon"):
        month = MONTHS[g["mon"].lower()]
        if rule.name == "that_month" and shift:
            return None, None  # "the following March": next year's or this one's? The text does not say.
        if g.get("d1"):
            day = int(g["d1"].rstrip("stndrh"))
            if not _valid_day(year, month, day):
                return None, None
            return f"{year:04d}-{month:02d}-{day:02d}", "day"
        return f"{year:04d}-{month:02d}", "month"
    return str(year), "year"


BARE_RULES = frozenset({"month_alone", "day_month", "month_day", "season_alone"})


def _resolve_bare(rule: _Rule, g: dict, context: DateContext) -> tuple[str | None, str | None]:
    """``In October``, ``on 6 October``, ``in the summer``: see ``_resolve_anaphora``."""
    month = SEASON_START[g["season"].lower()] if rule.name == "season_alone" else MONTHS[g["mon"].lower()]
    published = context.published if context.published and len(context.published) >= 7 else None
    year: int | None
    if context.year is None:
        if context.named or not published:
            return None, None
        year = _latest_year_for(month, published).year
    elif context.month is not None:
        year = context.year if month >= context.month else context.year + 1
    elif context.set_in == context.paragraph or not published:
        year = context.year
    else:
        year = _latest_year_for(month, published).year
    if published and year is not None and (year, month) > (int(published[:4]), int(published[5:7])):
        year = _latest_year_for(month, published).year
    assert year is not None
    if rule.name == "season_alone":
        return str(year), "year"
    if g.get("d1"):
        day = int(g["d1"].rstrip("stndrh"))
        if not _valid_day(year, month, day):
            return None, None
        return f"{year:04d}-{month:02d}-{day:02d}", "day"
    return f"{year:04d}-{month:02d}", "month"


def _latest_year_for(month: int, published: str) -> DateContext:
    """A context whose year puts ``month`` at or before the publication month."""
    year, pub_month = int(published[:4]), int(published[5:7])
    return DateContext(year=year if month <= pub_month else year - 1)


def _shift(context: DateContext, g: dict) -> tuple[str | None, str | None]:
    """``two days later``, ``the following month``: the reference moved by whole units, at its precision."""
    if context.year is None:  # nothing to move from (the caller checks this too)
        return None, None
    if g.get("count"):
        count = g["count"].lower()
        n = NUMBER_WORDS.get(count) or int(count)
        n = n if g["dir"].lower() in ("later", "afterwards") else -n
    else:
        n = -1 if "previous" in g["which"].lower() else 1
    unit = g["unit"].lower()
    if unit == "year":
        return str(context.year + n), "year"
    if context.month is None and context.fine is not None and context.fine[0] >= context.year:
        # "the most serious since the standoff in 2012 ... A month later": the look back to a bare,
        # earlier year does not move the story's month
        context = DateContext(year=context.fine[0], month=context.fine[1], day=context.fine[2])
    if context.year is None:
        return None, None
    if unit == "month":
        if context.month is None:
            return None, None
        year, month = context.year + (context.month - 1 + n) // 12, (context.month - 1 + n) % 12 + 1
        return f"{year:04d}-{month:02d}", "month"
    if context.month is None or context.day is None:
        return None, None
    day = dt.date(context.year, context.month, context.day) + dt.timedelta(days=n * (7 if unit == "week" else 1))
    if unit == "week":  # a week is not a day: "the following week" after 1 April 2025 is April 2025
        return day.isoformat()[:7], "month"
    return day.isoformat(), "day"


def _resolve_deixis(rule: _Rule, g: dict, context: DateContext) -> tuple[str | None, str | None]:
    """``last year``, ``on Tuesday``, ``yesterday``, ``last spring``: counted from the publication date.

    A weekday is the latest such day up to the publication date (``on Monday`` in a Wednesday's
    news is two days before); ``last week`` is a week, which no precision holds, so its month.
    """
    published = context.published
    if not published or (g.get("which") or "").lower() == "the past":
        return None, None
    year = int(published[:4])
    which = " ".join((g.get("which") or "").split()).lower()
    shift = {"last": -1, "next": 1}.get(which, 0)
    if rule.name == "month_this_year":
        month = MONTHS[g["mon"].lower()]
        day = g.get("d1") or g.get("d2")
        if day:
            day_n = int(day.rstrip("stndrh"))
            return (
                (f"{year + shift:04d}-{month:02d}-{day_n:02d}", "day")
                if _valid_day(year + shift, month, day_n)
                else (None, None)
            )
        return f"{year + shift:04d}-{month:02d}", "month"
    if rule.name == "season_deictic":
        start = SEASON_START[g["season"].lower()]
        if which == "last":  # the latest such season that has ended by the publication month
            return str(year if len(published) >= 7 and int(published[5:7]) >= start + 3 else year - 1), "year"
        return str(year + shift), "year"
    if len(published) < 10:
        return _resolve_unit_deixis(g, context, year, shift) if rule.name == "this_year" else (None, None)
    today = dt.date.fromisoformat(published)
    if rule.name == "yesterday":
        return (today - dt.timedelta(days=1)).isoformat(), "day"
    if rule.name == "weekday":
        back = (today.weekday() - WEEKDAYS[g["weekday"].lower()]) % 7
        if which and back == 0:
            back = 7
        return (today - dt.timedelta(days=back)).isoformat(), "day"
    if g.get("unit", "").lower() == "week":
        if which == "this":
            return published[:7], "month"
        if which in ("last", "next"):
            day = today + dt.timedelta(days=7 * shift)
            return day.isoformat()[:7], "month"
        return None, None
    return _resolve_unit_deixis(g, context, year, shift)


def _resolve_unit_deixis(g: dict, context: DateContext, year: int, shift: int) -> tuple[str | None, str | None]:
    """``last year``, ``this month``."""
    published = context.published or ""
    unit = g["unit"].lower()
    if unit == "year":
        return str(year + shift), "year"
    if unit != "month" or len(published) < 7:
        return None, None
    month = int(published[5:7]) + shift
    year, month = year + (month - 1) // 12, (month - 1) % 12 + 1
    return f"{year:04d}-{month:02d}", "month"


def _valid_day(year: int, month: int, day: int) -> bool:
    days = [31, 29 if year % 4 == 0 and (year % 100 or year % 400 == 0) else 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31]
    return 1 <= day <= days[month - 1]


def _update_context(context: DateContext, expression: TimeExpression) -> None:
    """A named year (or month) becomes the reference for later ``that year`` / ``In October``."""
    if expression.kind not in ("absolute", "anaphoric", "deictic") or not expression.date:
        return
    if expression.precision == "decade":
        return
    context.named = True
    if expression.end_date:  # "In 2024 and 2025": a later "that year" could mean either
        context.year, context.month, context.day = None, None, None
        return
    context.year = int(expression.date[:4])
    context.set_in = context.paragraph
    context.month = int(expression.date[5:7]) if len(expression.date) >= 7 else None
    context.day = int(expression.date[8:10]) if len(expression.date) == 10 else None
    if context.month is not None:
        context.fine = (context.year, context.month, context.day)
