"""Parse once: records kept between builds, keyed by file identity and content hash.

Parsing a record (libyaml's C loader, the line tracking error messages need, the schema check)
costs about 4-7 ms for a 13 KB brief; unpickling the same ``Record`` takes about 0.2 ms. So every
record a build parses is kept in ``.cache/digest/records/<sha256 of the file>.pickle`` and the
next build looks it up:

* a file whose (size, mtime_ns, inode) equal the last build's, and whose mtime was older than
  ``RACY_SECONDS`` when that build read it, is trusted by ``stat`` (as git trusts its index) and its
  content hash is taken from the last build;
* any other file is read and hashed; the hash finds the cached record when the bytes are the same
  (a ``touch``, a checkout), and only a file with new bytes is parsed, with line tracking.

A record is cached under the hash of its bytes, so a cached record is exactly what parsing those
bytes gives: a wrong entry cannot be served for other bytes. Bad records are never cached, so their
errors are reported on every build. The pickles are read with an unpickler that resolves only the
record classes of ``records.schema`` (anything else in a cache file is refused, never run), and a
cache file that fails to load is parsed again. Entries for files no longer present are removed.
"""

from __future__ import annotations

import hashlib
import io
import json
import pickle
import time
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from pathlib import Path

from research_digest.errors import RecordError
from research_digest.records import schema
from research_digest.records.schema import Record
from research_digest.records.yamlio import MAX_RECORD_BYTES, load_or_error, parse_record, write_atomic

FORMAT = 1
RACY_SECONDS = 2.0
INDEX_NAME = "index.json"


class _RecordUnpickler(pickle.Unpickler):
    """Only the dataclasses of ``records.schema`` (and nothing else) may be named in a cache file."""

    def find_class(self, module: str, name: str):  # noqa: D401 - pickle hook
        if module == schema.__name__ and isinstance(getattr(schema, name, None), type):
            return getattr(schema, name)
        raise pickle.UnpicklingError(f"{module}.{name} is not a record class")


@dataclass
class LoadStats:
    cached: int = 0
    parsed: int = 0
    cached_seconds: float = 0.0
    parsed_seconds: float = 0.0


def _schema_version() -> str:
    """Cached records are only valid for the schema code that made them."""
    return hashlib.sha256(Path(schema.__file__).read_bytes() + str(FORMAT).encode()).hexdigest()[:12]


def _read_pickle(path: Path) -> Record | None:
    try:
        with open(path, "rb") as handle:
            record = _RecordUnpickler(io.BytesIO(handle.read())).load()
    except (OSError, pickle.UnpicklingError, EOFError, AttributeError, ValueError, TypeError, IndexError):
        return None
    return record if isinstance(record, Record) else None


def _parse(args: tuple[str, bytes | None]) -> Record | RecordError:
    """Parse one record (in a worker): from the bytes already read, or from the file."""
    path, raw = args
    if raw is None:
        return load_or_error(path)
    try:
        return parse_record(raw, path)
    except RecordError as exc:
        return exc


def load_cached(
    paths: Iterable[str | Path], cache_root: Path, map_items: Callable[[Callable, list], Iterable] | None = None
) -> tuple[list[Record | RecordError], dict[str, str], LoadStats]:
    """Every record of ``paths`` (or its error), in path order, from the cache where the bytes are
    known; also ``file name → sha256 of its bytes`` for the records loaded (what pages fingerprint)."""
    folder = cache_root / f"records-{_schema_version()}"
    index_path = folder / INDEX_NAME
    try:
        index = json.loads(index_path.read_text(encoding="utf-8"))
        if not isinstance(index, dict):
            index = {}
    except (OSError, ValueError):
        index = {}
    stats = LoadStats()
    now = time.time_ns()
    files = [Path(p) for p in paths]
    results: list[Record | RecordError | None] = [None] * len(files)
    hashes: dict[str, str] = {}
    new_index: dict[str, list] = {}
    to_parse: list[tuple[int, str, bytes | None]] = []
    started = time.perf_counter()
    for n, path in enumerate(files):
        name = path.name
        try:
            st = path.stat()
        except OSError:
            to_parse.append((n, str(path), None))
            continue
        ident = [st.st_size, st.st_mtime_ns, st.st_ino]
        known = index.get(name)
        trusted = (
            isinstance(known, list)
            and len(known) == 5
            and known[:3] == ident
            and isinstance(known[4], int)
            and known[4] - known[1] >= RACY_SECONDS * 1e9
        )
        raw = None
        entry: list
        if trusted:
            assert isinstance(known, list)  # for mypy: ``trusted`` checked it
            digest, entry = known[3], known
        else:
            if st.st_size > MAX_RECORD_BYTES:
                to_parse.append((n, str(path), None))  # the loader reports the size
                continue
            try:
                raw = path.read_bytes()
            except OSError:
                to_parse.append((n, str(path), None))
                continue
            digest = hashlib.sha256(raw).hexdigest()
            entry = [*ident, digest, now]
        new_index[name] = entry
        hashes[name] = digest
        record = _read_pickle(folder / f"{digest}.pickle")
        if record is None:
            to_parse.append((n, str(path), raw))
            continue
        results[n] = record
        stats.cached += 1
    stats.cached_seconds = time.perf_counter() - started
    started = time.perf_counter()
    parsed = list((map_items or map)(_parse, [(p, raw) for _, p, raw in to_parse]))
    stats.parsed_seconds = time.perf_counter() - started
    folder.mkdir(parents=True, exist_ok=True)
    for (n, source, _raw), record in zip(to_parse, parsed, strict=True):
        results[n] = record
        name = Path(source).name
        if isinstance(record, RecordError):
            new_index.pop(name, None)
            hashes.pop(name, None)
            continue
        stats.parsed += 1
        write_atomic(folder / f"{hashes[name]}.pickle", pickle.dumps(record, protocol=pickle.HIGHEST_PROTOCOL))
    if new_index != index:
        live = {entry[3] for entry in new_index.values()}
        for stale in {entry[3] for entry in index.values() if isinstance(entry, list) and len(entry) == 5} - live:
            if isinstance(stale, str) and stale.isalnum():
                (folder / f"{stale}.pickle").unlink(missing_ok=True)
        write_atomic(index_path, json.dumps(new_index, sort_keys=True, separators=(",", ":")))
    for old in cache_root.glob("records-*"):
        if old != folder and old.is_dir():
            for child in old.iterdir():
                child.unlink(missing_ok=True)
            old.rmdir()
    return results, hashes, stats  # type: ignore[return-value]


def load_records_cached(
    paths: Iterable[str | Path], cache_root: Path, map_items: Callable[[Callable, list], Iterable] | None = None
) -> tuple[list[Record], list[RecordError], dict[str, str], LoadStats]:
    """``yamlio.load_records`` through the cache: records, errors (duplicate ids too), and the
    content hash of each loaded record's file, by record id."""
    files = [Path(p) for p in paths]
    loaded, hashes, stats = load_cached(files, cache_root, map_items)
    records, errors = [], []
    seen: dict[str, Path] = {}
    by_id: dict[str, str] = {}
    for path, record in zip(files, loaded, strict=True):
        if isinstance(record, RecordError):
            errors.append(record)
            continue
        if record.id in seen:
            errors.append(RecordError(f"duplicate record id {record.id!r} (also in {seen[record.id]})", path, 1))
            continue
        seen[record.id] = path
        by_id[record.id] = hashes[path.name]
        records.append(record)
    return records, errors, by_id, stats


__all__ = ["LoadStats", "load_cached", "load_records_cached"]
