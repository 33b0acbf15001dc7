"""``digest init [DIR]``: write a starter digest, as ``hugo new site`` and ``mkdocs new`` do.

The files come from the ``starter/`` folder shipped inside the package. Dot-files are stored
there without their dot (``gitignore``, ``github/``) so that build tools and git treat them as
plain files, and get it back here. ``$title``, ``$description``, ``$base_url`` and ``$version``
are filled in with ``string.Template`` (``$$`` is a literal ``$``, as the starter Makefile uses).
"""

from __future__ import annotations

import json
import string
from dataclasses import dataclass
from importlib import resources
from importlib.resources.abc import Traversable
from pathlib import Path

from research_digest import __version__
from research_digest.errors import DigestError

DOT_NAMES = {"gitignore": ".gitignore", "github": ".github"}
"""Starter names that are written with a leading dot."""


class InitError(DigestError):
    """The target directory cannot take a starter digest."""


@dataclass(frozen=True)
class Starter:
    title: str = "Research Digest"
    description: str = "Briefs, claims and a timeline drawn from saved analysis."
    base_url: str = "/"


def _toml_string(text: str) -> str:
    """The inside of a TOML basic string: JSON's escapes are valid TOML escapes."""
    return json.dumps(text, ensure_ascii=False)[1:-1]


def _files(folder: Traversable, prefix: tuple[str, ...] = ()) -> list[tuple[tuple[str, ...], Traversable]]:
    found = []
    for entry in sorted(folder.iterdir(), key=lambda e: e.name):
        if entry.name == "__pycache__":
            continue
        name = DOT_NAMES.get(entry.name, entry.name) if not prefix else entry.name
        if entry.is_dir():
            found += _files(entry, (*prefix, name))
        else:
            found.append(((*prefix, name), entry))
    return found


def init(target: Path, starter: Starter | None = None, force: bool = False) -> list[Path]:
    """Write the starter digest into ``target`` (created if missing); return the files written.

    A non-empty ``target`` is refused unless ``force``: then the starter's files overwrite their
    namesakes and everything else in it is left alone.
    """
    starter = starter or Starter()
    if target.exists() and not target.is_dir():
        raise InitError("exists and is not a directory", target)
    if target.is_dir() and any(target.iterdir()) and not force:
        raise InitError("directory is not empty (use --force to write the starter files into it anyway)", target)
    values = {
        "title": starter.title,
        "description": starter.description,
        "base_url": starter.base_url,
        "version": __version__,
    }
    toml_values = {k: _toml_string(v) for k, v in values.items()}
    written = []
    for parts, source in _files(resources.files("research_digest") / "starter"):
        path = target.joinpath(*parts)
        text = string.Template(source.read_text(encoding="utf-8")).safe_substitute(
            toml_values if path.suffix == ".toml" else values
        )
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(text, encoding="utf-8")
        written.append(path)
    (target / "content" / "briefs").mkdir(exist_ok=True)
    return written
