"""``digest init``: a starter digest that builds, checks and validates before any page is added."""

from __future__ import annotations

import functools
import http.server
import json
import os
import re
import shutil
import subprocess
import sys
import threading
import tomllib
from pathlib import Path

import pytest
import yaml
from conftest import ROOT, SEEDS, _QuietHandler
from playwright.sync_api import Page, expect

from research_digest.cli import main
from research_digest.config import load_config

VNU = ROOT / "node_modules" / "vnu-jar" / "build" / "dist" / "vnu.jar"
STARTER_FILES = [
    ".github/workflows/pages.yml",
    ".gitignore",
    "Makefile",
    "content/pages/about.md",
    "content/sources/README.md",
    "digest.toml",
]


def files_under(root: Path) -> list[str]:
    return sorted(p.relative_to(root).as_posix() for p in root.rglob("*") if p.is_file())


def build_empty_digest(target: Path, monkeypatch) -> Path:
    """``digest init`` then ``digest ingest`` and ``digest build`` run inside it, as a user would."""
    assert main(["init", str(target), "--quiet", "--base-url", "/demo/"]) == 0
    monkeypatch.chdir(target)
    assert main(["ingest", "--quiet"]) == 0
    assert main(["build", "--quiet"]) == 0
    return target / "build"


def test_init_writes_the_starter_files_into_a_new_directory(tmp_path: Path, capsys):
    assert main(["init", str(tmp_path / "demo")]) == 0
    assert files_under(tmp_path / "demo") == STARTER_FILES
    assert (tmp_path / "demo" / "content" / "briefs").is_dir()
    assert "save a page in" in capsys.readouterr().err


def test_init_settings_are_read_back_by_the_config_loader_even_with_quotes_and_backslashes(tmp_path: Path):
    title, description = 'The "Arctic" \\ Digest', "Ports, ships\nand ice: ‘quoted’ €"
    assert main(["init", str(tmp_path), "--title", title, "--description", description, "--base-url", "/x/"]) == 0
    config = load_config(tmp_path / "digest.toml")
    assert (config.title, config.description, config.base_url) == (title, description, "/x/")
    assert description in (tmp_path / "content" / "pages" / "about.md").read_text(encoding="utf-8")


def test_starter_workflow_and_makefile_have_their_placeholders_filled(tmp_path: Path):
    from research_digest import __version__

    assert main(["init", str(tmp_path), "--quiet", "--title", "Ice"]) == 0
    flow = yaml.safe_load((tmp_path / ".github" / "workflows" / "pages.yml").read_text(encoding="utf-8"))
    steps = [s for job in flow["jobs"].values() for s in job["steps"]]
    assert f'python -m pip install "research-digest=={__version__}"' in [s.get("run") for s in steps]
    assert "${{ steps.pages.outputs.base_path }}" in json.dumps(flow)  # GitHub's expressions kept as written
    makefile = (tmp_path / "Makefile").read_text(encoding="utf-8")
    assert makefile.startswith("# Ice:") and "\t$(DIGEST) ingest\n" in makefile and "$$" not in makefile


@pytest.mark.parametrize("existing", ["notes.txt", ".git/HEAD"])
def test_init_refuses_a_non_empty_directory_without_force(tmp_path: Path, capsys, existing: str):
    (tmp_path / existing).parent.mkdir(parents=True, exist_ok=True)
    (tmp_path / existing).write_text("mine\n", encoding="utf-8")
    assert main(["init", str(tmp_path)]) == 1
    err = capsys.readouterr().err
    assert err.count("\n") == 1 and err.startswith(f"error: {tmp_path}: directory is not empty")
    assert files_under(tmp_path) == [existing]


def test_init_force_writes_into_a_non_empty_directory_and_keeps_other_files(tmp_path: Path):
    (tmp_path / "notes.txt").write_text("mine\n", encoding="utf-8")
    (tmp_path / "digest.toml").write_text("title = 'old'\n", encoding="utf-8")
    assert main(["init", str(tmp_path), "--force", "--quiet"]) == 0
    assert files_under(tmp_path) == sorted([*STARTER_FILES, "notes.txt"])
    assert load_config(tmp_path / "digest.toml").title == "Research Digest"
    assert (tmp_path / "notes.txt").read_text(encoding="utf-8") == "mine\n"


def test_init_refuses_a_file_in_the_way(tmp_path: Path, capsys):
    (tmp_path / "demo").write_text("", encoding="utf-8")
    assert main(["init", str(tmp_path / "demo"), "--force"]) == 1
    assert "exists and is not a directory" in capsys.readouterr().err


def test_empty_starter_builds_a_site_whose_home_says_how_to_add_a_brief(tmp_path: Path, monkeypatch):
    site = build_empty_digest(tmp_path / "demo", monkeypatch)
    home = (site / "index.html").read_text(encoding="utf-8")
    assert "No briefs yet." in home and "<code>content/sources/</code>" in home and "<code>make site</code>" in home
    assert json.loads((site / "records.json").read_text(encoding="utf-8")) == []
    assert (site / "about" / "index.html").is_file() and (site / "pagefind" / "shards.json").is_file()
    assert main(["check", "--quiet", "--base-url", "/demo/"]) == 0  # links, anchors and ids of the empty site


def test_starter_source_readme_is_not_ingested_but_a_copied_page_is(tmp_path: Path, monkeypatch):
    target = tmp_path / "demo"
    build_empty_digest(target, monkeypatch)
    shutil.copy(SEEDS / "rsis-co26021-china-russia-arctic.txt", target / "content" / "sources")
    assert main(["ingest", "--quiet"]) == 0 and main(["build", "--quiet"]) == 0
    assert [p.name for p in (target / "content" / "briefs").glob("*.yaml")] == ["rsis-co26021-china-russia-arctic.yaml"]
    home = (target / "build" / "index.html").read_text(encoding="utf-8")
    assert "No briefs yet." not in home and "briefs/rsis-co26021-china-russia-arctic/" in home


def test_starter_makefile_ingests_and_builds_with_the_installed_digest(tmp_path: Path):
    assert main(["init", str(tmp_path), "--quiet"]) == 0
    shutil.copy(SEEDS / "rsis-co26021-china-russia-arctic.txt", tmp_path / "content" / "sources")
    digest = Path(sys.executable).parent / "digest"
    run = subprocess.run(
        ["make", "-s", "site", f"DIGEST={digest}", "BASE_URL=/x/"], cwd=tmp_path, capture_output=True, text=True
    )
    assert run.returncode == 0, run.stderr
    assert "Ingested 1 page(s)" in run.stderr and "from 1 record(s)" in run.stderr
    assert 'data-search-bundle="/x/pagefind/"' in (tmp_path / "build" / "index.html").read_text(encoding="utf-8")


@pytest.mark.slow
def test_empty_starter_site_passes_the_nu_html_checker(tmp_path: Path, monkeypatch):
    java = shutil.which("java")
    if not java or not VNU.is_file():
        if os.environ.get("CI"):
            pytest.fail("CI is set but java or node_modules/vnu-jar is missing (run npm ci)")
        pytest.skip("needs java and vnu.jar (npm ci)")
    site = build_empty_digest(tmp_path / "demo", monkeypatch)
    run = subprocess.run(
        [java, "-jar", str(VNU), "--errors-only", "--skip-non-html", "--format", "json", "--stdout", str(site)],
        capture_output=True,
        text=True,
        check=False,
    )
    messages = json.loads(run.stdout or "{}").get("messages", [])
    assert [f"{m.get('url', '').rsplit('/build/', 1)[-1]}:{m.get('lastLine')}: {m['message']}" for m in messages] == []


@pytest.fixture
def empty_site_url(tmp_path: Path, monkeypatch):
    site = build_empty_digest(tmp_path / "demo", monkeypatch)
    (tmp_path / "www").mkdir()
    site.rename(tmp_path / "www" / "demo")
    server = http.server.ThreadingHTTPServer(
        ("127.0.0.1", 0), functools.partial(_QuietHandler, directory=str(tmp_path / "www"))
    )
    threading.Thread(target=server.serve_forever, daemon=True).start()
    yield f"http://127.0.0.1:{server.server_address[1]}/demo/"
    server.shutdown()
    server.server_close()


@pytest.mark.browser
def test_empty_starter_home_has_no_axe_violations_and_its_search_loads(page: Page, empty_site_url: str):
    from axe_playwright_python.sync_playwright import Axe

    page.goto(empty_site_url)
    expect(page.locator(".briefs")).to_contain_text("No briefs yet")
    results = Axe().run(page)
    assert results.violations_count == 0, results.generate_report()
    page.locator("#search-box").fill("sentences")  # a word of the starter's About page only
    expect(page.locator("pagefind-summary")).to_contain_text("1 result for sentences")
    about = re.compile(r"^/demo/about/(\?pagefind-highlight=sentences)?$")  # results mark the word (issue 11)
    expect(page.locator("pagefind-results a").first).to_have_attribute("href", about)


def test_starter_digest_toml_is_valid_toml_with_only_known_settings(tmp_path: Path):
    assert main(["init", str(tmp_path), "--quiet"]) == 0
    data = tomllib.loads((tmp_path / "digest.toml").read_text(encoding="utf-8"))
    assert set(data) == {"title", "description", "base_url"}
