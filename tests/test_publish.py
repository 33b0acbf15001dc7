"""``digest publish`` / ``make publish``: the base URL from origin, and no site whose search breaks there."""

from __future__ import annotations

import functools
import http.server
import io
import os
import subprocess
import tarfile
import threading
from pathlib import Path

import pytest
from conftest import _QuietHandler, make_content
from playwright.sync_api import Page, expect

from research_digest.cli import main
from research_digest.publish import PublishError, base_url_for_remote, search_problems

GIT_ENV = {
    "GIT_AUTHOR_NAME": "Test",
    "GIT_AUTHOR_EMAIL": "test@example.org",
    "GIT_COMMITTER_NAME": "Test",
    "GIT_COMMITTER_EMAIL": "test@example.org",
    "GIT_CONFIG_GLOBAL": os.devnull,
    "GIT_CONFIG_NOSYSTEM": "1",
}


@pytest.mark.parametrize(
    ("remote", "base"),
    [
        ("https://github.com/alice/arctic-digest.git", "/arctic-digest/"),
        ("https://github.com/alice/arctic-digest", "/arctic-digest/"),
        ("https://github.com/alice/arctic-digest/", "/arctic-digest/"),
        ("git@github.com:alice/arctic-digest.git", "/arctic-digest/"),
        ("ssh://git@github.com:22/alice/arctic-digest.git", "/arctic-digest/"),
        ("/srv/git/arctic-digest.git", "/arctic-digest/"),
        ("https://github.com/alice/alice.github.io.git", "/"),
        ("git@github.com:Alice/Alice.GitHub.io", "/"),
    ],
)
def test_base_url_is_the_repository_name_unless_it_is_a_user_page(remote: str, base: str):
    assert base_url_for_remote(remote) == base


@pytest.mark.parametrize("remote", ["", "https://github.com/", "git@github.com:"])
def test_remote_without_a_repository_name_is_refused(remote: str):
    with pytest.raises(PublishError, match="give --base-url"):
        base_url_for_remote(remote)


def test_site_built_for_another_path_is_refused_page_by_page(site_dir: Path):
    """The shared test site is built for /digest/: under /arctic-digest/ its search would 404."""
    problems = search_problems(site_dir, "/arctic-digest/")
    home = next(p for p in problems if p.startswith(f"{site_dir / 'index.html'}:"))
    assert "loads search from /digest/pagefind/, but the site will be served under /arctic-digest/" in home
    assert home.endswith("build with --base-url /arctic-digest/")
    line = int(home.split(":")[1])
    assert "/digest/pagefind/" in (site_dir / "index.html").read_text(encoding="utf-8").splitlines()[line - 1]
    assert search_problems(site_dir, "/") != [] and search_problems(site_dir, "/digest/") == []


def test_site_without_its_search_bundle_is_refused(site_dir: Path, tmp_path: Path):
    copy = tmp_path / "site"
    subprocess.run(["cp", "-r", str(site_dir), str(copy)], check=True)
    import json

    assert search_problems(copy, "/digest/") == []
    shard = json.loads((copy / "pagefind" / "shards.json").read_text(encoding="utf-8"))[-1]  # engine's shards
    (copy / "pagefind" / shard / "pagefind.js").unlink()
    assert search_problems(copy, "/digest/") == [
        f"{copy / 'pagefind' / shard / 'pagefind.js'}: the search bundle is missing (built with --no-search?)"
    ]
    (copy / "pagefind" / "shards.json").unlink()
    assert search_problems(copy, "/digest/") == [
        f"{copy / 'pagefind' / 'shards.json'}: the search bundle is missing (built with --no-search?)"
    ]


def git(*args: str, cwd: Path) -> str:
    run = subprocess.run(
        ["git", *args], cwd=cwd, capture_output=True, text=True, check=True, env={**os.environ, **GIT_ENV}
    )
    return run.stdout


@pytest.fixture
def project(tmp_path: Path, monkeypatch) -> tuple[Path, Path]:
    """A digest repository whose origin is a local bare repository named like a project page."""
    bare = tmp_path / "remotes" / "arctic-digest.git"
    bare.mkdir(parents=True)
    git("init", "-q", "--bare", "-b", "main", str(bare), cwd=tmp_path)
    work = tmp_path / "work"
    make_content(work / "content")
    git("init", "-q", "-b", "main", str(work), cwd=tmp_path)
    git("remote", "add", "origin", str(bare), cwd=work)
    git("add", "content", cwd=work)
    git("commit", "-q", "-m", "content", cwd=work)
    monkeypatch.chdir(work)
    for key, value in GIT_ENV.items():
        monkeypatch.setenv(key, value)
    return work, bare


def test_publish_refuses_a_site_built_for_the_wrong_base_and_commits_nothing(project, capsys):
    work, bare = project
    assert main(["build", "--quiet", "--base-url", "/"]) == 0
    assert main(["publish", "--no-build", "--push"]) == 1
    err = capsys.readouterr().err
    assert "loads search from /pagefind/, but the site will be served under /arctic-digest/" in err
    assert err.rstrip().endswith("error: not published: search would not load under /arctic-digest/")
    assert "gh-pages" not in git("branch", "--list", cwd=work) + git("branch", "--list", cwd=bare)


def serve_branch(bare: Path, branch: str, www: Path, base: str) -> http.server.ThreadingHTTPServer:
    """The tree of ``branch`` in ``bare``, served on 127.0.0.1 under ``base`` as Pages would."""
    tree = subprocess.run(["git", "archive", branch], cwd=bare, capture_output=True, check=True).stdout
    (www / base.strip("/")).mkdir(parents=True)
    with tarfile.open(fileobj=io.BytesIO(tree)) as archive:
        archive.extractall(www / base.strip("/"), filter="data")
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), functools.partial(_QuietHandler, directory=str(www)))
    threading.Thread(target=server.serve_forever, daemon=True).start()
    return server


def test_publish_builds_for_the_project_path_and_pushes_gh_pages(project, tmp_path: Path):
    work, bare = project
    assert main(["publish", "--quiet", "--push"]) == 0
    files = git("ls-tree", "-r", "--name-only", "gh-pages", cwd=bare).split()
    assert ".nojekyll" in files and "index.html" in files and "pagefind/shards.json" in files
    home = git("show", "gh-pages:index.html", cwd=bare)
    assert 'data-search-bundle="/arctic-digest/pagefind/"' in home  # the lazy search box (issue 11)
    assert git("rev-parse", "main", cwd=work) == git("rev-parse", "HEAD", cwd=work)  # the work tree stays on main


@pytest.mark.browser
def test_published_project_page_loads_search_under_its_path(project, tmp_path: Path, page: Page):
    work, bare = project
    assert main(["publish", "--quiet", "--push"]) == 0
    server = serve_branch(bare, "gh-pages", tmp_path / "www", "/arctic-digest/")
    try:
        errors: list[str] = []
        page.on("console", lambda m: errors.append(m.text) if m.type == "error" else None)
        page.goto(f"http://127.0.0.1:{server.server_address[1]}/arctic-digest/")
        page.locator("#search-box").fill("icebreaker")  # the lazy box loads Pagefind's (issue 11)
        result = page.locator("pagefind-results a[href*='rsis-co26021']").first
        expect(result).to_be_visible(timeout=10_000)
        assert result.get_attribute("href").startswith("/arctic-digest/briefs/")
        assert not [e for e in errors if "search" in e.lower() or "pagefind" in e.lower()], errors
    finally:
        server.shutdown()
        server.server_close()
