"""The record: one brief (one saved page), the data model every stage exchanges.

A record is written by ``digest ingest`` to ``content/briefs/<id>.yaml``, corrected by people,
and read by ``digest build``. Its fields, in the order they are written:

    id, title, authors, date, publisher, kind, series, first_published, listed_by, source,
    synopsis, tags, citation, note, body, claims, events

``from_dict`` checks a loaded mapping against the schema and reports *every* problem at once,
each with the key path that caused it, so the loader can turn the paths into line numbers.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field, fields
from typing import Any

from research_digest.records.dates import DateProblem, record_date

PRECISIONS = ("day", "month", "year", "decade")
"""How fine an event's ``date`` is. ``None`` means the text gives no date (only an order)."""

BLOCK_KINDS = ("paragraph", "heading")
CLAIM_KINDS = ("thesis", "summary", "assessment", "forecast", "recommendation", "finding")

ID_RE = re.compile(r"^[a-z0-9](?:[a-z0-9-]{0,118}[a-z0-9])?$")
"""Record ids are slugs: they become directory names under ``build/briefs/``."""


class SchemaProblems(Exception):
    """Raised by ``from_dict`` with every problem found, as ``(key path, message)`` pairs."""

    def __init__(self, problems: list[tuple[tuple, str]]):
        super().__init__("; ".join(f"{'.'.join(map(str, p)) or 'record'}: {m}" for p, m in problems))
        self.problems = problems


@dataclass
class Author:
    name: str
    affiliation: str | None = None
    """Institution and role, where the page gives one (``Research Fellow, RSIS``)."""
    bio: str | None = None
    """The page's author note, kept whole (``About the Author``)."""


@dataclass
class FirstPublished:
    """Where a republished piece first appeared (``published on China Dialogues on 4 February 2026``)."""

    venue: str
    date: str | None = None


@dataclass
class Series:
    name: str | None = None
    number: str | None = None
    """The publisher's own id in the series (RSIS ``CO26021``)."""


@dataclass
class Source:
    file: str
    """Path of the page dump, relative to the content directory's parent (``content/sources/x.txt``)."""
    sha256: str
    profile: str
    """Which source profile stripped the page (``rsis``, ``wilson``, ``generic``)."""
    url: str | None = None
    fetched: str | None = None
    """ISO date the page was fetched, for pages ingested by URL."""


@dataclass
class Block:
    """One paragraph or section heading of the cleaned text."""

    id: str
    """Stable anchor: derived from the text, so it survives edits elsewhere in the body."""
    text: str
    kind: str = "paragraph"


@dataclass
class Anchor:
    """Where a claim or event came from: a body block and the index of a sentence in it."""

    paragraph: str
    sentence: int = 0


@dataclass
class Claim:
    id: str
    text: str
    kind: str
    anchor: Anchor
    actors: list[str] = field(default_factory=list)
    theme: str | None = None
    """The label of the theme the claim is about (``content/themes.yaml``)."""
    polarity: str | None = None
    """Which way the claim leans on its theme: one of the theme's two poles, or ``likely``/``unlikely``."""


@dataclass
class Event:
    id: str
    summary: str
    """The clause as written, trimmed: never a paraphrase."""
    anchor: Anchor
    date: str | None = None
    """ISO partial date (``2024``, ``2024-07``, ``2025-05-09``) or None when the text gives none."""
    precision: str | None = None
    end: str | None = None
    """Last date of a range (``In 2024 and 2025``), same precision as ``date``."""
    when: str | None = None
    """The words of the text that give the time (``In July that year``)."""
    actors: list[str] = field(default_factory=list)
    places: list[str] = field(default_factory=list)
    after: str | None = None
    """For an event the text orders but does not date (``Subsequently``): the id of the event it follows."""


@dataclass
class Record:
    id: str
    title: str
    source: Source
    authors: list[Author] = field(default_factory=list)
    date: str | None = None
    """Publication date of the page, ISO ``yyyy-mm-dd`` (or coarser when the page gives less)."""
    publisher: str | None = None
    kind: str | None = None
    """What the page is (``Commentary``, ``Article``)."""
    series: Series | None = None
    first_published: FirstPublished | None = None
    listed_by: str | None = None
    """Who lists an outside publication (Wilson Center programme page for a journal article)."""
    synopsis: str | None = None
    tags: list[str] = field(default_factory=list)
    themes: list[str] = field(default_factory=list)
    """Labels of the themes the brief is about (``content/themes.yaml``), most prominent first."""
    citation: str | None = None
    """The citation as the page states it."""
    note: str | None = None
    """A curator's note, Markdown; never written by the machine."""
    body: list[Block] = field(default_factory=list)
    claims: list[Claim] = field(default_factory=list)
    events: list[Event] = field(default_factory=list)
    duplicate_of: str | None = None
    """Id of a record of the same article saved under another name (found by body text at ingest)."""
    conflicts: list[str] = field(default_factory=list)
    """Merge conflicts left by ingest (``records.curation``): items where the curator's edit was
    kept although the page changed too. The curator reads them and deletes each when settled."""

    def paragraphs(self) -> list[Block]:
        return [b for b in self.body if b.kind == "paragraph"]

    def block(self, block_id: str) -> Block | None:
        for b in self.body:
            if b.id == block_id:
                return b
        return None


FIELD_ORDER = [
    "id",
    "conflicts",
    "title",
    "authors",
    "date",
    "publisher",
    "kind",
    "series",
    "first_published",
    "listed_by",
    "source",
    "duplicate_of",
    "synopsis",
    "tags",
    "themes",
    "citation",
    "note",
    "body",
    "claims",
    "events",
]


# ---------------------------------------------------------------- dict -> dataclasses


class _Checker:
    """Collects problems while converting plain YAML data into dataclasses."""

    def __init__(self) -> None:
        self.problems: list[tuple[tuple, str]] = []

    def fail(self, path: tuple, msg: str) -> None:
        self.problems.append((path, msg))

    def text(self, data: dict, key: str, path: tuple, required: bool = False) -> str | None:
        value = data.get(key)
        if value is None:
            if required:
                self.fail(path + (key,), "is required")
            return None
        if isinstance(value, bool) or not isinstance(value, (str, int, float)):
            self.fail(path + (key,), f"must be text, not {_kind(value)}")
            return None
        return str(value)

    def date(self, data: dict, key: str, path: tuple) -> str | None:
        value = data.get(key)
        if value is None:
            return None
        try:
            return record_date(value)
        except DateProblem as exc:
            self.fail(path + (key,), str(exc))
            return None

    def mapping(self, data: Any, path: tuple) -> dict | None:
        if not isinstance(data, dict):
            self.fail(path, f"must be a mapping, not {_kind(data)}")
            return None
        for key in data:
            if not isinstance(key, str):
                self.fail(path, f"key {key!r} must be text"[:200])
        return data

    def items(self, data: dict, key: str, path: tuple) -> list:
        value = data.get(key)
        if value is None:
            return []
        if not isinstance(value, list):
            self.fail(path + (key,), f"must be a list, not {_kind(value)}")
            return []
        return value

    def unknown(self, data: dict, allowed, path: tuple) -> None:
        for key in data:
            if isinstance(key, str) and key not in allowed:
                self.fail(path + (key,), "is not a field of the record")


def _kind(value: Any) -> str:
    return {dict: "a mapping", list: "a list", bool: "true/false"}.get(type(value), type(value).__name__)


def _names(c: _Checker, data: dict, key: str, path: tuple) -> list[str]:
    out = []
    for i, item in enumerate(c.items(data, key, path)):
        if isinstance(item, str):
            out.append(item)
        else:
            c.fail(path + (key, i), f"must be text, not {_kind(item)}")
    return out


def _anchor(c: _Checker, data: dict, path: tuple) -> Anchor | None:
    a = c.mapping(data.get("anchor"), path + ("anchor",))
    if a is None:
        return None
    para = c.text(a, "paragraph", path + ("anchor",), required=True)
    sentence = a.get("sentence", 0)
    if isinstance(sentence, bool) or not isinstance(sentence, int) or sentence < 0:
        c.fail(path + ("anchor", "sentence"), "must be a whole number from 0")
        sentence = 0
    return Anchor(para or "", sentence)


def _author(c: _Checker, data: Any, path: tuple) -> Author | None:
    if isinstance(data, str):  # a curator may write just the name
        return Author(data)
    if c.mapping(data, path) is None:
        return None
    c.unknown(data, {"name", "affiliation", "bio"}, path)
    return Author(
        c.text(data, "name", path, required=True) or "", c.text(data, "affiliation", path), c.text(data, "bio", path)
    )


def _block(c: _Checker, data: Any, path: tuple) -> Block | None:
    if c.mapping(data, path) is None:
        return None
    c.unknown(data, {"id", "text", "kind"}, path)
    kind = c.text(data, "kind", path) or "paragraph"
    if kind not in BLOCK_KINDS:
        c.fail(path + ("kind",), f"must be one of {', '.join(BLOCK_KINDS)}")
    return Block(c.text(data, "id", path, required=True) or "", c.text(data, "text", path, required=True) or "", kind)


def _claim(c: _Checker, data: Any, path: tuple) -> Claim | None:
    if c.mapping(data, path) is None:
        return None
    c.unknown(data, {"id", "text", "kind", "anchor", "actors", "theme", "polarity"}, path)
    kind = c.text(data, "kind", path) or "assessment"
    if kind not in CLAIM_KINDS:
        c.fail(path + ("kind",), f"must be one of {', '.join(CLAIM_KINDS)}")
    anchor = _anchor(c, data, path)
    return Claim(
        c.text(data, "id", path, required=True) or "",
        c.text(data, "text", path, required=True) or "",
        kind,
        anchor or Anchor(""),
        _names(c, data, "actors", path),
        c.text(data, "theme", path),
        c.text(data, "polarity", path),
    )


def _event(c: _Checker, data: Any, path: tuple) -> Event | None:
    if c.mapping(data, path) is None:
        return None
    c.unknown(data, {"id", "summary", "anchor", "date", "precision", "end", "when", "actors", "places", "after"}, path)
    precision = c.text(data, "precision", path)
    if precision is not None and precision not in PRECISIONS:
        c.fail(path + ("precision",), f"must be one of {', '.join(PRECISIONS)} or empty")
    date = c.date(data, "date", path)
    if date and precision is None:
        c.fail(path + ("precision",), "is required when the event has a date")
    anchor = _anchor(c, data, path)
    return Event(
        c.text(data, "id", path, required=True) or "",
        c.text(data, "summary", path, required=True) or "",
        anchor or Anchor(""),
        date,
        precision,
        c.date(data, "end", path),
        c.text(data, "when", path),
        _names(c, data, "actors", path),
        _names(c, data, "places", path),
        c.text(data, "after", path),
    )


def from_dict(data: Any) -> Record:
    """Build a Record from loaded YAML data, or raise SchemaProblems listing every problem."""
    c = _Checker()
    if c.mapping(data, ()) is None:
        raise SchemaProblems(c.problems)
    c.unknown(data, set(FIELD_ORDER), ())
    given_id = c.text(data, "id", (), required=True)
    record_id = given_id or ""
    if given_id is not None and not ID_RE.match(record_id):  # '' too: it would name build/briefs/ itself
        c.fail(("id",), "must be a slug: lower-case letters, digits and hyphens, at most 120")
    src = c.mapping(data.get("source"), ("source",)) if "source" in data else None
    if src is None and "source" not in data:
        c.fail(("source",), "is required")
    source = Source("", "", "")
    if src is not None:
        c.unknown(src, {"file", "sha256", "profile", "url", "fetched"}, ("source",))
        source = Source(
            c.text(src, "file", ("source",), required=True) or "",
            c.text(src, "sha256", ("source",)) or "",
            c.text(src, "profile", ("source",)) or "",
            c.text(src, "url", ("source",)),
            c.date(src, "fetched", ("source",)),
        )
    series = None
    if data.get("series") is not None:
        s = c.mapping(data["series"], ("series",))
        if s is not None:
            c.unknown(s, {"name", "number"}, ("series",))
            series = Series(c.text(s, "name", ("series",)), c.text(s, "number", ("series",)))
    first = None
    if data.get("first_published") is not None:
        f = c.mapping(data["first_published"], ("first_published",))
        if f is not None:
            c.unknown(f, {"venue", "date"}, ("first_published",))
            first = FirstPublished(
                c.text(f, "venue", ("first_published",), required=True) or "", c.date(f, "date", ("first_published",))
            )

    def each(key, build):
        out = []
        for i, item in enumerate(c.items(data, key, ())):
            built = build(c, item, (key, i))
            if built is not None:
                out.append(built)
        return out

    record = Record(
        id=record_id,
        title=c.text(data, "title", (), required=True) or "",
        source=source,
        authors=each("authors", _author),
        date=c.date(data, "date", ()),
        publisher=c.text(data, "publisher", ()),
        kind=c.text(data, "kind", ()),
        series=series,
        first_published=first,
        listed_by=c.text(data, "listed_by", ()),
        synopsis=c.text(data, "synopsis", ()),
        tags=_names(c, data, "tags", ()),
        themes=_names(c, data, "themes", ()),
        citation=c.text(data, "citation", ()),
        note=c.text(data, "note", ()),
        duplicate_of=c.text(data, "duplicate_of", ()),
        conflicts=_names(c, data, "conflicts", ()),
        body=each("body", _block),
        claims=each("claims", _claim),
        events=each("events", _event),
    )
    _check_references(c, record)
    if c.problems:
        raise SchemaProblems(c.problems)
    return record


def _check_references(c: _Checker, record: Record) -> None:
    """Ids must be unique and every anchor must point at a sentence that exists."""
    sentences = {}
    for i, block in enumerate(record.body):
        if block.id in sentences:
            c.fail(("body", i, "id"), f"duplicate paragraph id {block.id!r}")
        sentences[block.id] = block
    for key in ("claims", "events"):
        seen = set()
        for i, item in enumerate(getattr(record, key)):
            if item.id in seen:
                c.fail((key, i, "id"), f"duplicate id {item.id!r}")
            seen.add(item.id)
            if item.anchor.paragraph and item.anchor.paragraph not in sentences:
                c.fail((key, i, "anchor", "paragraph"), f"points at no paragraph ({item.anchor.paragraph!r})")


# ---------------------------------------------------------------- dataclasses -> dict


def to_dict(record: Record) -> dict:
    """Plain data in schema order, without empty optional fields, ready for YAML or JSON."""
    out: dict[str, Any] = {}
    for name in FIELD_ORDER:
        value = _plain(getattr(record, name))
        if value is None or (value == [] and name not in ("claims", "events", "tags", "authors")):
            continue
        out[name] = value
    return out


def _plain(value: Any) -> Any:
    if hasattr(value, "__dataclass_fields__"):
        result = {}
        for f in fields(value):
            v = _plain(getattr(value, f.name))
            if v is None or (v == [] and f.name == "places") or (f.name == "kind" and v == "paragraph"):
                continue
            result[f.name] = v
        return result
    if isinstance(value, list):
        return [_plain(v) for v in value]
    return value
