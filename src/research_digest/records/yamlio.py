"""Reading and writing records as YAML.

Reading uses libyaml's ``CSafeLoader`` (about 15x faster than the pure-Python loader; we fail
loudly if it is missing rather than build slowly). The node tree is composed first so that
(1) every schema problem can be reported with its line, (2) aliases are refused before they are
expanded (a "billion laughs" record cannot blow up memory), and (3) duplicate keys, which PyYAML
would silently collapse, are reported instead of losing a curator's edit.

Writing is deterministic (schema order, ``allow_unicode``, no line wrapping) and atomic: the text
goes to a temporary file in the same directory, is flushed to disk, then renamed into place, so
an interrupted run never leaves a half-written record.
"""

from __future__ import annotations

import os
import re
import stat
import tempfile
from collections.abc import Callable, Iterable
from pathlib import Path
from typing import Any

import yaml

from research_digest.errors import RecordError
from research_digest.records.schema import Record, SchemaProblems, from_dict, to_dict

if not getattr(yaml, "__with_libyaml__", False):  # pragma: no cover - depends on the install
    raise ImportError(
        "research-digest needs PyYAML built with libyaml (yaml.CSafeLoader); "
        "reinstall it with: pip install --force-reinstall pyyaml"
    )

MAX_RECORD_BYTES = 8 * 1024 * 1024
"""A record is a few kB to a few hundred kB; anything past this is not a record someone wrote."""

MAX_NODES = 200_000
"""Cap on YAML nodes in one record, checked while walking the tree (bounded time on hostile input)."""


MAX_DEPTH = 64
"""Records nest 5 levels deep. libyaml's composer recurses in C, and ~100k nested ``[`` crash the
process (a segfault, not an exception), so depth is checked on the event stream first."""

_MAYBE_DEEP = re.compile(rf"^[ \t?:-]{{{MAX_DEPTH // 2}}}", re.M)
"""Block nesting needs at least one column (or indicator) per two levels at the line start."""


def _check_depth(text: str, path: str | Path) -> None:
    """Refuse documents nested deeper than MAX_DEPTH, before anything recursive sees them.

    Cheap pre-filter first: without many flow brackets or a deeply indented line, the document
    cannot be deep, and the extra event pass (about 40% of a load) is skipped.
    """
    if text.count("[") + text.count("{") < MAX_DEPTH and not _MAYBE_DEEP.search(text):
        return
    loader = yaml.CSafeLoader(text)
    depth = 0
    try:
        while loader.check_event():
            event = loader.get_event()
            if isinstance(event, (yaml.MappingStartEvent, yaml.SequenceStartEvent)):
                depth += 1
                if depth > MAX_DEPTH:
                    line = event.start_mark.line + 1 if event.start_mark else None
                    raise RecordError(f"nested more than {MAX_DEPTH} levels deep", path, line)
            elif isinstance(event, (yaml.MappingEndEvent, yaml.SequenceEndEvent)):
                depth -= 1
    except yaml.YAMLError:
        return  # a syntax error: the real parse below reports it with its line
    finally:
        loader.dispose()


def parse_yaml(text: str, path: str | Path) -> Any:
    """Parse one YAML document safely; errors name the file and line."""
    _check_depth(text, path)
    loader = yaml.CSafeLoader(text)
    try:
        node = loader.get_single_node()
        if node is None:
            raise RecordError("empty record", path, 1)
        return build_tree(loader, node, path), node
    except yaml.MarkedYAMLError as exc:
        mark = exc.problem_mark or exc.context_mark
        line = mark.line + 1 if mark else None
        raise RecordError(f"not valid YAML: {exc.problem or exc.context}", path, line) from None
    except (ValueError, OverflowError) as exc:  # e.g. date: 2025-13-40, which YAML reads as a timestamp
        raise RecordError(f"not a valid date or number: {exc}", path, _first_bad_scalar_line(text)) from None
    except yaml.reader.ReaderError as exc:  # a control character: no mark, but a position
        line = text[: exc.position].count("\n") + 1 if isinstance(exc.position, int) else None
        char = exc.character if isinstance(exc.character, int) else ord(str(exc.character)[:1] or "\0")
        raise RecordError(f"not valid YAML: control character U+{char:04X} is not allowed", path, line) from None
    except yaml.YAMLError as exc:
        raise RecordError(f"not valid YAML: {exc}".splitlines()[0], path) from None
    finally:
        loader.dispose()


def _first_bad_scalar_line(text: str) -> int | None:
    """The line of the first plain scalar the YAML constructor cannot convert (it gives no mark)."""
    loader = yaml.CSafeLoader(text)
    try:
        stack = [loader.get_single_node()]
        while stack:
            node = stack.pop(0)
            if isinstance(node, yaml.ScalarNode):
                try:
                    loader.construct_object(node, deep=True)
                except (ValueError, OverflowError):
                    return node.start_mark.line + 1
            elif isinstance(node, yaml.MappingNode):
                stack[:0] = [n for pair in node.value for n in pair]
            elif isinstance(node, yaml.SequenceNode):
                stack[:0] = list(node.value)
    finally:
        loader.dispose()
    return None


_STR, _SEQ, _MAP = "tag:yaml.org,2002:str", "tag:yaml.org,2002:seq", "tag:yaml.org,2002:map"


def build_tree(loader: yaml.CSafeLoader, root: yaml.Node, path: str | Path) -> Any:
    """Turn the composed node tree into plain data, refusing aliases and duplicate keys on the way.

    One iterative pass does the work of ``_check_tree`` plus PyYAML's constructor: plain
    strings (most of a record) are taken as they are and only other scalars (dates, numbers,
    booleans) go through the constructor. This costs about a third of checking and then
    constructing, which matters when a build loads 10,000 records. Collections with an
    unusual tag (``!!set``, ``!!omap``) are checked whole and left to the constructor.
    """
    seen: set[int] = set()
    construct = loader.construct_object
    holder: list[Any] = [None]
    stack: list[tuple[yaml.Node, Any, Any]] = [(root, holder, 0)]
    while stack:
        node, container, slot = stack.pop()
        _visit(node, seen, path)
        kind = node.__class__
        if kind is yaml.ScalarNode:
            container[slot] = node.value if node.tag == _STR else construct(node)
        elif kind is yaml.SequenceNode and node.tag == _SEQ:
            items: list[Any] = [None] * len(node.value)
            container[slot] = items
            stack.extend((child, items, i) for i, child in reversed(list(enumerate(node.value))))
        elif kind is yaml.MappingNode and node.tag == _MAP:
            mapping: dict[Any, Any] = {}
            container[slot] = mapping
            pending = []
            for key_node, value_node in node.value:
                key = _build_key(loader, key_node, path, seen)
                if key in mapping:
                    first = next(k.start_mark.line + 1 for k, _ in node.value if _same_key(loader, k, key))
                    raise RecordError(
                        f"duplicate key {str(key)[:60]!r} (first on line {first})", path, key_node.start_mark.line + 1
                    )
                mapping[key] = None
                pending.append((value_node, mapping, key))
            stack.extend(reversed(pending))
        else:
            _check_tree(node, path)
            container[slot] = construct(node, deep=True)
    return holder[0]


def _build_key(loader: yaml.CSafeLoader, node: yaml.Node, path: str | Path, seen: set[int]) -> Any:
    _visit(node, seen, path)
    if isinstance(node, yaml.ScalarNode):
        return node.value if node.tag == _STR else loader.construct_object(node)
    _check_tree(node, path)
    key = loader.construct_object(node, deep=True)
    try:
        hash(key)
    except TypeError:
        raise RecordError("a mapping or list used as a key", path, node.start_mark.line + 1) from None
    return key


def _same_key(loader: yaml.CSafeLoader, node: yaml.Node, key: Any) -> bool:
    if isinstance(node, yaml.ScalarNode):
        return (node.value if node.tag == _STR else loader.construct_object(node)) == key
    return False


def _visit(node: yaml.Node, seen: set[int], path: str | Path) -> None:
    """Count a node once: a node reached twice is an alias; too many nodes is not a record."""
    if id(node) in seen:
        raise RecordError(
            "YAML anchors and aliases (&name / *name) are not allowed in records", path, node.start_mark.line + 1
        )
    seen.add(id(node))
    if len(seen) > MAX_NODES:
        raise RecordError(f"record has more than {MAX_NODES} YAML nodes", path, node.start_mark.line + 1)


def _check_tree(root: yaml.Node, path: str | Path) -> None:
    """Refuse aliases and duplicate keys, and bound the size of the tree."""
    seen: set[int] = set()
    stack = [root]
    while stack:
        node = stack.pop()
        _visit(node, seen, path)
        if isinstance(node, yaml.MappingNode):
            keys: dict[str, int] = {}
            for key, value in node.value:
                if isinstance(key, yaml.ScalarNode):
                    if key.value in keys:
                        raise RecordError(
                            f"duplicate key {key.value[:60]!r} (first on line {keys[key.value]})",
                            path,
                            key.start_mark.line + 1,
                        )
                    keys[key.value] = key.start_mark.line + 1
                stack.append(value)
                stack.append(key)
        elif isinstance(node, yaml.SequenceNode):
            stack.extend(node.value)


def _line_of(node: yaml.Node, key_path: tuple) -> int | None:
    """The line of the node at ``key_path`` (or of its nearest existing parent)."""
    for step in key_path:
        if isinstance(node, yaml.MappingNode) and isinstance(step, str):
            for key, value in node.value:
                if isinstance(key, yaml.ScalarNode) and key.value == step:
                    node = value if not isinstance(value, yaml.ScalarNode) else key
                    break
            else:
                break
        elif isinstance(node, yaml.SequenceNode) and isinstance(step, int) and step < len(node.value):
            node = node.value[step]
        else:
            break
    return node.start_mark.line + 1


def load_record(path: str | Path) -> Record:
    """Read and validate one record; raises RecordError naming file and line."""
    path = Path(path)
    try:
        size = path.stat().st_size
        if size > MAX_RECORD_BYTES:
            raise RecordError(
                f"record is {size // 1024 // 1024} MB, over the {MAX_RECORD_BYTES // 1024 // 1024} MB limit", path
            )
        raw = path.read_bytes()
    except OSError as exc:
        raise RecordError(f"cannot read: {exc.strerror}", path) from None
    return parse_record(raw, path)


def parse_record(raw: bytes, path: str | Path) -> Record:
    """Validate the bytes of one record (see ``load_record``)."""
    try:
        text = raw.decode("utf-8")
    except UnicodeDecodeError as exc:
        line = raw[: exc.start].count(b"\n") + 1
        raise RecordError(f"not UTF-8 (byte 0x{raw[exc.start]:02x})", path, line) from None
    if "\x00" in text:
        raise RecordError("binary data (NUL byte) in a record", path, text[: text.index("\x00")].count("\n") + 1)
    data, node = parse_yaml(text, path)
    try:
        return from_dict(data)
    except SchemaProblems as exc:
        key_path, message = exc.problems[0]
        more = f" (and {len(exc.problems) - 1} more)" if len(exc.problems) > 1 else ""
        where = ".".join(map(str, key_path)) or "record"
        raise RecordError(f"{where} {message}{more}", path, _line_of(node, key_path)) from None


def problems_of(path: str | Path) -> list[RecordError]:
    """Every schema problem in one record, each with its line (for ``digest check``)."""
    path = Path(path)
    try:
        raw = path.read_bytes()
        text = raw.decode("utf-8")
        data, node = parse_yaml(text, path)
    except RecordError as exc:
        return [exc]
    except (OSError, UnicodeDecodeError):
        try:
            load_record(path)
        except RecordError as exc:
            return [exc]
        return []
    try:
        from_dict(data)
    except SchemaProblems as exc:
        return [
            RecordError(f"{'.'.join(map(str, p)) or 'record'} {m}", path, _line_of(node, p)) for p, m in exc.problems
        ]
    return []


class _Dumper(yaml.CSafeDumper):
    """Block style, lists indented under their key (as people write YAML)."""

    def increase_indent(self, flow=False, indentless=False):  # noqa: D401 - PyYAML hook
        return super().increase_indent(flow, False)


def dump_data(data: dict) -> str:
    """Deterministic YAML for plain data: given key order, Unicode kept, no line wrapping."""
    return yaml.dump(
        data, Dumper=_Dumper, allow_unicode=True, sort_keys=False, default_flow_style=False, width=1_000_000
    )


def dump_record(record: Record) -> str:
    return dump_data(to_dict(record))


def write_atomic(path: str | Path, text: str | bytes) -> None:
    """Write through a temporary file in the same directory, fsync, then rename into place.

    The file keeps its mode (a new one gets 0666 less the umask, as ``open`` would give it):
    ``mkstemp`` makes its file 0600, and renaming it into place would lock out the group."""
    path = Path(path)
    path.parent.mkdir(parents=True, exist_ok=True)
    data = text.encode("utf-8") if isinstance(text, str) else text
    try:
        mode = stat.S_IMODE(path.stat().st_mode)
    except FileNotFoundError:
        mode = 0o666 & ~_umask()
    fd, tmp = tempfile.mkstemp(prefix=f".{path.name}.", suffix=".tmp", dir=path.parent)
    try:
        os.fchmod(fd, mode)
        with os.fdopen(fd, "wb") as handle:
            handle.write(data)
            handle.flush()
            os.fsync(handle.fileno())
        os.replace(tmp, path)
    except BaseException:
        try:
            os.unlink(tmp)
        except FileNotFoundError:
            pass
        raise


def _umask() -> int:
    mask = os.umask(0o022)  # the only way to read it is to set it; put it straight back
    os.umask(mask)
    return mask


def record_paths(briefs_dir: str | Path) -> list[Path]:
    """The record files of a briefs directory, in sorted order (hidden files and dirs skipped)."""
    return sorted(p for p in Path(briefs_dir).glob("*.yaml") if not p.name.startswith("."))


def load_or_error(path: str | Path) -> Record | RecordError:
    """``load_record``, with a bad record returned rather than raised (for worker processes)."""
    try:
        return load_record(path)
    except RecordError as exc:
        return exc


def load_records(
    paths: Iterable[str | Path], map_paths: Callable[[Callable, list], Iterable] | None = None
) -> tuple[list[Record], list[RecordError]]:
    """Load every record; bad ones are returned as errors so the others still build.

    ``map_paths(load_or_error, paths)`` may load them in other processes (the build passes its
    pool); it must return the results in path order, so duplicate ids are reported the same way.
    """
    paths = list(paths)
    records, errors = [], []
    seen: dict[str, Path] = {}
    for path, record in zip(paths, (map_paths or map)(load_or_error, paths), strict=True):
        if isinstance(record, RecordError):
            errors.append(record)
            continue
        if record.id in seen:
            errors.append(RecordError(f"duplicate record id {record.id!r} (also in {seen[record.id]})", path, 1))
            continue
        seen[record.id] = Path(path)
        records.append(record)
    return records, errors
