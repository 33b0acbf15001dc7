"""Files the package ships: the default templates, static assets and gazetteer.

In a wheel they live inside the package (the build maps the repository's top-level
``templates/`` and ``content/actors.yaml`` into it, see ``pyproject.toml``), and
``importlib.resources`` finds them there. An editable install from a checkout imports the
package from ``src/`` instead, where the mapped copies do not exist; there the same files are
read from the repository itself, so edits to ``templates/`` show up without reinstalling.
"""

from __future__ import annotations

from importlib import resources
from pathlib import Path

_REPOSITORY = Path(__file__).resolve().parents[2]
"""The checkout root, when the package is imported from ``src/`` (an editable install)."""


def shipped(name: str, repository_path: str) -> Path:
    """The packaged resource ``name`` (under ``research_digest/``), or in a checkout the
    repository file or folder ``repository_path`` that the wheel maps onto it."""
    packaged = resources.files("research_digest") / name
    if isinstance(packaged, Path) and packaged.exists():
        return packaged
    return _REPOSITORY / repository_path


def default_templates() -> Path:
    """The templates and ``static/`` assets every digest starts from."""
    return shipped("templates", "templates")


def default_gazetteer() -> Path:
    """The actors, places and initiatives a digest knows before it adds its own."""
    return shipped("data/actors.yaml", "content/actors.yaml")
