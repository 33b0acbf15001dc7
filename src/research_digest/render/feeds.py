"""Atom feed, sitemap and robots.txt, rendered through templates.

Dates come from the records (a brief's ``date``) or, for the feed's own ``updated``, from the
newest brief; only when there are no dated briefs does ``SOURCE_DATE_EPOCH`` (or 1970) stand in.
Never the clock: two builds of the same content must be byte-identical.

Atom needs absolute ids. With ``site_url`` set they are the pages' full addresses; without it
they are ``tag:`` URIs built from the record id (stable, and valid Atom), and links are relative
to the feed's own address, which Atom allows. The sitemap protocol needs full addresses, so
without ``site_url`` the sitemap lists paths under ``base_url`` and ``robots.txt`` leaves out
its ``Sitemap:`` line; set ``site_url`` (the Pages workflow does) for a complete one.
"""

from __future__ import annotations

import datetime as dt
import os

from research_digest.records.schema import Record
from research_digest.render.pages import Renderer, SiteInfo

FEED_ENTRIES = 50
"""Feed readers want the recent items, not the archive."""


def build_date(records: list[Record]) -> str:
    """The newest brief's date, else SOURCE_DATE_EPOCH, else the epoch: never now()."""
    dates = sorted(r.date for r in records if r.date)
    if dates:
        return full_date(dates[-1])
    epoch = int(os.environ.get("SOURCE_DATE_EPOCH", "0") or 0)
    return dt.datetime.fromtimestamp(epoch, dt.UTC).strftime("%Y-%m-%d")


def full_date(date: str) -> str:
    """``2024`` → ``2024-01-01``: Atom and sitemaps need a full date (the coarse one stays in the text)."""
    parts = date.split("-") + ["01", "01"]
    return "-".join(parts[:3])


def feed_id(info: SiteInfo, site_path: str, record_id: str | None = None) -> str:
    absolute = info.absolute(site_path)
    if absolute:
        return absolute
    return f"tag:research-digest,2026:{record_id or 'feed'}"


def render_feed(renderer: Renderer, records: list[Record], info: SiteInfo) -> str:
    entries = [
        {
            "record": r,
            "url": f"briefs/{r.id}/",
            "id": feed_id(info, f"briefs/{r.id}/", r.id),
            "updated": full_date(r.date) if r.date else info.updated,
        }
        for r in records[:FEED_ENTRIES]
    ]
    return renderer.render_xml(
        "feed.xml", "feed.xml", entries=entries, feed_id=feed_id(info, ""), self_url=info.absolute("feed.xml")
    )


def render_sitemap(renderer: Renderer, urls: list[tuple[str, str | None]], info: SiteInfo) -> str:
    """``urls``: (site path, last-modified date or None), sorted."""
    locs = [(info.absolute(path) or info.base_url + path, full_date(mod) if mod else None) for path, mod in urls]
    return renderer.render_xml("sitemap.xml", "sitemap.xml", locs=locs)


def render_robots(info: SiteInfo) -> str:
    lines = ["User-agent: *", "Allow: /"]
    sitemap = info.absolute("sitemap.xml")
    if sitemap:
        lines.append(f"Sitemap: {sitemap}")
    return "\n".join(lines) + "\n"
