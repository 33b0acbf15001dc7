"""Full-text search with Pagefind, indexed from the rendered pages in memory.

Pagefind's Python API (the ``pagefind[bin]`` wheel ships the binary; nothing is fetched) takes
each page's HTML and returns the bundle as ``path → bytes``, which goes through the one site
writer like every other file. Only what a page marks ``data-pagefind-body`` is indexed (the
brief pages and the about page), so menus and footers never match a search.

The page that shows the search box tells Pagefind's Component UI where the bundle lives with an
absolute path (``<pagefind-config bundle-path="/REPO/pagefind/">``): it cannot find it from a
relative one. That is why search needs ``base_url`` to be right, and why it cannot work from
``file://`` (browsers refuse to load its modules there); the page says so.
"""

from __future__ import annotations

import asyncio
import concurrent.futures

from research_digest.render.site import SiteError

BUNDLE_DIR = "pagefind"
UNUSED_FILES = ("pagefind-ui.js", "pagefind-ui.css", "pagefind-modular-ui.js", "pagefind-modular-ui.css")
"""Pagefind's older UIs; the site uses the Component UI only."""


def index_pages(pages: dict[str, str], language: str) -> dict[str, bytes]:
    """Index rendered pages (``site path of the HTML file → html``); returns the bundle files."""
    try:
        return run_coroutine(_index, pages, language)
    except (OSError, RuntimeError, KeyError, AssertionError) as exc:
        raise SiteError(f"search index failed: {exc} (build with --no-search to skip it)", BUNDLE_DIR) from None


def run_coroutine(func, *args):
    """``asyncio.run`` in a worker thread when the caller already runs an event loop (a Jupyter
    cell, Playwright's sync API in the tests), where ``asyncio.run`` itself is refused."""
    try:
        asyncio.get_running_loop()
    except RuntimeError:
        return asyncio.run(func(*args))
    with concurrent.futures.ThreadPoolExecutor(max_workers=1) as pool:
        return pool.submit(asyncio.run, func(*args)).result()


async def _index(pages: dict[str, str], language: str) -> dict[str, bytes]:
    try:
        from pagefind.index import IndexConfig, PagefindIndex
    except ImportError as exc:
        raise SiteError(f"pagefind is not installed ({exc}); pip install 'pagefind[bin]' or build with --no-search",
                        BUNDLE_DIR) from None
    config = IndexConfig(force_language=language)
    async with PagefindIndex(config=config) as index:
        for path in sorted(pages):
            if "data-pagefind-body" in pages[path]:
                await index.add_html_file(content=pages[path], source_path=path)
        files = await index.get_files()
        await index.delete_index()  # the bundle is written by the site writer, not by pagefind
    return {f"{BUNDLE_DIR}/{f['path']}": f["content"] for f in sorted(files, key=lambda f: f["path"])
            if f["path"] not in UNUSED_FILES}
