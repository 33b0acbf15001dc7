"""Property-based tests: generated pages and records, no exception but DigestError.

How many examples each test draws is the Hypothesis profile's (tests/conftest.py): a few dozen
by default, hundreds in CI, 10,000 under ``make test-hostile``.

Pages go through exactly what ``digest ingest`` runs for one file (``ingest._parse_safely``:
read, decode, source profile, ids, claims and events) and then through the curator merge and
the atomic write; whatever was written must load back as a valid record. Records go through
``yamlio.parse_record`` as raw bytes, as YAML text, and as valid records with one field
replaced by an arbitrary value.
"""

from __future__ import annotations

import string
import tempfile
from pathlib import Path

import yaml
from hypothesis import given
from hypothesis import strategies as st

from research_digest import ingest
from research_digest.errors import DigestError, RecordError
from research_digest.readers import decode_page
from research_digest.records import yamlio

PAYLOADS = (
    "<script>alert(1)</script>",
    "javascript:alert(1)",
    '" onerror="alert(1)',
    "</script>",
    "&#106;",
    "\x00",
    "\ufeff",
    "\u2028",
    "{{ 7*7 }}",
    "]]>",
    "&",
    "<",
    "'",
    "2024",
    "In May 2024,",
    "Russia",
    "China",
    "By Jane Analyst",
    "12 March 2025",
    "RSIS",
    "Commentary",
    "Wilson Center",
    "---",
    "*alias",
    "&anchor",
)
PROSE = (
    "The Northern Sea Route carried more cargo in 2024 than in any year before, and Russia and China "
    "signed new agreements on Arctic shipping in May 2024, according to officials in Moscow."
)
TAGS = (
    "p",
    "div",
    "article",
    "main",
    "h1",
    "h2",
    "span",
    "a",
    "b",
    "script",
    "style",
    "svg",
    "iframe",
    "table",
    "td",
    "li",
    "ul",
    "title",
    "meta",
    "header",
    "footer",
    "nav",
    "time",
    "noscript",
    "template",
    "textarea",
)
ATTRS = (
    "class",
    "id",
    "href",
    "src",
    "onload",
    "onerror",
    "style",
    "name",
    "content",
    "property",
    "datetime",
    "itemprop",
    "rel",
    "type",
    "charset",
)

words = st.one_of(st.sampled_from(PAYLOADS), st.text(max_size=30), st.just(PROSE))
attr = st.tuples(st.sampled_from(ATTRS), words).map(lambda kv: f' {kv[0]}="{kv[1]}"' if kv[1] else f" {kv[0]}")


def element(children):
    return st.tuples(
        st.sampled_from(TAGS), st.lists(attr, max_size=3), st.lists(children, max_size=4), st.booleans()
    ).map(lambda t: f"<{t[0]}{''.join(t[1])}>{''.join(t[2])}" + (f"</{t[0]}>" if t[3] else ""))


html_fragments = st.recursive(words, element, max_leaves=25)
html_pages = st.tuples(st.lists(html_fragments, max_size=6), st.booleans()).map(
    lambda t: (
        ("<!doctype html><html><head><title>Arctic</title></head><body>" if t[1] else "")
        + "".join(t[0])
        + (f"<article><h1>Ice roads</h1><p>{PROSE}</p></article>" if t[1] else "")
    )
)
sentences = st.lists(words, min_size=1, max_size=6).map(lambda ws: PROSE[:60] + " " + " ".join(ws) + " " + PROSE[60:])
text_pages = st.one_of(
    st.lists(words, min_size=1, max_size=12).map("\n\n".join),
    st.tuples(words, st.lists(st.one_of(words, sentences), max_size=8)).map(
        lambda t: "\n\n".join(["Arctic Shipping Under Pressure " + t[0], "By Jane Analyst", PROSE, *t[1], PROSE])
    ),
)


def ingest_bytes(raw: bytes, suffix: str, folder: Path) -> None:
    """Run one page through ingest as the CLI does; the written record must load back.

    Each example gets a folder of its own: Hypothesis reuses ``tmp_path`` across examples, and a
    ``page.txt`` whose id is the record of an earlier example's ``page.html`` is (rightly) refused."""
    folder = Path(tempfile.mkdtemp(dir=folder))
    path = folder / f"page{suffix}"
    path.write_bytes(raw)
    outcome = ingest._parse_safely((path, None, folder, None))
    if isinstance(outcome, DigestError):
        assert str(outcome) and "\n" not in outcome.message
        return
    briefs = folder / "briefs"
    ingest.write_record(outcome, briefs)
    loaded = yamlio.load_record(briefs / f"{outcome.id}.yaml")
    assert loaded.id == outcome.id and loaded.body == outcome.body


@given(raw=st.binary(max_size=3000), suffix=st.sampled_from([".txt", ".html"]))
def test_ingest_of_arbitrary_bytes_raises_only_digest_errors(raw, suffix, tmp_path):
    ingest_bytes(raw, suffix, tmp_path)


@given(text=st.text(max_size=3000), suffix=st.sampled_from([".txt", ".html"]))
def test_ingest_of_arbitrary_text_raises_only_digest_errors(text, suffix, tmp_path):
    ingest_bytes(text.encode("utf-8", "surrogatepass"), suffix, tmp_path)


@given(page=text_pages)
def test_ingest_of_generated_text_dumps_raises_only_digest_errors(page, tmp_path):
    ingest_bytes(page.encode("utf-8", "surrogatepass"), ".txt", tmp_path)


@given(page=html_pages)
def test_ingest_of_generated_html_raises_only_digest_errors(page, tmp_path):
    ingest_bytes(page.encode("utf-8", "surrogatepass"), ".html", tmp_path)


@given(raw=st.binary(max_size=2000), encoding=st.sampled_from([None, "cp1252", "latin-1", "utf-16", "x-nope"]))
def test_decode_page_raises_only_input_errors(raw, encoding):
    try:
        page = decode_page(raw, Path("x.txt"), encoding)
    except DigestError as exc:
        assert "\n" not in exc.message
        return
    assert "\x00" not in page.text and "\r" not in page.text


VALID = {
    "id": "ice",
    "title": "Ice roads",
    "source": {"file": "content/sources/ice.txt", "sha256": "abc", "profile": "generic"},
    "body": [{"id": "p-11111111", "text": "Russia barred the ships in 2012."}],
    "claims": [{"id": "c-1", "text": "x", "kind": "thesis", "anchor": {"paragraph": "p-11111111", "sentence": 0}}],
}
yaml_values = st.recursive(
    st.one_of(
        st.none(),
        st.booleans(),
        st.integers(),
        st.floats(allow_nan=True),
        st.text(max_size=40),
        st.dates().map(str),
        st.sampled_from(PAYLOADS),
    ),
    lambda children: st.one_of(
        st.lists(children, max_size=4),
        st.dictionaries(st.text(string.ascii_lowercase + "_", max_size=10), children, max_size=4),
    ),
    max_leaves=15,
)
KEY_PATHS = [
    ("id",),
    ("title",),
    ("source",),
    ("source", "file"),
    ("body",),
    ("body", 0),
    ("body", 0, "id"),
    ("body", 0, "kind"),
    ("claims",),
    ("claims", 0, "anchor"),
    ("claims", 0, "anchor", "sentence"),
    ("claims", 0, "kind"),
    ("tags",),
    ("authors",),
    ("date",),
    ("events",),
    ("series",),
    ("note",),
]


def replaced(data: dict, key_path: tuple, value) -> dict:
    import copy

    out = copy.deepcopy(data)
    target = out
    for step in key_path[:-1]:
        target = target[step]
    target[key_path[-1]] = value
    return out


def parse_only_record_errors(raw: bytes) -> None:
    try:
        record = yamlio.parse_record(raw, "r.yaml")
    except RecordError as exc:
        assert exc.path == "r.yaml" and "\n" not in exc.message
        return
    assert record.id


@given(raw=st.binary(max_size=2000))
def test_parse_record_of_arbitrary_bytes_raises_only_record_errors(raw):
    parse_only_record_errors(raw)


@given(text=st.text(alphabet=st.sampled_from(list(":-[]{}&*!|>'\"# \n\tabc123?,.%@`")), max_size=300))
def test_parse_record_of_yaml_like_text_raises_only_record_errors(text):
    parse_only_record_errors(text.encode("utf-8"))


@given(key_path=st.sampled_from(KEY_PATHS), value=yaml_values)
def test_parse_record_with_one_field_replaced_raises_only_record_errors(key_path, value):
    text = yaml.safe_dump(replaced(VALID, key_path, value), allow_unicode=True)
    parse_only_record_errors(text.encode("utf-8"))
