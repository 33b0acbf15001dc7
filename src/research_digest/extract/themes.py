"""Themes: which subjects a brief and each of its claims are about, and which way a claim leans.

The vocabulary is data (``content/themes.yaml``; the package ships it as its default): each theme
has a label, a description, cue words and two poles (``deepening``/``limited``), each with cue words
of its own. A theme list the curator controls keeps the claims overview stable from run to run and
comparable across briefs, which free topic discovery would not be.

* A brief's ``themes``: the themes its body names at least ``min_hits`` times, most named first.
* A claim's ``theme``: the theme whose cues the claim names most; a claim that names none (``That
  would be a mistake.``) takes its brief's first theme, as a reader would read it.
* A claim's ``polarity``: the pole of its theme whose cues it names (a ``not`` just before a cue
  turns it to the other pole); a forecast that names neither pole leans ``likely`` or ``unlikely``
  by ``forecast_poles``. A claim naming both poles, or none, has no polarity: no guess.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path

import yaml

from research_digest.errors import ConfigError
from research_digest.resources import shipped

NEGATION_RE = re.compile(r"\b(?:not|no|never|neither|nor|hardly)\s+(?:\w+\s+){0,2}$", re.I)
"""A negation in the three words before a pole cue turns the cue to the other pole."""


@dataclass(frozen=True)
class Theme:
    label: str
    description: str
    cues: re.Pattern
    poles: tuple[tuple[str, re.Pattern], ...]
    """Exactly two (name, cues) pairs, in the file's order."""


@dataclass
class Themes:
    themes: list[Theme] = field(default_factory=list)
    min_hits: int = 3
    max_themes: int = 3
    forecast_poles: tuple[tuple[str, re.Pattern], ...] = ()

    def by_label(self, label: str) -> Theme | None:
        return next((t for t in self.themes if t.label == label), None)

    def of_text(self, text: str) -> list[str]:
        """The labels of the themes ``text`` names at least ``min_hits`` times, most named first."""
        counts = [(len(theme.cues.findall(text)), i, theme.label) for i, theme in enumerate(self.themes)]
        ranked = sorted((c for c in counts if c[0] >= self.min_hits), key=lambda c: (-c[0], c[1]))
        return [label for _, _, label in ranked[: self.max_themes]]

    def of_claim(self, text: str, brief_themes: list[str]) -> str | None:
        """The theme a claim is about: the one it names most, else its brief's first."""
        best, best_hits = None, 0
        for theme in self.themes:
            hits = len(theme.cues.findall(text))
            if hits > best_hits or (
                hits == best_hits and hits and theme.label in brief_themes and best not in brief_themes
            ):
                best, best_hits = theme.label, hits
        return best or (brief_themes[0] if brief_themes else None)

    def polarity(self, label: str | None, text: str, kind: str) -> str | None:
        """The pole of theme ``label`` the claim leans to, or ``likely``/``unlikely`` for a forecast."""
        theme = self.by_label(label) if label else None
        if theme is not None:
            pole = _lean(theme.poles, text)
            if pole:
                return pole
        if kind == "forecast" and self.forecast_poles:
            return _lean(self.forecast_poles, text)
        return None


def _lean(poles: tuple[tuple[str, re.Pattern], ...], text: str) -> str | None:
    """The one pole ``text`` names (negated cues count for the other pole); None for both or neither."""
    votes = {name: 0 for name, _ in poles}
    names = [name for name, _ in poles]
    found = sorted(((m.start(), -m.end(), name) for name, pattern in poles for m in pattern.finditer(text)))
    covered_to = 0
    for start, minus_end, name in found:
        if start < covered_to:
            continue  # inside a longer cue ("constraints" in "not without constraints")
        # a negation counts only after the previous cue: "not without constraints" is one cue, not a negated one
        negated = NEGATION_RE.search(text[max(0, start - 40, covered_to) : start]) is not None
        other = names[1] if name == names[0] else names[0]
        votes[other if negated else name] += 1
        covered_to = -minus_end
    leaning = [name for name in names if votes[name]]
    return leaning[0] if len(leaning) == 1 else None


def default_themes() -> Path:
    """The themes a digest starts from (``content/themes.yaml`` in the repository)."""
    return shipped("data/themes.yaml", "content/themes.yaml")


def load_themes(path: Path | None) -> Themes:
    """The themes at ``path`` (None: the packaged default), read once per process and file version."""
    target = Path(path) if path is not None else default_themes()
    stat = target.stat() if target.exists() else None
    return _load_cached(str(target.resolve()), stat.st_mtime_ns if stat else 0)


@lru_cache(maxsize=8)
def _load_cached(path: str, mtime_ns: int) -> Themes:
    target = Path(path)
    if not target.exists():
        return Themes()
    try:
        data = yaml.safe_load(target.read_text(encoding="utf-8"))
    except (OSError, UnicodeDecodeError, yaml.YAMLError) as exc:
        raise ConfigError(f"cannot read the themes: {exc}", target) from None
    return build_themes(data, target)


def _cue_pattern(cues: object, where: str, path: Path | None) -> re.Pattern:
    if not isinstance(cues, list) or not cues or not all(isinstance(c, str) and c.strip() for c in cues):
        raise ConfigError(f"{where}: needs a list of cue words", path)
    alternatives = sorted((re.escape(c.strip()).replace(r"\ ", r"\s+") for c in cues), key=len, reverse=True)
    return re.compile(r"(?<![\w-])(?:" + "|".join(alternatives) + ")", re.I)


def build_themes(data: object, path: Path | None = None) -> Themes:
    """Check themes data and compile its cues; a problem raises ConfigError naming the theme."""
    if not isinstance(data, dict) or not isinstance(data.get("themes"), list):
        raise ConfigError("the themes file must be a mapping with a list under 'themes'", path)
    out = Themes(min_hits=int(data.get("min_hits", 3)), max_themes=int(data.get("max_themes", 3)))
    fp = data.get("forecast_poles") or {}
    if fp:
        if not isinstance(fp, dict) or len(fp) != 2:
            raise ConfigError("forecast_poles: needs exactly two poles", path)
        out.forecast_poles = tuple((str(k), _cue_pattern(v, f"forecast_poles.{k}", path)) for k, v in fp.items())
    seen = set()
    for i, item in enumerate(data["themes"]):
        if not isinstance(item, dict) or not isinstance(item.get("label"), str) or not item["label"].strip():
            raise ConfigError(f"themes[{i}]: needs a 'label'", path)
        label = item["label"].strip()
        if label in seen:
            raise ConfigError(f"themes[{i}] ({label}): listed twice", path)
        seen.add(label)
        poles = item.get("poles")
        if not isinstance(poles, dict) or len(poles) != 2:
            raise ConfigError(f"themes[{i}] ({label}): needs exactly two poles", path)
        out.themes.append(
            Theme(
                label,
                str(item.get("description") or ""),
                _cue_pattern(item.get("cues"), f"themes[{i}] ({label}) cues", path),
                tuple((str(k), _cue_pattern(v, f"themes[{i}] ({label}) poles.{k}", path)) for k, v in poles.items()),
            )
        )
    return out
