"""Stateful property test of curation: curate → re-ingest → edit the page → re-ingest, in any order.

A ``RuleBasedStateMachine`` plays a curator and a changing page against ``merge_record``, the
merge ingest runs. The machine side mirrors ingest's output: body blocks whose ids are a hash of
their text (``ingest.block_id``, so a changed word gives a new id), claims on paragraphs that
recommend something (ids a hash of anchor and text, as the extractor makes them), tags and a
title. After every re-ingest:

- every item the curator wrote or edited (a heading, a paragraph, a claim, the title, a tag) is
  in the record exactly as the curator left it: **no curator edit is lost**;
- in a list the curator changed (body, claims, tags), the items that were in the record before
  and still are keep their relative order: **no curator edit is moved** (a list the curator
  left alone follows the page, order included);
- a block the curator deleted does not come back;
- re-ingesting an unchanged page changes nothing.

One limit, git's too: when the page comes to say what the curator wrote (the machine adds the tag
the curator added, or gives the curator's title), the two sides agree and the value is no longer
an edit; if the page later drops it again, the record follows the page. The model forgets such
an edit once the machine's output holds the same value, and checks the order of a list only
when the curator's list differs from the machine's last output (a list put back exactly as the
machine had it is, to a three-way merge, no edit).

The number of examples comes from the loaded Hypothesis profile (tests/conftest.py: the default
for ``make test``, ``HYPOTHESIS_PROFILE=hostile`` for ``make test-hostile``, 10,000 examples):

    HYPOTHESIS_PROFILE=hostile .venv/bin/python -m pytest -q -p no:cacheprovider \
        tests/test_hostile_curation_stateful.py --hypothesis-seed 1 --hypothesis-show-statistics
"""

from __future__ import annotations

import copy
import hashlib

from hypothesis import settings
from hypothesis import strategies as st
from hypothesis.stateful import RuleBasedStateMachine, initialize, invariant, precondition, rule

from research_digest.ingest import block_id
from research_digest.records.curation import merge_record

WORDS = ["ice", "route", "Russia", "China", "ships", "should", "tender", "coast", "guard", "port", "gas", "Arctic"]
TAGS = ["Arctic", "Security", "Shipping", "Energy", "China", "Russia"]


def machine_record(title: str, paragraphs: list[str], tags: list[str]) -> dict:
    """What ingest would write for a page with these paragraphs (its shape, not its extractor)."""
    body = [{"id": block_id(text, "paragraph"), "text": text} for text in paragraphs]
    claims = [
        {
            "id": "c-" + hashlib.sha1(f"{b['id']}:{b['text']}".encode()).hexdigest()[:8],
            "text": b["text"],
            "kind": "recommendation",
            "anchor": {"paragraph": b["id"], "sentence": 0},
        }
        for b in body
        if "should" in b["text"]
    ]
    return {"id": "r", "title": title, "tags": list(tags), "body": body, "claims": claims}


def keys(items: list, field: str) -> list:
    return list(items) if field == "tags" else [item["id"] for item in items]


class CurationMachine(RuleBasedStateMachine):
    @initialize(
        paragraphs=st.lists(st.lists(st.sampled_from(WORDS), min_size=3, max_size=8), min_size=1, max_size=6),
        tags=st.lists(st.sampled_from(TAGS), unique=True, max_size=4),
    )
    def first_ingest(self, paragraphs, tags):
        self.counter = 0
        self.title = "Machine title"
        self.paragraphs = [self._unique(words) for words in paragraphs]
        self.tags = tags
        self.base = machine_record(self.title, self.paragraphs, self.tags)
        self.ours = copy.deepcopy(self.base)
        self.curated: dict[tuple[str, str], object] = {}
        """(field, key) → the value the curator left; ("title", "") for the title."""
        self.deleted: set[str] = set()
        self.before: dict | None = None

    def _unique(self, words: list[str]) -> str:
        self.counter += 1
        return " ".join(words) + f" n{self.counter}."  # paragraphs never repeat, as on a real page

    # ------------------------------------------------------------------ the curator

    @rule(at=st.integers(0, 20))
    def insert_heading(self, at):
        self.counter += 1
        heading = {"id": f"h-curated-{self.counter}", "text": f"Curator heading {self.counter}", "kind": "heading"}
        body = self.ours["body"]
        body.insert(min(at, len(body)), heading)
        self.curated[("body", heading["id"])] = copy.deepcopy(heading)

    @precondition(lambda self: self.ours["body"])
    @rule(pick=st.integers(0, 20), extra=st.sampled_from(WORDS))
    def edit_block(self, pick, extra):
        block = self.ours["body"][pick % len(self.ours["body"])]
        block["text"] = block["text"] + f" ({extra}, checked by the curator)"
        self.curated[("body", block["id"])] = copy.deepcopy(block)

    @precondition(lambda self: self.ours["body"])
    @rule(pick=st.integers(0, 20))
    def delete_block(self, pick):
        block = self.ours["body"].pop(pick % len(self.ours["body"]))
        self.curated.pop(("body", block["id"]), None)
        self.deleted.add(block["id"])

    @precondition(lambda self: len(self.ours["claims"]) > 1 or len(self.ours["tags"]) > 1)
    @rule(data=st.data())
    def reorder(self, data):
        for field in ("claims", "tags"):
            if len(self.ours[field]) > 1:
                self.ours[field] = data.draw(st.permutations(self.ours[field]))

    @precondition(lambda self: self.ours["claims"])
    @rule(pick=st.integers(0, 20))
    def edit_claim(self, pick):
        claim = self.ours["claims"][pick % len(self.ours["claims"])]
        claim["kind"] = "thesis"
        claim["text"] = claim["text"] + " (curator's reading)"
        self.curated[("claims", claim["id"])] = copy.deepcopy(claim)

    @rule(tag=st.sampled_from(["Curated one", "Curated two", *TAGS]))
    def add_tag(self, tag):
        if tag not in self.ours["tags"]:
            self.ours["tags"].append(tag)
            self.curated[("tags", tag)] = tag

    @rule(title=st.sampled_from(["Curated title", "Another curated title"]))
    def edit_title(self, title):
        self.ours["title"] = title
        self.curated[("title", "")] = title

    # ------------------------------------------------------------------ the page changes

    @precondition(lambda self: self.paragraphs)
    @rule(pick=st.integers(0, 20), word=st.sampled_from(WORDS))
    def change_a_word(self, pick, word):
        i = pick % len(self.paragraphs)
        words = self.paragraphs[i].split()
        words[pick % (len(words) - 1)] = word  # never the last word, the paragraph's own marker
        self.paragraphs[i] = " ".join(words)

    @rule(at=st.integers(0, 20), words=st.lists(st.sampled_from(WORDS), min_size=3, max_size=8))
    def add_paragraph(self, at, words):
        self.paragraphs.insert(min(at, len(self.paragraphs)), self._unique(words))

    @precondition(lambda self: len(self.paragraphs) > 1)
    @rule(pick=st.integers(0, 20))
    def drop_paragraph(self, pick):
        self.paragraphs.pop(pick % len(self.paragraphs))

    @rule(
        tags=st.lists(st.sampled_from(TAGS), unique=True, max_size=4), title=st.sampled_from(["Machine title", "New"])
    )
    def change_metadata(self, tags, title):
        self.tags, self.title = tags, title

    # ------------------------------------------------------------------ ingest

    @rule()
    def reingest(self):
        theirs = machine_record(self.title, self.paragraphs, self.tags)
        self.before = copy.deepcopy(self.ours)
        # a list that differs from the machine's last output is the curator's (the merge's own
        # definition of an edit: a list put back exactly as the machine had it is no edit)
        edited = {field for field in ("body", "claims", "tags") if self.ours[field] != self.base[field]}
        merged = merge_record(self.base, copy.deepcopy(self.ours), copy.deepcopy(theirs))
        self.check(self.before, merged, edited)
        again = merge_record(theirs, copy.deepcopy(merged), copy.deepcopy(theirs))
        assert again == merged, "re-ingesting an unchanged page changed the record"
        self.ours, self.base = merged, theirs
        agreed = {("title", "")} if theirs["title"] == self.curated.get(("title", "")) else set()
        agreed |= {("tags", t) for t in theirs["tags"]}
        for key in agreed:
            self.curated.pop(key, None)

    def check(self, before: dict, merged: dict, edited: set[str]) -> None:
        for (field, key), value in self.curated.items():
            if field == "title":
                assert merged["title"] == value, "the curator's title was lost"
            elif field == "tags":
                assert value in merged["tags"], f"the curator's tag {value!r} was lost"
            else:
                found = [item for item in merged[field] if item["id"] == key]
                assert found == [value], f"the curator's {field} item {key} was lost or changed: {found}"
        for field in edited:  # a list the curator left alone follows the page, order included
            old, new = keys(before[field], field), keys(merged[field], field)
            common = set(old) & set(new)
            assert [k for k in old if k in common] == [k for k in new if k in common], f"{field} reordered"
        assert not self.deleted & {b["id"] for b in merged["body"]}, "a deleted block came back"

    @invariant()
    def curated_items_are_in_the_record(self):
        for (field, _key), value in self.curated.items():
            if field in ("body", "claims"):
                assert value in self.ours[field]


CurationMachine.TestCase.settings = settings(CurationMachine.TestCase.settings, stateful_step_count=25, deadline=None)
TestCuration = CurationMachine.TestCase
