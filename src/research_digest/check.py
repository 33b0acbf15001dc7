"""``digest check``: validate every record and the built site, naming file and line for each problem.

Records: every schema problem (``yamlio.problems_of``), ids used by two records, claims or
events whose anchor names no block of the body or a sentence past the end of its paragraph, and
merge conflicts ingest left in a record's ``conflicts`` list (``records.curation``).
Site (``config.out_dir``): in every HTML page, links to pages or files that do not exist, links
to ``#fragments`` that no element carries, and links whose scheme is not safe to publish
(``javascript:``, ``data:``, ``vbscript:`` …), and every output its format's parser would reject
(``check_outputs``). Nothing is fixed: check only reports.
"""

from __future__ import annotations

import html.parser
import posixpath
import re
import urllib.parse
from dataclasses import dataclass
from pathlib import Path

from research_digest.check_outputs import check_outputs
from research_digest.config import Config
from research_digest.errors import DigestError, RecordError
from research_digest.extract.sentences import split_sentences
from research_digest.records import yamlio
from research_digest.records.schema import from_dict

LINK_ATTRS = {
    "a": ("href",),
    "area": ("href",),
    "link": ("href",),
    "img": ("src", "srcset"),
    "script": ("src",),
    "iframe": ("src",),
    "source": ("src", "srcset"),
    "form": ("action",),
    "use": ("href", "xlink:href"),
}
"""Attributes that point at another file; checked for existence (internal) or scheme (external)."""

SAFE_SCHEMES = ("http", "https", "mailto")
"""Schemes a published page may link to; anything else (javascript:, data:, vbscript:) is reported."""

MAX_HTML_BYTES = 50 * 1024 * 1024


class SiteError(DigestError):
    """A problem in the built site: a broken link or anchor, or an unsafe URL."""


def check(config: Config, site: bool = True) -> list[DigestError]:
    """Every problem in the records and (if ``site``) the built site, sorted by file and line."""
    problems: list[DigestError] = check_records(config.briefs_dir)
    if site:
        problems += check_site(config.out_dir, config.base_url)
    return problems


# --- records -------------------------------------------------------------------------------------


def check_records(briefs_dir: Path) -> list[DigestError]:
    problems: list[DigestError] = []
    seen: dict[str, Path] = {}
    split = split_sentences
    for path in yamlio.record_paths(briefs_dir):
        found = yamlio.problems_of(path)
        if found:
            problems += found
            continue
        data, node = yamlio.parse_yaml(path.read_text(encoding="utf-8"), path)
        record = from_dict(data)
        if record.id in seen:
            problems.append(
                RecordError(
                    f"duplicate record id {record.id!r} (also in {seen[record.id]})",
                    path,
                    yamlio._line_of(node, ("id",)),
                )
            )
        else:
            seen[record.id] = path
        problems += _check_anchors(record, node, path, split)
        problems += [
            RecordError(
                f"merge conflict left by ingest: {conflict} (settle it, then delete this line)",
                path,
                yamlio._line_of(node, ("conflicts", i)),
            )
            for i, conflict in enumerate(record.conflicts)
        ]
        if record.source.url and not _is_web_url(record.source.url):
            problems.append(
                RecordError(
                    f"source.url {record.source.url[:80]!r} is not an http(s) URL",
                    path,
                    yamlio._line_of(node, ("source", "url")),
                )
            )
    return problems


def _check_anchors(record, node, path: Path, split) -> list[DigestError]:
    """Claims and events must point at a block of the body and a sentence that exists in it."""
    problems: list[DigestError] = []
    blocks = {b.id: b for b in record.body}
    counts: dict[str, int] = {}
    ids_seen: dict[str, str] = {}
    for kind, items in (("claims", record.claims), ("events", record.events)):
        for index, item in enumerate(items):
            where = (kind, index)
            if item.id in ids_seen:
                problems.append(
                    RecordError(
                        f"{kind}.{index}.id {item.id!r} is used twice (also in {ids_seen[item.id]})",
                        path,
                        yamlio._line_of(node, where + ("id",)),
                    )
                )
            ids_seen.setdefault(item.id, f"{kind}.{index}")
            block = blocks.get(item.anchor.paragraph)
            if block is None:
                problems.append(
                    RecordError(
                        f"{kind}.{index}.anchor.paragraph {item.anchor.paragraph!r} is not the id of any body block",
                        path,
                        yamlio._line_of(node, where + ("anchor", "paragraph")),
                    )
                )
                continue
            if block.id not in counts:
                counts[block.id] = len(split(block.text))
            if not 0 <= item.anchor.sentence < counts[block.id]:
                problems.append(
                    RecordError(
                        f"{kind}.{index}.anchor.sentence {item.anchor.sentence} is past the end "
                        f"of block {block.id!r} ({counts[block.id]} sentence(s))",
                        path,
                        yamlio._line_of(node, where + ("anchor", "sentence")),
                    )
                )
    return problems


def _is_web_url(url: str) -> bool:
    parts = urllib.parse.urlsplit(url.strip())
    return parts.scheme.lower() in ("http", "https") and bool(parts.netloc)


# --- site ----------------------------------------------------------------------------------------


@dataclass
class _Link:
    url: str
    line: int


class _PageScan(html.parser.HTMLParser):
    """Collects the ids (and ``<a name>``) a page defines and the links it makes, with lines."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.ids: set[str] = set()
        self.links: list[_Link] = []

    def handle_starttag(self, tag, attrs):
        values = dict(attrs)
        line = self.getpos()[0]
        if values.get("id"):
            self.ids.add(values["id"])
        if tag == "a" and values.get("name"):
            self.ids.add(values["name"])
        for attr in LINK_ATTRS.get(tag, ()):
            value = values.get(attr)
            if value is None:
                continue
            if attr == "srcset":
                for candidate in value.split(","):
                    if candidate.strip():
                        self.links.append(_Link(candidate.strip().split()[0], line))
            else:
                self.links.append(_Link(value, line))

    handle_startendtag = handle_starttag


def _scan(path: Path) -> _PageScan:
    scan = _PageScan()
    scan.feed(path.read_bytes()[:MAX_HTML_BYTES].decode("utf-8", "replace"))
    scan.close()
    return scan


def _site_path(url_path: str, base_url: str) -> str | None:
    """``/proj/briefs/x/`` → ``briefs/x/`` under ``base_url`` ``/proj/``; None if outside the site."""
    base = "/" + base_url.strip("/") + "/" if base_url.strip("/") else "/"
    if not url_path.startswith(base):
        return None
    return url_path[len(base) :]


def _resolve(out_dir: Path, rel: str) -> Path | None:
    """The file a site-relative path serves, as a static host would (``x/`` → ``x/index.html``)."""
    target = out_dir / urllib.parse.unquote(rel)
    if rel.endswith("/") or rel == "" or target.is_dir():
        target = target / "index.html"
    return target if target.is_file() else None


def check_site(out_dir: Path, base_url: str = "/") -> list[DigestError]:
    """Broken internal links and fragments and unsafe URLs in every HTML page under ``out_dir``."""
    out_dir = Path(out_dir)
    if not (out_dir / "index.html").is_file():
        return [SiteError("no built site here (no index.html); run digest build first", out_dir)]
    pages = sorted(p for p in out_dir.rglob("*.html") if p.is_file())
    scans: dict[Path, _PageScan] = {}
    problems: list[DigestError] = []
    root = out_dir.resolve()

    def scan_of(path: Path) -> _PageScan:
        key = path.resolve()
        if key not in scans:
            scans[key] = _scan(path)
        return scans[key]

    for page in pages:
        scan = scan_of(page)
        page_url = "/" + page.relative_to(out_dir).as_posix()
        for link in scan.links:
            problem = _check_link(link.url, page, page_url, scan, out_dir, root, base_url, scan_of)
            if problem:
                problems.append(SiteError(problem, page, link.line))
    return problems + check_outputs(out_dir)


def _check_link(url, page, page_url, scan, out_dir, root, base_url, scan_of) -> str | None:
    raw = url.strip()
    squeezed = re.sub(r"[\x00-\x20]", "", raw).lower()
    parts = urllib.parse.urlsplit(raw)
    if parts.scheme or squeezed.startswith(("javascript:", "data:", "vbscript:")):
        scheme = parts.scheme.lower() or squeezed.split(":", 1)[0]
        return None if scheme in SAFE_SCHEMES else f"unsafe link scheme {scheme + ':'!r} in {raw[:80]!r}"
    if parts.netloc:  # //host/path: another site
        return None
    if not parts.path:  # "#frag" or "": this page
        target = page
    else:
        if parts.path.startswith("/"):
            rel = _site_path(parts.path, base_url)
            if rel is None:
                return f"link {raw[:80]!r} is outside the site's base URL {base_url!r}"
        else:
            joined = posixpath.normpath(posixpath.join(posixpath.dirname(page_url), parts.path))
            if joined.startswith(".."):
                return f"link {raw[:80]!r} leads outside the site"
            rel = joined.lstrip("/") + ("/" if parts.path.endswith("/") and joined != "/" else "")
            if joined == "/":
                rel = ""
        target = _resolve(out_dir, rel)
        if target is None:
            return f"broken link {raw[:80]!r}: no such page or file"
        if root not in target.resolve().parents and target.resolve() != root:
            return f"link {raw[:80]!r} leads outside the site"
    fragment = urllib.parse.unquote(parts.fragment)
    if fragment and target.suffix == ".html" and fragment not in scan_of(target).ids and fragment != "top":
        return f"broken anchor {raw[:80]!r}: no element with id {fragment!r}"
    return None
