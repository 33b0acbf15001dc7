"""Citations of a brief: a formatted reference plus BibTeX, RIS and CSL-JSON downloads.

CSL-JSON is built first; the other formats are derived from the same fields so they cannot
disagree. The formatted reference follows the Chicago notes-bibliography style (author names,
"Title," venue, series number, date, URL), which is what think-tank pages themselves print.
No citation library is used: citeproc-py ships no Chicago style without an extra, less-kept
style package, and the four formats are a few lines each.

The kind of work decides the type: a journal ``Article`` is a journal article (``article``,
``JOUR``, ``article-journal``); anything else from an institution (a commentary, a policy brief)
is a report (``techreport``, ``RPRT``, ``report``).
"""

from __future__ import annotations

import json
import re
import unicodedata

from research_digest.records.dates import MONTH_NAMES
from research_digest.records.schema import Author, Record
from research_digest.render.encode import one_line, one_line_all, web_url

JOURNAL_KINDS = frozenset({"article", "journal article", "research article"})
BIBTEX_SPECIALS = {
    "\\": r"\textbackslash{}",
    "{": r"\{",
    "}": r"\}",
    "&": r"\&",
    "%": r"\%",
    "$": r"\$",
    "#": r"\#",
    "_": r"\_",
    "~": r"\textasciitilde{}",
    "^": r"\textasciicircum{}",
}


def split_name(author: Author) -> tuple[str, str]:
    """(family, given): the last word is the family name ("Guðbjörg Ríkey Th. Hauksdóttir")."""
    words = author.name.split()
    if len(words) < 2:
        return author.name, ""
    return words[-1], " ".join(words[:-1])


def is_journal(record: Record) -> bool:
    return (record.kind or "").strip().lower() in JOURNAL_KINDS


def work_url(record: Record, page_url: str | None) -> str | None:
    """The original page if it is a web address, else this site's page (when its address is known)."""
    return web_url(record.source.url) or page_url


def to_csl(record: Record, page_url: str | None = None) -> dict:
    """CSL-JSON for one brief (the format Zotero and citeproc read), each field one line."""
    return one_line_all(_csl(record, page_url))


def _csl(record: Record, page_url: str | None) -> dict:
    item: dict = {"id": record.id, "type": "article-journal" if is_journal(record) else "report", "title": record.title}
    if record.authors:
        item["author"] = [
            {"family": f, "given": g} if g else {"literal": f} for f, g in map(split_name, record.authors)
        ]
    if record.date:
        item["issued"] = {"date-parts": [[int(p) for p in record.date.split("-")]]}
    if record.publisher:
        item["container-title" if is_journal(record) else "publisher"] = record.publisher
    if record.series and record.series.name:
        item["collection-title"] = record.series.name
    if record.series and record.series.number:
        item["number"] = record.series.number
    if record.kind and not is_journal(record):
        item["genre"] = record.kind
    if record.synopsis:
        item["abstract"] = record.synopsis
    url = work_url(record, page_url)
    if url:
        item["URL"] = url
    if record.source.doi:
        item["DOI"] = record.source.doi
    return item


def format_citation(record: Record, page_url: str | None = None) -> str:
    """Chicago-style reference as plain text (the template adds italics to the venue)."""
    names = []
    for i, author in enumerate(record.authors):
        family, given = split_name(author)
        names.append(f"{family}, {given}" if i == 0 and given else author.name)
    if len(names) > 1:
        authors = ", ".join(names[:-1]) + (", and " if len(names) > 2 else " and ") + names[-1]
    else:
        authors = names[0] if names else ""
    parts = [authors.rstrip(".") + "." if authors else "", f"“{record.title.rstrip('.')}.”"]
    venue = [record.publisher or ""]
    if record.series and (record.series.name or record.series.number):
        venue.append(" ".join(x for x in (record.series.name, record.series.number) if x))
    venue.append(human_date(record.date))
    parts.append(", ".join(v for v in venue if v) + ".")
    if record.source.doi:
        parts.append(f"https://doi.org/{record.source.doi}.")
    else:
        url = work_url(record, page_url)
        if url:
            parts.append(url + ".")
    return " ".join(p for p in parts if p and p != ".")


def human_date(date: str | None) -> str:
    """``2026-02-06`` → ``February 6, 2026`` (Chicago); coarser dates stay coarse."""
    if not date:
        return "n.d."
    parts = date.split("-")
    if len(parts) == 3:
        return f"{MONTH_NAMES[int(parts[1]) - 1]} {int(parts[2])}, {parts[0]}"
    if len(parts) == 2:
        return f"{MONTH_NAMES[int(parts[1]) - 1]} {parts[0]}"
    return parts[0]


def bibtex_escape(text: str) -> str:
    return "".join(BIBTEX_SPECIALS.get(ch, ch) for ch in text)


def citation_key(record: Record) -> str:
    """``balazs2026china``: family name, year, first word of the title, ASCII only."""
    family = split_name(record.authors[0])[0] if record.authors else (record.publisher or "anon")
    first_word = next((w for w in re.findall(r"\w+", record.title) if len(w) > 3), "brief")
    raw = f"{family}{(record.date or '')[:4]}{first_word}"
    return re.sub(
        r"[^a-z0-9]", "", unicodedata.normalize("NFKD", raw).encode("ascii", "ignore").decode().lower()
    ) or record.id.replace("-", "")


def to_bibtex(record: Record, page_url: str | None = None) -> str:
    """One biblatex-friendly BibTeX entry (UTF-8 kept; family names and title braced to keep capitals)."""
    csl = to_csl(record, page_url)
    esc = bibtex_escape
    fields: list[tuple[str, str]] = []
    if record.authors:
        fields.append(
            (
                "author",
                " and ".join(
                    f"{{{esc(f)}}}, {esc(g)}" if g else f"{{{esc(f)}}}" for f, g in map(split_name, record.authors)
                ),
            )
        )
    fields.append(("title", "{" + esc(record.title) + "}"))
    if is_journal(record):
        fields.append(("journal", esc(record.publisher or "")))
    else:
        fields.append(("institution", esc(record.publisher or "")))
        if record.kind:
            fields.append(("type", esc(record.kind)))
        if record.series and record.series.number:
            fields.append(("number", esc(record.series.number)))
    if record.date:
        fields.append(("year", record.date[:4]))
        if len(record.date) >= 7:
            fields.append(("month", str(int(record.date[5:7]))))
        fields.append(("date", record.date))
    if "DOI" in csl:
        fields.append(("doi", esc(csl["DOI"])))
    if "URL" in csl:
        fields.append(("url", csl["URL"].replace("{", "%7B").replace("}", "%7D")))
    kind = "article" if is_journal(record) else "techreport"
    body = ",\n".join(f"  {name} = {{{one_line(value)}}}" for name, value in fields if value)
    return f"@{kind}{{{citation_key(record)},\n{body}\n}}\n"


def to_ris(record: Record, page_url: str | None = None) -> str:
    """RIS (EndNote, Zotero, Mendeley): one tag per line, ``ER`` ends the record; a line break in
    a value would start another tag or record, so every value is folded onto one line."""
    csl = to_csl(record, page_url)
    lines = [("TY", "JOUR" if is_journal(record) else "RPRT"), ("TI", record.title)]
    lines += [("AU", f"{f}, {g}" if g else f) for f, g in map(split_name, record.authors)]
    if record.date:
        y, *rest = record.date.split("-")
        lines += [("PY", y), ("DA", "/".join([y] + rest + [""] * (2 - len(rest))) + "/")]
    if record.publisher:
        lines.append(("JO" if is_journal(record) else "PB", record.publisher))
    if record.series and record.series.name:
        lines.append(("T3", record.series.name))
    if record.series and record.series.number:
        lines.append(("SN" if is_journal(record) else "M1", record.series.number))
    if record.synopsis:
        lines.append(("AB", " ".join(record.synopsis.split())))
    if "DOI" in csl:
        lines.append(("DO", csl["DOI"]))
    if "URL" in csl:
        lines.append(("UR", csl["URL"]))
    lines.append(("ER", ""))
    return "".join(f"{tag}  - {one_line(value)}\r\n" for tag, value in lines)


def to_csl_json(record: Record, page_url: str | None = None) -> str:
    return json.dumps([to_csl(record, page_url)], ensure_ascii=False, indent=2, sort_keys=True) + "\n"


FORMATS = (("bib", "BibTeX", "cite.bib"), ("ris", "RIS", "cite.ris"), ("json", "CSL-JSON", "cite.json"))
"""(key, label, file name beside the brief's page) of each downloadable citation format."""


def all_formats(record: Record, page_url: str | None = None) -> list[tuple[str, str, str, str]]:
    """(key, label, file name, text) of each format: the page shows each in a ``<pre>`` with a
    download link (and a copy button where scripts run); the files hold the same text."""
    texts = {"bib": to_bibtex(record, page_url), "ris": to_ris(record, page_url), "json": to_csl_json(record, page_url)}
    return [(key, label, name, texts[key]) for key, label, name in FORMATS]
