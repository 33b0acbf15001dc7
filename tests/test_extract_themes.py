"""Themes from the vocabulary in content/themes.yaml: a brief's themes, each claim's theme and polarity."""

from __future__ import annotations

import pytest
from extract_eval import ROOT, SETS, evaluate

from research_digest.errors import ConfigError
from research_digest.extract.themes import build_themes, load_themes

THEMES = load_themes(ROOT / "content" / "themes.yaml")
PARTNERSHIP = "China–Russia partnership"


def test_the_shipped_vocabulary_is_the_repository_file():
    assert [t.label for t in load_themes(None).themes] == [t.label for t in THEMES.themes]
    assert len(THEMES.themes) >= 6


@pytest.mark.parametrize(
    "text, polarity",
    [
        ("Sino-Russian cooperation in the Arctic is deepening and is here to stay.", "deepening"),
        ("Sino-Russian cooperation in the Arctic is far from smooth and remains limited.", "limited"),
        ("Sino-Russian cooperation in the Arctic is not deepening.", "limited"),  # a negated pole
        ("Sino-Russian cooperation will deepen, but remains limited by mistrust.", None),  # both: no guess
    ],
)
def test_a_claim_leans_to_the_pole_its_words_name(text, polarity):
    theme = THEMES.of_claim(text, [])
    assert theme == PARTNERSHIP
    assert THEMES.polarity(theme, text, "assessment") == polarity


def test_a_forecast_without_a_pole_leans_likely_or_unlikely():
    assert THEMES.polarity(PARTNERSHIP, "Beijing is unlikely to treat it as a challenge.", "forecast") == "unlikely"
    assert THEMES.polarity(PARTNERSHIP, "China will probably respond with pressure.", "forecast") == "likely"
    assert THEMES.polarity(PARTNERSHIP, "China will probably respond with pressure.", "assessment") is None


def test_a_claim_naming_no_theme_takes_its_briefs_first_theme():
    assert THEMES.of_claim("That would be a mistake.", ["Democracy and domestic politics"]) == (
        "Democracy and domestic politics"
    )
    assert THEMES.of_claim("That would be a mistake.", []) is None


def test_briefs_get_the_themes_their_text_names_most():
    record, _ = evaluate(ROOT / "tests" / "gold" / "rsis-co26021-china-russia-arctic.yaml")
    assert record.themes[0] == PARTNERSHIP
    record, _ = evaluate(next(p for p in SETS["heldout1"] if p.stem == "crisisgroup-sahel-split"))
    assert PARTNERSHIP not in record.themes
    assert all(c.theme for c in record.claims)


def test_a_bad_themes_file_names_the_theme():
    with pytest.raises(ConfigError, match=r"themes\[0\] \(Trade\): needs exactly two poles"):
        build_themes({"themes": [{"label": "Trade", "cues": ["tariff"], "poles": {"up": ["rise"]}}]})
    with pytest.raises(ConfigError, match="cue words"):
        build_themes({"themes": [{"label": "Trade", "cues": [], "poles": {"up": ["rise"], "down": ["fall"]}}]})
