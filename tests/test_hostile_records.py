"""Hostile records and settings: each is refused with one line naming the file (and line), or
loaded safely; nothing runs, nothing blows up memory or the stack, nothing lands outside the
content or build directories."""

from __future__ import annotations

import io
from contextlib import redirect_stderr
from pathlib import Path

import pytest

from research_digest import cli
from research_digest.check import check_records
from research_digest.config import load_config
from research_digest.errors import ConfigError, RecordError
from research_digest.records import yamlio

VALID = """\
id: ice
title: Ice roads
source:
  file: content/sources/ice.txt
  sha256: abc
  profile: generic
body:
- id: p-11111111
  text: Russia barred the ships in 2012.
"""

BILLION_LAUGHS = "a: &a [lol, lol, lol, lol, lol, lol, lol, lol, lol]\n" + "".join(
    f"{chr(98 + i)}: &{chr(98 + i)} [*{chr(97 + i)}, *{chr(97 + i)}, *{chr(97 + i)}, *{chr(97 + i)}, "
    f"*{chr(97 + i)}, *{chr(97 + i)}, *{chr(97 + i)}, *{chr(97 + i)}, *{chr(97 + i)}]\n"
    for i in range(8)
)

HOSTILE_RECORDS = {
    "billion-laughs": (BILLION_LAUGHS, "anchors and aliases", 1),
    "alias-to-title": (VALID.replace("title: Ice roads", "title: &t Ice roads\nnote: *t"), "anchors and aliases", 2),
    "python-object-apply": ("id: !!python/object/apply:os.system ['touch {sentinel}']\n", "not valid YAML", 1),
    "python-name-tag": ("id: !!python/name:os.system\n", "not valid YAML", 1),
    "python-module-tag": (VALID.replace("title: Ice roads", "title: !!python/module:os"), "not valid YAML", 2),
    "duplicate-key-title": (
        VALID.replace("title: Ice roads", "title: Ice roads\ntitle: Curated title"),
        "duplicate key 'title' (first on line 2)",
        3,
    ),
    "duplicate-key-nested": (
        VALID.replace("  sha256: abc", "  sha256: abc\n  sha256: def"),
        "duplicate key 'sha256' (first on line 5)",
        6,
    ),
    "title-is-a-list": (VALID.replace("title: Ice roads", "title: [a, b]"), "title", 2),
    "body-is-a-string": (VALID.split("body:")[0] + "body: just text\n", "body", 7),
    "sentence-not-a-number": (
        VALID + "claims:\n- id: c-1\n  text: x\n  kind: thesis\n  anchor:\n    paragraph: p-11111111\n"
        "    sentence: first\n",
        "sentence must be a whole number",
        16,
    ),
    "impossible-date": (VALID + "date: 2025-13-40\n", "not a valid date", 10),
    "huge-integer": (VALID + "date: 99999999999999999999999999999\n", "date", 10),
    "id-dot-dot": (VALID.replace("id: ice", "id: ../../etc/passwd"), "id must be a slug", 1),
    "id-slash": (VALID.replace("id: ice", "id: briefs/ice"), "id must be a slug", 1),
    "id-backslash": (VALID.replace("id: ice", 'id: "..\\\\..\\\\win"'), "id must be a slug", 1),
    "id-nul-escape": (VALID.replace("id: ice", 'id: "ice\\0x"'), "id must be a slug", 1),
    "id-nul-byte": (VALID.replace("id: ice", "id: ice\x00x"), "binary data (NUL byte)", 1),
    "id-empty": (VALID.replace("id: ice", "id: ''"), "id must be a slug", 1),
    "control-character": (VALID.replace("title: Ice roads", "title: Ice\x01roads"), "control character U+0001", 2),
    "id-upper-and-space": (VALID.replace("id: ice", "id: Ice Roads"), "id must be a slug", 1),
    "id-too-long": (VALID.replace("id: ice", "id: " + "a" * 200), "id must be a slug", 1),
    "deep-flow-nesting": ("id: ice\ntitle: " + "[" * 100_000 + "]" * 100_000 + "\n", "nested more than 64 levels", 2),
    "deep-block-nesting": ("- " * 20_000 + "x\n", "nested more than 64 levels", 1),
    "deep-flow-mappings": ("id: ice\nx: " + "{a: " * 5000 + "1" + "}" * 5000 + "\n", "nested more than 64 levels", 2),
    "not-a-mapping": ("- just\n- a list\n", "record", 1),
    "only-a-comment": ("# nothing here\n", "empty record", 1),
    "two-documents": (VALID + "---\nid: other\n", "not valid YAML", 10),
    "invalid-utf8": (VALID.encode("utf-8") + b"note: \xff\xfe\n", "not UTF-8 (byte 0xff)", 10),
    "tab-indentation": (VALID.replace("  sha256: abc", "\tsha256: abc"), "not valid YAML", 5),
    "unknown-field": (VALID + "script: <script>alert(1)</script>\n", "script", 10),
    "anchor-to-nowhere": (
        VALID + "events:\n- id: e-1\n  summary: x\n  anchor:\n    paragraph: ../../index\n",
        "points at no paragraph",
        14,
    ),
}


@pytest.mark.parametrize("name", sorted(HOSTILE_RECORDS))
def test_hostile_record_is_refused_with_file_and_line(name, tmp_path):
    text, message, line = HOSTILE_RECORDS[name]
    sentinel = tmp_path / "pwned"
    raw = text if isinstance(text, bytes) else text.replace("{sentinel}", str(sentinel)).encode("utf-8")
    path = tmp_path / f"{name}.yaml"
    path.write_bytes(raw)
    with pytest.raises(RecordError) as info:
        yamlio.load_record(path)
    assert message in info.value.message, str(info.value)
    assert info.value.path == str(path) and info.value.line == line, str(info.value)
    assert "\n" not in str(info.value)
    assert not sentinel.exists()


def test_record_over_size_limit_is_refused_before_reading(tmp_path):
    path = tmp_path / "huge.yaml"
    with path.open("wb") as handle:
        handle.truncate(yamlio.MAX_RECORD_BYTES + 1)
    with pytest.raises(RecordError, match="over the 8 MB limit"):
        yamlio.load_record(path)


def test_huge_string_under_the_limit_loads(tmp_path):
    path = tmp_path / "ice.yaml"
    path.write_text(VALID.replace("title: Ice roads", "title: " + "x" * 5_000_000), encoding="utf-8")
    assert len(yamlio.load_record(path).title) == 5_000_000


def test_check_reports_every_hostile_record_and_keeps_going(tmp_path):
    for name, (text, _, _) in HOSTILE_RECORDS.items():
        data = text if isinstance(text, bytes) else text.replace("{sentinel}", str(tmp_path / "pwned")).encode()
        (tmp_path / f"{name}.yaml").write_bytes(data)
    (tmp_path / "zz-good.yaml").write_text(VALID.replace("id: ice", "id: zz-good"), encoding="utf-8")
    problems = check_records(tmp_path)
    assert {Path(p.path).stem for p in problems} == set(HOSTILE_RECORDS)
    assert [str(p) for p in problems if not p.line] == []


def test_ingest_leaves_a_hostile_curated_record_untouched(content, capsys):
    assert cli.main(["ingest", "-q", "--content", str(content), "-j", "1"]) == 0
    record = sorted((content / "briefs").glob("*.yaml"))[0]
    hostile = BILLION_LAUGHS.encode()
    record.write_bytes(hostile)
    assert cli.main(["ingest", "-q", "--content", str(content), "-j", "1"]) == 1
    assert "anchors and aliases" in capsys.readouterr().err
    assert record.read_bytes() == hostile


CONFIGS = {
    "not-toml": ("title = [unclosed\n", "not valid TOML"),
    "deeply-nested-array": ("title = " + "[" * 50_000 + "]" * 50_000 + "\n", "nested too deeply"),
    "deeply-nested-table": ("title = " + "{a = " * 5_000 + "1" + "}" * 5_000 + "\n", "nested too deeply"),
    "unknown-key": ("theme = 'dark'\n", "Config value 'theme': unknown setting"),
    "wrong-type-title": ("title = 3\n", "Config value 'title': must be text"),
    "negative-jobs": ("jobs = -4\n", "Config value 'jobs': must be a whole number from 0"),
    "bool-jobs": ("jobs = true\n", "Config value 'jobs'"),
    "base-url-with-host": ("base_url = 'https://evil.example/'\n", "Config value 'base_url'"),
    "base-url-dot-dot": ("base_url = '/../../'\n", "Config value 'base_url'"),
    "site-url-javascript": ("site_url = 'javascript:alert(1)'\n", "Config value 'site_url'"),
    "out-dir-not-path": ("out_dir = 5\n", "Config value 'out_dir': must be a path"),
    "invalid-utf8": (b"title = '\xff'\n", "not valid TOML"),
    "nul-byte": ("title = 'a\x00b'\n", "not valid TOML"),
}


@pytest.mark.parametrize("name", sorted(CONFIGS))
def test_malformed_config_is_one_clean_error(name, tmp_path):
    text, message = CONFIGS[name]
    path = tmp_path / "digest.toml"
    path.write_bytes(text if isinstance(text, bytes) else text.encode("utf-8"))
    with pytest.raises(ConfigError) as info:
        load_config(path)
    assert message in str(info.value) and str(path) in str(info.value)
    err = io.StringIO()
    with redirect_stderr(err):
        code = cli.main(["check", "--records-only", "--config", str(path), "--content", str(tmp_path)])
    assert code == 1
    assert len(err.getvalue().splitlines()) == 1 and err.getvalue().startswith("error: ")


@pytest.mark.parametrize("out", [".", "content", "..", "/", "notes"])
def test_build_refuses_an_output_directory_that_is_not_its_own(out, tmp_path, monkeypatch):
    """Replacing build/ must never swap away the project, the content or someone's folder."""
    (tmp_path / "content" / "briefs").mkdir(parents=True)
    (tmp_path / "content" / "briefs" / "ice.yaml").write_text(VALID, encoding="utf-8")
    (tmp_path / "notes").mkdir()
    (tmp_path / "notes" / "mine.txt").write_text("keep me", encoding="utf-8")
    monkeypatch.chdir(tmp_path)
    before = sorted(str(p) for p in tmp_path.rglob("*"))
    err = io.StringIO()
    with redirect_stderr(err):
        assert cli.main(["build", "-q", "--no-search", "--out", out]) == 1
    assert "output directory" in err.getvalue() and len(err.getvalue().splitlines()) == 1
    assert sorted(str(p) for p in tmp_path.rglob("*")) == before


def test_error_for_a_file_named_with_a_newline_stays_one_line(tmp_path, capsys):
    bad = tmp_path / "a\nb.txt"
    bad.write_bytes(b"")
    assert cli.main(["ingest", "--content", str(tmp_path), str(bad)]) == 1
    lines = [line for line in capsys.readouterr().err.splitlines() if line.startswith("error:")]
    assert lines == [f"error: {tmp_path}/a?b.txt: empty file"]
