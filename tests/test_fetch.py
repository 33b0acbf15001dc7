"""Fetching by URL: only http(s), bounded redirects, size and time, one clear error for each failure.

Every test talks to an ``http.server`` on 127.0.0.1; nothing leaves the machine (DNS failure is
simulated by making the resolver fail).
"""

from __future__ import annotations

import datetime as dt
import http.server
import socket
import threading
import time

import pytest
import yaml

from research_digest import cli, fetch
from research_digest.errors import FetchError, InputError
from research_digest.readers import read_page

ARTICLE = (
    b"<!doctype html><html><head><meta charset=utf-8><title>Ice Roads</title></head><body>"
    b"<article><h1>Ice Roads</h1><p>The Northern Sea Route opened early in 2025, weeks ahead of the "
    b"usual season, as sea ice retreated from the Laptev and East Siberian seas.</p>"
    b"<p>Shipping on the route rose by a third compared with the year before, according to port "
    b"authorities in Murmansk and Pevek.</p></article></body></html>"
)


class _Handler(http.server.BaseHTTPRequestHandler):
    """Routes by path; see each branch."""

    def log_message(self, *args):  # keep test output clean
        pass

    def _send(self, code: int, body: bytes = b"", ctype: str = "text/html; charset=utf-8", headers=()):
        self.send_response(code)
        if ctype:
            self.send_header("Content-Type", ctype)
        for name, value in headers:
            self.send_header(name, value)
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        self.wfile.write(body)

    def do_GET(self):  # noqa: N802 - http.server hook
        path = self.path
        if path == "/article.html":
            self._send(200, ARTICLE)
        elif path == "/notes":
            self._send(200, b"Arctic notes\n\nA plain text page.\n", "text/plain")
        elif path == "/latin1":
            self._send(
                200,
                "<html><body><p>Tromsø café in Kirkenes.</p></body></html>".encode("latin-1"),
                "text/html; charset=ISO-8859-1",
            )
        elif path.startswith("/hop/"):
            left = int(path.rsplit("/", 1)[1])
            self._send(302, headers=[("Location", f"/hop/{left - 1}" if left > 1 else "/article.html")])
        elif path == "/loop":
            self._send(301, headers=[("Location", "/loop")])
        elif path == "/to-file":
            self._send(302, headers=[("Location", "file:///etc/passwd")])
        elif path == "/to-javascript":
            self._send(307, headers=[("Location", "javascript:alert(1)")])
        elif path == "/no-location":
            self._send(302)
        elif path == "/slow":
            time.sleep(2)
            self._send(200, ARTICLE)
        elif path == "/huge-declared":
            self.send_response(200)
            self.send_header("Content-Type", "text/html")
            self.send_header("Content-Length", str(50 * 1024 * 1024))
            self.end_headers()
        elif path == "/huge-streamed":
            self.send_response(200)
            self.send_header("Content-Type", "text/html")
            self.end_headers()
            try:
                for _ in range(64):  # 4 MB without a Content-Length; the client stops at 1 MB
                    self.wfile.write(b"<p>" + b"x" * 65530 + b"</p>")
            except (BrokenPipeError, ConnectionResetError):
                pass
            self.close_connection = True
        elif path == "/missing":
            self._send(404, b"<h1>Not Found</h1>")
        elif path == "/broken":
            self._send(500, b"oops")
        elif path == "/report.pdf":
            self._send(200, b"%PDF-1.7 ...", "application/pdf")
        elif path == "/empty":
            self._send(200, b"")
        else:
            self._send(404)


class _QuietServer(http.server.ThreadingHTTPServer):
    daemon_threads = True

    def handle_error(self, request, client_address):  # a client that gave up (timeout test) is expected
        pass


@pytest.fixture(scope="module")
def server():
    srv = _QuietServer(("127.0.0.1", 0), _Handler)
    threading.Thread(target=srv.serve_forever, daemon=True).start()
    yield f"http://127.0.0.1:{srv.server_address[1]}"
    srv.shutdown()
    srv.server_close()


def test_fetch_saves_raw_page_and_sidecar_with_url_and_date(server, tmp_path):
    page = fetch.fetch_to_sources(f"{server}/article.html", tmp_path, today=dt.date(2026, 3, 1))
    port = server.rsplit(":", 1)[1]  # not the scheme's default port, so it is part of the name
    assert page.name == f"127-0-0-1-{port}-article.html"
    assert page.read_bytes() == ARTICLE
    meta = yaml.safe_load(fetch.sidecar_path(page).read_text(encoding="utf-8"))
    assert meta["url"] == f"{server}/article.html"
    assert meta["fetched"] == "2026-03-01"
    assert meta["content_type"].startswith("text/html")
    read = read_page(page)
    assert (read.url, read.fetched) == (f"{server}/article.html", "2026-03-01")


def test_fetch_saves_plain_text_as_txt(server, tmp_path):
    page = fetch.fetch_to_sources(f"{server}/notes", tmp_path)
    assert page.suffix == ".txt" and read_page(page).html is None


def test_fetch_uses_server_charset_when_page_is_not_utf8(server, tmp_path):
    page = fetch.fetch_to_sources(f"{server}/latin1", tmp_path)
    assert "Tromsø café" in read_page(page).text


def test_fetch_follows_up_to_five_redirects_and_records_final_url(server, tmp_path):
    page = fetch.fetch_to_sources(f"{server}/hop/5", tmp_path)
    meta = yaml.safe_load(fetch.sidecar_path(page).read_text(encoding="utf-8"))
    assert meta["url"] == f"{server}/article.html" and meta["requested"] == f"{server}/hop/5"


@pytest.mark.parametrize(
    "path, message",
    [
        ("/hop/6", "too many redirects (more than 5)"),
        ("/loop", "too many redirects"),
        ("/to-file", "redirected to a refused URL 'file:///etc/passwd': only http and https"),
        ("/to-javascript", "redirected to a refused URL 'javascript:alert(1)'"),
        ("/no-location", "HTTP 302 redirect without a Location"),
        ("/missing", "HTTP 404 Not Found"),
        ("/broken", "HTTP 500 Internal Server Error"),
        ("/report.pdf", "not a web page: content type 'application/pdf'"),
        ("/empty", "the server sent an empty page"),
        ("/huge-declared", "page is 50.0 MB, over the 1 MB limit"),
        ("/huge-streamed", "page is over the 1 MB limit"),
    ],
)
def test_fetch_refuses_bad_responses_with_one_line(server, tmp_path, path, message):
    with pytest.raises(FetchError) as info:
        fetch.fetch_to_sources(server + path, tmp_path, max_bytes=1024 * 1024)
    assert message in str(info.value)
    assert "\n" not in str(info.value)
    assert list(tmp_path.iterdir()) == []


def test_fetch_times_out_on_a_slow_server(server, tmp_path):
    with pytest.raises(FetchError, match="cannot fetch: timed out"):
        fetch.fetch_to_sources(f"{server}/slow", tmp_path, timeout=0.3)


def test_fetch_reports_connection_refused(tmp_path):
    sock = socket.socket()
    sock.bind(("127.0.0.1", 0))
    port = sock.getsockname()[1]
    sock.close()  # nothing listens there now
    with pytest.raises(FetchError, match="connection refused"):
        fetch.fetch_to_sources(f"http://127.0.0.1:{port}/", tmp_path)


def test_fetch_reports_unknown_host(tmp_path, monkeypatch):
    def no_dns(*args, **kwargs):
        raise socket.gaierror(socket.EAI_NONAME, "Name or service not known")

    monkeypatch.setattr(socket, "getaddrinfo", no_dns)
    with pytest.raises(FetchError, match=r"no-such-host\.invalid/x: cannot fetch: host not found"):
        fetch.fetch_to_sources("http://no-such-host.invalid/x", tmp_path)


@pytest.mark.parametrize(
    "url",
    [
        "file:///etc/passwd",
        "ftp://127.0.0.1/x.html",
        "data:text/html,<script>alert(1)</script>",
        "javascript:alert(1)",
        "JaVaScRiPt:alert(1)",
        "vbscript:msgbox(1)",
        "gopher://127.0.0.1/",
        "//127.0.0.1/x",
        "/etc/passwd",
        "http://",
        "http://user:secret@127.0.0.1/",
        "http://127.0.0.1:99999/",
        "http://127.0.0.1/\x00a",
    ],
)
def test_fetch_refuses_non_http_and_malformed_urls(url, tmp_path):
    with pytest.raises(FetchError) as info:
        fetch.fetch_to_sources(url, tmp_path)
    assert "\n" not in str(info.value) and "\x00" not in str(info.value)


@pytest.mark.parametrize(
    "url, slug",
    [
        (
            "https://www.rsis.edu.sg/rsis-publication/rsis/china-russia-arctic/",
            "rsis-edu-sg-rsis-publication-rsis-china-russia-arctic",
        ),
        ("https://example.org/", "example-org-index"),
        ("https://example.org/a/page.html?id=7&x=1", "example-org-a-page-id-7-x-1"),
        ("https://example.org/../../etc/passwd", "example-org-etc-passwd"),
        ("https://example.org/%2e%2e%2f%2e%2e%2fCON", "example-org-con"),
    ],
)
def test_slug_for_url_is_readable_and_file_safe(url, slug):
    assert fetch.slug_for_url(url) == slug


def test_slug_for_url_keeps_long_urls_unique_and_bounded():
    a = fetch.slug_for_url("https://example.org/" + "x" * 300 + "?page=1")
    b = fetch.slug_for_url("https://example.org/" + "x" * 300 + "?page=2")
    assert a != b and len(a) <= fetch.MAX_SLUG and len(b) <= fetch.MAX_SLUG


def test_ingest_by_url_fills_source_url_and_fetched(server, tmp_path, capsys):
    content = tmp_path / "content"
    before = dt.datetime.now(dt.UTC).date().isoformat()
    code = cli.main(["ingest", "--content", str(content), f"{server}/article.html", f"{server}/missing"])
    after = dt.datetime.now(dt.UTC).date().isoformat()
    err = capsys.readouterr().err
    assert code == 1 and "HTTP 404" in err
    records = list((content / "briefs").glob("*.yaml"))
    assert len(records) == 1
    data = yaml.safe_load(records[0].read_text(encoding="utf-8"))
    assert data["source"]["url"] == f"{server}/article.html"
    assert data["source"]["fetched"] in (before, after)
    assert data["source"]["file"].endswith("-article.html")


def test_read_page_refuses_a_malformed_sidecar(tmp_path):
    page = tmp_path / "x.html"
    page.write_bytes(ARTICLE)
    fetch.sidecar_path(page).write_text("url: javascript:alert(1)\n", encoding="utf-8")
    with pytest.raises(InputError) as info:
        read_page(page)
    assert "x.source.yaml: source sidecar: only http and https" in str(info.value)
