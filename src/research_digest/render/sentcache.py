"""Sentence boundaries kept between builds: the splitter runs once per paragraph text, ever.

Every paragraph of every brief is split into sentences on every build (each sentence gets its
anchor id), and syntok is most of the cost of rendering a brief page. The split depends only on
the paragraph's text and the splitter's code, so we keep ``sha1(text) → sentence spans`` in
``.cache/digest/sentences-<splitter fingerprint>.json`` (JSON, not pickle: a cache file must
never be able to run code) beside the output directory.

Before rendering, ``prime`` looks every paragraph up, splits the missing ones in the worker pool,
and keeps the table in this module, where the forked render workers inherit it; ``spans_for``
answers from it. The fingerprint is the source of ``extract/sentences.py`` plus syntok's version,
so a change to either starts an empty table. The table is rewritten only when it gained or lost
entries, holding exactly this build's paragraphs, so it never grows past the corpus.
"""

from __future__ import annotations

import hashlib
import json
from collections.abc import Sequence
from importlib import metadata
from pathlib import Path

from research_digest.records.yamlio import write_atomic

_TABLE: dict[str, list[int]] = {}
"""sha1 of a paragraph's text → flattened (start, end) offsets of its sentences."""


def _splitter():
    from research_digest.extract import sentences

    return sentences


def fingerprint() -> str:
    source = Path(_splitter().__file__).read_bytes()
    try:
        version = metadata.version("syntok")
    except metadata.PackageNotFoundError:
        version = ""
    return hashlib.sha256(source + version.encode()).hexdigest()[:16]


def _key(text: str) -> str:
    return hashlib.sha1(text.encode("utf-8")).hexdigest()


def _split(text: str) -> list[int]:
    return [offset for span in _splitter().find_sentence_spans(text) for offset in span]


def spans_for(text: str) -> list[str] | None:
    """The sentences of ``text`` if this build primed them, else None (the caller splits)."""
    flat = _TABLE.get(_key(text))
    if not isinstance(flat, list) or len(flat) % 2:
        return None
    return [text[flat[i] : flat[i + 1]] for i in range(0, len(flat), 2)]


def prime(texts: Sequence[str], cache_dir: Path, map_func, keep_others: bool = False) -> None:
    """Load the table, split what is missing with ``map_func(func, items)``, save it if it changed.

    A full build keeps exactly its paragraphs; an incremental one (``keep_others``) primes only
    the pages it renders and keeps the other entries for the next full build."""
    path = cache_dir / f"sentences-{fingerprint()}.json"
    try:
        stored = json.loads(path.read_text(encoding="utf-8"))
    except (OSError, ValueError):
        stored = {}
    if not isinstance(stored, dict):
        stored = {}
    wanted = {_key(t): t for t in texts}
    missing = sorted(k for k in wanted if k not in stored)
    fresh = dict(zip(missing, map_func(_split, [wanted[k] for k in missing]), strict=True))
    _TABLE.clear()
    _TABLE.update({k: stored[k] for k in wanted if k in stored})
    _TABLE.update(fresh)
    if keep_others:
        if fresh:
            write_atomic(path, json.dumps({**stored, **fresh}, sort_keys=True, separators=(",", ":")))
        return
    if fresh or len(stored) != len(_TABLE):
        for stale in cache_dir.glob("sentences-*.json"):
            if stale != path:
                stale.unlink(missing_ok=True)
        write_atomic(path, json.dumps(_TABLE, sort_keys=True, separators=(",", ":")))


def clear() -> None:
    _TABLE.clear()
