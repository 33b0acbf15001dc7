"""The tool's own error types.

Every problem a user can cause (a bad file, a bad record, a bad setting) is a ``DigestError``
that names the file and, where there is one, the line. The CLI prints it as one line,
``path:line: message``, goes on with the other inputs and exits 1 at the end. Anything else
that escapes is a bug in this tool (exit 3).
"""

from __future__ import annotations

import errno
import os
import re
from pathlib import Path

_CONTROL = re.compile(r"[\x00-\x1f\x7f]")


class DigestError(Exception):
    """A problem with one input, reported as ``path:line: message``."""

    def __init__(self, message: str, path: str | Path | None = None, line: int | None = None):
        super().__init__(message)
        self.message = message
        self.path = str(path) if path is not None else None
        self.line = line

    def __str__(self) -> str:
        where = self.path or ""
        if where and self.line:
            where = f"{where}:{self.line}"
        text = f"{where}: {self.message}" if where else self.message
        return _CONTROL.sub("?", text)  # a file named "a\nb.txt" must not break the one-line report


class InputError(DigestError):
    """A source page that cannot be read or has no article in it."""


class RecordError(DigestError):
    """A record in ``content/briefs/`` that is not valid YAML or does not fit the schema."""


class ConfigError(DigestError):
    """A bad setting in ``digest.toml`` or on the command line."""


class FetchError(DigestError):
    """A page that could not be fetched by URL."""


class EnvironmentProblem(DigestError):
    """The machine, not the input or the tool: a full disk, a read-only or unwritable folder."""


ENVIRONMENT_ERRNOS = frozenset(
    {errno.ENOSPC, errno.EDQUOT, errno.EROFS, errno.EACCES, errno.EPERM, errno.EMFILE, errno.ENFILE, errno.EIO}
)
"""OSErrors that say something about where we write, never about a bug: reported as one line, exit 1."""


def environment_problem(exc: OSError) -> EnvironmentProblem | None:
    """``exc`` as a one-line problem naming the file, if it is a full disk, a read-only or
    unwritable folder or the like; None for any other OSError (a bug: let it show)."""
    if exc.errno not in ENVIRONMENT_ERRNOS:
        return None
    return EnvironmentProblem(f"cannot write: {exc.strerror or os.strerror(exc.errno)}", exc.filename)
