"""Events: clauses that report something that happened at a time the text gives.

A clause is an event when it has both
* a time expression that places it (``In 2012``, ``In July that year``, ``Subsequently``): a
  vague one (``recently``) does not place anything on a timeline, and a bound (``since 2014``,
  ``by 2030``) is not the date of the happening; and
* a verb of happening: a past-tense verb (``barred``, ``signed``, ``launched``, or an irregular
  one from ``PAST_IRREGULAR``) or a reporting verb (``2025 reports suggest``), and not only verbs
  of state (``persisted``, ``remained``, ``accounted for``), which report standing facts.

One clause, one event. A sentence with two dated happenings (``Lithuania expelled the diplomats
in March 2023, and Russia retaliated in April``) is cut at the clause boundary between its dates.
The summary is the clause as written, only trimmed; the actors and places are the gazetteer
names (and candidates) inside it.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from itertools import pairwise

from research_digest.extract.actors import ACTOR_KINDS as GAZETTEER_ACTOR_KINDS
from research_digest.extract.actors import CANDIDATE, CANDIDATE_PLACE, Gazetteer, canonical_names
from research_digest.extract.dates import DateContext, TimeExpression, find_time_expressions

PAST_IRREGULAR = frozenset(
    "began became broke brought built bought came chose drew drove fell fought found froze gave got grew "
    "held hit kept knew laid led left lost made met paid put ran rose said sent set shot sold spent stood "
    "struck took told threw undertook went won withdrew wrote sank sought saw flew cut overtook upheld oversaw "
    "shut spread swore underwent forbade bid beat bore stuck sprang dealt meant overran reopened spoke caught "
    "fled overthrew overcame shook shrank taught tore wore woke arose blew dug fed hid hung lent lit mistook "
    "rebuilt rewrote rode slid sped spun strode strove swam swung swept withheld withstood wove".split()
)
"""Irregular past tenses that report a happening."""

REPORTING_VERBS = frozenset(
    "suggest suggests reveal reveals show shows indicate indicates announce announces confirm confirms "
    "report reports sign signs launch launches unveil unveils".split()
)
"""Present-tense verbs that report a dated happening (``2025 reports suggest``, a news caption)."""

STATE_VERBS = frozenset(
    "persisted continued remained stayed lasted existed accounted contained depended lay lied "
    "belonged consisted seemed appeared looked resembled owned needed wanted liked preferred "
    "based concerned interested limited related united supposed expected named "
    "advanced armed detailed experienced skilled talented varied so-called".split()
)
"""``-ed`` words that describe a state (or are adjectives), not a happening."""

NOT_VERB_ED = frozenset("red bed need feed speed seed shed hundred sacred naked wicked ragged".split())

DETERMINERS = frozenset("a an the its their his her our of more most with this that these those any".split())
"""An ``-ed`` word after one of these is an adjective (``the increased presence``)."""

CLAUSE_BOUNDARIES = (
    re.compile(
        r";\s+|,\s+(?:and|but|while|whereas|before|after\s+which|when|then|and\s+then|which|where)\s+"
        r"|\s+(?:and\s+then|after\s+which)\s+"
    ),
    re.compile(r",\s+"),
    re.compile(r"\s+and\s+"),
)
"""Where a sentence with two dated happenings is cut, best first: a clause joiner, a comma, ``and``."""
WORD_RE = re.compile(r"[A-Za-z][A-Za-z’'-]*")
LEADING_JOINER_RE = re.compile(r"^(?:[;,]\s*)?(?:and\s+then|and|but|while|whereas|then)?\s*", re.I)

ACTOR_KINDS = (*GAZETTEER_ACTOR_KINDS, CANDIDATE)


@dataclass
class FoundEvent:
    """An event before it gets its id: where it is and what it says."""

    sentence: int
    summary: str
    date: str | None
    precision: str | None
    end: str | None
    when: str | None
    actors: list[str]
    places: list[str]


def find_events(
    sentences: list[str], context: DateContext, gazetteer: Gazetteer | None, extract: bool = True
) -> list[FoundEvent]:
    """Events in one paragraph's sentences; ``context`` carries the reference year on to the next.

    With ``extract=False`` (a heading) the dates still move the reference year, but no events come out.
    """
    found: list[FoundEvent] = []
    for index, sentence in enumerate(sentences):
        expressions = find_time_expressions(sentence, context)
        if not extract:
            continue
        dating = [e for e in expressions if e.dates_event]
        if not dating:
            continue
        for start, end, exprs in _clauses(sentence, dating):
            clause = sentence[start:end]
            if not has_happening_verb(clause):
                continue
            found.append(_build(index, sentence, start, end, exprs, gazetteer))
    return found


def _clauses(sentence: str, dating: list[TimeExpression]) -> list[tuple[int, int, list[TimeExpression]]]:
    """Cut the sentence so that each dated expression has a clause of its own.

    With one expression (or several that cannot be separated) the whole sentence is one clause.
    """
    dated: list[TimeExpression] = []
    for e in dating:
        if not e.date:
            continue
        if dated and sentence[dated[-1].end : e.start] in (", ", " ("):
            continue  # "on 29 January 2025, a year later,": the same time said again, not a second clause
        dated.append(e)
    if len(dated) < 2:
        return [(0, len(sentence), dating)]
    cuts = []
    for first, second in pairwise(dated):
        between = []
        for boundary in CLAUSE_BOUNDARIES:
            between = list(boundary.finditer(sentence, first.end, second.start))
            if between:
                break
        if not between:
            return [(0, len(sentence), dating)]
        cuts.append(between[-1].start())
    bounds = [0, *cuts, len(sentence)]
    clauses: list[tuple[int, int, list[TimeExpression]]] = [(start, end, []) for start, end in pairwise(bounds)]
    index = 0
    for expression in dating:  # both in order: one pass
        while expression.start >= clauses[index][1] and index < len(clauses) - 1:
            index += 1
        clauses[index][2].append(expression)
    return [c for c in clauses if c[2]]


def has_happening_verb(clause: str) -> bool:
    """Whether the clause has a verb that reports a happening, not only verbs of state."""
    words = WORD_RE.findall(clause)
    for i, word in enumerate(words):
        lower = word.lower()
        previous = words[i - 1].lower() if i else ""
        if lower in STATE_VERBS or lower in NOT_VERB_ED or word[0].isupper() and i:
            continue
        if lower in PAST_IRREGULAR or lower in REPORTING_VERBS:
            return True
        if lower == "used" and (i + 1 < len(words) and words[i + 1].lower() in ("to", "as") or previous in DETERMINERS):
            continue  # "used to", "used as", "the used cars": not the happening "used water cannon"
        if lower == "used":  # too short for the "-ed" test below
            return True
        if lower == "called" and i + 1 < len(words) and (words[i + 1][0].isupper() or previous in DETERMINERS):
            continue  # "a ship called Eagle S", "the so called": naming, not the happening "called early elections"
        if lower.endswith("ed") and len(lower) > 4 and "-" not in lower and previous not in DETERMINERS:
            # a hyphenated "-ed" word is a compound adjective (state-owned, Russia-led), not a verb
            return True
    return False


def _build(
    index: int, sentence: str, start: int, end: int, exprs: list[TimeExpression], gazetteer: Gazetteer | None
) -> FoundEvent:
    clause = sentence[start:end]
    trimmed = clause.strip()
    if start > 0:  # a clause cut from a longer sentence: drop the joining word, keep the words as written
        trimmed = LEADING_JOINER_RE.sub("", trimmed).strip().rstrip(",;:")
    dated = [e for e in exprs if e.date] or exprs
    when = dated[0]
    mentions = gazetteer.find(clause) if gazetteer is not None else []
    return FoundEvent(
        index,
        trimmed,
        when.date,
        when.precision,
        when.end_date,
        when.text,
        canonical_names(mentions, ACTOR_KINDS),
        canonical_names(mentions, ("place", CANDIDATE_PLACE)),
    )
