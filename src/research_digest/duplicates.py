"""Near-duplicate pages: the same article saved under two names, found by its body text.

Two saves of one article differ in their chrome (menus, footers, "Skip to content") and maybe
in a re-flowed line, so file hashes and titles are no help. The body text is compared as sets of
word 5-grams (shingles) by Jaccard similarity, as web crawlers do. Only the shingles whose hash
falls in one sixteenth of the hash space are kept (a fixed sample, so the same shingles are kept
for every page): that estimates Jaccard well for articles of a few hundred words and keeps
memory at about 100 numbers a record. Candidates come from an inverted index on those samples,
so a new page is compared only with records that share a shingle with it.

Of two near-duplicates, the record whose id sorts later gets ``duplicate_of: <earlier id>`` (a
rule that gives the same answer on every run and in every ingest order) and ingest warns.
"""

from __future__ import annotations

import hashlib
import re
from collections import defaultdict
from collections.abc import Iterable

SHINGLE_WORDS = 5
SAMPLE_MOD = 16
THRESHOLD = 0.8
"""Jaccard similarity from which two bodies are the same article (re-saves score above 0.9;
two articles of one series, sharing boilerplate paragraphs, well below)."""
MIN_SHINGLES = 8
"""Bodies with fewer sampled shingles (a few sentences) are too short to call duplicates."""
_WORD = re.compile(r"\w+")


def fingerprint(paragraphs: Iterable[str]) -> frozenset[int]:
    """The sampled shingles of a body's text (case and punctuation ignored)."""
    words = _WORD.findall(" ".join(paragraphs).lower())
    out = set()
    for i in range(len(words) - SHINGLE_WORDS + 1):
        gram = " ".join(words[i : i + SHINGLE_WORDS]).encode("utf-8")
        value = int.from_bytes(hashlib.blake2b(gram, digest_size=8).digest(), "big")
        if value % SAMPLE_MOD == 0:
            out.add(value)
    return frozenset(out)


def similarity(a: frozenset[int], b: frozenset[int]) -> float:
    return len(a & b) / len(a | b) if a and b else 0.0


class DuplicateIndex:
    """Fingerprints of known records; ``original_of`` finds the record a new one duplicates."""

    def __init__(self) -> None:
        self.prints: dict[str, frozenset[int]] = {}
        self._by_shingle: dict[int, set[str]] = defaultdict(set)

    def add(self, record_id: str, print_: frozenset[int]) -> None:
        self.remove(record_id)
        self.prints[record_id] = print_
        for value in print_:
            self._by_shingle[value].add(record_id)

    def remove(self, record_id: str) -> None:
        for value in self.prints.pop(record_id, ()):
            self._by_shingle[value].discard(record_id)

    def original_of(self, record_id: str, print_: frozenset[int]) -> tuple[str, float] | None:
        """The earliest id (sorting before ``record_id``) whose body is the same article, with
        the similarity; None if there is none."""
        if len(print_) < MIN_SHINGLES:
            return None
        candidates = {other for value in print_ for other in self._by_shingle.get(value, ())}
        for other in sorted(candidates):
            if other >= record_id:
                break
            score = similarity(print_, self.prints[other])
            if score >= THRESHOLD:
                return other, score
        return None
