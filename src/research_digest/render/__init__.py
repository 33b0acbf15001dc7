"""Stage 2, ``digest build``: records → static site in ``build/``.

In order (MkDocs' "gather, then write"):

1. load every record (bad ones are reported; the others still build);
2. ``site.gather_site``: slugs, URLs and the tag/actor/publisher indexes, rejecting slug
   collisions; ``timeline`` and ``claims`` merge and group across briefs;
3. render every page in memory (``pages.Renderer``, one function per page kind), then the
   feeds, citations, JSON exports, static assets and the search index built from those pages;
4. ``writer.SiteWriter.commit``: stage the whole site beside ``build/`` and swap it in.

Nothing is written until step 4, so a template error or a collision leaves the previous site
untouched.
"""

from __future__ import annotations

import json
from collections.abc import Callable
from dataclasses import dataclass, field, replace
from functools import partial
from pathlib import Path

from markupsafe import Markup

from research_digest.config import Config
from research_digest.errors import DigestError
from research_digest.records import yamlio
from research_digest.records.schema import Record, to_dict
from research_digest.render import citations, feeds, manifest, sentcache
from research_digest.render import overview as home_overview
from research_digest.render.chart import count_events, draw_chart
from research_digest.render.claims import ThemeGroup, group_claims
from research_digest.render.map import draw_map, gather_places, load_coords
from research_digest.render.pages import BriefPage, Renderer, SiteInfo, TermCount, select_browse
from research_digest.render.paginate import paginate
from research_digest.render.parallel import iter_jobs, map_jobs
from research_digest.render.related import BriefLinks, link_briefs
from research_digest.render.search import INDEX_MARKER
from research_digest.render.site import ClaimRef, Site, SiteError, brief_url, gather_site, record_actors
from research_digest.render.text import render_markdown
from research_digest.render.timeline import group_timeline, summarise
from research_digest.render.writer import SiteWriter, check_out_dir
from research_digest.resources import default_gazetteer, default_templates

ABOUT_FILE = "about.md"


@dataclass
class BuildReport:
    records: int = 0
    pages: int = 0
    """HTML pages rendered."""
    written: int = 0
    """Files whose bytes changed (unchanged files are left as they were)."""
    errors: list[DigestError] = field(default_factory=list)


def theme_dirs(config: Config) -> tuple[Path, ...]:
    """Where templates and ``static/`` files are looked up, first match wins (Hugo's lookup
    order): the digest's own ``templates/`` beside its content folder, then the package's.
    A digest overrides one file by putting a file of the same name in its ``templates/``."""
    local = config.content_dir.parent / "templates"
    return (local, default_templates()) if local.is_dir() else (default_templates(),)


def dump_json(data) -> str:
    return json.dumps(data, ensure_ascii=False, sort_keys=True, separators=(",", ":")) + "\n"


def build_site(config: Config, search: bool = True) -> BuildReport:
    theme = theme_dirs(config)
    check_out_dir(
        config.out_dir.resolve(), (config.content_dir, *theme)
    )  # before anything, caches included, is written
    inputs = manifest.take_inputs(config, theme, search)
    previous = manifest.is_current(config, inputs)
    if previous is not None:  # nothing changed since the last clean build: check, write nothing
        return BuildReport(records=previous.records, pages=previous.pages, written=0)
    manifest.forget(config)
    report = build_everything(config, search, theme)
    if not report.errors:  # a build with errors must report them again next time
        manifest.save_manifest(config, inputs, report.records, report.pages)
    return report


def build_everything(config: Config, search: bool, theme: tuple[Path, ...]) -> BuildReport:
    records, errors = yamlio.load_records(yamlio.record_paths(config.briefs_dir), partial(map_jobs, config.jobs))
    sentcache.prime(
        [b.text for r in records for b in r.body if b.kind == "paragraph"],
        manifest.cache_dir(config),
        partial(map_jobs, config.jobs),
    )
    report = BuildReport(records=len(records), errors=list(errors))
    site = gather_site(records)
    report.errors += site.errors
    info = SiteInfo(
        title=config.title,
        description=config.description,
        language=config.language,
        base_url=config.base_url,
        site_url=config.site_url,
        updated=feeds.build_date(records),
        search=search,
    )
    renderer = Renderer(theme, info)
    writer = SiteWriter(config.out_dir, protect=(config.content_dir, *theme))
    try:
        pages, searchable = render_pages(renderer, site, config, report, writer)
        add_data_files(writer, renderer, site, info, sorted(pages))
        add_static(writer, [d / "static" for d in theme])
        if search and searchable:
            from research_digest.render.search import index_directory

            try:  # the pages are already staged: Pagefind reads them there
                for path, data in index_directory(writer.staging, searchable, config.language).items():
                    writer.add(path, data)
            except SiteError as exc:
                report.errors.append(exc)
        report.pages = len(pages)
        report.written = writer.commit().written
    except BaseException:
        writer.discard()
        raise
    return report


def render_pages(
    renderer: Renderer, site: Site, config: Config, report: BuildReport, writer: SiteWriter
) -> tuple[list[str], list[str]]:
    """Render every HTML page into ``writer`` as it comes; returns the pages' file paths in the
    site (``briefs/x/index.html``), all and those marked for the search index."""
    out: list[str] = []
    searchable: list[str] = []

    def put_all(results: tuple[str, str] | list[tuple[str, str]]) -> None:
        for result in results if isinstance(results, list) else [results]:
            put(result)

    def put(result: tuple[str, str]) -> None:
        url, html = result
        path = url if url.endswith(".html") else url + "index.html"
        if path in writer.files:
            raise SiteError(f"two pages claim {path}", config.out_dir)
        writer.add(path, html)
        out.append(path)
        if INDEX_MARKER in html:
            searchable.append(path)

    counts = {
        kind: [
            TermCount(idx.term, len(idx.records), len(idx.events) + len(idx.claims))
            for idx in site.terms[kind].values()
        ]
        for kind in site.terms
    }
    record_terms = {r.id: [site.term("tag", t) for t in r.tags] for r in site.records}
    # Each page is a job; run_jobs renders them in worker processes and keeps this order.
    # A job returns one page or (a term with its pages) a list of them.
    browse = [select_browse(kind, counts[kind]) for kind in ("publisher", "tag", "actor")]
    overview = home_overview.summarise(site.records)
    jobs: list[Callable[[], tuple[str, str] | list[tuple[str, str]]]] = [
        partial(
            renderer.render_home,
            page,
            len(site.records),
            browse,
            {r.id: record_terms[r.id] for r in page.items},
            overview if page.pager.number == 1 else None,
        )
        for page in paginate(site.records, config.page_size, "")
    ]
    links = link_briefs(site.records)
    jobs += [partial(renderer.render_brief, brief_page(site, record, links[record.id])) for record in site.records]
    actor_terms = {t.name: t for (kind, _), t in site.names.items() if kind == "actor"}
    groups = group_timeline(site.event_refs())
    chart = count_events([e for g in groups for e in g.entries])
    years = summarise(groups)
    jobs.append(partial(renderer.render_timeline, years, chart, draw_chart(chart)))
    jobs += [
        partial(
            renderer.render_timeline_year,
            g,
            years[i - 1] if i else None,
            years[i + 1] if i + 1 < len(years) else None,
            actor_terms,
            config.page_size,
        )
        for i, g in enumerate(groups)
    ]
    coords, coord_errors = load_coords(gazetteer_path(config))
    report.errors += coord_errors
    places = gather_places(groups, coords, config.page_size)
    jobs.append(partial(renderer.render_map, places, draw_map(places), actor_terms))
    for kind in site.terms:
        jobs.append(partial(renderer.render_term_list, kind, counts[kind]))
        jobs += [
            partial(renderer.render_term, index, actor_terms, config.page_size) for index in site.terms[kind].values()
        ]
    claim_groups = claim_themes(site, config)
    jobs.append(partial(renderer.render_claims, claim_groups, len(site.records)))
    jobs += [partial(renderer.render_claim_theme, group, actor_terms, config.page_size) for group in claim_groups]
    title, html = about_page(config, report)
    jobs.append(partial(renderer.render_about, title, html))
    jobs.append(renderer.render_not_found)
    for result in iter_jobs(jobs, config.jobs):
        put_all(result)
    return out, searchable


def gazetteer_path(config: Config) -> Path:
    """The digest's own gazetteer beside its content, else the package's (as ``digest ingest``)."""
    return config.actors_file if config.actors_file.exists() else default_gazetteer()


def claim_themes(site: Site, config: Config) -> list[ThemeGroup]:
    """The claims grouped by theme, actors named as the state or body they belong to.

    The theme vocabulary and the gazetteer are the digest's own (``content/themes.yaml``,
    ``content/actors.yaml``) where it has them, else the packaged defaults.
    """
    from research_digest import extract
    from research_digest.extract.themes import load_themes

    themes_file = config.actors_file.parent / "themes.yaml"
    vocabulary = load_themes(themes_file if themes_file.exists() else None)
    gazetteer = extract.load_gazetteer(config.actors_file if config.actors_file.exists() else None)
    listed = [(t.label, t.description, tuple(name for name, _ in t.poles)) for t in vocabulary.themes]
    refs = []
    for ref in site.claim_refs():
        if ref.claim.theme is None:  # a record ingested before claims had themes: read it now, as ingest would
            brief_themes = ref.record.themes or vocabulary.of_text(
                "\n".join([ref.record.title, ref.record.synopsis or "", *(b.text for b in ref.record.body)])
            )
            theme = vocabulary.of_claim(ref.claim.text, brief_themes)
            claim = replace(ref.claim, theme=theme, polarity=vocabulary.polarity(theme, ref.claim.text, ref.claim.kind))
            ref = ClaimRef(ref.record, claim)
        refs.append(ref)
    return group_claims(refs, listed, gazetteer.normalise)


def brief_page(site: Site, record: Record, links: BriefLinks | None = None) -> BriefPage:
    return BriefPage(
        record=record,
        publisher=site.term("publisher", record.publisher) if record.publisher else None,
        tags=[site.term("tag", t) for t in record.tags],
        actors={a: site.term("actor", a) for a in record_actors(record)},
        events=sorted(record.events, key=lambda e: (e.date or "9999", e.id)),
        duplicate=next((r for r in site.records if r.id == record.duplicate_of), None) if record.duplicate_of else None,
        links=links or BriefLinks(),
    )


def about_page(config: Config, report: BuildReport) -> tuple[str, Markup]:
    """The ``about`` text of ``digest.toml`` (what this corpus is), then ``content/pages/about.md``
    (how to use the site): the file's first ``# heading`` is the title, the rest the text."""
    intro = render_markdown(config.about, shift_headings=0) if config.about.strip() else Markup("")
    path = config.pages_dir / ABOUT_FILE
    if not path.is_file():
        if intro:
            return "About this digest", intro
        return "About", render_markdown(
            f"This digest was built with research-digest. Set `about` in `digest.toml` or write `{path}`."
        )
    try:
        text = path.read_text(encoding="utf-8")
    except (OSError, UnicodeDecodeError) as exc:
        report.errors.append(DigestError(f"cannot read: {exc}", path))
        return "About", intro
    lines = text.lstrip("\ufeff").splitlines()
    title = "About"
    if lines and lines[0].startswith("# "):
        title, lines = lines[0][2:].strip(), lines[1:]
    return title, intro + render_markdown("\n".join(lines), shift_headings=0)


def add_data_files(writer: SiteWriter, renderer: Renderer, site: Site, info: SiteInfo, page_paths: list[str]) -> None:
    """Feed, sitemap, robots.txt, JSON exports and citation downloads."""
    by_id = sorted(site.records, key=lambda r: r.id)
    writer.add("records.json", dump_json([to_dict(r) for r in by_id]))
    for record in by_id:
        base = brief_url(record.id)
        page = info.absolute(base)
        writer.add(base + "record.json", dump_json(to_dict(record)))
        writer.add(base + "cite.bib", citations.to_bibtex(record, page))
        writer.add(base + "cite.ris", citations.to_ris(record, page))
        writer.add(base + "cite.json", citations.to_csl_json(record, page))
    writer.add("feed.xml", feeds.render_feed(renderer, site.records, info))
    dates = {brief_url(r.id) + "index.html": r.date for r in site.records}
    urls = [(p.removesuffix("index.html"), dates.get(p)) for p in page_paths if p != "404.html"]
    writer.add("sitemap.xml", feeds.render_sitemap(renderer, urls, info))
    writer.add("robots.txt", feeds.render_robots(info))
    writer.add(".nojekyll", b"")


def add_static(writer: SiteWriter, static_dirs: list[Path]) -> None:
    """The stylesheet and scripts, copied as they are into ``static/``; a file in an earlier
    folder (the digest's own) replaces the one of the same name in a later one (the package's)."""
    chosen: dict[str, Path] = {}
    for static_dir in reversed(static_dirs):
        if static_dir.is_dir():
            for path in static_dir.rglob("*"):
                if path.is_file() and not path.name.startswith("."):
                    chosen[path.relative_to(static_dir).as_posix()] = path
    for name in sorted(chosen):
        writer.add("static/" + name, chosen[name].read_bytes())


__all__ = ["BuildReport", "build_site", "theme_dirs"]
