"""Reading a saved page: bytes on disk → ``Page`` (decoded text, and the parsed HTML if it is HTML).

Accepted: plain-text dumps (text copied from a browser) and saved ``.html``/``.htm`` pages, in
UTF-8 (with or without BOM), UTF-16/32 with a BOM, or the charset an HTML page declares. Anything
else is refused with one line that names the file: empty, binary, too large, undeclared
non-UTF-8 text (with a hint to pass ``--encoding``). Whether a file is HTML is decided from its
content (``<html``, ``<!doctype html``, ``<body``, ``<article`` near the start), not only its
suffix, because browsers save pages under many names.
"""

from __future__ import annotations

import codecs
import hashlib
import re
from dataclasses import dataclass
from pathlib import Path

from research_digest.errors import InputError

MAX_PAGE_BYTES = 20 * 1024 * 1024
"""A saved article page is well under 5 MB; past 20 MB it is not a page (memory stays bounded)."""

BINARY_SNIFF_BYTES = 8192
CONTROL_CHAR_RATIO = 0.05
"""Share of C0 control characters (other than tab/newline/CR/FF) above which text is binary."""

_BOMS = (
    (codecs.BOM_UTF32_LE, "utf-32"),
    (codecs.BOM_UTF32_BE, "utf-32"),
    (codecs.BOM_UTF8, "utf-8-sig"),
    (codecs.BOM_UTF16_LE, "utf-16"),
    (codecs.BOM_UTF16_BE, "utf-16"),
)
_HTML_SNIFF = re.compile(rb"<!doctype\s+html|<html[\s>]|<head[\s>]|<body[\s>]|<article[\s>]|<meta\s", re.I)
_META_CHARSET = re.compile(rb"""<meta[^>]+charset\s*=\s*["']?\s*([A-Za-z0-9_.:-]+)""", re.I)
_CONTROL = re.compile(r"[\x00-\x08\x0b\x0e-\x1f\x7f]")


@dataclass
class Page:
    """One saved page, decoded. ``html`` is set for HTML pages; ``text`` is always set."""

    path: Path
    text: str
    sha256: str
    html: str | None = None
    url: str | None = None
    fetched: str | None = None


def read_page(path: str | Path, encoding: str | None = None, max_bytes: int = MAX_PAGE_BYTES) -> Page:
    """Read and decode one page file; raises InputError naming the file."""
    path = Path(path)
    try:
        size = path.stat().st_size
        if size > max_bytes:
            raise InputError(
                f"file is {size / 1024 / 1024:.0f} MB, over the {max_bytes // 1024 // 1024} MB limit for a page", path
            )
        raw = path.read_bytes()
    except OSError as exc:
        raise InputError(f"cannot read: {exc.strerror or exc}", path) from None
    from research_digest.fetch import read_provenance  # a page fetched by URL has a sidecar

    origin = read_provenance(path)
    if origin is None:
        return decode_page(raw, path, encoding)
    try:
        page = decode_page(raw, path, encoding)
    except InputError:
        # The charset the server declared is the fallback, after BOM, UTF-8 and <meta charset>.
        if encoding or not origin.charset:
            raise
        page = decode_page(raw, path, origin.charset)
    page.url, page.fetched = origin.url, origin.fetched
    return page


def decode_page(raw: bytes, path: str | Path, encoding: str | None = None) -> Page:
    """Decode the bytes of a page (see the module docstring for what is accepted)."""
    path = Path(path)
    if not raw.strip():
        raise InputError("empty file", path)
    sha = hashlib.sha256(raw).hexdigest()
    text = _decode(raw, path, encoding)
    sample = text[:BINARY_SNIFF_BYTES]
    if "\x00" in sample or len(_CONTROL.findall(sample)) > CONTROL_CHAR_RATIO * max(len(sample), 1):
        raise InputError("binary file, not a text or HTML page", path)
    text = text.replace("\r\n", "\n").replace("\r", "\n").replace("\x00", "")
    if not text.strip():
        raise InputError("empty file (only white space)", path)
    is_html = path.suffix.lower() in (".html", ".htm", ".xhtml") or bool(_HTML_SNIFF.search(raw[:4096]))
    return Page(path=path, text=text, sha256=sha, html=text if is_html else None)


def utf16_without_bom(sample: bytes) -> str | None:
    """``utf-16-le`` or ``utf-16-be`` if ``sample`` is mostly ASCII-range UTF-16, else None.

    Text in a Latin script written as UTF-16 has a NUL in the high byte of most characters: at
    odd offsets (little-endian) or even ones (big-endian), and almost none at the others."""
    even, odd = sample[0::2], sample[1::2]
    if len(sample) < 8:
        return None
    share_even, share_odd = even.count(0) / len(even), odd.count(0) / max(1, len(odd))
    if share_odd > 0.4 and share_even < 0.05:
        return "utf-16-le"
    if share_even > 0.4 and share_odd < 0.05:
        return "utf-16-be"
    return None


def _decode(raw: bytes, path: Path, encoding: str | None) -> str:
    if encoding:
        try:
            return raw.decode(encoding)
        except LookupError:
            raise InputError(f"unknown encoding {encoding!r}", path) from None
        except UnicodeDecodeError as exc:
            raise InputError(
                f"not valid {encoding} (byte 0x{raw[exc.start]:02x} at offset {exc.start})", path
            ) from None
    for bom, codec in _BOMS:
        if raw.startswith(bom):
            try:
                return raw.decode(codec)
            except UnicodeDecodeError as exc:
                raise InputError(
                    f"starts with a {codec} byte-order mark but is not valid {codec} (offset {exc.start})", path
                ) from None
    # A NUL byte in the first few kB means binary, or UTF-16 saved without a byte-order mark.
    if b"\x00" in raw[:BINARY_SNIFF_BYTES]:
        wide = utf16_without_bom(raw[:BINARY_SNIFF_BYTES])
        if wide:
            raise InputError(
                f"looks like {wide.upper()} text without a byte-order mark (NUL bytes at every other "
                f"position); pass --encoding {wide}",
                path,
            )
        raise InputError("binary file, not a text or HTML page", path)
    try:
        return raw.decode("utf-8")
    except UnicodeDecodeError as exc:
        declared = _META_CHARSET.search(raw[:4096])
        if declared:
            name = declared.group(1).decode("ascii", "replace")
            try:
                return raw.decode(name)
            except (LookupError, UnicodeDecodeError):
                pass
        line = raw[: exc.start].count(b"\n") + 1
        raise InputError(
            f"not UTF-8 (byte 0x{raw[exc.start]:02x} at offset {exc.start}); "
            "if it is cp1252 or latin-1, pass --encoding cp1252",
            path,
            line,
        ) from None
