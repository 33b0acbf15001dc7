"""Benchmark the page extraction: our profiles against trafilatura and boilerpy3, side by side.

    PYTHONPATH=src python bench/ingest.py [--pages 2000]

Builds ``--pages`` pages from the fixtures (the seeds with their gold bodies, and the pages of
``tests/pages/`` with the bodies written by hand in ``expect.yaml``), each a copy with small
deterministic variations of its chrome (extra menu lines, a share bar, a footer line, blank lines,
an HTML comment): the expected body stays the same. Each tool runs in its own child process, on
one core, over the same pages read from disk: ours reads the text dumps and saved HTML as they
are; trafilatura and boilerpy3 get each text dump wrapped one line per ``<p>`` in minimal HTML
(and saved HTML as it is). Printed per tool: pages per second of CPU time (``process_time``, so
that other load on a shared machine does not skew the comparison; wall-clock figures beside it),
peak memory of the child (RSS,
interpreter and libraries included) and its growth while extracting, paragraph-level body F1
(micro-averaged over all pages), and how often the title and the full author list are right.
"""

from __future__ import annotations

import argparse
import html
import json
import resource
import subprocess
import sys
import tempfile
import time
from collections.abc import Iterable
from pathlib import Path

import yaml

ROOT = Path(__file__).resolve().parent.parent
TOOLS = ("research-digest", "trafilatura", "boilerpy3", "research-digest+extract")
"""The first row is the page cleaning that trafilatura and boilerpy3 also do; the last is our whole
ingest of a page (cleaning plus claims and dated events), which they do not attempt."""


def load_fixtures() -> list[dict]:
    """Every fixture page with its expected title, authors and body, in a fixed order."""
    fixtures = []
    for gold_path in sorted((ROOT / "tests" / "gold").glob("*.yaml")):
        gold = yaml.safe_load(gold_path.read_text(encoding="utf-8"))
        page = ROOT / "content" / "sources" / gold["source"]
        fixtures.append(
            {
                "name": page.name,
                "raw": page.read_bytes(),
                "title": gold["title"],
                "authors": gold["authors"],
                "body": gold["body"],
            }
        )
    pages = ROOT / "tests" / "pages"
    expect = yaml.safe_load((pages / "expect.yaml").read_text(encoding="utf-8"))
    for name in sorted(expect):
        if "error" in expect[name]:
            continue
        fixtures.append(
            {
                "name": name.replace("/", "-"),
                "raw": (pages / name).read_bytes(),
                "title": expect[name]["title"],
                "authors": expect[name]["authors"],
                "body": expect[name]["body"],
            }
        )
    return fixtures


def vary(raw: bytes, name: str, k: int) -> bytes:
    """Copy ``k`` of a page, its chrome changed a little and deterministically; the article untouched."""
    text = raw.decode("utf-8")
    if name.endswith(".html"):
        extra = f'<nav class="v{k}"><ul><li><a href="/a{k}">Section {k % 17}</a></li><li><a>Archive</a></li></ul></nav>'
        text = text.replace("<body", f"<!-- variant {k} --><body", 1)
        return text.replace("</footer>", f"<p>Page {k}</p></footer>", 1).replace("<main", extra + "<main", 1).encode()
    lines = text.split("\n")
    style = k % 4
    if style == 1:
        lines = ["Skip to content", f"Section {k % 17}", "Newsletters", *lines, f"Page views: {k}"]
    elif style == 2:
        lines = [line + ("  " if i % 3 else "") for i, line in enumerate(lines)]
        lines = [x for line in lines for x in (line, "")]
    elif style == 3:
        lines = [*lines[:1], "Share", "Facebook", "LinkedIn", *lines[1:], "Back to top"]
    return "\n".join(lines).encode("utf-8")


def build_corpus(n: int, out: Path) -> list[dict]:
    """Write ``n`` page variants (and their <p>-wrapped HTML) to ``out``; returns their expectations."""
    fixtures = load_fixtures()
    corpus = []
    for k in range(n):
        fx = fixtures[k % len(fixtures)]
        raw = vary(fx["raw"], fx["name"], k)
        suffix = ".html" if fx["name"].endswith(".html") else ".txt"
        page = out / f"{k:05d}-{Path(fx['name']).stem}{suffix}"
        page.write_bytes(raw)
        wrapped = out / f"{k:05d}.wrapped.html"
        if suffix == ".html":
            wrapped.write_bytes(raw)
        else:
            paras = "".join(
                f"<p>{html.escape(line.strip())}</p>\n" for line in raw.decode().split("\n") if line.strip()
            )
            wrapped.write_text(f"<html><head><title></title></head><body>\n{paras}</body></html>", encoding="utf-8")
        corpus.append(
            {
                "page": str(page),
                "wrapped": str(wrapped),
                "title": fx["title"],
                "authors": fx["authors"],
                "body": fx["body"],
            }
        )
    return corpus


def _norm(text: str) -> str:
    return " ".join(text.split())


def our_extractor(with_claims: bool = False):
    """Our ingest of one corpus item: (title, author names, body paragraphs)."""
    from research_digest import extract as claims_and_events
    from research_digest.ingest import finish_record
    from research_digest.readers import read_page
    from research_digest.sources import parse_page

    gazetteer = claims_and_events.load_gazetteer(None) if with_claims else None

    def extract(item):
        page = read_page(item["page"])
        record = finish_record(parse_page(page), page, None)
        if gazetteer is not None:
            claims_and_events.annotate(record, gazetteer)
        return record.title, [a.name for a in record.authors], [b.text for b in record.body]

    return extract


def run_tool(tool: str, corpus: list[dict]) -> dict:
    """Extract every page with one tool; returns timings, memory and accuracy (runs in a child)."""
    if tool.startswith("research-digest"):
        extract = our_extractor(with_claims=tool.endswith("+extract"))
    elif tool == "trafilatura":
        import trafilatura

        def extract(item):
            doc = trafilatura.bare_extraction(Path(item["wrapped"]).read_text(encoding="utf-8"), with_metadata=True)
            if doc is None:
                return None, [], []
            authors = [a.strip() for a in (doc.author or "").split(";") if a.strip()]
            return doc.title, authors, (doc.text or "").split("\n")
    else:
        from boilerpy3 import extractors

        extractor = extractors.ArticleExtractor()

        def extract(item):
            doc = extractor.get_doc(Path(item["wrapped"]).read_text(encoding="utf-8"))
            return doc.title, [], doc.content.split("\n")

    extract(corpus[0])  # warm up imports and caches outside the timing
    rss_before = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    start, wall = time.process_time(), time.perf_counter()
    quality = score_extractions(corpus, (extract(item) for item in corpus))  # one page in memory at a time
    seconds, wall = time.process_time() - start, time.perf_counter() - wall
    return {
        "tool": tool,
        "pages": len(corpus),
        "seconds": seconds,
        "wall": wall,
        "peak_mb": resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024,
        "growth_mb": (resource.getrusage(resource.RUSAGE_SELF).ru_maxrss - rss_before) / 1024,
        "f1": quality["body_f1"],
        "precision": quality["body_precision"],
        "recall": quality["body_recall"],
        "title_ok": quality["title_ok"],
        "authors_ok": quality["authors_ok"],
    }


def score_extractions(corpus: list[dict], results: Iterable[tuple]) -> dict[str, float]:
    """Paragraph-level body precision, recall and F1 (micro-averaged over all pages), and the share
    of pages whose title and whose full author list are right. ``results`` holds one
    ``(title, authors, body paragraphs)`` per corpus item."""
    hits = got_n = want_n = titles = authors = 0
    for item, (title, names, body) in zip(corpus, results, strict=True):
        got = [_norm(p) for p in body if p.strip()]
        want = [_norm(p) for p in item["body"]]
        remaining = list(want)
        for paragraph in got:
            if paragraph in remaining:
                remaining.remove(paragraph)
                hits += 1
        got_n, want_n = got_n + len(got), want_n + len(want)
        titles += _norm(title or "") == _norm(item["title"])
        authors += names == item["authors"]
    precision, recall = hits / max(got_n, 1), hits / max(want_n, 1)
    return {
        "body_f1": 2 * precision * recall / max(precision + recall, 1e-9),
        "body_precision": precision,
        "body_recall": recall,
        "title_ok": titles / len(corpus),
        "authors_ok": authors / len(corpus),
    }


def scores() -> dict[str, float]:
    """Our page cleaning's quality on every fixture page once (the seeds and tests/pages/), in this
    process: what the quality gate (bench/gate.py, tests/quality/floors.yaml) holds to its floors."""
    with tempfile.TemporaryDirectory(prefix="digest-gate-") as tmp:
        corpus = build_corpus(len(load_fixtures()), Path(tmp))
        extract = our_extractor()
        return score_extractions(corpus, (extract(item) for item in corpus))


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--pages", type=int, default=2000, help="pages to build and extract (default 2000)")
    parser.add_argument("--tools", default=",".join(TOOLS), help="comma-separated subset of " + ", ".join(TOOLS))
    parser.add_argument("--worker", help=argparse.SUPPRESS)
    parser.add_argument("--corpus", help=argparse.SUPPRESS)
    args = parser.parse_args(argv)
    if args.worker:
        corpus = json.loads(Path(args.corpus).read_text(encoding="utf-8"))
        print(json.dumps(run_tool(args.worker, corpus), sort_keys=True))
        return 0
    with tempfile.TemporaryDirectory(prefix="digest-bench-") as tmp:
        corpus = build_corpus(args.pages, Path(tmp))
        manifest = Path(tmp) / "corpus.json"
        manifest.write_text(json.dumps(corpus), encoding="utf-8")
        results = []
        for tool in args.tools.split(","):
            print(f"running {tool} on {args.pages} pages ...", file=sys.stderr)
            out = subprocess.run(
                [sys.executable, __file__, "--worker", tool, "--corpus", str(manifest)],
                check=True,
                capture_output=True,
                text=True,
            ).stdout
            results.append(json.loads(out.strip().splitlines()[-1]))
    ours = results[0]["pages"] / results[0]["seconds"] if results and results[0]["tool"] == TOOLS[0] else None
    print(f"{args.pages} pages ({len(load_fixtures())} fixtures with varied chrome), 1 process per tool\n")
    print(
        "| tool | pages/s (CPU) | ours is × faster | pages/s (wall) | peak RSS MB (growth) | body F1 | precision "
        "| recall | title ok | authors ok |"
    )
    print("|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|")
    for r in results:
        pps = r["pages"] / r["seconds"]
        speed = f"{ours / pps:.1f}" if ours else "-"
        print(
            f"| {r['tool']} | {pps:,.0f} | {speed} | {r['pages'] / r['wall']:,.0f} | {r['peak_mb']:.0f} "
            f"({r['growth_mb']:+.0f}) | {r['f1']:.3f} | "
            f"{r['precision']:.3f} | {r['recall']:.3f} | {r['title_ok']:.0%} | {r['authors_ok']:.0%} |"
        )
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
