"""Claims: the cue table scores sentences; the synopsis counts unless it only describes the article."""

from __future__ import annotations

import pytest

from research_digest.extract.claims import THRESHOLD, find_claims, score_sentence


@pytest.mark.parametrize(
    "sentence, kind",
    [
        ("We argue that historical distrust constrains them from forming an alliance.", "thesis"),
        ("The key takeaway is that sanctions smoothed the formerly bumpy collaboration.", "thesis"),
        ("This article demonstrates the value of neoclassical realism.", "finding"),
        ("In recent years, friction points between Russia and China seem to be fading away.", "assessment"),
        ("Nevertheless, the partnership in Arctic affairs is far from smooth.", "assessment"),
        ("A scrutiny of the development of cooperation reveals that the trend is here to stay.", "assessment"),
        ("This trajectory is not without constraints.", "assessment"),
        ("This trend is likely to persist.", "forecast"),
        ("Coordination is likely to expand, but unevenly.", "forecast"),
        ("Allies should treat undersea infrastructure as a front line.", "recommendation"),
        (
            "For regional states, the challenge will not be to halt this alignment, but to navigate it.",
            "recommendation",
        ),
    ],
)
def test_claims_cue_phrase_marks_claim_of_its_kind(sentence, kind):
    score, found = score_sentence(sentence, in_synopsis=False)
    assert score >= THRESHOLD and found == kind


@pytest.mark.parametrize(
    "sentence",
    [
        "The area accounts for about 10 per cent of global commercial oil output.",
        "In 2012, Russia barred Chinese research ships from carrying out surveys.",
        "It is no wonder then that states scramble to enhance their presence.",
    ],
)
def test_claims_plain_reporting_is_not_a_claim(sentence):
    assert score_sentence(sentence, in_synopsis=False)[0] < THRESHOLD


def test_claims_synopsis_sentences_are_claims_except_descriptions_of_the_article():
    sentences = [
        "China and Russia have deepened their cooperation in the Arctic.",
        "This article examines Sino-Russian Arctic cooperation through a neoclassical realist framework.",
        "We offer the domestic variable of historical distrust.",
        "Historical distrust can be understood as negative historical events.",
        "We argue that historical distrust constrains them.",
    ]
    found = find_claims(sentences, in_synopsis=True, gazetteer=None)
    assert [(c.sentence, c.kind) for c in found] == [(0, "summary"), (4, "thesis")]


def test_claims_question_is_not_a_claim():
    assert score_sentence("Should NATO respond?", in_synopsis=False)[0] < THRESHOLD


@pytest.mark.parametrize(
    "sentence, kind",
    [
        ("The lesson of the past three years is that India will not take sides.", "thesis"),
        ("The broader lesson is that grey-zone coercion works best against isolated targets.", "thesis"),
        ("None of this means that India is drifting towards Moscow.", "assessment"),
        ("This does not mean that the alliance is dead.", "assessment"),
    ],
)
def test_claims_lesson_and_rebuttal_phrasings_are_claims(sentence, kind):
    score, found = score_sentence(sentence, in_synopsis=False)
    assert score >= THRESHOLD and found == kind


def test_claims_items_of_an_announced_list_are_claims():
    from research_digest.extract.claims import ClaimContext

    context = ClaimContext()
    first = find_claims(
        [
            "Three lessons stand out.",
            "First, cheap drones can offset artillery.",
            "Second, electronic warfare matters.",
        ],
        in_synopsis=False,
        gazetteer=None,
        context=context,
    )
    going_on = find_claims(["Third, software decides."], in_synopsis=False, gazetteer=None, context=context)
    after = find_claims(["Prices rose.", "Finally, the ship left."], in_synopsis=False, gazetteer=None, context=context)
    assert [c.sentence for c in first] == [1, 2] and [c.kind for c in going_on] == ["assessment"]
    assert after == []


def test_claims_ordinal_without_announcement_is_not_a_claim():
    sentences = ["The Arctic lies at the heart of developments.", "First, as the ice melts, the route opens."]
    assert find_claims(sentences, in_synopsis=False, gazetteer=None) == []


# ---------------------------------------------------------------- issue 14: what makes a sentence argumentative


@pytest.mark.parametrize(
    "sentence",
    [
        "I think this reading overstates what the text does.",  # first-person stance
        "I would argue that the mining story has been told the wrong way round.",
        "In my view, the lower Mekong states have relied too long on Beijing.",
        "We expect this pattern to continue.",
        "It is better understood as a pause.",  # copular framing of a conclusion
        "The more pressing question is what the partnership does for deterrence.",
        "The numbers matter less than they seem.",
        "What NATO should do is plan for the sea first.",
        "If Tokyo uses the agreement mainly for drills, Beijing is unlikely to treat it as a challenge.",  # conditional
        "But as long as the border is not demarcated, the next crisis will come.",
        "Central Asian governments would be wise to negotiate as a group.",  # recommendation to an actor
        "Yet the pact is more than symbolic.",  # contrast
        "Their objections are understandable, but they misread its purpose.",  # concession turning into the point
        "That goal now looks out of reach.",  # evaluative
    ],
)
def test_stance_features_make_a_claim(sentence):
    score, kind = score_sentence(sentence, in_synopsis=False)
    assert score >= THRESHOLD and kind, (sentence, score, kind)


@pytest.mark.parametrize(
    "sentence",
    [
        "An observer state is one that may attend Arctic Council meetings but cannot vote.",  # definition + modal
        "A ceasefire is an agreement between the parties to stop fighting; it may cover part of a country.",
        "Under the rules, it may not exceed the price of allowances in the EU Emissions Trading System.",
        "If it passes, the rules would take effect in 2027.",  # a schedule
        "Indian officials said publicly that they would not be bound by it.",  # reported, not the author's
        "The proposal will go to parliament in the spring.",
        "Importers of steel must now buy certificates for the carbon emitted in producing their goods.",
    ],
)
def test_definitions_rules_schedules_and_reports_are_not_claims(sentence):
    assert score_sentence(sentence, in_synopsis=False)[0] < THRESHOLD, sentence


def test_the_sentence_after_a_concession_carries_the_point():
    sentences = [
        "It is tempting for ECOWAS members to treat it as a temporary aberration.",
        "That would be wrong-headed.",
    ]
    assert score_sentence(sentences[1], in_synopsis=False)[0] < THRESHOLD  # alone, no cue
    found = find_claims(sentences, in_synopsis=False, gazetteer=None)
    assert [c.text for c in found] == ["That would be wrong-headed."]


def test_a_quoted_expert_is_named_on_the_claim_even_after_he_said():
    sentences = [
        "Torbjørn Pedersen, a professor at Nord University, said the change was overdue.",
        "“Norway will probably face protests, but it will not back down,” he said.",
        "The ministry did not respond.",
    ]
    found = find_claims(sentences, in_synopsis=False, gazetteer=None)
    assert [c.sentence for c in found] == [0, 1]
    assert all("Torbjørn Pedersen" in c.actors for c in found)


def test_an_official_quote_without_an_expert_is_not_attributed_as_a_position():
    sentence = "“The rules are not aimed at any one country,” said Anne Solberg, a state secretary at the ministry."
    assert score_sentence(sentence, in_synopsis=False)[0] < THRESHOLD


def test_the_sentence_after_a_denial_carries_the_point():
    sentences = ["That is not an argument against the treaty.", "It is an argument for investing in courts."]
    assert [c.sentence for c in find_claims(sentences, in_synopsis=False, gazetteer=None)] == [1]


@pytest.mark.parametrize(
    "sentence",
    [
        "Brussels appears to value lithium more than the demands of its citizens.",  # evidential
        "The likeliest outcome is a slow contraction of exports.",  # copular framing
    ],
)
def test_evidentials_and_framed_outcomes_are_claims(sentence):
    assert score_sentence(sentence, in_synopsis=False)[0] >= THRESHOLD


def test_an_experts_quote_that_goes_on_is_still_the_experts_position():
    sentences = [
        "“The juntas need partners who do not come with lectures,” said Ibrahim Maïga, a researcher at the institute.",
        "“Russia offers protection, but it cannot offer markets.”",
    ]
    found = find_claims(sentences, in_synopsis=False, gazetteer=None)
    assert [c.sentence for c in found] == [0, 1]
    assert found[1].actors == ["Ibrahim Maïga"]


def test_the_sentence_after_a_reported_view_carries_the_authors_point():
    sentences = ["Many in Brussels now regard the Sahel as lost.", "That conclusion is premature."]
    assert [c.sentence for c in find_claims(sentences, in_synopsis=False, gazetteer=None)] == [1]
