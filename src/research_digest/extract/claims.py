"""Claims: the sentences where the authors take a position.

Each sentence is scored with the cue table ``CLAIM_CUES``: a phrase, the kind of claim it marks
and a weight. The sentences of the synopsis or abstract start with ``SYNOPSIS_WEIGHT`` (the page
states them as its own summary). Negative cues mark sentences that describe the article rather
than argue (``This article examines``, ``We offer``, a definition, a question). A sentence whose
score reaches ``THRESHOLD`` is a claim, of the kind of its strongest positive cue.

The table is data: to teach the extractor a new phrase, add a row. Weights were set so that one
explicit marker (``We argue that``, ``likely to persist``, ``should``) suffices on its own, and
a weak one (``it is no wonder``) needs another cue or the synopsis to count.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from research_digest.extract.actors import CANDIDATE, Gazetteer, canonical_names

THRESHOLD = 0.5
SYNOPSIS_WEIGHT = 0.6
"""Every synopsis sentence is a claim of kind ``summary`` unless a negative cue marks it."""

_DOC = r"(?:article|paper|commentary|analysis|study|report|brief|essay|piece|chapter|book)"

CLAIM_CUES: tuple[tuple[str, str, float], ...] = (
    # thesis: the author says what they argue
    (r"\b[Ww]e (?:argue|contend|maintain|posit|propose|hold|submit) that\b", "thesis", 1.0),
    (
        r"\b(?:[Tt]he|[Oo]ur|[Mm]y) (?:key|main|central|broader|core|principal|overarching|bottom) "
        r"(?:takeaway|argument|point|lesson|conclusion|message|line) (?:is|here is|remains)\b",
        "thesis",
        1.0,
    ),
    (
        r"\b(?:[Tt]he|[Oo]ur) (?:(?:real|wider|larger|first|main) )?(?:takeaway|lesson|upshot|conclusion|moral)"
        r"(?: of| from| for)? [^.;:]{0,60}?(?:is|are) that\b",
        "thesis",
        1.0,
    ),
    (rf"\b[Tt]his {_DOC} (?:argues|contends|maintains|posits|proposes)\b", "thesis", 0.9),
    (r"\b(?:[Ii]n short|[Ii]n sum|[Ii]n conclusion|[Tt]o conclude|[Oo]verall|[Uu]ltimately),", "thesis", 0.5),
    # finding: what the analysis shows
    (rf"\b[Tt]his {_DOC} (?:shows|demonstrates|finds|concludes|highlights|reveals|establishes)\b", "finding", 0.9),
    (r"\b[Ww]e (?:show|find|demonstrate|conclude|found|observe) that\b", "finding", 0.9),
    (
        r"\b(?:analysis|scrutiny|examination|review|look|study) of .{3,120}? (?:reveals|shows|suggests|indicates) that\b",  # noqa: E501 - one alternation, easier to read unbroken
        "finding",
        0.7,
    ),
    # assessment: a judgement about how things are
    (r"\bhere to stay\b", "assessment", 0.8),
    (
        r"\bfar from (?:smooth|certain|clear|settled|over|assured|guaranteed|straightforward|perfect|seamless|"
        r"uniform|monolithic|inevitable|complete|resolved)\b",
        "assessment",
        0.8,
    ),
    (
        r"\bnot without (?:constraints|limits|limitations|risks|costs|problems|challenges|friction|tensions|"
        r"obstacles|difficulties|its critics|precedent)\b",
        "assessment",
        0.8,
    ),
    (r"\b(?:seems?|appears?) to be (?!\w+ing\b)", "assessment", 0.6),
    (
        r"\b(?:seems?|appears?) to be (?:fading|waning|eroding|weakening|growing|deepening|strengthening|"
        r"shifting|losing|gaining|moving|turning|narrowing|widening|stalling)\b",
        "assessment",
        0.6,
    ),
    (
        r"\b(?:is|are|was|remains?) (?:a (?:clear|telling|worrying|welcome) sign|no coincidence|"
        r"hardly surprising|unsurprising|not surprising|a mistake|an illusion|overstated|exaggerated)\b",
        "assessment",
        0.6,
    ),
    (
        r"\b(?:[Ii]t is|[Ii]t remains) (?:clear|evident|unclear|doubtful|questionable|debatable|telling) "
        r"(?:that|whether|how)\b",
        "assessment",
        0.6,
    ),
    (r"\b(?:[Ii]t is no wonder|[Nn]ot surprisingly|[Uu]nsurprisingly)\b", "assessment", 0.3),
    (
        r"\b(?:[Nn]one of (?:this|these|that)|[Tt]his|[Tt]hat|[Ii]t) (?:does not|doesn’t|doesn't|do not|need not) mean\b"  # noqa: E501 - one alternation, easier to read unbroken
        r"|\b[Nn]one of (?:this|these|that) (?:means|implies|requires|changes)\b",
        "assessment",
        0.6,
    ),
    # forecast: what the author expects
    (r"\b(?:is|are|was|were|remains?) (?:(?:highly|very|most|more|less) )?(?:likely|unlikely) to\b", "forecast", 0.8),
    (r"\b(?:will|would) (?:likely|probably|almost certainly)\b", "forecast", 0.8),
    (r"\b(?:is|are) (?:expected|poised|set|bound) to\b", "forecast", 0.6),
    (r"\b(?:could|may|might) well\b", "forecast", 0.6),
    (r"\b(?:[Ii]n|[Oo]ver) the (?:coming|next) (?:years|months|decade|decades)\b.{0,80}\bwill\b", "forecast", 0.6),
    # recommendation: what someone ought to do
    (r"\bshould\b(?! (?:it|they|he|she) )", "recommendation", 0.7),
    (r"\bought to\b", "recommendation", 0.7),
    (r"\bwould do well to\b", "recommendation", 0.8),
    (
        r"\b(?:the|a|their|its|our) (?:challenge|task|priority|imperative|aim|goal) (?:will|would|should|is|remains)"
        r" (?:not )?(?:be )?to\b",
        "recommendation",
        0.8,
    ),
    (
        r"\b[Ii]t is (?:essential|imperative|crucial|vital|important|necessary|urgent) (?:that|to|for)\b",
        "recommendation",
        0.7,
    ),
    (r"\b(?:must|need to|needs to)\b", "recommendation", 0.5),
    # negative: the sentence describes the article, defines a term, asks, or reports someone else
    (
        rf"\b[Tt]his {_DOC} (?:examines|explores|analyses|analyzes|discusses|investigates|introduces|reviews|"
        r"considers|looks at|describes|outlines|surveys|maps|traces|asks)\b",
        "",
        -0.7,
    ),
    (
        r"\b[Ww]e (?:offer|examine|explore|use|employ|draw on|introduce|discuss|review|describe|outline|ask|"
        r"begin|turn|trace|map)\b",
        "",
        -0.7,
    ),
    (r"\b(?:can|may|could) be (?:understood|defined|described|conceptuali[sz]ed|seen|thought of) as\b", "", -0.7),
    (r"\b(?:is|are|refers? to|means?) defined as\b", "", -0.7),
    (r"\?[”\"’']?$", "", -0.6),
    (r"\b(?:said|stated|told|announced|declared|claimed|wrote)\b", "", -0.3),
)
"""(pattern, kind, weight). Kind ``""`` marks a negative cue."""


def _spaced(pattern: str) -> str:
    """Each space in a cue matches any run of whitespace: pages use no-break spaces."""
    return pattern.replace(" ", r"\s+")


def _required_words(pattern: str) -> tuple[str, ...]:
    """Lower-case words every match of ``pattern`` contains: its literal text outside groups and classes.

    Used to skip a cue with a substring test; a pattern with a top-level ``|`` gets none (always tried).
    """
    text = re.sub(
        r"\[([A-Z])([a-z])\]", lambda m: m.group(2) if m.group(1).lower() == m.group(2) else m.group(0), pattern
    )
    top, depth, i = [], 0, 0
    while i < len(text):
        char = text[i]
        if char == "\\":
            top.append(" ")
            i += 2
            continue
        if char in "([":
            depth += 1
        elif char in ")]":
            depth -= 1
            top.append(" ")
        elif char == "|" and depth == 0:
            return ()
        elif depth == 0:
            top.append(char)
        i += 1
    flat = re.sub(r".[?*]|.\{0,", " ", "".join(top))  # an optional letter is not required
    return tuple(w for w in re.findall(r"[a-z’']{2,}", flat.lower()))


_COMPILED = tuple((re.compile(_spaced(p)), kind, weight, _required_words(p)) for p, kind, weight in CLAIM_CUES)
ACTOR_KINDS = ("state", "organisation", "person", CANDIDATE)


@dataclass
class FoundClaim:
    sentence: int
    text: str
    kind: str
    score: float
    actors: list[str]


def score_sentence(sentence: str, in_synopsis: bool) -> tuple[float, str]:
    """The claim score of a sentence and the kind of its strongest positive cue."""
    score = SYNOPSIS_WEIGHT if in_synopsis else 0.0
    kind, best = ("summary", SYNOPSIS_WEIGHT) if in_synopsis else ("", 0.0)
    seen_kinds = set()
    lower = sentence.lower()
    for pattern, cue_kind, weight, words in _COMPILED:
        if not all(word in lower for word in words) or not pattern.search(sentence):
            continue
        if cue_kind in seen_kinds:  # two cues of one kind say the same thing once
            continue
        seen_kinds.add(cue_kind)
        score += weight
        if weight > best:
            kind, best = cue_kind, weight
    return round(score, 3), kind


ANNOUNCE_RE = re.compile(
    r"\b(?:lessons|takeaways|findings|conclusions|implications|observations|insights|reasons)\b[^.;]{0,40}?"
    r"\b(?:stand\s+out|emerge|follow|matter)\b"
    r"|\b(?:two|three|four|five|several|a\s+few|key|main)\s+(?:lessons|takeaways|findings|conclusions|implications|"
    r"observations|insights)\b",
    re.I,
)
"""A sentence that announces a list of the author's points (``Three lessons stand out.``)."""
ORDINAL_RE = re.compile(r"^[“\"‘']?(?:First|Second|Third|Fourth|Fifth|Finally|Lastly|Firstly|Secondly|Thirdly)\b")
ENUMERATED_WEIGHT = 0.6
"""An item of an announced list (``First, cheap drones ... can offset ...``) is an assessment."""


@dataclass
class ClaimContext:
    """Carried from paragraph to paragraph: whether an announced list of points is still running."""

    listing: bool = False


def find_claims(
    sentences: list[str], in_synopsis: bool, gazetteer: Gazetteer | None, context: ClaimContext | None = None
) -> list[FoundClaim]:
    """The claims among one paragraph's sentences."""
    context = context if context is not None else ClaimContext()
    if sentences and not ORDINAL_RE.match(sentences[0]):
        context.listing = False  # a paragraph that does not go on with the list ends it
    found = []
    for index, sentence in enumerate(sentences):
        score, kind = score_sentence(sentence, in_synopsis)
        if context.listing and ORDINAL_RE.match(sentence):
            score, kind = score + ENUMERATED_WEIGHT, kind or "assessment"
        if ANNOUNCE_RE.search(sentence):
            context.listing = True
        if score >= THRESHOLD and kind:
            mentions = gazetteer.find(sentence) if gazetteer is not None else []
            found.append(FoundClaim(index, sentence, kind, score, canonical_names(mentions, ACTOR_KINDS)))
    return found
