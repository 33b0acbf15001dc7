"""The claims overview: what the briefs argue, theme by theme, brief beside brief.

Each claim carries the theme ingest gave it (``Claim.theme``, from the vocabulary in
``content/themes.yaml``) and the way it leans (``Claim.polarity``). The overview groups claims by
theme, so each claim is shown once (grouping by pairs of actors showed a sentence naming three
actors three times); within a theme, each brief's claims form a column, so that one row sets what
RSIS argues beside what the Polar Journal argues.

Actors are named as the state or body they belong to (``Gazetteer.normalise``: China Coast Guard
counts as China), so a state is never paired with its own organ. Where briefs differ is marked:
on one theme, one brief leans to one pole (``deepening``, ``likely``) and another brief to the
opposite (``limited``, ``unlikely``).

The overview page lists the themes; each theme has a page of its own (``claims/<slug>/``),
paginated by brief, so that no page grows without bound as briefs are added.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field

from research_digest.render.site import ClaimRef, slugify

OTHER_THEME = "Other claims"
OTHER_DESCRIPTION = "Claims on no theme of the vocabulary."
FORECAST_POLES = ("likely", "unlikely")


@dataclass
class BriefColumn:
    """One brief's claims on one theme, in the order the brief makes them."""

    record_id: str
    title: str
    claims: list[ClaimRef] = field(default_factory=list)
    actors: dict[str, list[str]] = field(default_factory=dict)
    """Claim id → the claim's actors, each named as the state or body it belongs to, once."""

    @property
    def leanings(self) -> list[str]:
        out: list[str] = []
        for ref in self.claims:
            if ref.claim.polarity and ref.claim.polarity not in out:
                out.append(ref.claim.polarity)
        return out


@dataclass
class Difference:
    """Briefs leaning to opposite poles of one theme."""

    pole: str
    briefs: list[str]
    """Titles of the briefs with a claim leaning to ``pole``."""
    opposite: str
    opposite_briefs: list[str]


@dataclass
class ThemeGroup:
    label: str
    description: str
    poles: tuple[str, ...] = ()
    columns: list[BriefColumn] = field(default_factory=list)
    differences: list[Difference] = field(default_factory=list)

    @property
    def slug(self) -> str:
        return slugify(self.label.replace("–", "-").replace("—", "-")) or "theme"

    @property
    def url(self) -> str:
        return f"claims/{self.slug}/"

    @property
    def claim_count(self) -> int:
        return sum(len(c.claims) for c in self.columns)

    @property
    def actors(self) -> list[str]:
        """Every actor the theme's claims name (as the state or body it belongs to), once, by name."""
        return sorted({a for c in self.columns for names in c.actors.values() for a in names})


def normalised_actors(actors: list[str], normalise: Callable[[str], str]) -> list[str]:
    """``China Coast Guard`` and ``China`` are one actor, ``China``: no actor beside its own organ."""
    out: list[str] = []
    for name in actors:
        top = normalise(name)
        if top not in out:
            out.append(top)
    return out


def group_claims(
    refs: list[ClaimRef],
    themes: list[tuple[str, str, tuple[str, ...]]],
    normalise: Callable[[str], str] = lambda name: name,
) -> list[ThemeGroup]:
    """Claims by theme, one column per brief; themes with the most briefs first, then as listed.

    ``themes``: (label, description, (pole, pole)) for each theme of the vocabulary, in its order.
    A claim whose theme is not in it goes under ``Other claims``, last. Each claim appears once.
    """
    known = {label: (description, poles) for label, description, poles in themes}
    order = {label: i for i, (label, _, _) in enumerate(themes)}
    groups: dict[str, ThemeGroup] = {}
    columns: dict[tuple[str, str], BriefColumn] = {}
    seen: set[tuple[str, str]] = set()
    for ref in refs:
        key = (ref.record.id, ref.claim.id)
        if key in seen:
            continue
        seen.add(key)
        label = ref.claim.theme if ref.claim.theme in known else OTHER_THEME
        if label not in groups:
            description, poles = known.get(label, (OTHER_DESCRIPTION, ()))
            groups[label] = ThemeGroup(label, description, tuple(poles))
        column = columns.get((label, ref.record.id))
        if column is None:
            column = columns[(label, ref.record.id)] = BriefColumn(ref.record.id, ref.record.title)
            groups[label].columns.append(column)
        column.claims.append(ref)
        column.actors[ref.claim.id] = normalised_actors(ref.claim.actors, normalise)
    for group in groups.values():
        group.columns.sort(key=lambda c: (c.title.casefold(), c.record_id))
        group.differences = differences(group)
    return sorted(
        groups.values(),
        key=lambda g: (g.label == OTHER_THEME, -len(g.columns), order.get(g.label, len(order)), g.label),
    )


def differences(group: ThemeGroup) -> list[Difference]:
    """For the theme's poles and for likely/unlikely: the briefs on each side, when both sides have one."""
    out = []
    for pair in (group.poles, FORECAST_POLES):
        if len(pair) != 2:
            continue
        a, b = pair
        side_a = [c.title for c in group.columns if a in c.leanings]
        side_b = [c.title for c in group.columns if b in c.leanings]
        if any(x != y for x in side_a for y in side_b):  # two briefs, not one brief hedging both ways
            out.append(Difference(a, side_a, b, side_b))
    return out
