"""The search bundle built from the staged pages equals the one built from the pages in memory."""

from __future__ import annotations

from research_digest.render.search import INDEX_MARKER, index_directory, index_pages


def test_index_directory_over_staging_matches_marked_pages_only_and_leaves_no_scratch(tmp_path):
    pages = {
        "index.html": "<html><body><h1>Home</h1><p>Not indexed: no marker.</p></body></html>",
        "timeline/index.html": "<html><body><p>Icebreaker timeline, not indexed.</p></body></html>",
    }
    for i, word in enumerate(("icebreaker", "Svalbard", "Rosatom")):
        pages[f"briefs/b{i}/index.html"] = (
            f'<html lang="en"><head><title>Brief {i}</title></head><body>'
            f"<main {INDEX_MARKER}><h1>Brief {i}</h1><p>The {word} story, told once.</p></main></body></html>"
        )
    staged = tmp_path / "staging"
    for path, html in pages.items():
        (staged / path).parent.mkdir(parents=True, exist_ok=True)
        (staged / path).write_text(html, encoding="utf-8")
    marked = sorted(p for p, html in pages.items() if INDEX_MARKER in html)
    from_disk = index_directory(staged, marked, "en")
    assert from_disk == index_pages(pages, "en")
    assert any(p.startswith("pagefind/fragment/") for p in from_disk)
    assert sorted(
        p.relative_to(staged).as_posix()
        for p in staged.rglob("*")  # no scratch left behind
        if p.is_file()
    ) == sorted(pages)
