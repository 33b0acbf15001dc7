"""Wilson Center pages that list a publication printed elsewhere (wilsoncenter.org).

Layout: the programme or topic line (``Arctic Geopolitics, Security, and Governance``), the
kind (``Article``), the venue (``from The Polar Journal``), the title, ``READ FULL ARTICLE``,
the photo caption printed twice (alt text and figcaption), ``Abstract``, ``Recommended
citation``, ``Want to read more?`` with a link note and an image alt text, ``Author`` cards, and
``Up Next`` followed by teasers of other pages. The citation is the richest source: it names
every author in order, the venue and the date, so it wins over the author cards.
"""

from __future__ import annotations

import re

from research_digest.records.schema import Author
from research_digest.sources.base import Field, Parsed, Rules, Section
from research_digest.sources.facts import find_date, find_month, looks_like_name, parse_citation, read_byline

_KINDS = r"(?:Article|Journal Article|Book|Book Chapter|Chapter|Report|Op-Ed|Policy Brief|Working Paper|Essay|Testimony|Podcast|Video)"  # noqa: E501 - one alternation, easier to read unbroken

RULES = Rules(
    name="wilson",
    signals=(
        re.compile(r"^READ FULL ARTICLE$", re.M | re.I),
        re.compile(r"^Recommended citation$", re.M | re.I),
        re.compile(r"^Want to read more\?$", re.M),
        re.compile(rf"^{_KINDS}\n+from \S", re.M),
        re.compile(r"Wilson Center"),
    ),
    min_signals=2,
    start=re.compile(r"^from \S"),
    start_back=2,
    end=(
        re.compile(r"^Up Next$", re.I),
        re.compile(r"^(?:Related Content|More from the|Stay Connected|Wilson Center is the nation's)", re.I),
    ),
    drop=(re.compile(r"^(?:Share|Print|Download|Image)$", re.I),),
    sections=(
        Section(re.compile(r"^(?:Abstract|Summary)$", re.I), "synopsis", in_body=True),
        Section(re.compile(r"^Recommended citation$", re.I), "citation"),
        Section(re.compile(r"^Want to read more\?$", re.I), "drop"),
        Section(re.compile(r"^(?:Authors?|Contributors?|Experts?)$", re.I), "authors"),
        Section(re.compile(r"^(?:Topics|Tags)$", re.I), "tags"),
    ),
    fields=(
        Field(re.compile(rf"^({_KINDS})$"), "kind"),
        Field(re.compile(r"^from\s+(\S.+)$"), "publisher"),
    ),
    title_before=re.compile(r"^READ (?:FULL ARTICLE|MORE|THE (?:FULL )?(?:ARTICLE|REPORT|CHAPTER))$", re.I),
)

PROGRAMME_OF_TOPIC = (
    (re.compile(r"Arctic|Polar|Antarctic|Greenland", re.I), "Polar Institute"),
    (re.compile(r"Russia|Ukraine|Eurasia|Caucasus|Central Asia", re.I), "Kennan Institute"),
    (re.compile(r"China|Taiwan|U\.S\.-China", re.I), "Kissinger Institute on China and the United States"),
    (re.compile(r"Indo-Pacific|Japan|Korea|Southeast Asia|South Asia", re.I), "Indo-Pacific Program"),
    (re.compile(r"Africa", re.I), "Africa Program"),
    (re.compile(r"Latin America|Brazil|Venezuela|Colombia", re.I), "Latin America Program"),
    (re.compile(r"Mexico", re.I), "Mexico Institute"),
    (re.compile(r"Canada", re.I), "Canada Institute"),
    (re.compile(r"Middle East|Iran|Israel|Gulf", re.I), "Middle East Program"),
    (re.compile(r"Europe|NATO|Transatlantic", re.I), "Global Europe Program"),
    (
        re.compile(r"Cyber|Technology|Science|Artificial Intelligence|Space", re.I),
        "Science and Technology Innovation Program",
    ),
    (re.compile(r"Climate|Environment|Water|Energy", re.I), "Environmental Change and Security Program"),
    (re.compile(r"History|Cold War|Archive", re.I), "History and Public Policy Program"),
)
"""The Wilson Center unit that keeps a topic, first match wins; the page shows only the topic."""
_UNIT = re.compile(r"\b(?:Program|Programme|Institute|Initiative|Center|Centre|Project|Hub|Lab)$")


def name_lister(line: str) -> str:
    """``Wilson Center <unit> (<topic>)``; a line that is itself a unit stands alone."""
    if _UNIT.search(line):
        return line if line.startswith("Wilson") else f"Wilson Center {line}"
    unit = next((u for pattern, u in PROGRAMME_OF_TOPIC if pattern.search(line)), None)
    return f"Wilson Center {unit} ({line})" if unit else f"Wilson Center ({line})"


def hook(parsed: Parsed) -> None:
    """Programme line → listed_by; the citation → authors, date, venue; author cards → roles."""
    record = parsed.record
    if parsed.header:
        record.listed_by = name_lister(parsed.header[0])
    cards = _read_cards(parsed.sections.get("authors", []))
    citation = parse_citation(record.citation) if record.citation else None
    if citation:
        record.authors = [Author(name) for name in citation.authors] or record.authors
        record.date = record.date or citation.date
        record.publisher = record.publisher or citation.venue
        record.title = record.title or citation.title or ""
    elif record.citation:  # a book's citation has no quoted title: still take its date
        record.date = record.date or find_date(record.citation) or find_month(record.citation)
    if not record.authors:
        record.authors = [Author(name) for name in cards]
    for author in record.authors:
        author.affiliation = author.affiliation or cards.get(author.name)
    tags = parsed.sections.get("tags")
    if tags and not record.tags:
        record.tags = tags


def _read_cards(lines: list[str]) -> dict[str, str | None]:
    """Author cards: a name line, then perhaps a role line (``Professor, University of Iceland``)."""
    cards: dict[str, str | None] = {}
    last: str | None = None
    for line in lines:
        names = read_byline(line) if looks_like_name(line) else []
        if names:
            last = names[0]
            cards[last] = None
        elif last and cards[last] is None:
            cards[last] = line
    return cards
