"""Fetching (issue 10, items 5 and 7): one deadline for the whole exchange, compressed bodies
decoded within the size cap, and saved pages that never replace each other silently.

Every server here listens on 127.0.0.1; nothing leaves the machine.
"""

from __future__ import annotations

import gzip
import http.server
import io
import socket
import threading
import time
import zlib
from contextlib import redirect_stderr

import pytest
import yaml

from research_digest import cli, fetch
from research_digest.errors import FetchError

ARTICLE = (
    b"<!doctype html><html><head><meta charset=utf-8><title>Ice Roads</title></head><body>"
    b"<article><h1>Ice Roads</h1><p>The Northern Sea Route opened early in 2025, weeks ahead of the "
    b"usual season, as sea ice retreated from the Laptev and East Siberian seas.</p>"
    b"<p>Shipping on the route rose by a third compared with the year before, according to port "
    b"authorities in Murmansk and Pevek.</p></article></body></html>"
)
OTHER = ARTICLE.replace(b"Ice Roads", b"Polar Ports").replace(b"Northern Sea Route", b"Transpolar Route")


class _Handler(http.server.BaseHTTPRequestHandler):
    def log_message(self, *args):
        pass

    def _send(self, body: bytes, headers=()):
        self.send_response(200)
        self.send_header("Content-Type", "text/html; charset=utf-8")
        for name, value in headers:
            self.send_header(name, value)
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        self.wfile.write(body)

    def do_GET(self):  # noqa: N802
        if self.path == "/gzip":
            self._send(gzip.compress(ARTICLE), [("Content-Encoding", "gzip")])
        elif self.path == "/deflate":
            self._send(zlib.compress(ARTICLE), [("Content-Encoding", "deflate")])
        elif self.path == "/bomb":  # 30 MB of spaces in 30 kB
            self._send(gzip.compress(b"<p>" + b" " * 30 * 1024 * 1024), [("Content-Encoding", "gzip")])
        elif self.path == "/brotli":
            self._send(b"\x1b\x00", [("Content-Encoding", "br")])
        elif self.path.startswith("/b?") or "2" in self.path:
            self._send(OTHER)
        else:
            self._send(ARTICLE)


@pytest.fixture(scope="module")
def server():
    srv = http.server.ThreadingHTTPServer(("127.0.0.1", 0), _Handler)
    srv.daemon_threads = True
    threading.Thread(target=srv.serve_forever, daemon=True).start()
    yield f"http://127.0.0.1:{srv.server_address[1]}"
    srv.shutdown()
    srv.server_close()


def drip_server(prefix: bytes, step: float = 0.2, total: float = 8.0) -> tuple[int, threading.Event]:
    """A server that sends ``prefix`` and then one byte every ``step`` seconds, for ``total`` s."""
    listener = socket.create_server(("127.0.0.1", 0))
    stop = threading.Event()

    def serve():
        listener.settimeout(10)
        try:
            conn, _ = listener.accept()
        except OSError:
            return
        with conn:
            try:
                conn.recv(65536)
                conn.sendall(prefix)
                ends = time.monotonic() + total
                while time.monotonic() < ends and not stop.is_set():
                    conn.sendall(b"X")
                    time.sleep(step)
            except OSError:
                pass
        listener.close()

    threading.Thread(target=serve, daemon=True).start()
    return listener.getsockname()[1], stop


@pytest.mark.parametrize(
    "prefix",
    [b"HTTP/1.1 200", b"HTTP/1.1 200 OK\r\nContent-Type: text/html\r\nX-Slow: "],
    ids=["status-line", "headers"],
)
def test_a_server_dripping_its_status_line_or_headers_hits_the_whole_exchange_limit(prefix):
    port, stop = drip_server(prefix)
    started = time.monotonic()
    with pytest.raises(FetchError) as caught:
        fetch.download(f"http://127.0.0.1:{port}/", timeout=1.0, total_timeout=1.0)
    elapsed = time.monotonic() - started
    stop.set()
    assert elapsed < 3.0, f"took {elapsed:.1f} s"
    assert "1 s" in caught.value.message


@pytest.mark.parametrize("path", ["/gzip", "/deflate"])
def test_compressed_pages_are_decoded(server, tmp_path, path):
    page = fetch.fetch_to_sources(server + path, tmp_path)
    assert page.read_bytes() == ARTICLE


def test_a_compression_bomb_stops_at_the_size_cap(server, tmp_path):
    with pytest.raises(FetchError) as caught:
        fetch.fetch_to_sources(server + "/bomb", tmp_path, max_bytes=1024 * 1024)
    assert "limit" in caught.value.message
    assert list(tmp_path.iterdir()) == []


def test_an_unknown_content_encoding_is_refused(server, tmp_path):
    with pytest.raises(FetchError) as caught:
        fetch.fetch_to_sources(server + "/brotli", tmp_path)
    assert "'br'" in caught.value.message


def ingest(content, *urls: str) -> tuple[int, str]:
    err = io.StringIO()
    with redirect_stderr(err):
        code = cli.main(["ingest", "-q", "-j", "1", "--content", str(content), *urls])
    return code, err.getvalue()


def test_long_urls_sharing_their_start_get_two_records(server, tmp_path):
    stem = "/analysis/" + "the-northern-sea-route-and-the-polar-silk-road-" * 3
    content = tmp_path / "content"
    code, err = ingest(content, f"{server}{stem}part-1", f"{server}{stem}part-2")
    assert code == 0, err
    records = sorted((content / "briefs").glob("*.yaml"))
    assert len(records) == 2
    ids = [yaml.safe_load(r.read_text())["id"] for r in records]
    assert ids[0] != ids[1] and all(len(i) <= 80 for i in ids)


def test_path_and_query_that_slug_alike_get_distinct_files(server, tmp_path):
    a = fetch.fetch_to_sources(f"{server}/b-2", tmp_path)
    b = fetch.fetch_to_sources(f"{server}/b?2", tmp_path)
    assert a != b and a.read_bytes() == OTHER and b.read_bytes() == OTHER
    assert yaml.safe_load(fetch.sidecar_path(a).read_text())["url"] == f"{server}/b-2"
    assert yaml.safe_load(fetch.sidecar_path(b).read_text())["url"] == f"{server}/b?2"


def test_the_port_is_in_the_name():
    assert fetch.slug_for_url("http://example.org:8080/x") != fetch.slug_for_url("http://example.org/x")
    assert "8080" in fetch.slug_for_url("http://example.org:8080/x")


def test_a_second_fetch_of_one_url_updates_and_says_so(server, tmp_path):
    content = tmp_path / "content"
    assert ingest(content, f"{server}/article")[0] == 0
    code, err = ingest(content, f"{server}/article")
    assert code == 0
    assert "fetched again" in err and "article" in err
    assert len(list((content / "sources").glob("*.html"))) == 1


def test_a_hand_saved_page_with_the_same_name_is_not_replaced(server, tmp_path):
    sources = tmp_path / "sources"
    sources.mkdir()
    name = fetch.slug_for_url(f"{server}/article") + ".html"
    (sources / name).write_bytes(b"<p>saved by hand</p>")
    page = fetch.fetch_to_sources(f"{server}/article", sources)
    assert page.name != name
    assert (sources / name).read_bytes() == b"<p>saved by hand</p>"
