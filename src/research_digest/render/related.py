"""Links between briefs: previous and next by date, and related briefs by what they share.

Computed once for the whole corpus (``link_briefs``); each brief's page then gets only its own
``BriefLinks``, so the page stays a pure function of its inputs.

Related means sharing actors and themes, weighted by how rare they are (an inverse document
frequency): every brief of this corpus names China and Russia, so sharing them says little, while
two briefs on the Northern Sea Route, or on the theme of distrust, belong together. Themes
weigh double: they are chosen from a controlled vocabulary, actors are every name mentioned.

Candidates are the briefs nearest in date among those sharing a term (``NEIGHBOURHOOD`` either
side in that term's list): scoring every pair that shares "China" is quadratic (10,000 briefs:
minutes), and a reader of a brief is better served by related work from around its time.
"""

from __future__ import annotations

import heapq
import math
from dataclasses import dataclass, field

from research_digest.records.schema import Record
from research_digest.render.site import record_actors

RELATED_LIMIT = 3
THEME_WEIGHT = 2.0
NEIGHBOURHOOD = 25


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
    in_date_order = dated + sorted((r for r in records if not r.date), key=lambda r: r.id)
    terms: dict[str, list[tuple[str, str]]] = {}
    postings: dict[tuple[str, str], list[str]] = {}  # term → ids of its briefs, in date order
    for r in in_date_order:
        own = [("actor", a) for a in record_actors(r)] + [("theme", t) for t in dict.fromkeys(r.themes)]
        terms[r.id] = own
        for term in own:
            postings.setdefault(term, []).append(r.id)
    offsets = {term: {rid: i for i, rid in enumerate(ids)} for term, ids in postings.items()}
    total = len(records)
    weights = {
        term: math.log(1 + total / len(ids)) * (THEME_WEIGHT if term[0] == "theme" else 1.0)
        for term, ids in postings.items()
    }
    by_id = {r.id: r for r in records}
    out: dict[str, BriefLinks] = {}
    for r in records:
        i = position.get(r.id)
        previous = _neighbour(dated[i - 1]) if i is not None and i > 0 else None
        following = _neighbour(dated[i + 1]) if i is not None and i + 1 < len(dated) else None
        scores: dict[str, float] = {}
        for term in terms[r.id]:
            others = postings[term]
            at = offsets[term][r.id]
            for other in others[max(0, at - NEIGHBOURHOOD) : at + NEIGHBOURHOOD + 1]:
                scores[other] = scores.get(other, 0.0) + weights[term]
        scores.pop(r.id, None)
        best = heapq.nsmallest(limit, scores, key=lambda o: (-round(scores[o], 9), by_id[o].date is None, o))
        mine = set(terms[r.id])
        related = []
        for o in best:
            shared = mine.intersection(terms[o])
            actors = tuple(sorted(n for k, n in shared if k == "actor"))
            related.append(Related(_neighbour(by_id[o]), actors, tuple(sorted(n for k, n in shared if k == "theme"))))
        out[r.id] = BriefLinks(previous, following, tuple(related))
    return out
