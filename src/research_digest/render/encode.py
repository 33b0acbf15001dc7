"""Contextual output encoding: one function per place text lands in an output file.

Escaping for HTML (Jinja's autoescape) is not enough on its own, because each output format has
its own rules for what text may hold:

* **XML and HTML** (every page, ``feed.xml``, ``sitemap.xml``): XML 1.0 forbids most C0 control
  characters, lone surrogates and U+FFFE/U+FFFF, even as character references. One of them in a
  title makes the whole feed unreadable, so ``xml_text`` removes them (a vertical tab or form
  feed becomes a space). The Jinja ``finalize`` hook applies it to everything a template prints.
* **JSON inside ``<script>``** (JSON-LD): the HTML tokenizer reads the script's text before any
  JSON parser does, and ``<!--<script`` in a string puts it into the "double escaped" state in
  which ``</script>`` no longer ends the element, so the rest of the page disappears into it.
  ``json_for_script`` escapes every ``<``, ``>`` and ``&`` as ``\\u003c`` etc. (as Django's
  ``json_script`` does); the JSON value is unchanged.
* **One-value fields** (RIS, BibTeX, CSL-JSON, Atom titles, JSON-LD): a line break in a title
  starts a new RIS tag or record. ``one_line`` folds every run of whitespace (line and paragraph
  separators included) into one space.
* **Links**: ``web_url`` keeps an absolute http(s) address only if it has no whitespace or
  control character in it (a newline in ``source.url`` is an injection, not an address).
"""

from __future__ import annotations

import json
import re
from typing import Any
from urllib.parse import urlsplit

XML_FORBIDDEN = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ud800-\udfff\ufffe\uffff]")
"""Characters outside the XML 1.0 ``Char`` production."""
_AS_SPACE = {"\x0b": " ", "\x0c": " "}
_SCRIPT_UNSAFE = re.compile(r"[<>&\u2028\u2029]")
_URL_UNSAFE = re.compile(r"[\x00-\x20\x7f-\x9f\u2028\u2029]")
WEB_SCHEMES = ("http", "https")


def xml_text(text: str) -> str:
    """``text`` without the characters XML 1.0 forbids (vertical tab and form feed become spaces)."""
    if not XML_FORBIDDEN.search(text):
        return text
    return XML_FORBIDDEN.sub(lambda m: _AS_SPACE.get(m.group(), ""), text)


def one_line(text: str) -> str:
    """One value on one line: forbidden characters dropped, every whitespace run one space."""
    return " ".join(xml_text(text).split())


def one_line_all(data: Any) -> Any:
    """``one_line`` applied to every string in nested dicts and lists (keys included)."""
    if isinstance(data, str):
        return one_line(data)
    if isinstance(data, dict):
        return {one_line_all(k): one_line_all(v) for k, v in data.items()}
    if isinstance(data, list):
        return [one_line_all(v) for v in data]
    return data


def json_for_script(data: Any, indent: int | None = 1) -> str:
    """JSON that can sit inside ``<script>`` in HTML: no ``<``, ``>``, ``&`` and no character XML
    forbids appear literally (each is written as a ``\\uXXXX`` escape, so the value is the same)."""
    text = json.dumps(data, ensure_ascii=False, sort_keys=True, indent=indent)
    text = _SCRIPT_UNSAFE.sub(lambda m: f"\\u{ord(m.group()):04x}", text)
    return XML_FORBIDDEN.sub(lambda m: f"\\u{ord(m.group()):04x}", text)


def web_url(url: str | None) -> str | None:
    """An absolute http(s) address, trimmed, or None: any other scheme, no host, or whitespace or
    a control character inside it."""
    if not url:
        return None
    url = url.strip()
    if _URL_UNSAFE.search(url):
        return None
    try:
        parts = urlsplit(url)
    except ValueError:
        return None
    return url if parts.scheme.lower() in WEB_SCHEMES and parts.netloc else None
