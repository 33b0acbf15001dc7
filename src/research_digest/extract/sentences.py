"""Split a paragraph into sentences, each an exact slice of the paragraph's text.

Claims and events are anchored as (paragraph id, sentence index), and the site splits the same
paragraph with this same function to highlight the sentence, so the split must be pure and
deterministic, and the sentences must be the paragraph's own characters (never normalised).

syntok does the hard part (``U.S.``, ``Dr.``, ``€55 million``, ``Tu-95``, quotes). Two repairs
on top of it, as ``TOOLCHAIN.md`` measured:

* an ASCII `` ... `` inside a sentence (an elision) counts for syntok as a boundary when the next
  word is capitalised. We hide it from syntok as ``…`` padded to the same length, so offsets
  into the original text stay valid.
* a name abbreviation such as the Icelandic ``Th.`` (``Guðbjörg Ríkey Th. Hauksdóttir``) or a
  title (``Gen.``) ends a syntok sentence. A piece ending in one of ``NON_FINAL_ABBREVIATIONS``
  is joined to the next one.
"""

from __future__ import annotations

import re
from functools import lru_cache

from syntok import segmenter

ELISION_RE = re.compile(r"(?<=\s)\.\.\.(?=\s+\S)")
"""`` ... `` with text after it: an elision inside a sentence, not the end of one."""

NON_FINAL_ABBREVIATIONS = frozenset(
    {
        "Th.",
        "Mr.",
        "Mrs.",
        "Ms.",
        "Dr.",
        "Prof.",
        "Gen.",
        "Lt.",
        "Col.",
        "Adm.",
        "Capt.",
        "Maj.",
        "Sgt.",
        "Cmdr.",
        "Sen.",
        "Rep.",
        "Gov.",
        "Amb.",
        "Pres.",
        "Rev.",
        "St.",
        "Mt.",
        "No.",
        "Nos.",
        "vs.",
        "cf.",
        "approx.",
        "Fig.",
        "Vol.",
        "Art.",
        "Sec.",
    }
)
"""Abbreviations that precede a name or number and so never end a sentence."""

INITIAL_RE = re.compile(r"(?:^|\s)[A-Z]\.$")
"""A single capital initial (``Vladimir V.``): it stands before a surname, not at a sentence end."""


def split_sentences(text: str) -> list[str]:
    """The sentences of ``text``, in order, each an exact stripped slice of it."""
    return list(_split_cached(text))


@lru_cache(maxsize=4096)
def _split_cached(text: str) -> tuple[str, ...]:
    spans = find_sentence_spans(text)
    return tuple(text[start:end] for start, end in spans)


def find_sentence_spans(text: str) -> list[tuple[int, int]]:
    """(start, end) character offsets of each sentence in ``text``."""
    if not text.strip():
        return []
    hidden = ELISION_RE.sub("\u2026  ", text)  # same length: offsets stay valid
    spans: list[tuple[int, int]] = []
    for paragraph in segmenter.analyze(hidden):
        for sentence in paragraph:
            tokens = [t for t in sentence if t.value]
            if not tokens:
                continue
            start, end = tokens[0].offset, tokens[-1].offset + len(tokens[-1].value)
            if spans and _is_unfinished(text[spans[-1][0] : spans[-1][1]]):
                spans[-1] = (spans[-1][0], end)
            else:
                spans.append((start, end))
    return spans


def _is_unfinished(sentence: str) -> bool:
    """Whether a piece ends in an abbreviation that must be followed by more of the sentence."""
    last = sentence.rsplit(None, 1)[-1] if sentence.strip() else ""
    return last in NON_FINAL_ABBREVIATIONS or bool(INITIAL_RE.search(sentence))
