"""The language a page is written in, for the record's ``language`` field.

Claims and events are found by English patterns only, so a reader needs to know when a record
is in another language. HTML pages usually declare it (``<html lang>``, ``og:locale``,
``Content-Language``); a text dump does not, and is guessed: by script for scripts of their own
(Chinese, Japanese, Korean, Cyrillic, Arabic, Greek, Hebrew, Thai), else by the commonest
function words of a few Latin-script languages. The result is a primary language subtag
(``en``, ``ja``), or None when the guess is not clear.
"""

from __future__ import annotations

import re

_TAG = re.compile(r"^([A-Za-z]{2,3})(?:[-_][A-Za-z0-9]{1,8})*$")
SCRIPTS = (
    ("ja", re.compile(r"[\u3040-\u30ff]")),  # kana: Japanese, whatever Han characters are around
    ("ko", re.compile(r"[\uac00-\ud7af]")),
    ("zh", re.compile(r"[\u4e00-\u9fff]")),
    ("ru", re.compile(r"[\u0400-\u04ff]")),
    ("ar", re.compile(r"[\u0600-\u06ff]")),
    ("el", re.compile(r"[\u0370-\u03ff]")),
    ("he", re.compile(r"[\u0590-\u05ff]")),
    ("th", re.compile(r"[\u0e00-\u0e7f]")),
)
SCRIPT_SHARE = 0.2
"""A script with at least this share of the letters decides the language."""
FUNCTION_WORDS = {
    "en": "the of and to in is that for it was on with as by at from this be are",
    "fr": "le la les de des et est un une du que pour dans sur pas au qui avec",
    "de": "der die das und ist nicht zu den mit von ein eine auf für sich dem des",
    "es": "el la los las de y que en un una por con para es del se al",
    "pt": "o a os as de e que em um uma para com não do da no na",
    "it": "il la di e che per un una non con del della sono è gli le",
    "nl": "de het een en van is dat op te zijn niet met voor",
    "cs": "a je v na se že to s z do o jako ale by pro",
}
_WORDS = {lang: frozenset(words.split()) for lang, words in FUNCTION_WORDS.items()}
GUESS_MIN_HITS = 20
GUESS_MARGIN = 1.5
"""A Latin-script guess needs this many function words and this lead over the runner-up."""


def from_tag(tag: str | None) -> str | None:
    """``en-US``, ``pt_BR``, ``ZH-tw`` → ``en``, ``pt``, ``zh``; None for anything else."""
    match = _TAG.match((tag or "").strip())
    return match.group(1).lower() if match else None


def guess(text: str) -> str | None:
    """The language of a text by its script or its function words (see the module docstring)."""
    sample = text[:20000]
    letters = sum(1 for ch in sample if ch.isalpha()) or 1
    for lang, script in SCRIPTS:
        if len(script.findall(sample)) >= SCRIPT_SHARE * letters:
            return lang
    counts = dict.fromkeys(_WORDS, 0)
    for word in re.findall(r"[^\W\d_]+", sample.lower()):
        for lang, words in _WORDS.items():
            counts[lang] += word in words
    ranked = sorted(counts.items(), key=lambda kv: kv[1], reverse=True)
    (best, hits), (_, second) = ranked[0], ranked[1]
    return best if hits >= GUESS_MIN_HITS and hits >= GUESS_MARGIN * second else None
