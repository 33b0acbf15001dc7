"""Evaluate the generic path on real pages: ours against trafilatura, readability-lxml and justext.

    PYTHONPATH=src .venv/bin/python bench/pages.py [--half heldout|tuning|both] [--show NAME]

The corpus is ``tests/corpus/readability/`` (Mozilla Readability's test pages, built by
``bench/pages_corpus.py``), split by a hash of each page's name into a **tuning** half (rules and
weights may be fitted to it) and a **held-out** half (never looked at to write a rule). Every page
is read in two forms: the saved HTML, and the copied text (``document.body.innerText`` from
headless Chromium with JavaScript off). The libraries get the copied text one line per ``<p>``.

Metrics, each printed per tool, form and half:

- **body F1**: shingle F1 against ``expected.txt`` (Readability's expected article). Both texts are
  lower-cased and cut into tokens: a word for space-separated scripts, one character for CJK
  (Han, kana, Hangul), so a Chinese page counts as much as an English one. A shingle is a run of
  4 consecutive tokens (a multiset); precision is the share of our shingles found in the expected
  text, recall the share of the expected shingles we found; F1 per page, averaged over pages
  (an empty output scores 0);
- **title**: the title equals the expected one after folding case, spaces and quotes, allowing a
  site name split off by `` | ``, `` - ``, `` – ``, `` — ``, ``_`` or `` :: `` on either side;
- **authors**: the set of names equals the expected set (Readability's byline, split at commas and
  "and", "By"/"Par" and parentheses dropped; ``tests/corpus/readability-gold-fixes.yaml`` fixes
  bylines that are not names); a page with no byline is right only with no authors;
- **date**: ``yyyy-mm-dd`` equals the expected ``publishedTime``, on the pages that have one;
- **refused**: pages that raised an error although their input holds the article (at least half
  of its expected shingles).

Speed, in the same run and the same process, CPU time (``process_time``): pages per second for
cleaning the HTML (ours, trafilatura with metadata), and for our whole ingest of the HTML page
(cleaning, then claims and dated events). ``scores()`` returns the held-out figures as a dict for
the quality gate.
"""

from __future__ import annotations

import argparse
import gzip
import html
import json
import re
import sys
import time
import warnings
from collections import Counter
from collections.abc import Callable
from pathlib import Path

import yaml

ROOT = Path(__file__).resolve().parent.parent
CORPUS = ROOT / "tests" / "corpus" / "readability"
FIXES = ROOT / "tests" / "corpus" / "readability-gold-fixes.yaml"
SHINGLE = 4
_CJK = "\u3040-\u30ff\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff\uac00-\ud7af"
_TOKEN = re.compile(rf"[{_CJK}]|[^\W{_CJK}]+")
_SITE_SEP = re.compile(r"\s+[|–—:-]{1,2}\s+|\s*_\s*|\s+::\s+")
TOOLS = ("ours", "trafilatura", "readability", "justext")
FORMS = ("html", "copied")


def load_corpus() -> list[dict]:
    """Every page of the corpus with its half, both forms and expected text and metadata."""
    split = json.loads((CORPUS / "split.json").read_text(encoding="utf-8"))
    fixes = yaml.safe_load(FIXES.read_text(encoding="utf-8")) or {}
    pages = []
    for name in sorted(split):
        d = CORPUS / name
        meta = json.loads((d / "metadata.json").read_text(encoding="utf-8"))
        meta.update(fixes.get(name, {}))
        pages.append(
            {
                "name": name,
                "half": split[name],
                "html": gzip.decompress((d / "source.html.gz").read_bytes()),
                "copied": (d / "copied.txt").read_text(encoding="utf-8"),
                "expected": (d / "expected.txt").read_text(encoding="utf-8"),
                "title": meta.get("title") or "",
                "authors": gold_names(meta.get("byline")),
                "date": (meta.get("publishedTime") or "")[:10] or None,
            }
        )
    return pages


# --- metrics -------------------------------------------------------------------------------------


def shingles(text: str) -> Counter:
    tokens = _TOKEN.findall(text.lower())
    if len(tokens) < SHINGLE:
        return Counter([tuple(tokens)]) if tokens else Counter()
    return Counter(tuple(tokens[i : i + SHINGLE]) for i in range(len(tokens) - SHINGLE + 1))


def body_f1(got: str, want: str) -> tuple[float, float, float]:
    """Precision, recall and F1 of ``got``'s shingles against ``want``'s."""
    g, w = shingles(got), shingles(want)
    if not g or not w:
        return 0.0, 0.0, float(not g and not w)
    hit = sum((g & w).values())
    p, r = hit / sum(g.values()), hit / sum(w.values())
    return p, r, 2 * p * r / (p + r) if p + r else 0.0


def _fold(text: str) -> str:
    text = text.replace("’", "'").replace("‘", "'").replace("“", '"').replace("”", '"')
    return " ".join(text.casefold().split())


def title_ok(got: str | None, want: str) -> bool:
    g, w = _fold(got or ""), _fold(want)
    if not g or not w:
        return g == w
    parts = lambda t: {p.strip() for p in _SITE_SEP.split(t) if p.strip()}  # noqa: E731
    prefix = lambda a, b: b.startswith(a) and bool(_SITE_SEP.match(b[len(a) :]))  # noqa: E731
    return g == w or g in parts(w) or w in parts(g) or prefix(g, w) or prefix(w, g)


def gold_names(byline: str | None) -> tuple[frozenset[str], str]:
    """Readability's byline as a set of folded names, and as one folded string."""
    if not byline:
        return frozenset(), ""
    text = re.sub(r"\([^)]*\)?|https?://\S+", " ", byline)
    text = re.sub(r"^\s*(written\s+by|by|par|von|por)\s+", "", text.strip(), flags=re.I)
    whole = " ".join(text.split()).casefold()
    return _names(re.split(r"\s*(?:,|;|\n|\band\b|&|\bet\b|\by\b|\bund\b)\s*", text)), whole


def authors_ok(got: list[str], want: tuple[frozenset[str], str]) -> bool:
    """The same set of names; or, for a byline that does not split into names (``Jong, Michiel de``,
    ``Mac & i``), the same text."""
    names, whole = want
    return _names(got) == names or (bool(got) and " ".join(" ".join(got).split()).casefold() == whole)


def _names(names) -> frozenset[str]:
    out = set()
    for n in names:
        n = re.sub(r"^\s*(by|par|von|por)\s+", "", n.strip(), flags=re.I)
        n = " ".join(n.split()).casefold()
        if n and not re.fullmatch(r"(ma|md|phd|mph|rn)", n):
            out.add(n)
    return frozenset(out)


# --- tools ---------------------------------------------------------------------------------------


def wrap(text: str) -> str:
    """A text dump as minimal HTML, one line per paragraph, for the libraries that read HTML."""
    paras = "".join(f"<p>{html.escape(line.strip())}</p>\n" for line in text.split("\n") if line.strip())
    return f"<html><head><title></title></head><body>\n{paras}</body></html>"


def make_tools() -> dict[str, Callable[[dict, str], dict]]:
    """Each tool as ``f(page, form) -> {title, authors, date, body}``; raises on refusal."""
    from research_digest.readers import decode_page
    from research_digest.sources import parse_page

    def ours(page: dict, form: str) -> dict:
        raw = page["html"] if form == "html" else page["copied"].encode("utf-8")
        suffix = ".html" if form == "html" else ".txt"
        record = parse_page(decode_page(raw, Path(page["name"] + suffix)))
        return {
            "title": record.title,
            "authors": [a.name for a in record.authors],
            "date": record.date,
            "body": "\n".join(b.text for b in record.body),
        }

    def source(page: dict, form: str) -> str:
        return page["html"].decode("utf-8", "replace") if form == "html" else wrap(page["copied"])

    def trafilatura_(page: dict, form: str) -> dict:
        import trafilatura

        doc = trafilatura.bare_extraction(source(page, form), with_metadata=True)
        if doc is None:
            raise ValueError("trafilatura found nothing")
        return {
            "title": doc.title,
            "authors": [a.strip() for a in (doc.author or "").split(";") if a.strip()],
            "date": (doc.date or "")[:10] or None,
            "body": doc.text or "",
        }

    def readability_(page: dict, form: str) -> dict:
        import lxml.html
        from readability import Document

        doc = Document(source(page, form))
        body = lxml.html.fromstring(doc.summary())
        return {"title": doc.short_title(), "authors": [], "date": None, "body": "\n".join(body.itertext())}

    def justext_(page: dict, form: str) -> dict:
        import justext

        paras = justext.justext(source(page, form).encode("utf-8"), justext.get_stoplist("English"))
        return {
            "title": None,
            "authors": [],
            "date": None,
            "body": "\n".join(p.text for p in paras if not p.is_boilerplate),
        }

    return {"ours": ours, "trafilatura": trafilatura_, "readability": readability_, "justext": justext_}


# --- the run -------------------------------------------------------------------------------------


def evaluate(pages: list[dict], tools: tuple[str, ...] = TOOLS) -> dict:
    """Score every tool on every page and form; returns per-page results and CPU seconds per tool."""
    impl = make_tools()
    results: dict[tuple[str, str], dict[str, dict]] = {}
    cpu: dict[tuple[str, str], float] = {}
    for tool in tools:
        for form in FORMS:
            key = (tool, form)
            results[key], cpu[key] = {}, 0.0
            for page in pages:
                start = time.process_time()
                try:
                    got = impl[tool](page, form)
                    error = None
                except Exception as exc:  # noqa: BLE001 - a refusal or a library failure, scored as empty
                    got, error = {"title": None, "authors": [], "date": None, "body": ""}, str(exc)
                cpu[key] += time.process_time() - start
                p, r, f = body_f1(got["body"], page["expected"])
                inp = page["html"].decode("utf-8", "replace") if form == "html" else page["copied"]
                has_article = error is not None and body_f1(inp, page["expected"])[1] >= 0.5
                results[key][page["name"]] = {
                    "precision": p,
                    "recall": r,
                    "f1": f,
                    "title": title_ok(got["title"], page["title"]),
                    "authors": authors_ok(got["authors"], page["authors"]),
                    "date": (got["date"] or "")[:10] == page["date"] if page["date"] else None,
                    "refused": bool(has_article),
                    "error": error,
                }
    return {"results": results, "cpu": cpu}


def summarise(rows: dict[str, dict], names: list[str]) -> dict[str, float]:
    picked = [rows[n] for n in names]
    dated = [r["date"] for r in picked if r["date"] is not None]
    mean = lambda xs: sum(xs) / len(xs) if xs else 0.0  # noqa: E731
    return {
        "f1": mean([r["f1"] for r in picked]),
        "precision": mean([r["precision"] for r in picked]),
        "recall": mean([r["recall"] for r in picked]),
        "title": mean([float(r["title"]) for r in picked]),
        "authors": mean([float(r["authors"]) for r in picked]),
        "date": mean([float(d) for d in dated]),
        "dated": len(dated),
        "refused": sum(r["refused"] for r in picked),
        "pages": len(picked),
    }


def ingest_speed(pages: list[dict]) -> float:
    """Pages per CPU second for our whole ingest of the HTML form: cleaning, claims and events."""
    from research_digest import extract as claims_and_events
    from research_digest.ingest import finish_record
    from research_digest.readers import decode_page
    from research_digest.sources import parse_page

    gazetteer = claims_and_events.load_gazetteer(None)
    done, start = 0, time.process_time()
    for page in pages:
        p = decode_page(page["html"], Path(page["name"] + ".html"))
        try:
            record = finish_record(parse_page(p), p, None)
        except Exception:  # noqa: BLE001 - refused pages count, as they cost time too
            continue
        finally:
            done += 1
        claims_and_events.annotate(record, gazetteer)
    return done / (time.process_time() - start)


def scores(tools: tuple[str, ...] = ("ours",)) -> dict[str, float]:
    """Held-out figures for the quality gate (``tests/quality``): body F1, title, authors, date per form."""
    pages = load_corpus()
    run = evaluate(pages, tools)
    held = [p["name"] for p in pages if p["half"] == "heldout"]
    out: dict[str, float] = {}
    for (tool, form), rows in run["results"].items():
        s = summarise(rows, held)
        for metric in ("f1", "title", "authors", "date", "refused"):
            out[f"{tool}.{form}.{metric}"] = s[metric]
    return out


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--half", choices=("heldout", "tuning", "both"), default="both")
    parser.add_argument("--tools", default=",".join(TOOLS))
    parser.add_argument("--show", action="store_true", help="per-page figures for ours (tuning half only)")
    args = parser.parse_args(argv)
    warnings.filterwarnings("ignore")
    import logging

    logging.disable(logging.CRITICAL)
    pages = load_corpus()
    tools = tuple(args.tools.split(","))
    run = evaluate(pages, tools)
    halves = ("tuning", "heldout") if args.half == "both" else (args.half,)
    print(
        f"{len(pages)} real pages (Mozilla Readability test pages), shingle F1 (k={SHINGLE}); "
        "machine shared, CPU times\n"
    )
    print("| half | form | tool | pages | body F1 | precision | recall | title | authors | date (n) | refused |")
    print("|---|---|---|---:|---:|---:|---:|---:|---:|---:|---:|")
    for half in halves:
        names = [p["name"] for p in pages if p["half"] == half]
        for form in FORMS:
            for tool in tools:
                s = summarise(run["results"][(tool, form)], names)
                print(
                    f"| {half} | {form} | {tool} | {s['pages']} | {s['f1']:.3f} | {s['precision']:.3f} | "
                    f"{s['recall']:.3f} | {s['title']:.0%} | {s['authors']:.0%} | {s['date']:.0%} ({s['dated']}) "
                    f"| {s['refused']} |"
                )
    if args.show:
        for form in FORMS:
            for page in pages:
                r = run["results"][("ours", form)][page["name"]]
                if page["half"] == "tuning":
                    print(
                        f"{form:6} {page['name']:32} f1 {r['f1']:.2f} p {r['precision']:.2f} r {r['recall']:.2f} "
                        f"title {int(r['title'])} authors {int(r['authors'])} date {r['date']} {r['error'] or ''}"
                    )
    if "ours" in tools and "trafilatura" in tools:
        n = len(pages)
        ours = n / run["cpu"][("ours", "html")]
        traf = n / run["cpu"][("trafilatura", "html")]
        whole = ingest_speed(pages)
        print(f"\nSpeed over all {n} HTML pages, same run, CPU time (shared, loaded machine):")
        print(f"  cleaning HTML: ours {ours:.1f} pages/s, trafilatura {traf:.1f} pages/s: {ours / traf:.2f}x")
        print(
            f"  whole ingest (cleaning + claims + events): {whole:.1f} pages/s: "
            f"{whole / traf:.2f}x trafilatura's cleaning"
        )
    return 0


if __name__ == "__main__":
    sys.exit(main())
