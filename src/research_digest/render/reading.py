"""The reading view of a brief: what is shown beside and around its text.

Readers of think-tank briefs come for the text; the claims and events the machine found are
notes on it, not a wall in front of it. So the page puts the text first and hangs each claim and
event beside the paragraph it came from (``notes_by_paragraph``), with the sentence itself
highlighted, and adds what long-form sites give a reader: a table of contents from the section
headings, a reading time, and a mark when the record holds only an abstract.

Everything here is a pure function of one record, so a brief's page stays a function of its own
inputs.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from research_digest.records.schema import Block, Claim, Event, Record

WORDS_PER_MINUTE = 230
"""Silent reading of non-fiction prose in English (Brysbaert 2019: 238 wpm); rounded down, as
briefs are denser than average."""

EXCERPT_WORDS = 7
"""A note opens with the first words of its sentence, so the reader can match it to the
highlighted sentence beside it without the whole sentence printed twice."""

META_SENTENCE = re.compile(
    r"^(?:This|The present|Our) (?:article|paper|commentary|essay|study|report|brief|chapter|analysis)"
    r" (?:examines|explores|analy[sz]es|discusses|investigates|considers|looks at|reviews|offers|sets out|describes)\b"
    r"|^(?:In this (?:article|paper|commentary|essay|study|report|brief),? )?[Ww]e (?:offer|examine|explore|discuss|"
    r"analy[sz]e|investigate|consider|review|describe|use|apply|draw on)\b"
    r"|\bcan be (?:understood|defined) as\b",
)
"""Sentences that only say what the piece is about or define a term: not what it argues. A card
or summary skips them (the Polar Journal abstract's third sentence, "This article examines…")."""


@dataclass(frozen=True)
class Heading:
    id: str
    text: str


@dataclass(frozen=True)
class Note:
    """A claim or an event, shown beside its paragraph."""

    kind: str
    """``claim`` or ``event``."""
    target: str
    """The id of the sentence it was taken from (``s-<paragraph>-<n>``)."""
    excerpt: str
    """The first words of that sentence."""
    label: str
    """The claim's kind (``assessment``) or the event's date as words (``October 2024``)."""
    date: str | None
    actors: tuple[str, ...]
    summary: str | None = None
    """For an event: the clause as written, when it is not the whole sentence."""
    theme: str | None = None


def table_of_contents(record: Record) -> list[Heading]:
    """The section headings, in order. A brief with fewer than two has nothing to navigate."""
    headings = [Heading(b.id, b.text) for b in record.body if b.kind == "heading"]
    return headings if len(headings) >= 2 else []


def word_count(record: Record) -> int:
    return sum(len(b.text.split()) for b in record.body)


def reading_minutes(record: Record) -> int:
    """Minutes to read the text, to the nearest whole minute; at least 1 for any text, 0 for none."""
    words = word_count(record)
    return max(1, round(words / WORDS_PER_MINUTE)) if words else 0


def _norm(text: str) -> str:
    return " ".join(text.replace("\u00a0", " ").split())


def holds_only_abstract(record: Record) -> bool:
    """True when the record's text is no more than its synopsis or abstract: a listing page (the
    Wilson Center's page for a Polar Journal article) gives the abstract, not the article. The
    page then says so, and shows the abstract once, as the text."""
    paragraphs = [_norm(b.text) for b in record.paragraphs()]
    if not record.synopsis or not paragraphs:
        return False
    synopsis = _norm(record.synopsis)
    return all(p in synopsis for p in paragraphs)


def synopsis_in_text(record: Record) -> bool:
    """True when the page repeats its synopsis as a paragraph of the text (RSIS commentaries open
    with it): the text then shows it, and the page does not print it twice."""
    if not record.synopsis:
        return False
    synopsis = _norm(record.synopsis)
    return any(_norm(b.text) == synopsis for b in record.paragraphs())


def excerpt(sentence: str, words: int = EXCERPT_WORDS) -> str:
    parts = sentence.split()
    return " ".join(parts) if len(parts) <= words else " ".join(parts[:words]) + "…"


def notes_by_paragraph(
    record: Record, sentences: dict[str, list[str]], events: list[Event] | None = None
) -> dict[str, list[Note]]:
    """paragraph id → its notes, in the order of their sentences (a claim before an event on the
    same sentence). ``sentences`` maps a paragraph id to its sentences as the page cuts them."""
    from research_digest.render.site import sentence_id
    from research_digest.render.timeline import date_label

    found: list[tuple[str, int, int, Note]] = []

    def sentence_of(anchor) -> str:
        cut = sentences.get(anchor.paragraph) or []
        return cut[anchor.sentence] if anchor.sentence < len(cut) else ""

    for claim in record.claims:
        text = sentence_of(claim.anchor) or claim.text
        note = Note(
            "claim",
            sentence_id(claim.anchor),
            excerpt(text),
            claim.kind,
            None,
            tuple(sorted(claim.actors)),
            theme=claim_theme(claim),
        )
        found.append((claim.anchor.paragraph, claim.anchor.sentence, 0, note))
    for event in events if events is not None else record.events:
        text = sentence_of(event.anchor)
        summary = event.summary if _norm(event.summary).rstrip(".") != _norm(text).rstrip(".") else None
        note = Note(
            "event",
            sentence_id(event.anchor),
            excerpt(text or event.summary),
            date_label(event.date, event.precision, event.end),
            event.date,
            tuple(sorted(event.actors)),
            summary,
        )
        found.append((event.anchor.paragraph, event.anchor.sentence, 1, note))
    order = {b.id: i for i, b in enumerate(record.body)}
    out: dict[str, list[Note]] = {}
    for paragraph, _n, _rank, note in sorted(found, key=lambda f: (order.get(f[0], len(order)), f[1], f[2])):
        out.setdefault(paragraph, []).append(note)
    return out


def claim_theme(claim: Claim) -> str | None:
    """The claim's theme from the controlled vocabulary, once the record carries one (issue 14
    adds ``theme`` to claims); None until then."""
    theme = getattr(claim, "theme", None)
    return theme if isinstance(theme, str) and theme else None


def lead_sentences(record: Record, splitter, min_chars: int = 160, max_chars: int = 420) -> str:
    """What a card shows: the synopsis's first sentences that say something, whole, skipping
    those that only describe the piece ("This article examines…"); at least ``min_chars`` when
    the synopsis has them, never cut inside a sentence unless one sentence is longer than
    ``max_chars``. Falls back to the first paragraph of the text."""
    source = record.synopsis or next((b.text for b in record.body if b.kind == "paragraph"), "")
    if not source:
        return ""
    chosen: list[str] = []
    for sentence in splitter(_norm(source)):
        sentence = sentence.strip()
        if not sentence or META_SENTENCE.search(sentence):
            continue
        if chosen and len(" ".join(chosen)) + len(sentence) > max_chars:
            break
        chosen.append(sentence)
        if len(" ".join(chosen)) >= min_chars:
            break
    text = " ".join(chosen)
    if len(text) > max_chars:  # one very long sentence: cut at a word
        text = text[:max_chars].rsplit(" ", 1)[0].rstrip(",;:") + "…"
    return text


def says_something(sentence: str) -> bool:
    return not META_SENTENCE.search(sentence)


def paragraph_sentences(blocks: list[Block], splitter) -> dict[str, list[str]]:
    return {b.id: [s.strip() for s in splitter(b.text)] for b in blocks if b.kind == "paragraph"}
