"""Stage 1b: the claims and dated events of a record, each anchored to a paragraph and sentence.

``annotate`` reads the body in order, so that "In July that year" takes its year from the
sentences before, and fills ``record.claims`` and ``record.events``. Anchors are (body block id,
sentence index) with sentences as ``sentences.split_sentences`` cuts them; the site cuts the
paragraph the same way to highlight the sentence.

Modules: ``sentences`` (splitting), ``dates`` (time expressions), ``actors`` (the gazetteer),
``events`` and ``claims`` (the two extractors). Ids are a short hash of the anchor and the text,
so they stay the same from run to run and a curator's edit or deletion (merged by id in
``records.curation``) survives re-ingest.
"""

from __future__ import annotations

import hashlib
import re
from functools import lru_cache
from pathlib import Path
from typing import TYPE_CHECKING

from research_digest.records.schema import Anchor, Claim, Event, Record
from research_digest.resources import default_gazetteer

if TYPE_CHECKING:  # the extractors load on first use: the site imports only ``extract.sentences``
    from research_digest.extract.actors import Gazetteer
    from research_digest.extract.themes import Themes


def load_gazetteer(path: Path | None) -> Gazetteer:
    """The gazetteer at ``path`` (None: the packaged default), read once per process."""
    target = Path(path) if path is not None else default_gazetteer()
    stat = target.stat() if target.exists() else None
    return _load_cached(str(target.resolve()), stat.st_mtime_ns if stat else 0, stat.st_size if stat else 0)


@lru_cache(maxsize=8)
def _load_cached(path: str, mtime_ns: int, size: int) -> Gazetteer:
    from research_digest.extract.actors import load_gazetteer_file

    return load_gazetteer_file(Path(path))


def annotate(record: Record, gazetteer: Gazetteer | None, themes: Themes | None = None) -> None:
    """Set ``record.claims``, ``record.events`` and ``record.themes`` from the record's body.

    ``themes``: the theme vocabulary (None: the packaged default, ``content/themes.yaml``).
    The cue tables and the date grammar are English: a record in another language (``language``
    set and not ``en``) gets no claims, events or themes rather than wrong ones.
    """
    if record.language and not record.language.lower().startswith("en"):
        record.claims, record.events, record.themes = [], [], []
        return
    from research_digest.extract.claims import ClaimContext, find_claims
    from research_digest.extract.dates import DateContext
    from research_digest.extract.events import find_events
    from research_digest.extract.sentences import split_sentences
    from research_digest.extract.themes import load_themes

    synopsis_ids = _synopsis_blocks(record)
    context = DateContext(published=record.date)
    listing = ClaimContext()
    claims: list[Claim] = []
    events: list[Event] = []
    used: set[str] = set()
    ends = _section_ends(record)
    for block in record.body:
        context.paragraph += 1
        sentences = split_sentences(block.text)
        is_paragraph = block.kind == "paragraph"
        for found in find_events(sentences, context, gazetteer, extract=is_paragraph):
            anchor = Anchor(block.id, found.sentence)
            events.append(
                Event(
                    id=_make_id("e", anchor, found.summary, used),
                    summary=found.summary,
                    anchor=anchor,
                    date=found.date,
                    precision=found.precision,
                    end=found.end,
                    when=found.when,
                    actors=found.actors,
                    places=found.places,
                )
            )
        if not is_paragraph:
            continue
        for claim_found in find_claims(sentences, block.id in synopsis_ids, gazetteer, listing, block.id in ends):
            anchor = Anchor(block.id, claim_found.sentence)
            claims.append(
                Claim(
                    id=_make_id("c", anchor, claim_found.text, used),
                    text=claim_found.text,
                    kind=claim_found.kind,
                    anchor=anchor,
                    actors=claim_found.actors,
                )
            )
    record.claims = _merge_synopsis_claims(claims, record, synopsis_ids)
    record.events = _order_undated(_merge_synopsis_events(events, synopsis_ids))
    vocabulary = themes if themes is not None else load_themes(None)
    text = "\n".join([record.title or "", record.synopsis or "", *(b.text for b in record.body)])
    record.themes = vocabulary.of_text(text)
    for claim in record.claims:
        claim.theme = vocabulary.of_claim(claim.text, record.themes)
        claim.polarity = vocabulary.polarity(claim.theme, claim.text, claim.kind)


def _order_undated(events: list[Event]) -> list[Event]:
    """An event the text orders but does not date (``Subsequently, ...``) follows the event told before it."""
    previous = None
    for event in events:
        if event.date is None and event.when and previous is not None:
            event.after = previous.id
        previous = event
    return events


NEAR_DUPLICATE = 0.6
"""Share of content words two sentences must have in common to say the same thing."""
_WORD_RE = re.compile(r"[^\W\d_]{4,}")


def _words(text: str) -> set[str]:
    return {w.lower() for w in _WORD_RE.findall(text)}


def _overlap(a: set[str], b: set[str]) -> float:
    return len(a & b) / len(a | b) if a and b else 0.0


def _merge_synopsis_claims(claims: list[Claim], record: Record, synopsis_ids: set[str]) -> list[Claim]:
    """A body sentence that restates a synopsis claim is merged into it: the claim is shown once."""
    summaries = [_words(c.text) for c in claims if c.anchor.paragraph in synopsis_ids]
    if not summaries:
        return claims
    return [
        c
        for c in claims
        if c.anchor.paragraph in synopsis_ids or max(_overlap(_words(c.text), s) for s in summaries) < NEAR_DUPLICATE
    ]


def _merge_synopsis_events(events: list[Event], synopsis_ids: set[str]) -> list[Event]:
    """An event the synopsis tells and the body tells again is kept once, from the body (it has the detail).

    The same happening: the same date, and a content word in common (``A provisional arrangement
    reached in July 2024`` in the summary, ``A month later, the two governments agreed on a
    ‘provisional understanding’`` in the text).
    """
    body = [e for e in events if e.anchor.paragraph not in synopsis_ids]
    kept = []
    for event in events:
        if event.anchor.paragraph in synopsis_ids and any(
            other.date == event.date and other.date and _words(other.summary) & _words(event.summary) for other in body
        ):
            continue
        kept.append(event)
    return kept


def _section_ends(record: Record) -> set[str]:
    """The paragraphs just before a heading, and the last paragraph: where a section's point is made."""
    ends = set()
    for i, block in enumerate(record.body):
        after = record.body[i + 1] if i + 1 < len(record.body) else None
        if block.kind == "paragraph" and (after is None or after.kind == "heading"):
            ends.add(block.id)
    return ends


def _synopsis_blocks(record: Record) -> set[str]:
    """The body paragraphs that hold the synopsis or abstract (the page repeats it in the body)."""
    if not record.synopsis:
        return set()
    wanted = " ".join(record.synopsis.split())
    found = set()
    for block in record.body:
        text = " ".join(block.text.split())
        if block.kind == "paragraph" and text and (text == wanted or (len(text) > 40 and text in wanted)):
            found.add(block.id)
    return found


def _make_id(prefix: str, anchor: Anchor, text: str, used: set[str]) -> str:
    """``c-``/``e-`` and a hash of where and what: stable across runs, unique in the record."""
    digest = hashlib.sha1(f"{anchor.paragraph}\x00{anchor.sentence}\x00{text}".encode()).hexdigest()
    candidate, n = f"{prefix}-{digest[:10]}", 1
    while candidate in used:
        n += 1
        candidate = f"{prefix}-{digest[:10]}-{n}"
    used.add(candidate)
    return candidate
