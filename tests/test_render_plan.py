"""Incremental builds (``render.plan``): after any sequence of edits, the site is byte-identical
to a clean build of the same records, and only the pages that show what changed are written."""

from __future__ import annotations

import copy
import shutil
import sys
from pathlib import Path

import pytest
from hypothesis import HealthCheck, settings
from hypothesis import strategies as st
from hypothesis.stateful import RuleBasedStateMachine, invariant, precondition, rule

from research_digest.config import load_config
from research_digest.records.schema import Record
from research_digest.records.yamlio import dump_record
from research_digest.render import build_site, manifest, plan

sys.path.insert(0, str(Path(__file__).resolve().parent.parent / "bench"))
import make_corpus  # noqa: E402

START = 5


def tree(root: Path) -> dict[str, bytes]:
    return {p.relative_to(root).as_posix(): p.read_bytes() for p in sorted(root.rglob("*")) if p.is_file()}


def write(briefs: Path, record: Record) -> None:
    (briefs / f"{record.id}.yaml").write_text(dump_record(record), encoding="utf-8")


class EditSequence(RuleBasedStateMachine):
    """Random edits to a small digest, an incremental build after each, and a clean build of the
    same records in a fresh folder (no cache, no previous build) to compare with."""

    def __init__(self) -> None:
        super().__init__()
        self.root = Path(TMP) / f"run-{id(self)}-{EditSequence.runs}"
        EditSequence.runs += 1
        self.briefs = self.root / "content" / "briefs"
        self.briefs.mkdir(parents=True)
        (self.root / "content" / "pages").mkdir()
        (self.root / "content" / "pages" / "about.md").write_text("# About\n\nA test digest.\n", encoding="utf-8")
        self.records: dict[str, Record] = {}
        self.next_index = START
        for i in range(START):
            record = make_corpus.make_record(11, i)
            self.records[record.id] = record
            write(self.briefs, record)
        self.config = load_config(content_dir=self.root / "content", out_dir=self.root / "build", jobs=1, page_size=2)
        build_site(self.config, search=False)
        self.clean_runs = 0

    runs = 0

    def teardown(self) -> None:
        shutil.rmtree(self.root, ignore_errors=True)

    def _save(self, record: Record) -> None:
        self.records[record.id] = record
        write(self.briefs, record)

    @precondition(lambda self: self.records)
    @rule(data=st.data(), word=st.sampled_from(["Moscow", "Beijing", "the Arctic Council", "icebreakers"]))
    def edit_paragraph(self, data, word):
        record = copy.deepcopy(self.records[data.draw(st.sampled_from(sorted(self.records)))])
        paragraphs = [b for b in record.body if b.kind == "paragraph"]
        block = data.draw(st.sampled_from(paragraphs))
        block.text = block.text.replace(" the ", f" {word} ", 1) if " the " in block.text else block.text + f" {word}"
        self._save(record)

    @precondition(lambda self: self.records)
    @rule(data=st.data(), title=st.sampled_from(["Ice & Power", "A <Polar> Silk Road", "Cold Calculations"]))
    def edit_title(self, data, title):
        record = copy.deepcopy(self.records[data.draw(st.sampled_from(sorted(self.records)))])
        record.title = title
        self._save(record)

    @rule()
    def add_record(self):
        record = make_corpus.make_record(11, self.next_index)
        self.next_index += 1
        self._save(record)

    @precondition(lambda self: len(self.records) > 1)
    @rule(data=st.data())
    def delete_record(self, data):
        record_id = data.draw(st.sampled_from(sorted(self.records)))
        del self.records[record_id]
        (self.briefs / f"{record_id}.yaml").unlink()

    @precondition(lambda self: self.records)
    @rule(data=st.data(), tag=st.sampled_from(["Shipping", "Arctic", "Fisheries", "Climate Change"]))
    def add_tag(self, data, tag):
        record = copy.deepcopy(self.records[data.draw(st.sampled_from(sorted(self.records)))])
        record.tags = sorted(set(record.tags) | {tag})
        self._save(record)

    @precondition(lambda self: self.records)
    @rule(data=st.data(), date=st.sampled_from(["2030-01-02", "2001-05-06", "2019-11-30", None]))
    def change_date(self, data, date):
        record = copy.deepcopy(self.records[data.draw(st.sampled_from(sorted(self.records)))])
        record.date = date
        self._save(record)

    @invariant()
    def incremental_equals_clean(self):
        report = build_site(self.config, search=False)
        assert not report.errors
        clean_root = self.root / f"clean-{self.clean_runs}"
        self.clean_runs += 1
        shutil.copytree(self.root / "content", clean_root / "content")
        clean = load_config(content_dir=clean_root / "content", out_dir=clean_root / "build", jobs=1, page_size=2)
        assert not build_site(clean, search=False).errors
        assert tree(self.config.out_dir) == tree(clean.out_dir)
        shutil.rmtree(clean_root)


TMP = ""


@pytest.fixture
def scratch(tmp_path, monkeypatch):
    global TMP
    monkeypatch.chdir(tmp_path)
    TMP = str(tmp_path)
    yield tmp_path


def test_random_edit_sequences_match_a_clean_build(scratch):
    EditSequence.TestCase.settings = settings(
        max_examples=6, stateful_step_count=5, deadline=None, suppress_health_check=list(HealthCheck)
    )
    EditSequence.TestCase("runTest").runTest()


@pytest.fixture
def digest(tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    briefs = tmp_path / "content" / "briefs"
    briefs.mkdir(parents=True)
    records = [make_corpus.make_record(3, i) for i in range(8)]
    for record in records:
        write(briefs, record)
    config = load_config(content_dir=tmp_path / "content", out_dir=tmp_path / "build", jobs=1, page_size=3)
    build_site(config, search=False)
    return config, briefs, records


def written_by(config, edit) -> set[str]:
    before = {
        p: (s.st_ino, s.st_mtime_ns) for p, s in ((p, p.stat()) for p in config.out_dir.rglob("*") if p.is_file())
    }
    edit()
    build_site(config, search=False)
    after = {p: (s.st_ino, s.st_mtime_ns) for p, s in ((p, p.stat()) for p in config.out_dir.rglob("*") if p.is_file())}
    return {p.relative_to(config.out_dir).as_posix() for p in after if before.get(p) != after[p]}


def test_paragraph_edit_rewrites_the_brief_and_its_data_not_the_lists(digest):
    config, briefs, records = digest
    record = copy.deepcopy(records[2])
    block = next(b for b in record.body if b.kind == "paragraph" and b.text != record.synopsis)
    block.text = block.text + " Icebreakers matter."
    changed = written_by(config, lambda: write(briefs, record))
    base = f"briefs/{record.id}/"
    assert base + "index.html" in changed and base + "record.json" in changed
    assert not any(p.startswith(("tags/", "actors/", "publishers/", "page/")) or p == "index.html" for p in changed)


def test_title_edit_rewrites_the_lists_that_show_it_only(digest):
    config, briefs, records = digest
    record = copy.deepcopy(records[5])
    record.title = "A Wholly New Title"
    changed = written_by(config, lambda: write(briefs, record))
    tags_pages = {p for p in changed if p.startswith("tags/") and p != "tags/index.html"}
    assert tags_pages, changed
    for path in tags_pages:  # every tag page rewritten shows the new title
        assert "A Wholly New Title" in (config.out_dir / path).read_text(encoding="utf-8")
    listed = [
        p.relative_to(config.out_dir).as_posix()
        for p in config.out_dir.glob("tags/*/**/index.html")
        if "A Wholly New Title" not in p.read_text(encoding="utf-8")
    ]
    assert not set(listed) & changed  # pages that do not show the brief were left alone
    # main's claims (issue 14): the overview names briefs only where they differ; each theme page
    # sets the brief's claims under its title, and those pages are rewritten
    theme_pages = {
        p.relative_to(config.out_dir).as_posix()
        for p in config.out_dir.glob("claims/*/**/index.html")
        if "A Wholly New Title" in p.read_text(encoding="utf-8")
    }
    assert not record.claims or theme_pages, changed
    assert theme_pages <= changed


def test_deleting_a_record_removes_its_files(digest):
    config, briefs, records = digest
    (briefs / f"{records[0].id}.yaml").unlink()
    build_site(config, search=False)
    assert not (config.out_dir / "briefs" / records[0].id).exists()
    assert records[0].id not in (config.out_dir / "sitemap.xml").read_text(encoding="utf-8")


def test_template_change_renders_everything(digest, tmp_path):
    config, briefs, records = digest
    shutil.copytree(Path(__file__).resolve().parent.parent / "templates", tmp_path / "templates")
    base = tmp_path / "templates" / "base.html"
    base.write_text(base.read_text(encoding="utf-8").replace("</body>", "<!-- themed --></body>"), encoding="utf-8")
    build_site(config, search=False)
    pages = list(config.out_dir.rglob("*.html"))
    assert pages and all("<!-- themed -->" in p.read_text(encoding="utf-8") for p in pages if p.name != "404.html")


def test_every_declaration_key_is_unique_and_inputs_are_json(digest):
    config, _, _ = digest
    state = manifest.load_manifest(config).decls
    assert "timeline/" in state and "sitemap.xml" in state
    with pytest.raises(ValueError):
        plan.diff([plan.PageDecl("a/", 1, lambda: ("a/", "")), plan.PageDecl("a/", 2, lambda: ("a/", ""))], None)
    with pytest.raises(TypeError):
        plan.PageDecl("x/", {"record": object()}, lambda: ("x/", ""))
