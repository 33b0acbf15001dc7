"""``digest check``: schema problems, duplicate ids, dangling anchors, broken links and unsafe URLs,
each reported with file and line; a clean digest gives no problem and exit 0."""

from __future__ import annotations

from pathlib import Path

import pytest

from research_digest import cli
from research_digest.check import check_records, check_site

GOOD = """\
id: {id}
title: Ice roads
source:
  file: content/sources/{id}.txt
  sha256: abc
  profile: generic
body:
- id: p-11111111
  text: Russia barred the ships in 2012. China gained observer status in 2013.
- id: p-22222222
  text: Shipping rose.
claims:
- id: c-1
  text: Shipping rose.
  kind: thesis
  anchor:
    paragraph: p-22222222
    sentence: 0
events:
- id: e-1
  summary: China gained observer status
  date: '2013'
  precision: year
  anchor:
    paragraph: p-11111111
    sentence: 1
"""


def write(briefs: Path, name: str, text: str) -> Path:
    briefs.mkdir(parents=True, exist_ok=True)
    path = briefs / name
    path.write_text(text, encoding="utf-8")
    return path


def test_check_records_accepts_a_valid_record(tmp_path):
    write(tmp_path, "ice.yaml", GOOD.format(id="ice"))
    assert check_records(tmp_path) == []


def test_check_records_reports_anchor_to_missing_paragraph_with_line(tmp_path):
    path = write(tmp_path, "ice.yaml", GOOD.format(id="ice").replace("paragraph: p-22222222", "paragraph: p-deadbeef"))
    [problem] = check_records(tmp_path)
    line = path.read_text().splitlines().index("    paragraph: p-deadbeef") + 1
    assert str(problem) == f"{path}:{line}: claims.0.anchor.paragraph points at no paragraph ('p-deadbeef')"


def test_check_records_reports_sentence_past_end_of_paragraph(tmp_path):
    path = write(tmp_path, "ice.yaml", GOOD.format(id="ice").replace("    sentence: 1", "    sentence: 2"))
    [problem] = check_records(tmp_path)
    assert problem.line == path.read_text().splitlines().index("    sentence: 2") + 1
    assert "events.0.anchor.sentence 2 is past the end of block 'p-11111111' (2 sentence(s))" in str(problem)


def test_check_records_reports_duplicate_ids_across_records(tmp_path):
    write(tmp_path, "a.yaml", GOOD.format(id="ice"))
    second = write(tmp_path, "b.yaml", GOOD.format(id="ice"))
    [problem] = check_records(tmp_path)
    assert problem.path == str(second) and problem.line == 1 and "duplicate record id 'ice'" in problem.message


def test_check_records_reports_every_schema_problem_with_its_line(tmp_path):
    text = (
        GOOD.format(id="ice").replace("title: Ice roads", "title: [not, text]").replace("kind: thesis", "kind: rumour")
    )
    path = write(tmp_path, "ice.yaml", text)
    problems = check_records(tmp_path)
    assert len(problems) == 2
    assert {p.line for p in problems} == {2, text.splitlines().index("  kind: rumour") + 1}
    assert all(p.path == str(path) for p in problems)


def test_check_records_reports_unsafe_source_url(tmp_path):
    path = write(
        tmp_path,
        "ice.yaml",
        GOOD.format(id="ice").replace("  profile: generic", "  profile: generic\n  url: javascript:alert(1)"),
    )
    [problem] = check_records(tmp_path)
    assert (problem.line, problem.message) == (7, "source.url 'javascript:alert(1)' is not an http(s) URL")
    assert problem.path == str(path)


def test_check_records_reports_yaml_syntax_error(tmp_path):
    write(tmp_path, "bad.yaml", "id: x\ntitle: [unclosed\n")
    [problem] = check_records(tmp_path)
    assert "not valid YAML" in problem.message and problem.line


def site(tmp_path: Path, pages: dict[str, str]) -> Path:
    out = tmp_path / "build"
    for name, body in pages.items():
        (out / name).parent.mkdir(parents=True, exist_ok=True)
        (out / name).write_text(f"<!doctype html><html><body>\n{body}\n</body></html>\n", encoding="utf-8")
    return out


def test_check_site_accepts_good_links_and_anchors(tmp_path):
    out = site(
        tmp_path,
        {
            "index.html": '<a href="briefs/ice/">ice</a><a href="briefs/ice/#p-1">p1</a><a href="https://x.org/">ext</a>'
            '<a href="#top">top</a><a href="mailto:a@b.org">m</a><link rel=stylesheet href="assets/site.css">',
            "briefs/ice/index.html": '<p id="p-1">x</p><a href="../../">home</a><a href="/proj/timeline/#e-1">e</a>',
            "timeline/index.html": '<li id="e-1">x</li>',
            "assets/site.css": "",
        },
    )
    (out / "assets" / "site.css").write_text("body{}")
    assert check_site(out, "/proj/") == []


def test_check_site_reports_broken_link_anchor_and_unsafe_scheme_with_lines(tmp_path):
    out = site(
        tmp_path,
        {
            "index.html": '<a href="briefs/gone/">gone</a>\n<a href="briefs/ice/#p-9">bad anchor</a>\n'
            '<a href=" JaVa\tScript:alert(1)">x</a>\n<a href="data:text/html,x">d</a>\n<a href="/other/">o</a>',
            "briefs/ice/index.html": '<p id="p-1">x</p>',
        },
    )
    problems = check_site(out, "/proj/")
    shown = [(Path(p.path).name, p.line, p.message) for p in problems]
    assert shown == [
        ("index.html", 2, "broken link 'briefs/gone/': no such page or file"),
        ("index.html", 3, "broken anchor 'briefs/ice/#p-9': no element with id 'p-9'"),
        ("index.html", 4, "unsafe link scheme 'javascript:' in 'JaVa\\tScript:alert(1)'"),
        ("index.html", 5, "unsafe link scheme 'data:' in 'data:text/html,x'"),
        ("index.html", 6, "link '/other/' is outside the site's base URL '/proj/'"),
    ]


def test_check_site_reports_missing_build(tmp_path):
    [problem] = check_site(tmp_path / "build")
    assert "run digest build first" in str(problem)


def test_cli_check_exits_1_naming_file_and_line(tmp_path, capsys):
    content = tmp_path / "content"
    write(content / "briefs", "ice.yaml", GOOD.format(id="ice").replace("sentence: 1", "sentence: 7"))
    assert cli.main(["check", "--records-only", "--content", str(content)]) == 1
    err = capsys.readouterr().err
    assert "ice.yaml:" in err and "anchor.sentence 7 is past the end" in err and "1 problem(s)" in err


def test_cli_check_exits_0_on_a_clean_digest(tmp_path, capsys):
    content = tmp_path / "content"
    write(content / "briefs", "ice.yaml", GOOD.format(id="ice"))
    out = site(tmp_path, {"index.html": '<a href="#x" id="x">x</a>'})
    assert cli.main(["check", "--content", str(content), "--out", str(out)]) == 0
    assert "0 problem(s)" in capsys.readouterr().err


@pytest.mark.parametrize("page", ["<a href=x", "<p id=>", "<<<>>>", "<a href='\x00javascript:alert(1)'>", "&#x0;"])
def test_check_site_survives_malformed_html(tmp_path, page):
    out = site(tmp_path, {"index.html": page})
    for problem in check_site(out):
        assert "\n" not in problem.message
