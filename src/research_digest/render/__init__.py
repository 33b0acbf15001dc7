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

import dataclasses
import hashlib
import json
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass, field, replace
from functools import partial
from pathlib import Path
from typing import Any

from markupsafe import Markup

from research_digest.config import Config
from research_digest.errors import DigestError
from research_digest.records import cache as record_cache
from research_digest.records import yamlio
from research_digest.records.schema import Record, to_dict
from research_digest.render import citations, feeds, manifest, plan, reading, sentcache
from research_digest.render import overview as home_overview
from research_digest.render.chart import count_events, draw_chart
from research_digest.render.claims import ThemeGroup, group_claims
from research_digest.render.map import draw_map, gather_places, load_coords
from research_digest.render.pages import BriefPage, Renderer, SiteInfo, TermCount, select_browse
from research_digest.render.paginate import paginate
from research_digest.render.parallel import iter_jobs, map_jobs, worker_count
from research_digest.render.plan import PageDecl
from research_digest.render.related import BriefLinks, link_briefs
from research_digest.render.search import INDEX_MARKER
from research_digest.render.site import (
    TERM_KINDS,
    ClaimRef,
    Site,
    SiteError,
    Term,
    brief_url,
    gather_site,
    record_actors,
)
from research_digest.render.text import render_markdown, split_sentences
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
    outputs: dict[str, list[int]] | None = None
    """The output tree's stat after an incremental build that patched it (else scanned again)."""


def theme_dirs(config: Config) -> tuple[Path, ...]:
    """Where templates and ``static/`` files are looked up, first match wins (Hugo's lookup
    order): the digest's own ``templates/`` beside its content folder, then the package's.
    A digest overrides one file by putting a file of the same name in its ``templates/``."""
    local = config.content_dir.parent / "templates"
    return (local, default_templates()) if local.is_dir() else (default_templates(),)


def dump_json(data) -> str:
    return json.dumps(data, ensure_ascii=False, sort_keys=True, separators=(",", ":")) + "\n"


def build_site(config: Config, search: bool = True) -> BuildReport:
    """Build, rendering only what changed since the last build (see ``plan``); a change of the
    environment (templates, code, settings) or a file touched in the output means a full build."""
    theme = theme_dirs(config)
    check_out_dir(
        config.out_dir.resolve(), (config.content_dir, *theme)
    )  # before anything, caches included, is written
    inputs = manifest.take_inputs(config, theme, search)
    previous = manifest.load_manifest(config)
    if previous is not None and manifest.outputs_match(config, previous):
        if previous.inputs == inputs.digest:  # nothing changed since the last clean build: write nothing
            return BuildReport(records=previous.records, pages=previous.pages, written=0)
    else:
        previous = None
    manifest.forget(config)
    report, state, environment = build_changes(
        config, search, theme, previous, manifest.environment(config, theme, search)
    )
    manifest.save_manifest(
        config,
        inputs,
        report.records,
        report.pages,
        state,
        environment,
        clean=not report.errors,
        outputs=report.outputs,
    )
    return report


def build_changes(
    config: Config,
    search: bool,
    theme: tuple[Path, ...],
    previous: manifest.Manifest | None,
    environment: str,
) -> tuple[BuildReport, dict, str]:
    """Render the declarations whose inputs changed since ``previous`` (all of them without it or
    when the environment changed); returns the report and the new state for the manifest."""
    cache_root = manifest.cache_dir(config)
    records, errors, hashes, _stats = record_cache.load_records_cached(
        yamlio.record_paths(config.briefs_dir), cache_root, partial(map_jobs, config.jobs)
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
    environment = plan.fingerprint([environment, dataclasses.asdict(info)])
    old_state = previous.decls if previous is not None and previous.environment == environment else None
    renderer = Renderer(theme, info)
    renderer.cards = {r.id: card_inputs(site, r) for r in site.records}
    decls = declare_pages(renderer, site, config, hashes, report)
    decls += declare_data_files(renderer, site, info, hashes)
    decls += declare_static([d / "static" for d in theme])
    todo = plan.diff(decls, old_state)
    changed_ids = {key for decl in todo.render if (key := brief_key(decl.key))}
    if old_state is None or len(changed_ids) > PRIME_MIN:  # a few pages split their own paragraphs
        sentcache.prime(
            [
                b.text
                for r in records
                if old_state is None or r.id in changed_ids
                for b in r.body
                if b.kind == "paragraph"
            ],
            cache_root,
            partial(map_jobs, config.jobs),
            keep_others=old_state is not None,
        )
    writer = SiteWriter(
        config.out_dir,
        protect=(config.content_dir, *theme),
        patch=old_state is not None and len(todo.render) * PATCH_RATIO <= len(decls),
    )
    state: dict[str, list] = {}
    try:
        for key, old in todo.keep.items():
            for path in old[1]:
                writer.keep(path)
            state[key] = old
        for decl, results in zip(todo.render, iter_jobs([d.render for d in todo.render], config.jobs), strict=True):
            paths, searchable = [], []
            for url, data in [results] if isinstance(results, tuple) else results:
                path = plan.output_path(url)
                writer.add(path, data)
                paths.append(path)
                if isinstance(data, str) and path.endswith(".html") and INDEX_MARKER in data:
                    searchable.append(path)
            state[decl.key] = [decl.fp, paths, searchable]
        pages = sorted(p for entry in state.values() for p in entry[1] if p.endswith(".html"))
        last = [declare_sitemap(renderer, site, info, pages)]
        if search:
            indexed = sorted([p, entry[0]] for entry in state.values() for p in entry[2])
            last += declare_search(writer, config, indexed, report.errors)
        finish = plan.diff(last, old_state and {d.key: old_state[d.key] for d in last if d.key in old_state})
        for key, old in finish.keep.items():
            for path in old[1]:
                writer.keep(path)
            state[key] = old
        with ThreadPoolExecutor(max(1, worker_count(config.jobs))) as pool:  # Pagefind runs as a child
            for decl, results in zip(finish.render, pool.map(lambda d: d.render(), finish.render), strict=True):
                paths = []
                for url, data in [results] if isinstance(results, tuple) else results:
                    writer.add(url, data)
                    paths.append(url)
                state[decl.key] = [decl.fp, paths, []]
        for path in todo.removed:
            if path not in writer.files:
                writer.remove(path)
        report.pages = len(pages)
        report.written = writer.commit().written
    except BaseException:
        writer.discard()
        raise
    if writer.patch and previous is not None:  # only the patched files changed: no second scan
        outputs = dict(previous.outputs)
        for path in writer.removed_paths:
            outputs.pop(path, None)
        for path in writer.staged_paths:
            st = (config.out_dir / path).stat()
            outputs[path] = [st.st_size, st.st_mtime_ns]
        report.outputs = outputs
    return report, state, environment


PRIME_MIN = 20
"""An incremental build re-rendering at most this many brief pages splits their sentences itself
rather than loading the whole sentence cache (a tenth of a one-record rebuild)."""
PATCH_RATIO = 20
"""An incremental build that renders at most 1/20 of the declarations replaces those files in
place; a larger one stages a whole new site and swaps it in (see ``writer``)."""


def brief_key(key: str) -> str | None:
    """The record id of a brief page's declaration key (``briefs/<id>/``), else None."""
    if key.startswith("briefs/") and key.endswith("/") and key.count("/") == 2:
        return key[7:-1]
    return None


def declare_search(
    writer: SiteWriter, config: Config, searchable: list[list[str]], errors: list[DigestError]
) -> list[PageDecl]:
    """The search index in shards (``search.shard_of``), each a declaration whose inputs are its
    pages' fingerprints, so an edit re-indexes one shard; ``pagefind/shards.json`` lists them for
    the search box, which merges them (Pagefind's ``mergeIndex``); the Component UI files are
    taken once (they change with Pagefind's version, which is part of the environment)."""
    from research_digest.render import search as pf

    count = pf.shard_count(len(searchable))
    groups: dict[int, list[list[str]]] = {}
    for path, fp in searchable:
        groups.setdefault(pf.shard_of(path, count), []).append([path, fp])

    def index(members: list[list[str]], prefix: str, keep: tuple[str, ...] = ()) -> list[tuple[str, bytes]]:
        try:
            bundle = pf.index_pages_from(
                {p: writer.source_of(p) for p, _ in members}, writer.staging, config.language, prefix
            )
        except SiteError as exc:
            errors.append(exc)
            return []
        names = {path: path.rsplit("/", 1)[-1] for path in bundle}
        if keep:
            return [(path, data) for path, data in bundle.items() if names[path] in keep]
        dropped = (*pf.UNUSED_FILES, *pf.UI_FILES)
        return [(path, data) for path, data in bundle.items() if names[path] not in dropped]

    decls = [
        PageDecl(f"search:{pf.shard_dir(k)}/{count}", members, partial(index, members, pf.shard_dir(k)))
        for k, members in sorted(groups.items())
    ]
    if not groups:
        return decls
    names = [pf.shard_dir(k).rsplit("/", 1)[-1] for k in sorted(groups)]
    decls.append(PageDecl(pf.SHARDS_FILE, names, partial(_constant, pf.SHARDS_FILE, dump_json(names))))
    first = groups[min(groups)][:1]
    decls.append(PageDecl("search:ui", {}, partial(index, first, pf.BUNDLE_DIR, pf.UI_FILES)))
    return decls


def card_inputs(site: Site, record: Record) -> dict:
    """Everything a brief's card shows (and nothing else): what list pages fingerprint and render."""
    return {
        "id": record.id,
        "title": record.title,
        "authors": [{"name": a.name} for a in record.authors],
        "publisher": record.publisher,
        "date": record.date,
        "synopsis": record.synopsis,
        "lead": reading.lead_sentences(record, split_sentences),
        "themes": list(record.themes),
        "tags": [[t.name, t.url] for t in (site.term("tag", tag) for tag in record.tags)],
        "events": len(record.events),
        "claims": len(record.claims),
    }


def card_digest(card: dict) -> str:
    """A card's fingerprint: ``repr`` of the dict ``card_inputs`` builds, always in the same key
    order (a third of the cost of sorted JSON, for every brief on every build)."""
    return hashlib.sha1(repr(card).encode("utf-8")).hexdigest()


def items_digest(items: list) -> str:
    """A digest of a record's events or claims: their dataclass ``repr`` holds every field (ten
    times faster than ``dataclasses.asdict`` and JSON, which cost 0.4 s at 1,000 briefs)."""
    return hashlib.sha1(repr(items).encode("utf-8")).hexdigest()


def shown_digest(value: Any, hashes: dict[str, str]) -> str:
    """A digest of a value a page shows that is built from records (the home overview, a brief's
    links, a year's events, the map's places, the claim themes): each record in it stands as its
    content hash, every other dataclass as its fields, so the digest changes exactly when what
    the page can show does."""
    return hashlib.sha1(repr(_shown(value, hashes)).encode("utf-8")).hexdigest()


def _shown(value: Any, hashes: dict[str, str]) -> Any:
    if isinstance(value, Record):
        return ("record", value.id, hashes.get(value.id) or items_digest([value]))
    if dataclasses.is_dataclass(value) and not isinstance(value, type):
        return (
            type(value).__name__,
            tuple(_shown(getattr(value, f.name), hashes) for f in dataclasses.fields(value)),
        )
    if isinstance(value, (list, tuple)):
        return tuple(_shown(v, hashes) for v in value)
    if isinstance(value, dict):
        return tuple(sorted((repr(k), _shown(v, hashes)) for k, v in value.items()))
    if isinstance(value, (set, frozenset)):
        return tuple(sorted(repr(_shown(v, hashes)) for v in value))
    return value


def term_inputs(term: Term) -> list[str]:
    return [term.kind, term.name, term.slug]


def declare_pages(
    renderer: Renderer, site: Site, config: Config, hashes: dict[str, str], report: BuildReport
) -> list[PageDecl]:
    """Every HTML page, each with what it shows as its inputs (see ``plan``)."""
    cards = {rid: card_digest(card) for rid, card in renderer.cards.items()}
    counts = {
        kind: [TermCount(idx.term, len(idx.records), idx.n_events + idx.n_claims) for idx in site.terms[kind].values()]
        for kind in site.terms
    }

    def count_inputs(items: list[TermCount]) -> list:
        return [[*term_inputs(c.term), c.briefs, c.items] for c in items]

    browse = [select_browse(kind, counts[kind]) for kind in ("publisher", "tag", "actor")]
    browse_inputs = [[b.kind, count_inputs(b.shown), b.total] for b in browse]
    overview = home_overview.summarise(site.records)
    overview_digest = shown_digest(overview, hashes)
    decls = [
        PageDecl(
            page.pager.url or "home",
            {
                "kind": "home",
                "pager": [page.pager.number, page.pager.count],
                "cards": [cards[r.id] for r in page.items],
                "total": len(site.records),
                "browse": browse_inputs if page.pager.number == 1 else [],
                "overview": overview_digest if page.pager.number == 1 else None,
            },
            partial(
                renderer.render_home,
                page,
                len(site.records),
                browse,
                overview if page.pager.number == 1 else None,
            ),
        )
        for page in paginate(site.records, config.page_size, "")
    ]
    links = link_briefs(site.records)
    for record in site.records:
        brief = brief_page(site, record, links[record.id])
        terms = [term_inputs(t) for t in ([brief.publisher] if brief.publisher else []) + brief.tags]
        terms += [term_inputs(t) for t in brief.actors.values()]
        decls.append(
            PageDecl(
                brief_url(record.id),
                {
                    "record": hashes[record.id],
                    "terms": terms,
                    "links": shown_digest(brief.links, hashes),
                    "duplicate": shown_digest(brief.duplicate, hashes),
                },
                partial(renderer.render_brief, brief),
            )
        )
    actor_terms = {t.name: t for (kind, _), t in site.names.items() if kind == "actor"}
    actor_inputs = sorted([name, t.slug] for name, t in actor_terms.items())
    groups = group_timeline(site.event_refs())
    chart = count_events([e for g in groups for e in g.entries])
    years = summarise(groups)
    decls.append(
        PageDecl(
            "timeline/",
            {"years": shown_digest(years, hashes), "chart": shown_digest(chart, hashes)},
            partial(renderer.render_timeline, years, chart, draw_chart(chart)),
        )
    )
    for i, g in enumerate(groups):
        prev = years[i - 1] if i else None
        next_ = years[i + 1] if i + 1 < len(years) else None
        decls.append(
            PageDecl(
                g.url,
                {
                    "group": shown_digest(g, hashes),
                    "prev": shown_digest(prev, hashes),
                    "next": shown_digest(next_, hashes),
                    "actors": actor_inputs,
                    "page_size": config.page_size,
                },
                partial(renderer.render_timeline_year, g, prev, next_, actor_terms, config.page_size),
            )
        )
    coords, coord_errors = load_coords(gazetteer_path(config))
    report.errors += coord_errors
    places = gather_places(groups, coords, config.page_size)
    decls.append(
        PageDecl(
            "map/",
            {"places": shown_digest(places, hashes), "actors": actor_inputs},
            partial(renderer.render_map, places, draw_map(places), actor_terms),
        )
    )
    for kind in site.terms:
        decls.append(
            PageDecl(
                TERM_KINDS[kind] + "/",
                {"kind": kind, "counts": count_inputs(counts[kind])},
                partial(renderer.render_term_list, kind, counts[kind]),
            )
        )
        for index in site.terms[kind].values():
            totals = [len(index.records), index.n_events, index.n_claims]
            for page in paginate(index.records, config.page_size, index.term.url):
                decls.append(
                    PageDecl(
                        page.pager.url,
                        {
                            "term": term_inputs(index.term),
                            "pager": [page.pager.number, page.pager.count],
                            "cards": [cards[r.id] for r in page.items],
                            "totals": totals,
                        },
                        partial(renderer.render_term, index, page),
                    )
                )
    claim_groups = claim_themes(site, config)
    decls.append(
        PageDecl(
            "claims/",
            {"groups": shown_digest(claim_groups, hashes), "briefs": len(site.records)},
            partial(renderer.render_claims, claim_groups, len(site.records)),
        )
    )
    for group in claim_groups:
        decls.append(
            PageDecl(
                group.url,
                {"group": shown_digest(group, hashes), "actors": actor_inputs, "page_size": config.page_size},
                partial(renderer.render_claim_theme, group, actor_terms, config.page_size),
            )
        )
    title, html = about_page(config, report)
    decls.append(PageDecl("about/", {"title": title, "html": str(html)}, partial(renderer.render_about, title, html)))
    decls.append(PageDecl("404.html", {}, renderer.render_not_found))
    return decls


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


def declare_data_files(renderer: Renderer, site: Site, info: SiteInfo, hashes: dict[str, str]) -> list[PageDecl]:
    """Feed, robots.txt, JSON exports and citation downloads (the sitemap comes last: it lists
    the pages, see ``declare_sitemap``)."""
    by_id = sorted(site.records, key=lambda r: r.id)
    index = [record_entry(r) for r in by_id]
    decls = [PageDecl("records.json", index, partial(_constant, "records.json", dump_json(index)))]
    decls += [PageDecl(brief_url(r.id) + "data", hashes[r.id], partial(data_files, r, info)) for r in by_id]
    feed = site.records[: feeds.FEED_ENTRIES]
    decls.append(
        PageDecl(
            "feed.xml",
            [[r.id, hashes[r.id]] for r in feed],
            lambda: ("feed.xml", feeds.render_feed(renderer, site.records, info)),
        )
    )
    decls.append(PageDecl("robots.txt", {}, lambda: ("robots.txt", feeds.render_robots(info))))
    decls.append(PageDecl(".nojekyll", {}, lambda: (".nojekyll", b"")))
    return decls


def record_entry(record: Record) -> dict:
    """A brief in ``records.json``, the index of the site's records: what finds a record, and where
    its whole JSON is (``briefs/<id>/record.json``). One file holding every record whole was 9 KB
    a brief, rewritten on every edit; each record is already published beside its page."""
    return {
        "id": record.id,
        "title": record.title,
        "date": record.date,
        "publisher": record.publisher,
        "authors": [a.name for a in record.authors],
        "tags": list(record.tags),
        "url": brief_url(record.id),
        "record": brief_url(record.id) + "record.json",
    }


def data_files(record: Record, info: SiteInfo) -> list[tuple[str, str]]:
    base = brief_url(record.id)
    page = info.absolute(base)
    return [
        (base + "record.json", dump_json(to_dict(record))),
        (base + "cite.json", citations.to_csl_json(record, page)),
    ]


def declare_sitemap(renderer: Renderer, site: Site, info: SiteInfo, page_paths: list[str]) -> PageDecl:
    dates = {brief_url(r.id) + "index.html": r.date for r in site.records}
    urls = [(p.removesuffix("index.html"), dates.get(p)) for p in page_paths if p != "404.html"]
    return PageDecl("sitemap.xml", urls, lambda: ("sitemap.xml", feeds.render_sitemap(renderer, urls, info)))


def declare_static(static_dirs: list[Path]) -> list[PageDecl]:
    """The stylesheet and scripts, copied as they are into ``static/``; a file in an earlier
    folder (the digest's own) replaces the one of the same name in a later one (the package's)."""
    chosen: dict[str, Path] = {}
    for static_dir in reversed(static_dirs):
        if static_dir.is_dir():
            for path in static_dir.rglob("*"):
                if path.is_file() and not path.name.startswith("."):
                    chosen[path.relative_to(static_dir).as_posix()] = path
    decls = []
    for name in sorted(chosen):
        data = chosen[name].read_bytes()
        decls.append(
            PageDecl("static/" + name, hashlib.sha256(data).hexdigest(), partial(_constant, "static/" + name, data))
        )
    return decls


def _constant(path: str, data: str | bytes) -> tuple[str, str | bytes]:
    return path, data


__all__ = ["BuildReport", "build_site", "theme_dirs"]
