"""The site model: every URL, slug and index, gathered from the records before anything renders.

All URLs here are *site paths*: relative to the site root, no leading slash, directory pages
ending in ``/`` (``briefs/rsis-co26021/``), the home page ``""``. Pages never print a site path
directly; they pass it through ``relative_url(from_page, to_target)``, the one function that
turns it into a link, so the same ``build/`` works under ``/REPO/``, under ``digest serve`` and
from ``file://``.

Tags, actors and publishers are *terms*: a display name and a slug. Two different names that
slug the same (``Arctic`` and ``arctic!``) would silently share one page, so a collision is
reported as an error and the later name gets a numbered slug instead.
"""

from __future__ import annotations

import posixpath
from dataclasses import dataclass, field

from research_digest.errors import DigestError
from research_digest.records.schema import Anchor, Claim, Event, Record
from research_digest.slugs import slugify  # noqa: F401 - re-exported for render modules

TERM_KINDS = {"tag": "tags", "actor": "actors", "publisher": "publishers"}
"""Term kind → the directory its pages live in."""


class SiteError(DigestError):
    """A problem with the site as a whole: a slug collision, a path claimed twice."""


def relative_url(from_url: str, to_url: str) -> str:
    """The link from the page at site path ``from_url`` to site path ``to_url`` (may carry ``#frag``).

    >>> relative_url("briefs/a/", "tags/b/")
    '../../tags/b/'
    >>> relative_url("", "timeline/#y-2024")
    'timeline/#y-2024'
    >>> relative_url("briefs/a/", "")
    '../../'
    """
    path, hash_, fragment = to_url.partition("#")
    from_dir = from_url if from_url.endswith("/") or from_url == "" else posixpath.dirname(from_url) + "/"
    rel = _relpath(path, from_dir)
    if path.endswith("/") or path == "":
        rel = "./" if rel == "." else rel + "/"
    return rel + (hash_ + fragment if hash_ else "")


def _relpath(path: str, from_dir: str) -> str:
    """``posixpath.relpath("/" + path, "/" + from_dir)``, without its two ``abspath`` calls.

    A page links to dozens of others and a big site has hundreds of thousands of links, where
    ``relpath`` cost 8% of the build. Site paths are already normal (no ``.``, ``..`` or ``//``);
    anything else takes the library's way.
    """
    to_parts, from_parts = path.split("/"), from_dir.split("/")
    if (
        ("." in path or "." in from_dir)
        and any(p in (".", "..") for p in to_parts + from_parts)
        or "//" in path
        or "//" in from_dir
    ):
        return posixpath.relpath("/" + path, "/" + from_dir.rstrip("/"))
    to_parts = [p for p in to_parts if p]
    from_parts = [p for p in from_parts if p]
    common = 0
    for a, b in zip(to_parts, from_parts, strict=False):  # the common prefix
        if a != b:
            break
        common += 1
    rel = [".."] * (len(from_parts) - common) + to_parts[common:]
    return "/".join(rel) if rel else "."


def brief_url(record_id: str) -> str:
    return f"briefs/{record_id}/"


def sentence_id(anchor: Anchor) -> str:
    """The HTML id of an anchored sentence: ``s-<paragraph id>-<sentence index>``."""
    return f"s-{anchor.paragraph}-{anchor.sentence}"


def sentence_url(record_id: str, anchor: Anchor) -> str:
    return f"{brief_url(record_id)}#{sentence_id(anchor)}"


@dataclass(frozen=True)
class Term:
    """A tag, actor or publisher with its page."""

    kind: str
    name: str
    slug: str

    @property
    def url(self) -> str:
        return f"{TERM_KINDS[self.kind]}/{self.slug}/"


@dataclass(frozen=True)
class EventRef:
    """One event as one brief tells it."""

    record: Record
    event: Event

    @property
    def url(self) -> str:
        return sentence_url(self.record.id, self.event.anchor)


@dataclass(frozen=True)
class ClaimRef:
    record: Record
    claim: Claim

    @property
    def url(self) -> str:
        return sentence_url(self.record.id, self.claim.anchor)


@dataclass
class TermIndex:
    """What one term's page lists."""

    term: Term
    records: list[Record] = field(default_factory=list)
    events: list[EventRef] = field(default_factory=list)
    """The events that name this actor (actors only: a tag's page shows its briefs, not every
    event of every brief again, and listing them cost 600,000 objects at 10,000 briefs)."""
    claims: list[ClaimRef] = field(default_factory=list)
    """The claims that name this actor (actors only, as ``events``)."""
    n_events: int = 0
    """How many events the term's page counts: its actor's, or the events of a tag's briefs."""
    n_claims: int = 0


@dataclass
class Site:
    """Everything the pages need, in display order."""

    records: list[Record]
    """Newest first; ties (and undated briefs, last) by id."""
    terms: dict[str, dict[str, TermIndex]]
    """kind → slug → index, each sorted by slug."""
    names: dict[tuple[str, str], Term]
    """(kind, display name) → term, for linking a brief's tags and actors."""
    errors: list[DigestError] = field(default_factory=list)

    def term(self, kind: str, name: str) -> Term:
        return self.names[(kind, name)]

    def event_refs(self) -> list[EventRef]:
        return [EventRef(r, e) for r in sorted(self.records, key=lambda r: r.id) for e in r.events]

    def claim_refs(self) -> list[ClaimRef]:
        return [ClaimRef(r, c) for r in sorted(self.records, key=lambda r: r.id) for c in r.claims]


def sort_newest_first(records: list[Record]) -> list[Record]:
    """Dated briefs newest first, then undated ones; ties broken by id so the order is stable."""
    dated = sorted((r for r in records if r.date), key=lambda r: r.id)
    dated.sort(key=lambda r: r.date or "", reverse=True)  # all dated: `or` only for the type checker
    return dated + sorted((r for r in records if not r.date), key=lambda r: r.id)


def record_actors(record: Record) -> list[str]:
    """Every actor named by the brief's events and claims, sorted."""
    return sorted(
        {a for actors in [*(e.actors for e in record.events), *(c.actors for c in record.claims)] for a in actors}
    )


def gather_site(records: list[Record]) -> Site:
    """Build the site model: terms, their slugs and the indexes of every term page."""
    ordered = sort_newest_first(records)
    errors: list[DigestError] = []
    names: dict[tuple[str, str], Term] = {}
    taken: dict[tuple[str, str], str] = {}  # (kind, slug) → the name that owns it

    def term_for(kind: str, name: str, record: Record) -> Term:
        if (kind, name) in names:
            return names[(kind, name)]
        slug = slugify(name)
        if (kind, slug) in taken:
            errors.append(
                SiteError(
                    f"{kind} {name!r} and {taken[(kind, slug)]!r} both make the page "
                    f"{TERM_KINDS[kind]}/{slug}/; rename one (this one gets a numbered page)",
                    f"briefs/{record.id}.yaml",
                )
            )
            n = 2
            while (kind, f"{slug}-{n}") in taken:
                n += 1
            slug = f"{slug}-{n}"
        taken[(kind, slug)] = name
        names[(kind, name)] = Term(kind, name, slug)
        return names[(kind, name)]

    indexes: dict[str, dict[str, TermIndex]] = {kind: {} for kind in TERM_KINDS}

    def index_of(kind: str, name: str, record: Record) -> TermIndex:
        term = term_for(kind, name, record)
        return indexes[kind].setdefault(term.slug, TermIndex(term))

    # Sorted by id so that slug numbering after a collision does not depend on dates.
    for record in sorted(records, key=lambda r: r.id):
        if record.publisher:
            index_of("publisher", record.publisher, record)
        for tag in sorted(set(record.tags)):
            idx = index_of("tag", tag, record)
            idx.n_events += len(record.events)
            idx.n_claims += len(record.claims)
        for event in record.events:
            for actor in sorted(set(event.actors)):
                idx = index_of("actor", actor, record)
                idx.events.append(EventRef(record, event))
                idx.n_events += 1
        for claim in record.claims:
            for actor in sorted(set(claim.actors)):
                idx = index_of("actor", actor, record)
                idx.claims.append(ClaimRef(record, claim))
                idx.n_claims += 1
    # Records listed on each term page, newest first, as on the home page.
    for record in ordered:
        seen = set()
        for kind, name in (
            ([("publisher", record.publisher)] if record.publisher else [])
            + [("tag", t) for t in record.tags]
            + [("actor", a) for a in record_actors(record)]
        ):
            term = names[(kind, name)]
            if (kind, term.slug) not in seen:
                seen.add((kind, term.slug))
                indexes[kind][term.slug].records.append(record)
    terms = {kind: dict(sorted(idx.items())) for kind, idx in indexes.items()}
    return Site(records=ordered, terms=terms, names=names, errors=errors)
