"""Pagination: long lists split into numbered pages, as Pelican's ``DEFAULT_PAGINATION`` does.

A list page at site path ``base`` (``""`` for the home page, ``tags/arctic/`` for a term) keeps
its first page at ``base`` and puts page *n* at ``base + "page/<n>/"``, so existing links and
bookmarks to a list still land on its newest items. The items keep the order they are given in
(the site model sorts them newest first, ties by id), so pages are deterministic.

A term page has three lists (briefs, events, claims); ``paginate_lists`` cuts them in step, page
*n* showing the *n*-th slice of each, so one set of page links serves all three.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from typing import Generic, TypeVar

T = TypeVar("T")

WINDOW = 2
"""Numbered links shown either side of the current page (plus the first and last)."""
PAGE_DIR = "page"
"""Page *n* of a list at ``base`` lives at ``base/page/<n>/``."""


@dataclass(frozen=True)
class Pager:
    """Where one page sits among its siblings: what the pagination links need."""

    number: int
    """1-based."""
    count: int
    """How many pages the list has (at least 1)."""
    base: str
    """Site path of the first page."""

    @property
    def url(self) -> str:
        return page_url(self.base, self.number)

    @property
    def prev_url(self) -> str | None:
        return page_url(self.base, self.number - 1) if self.number > 1 else None

    @property
    def next_url(self) -> str | None:
        return page_url(self.base, self.number + 1) if self.number < self.count else None

    @property
    def urls(self) -> list[tuple[int, str] | None]:
        """The numbered links: the first and last pages and those within ``WINDOW`` of this one,
        as (number, site path); ``None`` stands for a run of pages left out (shown as "…"), so a
        200-page list does not print 200 links on every page."""
        shown = [n for n in range(1, self.count + 1) if n in (1, self.count) or abs(n - self.number) <= WINDOW]
        out: list[tuple[int, str] | None] = []
        for prev, n in zip([0, *shown], shown, strict=False):  # (0, first), (first, second) …
            if n - prev == 2:  # a gap of one page: its link takes no more room than "…"
                out.append((prev + 1, page_url(self.base, prev + 1)))
            elif n - prev > 2:
                out.append(None)
            out.append((n, page_url(self.base, n)))
        return out


@dataclass(frozen=True)
class Page(Generic[T]):
    pager: Pager
    items: Sequence[T]


def page_url(base: str, number: int) -> str:
    """Site path of page ``number`` of the list whose first page is ``base``."""
    return base if number == 1 else f"{base}{PAGE_DIR}/{number}/"


def count_pages(length: int, size: int) -> int:
    """Pages needed for ``length`` items, ``size`` a page (0: everything on one page)."""
    if size <= 0 or length <= size:
        return 1
    return -(-length // size)


def slice_page(items: Sequence[T], size: int, number: int) -> Sequence[T]:
    """The items on page ``number`` (1-based); empty past the end of a shorter list."""
    if size <= 0:
        return items if number == 1 else items[:0]
    return items[(number - 1) * size : number * size]


def paginate(items: Sequence[T], size: int, base: str) -> list[Page[T]]:
    """Cut ``items`` into pages of ``size`` (0: one page with everything); never zero pages, so an
    empty list still has its (empty) first page."""
    count = count_pages(len(items), size)
    return [Page(Pager(n, count, base), slice_page(items, size, n)) for n in range(1, count + 1)]


def paginate_lists(lists: Sequence[Sequence], size: int, base: str) -> list[tuple[Pager, list[Sequence]]]:
    """Cut several lists in step: as many pages as the longest needs, page *n* holding the *n*-th
    slice of each (a shorter list is simply empty on the later pages)."""
    count = max((count_pages(len(items), size) for items in lists), default=1)
    return [(Pager(n, count, base), [slice_page(items, size, n) for items in lists]) for n in range(1, count + 1)]
