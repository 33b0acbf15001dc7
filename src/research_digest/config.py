"""Site and run settings: a frozen dataclass, read from ``digest.toml`` and overlaid with CLI flags.

Every problem in the file is reported (by key), then one ``ConfigError`` aborts, as MkDocs does.
``digest.toml`` is optional; the defaults build the digest from ``content/`` into ``build/``.
"""

from __future__ import annotations

import dataclasses
import tomllib
from dataclasses import dataclass, fields
from pathlib import Path
from typing import Any

from research_digest.errors import ConfigError

CONFIG_FILE = "digest.toml"


@dataclass(frozen=True)
class Config:
    content_dir: Path = Path("content")
    """Where ``sources/``, ``briefs/``, ``pages/`` and ``actors.yaml`` live."""
    out_dir: Path = Path("build")
    """Where ``digest build`` writes the site. Never committed."""
    base_url: str = "/"
    """Path prefix the site is served under: ``/`` for a user site, ``/REPO/`` for a GitHub Pages
    project site. Links inside pages are relative, so this matters only for search, the feed,
    the sitemap and canonical links."""
    site_url: str = ""
    """Absolute origin for the feed, sitemap and canonical links (``https://user.github.io``)."""
    title: str = "Research Digest"
    """The digest's name: header, page titles, feed. Set it in ``digest.toml`` for each corpus."""
    description: str = "Briefs, claims and a timeline drawn from think-tank analysis."
    """One or two sentences on what the digest covers: the home page's lede and meta description."""
    about: str = ""
    """Markdown: what this corpus is and why it was collected. It opens the About page (before
    ``content/pages/about.md``, which explains how to use the site) and the home page."""
    language: str = "en"
    jobs: int = 0
    """Worker processes for ingest and build; 0 means one per core."""
    page_size: int = 50
    """Briefs per page on the home page and on each tag, actor and publisher page (and events and
    claims per page on the latter); page 2 onwards live at ``page/2/``, ``page/3/`` … under the
    list's address. 0 puts every item on one page."""
    encoding: str | None = None
    """Force this text encoding for page dumps that are not UTF-8 (``cp1252``)."""

    @property
    def sources_dir(self) -> Path:
        return self.content_dir / "sources"

    @property
    def briefs_dir(self) -> Path:
        return self.content_dir / "briefs"

    @property
    def pages_dir(self) -> Path:
        return self.content_dir / "pages"

    @property
    def actors_file(self) -> Path:
        return self.content_dir / "actors.yaml"


def load_config(path: str | Path | None = None, **overrides: Any) -> Config:
    """Read ``digest.toml`` (if present), overlay the CLI options that are not None, validate."""
    data: dict[str, Any] = {}
    cfg_path = Path(path) if path else Path(CONFIG_FILE)
    if cfg_path.exists():
        try:
            data = tomllib.loads(cfg_path.read_text(encoding="utf-8"))
        except (tomllib.TOMLDecodeError, UnicodeDecodeError) as exc:
            raise ConfigError(f"not valid TOML: {exc}", cfg_path) from None
        except RecursionError:  # tomllib recurses on nested arrays/tables: a = [[[[...]]]]
            raise ConfigError("not valid TOML: nested too deeply", cfg_path) from None
        except OSError as exc:
            raise ConfigError(f"cannot read: {exc.strerror or exc}", cfg_path) from None
        data = data.get("digest", data)
    elif path:
        raise ConfigError("config file not found", cfg_path)
    data.update({k: v for k, v in overrides.items() if v is not None})
    known = {f.name: f for f in fields(Config)}
    problems, values = [], {}
    for key, value in data.items():
        if key not in known:
            problems.append(f"Config value '{key}': unknown setting")
            continue
        default = known[key].default
        if isinstance(default, Path):
            if not isinstance(value, (str, Path)):
                problems.append(f"Config value '{key}': must be a path")
                continue
            value = Path(value)
        elif isinstance(default, int) and not isinstance(default, bool):
            if isinstance(value, bool) or not isinstance(value, int) or value < 0:
                problems.append(f"Config value '{key}': must be a whole number from 0")
                continue
        elif value is not None and not isinstance(value, str):
            problems.append(f"Config value '{key}': must be text")
            continue
        values[key] = value
    if "base_url" in values:
        base = values["base_url"].strip() or "/"
        if "://" in base or ".." in base.split("/"):
            problems.append("Config value 'base_url': must be a path such as /REPO/ (put the host in site_url)")
        values["base_url"] = "/" + base.strip("/") + "/" if base.strip("/") else "/"
    if values.get("site_url"):
        if not values["site_url"].startswith(("https://", "http://")):
            problems.append("Config value 'site_url': must start with https:// or http://")
        values["site_url"] = values["site_url"].rstrip("/")
    if problems:
        raise ConfigError("; ".join(problems), cfg_path if cfg_path.exists() else None)
    return dataclasses.replace(Config(), **values)
