"""The only code that writes into ``build/``.

Order matters (MkDocs' "gather, then write"): nothing under ``out_dir`` changes until every
file has been added with ``SiteWriter.add``; ``commit`` then puts them all in place at once:

1. a new site is staged, file by file as they are added (so the site is never held whole in
   memory), in a temporary sibling of ``out_dir`` (same file system, so renames are atomic). A
   file whose bytes equal the previous build's is hard-linked from it instead of written, so
   unchanged files keep their modification time (rsync, ghp-import and browsers' caches see only real changes);
2. the staged directory and ``out_dir`` are swapped in one step with Linux ``renameat2``
   (``RENAME_EXCHANGE``); where that call is missing, two renames (a reader may then see no
   ``build/`` for an instant, but never a half-written one);
3. the previous build, now in the staging name, is deleted.

A build killed at any point leaves the previous ``build/`` whole (at worst a stale
``.build.new-*`` sibling, which the next build removes).

An incremental build (``render.plan``) tells the writer which files it ``keep``s from the previous
build (hard-linked into the staging directory without being read) and which it ``remove``s. When
it changes only a few files (``patch=True``), linking tens of thousands of kept files would cost
more than the change: the changed files are staged all the same, then each is renamed over its
old version (each rename is atomic: a reader never sees half a file) and the removed ones are
deleted. Only for those few milliseconds is ``build/`` a mix of old and new pages; the build's
manifest is dropped before (``manifest.forget``), so a build killed then is followed by a full one.

Safety: a path is refused if it is absolute, climbs out with ``..``, or is added twice (two
pages claiming one URL is a bug, e.g. a slug collision); ``out_dir`` is refused if it contains
the current directory or the content (swapping it away would hide the user's files), or if it
holds files but does not look like a previous build.
"""

from __future__ import annotations

import ctypes
import ctypes.util
import os
import posixpath
import shutil
import tempfile
from dataclasses import dataclass
from pathlib import Path

from research_digest.render.site import SiteError

BUILD_MARKERS = (".nojekyll", "index.html")
"""A non-empty ``out_dir`` must hold one of these (what every build writes) to be replaced."""
STAGING_PREFIX = ".build.new-"
RENAME_EXCHANGE = 2
AT_FDCWD = -100


@dataclass
class WriteResult:
    written: int = 0
    """Files whose bytes changed (or are new)."""
    unchanged: int = 0


class SiteWriter:
    """Stages ``relative path → bytes`` beside ``out_dir`` as they come, then swaps them in at once.

    Each file goes to the staging directory when it is added (hard-linked from the previous build
    when its bytes are the same), so the build never holds the whole site in memory: 10,000
    briefs make about a gigabyte of HTML and data files. Nothing under ``out_dir`` changes until
    ``commit``; ``discard`` (or the next build) removes the staging directory of a failed build.
    """

    def __init__(self, out_dir: Path, protect: tuple[Path, ...] = (), patch: bool = False):
        self.out_dir = Path(out_dir)
        self.protect = protect
        self.patch = patch
        self._staged: list[str] = []
        """Paths with new bytes in the staging directory (what ``patch`` mode renames into place)."""
        self._removed: list[str] = []
        self.files: dict[str, int] = {}
        """Staged path → size in bytes."""
        self.result = WriteResult()
        self._staging: Path | None = None
        self._out = self.out_dir  # resolved and checked when staging starts
        self._failed: OSError | None = None
        """The first error staging a file: raised by ``commit``, as when staging came last."""

    @property
    def staging(self) -> Path:
        """The directory being filled (created on first use, after the output directory is checked)."""
        if self._staging is None:
            out = self.out_dir.resolve()
            check_out_dir(out, self.protect)
            out.parent.mkdir(parents=True, exist_ok=True)
            remove_stale_staging(out)
            self._out = out
            self._staging = Path(tempfile.mkdtemp(prefix=f"{STAGING_PREFIX}{os.getpid()}-", dir=out.parent))
            os.chmod(self._staging, 0o755)  # mkdtemp makes 0700; a web server must read the site
        return self._staging

    def add(self, rel_path: str, data: str | bytes) -> None:
        """Stage one file; refuses unsafe paths and a second write to one path."""
        norm = self._check(rel_path)
        data = data.encode("utf-8") if isinstance(data, str) else bytes(data)
        self.files[norm] = len(data)
        if self._failed is None:
            try:
                self._stage(norm, data)
            except OSError as exc:
                self._failed = exc

    def keep(self, rel_path: str) -> None:
        """Keep the previous build's file as it is (its declaration's inputs did not change)."""
        norm = self._check(rel_path)
        self.files[norm] = -1
        if self.patch or self._failed is not None:
            return
        target = self.staging / norm
        target.parent.mkdir(parents=True, exist_ok=True)
        try:
            os.link(self._out / norm, target)
        except OSError as exc:
            try:
                shutil.copyfile(self._out / norm, target)
            except OSError:
                self._failed = exc
        self.result.unchanged += 1

    def remove(self, rel_path: str) -> None:
        """A file of the previous build that this one no longer has."""
        norm = posixpath.normpath(rel_path)
        if norm not in self.files:
            self._removed.append(norm)

    @property
    def staged_paths(self) -> list[str]:
        """Files a patch replaced (patch mode)."""
        return list(self._staged)

    @property
    def removed_paths(self) -> list[str]:
        return list(self._removed)

    def source_of(self, rel_path: str) -> Path:
        """Where the file of this build is on disk now: staged, or (kept) in the previous build."""
        staged = self.staging / rel_path
        return staged if staged.exists() else self._out / rel_path

    def commit(self) -> WriteResult:
        staging = self.staging
        try:
            if self._failed is not None:
                raise self._failed
            if self.patch:
                self._apply_patch(staging)
            else:
                swap_into_place(staging, self._out)
        except BaseException:
            self.discard()
            raise
        shutil.rmtree(staging, ignore_errors=True)  # now holds the previous build
        self._staging = None
        return self.result

    def discard(self) -> None:
        """Drop what was staged (a build that failed before ``commit``)."""
        if self._staging is not None:
            shutil.rmtree(self._staging, ignore_errors=True)
            self._staging = None

    def _apply_patch(self, staging: Path) -> None:
        out = self._out
        for rel in self._staged:
            target = out / rel
            target.parent.mkdir(parents=True, exist_ok=True)
            os.replace(staging / rel, target)
        for rel in self._removed:
            target = out / rel
            if target.is_file() or target.is_symlink():
                target.unlink()
            parent = target.parent
            while parent != out and parent.is_dir() and not any(parent.iterdir()):
                parent.rmdir()
                parent = parent.parent

    def _check(self, rel_path: str) -> str:
        norm = posixpath.normpath(rel_path)
        if rel_path.startswith("/") or norm.startswith("..") or norm == "." or "\\" in rel_path or "\x00" in rel_path:
            raise SiteError(f"refusing to write outside the site: {rel_path!r}", self.out_dir)
        if norm in self.files:
            raise SiteError(f"two pages claim the same file {norm!r} (a slug collision?)", self.out_dir)
        return norm

    def _stage(self, rel: str, data: bytes) -> None:
        target = self.staging / rel
        old = self._out / rel
        if self.patch:
            if _same_bytes(old, data):
                self.result.unchanged += 1
                return
            target.parent.mkdir(parents=True, exist_ok=True)
            with open(target, "wb") as handle:
                handle.write(data)
            self._staged.append(rel)
            self.result.written += 1
            return
        target.parent.mkdir(parents=True, exist_ok=True)
        if _same_bytes(old, data):
            try:
                os.link(old, target)
                self.result.unchanged += 1
                return
            except OSError:
                pass  # e.g. a file system without hard links: write the bytes instead
        with open(target, "wb") as handle:
            handle.write(data)
        self.result.written += 1


def _same_bytes(path: Path, data: bytes) -> bool:
    try:
        if not path.is_file() or path.is_symlink() or path.stat().st_size != len(data):
            return False
        return path.read_bytes() == data
    except OSError:
        return False


def check_out_dir(out: Path, protect: tuple[Path, ...]) -> None:
    """Refuse an output directory whose replacement would destroy something that is not a build."""
    for path in (Path.cwd(), *protect):
        path = path.resolve()
        if path == out or out in path.parents:
            raise SiteError(f"output directory {out} contains {path}; choose a directory of its own (e.g. build)", out)
    if out.is_symlink() or (out.exists() and not out.is_dir()):
        raise SiteError("output path exists and is not a directory", out)
    if out.is_dir() and any(out.iterdir()) and not any((out / m).exists() for m in BUILD_MARKERS):
        raise SiteError(
            "output directory holds files but no previous build (no .nojekyll or index.html); refusing to replace it",
            out,
        )


def remove_stale_staging(out: Path) -> None:
    """Staging directories left by killed builds (not those of a build still running beside this
    one, such as ``digest serve`` rebuilding while ``digest build`` runs: the name holds the pid).

    Where ``renameat2`` is missing, a build killed between the renames of ``swap_into_place``
    leaves no ``out`` and the previous build in ``<staging>-old``: that is put back first, so it
    is not deleted with the rest."""
    if not out.exists():
        parked = sorted(p for p in out.parent.glob(STAGING_PREFIX + "*-old") if p.is_dir() and not p.is_symlink())
        if parked:
            os.rename(parked[-1], out)
    for stale in out.parent.glob(STAGING_PREFIX + "*"):
        pid = stale.name[len(STAGING_PREFIX) :].split("-", 1)[0]
        if stale.is_dir() and not stale.is_symlink() and not (pid.isdigit() and is_running(int(pid))):
            shutil.rmtree(stale, ignore_errors=True)


def is_running(pid: int) -> bool:
    if pid == os.getpid():
        return False  # our own leftovers (an earlier build in this process that failed)
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except PermissionError:
        return True
    return True


def _renameat2():
    try:
        libc = ctypes.CDLL(ctypes.util.find_library("c") or None, use_errno=True)
        func = libc.renameat2
    except (OSError, AttributeError):
        return None
    func.argtypes = [ctypes.c_int, ctypes.c_char_p, ctypes.c_int, ctypes.c_char_p, ctypes.c_uint]
    func.restype = ctypes.c_int
    return func


def exchange(a: Path, b: Path) -> bool:
    """Atomically swap two paths (Linux ``renameat2``); False where the system cannot."""
    func = _renameat2()
    if func is None:
        return False
    return func(AT_FDCWD, os.fsencode(a), AT_FDCWD, os.fsencode(b), RENAME_EXCHANGE) == 0


def swap_into_place(staging: Path, out: Path) -> None:
    """Put the staged site at ``out``; afterwards ``staging`` holds the previous build (or nothing)."""
    if not out.exists():
        os.rename(staging, out)
        staging.mkdir()
        return
    if exchange(staging, out):
        return
    old = staging.with_name(staging.name + "-old")
    os.rename(out, old)
    os.rename(staging, out)
    os.rename(old, staging)
