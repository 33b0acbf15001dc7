"""``digest publish``: build for the address GitHub Pages will serve, check search, commit to gh-pages.

A site built for ``/`` and pushed to a project page (``https://USER.github.io/REPO/``) loses its
search: the Pagefind bundle path is absolute, so the browser asks ``/pagefind/`` and gets a 404
("Could not load search bundle"). So the base URL comes from the ``origin`` remote unless given
(``/REPO/`` for ``github.com/USER/REPO``, ``/`` for ``USER.github.io``), and a built site whose
absolute ``…pagefind/`` references do not start with that base URL is refused before anything
is committed. The commit itself is ghp-import's (``--no-jekyll``, to the ``gh-pages`` branch).
"""

from __future__ import annotations

import json
import re
import subprocess
from pathlib import Path

from research_digest.errors import DigestError

_REMOTE_PATH = re.compile(r"^(?:[a-z][a-z0-9+.-]*://[^/]*/|[^/:]+@[^:]+:)?(?P<path>.*?)/*$", re.I)
_PAGEFIND_REF = re.compile(r"""(?P<attr>[\w-]+)=["'](?P<prefix>/[^"'\s]*?)pagefind/""")


class PublishError(DigestError):
    """A site that would not work where it is about to be published."""


def origin_url(remote: str = "origin", cwd: Path | None = None) -> str:
    """The fetch URL of ``remote`` in the git repository at ``cwd``."""
    try:
        run = subprocess.run(["git", "remote", "get-url", remote], cwd=cwd, capture_output=True, text=True, check=False)
    except OSError as exc:
        raise PublishError(f"cannot run git: {exc.strerror or exc}") from None
    if run.returncode != 0:
        raise PublishError(f"no git remote named {remote!r} here: give the address with --base-url /REPO/")
    return run.stdout.strip()


def base_url_for_remote(url: str) -> str:
    """``/REPO/`` for a project page's repository, ``/`` for a ``USER.github.io`` one.

    Works on every form git accepts (``https://github.com/u/r.git``, ``git@github.com:u/r``,
    ``ssh://…``, a local path): only the last path segment, less ``.git``, matters.
    """
    match = _REMOTE_PATH.match(url.strip())
    path = match.group("path") if match else url
    name = path.rsplit("/", 1)[-1].removesuffix(".git")
    if not name or name in (".", ".."):
        raise PublishError(f"cannot tell the repository name from the remote {url!r}: give --base-url")
    if name.lower().endswith(".github.io"):
        return "/"
    return f"/{name}/"


def search_problems(site: Path, base_url: str) -> list[str]:
    """Why search would not load when ``site`` is served under ``base_url`` (empty: it will).

    Every absolute reference to the Pagefind bundle in the built pages must sit under
    ``base_url``, and the bundle must be there.
    """
    problems = []
    referenced = False
    for page in sorted(site.rglob("*.html")):
        text = page.read_text(encoding="utf-8", errors="replace")
        for m in _PAGEFIND_REF.finditer(text):
            referenced = True
            if m["prefix"] != base_url:
                line = text.count("\n", 0, m.start()) + 1
                problems.append(
                    f"{page}:{line}: {m['attr']} loads search from {m['prefix']}pagefind/, but the site "
                    f"will be served under {base_url}: build with --base-url {base_url}"
                )
                break  # one line per page is enough to say what is wrong
    if referenced:
        missing = missing_bundle(site)
        if missing is not None:
            problems.append(f"{missing}: the search bundle is missing (built with --no-search?)")
    return problems


def missing_bundle(site: Path) -> Path | None:
    """The first file of the sharded search index that is not there (``pagefind/shards.json``
    lists the shards, each a Pagefind bundle with its ``pagefind.js``), else None."""
    listing = site / "pagefind" / "shards.json"
    try:
        shards = json.loads(listing.read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return listing
    if not isinstance(shards, list) or not shards:
        return listing
    for name in shards:
        entry = site / "pagefind" / str(name) / "pagefind.js"
        if not entry.is_file():
            return entry
    return None


def commit_to_branch(site: Path, branch: str = "gh-pages", remote: str = "origin", push: bool = False) -> None:
    """Commit ``site`` as the whole tree of ``branch`` (ghp-import), and push it if asked."""
    from ghp_import import GhpError, ghp_import

    try:
        ghp_import(
            str(site), mesg="Publish digest", branch=branch, remote=remote, push=push, nojekyll=True, no_history=False
        )
    except GhpError as exc:
        raise PublishError(f"ghp-import failed: {exc}") from None
    except subprocess.CalledProcessError as exc:
        raise PublishError(f"git {' '.join(map(str, exc.cmd[1:]))} failed (exit {exc.returncode})") from None
