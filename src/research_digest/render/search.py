"""Full-text search with Pagefind, indexed from the rendered pages.

The ``pagefind`` package ships the binary (``pagefind[bin]``), so nothing is fetched. The pages
to index are written to a private temporary directory, ``python -m pagefind`` indexes them into
another, and the bundle is read back as ``path → bytes`` and handed to the one site writer like
every other file (nothing here writes into ``build/``). The command line is used rather than
Pagefind's Python API: the API answered at about 0.1 s per page through its service pipe
(320 pages: 30 s), the command line indexed the same 320 pages in about 3 s.

Only what a page marks ``data-pagefind-body`` is indexed (the brief pages and the about page),
so menus and footers never match a search.

The page with the search box tells Pagefind's Component UI where the bundle lives with an
absolute path (``<pagefind-config bundle-path="/REPO/pagefind/">``): it cannot find it from a
relative one. That is why search needs ``base_url`` to be right, and why it cannot work from
``file://`` (browsers refuse to load its modules there); the page says so.
"""

from __future__ import annotations

import hashlib
import os
import shutil
import subprocess
import sys
import tempfile
from pathlib import Path

from research_digest.render.site import SiteError

BUNDLE_DIR = "pagefind"
SHARD_PAGES = 150
"""About this many pages a shard: an edit re-indexes one shard, in about half a second."""
MAX_SHARDS = 64
SHARDS_FILE = f"{BUNDLE_DIR}/shards.json"
"""The shards' bundle directories, in order, for the search box (``static/site.js``) to merge."""
UI_FILES = ("pagefind-component-ui.js", "pagefind-component-ui.css", "pagefind-highlight.js")
"""Pagefind's Component UI, published once in ``pagefind/`` (each shard's copy is dropped)."""
UNUSED_FILES = ("pagefind-ui.js", "pagefind-ui.css", "pagefind-modular-ui.js", "pagefind-modular-ui.css")
"""Pagefind's older UIs; the site uses the Component UI only."""
INDEX_MARKER = "data-pagefind-body"


def pagefind_command() -> list[str]:
    """The Pagefind binary that ``pagefind[bin]`` ships, run directly (``python -m pagefind`` adds
    a Python start-up to every shard's run); the module where the binary cannot be found."""
    try:
        from pagefind_bin import get_executable

        return [str(get_executable())]
    except Exception:  # noqa: BLE001 - any failure: fall back to the module's own lookup
        return [sys.executable, "-m", "pagefind"]


def shard_count(pages: int) -> int:
    """How many shards for this many searchable pages (at least 1, at most ``MAX_SHARDS``).
    The count changes only every ``SHARD_PAGES`` pages, and then every shard is re-indexed."""
    return max(1, min(MAX_SHARDS, -(-pages // SHARD_PAGES)))


def shard_of(path: str, count: int) -> int:
    """A page's shard: a hash of its path, so a page stays in its shard whatever else changes."""
    return int(hashlib.sha1(path.encode("utf-8")).hexdigest()[:8], 16) % count


def shard_dir(number: int) -> str:
    return f"{BUNDLE_DIR}/shard-{number:02d}"


def index_pages(pages: dict[str, str], language: str) -> dict[str, bytes]:
    """Index rendered pages (``site path of the HTML file → html``); returns the bundle files."""
    with tempfile.TemporaryDirectory(prefix="digest-search-") as tmp:
        site = Path(tmp, "site")
        for path in sorted(pages):
            if INDEX_MARKER in pages[path]:
                target = site / path
                target.parent.mkdir(parents=True, exist_ok=True)
                target.write_text(pages[path], encoding="utf-8")
        if not site.is_dir():
            return {}
        return index_directory(site, sorted(str(p.relative_to(site)) for p in site.rglob("*.html")), language)


def index_directory(site: Path, paths: list[str], language: str) -> dict[str, bytes]:
    """Index the pages ``paths`` already written under ``site``; returns the bundle files."""
    return index_pages_from({path: site / path for path in paths}, site, language)


def index_pages_from(
    sources: dict[str, Path], scratch_parent: Path, language: str, prefix: str = BUNDLE_DIR
) -> dict[str, bytes]:
    """Index pages (site path → the file holding it, in the staging directory or the previous
    build); returns the bundle files. The pages are hard-linked into a scratch directory inside
    ``scratch_parent``, not copied nor held in memory: Pagefind must not see the other pages (the
    timeline and term pages are the largest of the site, and reading them raised its peak memory
    by a third)."""
    # Inside the staging directory: same file system (hard links), and removed with it if killed.
    with tempfile.TemporaryDirectory(prefix=".digest-search-", dir=scratch_parent) as tmp:
        pages, bundle = Path(tmp, "site"), Path(tmp, "bundle")
        for path, source in sources.items():
            target = pages / path
            target.parent.mkdir(parents=True, exist_ok=True)
            try:
                os.link(source, target)
            except OSError:  # a file system without hard links
                shutil.copyfile(source, target)
        site = pages
        command = [
            *pagefind_command(),
            "--site",
            str(site),
            "--output-path",
            str(bundle),
            "--force-language",
            language,
            "--silent",
        ]
        try:
            run = subprocess.run(command, capture_output=True, text=True, check=False)
        except OSError as exc:
            raise SiteError(
                f"cannot run pagefind: {exc.strerror} (build with --no-search to skip search)", BUNDLE_DIR
            ) from None
        if run.returncode != 0:
            last = (run.stderr.strip().splitlines() or ["no message"])[-1]
            raise SiteError(
                f"pagefind failed ({last}); pip install 'pagefind[bin]' or build with --no-search", BUNDLE_DIR
            )
        return {
            f"{prefix}/{p.relative_to(bundle).as_posix()}": p.read_bytes()
            for p in sorted(bundle.rglob("*"))
            if p.is_file() and p.name not in UNUSED_FILES
        }
