"""The claims overview: what the briefs argue, by actor pair and theme, side by side.

A claim names the actors it is about (``China``, ``Russia``). Claims about the same pair of
actors are put together; within a pair, claims are sorted into themes by the words they use
(``THEMES``, first match wins, in order), and each theme shows one column per brief. A reader
then sees, in one row, "sanctions smoothed the collaboration" (RSIS) beside "historical distrust
constrains an alliance" (Polar Journal).

A claim about one actor forms its own "pair" with nobody; a claim naming no actor goes under
"No actor named". A claim naming three actors appears under each of its pairs.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from itertools import combinations

from research_digest.render.site import ClaimRef, slugify

THEMES: tuple[tuple[str, str, tuple[str, ...]], ...] = (
    (
        "trust",
        "Trust, friction and limits",
        (
            "distrust",
            "suspicion",
            "friction",
            "constrain",
            "constraint",
            "reluctan",
            "far from smooth",
            "bumpy",
            "not without",
            "historical",
        ),
    ),
    ("sanctions", "Sanctions and pressure", ("sanction", "pressure", "dependence", "reliance", "isolat")),
    (
        "security",
        "Security and military",
        ("security", "military", "naval", "patrol", "coast guard", "defen", "bomber", "alliance", "nato"),
    ),
    (
        "economy",
        "Trade, shipping and resources",
        (
            "commerc",
            "trade",
            "shipping",
            "econom",
            "invest",
            "resource",
            "infrastructure",
            "sea route",
            "energy",
            "oil",
            "gas",
        ),
    ),
    ("research", "Science and research", ("research", "scientific", "science", "expedition", "survey")),
    ("outlook", "Outlook", ("likely", "will ", "persist", "trajectory", "expand", "future", "prognosis", "stay")),
)
"""(key, heading, cues): a cue matches the lower-cased claim text as a substring."""
OTHER_THEME = ("other", "Other claims")
NO_ACTOR = "No actor named"


@dataclass
class ThemeRow:
    key: str
    label: str
    columns: list[tuple[str, list[ClaimRef]]] = field(default_factory=list)
    """(record id, its claims on this theme) for every brief of the pair, in the same order on
    every row (an empty list where a brief says nothing on the theme), so columns line up."""


@dataclass
class PairGroup:
    actors: tuple[str, ...]
    themes: list[ThemeRow] = field(default_factory=list)

    @property
    def label(self) -> str:
        return " and ".join(self.actors) if self.actors else NO_ACTOR

    @property
    def slug(self) -> str:
        return "pair-" + slugify("-".join(self.actors) or "none")

    @property
    def brief_count(self) -> int:
        return len({rid for row in self.themes for rid, refs in row.columns if refs})


def theme_of(text: str) -> tuple[str, str]:
    lowered = re.sub(r"\s+", " ", text.lower())
    for key, label, cues in THEMES:
        if any(cue in lowered for cue in cues):
            return key, label
    return OTHER_THEME


def actor_pairs(actors: list[str]) -> list[tuple[str, ...]]:
    names = sorted(set(actors))
    if len(names) >= 2:
        return list(combinations(names, 2))
    return [tuple(names)]


def group_claims(refs: list[ClaimRef]) -> list[PairGroup]:
    """Pairs with the most briefs first (where comparison is possible), then by name."""
    cells: dict[tuple[str, ...], dict[str, dict[str, list[ClaimRef]]]] = {}
    for ref in refs:
        theme_key, _ = theme_of(ref.claim.text)
        for pair in actor_pairs(ref.claim.actors):
            cells.setdefault(pair, {}).setdefault(theme_key, {}).setdefault(ref.record.id, []).append(ref)
    labels = {key: label for key, label, _ in THEMES} | {OTHER_THEME[0]: OTHER_THEME[1]}
    order = [key for key, _, _ in THEMES] + [OTHER_THEME[0]]
    groups = []
    for pair, themes in cells.items():
        group = PairGroup(pair)
        record_ids = sorted({rid for by_record in themes.values() for rid in by_record})
        for key in order:
            if key in themes:
                group.themes.append(ThemeRow(key, labels[key], [(rid, themes[key].get(rid, [])) for rid in record_ids]))
        groups.append(group)
    groups.sort(key=lambda g: (not g.actors, -g.brief_count, g.actors))
    return groups
