"""Hostile inputs against the integrity guarantees of issue 10, with the figures printed:

- **ingest**: every page of ``tests/hostile/`` is ingested into a digest that already holds a
  curated record of *another* page whose name slugs the same (``Name.txt`` against ``name.txt``),
  one at a time, alone and then with a full ingest: never a crash (exit 3), and the other page's
  record keeps its data, curator's note included (no silent overwrite);
- **records**: curated records with hostile values in every field (line breaks and RIS tags,
  characters XML forbids as YAML escapes, ``<!--<script``, dates before year 1000 written
  unquoted, octal-looking and typo'd years, a list instead of a record) are built into one site:
  never exit 3, and every feed, sitemap, RIS file, JSON-LD block and page is well formed
  (``check_outputs``).

Print the figures with:

    .venv/bin/python -m pytest -q -s -p no:cacheprovider tests/test_hostile_integrity.py
"""

from __future__ import annotations

import io
import shutil
from contextlib import redirect_stderr
from pathlib import Path

import pytest
import yaml

from research_digest import cli
from research_digest.check_outputs import check_outputs
from research_digest.ingest import record_id_for
from research_digest.records import yamlio

CORPUS = Path(__file__).resolve().parent / "hostile"
SEED = Path(__file__).resolve().parent.parent / "content" / "sources" / "rsis-co26021-china-russia-arctic.txt"

RECORD = """\
id: {id}
title: {title}
date: {date}
publisher: {publisher}
source:
  file: content/sources/{id}.txt
  sha256: abc
  profile: generic
  url: {url}
synopsis: {synopsis}
tags: [{tag}]
note: {note}
body:
- id: p-11111111
  text: {text}
events:
- id: e-1
  summary: {summary}
  date: {event}
  precision: {precision}
  anchor:
    paragraph: p-11111111
    sentence: 0
"""
PLAIN = {
    "title": "Ice roads",
    "date": "'2024-05-01'",
    "publisher": "North Watch",
    "url": "https://example.org/a",
    "synopsis": "One line.",
    "tag": "Arctic",
    "note": "Checked.",
    "text": "Russia barred the ships in 2012. China gained observer status in 2013.",
    "summary": "Russia barred the ships",
    "event": "'2012'",
    "precision": "year",
}
HOSTILE_VALUES = {
    "title": [
        r'"Ice\r\nER  - \r\nTY  - JOUR\nTI  - second"',
        r'"<!--<script> roads"',
        r'"Ice \x01\x0b\x0c\uFFFE\uFFFF roads"',
        r'"</script><script>alert(1)</script>"',
        r'"a\u2028b\u2029c\x85d"',
        r'"]]>&amp;<![CDATA["',
    ],
    "date": ["0025-03-01", "0999-12-31", "1024", "0025", "9999-12-31", "'0001'", "2024-02-30", "'24-01-01'"],
    "publisher": [r'"North\nPB  - Evil"', r'"\x1b[31mred"', '"{\\\\&%$#_}"'],
    "url": [r'"https://example.org/a\nUR  - https://evil.example/"', '"javascript:alert(1)"', r'"https://e.org/\x00"'],
    "synopsis": [r'"One.\n\nAB  - Two & <b>three</b>\x08."', r'"<!--<script>"'],
    "tag": [r'"Arctic\nKW  - injected"', r'"\x07bell"', '"<!--"'],
    "note": [r'"![pixel](https://evil.example/p.png) and <!--<script>"', r'"\x0b"'],
    "text": [r'"Russia \x01barred the ships in 2012.\x0c China gained status in 2013."'],
    "summary": [r'"barred\nER  - "', r'"<!--<script>"'],
    "event": ["0999-05-01", "1024", "0025", "0777", "10000", "'0999-05'"],
}


def hostile_records() -> dict[str, str]:
    out = {}
    for field, values in HOSTILE_VALUES.items():
        for n, value in enumerate(values):
            rid = f"{field}-{n}"
            values_ = {**PLAIN, field: value}
            if field == "event" and len(value.strip("'")) == 10:
                values_["precision"] = "day"
            out[rid] = RECORD.format(id=rid, **values_)
    out["list-not-record"] = "- id: x\n- title: y\n"
    out["scalar-not-record"] = "just text\n"
    return out


def run(*argv: str) -> tuple[int, str]:
    err = io.StringIO()
    with redirect_stderr(err):
        code = cli.main(list(argv))
    return code, err.getvalue()


def test_hostile_records_build_well_formed_outputs(tmp_path):
    content = tmp_path / "content"
    briefs = content / "briefs"
    briefs.mkdir(parents=True)
    records = hostile_records()
    loaded = refused = crashes = 0
    for rid, text in records.items():
        (briefs / f"{rid}.yaml").write_text(text, encoding="utf-8")
        try:
            yamlio.load_record(briefs / f"{rid}.yaml")
            loaded += 1
        except Exception as exc:  # noqa: BLE001 - counting: only a RecordError is a clean refusal
            if type(exc).__name__ == "RecordError":
                refused += 1
            else:
                crashes += 1
    out = tmp_path / "build"
    code, err = run(
        "build",
        "-q",
        "--no-search",
        "-j",
        "1",
        "--content",
        str(content),
        "--out",
        str(out),
        "--site-url",
        "https://example.org",
    )
    assert code in (0, 1), err
    crashes += code == 3
    problems = check_outputs(out)
    parsed = sum(1 for p in out.rglob("*") if p.suffix in (".xml", ".ris", ".html"))
    ris = sum('id="cite-ris"' in p.read_text(encoding="utf-8") for p in out.glob("briefs/*/index.html"))
    print(
        f"\nhostile records: {len(records)} tried, {loaded} loaded, {refused} refused with a line, "
        f"{crashes} crashes (exit 3); build exit {code}; {parsed} HTML/XML/RIS files checked ({ris} with RIS, on the brief page since engine), "
        f"{len(problems)} malformed"
    )
    assert crashes == 0
    assert problems == []
    assert loaded >= 20 and ris == loaded


def test_hostile_pages_never_overwrite_another_pages_record(tmp_path):
    pages = sorted(p for p in CORPUS.iterdir() if p.is_file() and p.name != "README.md")
    tried = crashes = overwrites = refused = 0
    for n, page in enumerate(pages):
        content = tmp_path / f"c{n}"
        sources = content / "sources"
        sources.mkdir(parents=True)
        rid = record_id_for(page)
        # another page whose name slugs to the same id, ingested and curated first
        other = sources / (page.stem.upper().replace("-", " ") + "  .txt")
        if record_id_for(other) != rid:
            other = sources / (page.stem + "!.txt")
        assert record_id_for(other) == rid, (other.name, rid)
        shutil.copy(SEED, other)
        assert run("ingest", "-q", "-j", "1", "--content", str(content))[0] == 0
        record = content / "briefs" / f"{rid}.yaml"
        record.write_text(record.read_text(encoding="utf-8") + "note: Curated by hand.\n", encoding="utf-8")
        before = yaml.safe_load(record.read_text(encoding="utf-8"))
        shutil.copy(page, sources / page.name)
        for args in ([str(sources / page.name)], []):  # partial, then full ingest
            tried += 1
            code, err = run("ingest", "-q", "-j", "1", "--content", str(content), *args)
            crashes += code == 3
            refused += code == 1
            overwrites += yaml.safe_load(record.read_text(encoding="utf-8")) != before  # the full ingest
            # re-ingests the other page too, which rewrites its own record in field order: same data
        shutil.rmtree(content)
    print(
        f"\nhostile ingest against a curated record of the same id: {len(pages)} pages, {tried} ingests, "
        f"{refused} refused, {crashes} crashes (exit 3), {overwrites} silent overwrites"
    )
    assert crashes == 0 and overwrites == 0
    assert refused == tried


@pytest.mark.parametrize(
    "name", ["title-comment-script-xml-chars.html", "xml-forbidden-characters.html", "title-newline-ris-injection.html"]
)
def test_hostile_pages_build_well_formed_outputs(tmp_path, name):
    content = tmp_path / "content"
    (content / "sources").mkdir(parents=True)
    shutil.copy(CORPUS / name, content / "sources")
    assert run("ingest", "-q", "-j", "1", "--content", str(content))[0] == 0
    code, err = run("build", "-q", "--no-search", "-j", "1", "--content", str(content), "--out", str(tmp_path / "b"))
    assert code == 0, err
    assert check_outputs(tmp_path / "b") == []
