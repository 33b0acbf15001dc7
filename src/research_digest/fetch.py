"""``digest ingest https://…``: fetch one page by URL into ``content/sources/``, safely.

The page is saved raw, byte for byte as the server sent it, as ``<host>-<path-slug>.html`` (or
``.txt`` for ``text/plain``), so it can be re-ingested later without the network. Where it came
from is kept in a sidecar beside it, ``<host>-<path-slug>.source.yaml``::

    url: https://www.rsis.edu.sg/rsis-publication/...   # the final URL, after redirects
    requested: https://rsis.edu.sg/...                   # what the user typed, if different
    fetched: '2026-11-24'                                # the day of the fetch (UTC)
    content_type: text/html; charset=utf-8

A sidecar, not a tag inserted into the page, because the raw bytes stay exactly the server's
(their sha256 is the record's ``source.sha256``) and it works the same for text pages.
``read_provenance`` reads it back; ``readers.read_page`` calls it, so the record gets
``source.url`` and ``source.fetched`` however the page is ingested later.

What is refused, each with one ``FetchError`` line: any scheme but http/https (also on every
redirect target), URLs without a host or with credentials, more than ``MAX_REDIRECTS`` redirects,
HTTP errors (with the status), content types other than HTML or plain text, bodies past
``MAX_BYTES`` (checked against Content-Length first, then while streaming, so memory stays
bounded), and a connect, read or overall timeout. Only the standard library is used.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import http.client
import re
import socket
import ssl
import time
import urllib.error
import urllib.parse
import urllib.request
from dataclasses import dataclass
from pathlib import Path

from research_digest.errors import FetchError, InputError, RecordError
from research_digest.records import yamlio
from research_digest.records.schema import DOI_RE
from research_digest.slugs import slugify

ALLOWED_SCHEMES = ("http", "https")
MAX_BYTES = 20 * 1024 * 1024
"""Same as the reader's page limit: anything larger would be refused at ingest anyway."""
MAX_REDIRECTS = 5
TIMEOUT = 15.0
"""Seconds for connecting and for each read from the socket."""
TOTAL_TIMEOUT = 120.0
"""Seconds for the whole download, so a server trickling one byte at a time cannot hold us."""
CHUNK = 64 * 1024
USER_AGENT = "research-digest/0.1 (+https://github.com/; saves one page for offline reading)"

CONTENT_TYPES = {
    "text/html": ".html",
    "application/xhtml+xml": ".html",
    "text/plain": ".txt",
}
"""Media types we accept, and the suffix the saved page gets (the reader decides by suffix too)."""

SIDECAR_SUFFIX = ".source.yaml"
MAX_SIDECAR_BYTES = 64 * 1024
MAX_SLUG = 100
_REDIRECT_CODES = (301, 302, 303, 307, 308)


@dataclass
class Fetched:
    """One downloaded page: final URL, the body bytes and the media type the server gave."""

    url: str
    body: bytes
    content_type: str
    suffix: str


@dataclass
class Provenance:
    """What a sidecar says about where a saved page came from."""

    url: str
    fetched: str | None = None
    charset: str | None = None
    doi: str | None = None


class _NoRedirect(urllib.request.HTTPRedirectHandler):
    """Hand every 3xx back to us, so that each hop is counted and its scheme checked."""

    def redirect_request(self, req, fp, code, msg, headers, newurl):  # noqa: D401 - urllib hook
        return None


def _opener() -> urllib.request.OpenerDirector:
    return urllib.request.build_opener(_NoRedirect())


def check_url(url: str) -> urllib.parse.SplitResult:
    """Refuse anything that is not a plain http(s) URL with a host."""
    text = url.strip()
    if any(ord(c) < 0x20 or c == "\x7f" for c in text):
        raise FetchError("URL contains control characters", _shown(url))
    parts = urllib.parse.urlsplit(text)
    scheme = parts.scheme.lower()
    if scheme not in ALLOWED_SCHEMES:
        raise FetchError(
            f"only http and https URLs can be fetched, not {scheme + ':' if scheme else 'a relative URL'}", _shown(url)
        )
    if not parts.hostname:
        raise FetchError("URL has no host", _shown(url))
    if parts.username or parts.password:
        raise FetchError(
            "URLs with a user name or password are not fetched (they would be stored in the record)", _shown(url)
        )
    try:
        parts.port
    except ValueError:
        raise FetchError("URL has an invalid port", _shown(url)) from None
    return parts


def _shown(url: str) -> str:
    """The URL as printed in an error: one line, bounded length."""
    flat = re.sub(r"[\x00-\x1f\x7f]", "?", url)
    return flat if len(flat) <= 200 else flat[:197] + "..."


def _media_type(header: str | None) -> str:
    return (header or "").split(";", 1)[0].strip().lower()


def _charset(header: str | None) -> str | None:
    match = re.search(r"charset\s*=\s*\"?([A-Za-z0-9_.:-]+)", header or "", re.I)
    return match.group(1).lower() if match else None


def _open(url: str, timeout: float):
    request = urllib.request.Request(url, headers={"User-Agent": USER_AGENT, "Accept": "text/html,text/plain;q=0.9"})
    return _opener().open(request, timeout=timeout)


def _reason(exc: BaseException) -> str:
    """Turn a network exception into a short, human reason."""
    reason = getattr(exc, "reason", exc)
    if isinstance(reason, socket.gaierror):
        return "host not found (DNS lookup failed)"
    if isinstance(reason, ConnectionRefusedError):
        return "connection refused"
    if isinstance(reason, (TimeoutError, socket.timeout)):
        return "timed out"
    if isinstance(reason, ssl.SSLCertVerificationError):
        return f"TLS certificate not valid ({reason.verify_message})"
    if isinstance(reason, ssl.SSLError):
        return f"TLS error ({reason.reason or reason})"
    if isinstance(reason, ConnectionResetError):
        return "connection reset by the server"
    if isinstance(reason, OSError):
        return f"network error ({reason.strerror or reason})"
    return str(reason).splitlines()[0][:200] if str(reason) else type(reason).__name__


def download(
    url: str,
    *,
    timeout: float = TIMEOUT,
    total_timeout: float = TOTAL_TIMEOUT,
    max_bytes: int = MAX_BYTES,
    max_redirects: int = MAX_REDIRECTS,
) -> Fetched:
    """Fetch ``url`` following at most ``max_redirects`` redirects; raises FetchError."""
    check_url(url)
    current = url.strip()
    started = time.monotonic()
    for hop in range(max_redirects + 1):
        try:
            response = _open(current, timeout)
        except urllib.error.HTTPError as exc:
            exc.close()
            if exc.code in _REDIRECT_CODES:
                location = exc.headers.get("Location")
                if not location:
                    raise FetchError(f"HTTP {exc.code} redirect without a Location", _shown(current)) from None
                target = urllib.parse.urljoin(current, location.strip())
                try:
                    check_url(target)
                except FetchError as bad:
                    raise FetchError(
                        f"redirected to a refused URL {_shown(target)!r}: {bad.message}", _shown(url)
                    ) from None
                if hop == max_redirects:
                    break
                current = target
                continue
            raise FetchError(f"HTTP {exc.code} {exc.reason or ''}".rstrip(), _shown(current)) from None
        except (urllib.error.URLError, OSError, http.client.HTTPException, ValueError) as exc:
            raise FetchError(f"cannot fetch: {_reason(exc)}", _shown(current)) from None
        with response:
            return _read_body(response, current, started, total_timeout, max_bytes)
    raise FetchError(f"too many redirects (more than {max_redirects})", _shown(url))


def _read_body(response, url: str, started: float, total_timeout: float, max_bytes: int) -> Fetched:
    header = response.headers.get("Content-Type")
    media = _media_type(header)
    if media and media not in CONTENT_TYPES:
        raise FetchError(f"not a web page: content type {media!r} (only HTML and plain text are ingested)", _shown(url))
    length = response.headers.get("Content-Length")
    if length and length.strip().isdigit() and int(length) > max_bytes:
        raise FetchError(
            f"page is {int(length) / 1024 / 1024:.1f} MB, over the {max_bytes / 1024 / 1024:.0f} MB limit", _shown(url)
        )
    chunks: list[bytes] = []
    size = 0
    try:
        while True:
            if time.monotonic() - started > total_timeout:
                raise FetchError(f"download took longer than {total_timeout:.0f} s", _shown(url))
            chunk = response.read1(CHUNK)
            if not chunk:
                break
            size += len(chunk)
            if size > max_bytes:
                raise FetchError(f"page is over the {max_bytes / 1024 / 1024:.0f} MB limit", _shown(url))
            chunks.append(chunk)
    except (OSError, http.client.HTTPException) as exc:
        raise FetchError(f"download interrupted: {_reason(exc)}", _shown(url)) from None
    body = b"".join(chunks)
    if not body.strip():
        raise FetchError("the server sent an empty page", _shown(url))
    suffix = CONTENT_TYPES.get(media) or (".html" if re.search(rb"<html|<!doctype html", body[:4096], re.I) else ".txt")
    return Fetched(url=response.geturl() or url, body=body, content_type=header or "", suffix=suffix)


def slug_for_url(url: str) -> str:
    """``<host>-<path-slug>``: readable, file-safe, and stable for the same URL.

    The query string is part of the slug (``?id=1`` and ``?id=2`` are different pages); a slug
    too long for a file name is cut and given a short hash of the whole URL so it stays unique.
    """
    parts = urllib.parse.urlsplit(url)
    host = (parts.hostname or "page").lower()
    host = host[4:] if host.startswith("www.") else host
    path = urllib.parse.unquote(parts.path)
    path = re.sub(r"\.(s?html?|php|aspx?|jsp)$", "", path.rstrip("/"), flags=re.I)
    rest = path + ("-" + urllib.parse.unquote(parts.query) if parts.query else "")
    slug = slugify(f"{host}-{rest}", max_len=len(url) + len(host) + 1)
    if slug == slugify(host):
        slug += "-index"
    if len(slug) > MAX_SLUG:
        digest = hashlib.sha1(url.encode("utf-8")).hexdigest()[:8]
        slug = slug[: MAX_SLUG - 9].rstrip("-") + "-" + digest
    return slug


def sidecar_path(page_path: Path) -> Path:
    """``x.html`` → ``x.source.yaml``: the provenance file of a saved page."""
    return page_path.with_name(page_path.stem + SIDECAR_SUFFIX)


def fetch_to_sources(url: str, sources_dir: Path, *, today: dt.date | None = None, **limits) -> Path:
    """Download ``url`` and save it (and its sidecar) in ``sources_dir``; return the page path.

    ``today`` is the fetch date recorded in the sidecar (UTC today by default): it is data the
    user asked for, not build time, so it does not break reproducible builds.
    """
    fetched = download(url, **limits)
    sources_dir = Path(sources_dir)
    page = sources_dir / (slug_for_url(fetched.url) + fetched.suffix)
    day = (today or dt.datetime.now(dt.UTC).date()).isoformat()
    meta = {"url": fetched.url}
    if url.strip() != fetched.url:
        meta["requested"] = url.strip()
    meta["fetched"] = day
    if fetched.content_type:
        meta["content_type"] = fetched.content_type
    try:
        yamlio.write_atomic(page, fetched.body)
        yamlio.write_atomic(sidecar_path(page), yamlio.dump_data(meta))
    except OSError as exc:
        raise FetchError(f"cannot save the page: {exc.strerror or exc}", page) from None
    return page


def write_sidecar(page_path: Path, url: str, doi: str | None = None) -> Path:
    """Record where a page saved by hand came from (``digest ingest --url URL FILE``): the same
    sidecar a fetched page gets, so the record's ``source.url`` survives every later ingest.
    Fields already in the sidecar (``fetched``, ``requested``) are kept."""
    check_url(url)
    if doi is not None and not DOI_RE.fullmatch(doi):
        raise InputError(f"not a DOI: {doi!r} (expected 10.1234/abc)"[:200], page_path)
    side = sidecar_path(Path(page_path))
    meta: dict = {}
    if side.is_file():
        old = read_provenance(page_path)
        data, _ = yamlio.parse_yaml(side.read_text(encoding="utf-8"), side)
        meta = dict(data) if old is not None else {}
    meta["url"] = url.strip()
    if doi:
        meta["doi"] = doi
    yamlio.write_atomic(side, yamlio.dump_data(meta))
    return side


def read_provenance(page_path: Path) -> Provenance | None:
    """The sidecar of a saved page, if there is one; raises InputError if it is malformed."""
    side = sidecar_path(Path(page_path))
    if not side.is_file():
        return None
    try:
        if side.stat().st_size > MAX_SIDECAR_BYTES:
            raise InputError("source sidecar is too large", side)
        data, _ = yamlio.parse_yaml(side.read_bytes().decode("utf-8"), side)
    except RecordError as exc:
        raise InputError(f"source sidecar cannot be read: {exc.message}", side, exc.line) from None
    except (OSError, UnicodeDecodeError) as exc:
        raise InputError(f"source sidecar cannot be read: {str(exc).splitlines()[0][:200]}", side) from None
    if not isinstance(data, dict) or not isinstance(data.get("url"), str):
        raise InputError("source sidecar must be a mapping with a 'url'", side)
    try:
        check_url(data["url"])
    except FetchError as exc:
        raise InputError(f"source sidecar: {exc.message}", side) from None
    fetched = data.get("fetched")
    if isinstance(fetched, dt.date):
        fetched = fetched.isoformat()
    if fetched is not None and not (isinstance(fetched, str) and re.fullmatch(r"\d{4}-\d{2}-\d{2}", fetched)):
        raise InputError("source sidecar: 'fetched' must be a date yyyy-mm-dd", side)
    doi = data.get("doi")
    if doi is not None and not (isinstance(doi, str) and DOI_RE.fullmatch(doi)):
        raise InputError("source sidecar: 'doi' must look like 10.1234/abc (no https://doi.org/ prefix)", side)
    return Provenance(
        url=data["url"],
        fetched=fetched,
        doi=doi,
        charset=_charset(data.get("content_type") if isinstance(data.get("content_type"), str) else None),
    )
