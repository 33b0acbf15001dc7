"""Pages: one function per page kind, each a pure function of its own data.

``Renderer`` holds the Jinja2 environment (``StrictUndefined``, so a misspelt variable fails the
build instead of printing nothing; autoescape on, so record text can never inject markup) and
the few site-wide settings. Each ``render_*`` method takes only what its page shows and returns
``(site path, html)`` (``render_term`` a list of them, one per page of the term; the home page is
rendered once per page of briefs, see ``paginate``); none looks at the whole corpus, so pages can
later be rendered in parallel or skipped when their inputs have not changed.

Every link in a template goes through ``url(target)``, bound to the page being rendered (see
``site.relative_url``). The 404 page is the exception: GitHub Pages serves it at whatever
address was asked for, so its links are absolute, under ``base_url``.
"""

from __future__ import annotations

import functools
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import jinja2
from markupsafe import Markup

from research_digest.records.schema import Event, Record
from research_digest.render import citations, reading
from research_digest.render.chart import ChartData
from research_digest.render.claims import ThemeGroup
from research_digest.render.encode import json_for_script, one_line, one_line_all, web_url, xml_text
from research_digest.render.map import Place, place_anchor
from research_digest.render.overview import Overview
from research_digest.render.paginate import Page, paginate
from research_digest.render.related import BriefLinks
from research_digest.render.site import TERM_KINDS, SiteError, Term, TermIndex, brief_url, relative_url, sentence_id
from research_digest.render.text import mark_sentences, render_markdown, split_sentences
from research_digest.render.timeline import YearGroup, YearSummary, date_label

TERM_TITLES = {"tag": ("Tags", "Tag"), "actor": ("Actors", "Actor"), "publisher": ("Publishers", "Publisher")}
ROOT_MARK = "\x00"
"""Stands for the way up to the site root in a fragment rendered once for many pages."""


def root_prefix(page_url: str) -> str:
    """The relative way from the page at ``page_url`` up to the site root (``""`` at the root)."""
    return "../" * page_url.count("/")


@dataclass(frozen=True)
class SiteInfo:
    """Site-wide settings every page may print (none of them grows with the corpus)."""

    title: str
    description: str
    language: str
    base_url: str
    site_url: str
    updated: str
    """ISO date of the newest brief (or SOURCE_DATE_EPOCH): the feed's and footer's date."""
    search: bool = True
    """Whether the Pagefind bundle is built (``--no-search`` leaves the search box out)."""

    def absolute(self, site_path: str) -> str | None:
        """Full address of a site path, when the site's origin is known."""
        return f"{self.site_url}{self.base_url}{site_path}" if self.site_url else None


@dataclass
class BriefPage:
    """What a brief's page shows: the record plus the terms it links to."""

    record: Record
    publisher: Term | None
    tags: list[Term]
    actors: dict[str, Term]
    """actor name → term, for the actors its events and claims name."""
    events: list[Event] = field(default_factory=list)
    duplicate: Record | None = None
    """The brief this one's ``duplicate_of`` names, when it is in the digest (linked from the page)."""
    links: BriefLinks = field(default_factory=BriefLinks)
    """Previous and next by date, and related briefs (``related.link_briefs``)."""


@dataclass
class TermCount:
    term: Term
    briefs: int
    items: int


@dataclass
class Browse:
    """One of the home page's term lists: the most used terms of a kind, capped."""

    kind: str
    shown: list[TermCount]
    """The ``BROWSE_LIMIT`` terms with most briefs (ties by slug), listed in slug order."""
    total: int
    """How many terms of this kind there are; more than ``len(shown)`` means a link to the index."""


BROWSE_LIMIT = 30


def select_browse(kind: str, counts: list[TermCount], limit: int = BROWSE_LIMIT) -> Browse:
    """The home page lists at most ``limit`` terms of each kind, the most used; the rest are on
    the kind's index page. Alphabetical order is kept for the ones shown."""
    top = sorted(counts, key=lambda c: (-c.briefs, c.term.slug))[:limit]
    return Browse(kind, sorted(top, key=lambda c: c.term.slug), len(counts))


class RootLink(str):
    """A link of a card rendered once for many pages: ``ROOT_MARK`` and the target's site path.
    ``plain_spaces`` passes it as it is (the marker, a NUL, is replaced before any page is written)."""


def plain_spaces(value: Any) -> Any:
    """Record text shown with ordinary spaces: pages copied from a browser put no-break spaces
    between ordinary words, which glue half-lines together (see ``text.mark_sentences``).
    Everything printed, markup included, loses the characters XML forbids (``encode.xml_text``)."""
    if isinstance(value, RootLink):
        return value
    if isinstance(value, Markup):
        return Markup(xml_text(value))
    if isinstance(value, str):
        return xml_text(value.replace("\u00a0", " "))
    return value


def first_upper(text: str) -> str:
    """An event summary is a clause cut from a sentence ("the US dispatched…"); listed on its own
    it reads as a sentence, so its first letter is capitalised (the record keeps it as written)."""
    return text[:1].upper() + text[1:]


def safe_link(url: str | None) -> str | None:
    """An outside link only if it is http(s); anything else (javascript:, data:, file:) is dropped."""
    return web_url(url)


@functools.lru_cache(maxsize=4)
def _environment(templates_dirs: tuple[str, ...]) -> jinja2.Environment:
    """One Jinja environment per templates folder and process: ``digest serve`` rebuilds in the
    same process, and compiling the templates again cost it a fifth of a one-record rebuild
    (Jinja reloads a template whose file changed: ``auto_reload``). Site settings are passed to
    each render, never stored here."""
    env = jinja2.Environment(
        loader=jinja2.FileSystemLoader(list(templates_dirs)),  # first match wins
        autoescape=jinja2.select_autoescape(["html", "xml"], default_for_string=True),
        undefined=jinja2.StrictUndefined,
        trim_blocks=True,
        lstrip_blocks=True,
        keep_trailing_newline=True,
        finalize=plain_spaces,
    )
    env.filters["date_label"] = date_label
    env.filters["human_date"] = citations.human_date
    env.filters["first_upper"] = first_upper
    env.filters["one_line"] = one_line
    env.filters["brief_url"] = brief_url
    env.filters["place_anchor"] = place_anchor
    env.globals["TERM_TITLES"] = TERM_TITLES
    return env


class Renderer:
    def __init__(self, templates_dirs: tuple[Path, ...], info: SiteInfo):
        self.info = info
        self.templates_dir = templates_dirs[0]
        self.env = _environment(tuple(str(d) for d in templates_dirs))
        self.cards: dict[str, dict] = {}
        """record id → what its card shows (``render.card_inputs``), set by the build."""
        self._cards_html: dict[tuple[str, bool], str] = {}

    def card(self, record_id: str, page_url: str, compact: bool = False) -> Markup:
        """A brief's card (``card_inputs``), rendered once per build and process with its links
        relative to the site root behind a NUL marker (records cannot hold NUL), which each
        page replaces by its own way up to the root. ``compact`` leaves the tags out (a term's
        page, where a brief of a programme shows up on dozens of term pages)."""
        html = self._cards_html.get((record_id, compact))
        if html is None:
            html = self._render("_card.html", ROOT_MARK, root_links=True, brief=self.cards[record_id], compact=compact)
            self._cards_html[(record_id, compact)] = html
        return Markup(html.replace(ROOT_MARK, root_prefix(page_url)))

    def _render(
        self, template: str, page_url: str, absolute_links: bool = False, root_links: bool = False, **context: Any
    ) -> str:
        def url(target: str) -> str:
            if absolute_links:
                return self.info.base_url + target
            if root_links:
                return RootLink(ROOT_MARK + target)
            return relative_url(page_url, target)

        def card(record_id: str, compact: bool = False) -> Markup:
            return self.card(record_id, page_url, compact)

        try:
            return self.env.get_template(template).render(
                site=self.info, page_url=page_url, url=url, card=card, canonical=self.info.absolute(page_url), **context
            )
        except jinja2.TemplateSyntaxError as exc:
            raise SiteError(f"template error: {exc.message}", exc.filename or template, exc.lineno) from None
        except jinja2.TemplateError as exc:  # e.g. an undefined variable (StrictUndefined)
            raise SiteError(
                f"template error while rendering {page_url or 'the home page'}: {exc}", self.templates_dir / template
            ) from None

    # ------------------------------------------------------------------ one function per page kind

    def render_home(
        self, page: Page[Record], total: int, browse: list[Browse], overview: Overview | None = None
    ) -> tuple[str, str]:
        """One page of the home list; ``browse`` (the term lists) and ``overview`` (what the
        briefs say, ``overview.summarise``) are shown on the first only."""
        url = page.pager.url
        first = page.pager.number == 1
        return url, self._render(
            "index.html",
            url,
            records=page.items,
            pager=page.pager,
            total=total,
            browse=browse if first else [],
            overview=overview if first else None,
        )

    def render_brief(self, page: BriefPage) -> tuple[str, str]:
        record = page.record
        url = brief_url(record.id)
        marks: dict[str, dict[int, str]] = {}
        for claim in record.claims:
            marks.setdefault(claim.anchor.paragraph, {})[claim.anchor.sentence] = "claim"
        for event in record.events:
            marks.setdefault(event.anchor.paragraph, {}).setdefault(event.anchor.sentence, "event")
        body = [
            (block, mark_sentences(block, marks.get(block.id)) if block.kind == "paragraph" else None)
            for block in record.body
        ]
        sentences = reading.paragraph_sentences(record.body, split_sentences)
        absolute = self.info.absolute(url)
        return url, self._render(
            "brief.html",
            url,
            record=record,
            page=page,
            body=body,
            notes=reading.notes_by_paragraph(record, sentences, page.events),
            toc=reading.table_of_contents(record),
            minutes=reading.reading_minutes(record),
            abstract_only=reading.holds_only_abstract(record),
            synopsis_in_text=reading.synopsis_in_text(record),
            lead=reading.lead_sentences(record, split_sentences),
            original=safe_link(record.source.url),
            doi=record.source.doi,
            formats=citations.all_formats(record, absolute),
            note=render_markdown(record.note, shift_headings=2) if record.note else None,
            citation=citations.format_citation(record, absolute),
            jsonld=Markup(jsonld_script(record, absolute, self.info)),
            sentence_id=sentence_id,
        )

    def render_timeline(self, years: list[YearSummary], chart: ChartData, svg: Markup) -> tuple[str, str]:
        """The overview: the chart of events per year and a link to each year's page."""
        return "timeline/", self._render("timeline.html", "timeline/", years=years, chart=chart, svg=svg)

    def render_timeline_year(
        self,
        group: YearGroup,
        prev: YearSummary | None,
        next: YearSummary | None,
        actor_terms: dict[str, Term],
        page_size: int,
    ) -> list[tuple[str, str]]:
        """One year's events (or the decade's, or the undated ones) on a vertical time axis, cut
        into pages of ``page_size`` numbered on from one page to the next."""
        return [
            (
                page.pager.url,
                self._render(
                    "timeline_year.html",
                    page.pager.url,
                    group=group,
                    rows=page.items,
                    pager=page.pager,
                    start=(page.pager.number - 1) * max(page_size, 0) + 1,
                    prev=prev,
                    next=next,
                    actor_terms=actor_terms,
                ),
            )
            for page in group.pages(page_size)
        ]

    def render_map(self, places: list[Place], svg: Markup, actor_terms: dict[str, Term]) -> tuple[str, str]:
        """The map of places and, as its text alternative, each place's events."""
        return "map/", self._render("map.html", "map/", places=places, svg=svg, actor_terms=actor_terms)

    def render_term_list(self, kind: str, counts: list[TermCount]) -> tuple[str, str]:
        url = TERM_KINDS[kind] + "/"
        return url, self._render("terms.html", url, kind=kind, counts=counts)

    def render_term(self, index: TermIndex, page: Page[Record]) -> tuple[str, str]:
        """One page of a term: the cards of its briefs (``page_size`` a page) and how many events
        and claims name it; the events and claims themselves are on the briefs' pages and the
        timeline and claims pages, not repeated on every term that lists a brief."""
        url = page.pager.url
        return url, self._render("term.html", url, index=index, term=index.term, pager=page.pager, records=page.items)

    def render_claims(self, groups: list[ThemeGroup], brief_count: int) -> tuple[str, str]:
        """The overview: every theme with its briefs, its claim count and where briefs differ."""
        return "claims/", self._render("claims.html", "claims/", groups=groups, brief_count=brief_count)

    def render_claim_theme(
        self, group: ThemeGroup, actor_terms: dict[str, Term], page_size: int
    ) -> list[tuple[str, str]]:
        """One theme's claims, a column per brief, ``page_size`` briefs a page."""
        out = []
        for page in paginate(group.columns, page_size, group.url):
            out.append(
                (
                    page.pager.url,
                    self._render(
                        "claims_theme.html",
                        page.pager.url,
                        group=group,
                        columns=page.items,
                        pager=page.pager,
                        actor_terms=actor_terms,
                    ),
                )
            )
        return out

    def render_about(self, title: str, html: Markup) -> tuple[str, str]:
        return "about/", self._render("page.html", "about/", title=title, html=html)

    def render_not_found(self) -> tuple[str, str]:
        return "404.html", self._render("404.html", "404.html", absolute_links=True)

    def render_xml(self, template: str, path: str, **context: Any) -> str:
        return self._render(template, path, **context)


def jsonld_script(record: Record, page_url: str | None, info: SiteInfo) -> str:
    """schema.org metadata, each field one line, encoded for a ``<script>`` element
    (``encode.json_for_script``: no ``<``, ``>`` or ``&``, so text can never close or re-open it)."""
    data: dict[str, Any] = {
        "@context": "https://schema.org",
        "@type": "ScholarlyArticle" if citations.is_journal(record) else "Report",
        "headline": record.title[:110],
        "name": record.title,
        "inLanguage": info.language,
    }
    if record.authors:
        data["author"] = [
            {
                "@type": "Person",
                "name": a.name,
                **({"affiliation": {"@type": "Organization", "name": a.affiliation}} if a.affiliation else {}),
            }
            for a in record.authors
        ]
    if record.date:
        data["datePublished"] = record.date
    if record.publisher:
        data["publisher"] = {"@type": "Organization", "name": record.publisher}
    if record.synopsis:
        data["abstract"] = record.synopsis
    if record.tags:
        data["keywords"] = ", ".join(record.tags)
    if record.series and record.series.number:
        data["identifier"] = record.series.number
    original = safe_link(record.source.url)
    if original:
        data["sameAs"] = original
    if page_url:
        data["url"] = page_url
    return json_for_script(one_line_all(data))
