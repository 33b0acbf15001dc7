"""``digest ingest https://…``: fetch one page by URL into ``content/sources/``, safely.

The page is saved raw, byte for byte as the server sent it (only a gzip or deflate
``Content-Encoding`` is undone), as ``<host>[-port]-<path-and-query-slug>.html`` (or ``.txt`` for
``text/plain``), so it can be re-ingested later without the network. A name is never reused
for another URL: if the file exists and is not this URL's earlier fetch (its sidecar names
another URL, or there is none), the page gets the name with a hash of the full URL appended;
a second fetch of the same URL updates its files and says so. Where it came
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
bounded, also after decompression), and a connect, read or overall timeout. The overall limit
is one deadline for the whole exchange (connect, status line, headers and body, across
redirects): a timer shuts the socket when it passes, so a server that drips its status line a
byte at a time cannot hold the fetch past it. Only the standard library is used.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import http.client
import re
import socket
import ssl
import threading
import time
import urllib.error
import urllib.parse
import urllib.request
import zlib
from dataclasses import dataclass
from pathlib import Path

from research_digest.errors import FetchError, InputError, RecordError
from research_digest.records import yamlio
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
MAX_SLUG = 80
"""As long as a record id (``slugs.SLUG_MAX``), so the record id keeps a long name's hash."""
HASH_CHARS = 10
DECODERS = {"gzip": 16 + zlib.MAX_WBITS, "x-gzip": 16 + zlib.MAX_WBITS, "deflate": zlib.MAX_WBITS}
"""Content-Encoding → zlib ``wbits``. (A raw deflate stream without the zlib header is tried too.)"""
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


class _NoRedirect(urllib.request.HTTPRedirectHandler):
    """Hand every 3xx back to us, so that each hop is counted and its scheme checked."""

    def redirect_request(self, req, fp, code, msg, headers, newurl):  # noqa: D401 - urllib hook
        return None


class Deadline:
    """One limit for a whole exchange: when it passes, every socket opened under it is shut, so
    a read blocked on a server that sends a byte now and then returns at once."""

    def __init__(self, seconds: float):
        self.seconds = seconds
        self.at = time.monotonic() + seconds
        self.expired = False
        self._sockets: list[socket.socket] = []
        self._lock = threading.Lock()
        self._timer = threading.Timer(seconds, self.expire)
        self._timer.daemon = True
        self._timer.start()

    def left(self) -> float:
        return max(0.001, self.at - time.monotonic())

    def watch(self, sock: socket.socket) -> socket.socket:
        with self._lock:
            self._sockets.append(sock)
            if self.expired:
                _shut(sock)
        return sock

    def expire(self) -> None:
        with self._lock:
            self.expired = True
            for sock in self._sockets:
                _shut(sock)

    def cancel(self) -> None:
        self._timer.cancel()


def _shut(sock: socket.socket) -> None:
    try:
        sock.shutdown(socket.SHUT_RDWR)
    except OSError:
        pass


def _watched(base: type) -> type:
    """``base`` (HTTPConnection or HTTPSConnection) whose sockets obey a ``Deadline``."""

    class Connection(base):  # type: ignore[misc, valid-type]
        def __init__(self, *args, deadline: Deadline, **kwargs):
            super().__init__(*args, **kwargs)
            limit = deadline.left()  # urllib passes a float or its "no timeout given" sentinel
            self.timeout = min(self.timeout, limit) if isinstance(self.timeout, (int, float)) else limit
            self._create_connection = lambda *a, **k: deadline.watch(socket.create_connection(*a, **k))

    return Connection


_HTTPConnection = _watched(http.client.HTTPConnection)
_HTTPSConnection = _watched(http.client.HTTPSConnection)


class _HTTPHandler(urllib.request.HTTPHandler):
    def __init__(self, deadline: Deadline):
        super().__init__()
        self.deadline = deadline

    def http_open(self, req):
        return self.do_open(_HTTPConnection, req, deadline=self.deadline)


class _HTTPSHandler(urllib.request.HTTPSHandler):
    def __init__(self, deadline: Deadline):
        super().__init__()
        self.deadline = deadline

    def https_open(self, req):
        return self.do_open(_HTTPSConnection, req, context=self._context, deadline=self.deadline)


def _opener(deadline: Deadline) -> urllib.request.OpenerDirector:
    return urllib.request.build_opener(_NoRedirect(), _HTTPHandler(deadline), _HTTPSHandler(deadline))


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
        _ = parts.port  # parsing the port raises ValueError for "host:99999" or "host:x"
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


def _open(url: str, timeout: float, deadline: Deadline):
    request = urllib.request.Request(
        url,
        headers={
            "User-Agent": USER_AGENT,
            "Accept": "text/html,text/plain;q=0.9",
            "Accept-Encoding": "gzip, deflate",
        },
    )
    return _opener(deadline).open(request, timeout=min(timeout, deadline.left()))


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
    deadline = Deadline(total_timeout)
    try:
        return _download(url, deadline, timeout, max_bytes, max_redirects)
    except FetchError:
        if deadline.expired:
            raise FetchError(f"the server took longer than {total_timeout:g} s in all", _shown(url)) from None
        raise
    finally:
        deadline.cancel()


def _download(url: str, deadline: Deadline, timeout: float, max_bytes: int, max_redirects: int) -> Fetched:
    current = url.strip()
    started = time.monotonic()
    total_timeout = deadline.seconds
    for hop in range(max_redirects + 1):
        try:
            response = _open(current, timeout, deadline)
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
    body = _decode_body(b"".join(chunks), response.headers.get("Content-Encoding"), url, max_bytes)
    if not body.strip():
        raise FetchError("the server sent an empty page", _shown(url))
    suffix = CONTENT_TYPES.get(media) or (".html" if re.search(rb"<html|<!doctype html", body[:4096], re.I) else ".txt")
    return Fetched(url=response.geturl() or url, body=body, content_type=header or "", suffix=suffix)


def _decode_body(body: bytes, encoding: str | None, url: str, max_bytes: int) -> bytes:
    """Undo a gzip or deflate Content-Encoding, never producing more than ``max_bytes``."""
    name = (encoding or "identity").strip().lower()
    if name in ("", "identity"):
        return body
    if name not in DECODERS:
        raise FetchError(f"content encoding {name!r} is not supported (only gzip and deflate)", _shown(url))
    for wbits in (DECODERS[name], -zlib.MAX_WBITS) if name == "deflate" else (DECODERS[name],):
        decoder = zlib.decompressobj(wbits)
        try:
            out = decoder.decompress(body, max_bytes + 1)
        except zlib.error:
            continue
        if len(out) > max_bytes:
            raise FetchError(f"page is over the {max_bytes / 1024 / 1024:.0f} MB limit once decompressed", _shown(url))
        return out
    raise FetchError(f"the {name} content encoding does not decode", _shown(url))


def slug_for_url(url: str) -> str:
    """``<host>-<path-slug>``: readable, file-safe, and stable for the same URL.

    The port (when not the scheme's default) and the query string are part of the slug
    (``?id=1`` and ``?id=2`` are different pages); a slug too long for a record id is cut and
    given a hash of the whole URL (``hashed_slug``) so it stays unique.
    """
    parts = urllib.parse.urlsplit(url)
    host = (parts.hostname or "page").lower()
    host = host[4:] if host.startswith("www.") else host
    try:
        port = parts.port
    except ValueError:
        port = None
    if port and port != {"http": 80, "https": 443}.get(parts.scheme.lower()):
        host = f"{host}-{port}"
    path = urllib.parse.unquote(parts.path)
    path = re.sub(r"\.(s?html?|php|aspx?|jsp)$", "", path.rstrip("/"), flags=re.I)
    rest = path + ("-" + urllib.parse.unquote(parts.query) if parts.query else "")
    slug = slugify(f"{host}-{rest}", max_len=len(url) + len(host) + 1)
    if slug == slugify(host):
        slug += "-index"
    if len(slug) > MAX_SLUG:
        return hashed_slug(slug, url)
    return slug


def hashed_slug(slug: str, url: str) -> str:
    """``slug`` cut to leave room for a hash of the full URL, and the hash: unique per URL."""
    digest = hashlib.sha256(url.encode("utf-8")).hexdigest()[:HASH_CHARS]
    return slug[: MAX_SLUG - HASH_CHARS - 1].rstrip("-") + "-" + digest


def page_name(url: str, suffix: str, sources_dir: Path) -> tuple[Path, bool]:
    """Where the page of ``url`` goes, and whether it replaces an earlier fetch of the same URL.

    The readable name, unless a file there is not this URL's (another URL's fetch whose slug
    clashes, or a page saved by hand): then the name with the URL's hash, which is this URL's
    alone. A file is never replaced unless its sidecar names the same URL.
    """
    slug = slug_for_url(url)
    for candidate in (slug, hashed_slug(slug, url)):
        page = sources_dir / (candidate + suffix)
        if not page.exists() and not sidecar_path(page).exists():
            return page, False
        if _sidecar_url(page) == url:
            return page, page.exists()
    raise FetchError(f"cannot find a free file name for this URL in {sources_dir}", _shown(url))


def _sidecar_url(page: Path) -> str | None:
    """The URL the sidecar of ``page`` names, or None (no sidecar, or not a readable one)."""
    side = sidecar_path(page)
    try:
        data, _ = yamlio.parse_yaml(side.read_bytes()[:MAX_SIDECAR_BYTES].decode("utf-8"), side)
    except (OSError, UnicodeDecodeError, RecordError):
        return None
    return data.get("url") if isinstance(data, dict) else None


def sidecar_path(page_path: Path) -> Path:
    """``x.html`` → ``x.source.yaml``: the provenance file of a saved page."""
    return page_path.with_name(page_path.stem + SIDECAR_SUFFIX)


def fetch_to_sources(
    url: str, sources_dir: Path, *, today: dt.date | None = None, notes: list[str] | None = None, **limits
) -> Path:
    """Download ``url`` and save it (and its sidecar) in ``sources_dir``; return the page path.

    ``today`` is the fetch date recorded in the sidecar (UTC today by default): it is data the
    user asked for, not build time, so it does not break reproducible builds. When the page
    replaces an earlier fetch of the same URL, a line saying so goes into ``notes``.
    """
    fetched = download(url, **limits)
    sources_dir = Path(sources_dir)
    page, again = page_name(fetched.url, fetched.suffix, sources_dir)
    if again and notes is not None:
        notes.append(f"{page}: fetched again from {_shown(fetched.url)}; the page and its record are updated")
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
    return Provenance(
        url=data["url"],
        fetched=fetched,
        charset=_charset(data.get("content_type") if isinstance(data.get("content_type"), str) else None),
    )
