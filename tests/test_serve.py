"""``digest serve``: the preview server under base_url, on 127.0.0.1, and rebuild on change."""

from __future__ import annotations

import http.client
import threading
import time
from pathlib import Path

import pytest
from conftest import SITE_BASE, make_content

from research_digest.config import Config
from research_digest.render import build_site
from research_digest.serve import make_server, snapshot, watch_and_rebuild, watched_paths

WAIT_LIMIT = 30.0
"""Upper bound on waiting for a rebuild (a safety net against a hang, not a speed requirement)."""


@pytest.fixture
def preview(tmp_path: Path):
    config = Config(content_dir=make_content(tmp_path / "content"), out_dir=tmp_path / "build", base_url=SITE_BASE)
    build_site(config, search=False)
    server = make_server(config, 0)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    yield config, server.server_address[1]
    server.shutdown()
    server.server_close()


@pytest.fixture(scope="module")
def served(site_dir: Path):
    """The session's shared test site (built once for every render test), served read-only."""
    config = Config(content_dir=site_dir.parent.parent / "content", out_dir=site_dir, base_url=SITE_BASE)
    server = make_server(config, 0)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    yield config, server.server_address[1]
    server.shutdown()
    server.server_close()


def get(port: int, path: str) -> tuple[int, dict, str]:
    conn = http.client.HTTPConnection("127.0.0.1", port, timeout=10)
    conn.request("GET", path)
    response = conn.getresponse()
    body = response.read().decode("utf-8", "replace")
    conn.close()
    return response.status, dict(response.getheaders()), body


def test_server_listens_on_loopback_only(served):
    config, port = served
    assert make_server(config, 0).server_address[0] == "127.0.0.1"


def test_server_serves_pages_under_base_url(served):
    _, port = served
    status, _, body = get(port, "/digest/briefs/rsis-co26021-china-russia-arctic/")
    assert status == 200 and "From a Bumpy Ride to Deeper Engagement" in body


def test_server_redirects_root_to_base_url(served):
    _, port = served
    status, headers, _ = get(port, "/")
    assert status == 302 and headers["Location"] == SITE_BASE


def test_server_answers_unknown_path_with_the_404_page(served):
    _, port = served
    status, _, body = get(port, "/digest/no-such-page/")
    assert status == 404 and "Page not found" in body


def test_server_never_serves_files_outside_the_site(preview):
    config, port = preview
    secret = config.out_dir.parent / "secret.txt"
    secret.write_text("do not serve")
    for path in ["/digest/../secret.txt", "/digest/%2e%2e/secret.txt", "/secret.txt"]:
        status, _, body = get(port, path)
        assert "do not serve" not in body, path


def test_watcher_rebuilds_when_a_record_changes(preview):
    config, port = preview
    stop = threading.Event()
    thread = threading.Thread(target=watch_and_rebuild, args=(config, stop, True, 0.05), daemon=True)
    thread.start()
    try:
        record = config.briefs_dir / "polar-journal-sino-russian-arctic-cooperation.yaml"
        time.sleep(0.1)  # let the watcher take its first snapshot
        record.write_text(
            record.read_text(encoding="utf-8").replace(
                "title: 'Sino-Russian Arctic Cooperation:", "title: 'Edited Title:"
            ),
            encoding="utf-8",
        )
        deadline = time.monotonic() + WAIT_LIMIT
        body = ""
        while time.monotonic() < deadline and "Edited Title" not in body:
            time.sleep(0.05)
            body = get(port, "/digest/")[2]
        assert "Edited Title" in body
    finally:
        stop.set()
        thread.join()


def test_snapshot_ignores_hidden_files(preview):
    config, _ = preview
    before = snapshot(watched_paths(config))
    (config.briefs_dir / ".machine").mkdir()
    (config.briefs_dir / ".machine" / "x.yaml").write_text("x")
    (config.briefs_dir / ".record.yaml.swp").write_text("x")
    assert snapshot(watched_paths(config)) == before


def test_a_directory_without_index_html_is_404_not_a_listing(preview):
    config, port = preview
    (config.out_dir / "static" / "extra").mkdir(parents=True, exist_ok=True)
    (config.out_dir / "static" / "extra" / "x.txt").write_text("x")
    for path in ("/digest/static/", "/digest/static/extra/", "/digest/static/extra"):
        status, _, body = get(port, path)
        assert status == 404, path
        assert "Directory listing" not in body and "x.txt" not in body


def test_a_nul_in_the_url_is_400_without_a_traceback(preview, capfd):
    config, port = preview
    for path in ("/digest/%00", "/digest/briefs/%00/", "/digest/a%00b.html"):
        status, _, _ = get(port, path)
        assert status == 400, path
    time.sleep(0.2)
    assert "Traceback" not in capfd.readouterr().err


def test_pages_reload_after_a_rebuild_that_changed_the_site(tmp_path: Path):
    """The preview adds a reload script to every page it serves (never to the built files) and
    bumps the build id it polls when a rebuild changed the site, not when nothing changed."""
    from research_digest.serve import RELOAD_PATH, BuildId, rebuild

    config = Config(content_dir=make_content(tmp_path / "content"), out_dir=tmp_path / "build", base_url=SITE_BASE)
    build_id = BuildId()
    rebuild(config, True, search=False, build_id=build_id)
    server = make_server(config, 0, build_id=build_id)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    port = server.server_address[1]
    try:
        status, headers, body = get(port, "/digest/briefs/rsis-co26021-china-russia-arctic/")
        assert status == 200 and RELOAD_PATH in body and body.rstrip().endswith("</html>")
        assert int(headers["Content-Length"]) == len(body.encode("utf-8"))
        assert RELOAD_PATH not in (config.out_dir / "index.html").read_text(encoding="utf-8")
        first = get(port, SITE_BASE + RELOAD_PATH)[2]
        rebuild(config, True, search=False, build_id=build_id)  # nothing changed
        assert get(port, SITE_BASE + RELOAD_PATH)[2] == first
        record = config.briefs_dir / "polar-journal-sino-russian-arctic-cooperation.yaml"
        record.write_text(
            record.read_text(encoding="utf-8").replace("title: 'Sino-Russian", "title: 'Renamed Sino-Russian"),
            encoding="utf-8",
        )
        rebuild(config, True, search=False, build_id=build_id)
        assert get(port, SITE_BASE + RELOAD_PATH)[2] != first
        assert "Renamed Sino-Russian" in get(port, SITE_BASE)[2]
    finally:
        server.shutdown()
        server.server_close()
