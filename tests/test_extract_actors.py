"""The gazetteer: loading and checking content/actors.yaml, aliases, demonyms, candidates."""

from __future__ import annotations

from pathlib import Path

import pytest

from research_digest import extract
from research_digest.errors import ConfigError
from research_digest.extract.actors import ACTOR_KINDS, CANDIDATE, build_gazetteer, canonical_names, load_gazetteer_file

ROOT = Path(__file__).resolve().parent.parent


@pytest.fixture(scope="module")
def gaz():
    return load_gazetteer_file(ROOT / "content" / "actors.yaml")


def names(gaz, sentence, kinds=(*ACTOR_KINDS, CANDIDATE)):
    return canonical_names(gaz.find(sentence), kinds)


@pytest.mark.parametrize(
    "sentence, expected",
    [
        ("Moscow’s relationship with Beijing is deepening.", ["Russia", "China"]),
        ("The Kremlin and the US disagreed.", ["Russia", "United States"]),
        ("Sino-Russian cooperation is growing.", ["China", "Russia"]),
        ("Russia-China collaboration is a concern for Washington.", ["Russia", "China", "United States"]),
        ("Russian and Chinese naval vessels sailed.", ["Russia", "China"]),
        ("The U.S. sent destroyers.", ["United States"]),
    ],
)
def test_gazetteer_aliases_and_demonyms_give_the_canonical_state(gaz, sentence, expected):
    assert names(gaz, sentence) == expected


def test_gazetteer_organisation_comes_with_its_country(gaz):
    found = names(gaz, "Russia’s Federal Security Service and China’s Coast Guard signed a memorandum.")
    assert found == ["Federal Security Service", "Russia", "China Coast Guard", "China"]
    assert names(gaz, "Russia’s state nuclear company Rosatom awarded a tender.") == ["Rosatom", "Russia"]


def test_gazetteer_longest_name_wins(gaz):
    found = names(gaz, "Then the North American Aerospace Defense Command intercepted them.")
    assert found == ["NORAD", "United States", "Canada"]


def test_gazetteer_places_are_kept_apart_from_actors(gaz):
    sentence = "Vessels patrolled near the Aleutian Islands off Alaska and along the Northern Sea Route."
    assert names(gaz, sentence, ("place",)) == ["Aleutian Islands", "Alaska", "Northern Sea Route"]
    assert names(gaz, sentence) == []


def test_gazetteer_lower_case_words_are_not_acronyms(gaz):
    assert names(gaz, "Let us see what the un-ratified text says.") == []


def test_gazetteer_unknown_capitalised_names_kept_as_candidates(gaz):
    found = gaz.find(
        "Rosatom gave the tender to Turkey’s Kuzey Star Shipyard, despite a bid from Jiangsu Dajin Heavy Industry."
    )
    candidates = [m.name for m in found if m.kind == CANDIDATE]
    assert candidates == ["Kuzey Star Shipyard", "Jiangsu Dajin Heavy Industry"]


def test_gazetteer_sentence_opening_words_are_not_candidates(gaz):
    found = gaz.find("However, The Arctic matters. In January the talks ended.")
    assert [m.name for m in found if m.kind == CANDIDATE] == []


def test_gazetteer_name_before_possessive_apostrophe_only(gaz):
    assert names(gaz, "The summit was held in Xi’an.") == []
    assert names(gaz, "Xi’s visit ended.") == ["Xi Jinping", "China"]


def test_gazetteer_packaged_default_loads_the_same_entries():
    default = extract.load_gazetteer(None)
    assert {"Russia", "China", "United States", "NATO", "Arctic"} <= set(default.entries)


def test_gazetteer_loaded_once_per_process():
    path = ROOT / "content" / "actors.yaml"
    assert extract.load_gazetteer(path) is extract.load_gazetteer(path)


@pytest.mark.parametrize(
    "text, message, line",
    [
        ("actors:\n- {name: Russia, kind: empire}\n", "kind must be one of", 2),
        ("actors:\n- {name: Russia, kind: state}\n- {name: Russia, kind: state}\n", "listed twice", 3),
        (
            "actors:\n- {name: A, kind: state, aliases: [X]}\n- {name: B, kind: state, aliases: [X]}\n",
            "already stands for A",
            3,
        ),
        ("actors:\n- {name: Rosatom, kind: organisation, country: Atlantis}\n", "not in the gazetteer", None),
        ("actors: [\n", "not valid YAML", 2),
        ("actors:\n- {name: Rosatom, kind: organisation, country: 5}\n", "country must be a name", 2),
        ("actors:\n- {name: Russia, kind: state, aliases: {Moscow: x}}\n", "must be text", 2),
        ("actors:\n- Russia\n", "needs a 'name'", 2),
        ("", "empty gazetteer", 1),
        ("people: []\n", "list under 'actors'", None),
    ],
)
def test_gazetteer_bad_file_reported_with_path_and_line(tmp_path, text, message, line):
    path = tmp_path / "actors.yaml"
    path.write_text(text, encoding="utf-8")
    with pytest.raises(ConfigError) as info:
        load_gazetteer_file(path)
    assert message in info.value.message and info.value.path == str(path)
    assert info.value.line == line


def test_gazetteer_unknown_name_ending_in_a_place_word_is_a_candidate_place(gaz):
    found = gaz.find("Bombers flew near Alaska’s Air Defence Identification Zone and the Yellow River Station.")
    assert [(m.name, m.kind) for m in found if m.kind.startswith("candidate")] == [
        ("Air Defence Identification Zone", "candidate-place"),
        ("Yellow River Station", "candidate-place"),
    ]


def test_gazetteer_unknown_treaty_or_occasion_is_neither_actor_nor_place(gaz):
    sentence = "Manila signed a Reciprocal Access Agreement with Tokyo after the Victory Day parade."
    found = gaz.find(sentence)
    assert [(m.name, m.kind) for m in found if m.kind.startswith("candidate")] == [
        ("Reciprocal Access Agreement", "candidate-thing"),
        ("Victory Day", "candidate-thing"),
    ]
    assert names(gaz, sentence) == ["Philippines", "Japan"]


@pytest.mark.parametrize(
    "sentence, places",
    [
        ("Four vessels sailed into the Arctic Ocean.", ["Arctic Ocean"]),
        ("Cooperation in the Arctic is growing.", ["Arctic"]),
        ("Sweden joined, and the Baltic states welcomed it.", ["Baltic states"]),
        ("Ships crowd the Baltic Sea.", ["Baltic Sea"]),
    ],
)
def test_gazetteer_name_with_article_gives_way_to_a_longer_name(gaz, sentence, places):
    assert names(gaz, sentence, ("place",)) == places


# ---------------------------------------------------------------- issue 14: kinds, part_of and normalisation


def test_a_body_belongs_to_its_state_and_an_initiative_is_an_actor(gaz):
    assert gaz.entries["China Coast Guard"].kind == "body"
    assert gaz.entries["China Coast Guard"].part_of == "China"
    assert gaz.entries["Polar Silk Road"].kind == "initiative"
    assert gaz.normalise("China Coast Guard") == "China"
    assert gaz.normalise("UN Security Council") == "United Nations"
    assert gaz.normalise("Rosatom") == "Russia"  # a company with one country counts as it
    assert gaz.normalise("NORAD") == "NORAD"  # two countries: itself
    assert gaz.normalise("Polar Silk Road") == "Polar Silk Road"
    assert gaz.normalise("Kuzey Star Shipyard") == "Kuzey Star Shipyard"  # not in the gazetteer


def test_part_of_gives_the_countries_of_the_parent():
    data = {
        "actors": [
            {"name": "Atlantis", "kind": "state"},
            {"name": "Atlantis Navy", "kind": "body", "part_of": "Atlantis"},
            {"name": "Atlantis Submarine Command", "kind": "body", "part_of": "Atlantis Navy"},
        ]
    }
    gaz = build_gazetteer(data)
    assert gaz.entries["Atlantis Navy"].countries == ("Atlantis",)
    assert gaz.normalise("Atlantis Submarine Command") == "Atlantis"
    assert canonical_names(gaz.find("The Atlantis Submarine Command said so."), ACTOR_KINDS) == [
        "Atlantis Submarine Command",
        "Atlantis",
    ]


def test_part_of_naming_an_unknown_entry_is_refused():
    with pytest.raises(ConfigError, match="part_of 'Atlantis' is not in the gazetteer"):
        build_gazetteer({"actors": [{"name": "Atlantis Navy", "kind": "body", "part_of": "Atlantis"}]})
