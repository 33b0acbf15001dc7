"""``digest check`` on the built files themselves: is each output well formed for its format?

The link checker (``check.check_site``) reads pages as a browser would follow them; this module
reads each file as its consumer would parse it, so that an output a build got wrong is caught
even when the build exited 0:

* every ``.xml`` file (the Atom feed, the sitemap) must parse with an XML parser;
* no HTML page may hold a character XML 1.0 forbids;
* every ``<script type="application/ld+json">`` must parse as JSON, and no inline script may hold
  ``<!--`` or ``<script``: from there the HTML tokenizer can read the rest of the page, body
  text included, as script;
* every ``.ris`` file must be one well-formed record: ``TY`` first, ``ER`` last, every line a tag.
"""

from __future__ import annotations

import html.parser
import json
import re
import xml.etree.ElementTree as ET
from pathlib import Path

from research_digest.errors import DigestError
from research_digest.render.encode import XML_FORBIDDEN

RIS_LINE = re.compile(r"[A-Z][A-Z0-9]  - [^\r\n]*")
SWALLOWING = re.compile(r"<!--|<script", re.IGNORECASE)
MAX_BYTES = 50 * 1024 * 1024


class OutputError(DigestError):
    """A built file that its format's parser would reject, or that a browser would misread."""


def check_outputs(out_dir: Path) -> list[DigestError]:
    """Problems in every HTML, XML and RIS file under ``out_dir``, in path order."""
    problems: list[DigestError] = []
    for path in sorted(p for p in Path(out_dir).rglob("*") if p.is_file()):
        if path.suffix == ".html":
            problems += check_html(path)
        elif path.suffix == ".xml":
            problems += check_xml(path)
        elif path.suffix == ".ris":
            problems += check_ris(path)
    return problems


def _text(path: Path) -> str:
    return path.read_bytes()[:MAX_BYTES].decode("utf-8", "replace")


def forbidden_characters(path: Path, text: str) -> list[DigestError]:
    """The first character XML forbids in ``text``, with its line (one report a file is enough)."""
    found = XML_FORBIDDEN.search(text)
    if not found:
        return []
    line = text.count("\n", 0, found.start()) + 1
    return [OutputError(f"character U+{ord(found.group()):04X} is not allowed in HTML or XML", path, line)]


def check_xml(path: Path) -> list[DigestError]:
    try:
        ET.fromstring(path.read_bytes()[:MAX_BYTES])
    except ET.ParseError as exc:
        line = exc.position[0] if exc.position else None
        return [OutputError(f"not well-formed XML: {exc}", path, line)]
    return []


class _Scripts(html.parser.HTMLParser):
    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.scripts: list[tuple[int, str, str]] = []
        """(line, type, text) of each inline script."""
        self._open: tuple[int, str] | None = None
        self._parts: list[str] = []

    def handle_starttag(self, tag, attrs):
        if tag == "script":
            values = dict(attrs)
            self._open = None if values.get("src") else (self.getpos()[0], (values.get("type") or "").lower())
            self._parts = []

    def handle_data(self, data):
        if self._open is not None:
            self._parts.append(data)

    def handle_endtag(self, tag):
        if tag == "script" and self._open is not None:
            self.scripts.append((*self._open, "".join(self._parts)))
            self._open = None


def check_html(path: Path) -> list[DigestError]:
    text = _text(path)
    problems = forbidden_characters(path, text)
    scan = _Scripts()
    scan.feed(text)
    scan.close()
    for line, kind, body in scan.scripts:
        opener = SWALLOWING.search(body)
        if opener:
            problems.append(
                OutputError(
                    f"a script element holds {opener.group()!r}: browsers may read the rest of the page as script",
                    path,
                    line,
                )
            )
        elif kind == "application/ld+json":
            try:
                json.loads(body)
            except ValueError as exc:
                problems.append(OutputError(f"JSON-LD does not parse: {exc}", path, line))
    return problems


def check_ris(path: Path) -> list[DigestError]:
    lines = path.read_bytes()[:MAX_BYTES].decode("utf-8", "replace").split("\r\n")
    if lines and lines[-1] == "":
        lines.pop()
    for number, line in enumerate(lines, 1):
        if not RIS_LINE.fullmatch(line):
            return [OutputError(f"RIS line is not one 'XX  - value' tag: {line[:60]!r}", path, number)]
    tags = [line[:2] for line in lines]
    if not tags or tags[0] != "TY" or tags[-1] != "ER" or tags.count("TY") != 1 or tags.count("ER") != 1:
        return [OutputError("RIS file must hold exactly one record (TY first, ER last)", path)]
    return []
