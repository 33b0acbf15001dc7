"""Which lines of a copied page are the article: a small logistic model over line features.

A browser's text dump has no markup left, only lines. Rules written one failure at a time (a
menu here, a ticker there) do not carry over to the next site, so each line is scored by
features any site's chrome and any article share: its length, how it ends, its commas, whether
it is short and title-cased like a menu item, whether the page repeats it, where it sits on the
page, and how prose-like its neighbours are. The weights are fitted by ``bench/fit_lines.py`` on
the tuning half of the real-page corpus only (``line_model.json``); nothing here is tuned to a
page.

The article is then the contiguous run of lines whose scores most exceed the threshold (the
maximum-sum segment of ``p - threshold``, each line weighed by the square root of its words), so
a short heading or a list item between paragraphs stays in and a menu beside the article does not.
"""

from __future__ import annotations

import json
import math
import re
from collections import Counter
from functools import cache
from importlib import resources

_CJK = re.compile(r"[\u3040-\u30ff\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff\uac00-\ud7af]")
_SENTENCE_END = (".", "!", "?", "…", "”", '"', "’", ")", "。", "！", "？", "」", ":")
_CHROME_WORDS = re.compile(
    r"\b(?:share|tweet|subscribe|sign up|sign in|log in|newsletter|cookie|advertisement|menu|search|"
    r"follow us|related|read more|more from|most popular|trending|comments?|copyright|all rights reserved|"
    r"privacy|terms of (?:use|service)|skip to|download|click here|watch|video|photo|image|getty|"
    r"next|previous|home)\b",
    re.I,
)
FEATURES = (
    "log_words",
    "sentence_end",
    "commas_per_word",
    "short",
    "title_case",
    "repeated",
    "position",
    "digits",
    "separators",
    "chrome_words",
    "prose_around",
    "log_words_around",
    "short_run",
    "in_richest_window",
)
WINDOW = 3
"""Neighbours on each side whose prose-likeness describes a line's surroundings."""


def count_words(line: str) -> int:
    """Words, with two characters of a script written without spaces counted as one."""
    return len(line.split()) + len(_CJK.findall(line)) // 2


def _prose(line: str, words: int) -> float:
    return 1.0 if words >= 25 or (words >= 10 and line.endswith(_SENTENCE_END)) else 0.0


def features(lines: list[str]) -> list[list[float]]:
    """One feature vector per line, in the order of ``FEATURES``."""
    n = len(lines)
    words = [count_words(line) for line in lines]
    prose = [_prose(line, w) for line, w in zip(lines, words, strict=True)]
    seen = Counter(lines)
    short = [w <= 4 for w in words]
    runs = [0] * (n + 1)  # length of the run of short lines each short line belongs to
    i = 0
    while i < n:
        j = i
        while j < n and short[j]:
            j += 1
        for k in range(i, j):
            runs[k] = j - i
        i = max(j, i + 1)
    # The richest window: the stretch of 2*WINDOW+1 lines with the most prose words.
    prose_words = [w * p for w, p in zip(words, prose, strict=True)]
    acc = [0.0]
    for value in prose_words:
        acc.append(acc[-1] + value)
    out = []
    for i, line in enumerate(lines):
        lo, hi = max(0, i - WINDOW), min(n, i + WINDOW + 1)
        around = [k for k in range(lo, hi) if k != i]
        tokens = line.split()
        caps = sum(1 for t in tokens if t[:1].isupper())
        out.append(
            [
                math.log1p(words[i]),
                1.0 if line.endswith(_SENTENCE_END) else 0.0,
                min((line.count(",") + line.count("，") + line.count("、") + line.count(";")) / max(words[i], 1), 1.0),
                1.0 if short[i] else 0.0,
                caps / len(tokens) if tokens else 0.0,
                1.0 if seen[line] > 1 else 0.0,
                i / max(n - 1, 1),
                sum(ch.isdigit() for ch in line) / max(len(line), 1),
                1.0 if re.search(r"\s[|•·»]\s|^[»›>•·]", line) else 0.0,
                1.0 if _CHROME_WORDS.search(line) and words[i] <= 8 else 0.0,
                sum(prose[k] for k in around) / max(len(around), 1),
                math.log1p(sum(words[k] for k in around) / max(len(around), 1)),
                math.log1p(runs[i]),
                (acc[hi] - acc[lo]) / max(acc[-1], 1),
            ]
        )
    return out


@cache
def model() -> dict:
    """The fitted weights (``line_model.json``, written by ``bench/fit_lines.py``)."""
    text = resources.files("research_digest.sources").joinpath("line_model.json").read_text(encoding="utf-8")
    data = json.loads(text)
    if tuple(data["features"]) != FEATURES:
        raise RuntimeError("line_model.json does not match lines.FEATURES: run bench/fit_lines.py")
    return data


def scores(lines: list[str]) -> list[float]:
    """The probability that each line belongs to the article."""
    m = model()
    weights, bias = m["weights"], m["bias"]
    out = []
    for vector in features(lines):
        z = bias + sum(w * x for w, x in zip(weights, vector, strict=True))
        out.append(1 / (1 + math.exp(-max(min(z, 30), -30))))
    return out


def article_span(
    lines: list[str], probabilities: list[float], threshold: float | None = None
) -> tuple[int, int] | None:
    """First and last index of the run whose ``(p - threshold) * sqrt(words)`` sums highest (None
    if no run is positive). Weighing by length lets a short article of long paragraphs win over a
    longer list of teasers that each score a little above the threshold."""
    threshold = model()["threshold"] if threshold is None else threshold
    best, best_span = 0.0, None
    total, start = 0.0, 0
    for i, (line, p) in enumerate(zip(lines, probabilities, strict=True)):
        if total <= 0:
            total, start = 0.0, i
        total += (p - threshold) * math.sqrt(count_words(line))
        if total > best:
            best, best_span = total, (start, i)
    return best_span


_TOKEN = re.compile(
    r"[\u3040-\u30ff\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff\uac00-\ud7af]|[^\W\u3040-\u30ff\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff\uac00-\ud7af]+"
)


def shingles(text: str) -> Counter:
    """Runs of 4 tokens (a word, or one CJK character), as a multiset."""
    tokens = _TOKEN.findall(text.lower())
    return Counter(tuple(tokens[i : i + 4]) for i in range(max(len(tokens) - 3, 0)))


def agreement(a: list, b: list) -> float:
    """Shingle F1 between two bodies (lists of blocks): 1 when they hold the same text."""
    x, y = shingles(" ".join(blk.text for blk in a)), shingles(" ".join(blk.text for blk in b))
    if not x or not y:
        return 0.0
    common = sum((x & y).values())
    return 2 * common / (sum(x.values()) + sum(y.values()))
