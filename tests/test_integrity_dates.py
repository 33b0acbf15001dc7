"""Dates before year 1000 and typo'd years (issue 10, item 3).

YAML reads an unquoted ``0999-05-01`` as a date object and ``0025`` as the octal number 21; the
loader used to print the first as ``999-05-01`` (which then crashed the timeline, exit 3) and a
record date ``0025-03-01`` as ``25-03-01``, which sorted as the newest brief. One validator
(``records.dates``) now turns every YAML date value into ``yyyy[-mm[-dd]]`` with a 4-digit year or
refuses it with a line; the build, the chart and ``serve`` survive whatever a record holds.
"""

from __future__ import annotations

import io
import re
import threading
import time
from contextlib import redirect_stderr
from pathlib import Path

import pytest

from research_digest import cli, serve
from research_digest.config import Config
from research_digest.errors import RecordError
from research_digest.records import yamlio

RECORD = """\
id: {id}
title: {title}
date: {date}
source:
  file: content/sources/{id}.txt
  sha256: abc
  profile: generic
body:
- id: p-11111111
  text: Russia barred the ships in 2012. China gained observer status in 2013.
events:
- id: e-1
  summary: Russia barred the ships
  date: {event}
  precision: {precision}
  anchor:
    paragraph: p-11111111
    sentence: 0
- id: e-2
  summary: China gained observer status
  date: '2013'
  precision: year
  anchor:
    paragraph: p-11111111
    sentence: 1
"""


def record(
    tmp: Path, rid: str = "old", title: str = "Old", date: str = "'2024-01-01'", event="'2012'", precision="year"
):
    briefs = tmp / "content" / "briefs"
    briefs.mkdir(parents=True, exist_ok=True)
    path = briefs / f"{rid}.yaml"
    path.write_text(RECORD.format(id=rid, title=title, date=date, event=event, precision=precision), encoding="utf-8")
    return path


def run(*argv: str) -> tuple[int, str]:
    err = io.StringIO()
    with redirect_stderr(err):
        code = cli.main(list(argv))
    return code, err.getvalue()


def test_unquoted_dates_before_year_1000_keep_four_digits(tmp_path):
    path = record(tmp_path, date="0025-03-01", event="0999-05-01", precision="day")
    loaded = yamlio.load_record(path)
    assert loaded.date == "0025-03-01"
    assert loaded.events[0].date == "0999-05-01"


def test_unquoted_year_read_as_octal_is_refused_with_its_line(tmp_path):
    path = record(tmp_path, event="0025", precision="year")  # YAML 1.1: the octal number 21
    with pytest.raises(RecordError) as caught:
        yamlio.load_record(path)
    line = path.read_text().splitlines().index("  date: 0025") + 1
    assert f":{line}:" in str(caught.value)
    assert "yyyy" in caught.value.message and "quote" in caught.value.message  # the tmp path says "unquoted"


@pytest.mark.parametrize("value", ["999-05-01", "'25-03-01'", "'2024-13-01'", "'2024-02-30'", "'20240'", "99"])
def test_malformed_dates_are_refused_not_crashing(tmp_path, value):
    path = record(tmp_path, date=value)
    with pytest.raises(RecordError):
        yamlio.load_record(path)


def test_build_with_an_event_before_year_1000_exits_0(tmp_path):
    record(tmp_path, event="0999-05-01", precision="day")
    code, err = run("build", "-q", "--no-search", "--content", str(tmp_path / "content"), "--out", str(tmp_path / "b"))
    assert code == 0, err
    timeline = (tmp_path / "b" / "timeline" / "index.html").read_text()
    assert "0999" in timeline or "999" in timeline


def test_a_brief_dated_year_25_sorts_as_the_oldest(tmp_path):
    record(tmp_path, "ancient", "Ancient brief", date="0025-03-01")
    record(tmp_path, "recent", "Recent brief", date="2024-01-01")
    code, err = run("build", "-q", "--no-search", "--content", str(tmp_path / "content"), "--out", str(tmp_path / "b"))
    assert code == 0, err
    home = (tmp_path / "b" / "index.html").read_text()
    home = home[home.index('class="briefs"') :]  # the list of briefs, after the overview (reading, issue 11)
    assert home.index("Recent brief") < home.index("Ancient brief")


def test_a_typo_year_does_not_stretch_the_chart(tmp_path):
    record(tmp_path, "typo", "Typo", event="1024")
    record(tmp_path, "fine", "Fine", event="2024")
    code, err = run("build", "-q", "--no-search", "--content", str(tmp_path / "content"), "--out", str(tmp_path / "b"))
    assert code == 0, err
    svg = re.search(r'<svg class="chart"[^>]*width="(\d+)"', (tmp_path / "b" / "timeline" / "index.html").read_text())
    assert svg and int(svg.group(1)) < 800
    assert ">1024<" in (tmp_path / "b" / "timeline" / "index.html").read_text()


def test_serve_rebuild_thread_survives_a_crashing_build(tmp_path, monkeypatch):
    path = record(tmp_path, title="First")
    config = Config(content_dir=tmp_path / "content", out_dir=tmp_path / "b", jobs=1)
    real = serve.build_site
    calls = []

    def flaky(config, search=True):
        calls.append(1)
        if len(calls) == 1:
            raise RuntimeError("a bug in a build")
        return real(config, search=search)

    monkeypatch.setattr(serve, "build_site", flaky)
    stop = threading.Event()
    err = io.StringIO()
    with redirect_stderr(err):
        thread = threading.Thread(target=serve.watch_and_rebuild, args=(config, stop, True, 0.05, False), daemon=True)
        thread.start()
        try:
            time.sleep(0.2)
            path.write_text(path.read_text().replace("title: First", "title: Second"))
            deadline = time.monotonic() + 20
            while len(calls) < 1 and time.monotonic() < deadline:
                time.sleep(0.05)
            time.sleep(0.2)
            path.write_text(path.read_text().replace("title: Second", "title: Third"))
            index = tmp_path / "b" / "index.html"
            while time.monotonic() < deadline and not (index.exists() and "Third" in index.read_text()):
                time.sleep(0.05)
            assert thread.is_alive()
            assert index.exists() and "Third" in index.read_text()
        finally:
            stop.set()
            thread.join(5)
    assert "a bug in a build" in err.getvalue()
