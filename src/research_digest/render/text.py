"""Body text to HTML: every sentence wrapped in an addressable span, Markdown for people's notes.

Claims and events point at ``(paragraph id, sentence index)``. The index must mean the same
sentence here as it did when ingest counted it, so the splitter is the extractor's own
``research_digest.extract.sentences.split_sentences`` (one pure function; render imports nothing
else from extract/).

Each sentence becomes ``<span id="s-<paragraph>-<n>">``; the stylesheet highlights the one named
in the address bar (``:target``), so following a claim lands on its words.
"""

from __future__ import annotations

from collections.abc import Callable

from markdown_it import MarkdownIt
from markdown_it.token import Token
from markupsafe import Markup, escape

from research_digest.extract.sentences import split_sentences as extract_split
from research_digest.records.schema import Anchor, Block
from research_digest.render import sentcache
from research_digest.render.site import sentence_id


def split_sentences(text: str) -> list[str]:
    """The extractor's sentences of ``text``, from the build's cache when it has them."""
    primed = sentcache.spans_for(text)  # the build splits every paragraph once, up front
    return primed if primed is not None else extract_split(text)


def mark_sentences(
    block: Block, marked: dict[int, str] | None = None, splitter: Callable[[str], list[str]] = split_sentences
) -> Markup:
    """The paragraph as HTML, each sentence in a span with its anchor id.

    ``marked`` maps sentence index → a CSS class (``claim``) for sentences something points at.
    Text between sentences is kept as written; if a sentence cannot be found in order in the
    paragraph (a splitter that normalises text), the rest of the paragraph is kept unmarked
    rather than lost.
    """
    marked = marked or {}
    text, pos, parts, count = block.text, 0, [], 0
    # Pages copied from a browser carry no-break spaces between ordinary words; shown as they are,
    # they glue half-lines together and make ragged paragraphs (and phone overflow). The record
    # keeps them (text stays as the page had it); only the display uses plain spaces.
    display = lambda s: escape(s.replace("\u00a0", " "))  # noqa: E731
    for n, sentence in enumerate(splitter(text)):
        sentence = sentence.strip()
        start = text.find(sentence, pos) if sentence else -1
        if start < 0:
            break
        parts.append(display(text[pos:start]))
        css = f' class="{marked[n]}"' if n in marked else ""
        parts.append(
            Markup(f'<span id="{escape(sentence_id(Anchor(block.id, n)))}"{css}>')
            + display(sentence)
            + Markup("</span>")
        )
        pos = start + len(sentence)
        count = n + 1
    parts.append(display(text[pos:]))
    # An anchor past the last sentence (the text was edited after ingest; `digest check` reports
    # it) still gets its id, at the start of the paragraph, so links to it land nearby, not nowhere.
    lost = [
        Markup(f'<span id="{escape(sentence_id(Anchor(block.id, n)))}"></span>') for n in sorted(marked) if n >= count
    ]
    return Markup("").join(lost + parts)


def _image_as_link(token: Token) -> list[Token]:
    """An inline image token as link_open, its alt text, link_close; any other token as is."""
    if token.type != "image":
        return [token]
    src = str(token.attrGet("src") or "")
    opening = Token("link_open", "a", 1, attrs={"href": src})
    text = Token("text", "", 0, content=token.content or src)
    return [opening, text, Token("link_close", "a", -1)]


_MARKDOWN = MarkdownIt("commonmark", {"html": False, "linkify": False, "typographer": False})


def render_markdown(text: str, shift_headings: int = 1) -> Markup:
    """Markdown written by people, raw HTML shown as text (never passed through).

    Headings are shifted down by ``shift_headings`` levels so that a note's ``#`` fits under the
    section it sits in instead of competing with the page's own ``<h1>``. markdown-it refuses
    ``javascript:`` and other unsafe link schemes. Images become links to the image (its alt
    text as the link text): a page of the digest loads nothing from another host.
    """
    tokens = _MARKDOWN.parse(text)
    for token in tokens:
        if token.type in ("heading_open", "heading_close") and shift_headings:
            level = min(6, int(token.tag[1]) + shift_headings)
            token.tag = f"h{level}"
        if token.children:
            token.children = [part for child in token.children for part in _image_as_link(child)]
        for child in token.children or ():
            if child.type == "link_open":  # outside links, as everywhere on the site
                child.attrSet("rel", "noopener nofollow")
    return Markup(_MARKDOWN.renderer.render(tokens, _MARKDOWN.options, {}))
