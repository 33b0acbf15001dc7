"""Build tests/corpus/readability/ from a checkout of Mozilla's Readability (Apache-2.0).

    .venv/bin/python bench/pages_corpus.py PATH/TO/readability [--out tests/corpus/readability]

Each ``test/test-pages/<name>/`` there holds a real saved page (``source.html``), the article as
Readability extracts it (``expected.html``) and its metadata (``expected-metadata.json``). Per page
this writes:

- ``source.html.gz``: the saved page, gzipped (``mtime=0``, so the bytes are reproducible); the
  raw pages are 26 MB, gzipped they fit in the 10 MB the repository allows for the corpus;
- ``expected.txt``: the expected article as plain text, one block per line (``innerText`` of
  ``expected.html`` in the same browser, so both sides are read the same way);
- ``copied.txt``: the page as a person copies it: opened in headless Chromium with JavaScript
  off and every request except the file itself refused, then ``document.body.innerText`` (what
  select-all and copy puts on the clipboard);
- ``metadata.json``: ``expected-metadata.json`` as it is.

``split.json`` assigns every page to the ``tuning`` or ``heldout`` half by a hash of its name, so
the split does not depend on the order of the pages nor on anything the extractor does.
``LICENSE.md`` and ``NOTICE`` from Readability are copied beside them (attribution).
"""

from __future__ import annotations

import argparse
import gzip
import hashlib
import json
import shutil
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
CHROMIUM = "/usr/bin/chromium"


def half(name: str) -> str:
    """``tuning`` or ``heldout``: the parity of the first byte of the name's SHA-256."""
    return "tuning" if hashlib.sha256(name.encode()).digest()[0] % 2 == 0 else "heldout"


def inner_text(page, path: Path) -> str:
    """``document.body.innerText`` of a local file, nothing else fetched, no JavaScript."""
    url = path.resolve().as_uri()
    page.route("**/*", lambda route: route.continue_() if route.request.url == url else route.abort())
    page.goto(url, wait_until="load", timeout=30_000)
    text = page.evaluate("() => document.body ? document.body.innerText : ''")
    page.unroute("**/*")
    return text.replace("\r\n", "\n").strip() + "\n"


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("readability", type=Path, help="a checkout of github.com/mozilla/readability")
    parser.add_argument("--out", type=Path, default=ROOT / "tests" / "corpus" / "readability")
    args = parser.parse_args(argv)
    from playwright.sync_api import sync_playwright

    pages = sorted(p for p in (args.readability / "test" / "test-pages").iterdir() if (p / "source.html").exists())
    args.out.mkdir(parents=True, exist_ok=True)
    for name in ("LICENSE.md", "NOTICE"):
        shutil.copyfile(args.readability / name, args.out / name)
    with sync_playwright() as pw:
        browser = pw.chromium.launch(executable_path=CHROMIUM, args=["--disable-gpu", "--disable-quic"])
        context = browser.new_context(java_script_enabled=False)
        page = context.new_page()
        for src in pages:
            dest = args.out / src.name
            dest.mkdir(exist_ok=True)
            raw = (src / "source.html").read_bytes()
            with (
                open(dest / "source.html.gz", "wb") as fh,
                gzip.GzipFile(filename="", mode="wb", fileobj=fh, mtime=0, compresslevel=9) as gz,
            ):
                gz.write(raw)
            (dest / "copied.txt").write_text(inner_text(page, src / "source.html"), encoding="utf-8")
            (dest / "expected.txt").write_text(inner_text(page, src / "expected.html"), encoding="utf-8")
            shutil.copyfile(src / "expected-metadata.json", dest / "metadata.json")
            print(src.name, file=sys.stderr)
        browser.close()
    split = {src.name: half(src.name) for src in pages}
    (args.out / "split.json").write_text(json.dumps(split, indent=1, sort_keys=True) + "\n", encoding="utf-8")
    counts = {h: sum(1 for v in split.values() if v == h) for h in ("tuning", "heldout")}
    print(f"{len(pages)} pages into {args.out}: {counts['tuning']} tuning, {counts['heldout']} held out")
    return 0


if __name__ == "__main__":
    sys.exit(main())
