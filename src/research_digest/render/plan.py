"""Pages declare their inputs; a build renders exactly the pages whose inputs changed.

Every output file of the site comes from a *declaration*::

    PageDecl(key="briefs/x/", inputs={...}, render=partial(renderer.render_brief, page))

* ``key``: a name unique in the build and stable from build to build (by convention the page's
  site path, ``briefs/x/``, ``tags/arctic/page/2/``, ``feed.xml``);
* ``inputs``: a JSON-able value (``str``, numbers, ``None``, lists, dicts) that determines the
  output completely, given the templates, the code and the site settings (those three are the
  build's *environment*: when it changes, everything is rendered). Pass the content hash of a
  record (``hashes[record.id]``) rather than the record; pass only what the page shows (a list
  page fingerprints its cards, ``card_inputs``, not the briefs' texts), so an edit re-renders
  only the pages that show what changed;
* ``render``: a zero-argument callable returning ``(site path, str | bytes)`` or a list of them,
  exactly like the render jobs the build used to list (a URL ending in ``/`` is written as its
  ``index.html``).

Turning an existing job into a declaration is one line::

    jobs.append(partial(renderer.render_map, data))                              # before
    decls.append(PageDecl("map/", {"places": digest_of(data)}, partial(renderer.render_map, data)))

The build (``render.build_site``) fingerprints each declaration (``fingerprint``), compares with
the previous build's fingerprints kept in ``.cache/digest/`` (never published), renders the
declarations whose fingerprint changed or that are new, keeps the files of the others as they
are, and deletes the files of declarations that are gone. If a declaration's ``inputs`` miss
something its page shows, a rebuild would differ from a clean build: the randomised test in
``tests/test_render_plan.py`` compares them after sequences of edits.
"""

from __future__ import annotations

import hashlib
import json
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from typing import Any

Rendered = tuple[str, "str | bytes"]


@dataclass
class PageDecl:
    key: str
    inputs: Any
    render: Callable[[], Rendered | Sequence[Rendered]]
    search: bool = False
    """Whether the page goes into the search index (the brief pages)."""
    fp: str = field(default="", init=False)

    def __post_init__(self) -> None:
        self.fp = fingerprint(self.inputs)


def fingerprint(inputs: Any) -> str:
    """A short, stable hash of JSON-able ``inputs`` (dict order does not matter)."""
    text = json.dumps(inputs, ensure_ascii=False, sort_keys=True, separators=(",", ":"), default=_refuse)
    return hashlib.sha256(text.encode("utf-8")).hexdigest()[:32]


def _refuse(value: Any) -> Any:
    raise TypeError(f"page inputs must be JSON-able, not {type(value).__name__}: pass a digest of it")


def digest_of(value: Any) -> str:
    """``fingerprint`` under another name, for a value nested in a page's inputs."""
    return fingerprint(value)


def output_path(url: str) -> str:
    """The file a page URL is written to: ``briefs/x/`` → ``briefs/x/index.html``."""
    return url if url and not url.endswith("/") else url + "index.html"


@dataclass
class Diff:
    render: list[PageDecl]
    """Declarations to render (new, or inputs changed), in declaration order."""
    keep: dict[str, list]
    """key → the previous build's ``[fingerprint, paths, searchable paths]`` of unchanged declarations."""
    removed: list[str]
    """Output files of declarations that are gone (or whose new rendering may no longer write them)."""


def diff(decls: Sequence[PageDecl], previous: dict[str, list] | None) -> Diff:
    """What to render, what to keep, what to delete, given the previous build's state (None: all)."""
    previous = previous or {}
    render, keep = [], {}
    seen = set()
    for decl in decls:
        if decl.key in seen:
            raise ValueError(f"two declarations share the key {decl.key!r}")
        seen.add(decl.key)
        old = previous.get(decl.key)
        if old is not None and old[0] == decl.fp:
            keep[decl.key] = old
        else:
            render.append(decl)
    removed = sorted({path for key, old in previous.items() if key not in keep for path in old[1]})
    return Diff(render, keep, removed)


__all__ = ["Diff", "PageDecl", "diff", "digest_of", "fingerprint", "output_path"]
