"""Write a synthetic but realistic corpus of N briefs, for ``digest build`` and for Pelican.

    python bench/make_corpus.py 10000 /tmp/corpus [--seed 1] [--sources]

writes
    OUT/content/briefs/<id>.yaml       N records, valid under records/schema.py
    OUT/content/sources/<id>.txt       (with --sources) the same briefs as browser text dumps
    OUT/pelican/content/<id>.md        the same content as Pelican Markdown articles
    OUT/pelican/pelicanconf.py         a minimal Pelican configuration

Each brief has about 900 words in 6 to 12 paragraphs (with two or three section headings),
block ids derived from the text as ``digest ingest`` derives them, 2 to 5 claims and 3 to 8
dated events anchored to the sentences that state them, 2 to 5 tags, 1 to 3 authors, a
publisher, and a date between 2005 and 2026. Record i depends only on (seed, i), so the same
arguments always give byte-identical files, and a larger corpus contains the smaller one.
"""

from __future__ import annotations

import argparse
import hashlib
import random
import sys
from dataclasses import dataclass, field
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
sys.path.insert(0, str(Path(__file__).resolve().parent.parent / "src"))

import phrases as P  # noqa: E402

from research_digest.records.schema import (  # noqa: E402
    Anchor,
    Author,
    Block,
    Claim,
    Event,
    Record,
    Series,
    Source,
)
from research_digest.records.yamlio import dump_record  # noqa: E402

WORDS_PER_BRIEF = 820
"""Target before the last sentence of each paragraph overshoots it: gives about 900 words."""
ACTORS = P.STATES + P.ORGANISATIONS


@dataclass
class Sentence:
    text: str
    claim: tuple[str, list[str]] | None = None
    """(kind, actors) when the sentence states a claim."""
    event: dict | None = None
    """Event fields (date, precision, when, summary, actors, places) when it reports one."""


@dataclass
class Draft:
    sentences: list[list[Sentence]] = field(default_factory=list)
    headings: dict[int, str] = field(default_factory=dict)
    """Paragraph index → heading placed before it."""


def cap(text: str) -> str:
    return text[0].upper() + text[1:]


def actor_name(name: str) -> str:
    """How the gazetteer would list an actor: without a leading article."""
    return name[4:] if name.startswith("the ") else name


def make_event_sentence(rng: random.Random, year: int, cast: list[str]) -> Sentence:
    a, b = rng.sample(cast, 2)
    verb, obj = rng.choice(P.EVENT_VERBS)
    place = rng.choice(P.PLACES)
    precision = rng.choice(("year", "month", "month", "day"))
    month = rng.randrange(12)
    if precision == "year":
        when, date = f"In {year}", f"{year}"
    elif precision == "month":
        when, date = f"In {P.MONTHS[month]} {year}", f"{year}-{month + 1:02d}"
    else:
        day = rng.randint(1, 28)
        when, date = f"On {day} {P.MONTHS[month]} {year}", f"{year}-{month + 1:02d}-{day:02d}"
    subject = f"{a} and {b}" if rng.random() < 0.6 else a
    target = f"{obj} in {place}" if obj else place
    clause = f"{subject} {verb} {target}"
    actors = [actor_name(a)] + ([actor_name(b)] if " and " in subject else [])
    return Sentence(
        f"{when}, {clause}.",
        event={
            "date": date,
            "precision": precision,
            "when": when,
            "summary": clause,
            "actors": sorted(set(actors)),
            "places": [actor_name(place)],
        },
    )


def fill(template: str, rng: random.Random, cast: list[str]) -> tuple[str, list[str]]:
    a, b = rng.sample(cast, 2)
    place = rng.choice(P.PLACES)
    text = template.format(a=a, b=b, A=cap(a), B=cap(b), p=place)
    used = [actor_name(x) for x, keys in ((a, ("{a}", "{A}")), (b, ("{b}", "{B}"))) if any(k in template for k in keys)]
    return cap(text), sorted(set(used))


def make_draft(rng: random.Random, year: int, cast: list[str], n_events: int, n_claims: int) -> Draft:
    draft = Draft()
    n_paragraphs = rng.randint(6, 12)
    words_per_paragraph = WORDS_PER_BRIEF / n_paragraphs
    special = ["event"] * n_events + ["claim"] * n_claims
    rng.shuffle(special)
    slots = sorted(rng.sample(range(n_paragraphs * 3), len(special))) if special else []
    plan = {slot: kind for slot, kind in zip(slots, special)}
    for i in range(n_paragraphs):
        paragraph: list[Sentence] = []
        words = 0
        position = 0
        while words < words_per_paragraph or position < 2:
            kind = plan.pop(i * 3 + position, None) if position < 3 else None
            if kind == "event":
                sentence = make_event_sentence(rng, rng.randint(max(1990, year - 15), year), cast)
            elif kind == "claim":
                text, actors = fill(rng.choice(P.CLAIM_TEMPLATES), rng, cast)
                sentence = Sentence(text, claim=(rng.choice(P.CLAIM_KINDS), actors))
            else:
                sentence = Sentence(fill(rng.choice(P.FILLER_TEMPLATES), rng, cast)[0])
            paragraph.append(sentence)
            words += len(sentence.text.split())
            position += 1
        draft.sentences.append(paragraph)
    for index in sorted(rng.sample(range(1, n_paragraphs), rng.randint(2, 3))):
        draft.headings[index] = rng.choice(P.HEADINGS)
    return draft


def block_id(text: str, kind: str, seen: dict[str, int]) -> str:
    """As ``digest ingest`` derives it: from the text, numbered when a text repeats."""
    digest = hashlib.sha1(" ".join(text.split()).encode("utf-8")).hexdigest()[:8]
    bid = ("h-" if kind == "heading" else "p-") + digest
    seen[bid] = seen.get(bid, 0) + 1
    return bid if seen[bid] == 1 else f"{bid}-{seen[bid]}"


SHAPES = ("spread", "programme")
"""``spread``: each brief has its own cast of 5 actors and 2-5 of the tags; ``programme``: every
brief shares the same 10 tags and draws its actors from one cast of 20, as the briefs of one
research programme do (the worst case for term pages: every term lists every brief)."""
PROGRAMME_CAST = 20
PROGRAMME_TAGS = 10


def make_record(seed: int, index: int, shape: str = "spread") -> Record:
    """Brief number ``index``: depends only on (seed, index, shape)."""
    rng = random.Random(f"{seed}:{index}")
    publisher, kind, series_prefix = rng.choice(P.PUBLISHERS)
    year = rng.randint(2005, 2026)
    date = f"{year}-{rng.randint(1, 12):02d}-{rng.randint(1, 28):02d}"
    cast = rng.sample(P.STATES, 3) + rng.sample(P.ORGANISATIONS, 2)
    if shape == "programme":
        programme = (P.STATES + P.ORGANISATIONS)[:PROGRAMME_CAST]
        cast = cast[:2] + [a for a in rng.sample(programme, PROGRAMME_CAST) if a not in cast[:2]]
        cast = [a for a in cast if a in programme] or programme
    title = rng.choice(P.TITLE_TEMPLATES).format(
        A=cap(cast[0]), B=cap(cast[1]), P=rng.choice(P.PLACES), x=rng.choice(P.TITLE_PHRASES)
    )
    record_id = f"brief-{index:05d}-" + "-".join(
        "".join(ch for ch in w.lower() if ch.isascii() and ch.isalnum()) for w in title.split()[:5]
    ).strip("-")
    record_id = "-".join(part for part in record_id.split("-") if part)
    draft = make_draft(rng, year, cast, rng.randint(3, 8), rng.randint(2, 5))
    body, claims, events, seen = [], [], [], {}
    for i, paragraph in enumerate(draft.sentences):
        if i in draft.headings:
            body.append(Block(block_id(draft.headings[i], "heading", seen), draft.headings[i], "heading"))
        text = " ".join(s.text for s in paragraph)
        block = Block(block_id(text, "paragraph", seen), text)
        body.append(block)
        for n, sentence in enumerate(paragraph):
            if sentence.claim:
                claims.append(
                    Claim(
                        f"c-{len(claims) + 1}", sentence.text, sentence.claim[0], Anchor(block.id, n), sentence.claim[1]
                    )
                )
            if sentence.event:
                e = sentence.event
                events.append(
                    Event(
                        f"e-{len(events) + 1}",
                        e["summary"],
                        Anchor(block.id, n),
                        e["date"],
                        e["precision"],
                        None,
                        e["when"],
                        e["actors"],
                        e["places"],
                    )
                )
    authors = []
    for _ in range(rng.choice((1, 1, 2, 2, 3))):
        name = f"{rng.choice(P.FIRST_NAMES)} {rng.choice(P.LAST_NAMES)}"
        if all(a.name != name for a in authors):
            authors.append(Author(name, f"{rng.choice(P.ROLES)}, {publisher}"))
    synopsis = draft.sentences[0][0].text
    series = (
        Series(f"{publisher} {kind}", f"{series_prefix}{year % 100:02d}{index % 1000:03d}") if series_prefix else None
    )
    return Record(
        id=record_id,
        title=title,
        authors=authors,
        date=date,
        publisher=publisher,
        kind=kind,
        series=series,
        source=Source(f"content/sources/{record_id}.txt", hashlib.sha256(title.encode()).hexdigest(), "generic"),
        synopsis=synopsis,
        tags=sorted(P.TAGS[:PROGRAMME_TAGS] if shape == "programme" else rng.sample(P.TAGS, rng.randint(2, 5))),
        body=body,
        claims=claims,
        events=events,
    )


def to_page_dump(record: Record) -> str:
    """The brief as text copied from a browser: title, byline, date, synopsis, then the body."""
    lines = [
        record.title,
        "",
        "By " + " and ".join(a.name for a in record.authors),
        record.date or "",
        record.publisher or "",
        "",
        "Synopsis",
        "",
        record.synopsis or "",
        "",
    ]
    for block in record.body:
        lines += [block.text, ""]
    return "\n".join(lines)


def to_pelican(record: Record) -> str:
    """The same brief as a Pelican Markdown article; claims and events as lists, as our page shows them."""
    head = [
        f"Title: {record.title}",
        f"Date: {record.date}",
        f"Slug: {record.id}",
        f"Authors: {'; '.join(a.name for a in record.authors)}",
        f"Category: {record.publisher}",
        f"Tags: {', '.join(record.tags)}",
        f"Summary: {record.synopsis}",
        "",
    ]
    body = []
    for block in record.body:
        body.append(("## " if block.kind == "heading" else "") + block.text)
        body.append("")
    body += ["## Claims", ""] + [f"- *{c.kind}*: {c.text}" for c in record.claims] + [""]
    body += ["## Events", ""] + [f"- **{e.date}** {e.summary} ({', '.join(e.actors)})" for e in record.events]
    return "\n".join(head + body) + "\n"


PELICANCONF = """\
# Pelican settings for the benchmark corpus (bench/make_corpus.py). Defaults otherwise.
AUTHOR = "Research Digest bench"
SITENAME = "Research Digest (Pelican)"
SITEURL = ""
PATH = "content"
TIMEZONE = "UTC"
DEFAULT_LANG = "en"
RELATIVE_URLS = True
DEFAULT_PAGINATION = False
ARTICLE_URL = "briefs/{slug}/"
ARTICLE_SAVE_AS = "briefs/{slug}/index.html"
FEED_ALL_ATOM = "feed.xml"
CATEGORY_FEED_ATOM = None
TRANSLATION_FEED_ATOM = None
AUTHOR_FEED_ATOM = None
AUTHOR_FEED_RSS = None
CACHE_PATH = "cache"
"""


def write_if_changed(path: Path, text: str) -> None:
    data = text.encode("utf-8")
    try:
        if path.read_bytes() == data:
            return
    except FileNotFoundError:
        pass
    path.write_bytes(data)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(
        description=__doc__.split("\n\n")[0], epilog="Example: python bench/make_corpus.py 1000 /tmp/corpus-1k"
    )
    parser.add_argument("count", type=int, help="number of briefs")
    parser.add_argument("out", type=Path, help="output directory")
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument("--shape", choices=SHAPES, default="spread", help="spread-out terms or one programme")
    parser.add_argument("--sources", action="store_true", help="also write text page dumps to content/sources/")
    args = parser.parse_args(argv)
    briefs = args.out / "content" / "briefs"
    articles = args.out / "pelican" / "content"
    sources = args.out / "content" / "sources"
    for directory in (briefs, articles) + ((sources,) if args.sources else ()):
        directory.mkdir(parents=True, exist_ok=True)
    wanted = set()
    for index in range(args.count):
        record = make_record(args.seed, index, args.shape)
        wanted.add(record.id)
        write_if_changed(briefs / f"{record.id}.yaml", dump_record(record))
        write_if_changed(articles / f"{record.id}.md", to_pelican(record))
        if args.sources:
            write_if_changed(sources / f"{record.id}.txt", to_page_dump(record))
    for directory, suffix in ((briefs, ".yaml"), (articles, ".md")):  # a smaller N over a larger corpus
        for stale in directory.glob("*" + suffix):
            if stale.stem not in wanted:
                stale.unlink()
    write_if_changed(args.out / "pelican" / "pelicanconf.py", PELICANCONF)
    print(f"wrote {args.count} briefs to {briefs} and {articles}", file=sys.stderr)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
