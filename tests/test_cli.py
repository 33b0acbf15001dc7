"""The command line: help with examples, exit codes, one line per bad input, the summary line."""

from __future__ import annotations

import subprocess
import sys

import pytest

from research_digest import cli


@pytest.mark.parametrize("command", sorted(cli.COMMANDS))
def test_every_command_has_help_with_an_example(command, capsys):
    with pytest.raises(SystemExit) as info:
        cli.build_parser().parse_args([command, "--help"])
    assert info.value.code == 0
    out = capsys.readouterr().out
    assert "Example:" in out and f"digest {command}" in out


def test_usage_error_exits_2(capsys):
    assert cli.main(["ingest", "--no-such-flag"]) == 2
    assert cli.main([]) == 2


def test_ingest_reports_bad_file_and_still_ingests_the_others(content, capsys):
    (content / "sources" / "empty.txt").write_bytes(b"")
    (content / "sources" / "binary.html").write_bytes(b"\x00\x01\x02PK\x03\x04" * 100)
    code = cli.main(["ingest", "--content", str(content), "-j", "1"])
    err = capsys.readouterr().err
    assert code == 1
    error_lines = [line for line in err.splitlines() if line.startswith("error:")]
    assert len(error_lines) == 2
    assert any("empty.txt: empty file" in line for line in error_lines)
    assert any("binary.html: binary file" in line for line in error_lines)
    assert sorted(p.name for p in (content / "briefs").glob("*.yaml")) == [
        "polar-journal-sino-russian-arctic-cooperation.yaml",
        "rsis-co26021-china-russia-arctic.yaml",
    ]
    assert "Ingested 2 page(s)" in err and "2 error(s)" in err


def test_quiet_ingest_prints_nothing_on_success(content, capsys):
    assert cli.main(["ingest", "--quiet", "--content", str(content)]) == 0
    captured = capsys.readouterr()
    assert captured.out == "" and captured.err == ""


def test_missing_path_is_an_input_error(tmp_path, capsys):
    assert cli.main(["ingest", "--content", str(tmp_path), str(tmp_path / "nope.txt")]) == 1
    assert "nope.txt: no such file or directory" in capsys.readouterr().err


def test_python_dash_m_runs_the_cli():
    done = subprocess.run([sys.executable, "-m", "research_digest", "--version"], capture_output=True, text=True)
    assert done.returncode == 0 and done.stdout.startswith("digest ")


def test_page_size_flag_reaches_the_build(tmp_path, capsys):
    from research_digest.config import load_config

    args = cli.build_parser().parse_args(["build", "--page-size", "7", "--content", str(tmp_path)])
    assert cli._config(args).page_size == 7
    assert load_config(None).page_size == 50
    assert cli.main(["build", "--page-size", "-1", "--content", str(tmp_path), "--out", str(tmp_path / "b")]) == 1
    assert "page_size" in capsys.readouterr().err


def test_ingest_url_gives_a_text_dump_its_original_and_doi_for_good(content, capsys):
    from research_digest.records.yamlio import load_record

    page = content / "sources" / "polar-journal-sino-russian-arctic-cooperation.txt"
    url = "https://www.wilsoncenter.org/article/sino-russian-arctic-cooperation"
    args = ["ingest", "-q", "--content", str(content), "--url", url, "--doi", "10.1080/2154896X.2025.2530000"]
    assert cli.main(args + [str(page)]) == 0
    side = content / "sources" / "polar-journal-sino-russian-arctic-cooperation.source.yaml"
    assert side.read_text(encoding="utf-8") == f"url: {url}\ndoi: 10.1080/2154896X.2025.2530000\n"
    record = load_record(content / "briefs" / "polar-journal-sino-russian-arctic-cooperation.yaml")
    assert (record.source.url, record.source.doi) == (url, "10.1080/2154896X.2025.2530000")
    # a later plain ingest of the whole folder keeps them: they live in the sidecar
    assert cli.main(["ingest", "-q", "--content", str(content)]) == 0
    record = load_record(content / "briefs" / "polar-journal-sino-russian-arctic-cooperation.yaml")
    assert record.source.url == url


@pytest.mark.parametrize(
    "extra, message",
    [
        (["--url", "javascript:alert(1)"], "only http and https"),
        (["--url", "https://example.org/x", "--doi", "doi:nonsense"], "not a DOI"),
    ],
)
def test_ingest_url_refuses_bad_addresses(content, capsys, extra, message):
    page = content / "sources" / "rsis-co26021-china-russia-arctic.txt"
    assert cli.main(["ingest", "-q", "--content", str(content), *extra, str(page)]) == 1
    assert message in capsys.readouterr().err
    assert not (content / "sources" / "rsis-co26021-china-russia-arctic.source.yaml").exists()


def test_ingest_url_needs_exactly_one_file(content, capsys):
    assert cli.main(["ingest", "--content", str(content), "--url", "https://example.org/x"]) == 2
    assert "exactly one page file" in capsys.readouterr().err
