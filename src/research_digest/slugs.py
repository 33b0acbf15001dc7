"""Slugs: the one function that turns names into URL- and file-safe path parts.

Used for record ids (from page file names), for tag, actor and publisher pages, and for the
file names of fetched pages, so the same name always gives the same slug everywhere.
"""

from __future__ import annotations

import hashlib
import re
import unicodedata

SLUG_MAX = 80
TRANSLITERATE = str.maketrans(
    {
        "ð": "d",
        "Ð": "D",
        "þ": "th",
        "Þ": "Th",
        "æ": "ae",
        "Æ": "Ae",
        "ø": "o",
        "Ø": "O",
        "ß": "ss",
        "œ": "oe",
        "Œ": "Oe",
        "ł": "l",
        "Ł": "L",
        "đ": "d",
        "Đ": "D",
        "ı": "i",
    }
)
"""Latin letters that Unicode does not decompose into a base letter plus accent (NFKD keeps ð as ð)."""


def slugify(text: str, max_len: int = SLUG_MAX) -> str:
    """ASCII lower-case letters, digits and single hyphens; a short hash when nothing is left."""
    ascii_text = (
        unicodedata.normalize("NFKD", text.translate(TRANSLITERATE)).encode("ascii", "ignore").decode("ascii").lower()
    )
    slug = re.sub(r"[^a-z0-9]+", "-", ascii_text).strip("-")[:max_len].rstrip("-")
    return slug or "x-" + hashlib.sha1(text.encode("utf-8")).hexdigest()[:8]
