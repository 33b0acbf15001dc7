"""Links between briefs: previous and next by date, and related briefs by what they share.

Computed once for the whole corpus (``link_briefs``); each brief's page then gets only its own
``BriefLinks``, so the page stays a pure function of its inputs.

Related means sharing actors and themes, weighted by how rare they are (an inverse document
frequency): every brief of this corpus names China and Russia, so sharing them says little, while
two briefs on the Northern Sea Route, or on the theme of distrust, belong together. Themes
weigh double: they are chosen from a controlled vocabulary, actors are every name mentioned.
"""

from __future__ import annotations

import math
from dataclasses import dataclass, field

from research_digest.records.schema import Record
from research_digest.render.site import record_actors

RELATED_LIMIT = 3
THEME_WEIGHT = 2.0
COMMON_LIMIT = 2000
"""A term shared by more briefs than this is skipped when looking for related briefs: scanning
its whole posting list for every brief is quadratic, and a term that common ranks nothing."""


@dataclass(frozen=True)
class Neighbour:
    id: str
    title: str
    date: str | None


@dataclass(frozen=True)
class Related:
    brief: Neighbour
    actors: tuple[str, ...]
    themes: tuple[str, ...]


@dataclass(frozen=True)
class BriefLinks:
    previous: Neighbour | None = None
    """The brief published just before this one (older)."""
    next: Neighbour | None = None
    """The brief published just after this one (newer)."""
    related: tuple[Related, ...] = field(default_factory=tuple)


def _neighbour(record: Record) -> Neighbour:
    return Neighbour(record.id, record.title, record.date)


def link_briefs(records: list[Record], limit: int = RELATED_LIMIT) -> dict[str, BriefLinks]:
    """record id → its links. ``records`` in any order; undated briefs have no previous/next."""
    dated = sorted((r for r in records if r.date), key=lambda r: (r.date, r.id))
    position = {r.id: i for i, r in enumerate(dated)}
    terms: dict[str, list[tuple[str, str]]] = {}
    postings: dict[tuple[str, str], list[str]] = {}
    for r in records:
        own = [("actor", a) for a in record_actors(r)] + [("theme", t) for t in dict.fromkeys(r.themes)]
        terms[r.id] = own
        for term in own:
            postings.setdefault(term, []).append(r.id)
    total = len(records)
    by_id = {r.id: r for r in records}
    out: dict[str, BriefLinks] = {}
    for r in records:
        i = position.get(r.id)
        previous = _neighbour(dated[i - 1]) if i is not None and i > 0 else None
        following = _neighbour(dated[i + 1]) if i is not None and i + 1 < len(dated) else None
        scores: dict[str, float] = {}
        shared: dict[str, list[tuple[str, str]]] = {}
        for term in terms[r.id]:
            others = postings[term]
            if len(others) > COMMON_LIMIT:
                continue
            weight = math.log(1 + total / len(others)) * (THEME_WEIGHT if term[0] == "theme" else 1.0)
            for other in others:
                if other != r.id:
                    scores[other] = scores.get(other, 0.0) + weight
                    shared.setdefault(other, []).append(term)
        best = sorted(scores, key=lambda o: (-round(scores[o], 9), by_id[o].date is None, o))[:limit]
        related = tuple(
            Related(
                _neighbour(by_id[o]),
                tuple(sorted(n for k, n in shared[o] if k == "actor")),
                tuple(sorted(n for k, n in shared[o] if k == "theme")),
            )
            for o in best
        )
        out[r.id] = BriefLinks(previous, following, related)
    return out
