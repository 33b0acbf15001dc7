"""The build manifest: lets a rebuild with nothing changed check and stop, writing nothing, and
keeps what an incremental build compares with (each declaration's fingerprint and files, see
``plan``, and the *environment* digest: templates, code, settings, by content).

After a successful build (no errors), we record two fingerprints in
``.cache/digest/build-<hash of the output path>.json`` beside the output directory:

* the **inputs**: every record file (name, size, mtime_ns), every file of the templates (and
  which templates folder) and of ``content/pages/``, the settings that reach the site
  (everything in ``Config`` but ``jobs``), the search flag, ``SOURCE_DATE_EPOCH``, and the code:
  this package's version, the size and mtime of each of its modules, and the versions of the
  libraries that shape the output (Jinja, markdown-it, syntok, Pagefind);
* the **outputs**: every file under the output directory with its size and mtime_ns.

The next build takes the input fingerprint first (about 10,000 ``stat`` calls for 10,000
records) and, if it is equal and the output tree still matches file for file, returns at once.
Anything else (an edited, added or deleted record, a template, a setting, the code, a file
touched or deleted in ``build/``) means a full build. The manifest lives outside ``build/`` so
it is never published, and is written only after the site has been swapped into place, so a
build killed half-way leaves the old manifest, which no longer matches the output, or none.

Stat data can lie in one case: a file rewritten with the same size within the file system's
timestamp tick of our reading it. As git does for its index, we refuse to trust a fingerprint
taken while any input is that fresh (modified less than ``RACY_SECONDS`` before the build
started): such a manifest is not written, so the next build is a full one.
"""

from __future__ import annotations

import dataclasses
import hashlib
import json
import os
import time
from dataclasses import dataclass
from importlib import metadata
from pathlib import Path
from typing import Any

from research_digest import __version__
from research_digest.config import Config
from research_digest.records.yamlio import write_atomic
from research_digest.resources import default_gazetteer

MANIFEST_DIR = Path(".cache") / "digest"
FORMAT = 2
RACY_SECONDS = 2.0
"""Inputs changed this recently are not trusted by stat alone (coarse file-system timestamps)."""
OUTPUT_LIBRARIES = ("jinja2", "markdown-it-py", "markupsafe", "syntok", "pagefind", "feedgen", "pyyaml")
PACKAGE_DIR = Path(__file__).resolve().parent.parent


@dataclass
class InputState:
    digest: str
    """sha256 over everything listed in the module docstring."""
    newest_mtime_ns: int
    taken_ns: int


@dataclass
class Manifest:
    inputs: str
    """The stat fingerprint of a clean (error-free, not racy) build, or "" when there is none."""
    outputs: dict[str, list[int]]
    records: int
    pages: int
    environment: str = ""
    decls: dict[str, list] = dataclasses.field(default_factory=dict)
    """Declaration key → [fingerprint, output paths, searchable paths] (``plan.diff``)."""


def cache_dir(config: Config) -> Path:
    """``.cache/digest/`` beside the output directory: never published, shared by its builds."""
    return config.out_dir.resolve().parent / MANIFEST_DIR


def manifest_path(config: Config) -> Path:
    key = hashlib.sha256(os.fsencode(config.out_dir.resolve())).hexdigest()[:16]
    return cache_dir(config) / f"build-{key}.json"


def _stat_tree(root: Path, pattern_suffix: str | None = None, skip_hidden: bool = False) -> list[list]:
    """``[relative path, size, mtime_ns]`` of every file under ``root``, sorted.

    ``os.scandir`` with paths built by concatenation: ``os.walk`` plus ``relpath`` took 1.1 s for
    the 60,000 files of a 10,000-brief site, this about a third of that."""
    found: list[list] = []
    stack = [(str(root), "")]
    while stack:
        directory, prefix = stack.pop()
        try:
            entries = list(os.scandir(directory))
        except (FileNotFoundError, NotADirectoryError):
            continue
        for entry in entries:
            name = entry.name
            if skip_hidden and name.startswith("."):
                continue
            if entry.is_dir(follow_symlinks=False):
                stack.append((entry.path, prefix + name + "/"))
            elif pattern_suffix is None or name.endswith(pattern_suffix):
                st = entry.stat()
                found.append([prefix + name, st.st_size, st.st_mtime_ns])
    found.sort()
    return found


def _library_versions() -> list[list[str]]:
    versions = []
    for name in OUTPUT_LIBRARIES:
        try:
            versions.append([name, metadata.version(name)])
        except metadata.PackageNotFoundError:
            versions.append([name, ""])
    return versions


def take_inputs(config: Config, templates: tuple[Path, ...], search: bool) -> InputState:
    """Fingerprint everything a build reads (see the module docstring)."""
    taken = time.time_ns()
    records = [[e.name, *_stat_entry(e)] for e in _scan_records(config.briefs_dir)]
    parts: dict[str, Any] = {
        "format": FORMAT,
        "version": __version__,
        "records": records,
        "theme": [str(d.resolve()) for d in templates],
        "templates": [item for d in templates for item in _stat_tree(d)],
        "pages": _stat_tree(config.pages_dir),
        "code": _stat_tree(PACKAGE_DIR, ".py") + _stat_tree(PACKAGE_DIR / "data"),
        # the map page reads place coordinates from the gazetteers
        "gazetteer": [[str(p), p.stat().st_size, p.stat().st_mtime_ns] for p in _gazetteers(config)],
        "libraries": _library_versions(),
        "config": {k: str(v) for k, v in sorted(dataclasses.asdict(config).items()) if k != "jobs"},
        "search": search,
        "source_date_epoch": os.environ.get("SOURCE_DATE_EPOCH", ""),
    }
    newest = max((item[2] for key in ("records", "templates", "pages", "gazetteer") for item in parts[key]), default=0)
    text = json.dumps(parts, sort_keys=True, separators=(",", ":"))
    return InputState(hashlib.sha256(text.encode("utf-8")).hexdigest(), newest, taken)


def _gazetteers(config: Config) -> list[Path]:
    """The gazetteer files the map reads its coordinates from (the digest's, the package's)."""
    return [p for p in (config.actors_file, default_gazetteer()) if p.is_file()]


def _scan_records(briefs_dir: Path) -> list[os.DirEntry]:
    """The entries ``yamlio.record_paths`` reads: ``*.yaml``, not hidden, sorted by name."""
    try:
        with os.scandir(briefs_dir) as entries:
            return sorted(
                (e for e in entries if e.name.endswith(".yaml") and not e.name.startswith(".")), key=lambda e: e.name
            )
    except FileNotFoundError:
        return []


def _stat_entry(entry: os.DirEntry) -> tuple[int, int]:
    st = entry.stat()
    return st.st_size, st.st_mtime_ns


def take_outputs(out_dir: Path) -> dict[str, list[int]]:
    return {path: [size, mtime] for path, size, mtime in _stat_tree(out_dir)}


def load_manifest(config: Config) -> Manifest | None:
    try:
        data = json.loads(manifest_path(config).read_text(encoding="utf-8"))
        if data.get("format") != FORMAT:
            return None
        return Manifest(
            data["inputs"],
            data["outputs"],
            int(data["records"]),
            int(data["pages"]),
            str(data["environment"]),
            dict(data["decls"]),
        )
    except (OSError, ValueError, KeyError, TypeError, AttributeError):
        return None


def outputs_match(config: Config, manifest: Manifest) -> bool:
    """Whether the output directory holds exactly the files the manifest's build left there."""
    return take_outputs(config.out_dir) == manifest.outputs


def _hash_tree(root: Path, suffix: str | None = None) -> list[list]:
    """``[relative path, sha256]`` of every file under ``root``: content, not stat, so that a file
    saved twice within a second is never mistaken for the old one."""
    return [
        [rel, hashlib.sha256((root / rel).read_bytes()).hexdigest()]
        for rel, _size, _mtime in _stat_tree(root, suffix)
        if (root / rel).is_file()
    ]


def environment(config: Config, templates: tuple[Path, ...], search: bool) -> str:
    """What every page depends on besides its own inputs (templates, ``content/pages/``, code,
    libraries, settings): when this changes, an incremental build renders everything."""
    parts = {
        "format": FORMAT,
        "version": __version__,
        "theme": [str(d.resolve()) for d in templates],
        "templates": [_hash_tree(d) for d in templates],
        "pages": _hash_tree(config.pages_dir),
        "code": _hash_tree(PACKAGE_DIR, ".py"),
        "libraries": _library_versions(),
        "config": {k: str(v) for k, v in sorted(dataclasses.asdict(config).items()) if k != "jobs"},
        "search": search,
        "source_date_epoch": os.environ.get("SOURCE_DATE_EPOCH", ""),
    }
    text = json.dumps(parts, sort_keys=True, separators=(",", ":"))
    return hashlib.sha256(text.encode("utf-8")).hexdigest()


def is_current(config: Config, inputs: InputState) -> Manifest | None:
    """The previous build's manifest if nothing it depends on has changed, else None."""
    manifest = load_manifest(config)
    if manifest is None or manifest.inputs != inputs.digest:
        return None
    if take_outputs(config.out_dir) != manifest.outputs:
        return None
    return manifest


def save_manifest(
    config: Config,
    inputs: InputState,
    records: int,
    pages: int,
    decls: dict[str, list] | None = None,
    environment: str = "",
    clean: bool = True,
    outputs: dict[str, list[int]] | None = None,
) -> bool:
    """Record a finished build. The stat fingerprint that lets the next build stop at once is
    kept only for a clean build whose inputs are not too fresh (returns whether it was); the
    declarations, compared by content, are kept in any case."""
    path = manifest_path(config)
    trusted = clean and inputs.taken_ns - inputs.newest_mtime_ns >= RACY_SECONDS * 1e9
    data = {
        "format": FORMAT,
        "inputs": inputs.digest if trusted else "",
        "outputs": take_outputs(config.out_dir) if outputs is None else outputs,
        "records": records,
        "pages": pages,
        "environment": environment,
        "decls": decls or {},
    }
    write_atomic(path, json.dumps(data, sort_keys=True, separators=(",", ":")) + "\n")
    return trusted


def forget(config: Config) -> None:
    """Drop the manifest before a build changes the output, so a killed build is never trusted."""
    manifest_path(config).unlink(missing_ok=True)
