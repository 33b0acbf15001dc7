"""Claims overview: claims grouped by theme, a column per brief, actors normalised, differences marked."""

from __future__ import annotations

import re
import shutil
from pathlib import Path

import yaml
from bs4 import BeautifulSoup
from conftest import ROOT, make_content

from research_digest import extract
from research_digest.config import Config
from research_digest.records.schema import Anchor, Claim, Record, Source
from research_digest.render import build_site
from research_digest.render.claims import OTHER_THEME, group_claims, normalised_actors
from research_digest.render.site import ClaimRef

THEMES = [
    ("China–Russia partnership", "How far they cooperate.", ("deepening", "limited")),
    ("Arctic shipping and energy", "Routes and gas.", ("growing", "declining")),
]
GAZETTEER = extract.load_gazetteer(ROOT / "content" / "actors.yaml")


def ref(record_id: str, claim_id: str, theme: str | None, polarity: str | None = None, actors=()) -> ClaimRef:
    record = Record(id=record_id, title=record_id.upper(), source=Source("x", "", ""))
    claim = Claim(claim_id, f"{record_id} {claim_id}", "assessment", Anchor("p-1"), list(actors), theme, polarity)
    return ClaimRef(record, claim)


def test_claims_are_grouped_by_theme_with_a_column_per_brief_and_each_claim_once():
    refs = [
        ref("rsis", "c1", "China–Russia partnership", "deepening"),
        ref("polar", "c1", "China–Russia partnership", "limited"),
        ref("rsis", "c2", "Arctic shipping and energy"),
        ref("rsis", "c1", "China–Russia partnership", "deepening"),  # the same claim again
        ref("rsis", "c3", None),
        ref("rsis", "c4", "China–Russia partnership"),
    ]
    groups = group_claims(refs, THEMES)
    assert [g.label for g in groups] == ["China–Russia partnership", "Arctic shipping and energy", OTHER_THEME]
    partnership = groups[0]
    assert [(c.record_id, [r.claim.id for r in c.claims]) for c in partnership.columns] == [
        ("polar", ["c1"]),
        ("rsis", ["c1", "c4"]),
    ]
    shown = [(r.record.id, r.claim.id) for g in groups for c in g.columns for r in c.claims]
    assert len(shown) == len(set(shown)) == 5


def test_briefs_differ_only_when_two_briefs_lean_opposite_ways():
    groups = group_claims(
        [
            ref("rsis", "c1", "China–Russia partnership", "deepening"),
            ref("rsis", "c2", "China–Russia partnership", "limited"),  # one brief hedging both ways
            ref("rsis", "c3", "Arctic shipping and energy", "growing"),
            ref("hnn", "c1", "Arctic shipping and energy", "declining"),
        ],
        THEMES,
    )
    partnership, shipping = sorted(groups, key=lambda g: g.label)[1], sorted(groups, key=lambda g: g.label)[0]
    assert partnership.differences == []
    (difference,) = shipping.differences
    assert (difference.pole, difference.briefs, difference.opposite, difference.opposite_briefs) == (
        "growing",
        ["RSIS"],
        "declining",
        ["HNN"],
    )


def test_actors_are_named_as_the_state_or_body_they_belong_to():
    assert normalised_actors(["China Coast Guard", "China", "Russia"], GAZETTEER.normalise) == ["China", "Russia"]
    assert normalised_actors(["UN Security Council", "United Nations"], GAZETTEER.normalise) == ["United Nations"]
    group = group_claims(
        [ref("rsis", "c1", "China–Russia partnership", actors=["China", "China Coast Guard", "Russia"])],
        THEMES,
        GAZETTEER.normalise,
    )[0]
    assert group.actors == ["China", "Russia"]


def test_built_claims_pages_show_each_claim_once_and_no_actor_beside_its_organ(tmp_path: Path):
    """The issue's own case: a sentence naming China, the China Coast Guard and Russia was shown
    three times, once per pair, and China was paired with its own coast guard."""
    content = make_content(tmp_path / "content")
    shutil.copy(ROOT / "content" / "actors.yaml", content / "actors.yaml")
    path = content / "briefs" / "north-watch-coast-guards-polar-route.yaml"
    data = yaml.safe_load(path.read_text(encoding="utf-8"))
    data["claims"][1]["actors"] = ["China", "China Coast Guard", "Russia"]
    path.write_text(yaml.safe_dump(data, allow_unicode=True, sort_keys=False), encoding="utf-8")
    out = tmp_path / "out"
    report = build_site(Config(content_dir=content, out_dir=out), search=False)
    assert not report.errors
    pages = sorted((out / "claims").rglob("index.html"))
    assert len(pages) >= 3  # the overview and a page per theme
    texts: list[str] = []
    for page in [p for p in pages if p.parent != out / "claims"]:  # the theme pages
        html = BeautifulSoup(page.read_text(encoding="utf-8"), "lxml")
        for item in html.select(".claim-item"):
            texts.append(" ".join(item.select_one("a").get_text().split()))
            actors = [a.get_text() for a in item.select(".actor")]
            assert "China Coast Guard" not in actors, actors
            assert len(actors) == len(set(actors))
    claims = [
        " ".join(c["text"].split())
        for f in sorted((content / "briefs").glob("*.yaml"))
        for c in yaml.safe_load(f.read_text(encoding="utf-8"))["claims"]
    ]
    assert sorted(texts) == sorted(claims)  # every claim, each once
    overview = (out / "claims" / "index.html").read_text(encoding="utf-8")
    assert re.search(r'href="china-russia-partnership/"', overview)
