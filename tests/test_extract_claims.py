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
