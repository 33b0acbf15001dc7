"""Shared fixtures: the seed pages, their gold records, and a scratch content directory."""

from __future__ import annotations

import os
import shutil
from pathlib import Path

import pytest
import yaml
from hypothesis import HealthCheck, settings

# ---------------------------------------------------------------- Hypothesis profiles
# HYPOTHESIS_PROFILE picks one: "default" keeps make test fast, "ci" is what CI runs
# (.ci/run sets it), "hostile" (make test-hostile) draws 10,000 examples per property.
# Tests do not set max_examples themselves, so one switch scales every property test.
_PROPERTY = {"deadline": None, "suppress_health_check": [HealthCheck.function_scoped_fixture, HealthCheck.too_slow]}
settings.register_profile("default", max_examples=40, **_PROPERTY)
settings.register_profile("ci", max_examples=300, **_PROPERTY)
settings.register_profile("hostile", max_examples=10_000, **_PROPERTY)
settings.load_profile(os.environ.get("HYPOTHESIS_PROFILE", "default"))

ROOT = Path(__file__).resolve().parent.parent
SEEDS = ROOT / "content" / "sources"
GOLD = Path(__file__).resolve().parent / "gold"
SEED_NAMES = sorted(p.stem for p in GOLD.glob("*.yaml"))


def load_gold(name: str) -> dict:
    return yaml.safe_load((GOLD / f"{name}.yaml").read_text(encoding="utf-8"))


@pytest.fixture
def content(tmp_path: Path) -> Path:
    """A fresh content directory holding copies of the seed pages and the gazetteer."""
    root = tmp_path / "content"
    (root / "sources").mkdir(parents=True)
    for name in SEED_NAMES:
        shutil.copy(SEEDS / f"{name}.txt", root / "sources")
    actors = ROOT / "content" / "actors.yaml"
    if actors.exists():
        shutil.copy(actors, root / "actors.yaml")
    return root


# ---------------------------------------------------------------- the built site (render tests, browser tests)

import functools  # noqa: E402
import http.server  # noqa: E402
import threading  # noqa: E402

RECORDS = Path(__file__).resolve().parent / "records"
SITE_BASE = "/digest/"
"""Serve the test site under a sub-path, as GitHub Pages serves a project site."""
CHROMIUM = os.environ.get("CHROMIUM_PATH") or shutil.which("chromium") or "/usr/bin/chromium"


def make_content(root: Path) -> Path:
    """A content directory with the hand-written record fixtures and the about page."""
    (root / "briefs").mkdir(parents=True)
    for path in sorted(RECORDS.glob("*.yaml")):
        shutil.copy(path, root / "briefs")
    shutil.copytree(ROOT / "content" / "pages", root / "pages")
    return root


def build_test_site(tmp: Path, search: bool = True, **settings) -> Path:
    """Build the fixture records into ``tmp/www/digest`` and return that directory."""
    from research_digest.config import Config
    from research_digest.render import build_site

    content = make_content(tmp / "content")
    out = tmp / "www" / SITE_BASE.strip("/")
    config = Config(content_dir=content, out_dir=out, base_url=SITE_BASE, **settings)
    report = build_site(config, search=search)
    assert not report.errors, report.errors
    return out


@pytest.fixture(scope="session")
def site_dir(tmp_path_factory) -> Path:
    """One build per session, shared by every test that only reads the site."""
    return build_test_site(tmp_path_factory.mktemp("site"))


class _QuietHandler(http.server.SimpleHTTPRequestHandler):
    def log_message(self, *args):
        pass


@pytest.fixture(scope="session")
def browser_type_launch_args(browser_type_launch_args):
    """Debian's Chromium (Playwright cannot download its own browser here)."""
    if not Path(CHROMIUM).exists():
        if os.environ.get("CI"):
            pytest.fail(f"CI is set but there is no Chromium at {CHROMIUM}: install Debian's chromium")
        pytest.skip(f"no Chromium at {CHROMIUM} (apt-get install chromium, or set CHROMIUM_PATH)")
    return {**browser_type_launch_args, "executable_path": CHROMIUM, "args": ["--disable-gpu", "--disable-quic"]}


@pytest.fixture(scope="session")
def base_url(site_dir):
    """Overrides pytest-playwright's base_url: the test site served in-process under /digest/."""
    server = http.server.ThreadingHTTPServer(
        ("127.0.0.1", 0), functools.partial(_QuietHandler, directory=str(site_dir.parent))
    )
    threading.Thread(target=server.serve_forever, daemon=True).start()
    yield f"http://127.0.0.1:{server.server_address[1]}{SITE_BASE}"
    server.shutdown()
    server.server_close()
