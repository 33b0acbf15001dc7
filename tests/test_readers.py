"""Reading page files: encodings accepted, bad files refused with one line naming the file."""

from __future__ import annotations

import codecs

import pytest

from research_digest.errors import InputError
from research_digest.readers import read_page

TEXT = "Title\n\nGuðbjörg Ríkey Th. Hauksdóttir wrote “this” for €55.\n"


@pytest.mark.parametrize(
    "raw",
    [
        TEXT.encode("utf-8"),
        codecs.BOM_UTF8 + TEXT.encode("utf-8"),
        codecs.BOM_UTF16_LE + TEXT.encode("utf-16-le"),
        codecs.BOM_UTF16_BE + TEXT.encode("utf-16-be"),
        TEXT.replace("\n", "\r\n").encode("utf-8"),
    ],
    ids=["utf8", "utf8-bom", "utf16le-bom", "utf16be-bom", "crlf"],
)
def test_read_page_decodes_unicode_exactly(tmp_path, raw):
    path = tmp_path / "page.txt"
    path.write_bytes(raw)
    assert read_page(path).text.lstrip("\ufeff") == TEXT


def test_html_declared_charset_is_honoured(tmp_path):
    path = tmp_path / "page.html"
    path.write_bytes(
        '<html><head><meta charset="windows-1252"></head><body><p>“Quote” €</p></body></html>'.encode("cp1252")
    )
    page = read_page(path)
    assert "“Quote” €" in page.text and page.html


@pytest.mark.parametrize(
    "raw, words",
    [
        (b"", "empty file"),
        (b"   \n\n\t", "empty file"),
        (bytes(range(256)) * 40, "binary file"),
        (b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR" + b"\x00" * 100, "binary file"),
        ("Caf\u00e9 “quoted”".encode("cp1252"), "not UTF-8"),
        (codecs.BOM_UTF16_LE + b"\x00\xd8", "not valid utf-16"),
    ],
    ids=["zero-bytes", "whitespace", "all-bytes", "png", "cp1252", "broken-utf16"],
)
def test_bad_page_gives_one_line_naming_the_file(tmp_path, raw, words):
    path = tmp_path / "bad.txt"
    path.write_bytes(raw)
    with pytest.raises(InputError) as info:
        read_page(path)
    message = str(info.value)
    assert words in message and str(path) in message and "\n" not in message


def test_cp1252_reads_with_explicit_encoding(tmp_path):
    path = tmp_path / "page.txt"
    path.write_bytes("Café “quoted”\n".encode("cp1252"))
    assert read_page(path, encoding="cp1252").text == "Café “quoted”\n"


def test_oversized_page_is_refused_without_reading_it(tmp_path):
    path = tmp_path / "huge.txt"
    with open(path, "wb") as handle:
        handle.truncate(25 * 1024 * 1024)  # sparse: costs no disk
    with pytest.raises(InputError, match="over the 20 MB limit"):
        read_page(path)
