"""The merged timeline: every event of every brief, one entry per happening, grouped honestly.

Two briefs often tell the same happening ("In October, China's Coast Guard announced its first
entry into Arctic Ocean waters" and "the China Coast Guard sailed into the Arctic Ocean for the
first time"). They are merged into one entry with both sources when all of these hold:

1. the same date and the same precision (``2024-10``/month): a month-only event is never merged
   with a dated day in that month, because we cannot know it is the same one;
2. their actors overlap (or neither names any);
3. their summaries share enough content words (``SIMILARITY_MIN`` of the shorter one, at least
   ``SHARED_WORDS_MIN`` words), after dropping stop words and plural ``s``.

Events of one brief are never merged with each other: a brief that tells two things on one day
means two things.

Grouping keeps the precision visible: a year-only event sits under its year ("2024, month not
given"), never under January; a decade sits before the years of that decade; undated events
come last, in the order their briefs tell them.

The site shows one page per year group (``timeline/2024/``, ``timeline/2020s/``,
``timeline/undated/``), each one ordered list numbered through the year's months, so a page
never grows with the corpus beyond one year's events; ``timeline/`` is the overview.
"""

from __future__ import annotations

import hashlib
import re
from dataclasses import dataclass, field

from research_digest.records.dates import MONTH_NAMES
from research_digest.records.dates import parts as date_parts
from research_digest.render.paginate import Page, paginate
from research_digest.render.site import EventRef

SIMILARITY_MIN = 0.5
"""Shared content words ÷ content words of the shorter summary. 0.5 merged every pair of
hand-checked retellings in tests/records while keeping two different patrols in one month apart."""
SHARED_WORDS_MIN = 3
"""Short summaries ("Russia protested.") would otherwise merge on one or two words."""

PAIRWISE_MAX = 200
"""Date buckets up to this size compare every pair (20,000 comparisons, a few milliseconds)."""
RARE_SHARE = 0.05
"""In bigger buckets, only words in at most this share of the bucket's events propose a pair."""

STOP_WORDS = frozenset(
    """a an the and or but of in on at to for from by with into onto over under near
that this these those its it their his her as was were is are be been being has have had which who
whom than then also after before during while year years month day""".split()
)

WORD_RE = re.compile(r"[^\W\d_]+", re.UNICODE)


@dataclass
class TimelineEntry:
    """One happening, told by one or more briefs."""

    date: str | None
    precision: str | None
    end: str | None
    refs: list[EventRef]
    """The tellings, sorted by brief id; the first one's summary is shown."""

    @property
    def summary(self) -> str:
        return self.refs[0].event.summary

    @property
    def actors(self) -> list[str]:
        return sorted({a for ref in self.refs for a in ref.event.actors})

    @property
    def places(self) -> list[str]:
        return sorted({p for ref in self.refs for p in ref.event.places})

    @property
    def label(self) -> str:
        event = self.refs[0].event
        if not self.date and event.after and event.when:  # placed after the event it follows
            return event.when[:1].upper() + event.when[1:]
        return date_label(self.date, self.precision, self.end)

    @property
    def anchor(self) -> str:
        """The entry's HTML id on its year page: stable while its first telling keeps its id."""
        first = self.refs[0]
        return "ev-" + hashlib.sha1(f"{first.record.id}\0{first.event.id}".encode()).hexdigest()[:10]


@dataclass
class MonthGroup:
    month: int | None
    """None: events known only to the year (or decade)."""
    label: str
    entries: list[TimelineEntry] = field(default_factory=list)


@dataclass
class YearGroup:
    key: str
    """``2024``, ``2020s`` or ``undated``; also the HTML id suffix."""
    label: str
    months: list[MonthGroup] = field(default_factory=list)

    @property
    def count(self) -> int:
        return sum(len(m.entries) for m in self.months)

    @property
    def entries(self) -> list[TimelineEntry]:
        """Every entry of the group in page order (year-only first, then month by month)."""
        return [e for m in self.months for e in m.entries]

    @property
    def url(self) -> str:
        return year_url(self.key)

    def rows(self) -> list[tuple[TimelineEntry, bool]]:
        """Entries with whether to print their date: a date is printed once, at the first of a run
        of entries with the same date (the others sit under it on the time axis)."""
        out, previous = [], None
        for entry in self.entries:
            out.append((entry, entry.label != previous))
            previous = entry.label
        return out

    def pages(self, page_size: int) -> list[Page[tuple[TimelineEntry, bool]]]:
        """The year's rows cut into pages of ``page_size`` (0: one page); each page prints the date
        of its first row, which may continue a run begun on the page before."""
        out = []
        for page in paginate(self.rows(), page_size, self.url):
            rows = list(page.items)
            if rows:
                rows[0] = (rows[0][0], True)
            out.append(Page(page.pager, rows))
        return out

    def entry_urls(self, page_size: int) -> dict[int, str]:
        """``id(entry)`` → the site path of the page of this year that lists it."""
        return {id(entry): page.pager.url for page in self.pages(page_size) for entry, _ in page.items}


@dataclass(frozen=True)
class YearSummary:
    """What the overview and the prev/next links show of a year group (not its events)."""

    key: str
    label: str
    count: int

    @property
    def url(self) -> str:
        return year_url(self.key)


def summarise(groups: list[YearGroup]) -> list[YearSummary]:
    return [YearSummary(g.key, g.label, g.count) for g in groups]


def year_url(key: str) -> str:
    """``timeline/2024/``: the page of one year group."""
    return f"timeline/{key}/"


def date_label(date: str | None, precision: str | None, end: str | None = None) -> str:
    """A date as precise as the text is: ``2024``, ``July 2024``, ``9 May 2025``, ``the 2020s``."""
    if not date:
        return "Undated"
    label = _one_date_label(date, precision)
    if end and end != date:
        label += " – " + _one_date_label(end, precision)
    return label


def _one_date_label(date: str, precision: str | None) -> str:
    parts = date.split("-")
    if precision == "decade":
        return f"the {parts[0][:3]}0s"
    if precision == "day" and len(parts) == 3:
        return f"{int(parts[2])} {MONTH_NAMES[int(parts[1]) - 1]} {parts[0]}"
    if precision in ("day", "month") and len(parts) >= 2:
        return f"{MONTH_NAMES[int(parts[1]) - 1]} {parts[0]}"
    return parts[0]


def content_words(text: str) -> frozenset[str]:
    """Lower-case words without stop words, a trailing plural ``s`` dropped (ships → ship)."""
    words = set()
    for word in WORD_RE.findall(text.lower().replace("’", "'")):
        if word in STOP_WORDS or len(word) < 2:
            continue
        words.add(word[:-1] if len(word) > 3 and word.endswith("s") and not word.endswith("ss") else word)
    return frozenset(words)


def is_same_happening(a: EventRef, b: EventRef, words: dict[int, frozenset[str]] | None = None) -> bool:
    """The merge rule of the module docstring, for two tellings from different briefs."""
    ea, eb = a.event, b.event
    if a.record.id == b.record.id or not ea.date or ea.date != eb.date or ea.precision != eb.precision:
        return False
    if (ea.actors or eb.actors) and not set(ea.actors) & set(eb.actors):
        return False
    wa = words[id(ea)] if words else content_words(ea.summary)
    wb = words[id(eb)] if words else content_words(eb.summary)
    shared = len(wa & wb)
    return shared >= SHARED_WORDS_MIN and shared >= SIMILARITY_MIN * min(len(wa), len(wb))


def candidate_pairs(members: list[int], words: list[frozenset[str]]) -> list[tuple[int, int]]:
    """Pairs of one date bucket worth comparing.

    Up to ``PAIRWISE_MAX`` events, every pair. Beyond that (a big corpus puts thousands of events
    in one year) only pairs sharing a word that is rare in the bucket (in at most ``RARE_SHARE`` of
    its events), found through an inverted index: near-every event of an Arctic corpus says
    "China" and "Arctic", and retellings of one happening share its particular words (Tu-95,
    memorandum, Aleutian).
    """
    if len(members) <= PAIRWISE_MAX:
        return [(i, j) for x, i in enumerate(members) for j in members[x + 1 :]]
    postings: dict[str, list[int]] = {}
    for i in members:
        for word in words[i]:
            postings.setdefault(word, []).append(i)
    limit = max(2, int(RARE_SHARE * len(members)))
    pairs: set[tuple[int, int]] = set()
    for word in sorted(postings):
        ids = postings[word]
        if len(ids) <= limit:
            pairs.update((i, j) for x, i in enumerate(ids) for j in ids[x + 1 :])
    return sorted(pairs)


def merge_events(refs: list[EventRef]) -> list[TimelineEntry]:
    """Group tellings of one happening (transitively: A~B and B~C puts A, B, C together)."""
    parent = list(range(len(refs)))

    def find(i: int) -> int:
        while parent[i] != i:
            parent[i] = parent[parent[i]]
            i = parent[i]
        return i

    words = [content_words(ref.event.summary) for ref in refs]
    by_event = {id(ref.event): words[i] for i, ref in enumerate(refs)}
    by_date: dict[tuple, list[int]] = {}
    for i, ref in enumerate(refs):
        by_date.setdefault((ref.event.date, ref.event.precision), []).append(i)
    for (date, _), members in sorted(by_date.items(), key=lambda kv: str(kv[0])):
        if not date:
            continue
        for i, j in candidate_pairs(members, words):
            if find(i) != find(j) and is_same_happening(refs[i], refs[j], by_event):
                parent[find(j)] = find(i)
    groups: dict[int, list[EventRef]] = {}
    for i, ref in enumerate(refs):
        groups.setdefault(find(i), []).append(ref)
    entries = []
    for tellings in groups.values():
        tellings.sort(key=lambda r: (r.record.id, r.event.id))
        first = tellings[0].event
        entries.append(TimelineEntry(first.date, first.precision, first.end, tellings))
    return entries


def _entry_key(entry: TimelineEntry) -> tuple:
    return (entry.date or "", entry.refs[0].record.id, entry.refs[0].event.id)


def group_timeline(refs: list[EventRef]) -> list[YearGroup]:
    """Merged entries in year groups (chronological), months within; undated last."""
    entries = sorted(merge_events(refs), key=_entry_key)
    years: dict[str, YearGroup] = {}
    undated = YearGroup("undated", "Undated", [MonthGroup(None, "Order as told in each brief")])
    ordered_later: list[TimelineEntry] = []
    for entry in entries:
        if not entry.date:
            (ordered_later if entry.refs[0].event.after else undated.months[0].entries).append(entry)
            continue
        year = entry.date[:4]
        if entry.precision == "decade":
            key, label = f"{year[:3]}0s", f"The {year[:3]}0s"
        else:
            key, label = year, year
        group = years.setdefault(key, YearGroup(key, label))
        month = date_parts(entry.date)[1] if entry.precision in ("day", "month") else None
        if not group.months or group.months[-1].month != month:
            month_label = (
                MONTH_NAMES[month - 1] + " " + year
                if month
                else ("Decade only" if entry.precision == "decade" else f"{year}, month not given")
            )
            group.months.append(MonthGroup(month, month_label))
        group.months[-1].entries.append(entry)
    # "2020s" sorts before "2020": a decade is shown before the years in it.
    ordered = [years[k] for k in sorted(years, key=lambda k: (k[:3], k[3:] != "0s", k))]
    for group in ordered:  # year-only entries first, then months in order
        group.months.sort(key=lambda m: m.month or 0)
    _place_after(ordered, ordered_later, undated)
    return ordered + ([undated] if undated.months[0].entries else [])


def _place_after(groups: list[YearGroup], entries: list[TimelineEntry], undated: YearGroup) -> None:
    """An undated event the text orders (``Subsequently``, ``after:``) goes right after the event it
    follows; one whose event is not on the timeline stays under Undated."""
    where: dict[tuple[str, str], MonthGroup] = {}
    for group in groups:
        for month in group.months:
            for entry in month.entries:
                for ref in entry.refs:
                    where[(ref.record.id, ref.event.id)] = month
    for entry in sorted(entries, key=lambda e: (e.refs[0].record.id, e.refs[0].record.events.index(e.refs[0].event))):
        ref = entry.refs[0]
        found = where.get((ref.record.id, ref.event.after or ""))
        if found is None:
            undated.months[0].entries.append(entry)
            continue
        target = next(
            i
            for i, e in enumerate(found.entries)
            if any(r.record.id == ref.record.id and r.event.id == ref.event.after for r in e.refs)
        )
        found.entries.insert(target + 1, entry)
        where[(ref.record.id, ref.event.id)] = found
