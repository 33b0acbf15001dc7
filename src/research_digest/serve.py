"""``digest serve``: preview the site on 127.0.0.1, under its ``base_url``, rebuilding on change.

The server binds to 127.0.0.1 only (a preview is not a web server for the network). It serves
``out_dir`` at ``base_url`` exactly as GitHub Pages will (``/REPO/briefs/x/`` → its
``index.html``; anything unknown → ``404.html`` with status 404), so links and search are
tested under the real sub-path; a request for ``/`` redirects to ``base_url``.

Watching is a poll of modification times (records, pages, templates, the actors list) once a
``POLL_SECONDS``: no extra dependency, and it works on every file system, including network
mounts that inotify misses. A rebuild swaps the new site in atomically (see render.writer), so a
request never sees a half-written site.

Live reload: every rebuild that changed a file bumps a build id, served at
``<base_url>__digest/build-id`` (by this server only; nothing is written into the site). Each HTML
page the preview serves gets a few lines of script before ``</body>`` that poll that id every
``RELOAD_POLL_MS`` and reload the page when it changes. The published files never hold the
script: it is added to the response, not to ``build/``.
"""

from __future__ import annotations

import http.server
import io
import json
import os
import posixpath
import sys
import threading
import time
import traceback
import urllib.parse
from functools import partial
from pathlib import Path

from research_digest.config import Config
from research_digest.errors import DigestError, environment_problem
from research_digest.render import build_site, theme_dirs

POLL_SECONDS = 0.25
"""How often the content is checked for changes (a stat of every record: ~5 ms at 1,000 briefs)."""
HOST = "127.0.0.1"
RELOAD_PATH = "__digest/build-id"
RELOAD_POLL_MS = 250
RELOAD_SCRIPT = (
    "<script>/* digest serve: reload when the site is rebuilt (added by the preview, not published) */"
    "(function(){var seen=null;function poll(){fetch(%s,{cache:'no-store'}).then(function(r){return r.text()})"
    ".then(function(id){if(seen!==null&&id!==seen){location.reload()}seen=id}).catch(function(){})"
    ".then(function(){setTimeout(poll,%d)})}poll()})();</script>"
)


class BuildId:
    """A counter of rebuilds that changed the site, read by the pages' reload script."""

    def __init__(self) -> None:
        self.value = 0
        self._lock = threading.Lock()

    def bump(self) -> None:
        with self._lock:
            self.value += 1


class PreviewHandler(http.server.SimpleHTTPRequestHandler):
    """Serves ``root`` under ``base_url``; never a file outside ``root``."""

    def __init__(self, *args, root: Path, base_url: str, quiet: bool, build_id: BuildId | None = None, **kwargs):
        self.root, self.base_url, self.quiet, self.build_id = root, base_url, quiet, build_id
        super().__init__(*args, directory=str(root), **kwargs)

    def _send_bytes(self, body: bytes, content_type: str):
        self.send_response(200)
        self.send_header("Content-Type", content_type)
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        return io.BytesIO(body)

    def send_head(self):
        path = urllib.parse.urlsplit(self.path).path
        if "\x00" in urllib.parse.unquote(path):  # no file has a NUL in its name: a bad request
            self.send_error(400, "Bad request: NUL in the path")
            return None
        if self.build_id is not None:
            if path == self.base_url + RELOAD_PATH:
                return self._send_bytes(str(self.build_id.value).encode(), "text/plain; charset=utf-8")
            page = Path(self.translate_path(self.path))
            if page.is_dir() and path.endswith("/"):
                page = page / "index.html"
            if page.suffix == ".html" and page.is_file() and path.startswith(self.base_url):
                script = RELOAD_SCRIPT % (json.dumps(self.base_url + RELOAD_PATH), RELOAD_POLL_MS)
                html = page.read_bytes()
                at = html.rfind(b"</body>")
                at = len(html) if at < 0 else at
                return self._send_bytes(html[:at] + script.encode() + html[at:], "text/html; charset=utf-8")
        target = Path(self.translate_path(self.path))
        if target.is_dir() and not (target / "index.html").is_file():
            return self._not_found()  # GitHub Pages lists no directory
        if not path.startswith(self.base_url) and path + "/" != self.base_url:
            if path in ("/", "/index.html"):
                self.send_response(302)
                self.send_header("Location", self.base_url)
                self.send_header("Content-Length", "0")
                self.end_headers()
                return None
            return self._not_found()
        return super().send_head()

    def translate_path(self, path: str) -> str:
        path = urllib.parse.unquote(urllib.parse.urlsplit(path).path)
        rel = path[len(self.base_url) :] if path.startswith(self.base_url) else ""
        parts = [p for p in posixpath.normpath("/" + rel).split("/") if p and p not in (".", "..")]
        return str(Path(self.directory, *parts))

    def send_error(self, code, message=None, explain=None):
        if code == 404:
            self._not_found(body_only=False)
            return
        super().send_error(code, message, explain)

    def _not_found(self, body_only: bool = False):
        page = self.root / "404.html"
        body = page.read_bytes() if page.is_file() else b"Not found\n"
        self.send_response(404)
        self.send_header("Content-Type", "text/html; charset=utf-8")
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        if self.command != "HEAD":
            self.wfile.write(body)
        return None

    def end_headers(self):
        self.send_header("Cache-Control", "no-store")  # a preview must show the latest build
        super().end_headers()

    def log_message(self, format, *args):  # noqa: A002 - the stdlib's signature
        if not self.quiet:
            sys.stderr.write("serve: " + (format % args) + "\n")


def make_server(
    config: Config, port: int, quiet: bool = True, build_id: BuildId | None = None
) -> http.server.ThreadingHTTPServer:
    """The preview server (not yet started); port 0 picks a free one. With ``build_id``, pages
    reload themselves after a rebuild."""
    handler = partial(
        PreviewHandler, root=config.out_dir.resolve(), base_url=config.base_url, quiet=quiet, build_id=build_id
    )
    try:
        server = http.server.ThreadingHTTPServer((HOST, port), handler)
    except OSError as exc:
        raise DigestError(f"cannot listen on {HOST}:{port}: {exc.strerror} (try --port)") from None
    server.daemon_threads = True
    return server


def watched_paths(config: Config) -> list[Path]:
    return [config.briefs_dir, config.pages_dir, config.actors_file, *theme_dirs(config)]


def snapshot(paths: list[Path]) -> dict[str, int]:
    """Modification time of every file under ``paths`` (hidden files skipped: editors' swap files)."""
    seen: dict[str, int] = {}
    for root in paths:
        if root.is_file():
            seen[str(root)] = root.stat().st_mtime_ns
            continue
        for dirpath, dirnames, filenames in os.walk(root):
            dirnames[:] = sorted(d for d in dirnames if not d.startswith("."))
            for name in filenames:
                if not name.startswith("."):
                    path = os.path.join(dirpath, name)
                    try:
                        seen[path] = os.stat(path).st_mtime_ns
                    except FileNotFoundError:
                        continue
    return seen


def rebuild(
    config: Config, quiet: bool, verb: str = "Rebuilt", search: bool = True, build_id: BuildId | None = None
) -> None:
    started = time.monotonic()
    try:
        report = build_site(config, search=search)
    except DigestError as exc:  # a broken template or record: keep serving the last good site
        print(f"error: {exc}", file=sys.stderr)
        return
    except Exception as exc:  # noqa: BLE001 - a bug must not end the watcher: the next change rebuilds
        problem = environment_problem(exc) if isinstance(exc, OSError) else None
        if problem is not None:  # a full disk: one line, as digest build gives
            print(f"error: {problem}", file=sys.stderr)
            return
        traceback.print_exc()
        print("serve: the build failed (a bug in research-digest); still watching for changes", file=sys.stderr)
        return
    for error in report.errors:
        print(f"error: {error}", file=sys.stderr)
    if build_id is not None and report.written:
        build_id.bump()
    if not quiet:
        print(
            f"{verb} {report.pages} page(s), {report.written} file(s) changed, in {time.monotonic() - started:.2f} s",
            file=sys.stderr,
        )


def watch_and_rebuild(
    config: Config,
    stop: threading.Event,
    quiet: bool,
    interval: float = POLL_SECONDS,
    search: bool = True,
    build_id: BuildId | None = None,
) -> None:
    """Rebuild whenever a watched file changes, until ``stop`` is set."""
    paths = watched_paths(config)
    last = snapshot(paths)
    while not stop.wait(interval):
        current = snapshot(paths)
        if current != last:
            last = current
            rebuild(config, quiet, search=search, build_id=build_id)


def serve(config: Config, port: int = 8000, watch: bool = True, quiet: bool = False, search: bool = True) -> int:
    """Build, serve until Ctrl-C, rebuild on change. Returns the exit code."""
    build_id = BuildId()
    rebuild(config, quiet, verb="Built", search=search)
    server = make_server(config, port, quiet, build_id if watch else None)
    stop = threading.Event()
    watcher = None
    if watch:
        watcher = threading.Thread(
            target=watch_and_rebuild, args=(config, stop, quiet, POLL_SECONDS, search, build_id), daemon=True
        )
        watcher.start()
    real_port = server.server_address[1]
    print(
        f"Serving {config.out_dir} at http://{HOST}:{real_port}{config.base_url} "
        f"({'rebuilding on change' if watch else 'not watching'}); Ctrl-C stops",
        file=sys.stderr,
    )
    try:
        server.serve_forever()
    except KeyboardInterrupt:
        pass
    finally:
        stop.set()
        server.server_close()
    return 0
