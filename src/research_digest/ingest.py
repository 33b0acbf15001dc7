"""Stage 1, ``digest ingest``: saved pages → records in ``content/briefs/``.

For each page, in order:

1. ``readers.read_page``: decode the file, refuse empty, binary, oversized or undecodable input.
2. ``sources.parse_page``: pick the source profile from the page's content, strip the page
   chrome, find title, authors, date, publisher, synopsis, sections and paragraphs.
3. ``finish_record``: the record id (from the file name, so re-ingesting a page updates the same
   record), stable paragraph ids, the source block.
4. ``extract.annotate``: claims and dated events, each anchored to a paragraph and sentence.
5. ``write_record``: three-way merge with the curator's edits (``records.curation``), then an
   atomic write of the record and of the machine snapshot beside it.

Steps 1-4 are pure and run in a process pool; step 5 runs in the parent, in sorted order, so the
output does not depend on the number of processes.
"""

from __future__ import annotations

import hashlib
import os
from collections.abc import Callable, Iterable, Iterator
from concurrent.futures import ProcessPoolExecutor
from dataclasses import dataclass, field
from pathlib import Path

from research_digest import extract, sources
from research_digest.duplicates import DuplicateIndex, fingerprint
from research_digest.errors import DigestError, InputError, RecordError
from research_digest.extract.themes import load_themes
from research_digest.readers import Page, read_page
from research_digest.records import yamlio
from research_digest.records.curation import merge_record, new_conflicts
from research_digest.records.schema import FIELD_ORDER, Record, SchemaProblems, Source, from_dict, to_dict
from research_digest.slugs import slugify

PAGE_SUFFIXES = (".txt", ".text", ".html", ".htm", ".xhtml")
MACHINE_DIR = ".machine"
"""Beside the records: the machine's last output, the base of the curator merge."""

FIELD_RANK = {name: i for i, name in enumerate(FIELD_ORDER)}
"""A merged record's fields in schema order (``conflicts`` near the top, where it is seen)."""

PARALLEL_MIN_FILES = 8
"""Below this many pages a process pool costs more to start than it saves."""


@dataclass
class IngestResult:
    written: list[Path] = field(default_factory=list)
    unchanged: list[Path] = field(default_factory=list)
    errors: list[DigestError] = field(default_factory=list)
    warnings: list[DigestError] = field(default_factory=list)
    """Things written but worth a look: a page that duplicates another record's article."""


def block_id(text: str, kind: str) -> str:
    """Derived from the text, so it stays put when other paragraphs are added or removed."""
    digest = hashlib.sha1(" ".join(text.split()).encode("utf-8")).hexdigest()[:8]
    return ("h-" if kind == "heading" else "p-") + digest


def collect_pages(paths: Iterable[str | Path]) -> tuple[list[Path], list[DigestError]]:
    """Expand directories into their page files (sorted); report paths that do not exist."""
    found: list[Path] = []
    errors: list[DigestError] = []
    for raw in paths:
        path = Path(raw)
        if path.is_dir():
            inside = path.resolve()
            for p in sorted(path.rglob("*")):
                if (
                    p.is_file()
                    and p.suffix.lower() in PAGE_SUFFIXES
                    and not any(part.startswith(".") for part in p.relative_to(path).parts)
                ):
                    _keep_inside(p, inside, found, errors)
            for p in sorted(path.rglob("*")):  # rglob does not follow linked folders: report them
                if p.is_symlink() and p.is_dir() and not p.resolve().is_relative_to(inside):
                    errors.append(InputError(_outside(p, path), p))
        elif path.is_file():
            _keep_inside(path, path.parent.resolve(), found, errors)
        else:
            errors.append(InputError("no such file or directory", path))
    unique = sorted(dict.fromkeys(found))
    return unique, errors


def _keep_inside(page: Path, folder: Path, found: list[Path], errors: list[DigestError]) -> None:
    """A page is read only if it resolves inside the folder it was found in: a symlink in
    ``content/sources/`` to a file elsewhere would publish that file (on CI, the runner's)."""
    if page.resolve().is_relative_to(folder):
        found.append(page)
    else:
        errors.append(InputError(_outside(page, folder), page))


def _outside(link: Path, folder: Path) -> str:
    return f"is a symlink to {link.resolve()}, outside {folder}; refused (copy the page into the folder instead)"


def record_id_for(path: Path) -> str:
    return slugify(path.stem)


def finish_record(record: Record, page: Page, root: Path | None) -> Record:
    """Give a parsed record its id, stable block ids and source block."""
    record.id = record_id_for(page.path)
    seen: dict[str, int] = {}
    for block in record.body:
        bid = block_id(block.text, block.kind)
        seen[bid] = seen.get(bid, 0) + 1
        block.id = bid if seen[bid] == 1 else f"{bid}-{seen[bid]}"
    record.source = Source(
        file=shown_path(page.path, root),
        sha256=page.sha256,
        profile=record.source.profile,
        url=page.url or record.source.url,
        fetched=page.fetched,
    )
    return record


def shown_path(path: Path, root: Path | None) -> str:
    """The page's path as a record shows it: relative to the content directory's parent.

    Never absolute, so records do not depend on (or reveal) where the checkout lives; a page
    outside the project gets a relative path with ``..`` parts, or its bare name on another drive.
    """
    if root is None:
        return path.name if path.is_absolute() else path.as_posix()
    try:
        return Path(os.path.relpath(path.resolve(), root.resolve())).as_posix()
    except ValueError:  # another drive on Windows
        return path.name


def parse_file(path: Path, encoding: str | None, root: Path | None, gazetteer_path: Path | None) -> Record:
    """Steps 1-4 for one file: pure, so it can run in a worker process."""
    page = read_page(path, encoding=encoding)
    record = sources.parse_page(page)
    finish_record(record, page, root)
    themes_path = gazetteer_path.parent / "themes.yaml" if gazetteer_path is not None else None
    extract.annotate(
        record,
        extract.load_gazetteer(gazetteer_path),
        load_themes(themes_path if themes_path is not None and themes_path.exists() else None),
    )
    return record


def _parse_safely(args) -> Record | DigestError:
    try:
        return parse_file(*args)
    except DigestError as exc:
        return exc
    except RecursionError:
        return InputError("markup nested too deeply to parse", args[0])


def parse_files(
    paths: list[Path], encoding: str | None, root: Path | None, gazetteer_path: Path | None, jobs: int = 1
) -> Iterator[tuple[Path, Record | DigestError]]:
    """Parse pages, in a process pool when there are enough of them; yields in input order."""
    work = [(p, encoding, root, gazetteer_path) for p in paths]
    if jobs <= 1 or len(paths) < PARALLEL_MIN_FILES:
        for args in work:
            yield args[0], _parse_safely(args)
        return
    with ProcessPoolExecutor(max_workers=jobs) as pool:
        chunk = max(1, min(32, len(work) // (jobs * 8)))
        yield from zip(paths, pool.map(_parse_safely, work, chunksize=chunk), strict=True)


def _read_data(path: Path) -> dict | None:
    """The YAML data of an existing record or snapshot, or None if there is none.

    Anything but a mapping (a list pasted over the record, a bare string) is an error naming the
    file: treating it as "no record" would overwrite it."""
    if not path.exists():
        return None
    data, _ = yamlio.parse_yaml(path.read_text(encoding="utf-8"), path)
    if not isinstance(data, dict):
        kind = "a list" if isinstance(data, list) else f"a single {type(data).__name__} value"
        raise RecordError(f"holds {kind}, not a record (a mapping of fields); fix or delete it", path, 1)
    return data


def _source_file(data: dict | None) -> str | None:
    source = data.get("source") if data else None
    return source.get("file") if isinstance(source, dict) else None


def write_record(
    record: Record, briefs_dir: Path, page: Path | None = None, warnings: list[DigestError] | None = None
) -> bool:
    """Merge with the curator's edits and write atomically; returns False if nothing changed.

    A record that no longer parses is never overwritten: the curator must fix it first, since
    we could not tell which of its fields were edited. Nor is a record made from another page
    (its ``source.file`` differs): two files whose names slug alike (``Arctic Brief.txt`` and
    ``arctic_brief.txt``) would otherwise replace each other's record, curator's note and all.
    This is checked on every ingest, full or of one file, against the record on disk.
    """
    target = briefs_dir / f"{record.id}.yaml"
    snapshot = briefs_dir / MACHINE_DIR / f"{record.id}.yaml"
    theirs = to_dict(record)
    try:
        ours = _read_data(target)
    except UnicodeDecodeError as exc:
        raise RecordError(
            f"existing record is not valid ({exc}); fix or delete it, then ingest again", target
        ) from None
    except RecordError as exc:
        raise RecordError(
            f"existing record is not valid ({exc.message}); fix or delete it, then ingest again", target, exc.line
        ) from None
    owner = _source_file(ours)
    if owner is not None and owner != record.source.file:
        raise InputError(
            f"gives the record id {record.id!r}, but {target} is the record of {owner!r}; "
            "rename this file (or delete that record if its page was renamed)",
            page or record.source.file,
        )
    try:
        base = _read_data(snapshot)
    except UnicodeDecodeError as exc:
        raise RecordError(f"machine snapshot is not valid UTF-8 ({exc.reason}); delete it", snapshot) from None
    except RecordError as exc:
        raise RecordError(
            f"machine snapshot is not valid ({exc.message}); delete it (the record on disk then wins whole)",
            snapshot,
            exc.line,
        ) from None
    merged = merge_record(base, ours, theirs)
    merged = {k: merged[k] for k in sorted(merged, key=lambda k: FIELD_RANK.get(k, len(FIELD_RANK)))}
    for conflict in new_conflicts(ours, merged):
        if warnings is not None:
            warnings.append(RecordError(f"merge conflict: {conflict}", target))
    try:
        from_dict(merged)
    except SchemaProblems as exc:
        raise RecordError(f"the curated record would not be valid after merging: {exc}", target) from None
    machine_text = yamlio.dump_data(theirs)
    text = yamlio.dump_data(merged)
    changed = False
    # The record goes first. Stopped between the two writes, the record holds the merge and the
    # snapshot the old base; merging again gives the same record (idempotent). The other order
    # would leave the old machine values in the record and the new ones in the snapshot, so the
    # next run would take the stale values for curator edits and keep them for ever.
    if not target.exists() or target.read_text(encoding="utf-8") != text:
        yamlio.write_atomic(target, text)
        changed = True
    if not snapshot.exists() or snapshot.read_text(encoding="utf-8") != machine_text:
        yamlio.write_atomic(snapshot, machine_text)
        changed = True
    return changed


def known_bodies(briefs_dir: Path) -> DuplicateIndex:
    """Fingerprints of the records on disk (ones that do not load are left out: ingest reports
    them when it reaches them)."""
    index = DuplicateIndex()
    for path in yamlio.record_paths(briefs_dir):
        try:
            data, _ = yamlio.parse_yaml(path.read_text(encoding="utf-8"), path)
        except (DigestError, OSError, UnicodeDecodeError):
            continue
        if not isinstance(data, dict):
            continue
        body = data.get("body")
        if isinstance(data.get("id"), str) and isinstance(body, list):
            texts = (b.get("text") for b in body if isinstance(b, dict) and b.get("kind", "paragraph") == "paragraph")
            index.add(data["id"], fingerprint(t for t in texts if isinstance(t, str)))
    return index


def run(
    paths: list[Path],
    briefs_dir: Path,
    *,
    root: Path | None = None,
    encoding: str | None = None,
    gazetteer_path: Path | None = None,
    jobs: int = 1,
    progress: Callable[[int, int, Path], None] | None = None,
) -> IngestResult:
    """Ingest pages into ``briefs_dir``; bad pages are reported and the rest go on."""
    result = IngestResult()
    files, result.errors = collect_pages(paths)
    # In record-id order, so that every record with a smaller id is already in ``known`` (from
    # disk, or updated by this run) when a page is checked for being a duplicate of one.
    files.sort(key=lambda p: (record_id_for(p), p))
    jobs = jobs or os.cpu_count() or 1
    seen_ids: dict[str, Path] = {}
    known = known_bodies(briefs_dir) if files else DuplicateIndex()
    for done, (path, outcome) in enumerate(parse_files(files, encoding, root, gazetteer_path, jobs), 1):
        if progress:
            progress(done, len(files), path)
        if isinstance(outcome, DigestError):
            result.errors.append(outcome)
            continue
        if outcome.id in seen_ids:
            result.errors.append(
                InputError(
                    f"gives the same record id {outcome.id!r} as {seen_ids[outcome.id]}; rename one of the files", path
                )
            )
            continue
        seen_ids[outcome.id] = path
        print_ = fingerprint(b.text for b in outcome.paragraphs())
        original = known.original_of(outcome.id, print_)
        if original:
            outcome.duplicate_of = original[0]
            result.warnings.append(
                InputError(
                    f"the same article as record {original[0]!r} ({original[1]:.0%} of the text alike); "
                    f"linked with duplicate_of (delete one of the pages if it is a copy)",
                    path,
                )
            )
        known.add(outcome.id, print_)
        try:
            target = briefs_dir / f"{outcome.id}.yaml"
            (result.written if write_record(outcome, briefs_dir, path, result.warnings) else result.unchanged).append(
                target
            )
        except DigestError as exc:
            result.errors.append(exc)
        except OSError as exc:
            result.errors.append(RecordError(f"cannot write: {exc.strerror or exc}", briefs_dir / f"{outcome.id}.yaml"))
    return result
