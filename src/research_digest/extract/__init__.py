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
from functools import lru_cache
from pathlib import Path
from typing import TYPE_CHECKING

from research_digest.records.schema import Anchor, Claim, Event, Record
from research_digest.resources import default_gazetteer

if TYPE_CHECKING:  # the extractors load on first use: the site imports only ``extract.sentences``
    from research_digest.extract.actors import Gazetteer


def load_gazetteer(path: Path | None) -> Gazetteer:
    """The gazetteer at ``path`` (None: the packaged default), read once per process."""
    target = Path(path) if path is not None else default_gazetteer()
    stat = target.stat() if target.exists() else None
    return _load_cached(str(target.resolve()), stat.st_mtime_ns if stat else 0, stat.st_size if stat else 0)


@lru_cache(maxsize=8)
def _load_cached(path: str, mtime_ns: int, size: int) -> Gazetteer:
    from research_digest.extract.actors import load_gazetteer_file

    return load_gazetteer_file(Path(path))


def annotate(record: Record, gazetteer: Gazetteer | None) -> None:
    """Set ``record.claims`` and ``record.events`` from the record's body."""
    from research_digest.extract.claims import ClaimContext, find_claims
    from research_digest.extract.dates import DateContext
    from research_digest.extract.events import find_events
    from research_digest.extract.sentences import split_sentences

    synopsis_ids = _synopsis_blocks(record)
    context = DateContext(published=record.date)
    listing = ClaimContext()
    claims: list[Claim] = []
    events: list[Event] = []
    used: set[str] = set()
    for block in record.body:
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
        for claim in find_claims(sentences, block.id in synopsis_ids, gazetteer, listing):
            anchor = Anchor(block.id, claim.sentence)
            claims.append(
                Claim(
                    id=_make_id("c", anchor, claim.text, used),
                    text=claim.text,
                    kind=claim.kind,
                    anchor=anchor,
                    actors=claim.actors,
                )
            )
    record.claims, record.events = claims, events


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
