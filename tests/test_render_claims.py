"""Claims overview: themes from cue words, actor pairs, columns per brief."""

from __future__ import annotations

import pytest

from research_digest.records.schema import Anchor, Claim, Record, Source
from research_digest.render.claims import actor_pairs, group_claims, theme_of
from research_digest.render.site import ClaimRef


def claim_ref(record_id: str, text: str, actors: list[str], claim_id: str = "c1") -> ClaimRef:
    record = Record(id=record_id, title=record_id, source=Source("x", "", ""))
    claim = Claim(claim_id, text, "assessment", Anchor("p-1"), actors)
    record.claims.append(claim)
    return ClaimRef(record, claim)


@pytest.mark.parametrize(
    "text,theme",
    [
        ("Historical distrust between the two states constrains them from forming an alliance.", "trust"),
        ("International sanctions exacerbated Moscow’s reliance on Beijing.", "sanctions"),
        ("Beijing and Moscow are stepping up joint maritime and air patrols.", "security"),
        ("Shipping along the Northern Sea Route will grow.", "economy"),
        ("Both countries restarted joint research missions.", "research"),
        ("Coordination is likely to expand, unevenly.", "outlook"),
        ("The Arctic is a region.", "other"),
    ],
)
def test_theme_of_claim_follows_first_matching_cue(text, theme):
    assert theme_of(text)[0] == theme


def test_actor_pairs_cover_every_pair_and_single_actors():
    assert actor_pairs(["Russia", "China", "United States"]) == [
        ("China", "Russia"),
        ("China", "United States"),
        ("Russia", "United States"),
    ]
    assert actor_pairs(["China"]) == [("China",)]
    assert actor_pairs([]) == [()]


def test_group_claims_sets_opposing_briefs_side_by_side():
    refs = [
        claim_ref("rsis", "Sanctions smoothed the formerly bumpy collaboration.", ["China", "Russia"]),
        claim_ref("polar", "Historical distrust constrains an alliance.", ["Russia", "China"]),
        claim_ref("rsis", "Friction points seem to be fading away.", ["China", "Russia"], "c2"),
        claim_ref("rsis", "Sanctions deepen Moscow’s reliance on Beijing.", ["China", "Russia"], "c3"),
        claim_ref("other", "The Arctic is cold.", []),
    ]
    groups = group_claims(refs)
    assert [g.label for g in groups] == ["China and Russia", "No actor named"]
    china_russia = groups[0]
    assert china_russia.brief_count == 2
    trust = china_russia.themes[0]
    assert trust.label == "Trust, friction and limits"
    # "bumpy" and "friction" put both RSIS claims here, beside the Polar Journal's "distrust"
    assert [(rid, [r.claim.id for r in claims]) for rid, claims in trust.columns] == [
        ("polar", ["c1"]),
        ("rsis", ["c1", "c2"]),
    ]
    sanctions = china_russia.themes[1]
    assert sanctions.key == "sanctions"
    assert [(rid, [r.claim.id for r in claims]) for rid, claims in sanctions.columns] == [
        ("polar", []),
        ("rsis", ["c3"]),
    ]
