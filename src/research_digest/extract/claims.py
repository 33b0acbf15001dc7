"""Claims: the sentences where the authors take a position.

A sentence is argumentative when it carries stance: the features that linguists use to find an
author's position (stance and evidentiality markers, modality, contrast and concession, attribution)
rather than a list of stock phrases. ``CLAIM_CUES`` holds them as data, each a pattern, a kind and a
weight, in families:

* explicit stance: first-person and authorial stance verbs (``I think``, ``We argue that``, ``In my
  view``, ``I am sceptical``), copular framings of a conclusion (``is better understood as``, ``The
  deeper problem is``, ``What NATO should do is``), evaluative words (``misleading``, ``out of
  reach``, ``far less``);
* modality: forecasts (``is likely to``, ``will``, ``will not``; a conditional ``If ..., X will``) and
  recommendations (``should``, ``would be wise to``, ``The lesson for Washington is that``);
* support features, kinds starting with ``+``: hedges and boosters, contrast and concession (``Yet``,
  ``X is real, but``, ``not X but Y``); they add weight but never name the kind;
* attribution: a quoted or reported expert (``said Malte Humpert, senior fellow at ...``, ``She
  expects ...``), the expert named among the claim's actors even where the sentence says ``he said``;
* negatives: the sentence describes the article, defines a term (``A ceasefire is an agreement
  between ...``, even with a modal), states a rule (``Under the rules, it may not exceed``), or
  reports a schedule (``would take effect in 2027``).

Each kind counts once, at its strongest cue, and the kinds add up. Context adds the rest: a
synopsis sentence starts at ``SYNOPSIS_WEIGHT``; the sentence after a concession or a short
announcement of a position (``That would be a mistake.`` after ``It is tempting to ...``; ``What
the fleet has lost ...`` after ``My argument is the opposite.``) gets ``TURN_WEIGHT``; the last
sentence of a section or of the conclusion gets ``POSITION_WEIGHT``; the items of an announced list
(``Three lessons stand out. First, ...``) get ``ENUMERATED_WEIGHT``. A sentence reaching
``THRESHOLD`` is a claim, of the kind of its strongest main cue (``assessment`` if only support
features carried it).

No statistical classifier sits beside the rules: no public argument-mining corpus with a licence that
allows shipping a model trained on it could be obtained on this machine (see the README).
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from research_digest.extract.actors import ACTOR_KINDS as GAZETTEER_ACTOR_KINDS
from research_digest.extract.actors import CANDIDATE, Gazetteer, canonical_names

THRESHOLD = 0.5
SYNOPSIS_WEIGHT = 0.6
"""Every synopsis sentence is a claim of kind ``summary`` unless a negative cue marks it."""

_DOC = r"(?:article|paper|commentary|analysis|study|report|brief|essay|piece|chapter|book)"

_EXPERT_ROLE = (
    r"(?:professor|fellow|analyst|researcher|scholar|expert|economist|lecturer|strategist|historian|"
    r"director of [\w ]{0,40}(?:research|studies|programme|program|center|centre|institute))"
)
_NAME = r"[A-Z][\w’'-]+(?:\s+[A-Z][\w’'-]+){1,3}"
_ROLE_TAIL = rf",\s+(?:a\s+|the\s+)?(?:[\w-]+\s+){{0,3}}?{_EXPERT_ROLE}\b"
EXPERT = rf"\b(?:{_NAME}){_ROLE_TAIL}[^.]*\b(?:said|says|argued|argues|told|wrote|warned|noted)\b"
"""``Torbjørn Pedersen, a professor at Nord University, said the change was overdue``."""
EXPERT_QUOTE = rf"[”\"],?\s+(?:said|says|argued|argues|warned|noted)\s+{_NAME}{_ROLE_TAIL}"
"""``“The route is not dying, ...,” said Malte Humpert, senior fellow at The Arctic Institute``."""
EXPERT_NAME_RE = re.compile(
    rf"(?:(?:said|says|argued|argues|warned|noted)\s+(?P<a>{_NAME}),\s+(?:a\s+|the\s+)?(?:[\w-]+\s+){{0,3}}?{_EXPERT_ROLE}"
    rf"|(?P<b>{_NAME}),\s+(?:a\s+|the\s+)?(?:[\w-]+\s+){{0,3}}?{_EXPERT_ROLE})"
)
EXPERT_QUOTE_RE = re.compile(EXPERT_QUOTE)
QUOTE_ONLY_RE = re.compile(r"^[“\"][^“”\"]+[”\"]$")
"""A sentence that is all quotation: after an expert's quoted sentence, the same expert speaking on."""
QUOTE_GOES_ON_WEIGHT = 0.6
PRONOUN_ATTRIBUTION_RE = re.compile(
    r"(?:[”\"],?\s+(?:he|she) (?:said|says|added|argued|warned)\b"
    r"|^(?:He|She) (?:expects?|predicts?|believes?|argues?|warns?|thinks?|fears?|doubts?|added)\b)"
)

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
        r"\b(?:analysis|scrutiny|examination|review|look|study) of .{3,120}? "
        r"(?:reveals|shows|suggests|indicates) that\b",
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
        r"\b(?:[Nn]one of (?:this|these|that)|[Tt]his|[Tt]hat|[Ii]t) "
        r"(?:does not|doesn’t|doesn't|do not|need not) mean\b"
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
    # --- stance features (issue 14) ---
    # first-person and authorial stance
    (
        r"\b(?:I|[Ww]e) (?:would |do |still |also )?(?:argue|contend|believe|think|maintain|suspect|doubt|submit)\b",
        "thesis",
        1.0,
    ),
    (r"\bI (?:do not|don’t|don't|did not|cannot) (?:think|believe|accept|see)\b", "thesis", 1.0),
    (r"\bI am (?:not )?(?:sceptical|skeptical|convinced|persuaded|confident|doubtful|unconvinced)\b", "thesis", 1.0),
    (r"\b(?:[Ii]n (?:my|our) (?:view|judgement|judgment|reading|assessment)|[Tt]o my mind)\b", "thesis", 1.0),
    (r"\b(?:[Mm]y|[Oo]ur) (?:argument|view|contention|claim|reading|assessment|thesis) is\b", "thesis", 0.8),
    (r"\b(?:I|[Ww]e) (?:expect|anticipate|predict|foresee)\b", "forecast", 1.0),
    (r"\b(?:I|[Ww]e) (?:have )?(?:never |always |long )?(?:found|considered|regarded)\b", "thesis", 1.0),
    (r"\b[Ww]e see\b", "assessment", 0.5),
    # copular framings of a conclusion
    (r"\b(?:is|are) (?:better|best) (?:understood|read|seen|described|explained) as\b", "assessment", 0.9),
    (
        r"\b[Tt]he (?:(?:more|most|real|deeper|bigger|larger|key|central|main|only|underlying|likeliest|likely|"
        r"probable|best|worst) )?"
        r"(?:(?:pressing|important|useful|relevant|decisive|acute|serious) )?"
        r"(?:question|problem|issue|danger|test|obstacle|difficulty|alternative|answer|lesson|irony|paradox|"
        r"point|story|upshot|catch|reality|outcome|result|consequence|scenario|risk|leverage|value|solution|priority|"
        r"weakness|strength) (?:is|was|remains|lies)\b",
        "assessment",
        0.7,
    ),
    (r"^[“\"]?What [^,.;]{3,80}? (?:is|was) (?!\w+ed\b)", "assessment", 0.6),
    (
        r"\b(?:would be|is|was|remains) (?:a|an) (?:serious |grave |costly )?(?:mistake|error|illusion|misreading)\b",
        "assessment",
        0.7,
    ),
    (
        r"\b(?:matters?|counts?) (?:less|more) than\b"
        r"|\b(?:less|more) than (?:they|it|he|she|this) (?:seems?|appears?|looks?)\b",
        "assessment",
        0.7,
    ),
    (r"\b(?:is|are|was) more than (?:symbolic|rhetoric|a gesture|words)\b", "assessment", 0.7),
    # evaluative words: strong ones carry a sentence, weak ones need another feature
    (
        r"\b(?:out of reach|least (?:prepared|able|likely)|best placed|most to lose|close to impossible|"
        r"reached (?:its|their) limits?|the wrong way round|in its own right|misleading|misguided|overdue|"
        r"the opposite|the reverse|(?:cannot|can no longer) be \w+ed|"
        r"unwise|ill-advised|counterproductive|self-defeating|a mistake)\b",
        "assessment",
        0.5,
    ),
    (r"\btends? to\b", "assessment", 0.5),
    (r"\b(?:seems?|appears?) to (?!be\b)[a-z]+", "assessment", 0.5),
    (
        r"\b(?:far|much) (?:more|less)\b|\b(?:sensibl[ey]|wise|naive|premature|misplaced|understandable|fragile|"
        r"hollow|modest|muted|costly|futile|doomed|unsustainable|symbolic|decisive|irrelevant|"
        r"(?:is|are) real|limited but|(?:not|no) (?:easy|simple|small))\b",
        "+evaluative",
        0.4,
    ),
    # modality: forecasts
    (r"\bwill\b", "forecast", 0.35),
    (r"\b(?:will not|won’t|won't|will never|would not|wouldn’t)\b", "forecast", 0.5),
    (r"\b(?:would|could)\b(?! (?:not )?(?:be able|have|like)\b)", "+modal", 0.35),
    (
        r"^[“\"]?(?:(?:But|And|Yet|Still|So),? )?(?i:If|Unless|Absent|Without|As long as|So long as|Only if|Once)\b"
        r"[^.;]{3,200}?,[^;]{0,200}?\b(?:will|would|could|may|might|can|expect|is likely|are likely)\b",
        "forecast",
        0.7,
    ),
    (
        r"^[“\"]?(?:(?:But|And|Yet),? )?(?i:If|Unless|As long as|So long as|Only if)\b[^.;]{3,200}?,",
        "+conditional",
        0.3,
    ),
    (r"\bbut only if\b|\bonly if\b", "+conditional", 0.3),
    # modality: recommendations
    (r"\bwould (?:be )?(?:wise|well advised|prudent|right) to\b", "recommendation", 0.8),
    # hedges and boosters
    (
        r"\b(?:probably|perhaps|arguably|clearly|certainly|surely|undoubtedly|evidently|precisely|in fact|"
        r"[Ii]n practice|at most|at best|whatever happens|regardless|in any case|simply)\b",
        "+hedge",
        0.2,
    ),
    # contrast and concession
    (r"^[“\"]?(?:Yet|But|Still|However|Nevertheless|Nonetheless|Even so|That said|Instead)\b", "+contrast", 0.3),
    (r",? but\b", "+contrast", 0.15),
    (r"\b(?:not|no longer|never) (?:\w+ ){0,4}?\w+,? but\b|\brather than\b", "+contrast", 0.3),
    (
        r"\b(?:is|are|was|were) (?:real|true|understandable|legitimate|valid|correct|right|accurate)"
        r"(?: as far as (?:it|they) goes?)?,? but\b",
        "+contrast",
        0.5,
    ),
    # attribution: an expert's position, quoted or reported
    (EXPERT, "+attributed", 0.6),
    (EXPERT_QUOTE, "+attributed", 0.8),
    (r"^(?:He|She|They) (?:expects?|predicts?|believes?|argues?|warns?|thinks?|fears?|doubts?)\b", "forecast", 0.7),
    # negative: a definition (even with a modal), a rule, a schedule, an obligation being reported
    (
        r"^(?:A|An|The term)\s+[\w -]{2,60}?\s+is\s+(?:a|an|one|the)\s+(?:[\w-]+\s+){0,4}?,?\s*"
        r"(?:that|which|who|whose|between|in which|by which)\b",
        "",
        -0.9,
    ),
    (
        r"^Under (?:the|its|these|this|EU|current|existing) (?:\w+ )?"
        r"(?:rules|law|treaty|agreement|regulation|convention)",
        "",
        -0.6,
    ),
    (r"\b(?:takes?|took) effect\b|\b(?:enters?|entered|come|comes) into force\b|\bgo(?:es)? to parliament\b", "", -1.2),
    (r"\bmust now\b", "", -0.4),
    (
        r"\b(?:said|announced|stated|declared|told|claimed|insisted|promised|pledged|vowed)\b[^.“”]{0,80}?\bwould\b",
        "",
        -0.5,
    ),
    # negative: the sentence describes the article, defines a term, asks, or reports someone else
    (
        rf"\b[Tt]his {_DOC} (?:examines|explores|analyses|analyzes|discusses|investigates|introduces|reviews|assesses|"
        r"evaluates|"
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
ACTOR_KINDS = (*GAZETTEER_ACTOR_KINDS, CANDIDATE)


@dataclass
class FoundClaim:
    sentence: int
    text: str
    kind: str
    score: float
    actors: list[str]


def score_sentence(sentence: str, in_synopsis: bool) -> tuple[float, str]:
    """The claim score of a sentence and the kind of its strongest main cue.

    Each kind counts once, at its strongest cue (two forecast cues say one thing), and kinds add up.
    """
    best_by_kind: dict[str, float] = {}
    lower = sentence.lower()
    for pattern, cue_kind, weight, words in _COMPILED:
        if not all(word in lower for word in words) or not pattern.search(sentence):
            continue
        if cue_kind not in best_by_kind or abs(weight) > abs(best_by_kind[cue_kind]):
            best_by_kind[cue_kind] = weight
    score = (SYNOPSIS_WEIGHT if in_synopsis else 0.0) + sum(best_by_kind.values())
    main = [(weight, kind) for kind, weight in best_by_kind.items() if kind and not kind.startswith("+") and weight > 0]
    if in_synopsis:
        main.append((SYNOPSIS_WEIGHT, "summary"))
    if main:
        kind = max(main, key=lambda wk: (wk[0], wk[1]))[1]
    else:
        kind = "assessment" if any(k.startswith("+") and w > 0 for k, w in best_by_kind.items()) else ""
    return round(score, 3), kind


_POINTS = (
    r"(?:lessons|takeaways|findings|conclusions|implications|observations|insights|reasons|risks|dangers|problems|"
    r"options|steps|questions|scenarios)"
)
ANNOUNCE_RE = re.compile(
    rf"\b{_POINTS}\b[^.;]{{0,40}}?\b(?:stand\s+out|emerge|follow|matter)\b"
    rf"|\b(?:two|three|four|five|several|a\s+few|key|main)\s+{_POINTS}\b",
    re.I,
)
"""A sentence that announces a list of the author's points (``Three lessons stand out.``)."""
ORDINAL_RE = re.compile(r"^[“\"‘']?(?:First|Second|Third|Fourth|Fifth|Finally|Lastly|Firstly|Secondly|Thirdly)\b")
ENUMERATED_WEIGHT = 0.6
"""An item of an announced list (``First, cheap drones ... can offset ...``) is an assessment."""


TURN_WEIGHT = 0.5
"""The sentence after a concession (``It is tempting to ...``) is where the point is made."""
AFTER_STANCE_WEIGHT = 0.35
"""The sentence after a short statement of position (``I am sceptical.``) often gives its content,
often its evidence: weaker than a turn, and nothing for a dated sentence (a happening is evidence)."""
DATED_RE = re.compile(
    r"\b(?:1[89]|20)\d\d\b|\b(?:last|this) (?:year|month|week|spring|summer|autumn|winter)\b|\byesterday\b"
    r"|\bon (?:Mon|Tues|Wednes|Thurs|Fri|Satur|Sun)day\b"
)
POSITION_WEIGHT = 0.15
"""The last sentence of a section or of the conclusion is where authors sum up."""
CONCESSION_RE = re.compile(
    r"^(?:It (?:is|would be|may be|might be) (?:tempting|easy)\b|To be fair|Admittedly|Of course|Granted|"
    r"Critics (?:argue|say|claim|contend)|Some (?:see|argue|say|observers|analysts|commentators)|"
    r"Many (?:see|argue|believe|observers)|Most (?:commentary|analysts|observers)|There is (?:some )?truth|"
    r"On paper|At first sight|At first glance|(?:This|That|It) is not (?:an argument|a reason|to say|the same)|"
    r"(?:Many|Some|Most|Critics|Officials|Observers|Analysts)\b[^.]{0,60}?\b(?:regard|see|argue|say|claim|believe|view|"
    r"describe|consider|insist|contend)s?\b|"
    r"[A-Z][\w’' -]{0,40}? (?:presents?|describes?|portrays?|frames?|sells?) (?:the|it|this|its)\b[^.]{0,80}? as)\b"
)
SHORT_STANCE_WORDS = {"assessment": 6, "thesis": 10}
"""How short a statement of position must be for the next sentence to be read as its content."""


@dataclass
class ClaimContext:
    """Carried from paragraph to paragraph: an announced list of points still running, the expert last named."""

    listing: bool = False
    expert: str | None = None


def find_claims(
    sentences: list[str],
    in_synopsis: bool,
    gazetteer: Gazetteer | None,
    context: ClaimContext | None = None,
    section_end: bool = False,
) -> list[FoundClaim]:
    """The claims among one paragraph's sentences; ``section_end``: the paragraph ends a section or the text."""
    context = context if context is not None else ClaimContext()
    if sentences and not ORDINAL_RE.match(sentences[0]):
        context.listing = False  # a paragraph that does not go on with the list ends it
    found = []
    turn = 0.0
    quoted_expert = False
    for index, sentence in enumerate(sentences):
        score, kind = score_sentence(sentence, in_synopsis)
        if context.listing and ORDINAL_RE.match(sentence):
            score, kind = score + ENUMERATED_WEIGHT, kind or "assessment"
        if turn and not (turn < TURN_WEIGHT and DATED_RE.search(sentence)):
            score, kind = score + turn, kind or "assessment"
        if section_end and index == len(sentences) - 1:
            score += POSITION_WEIGHT
        if ANNOUNCE_RE.search(sentence):
            context.listing = True
        if quoted_expert and QUOTE_ONLY_RE.match(sentence):  # the quote goes on: still the expert speaking
            score, kind = score + QUOTE_GOES_ON_WEIGHT, kind or "assessment"
        quoted_expert = bool(EXPERT_QUOTE_RE.search(sentence)) or (
            quoted_expert and bool(QUOTE_ONLY_RE.match(sentence))
        )
        expert = EXPERT_NAME_RE.search(sentence)
        named = expert.group("a") or expert.group("b") if expert else None
        if named:
            context.expert = named
        if CONCESSION_RE.match(sentence):
            turn = TURN_WEIGHT
        elif score >= THRESHOLD and len(sentence.split()) <= SHORT_STANCE_WORDS.get(kind, 0):
            turn = AFTER_STANCE_WEIGHT
        else:
            turn = 0.0
        if score >= THRESHOLD and kind:
            mentions = gazetteer.find(sentence) if gazetteer is not None else []
            actors = canonical_names(mentions, ACTOR_KINDS)
            speaker = named or (
                context.expert if PRONOUN_ATTRIBUTION_RE.search(sentence) or QUOTE_ONLY_RE.match(sentence) else None
            )
            if speaker and speaker not in actors:
                actors.append(speaker)
            found.append(FoundClaim(index, sentence, kind, round(score, 3), actors))
    return found
