"""The one validator for dates in records, used by the record loader (``schema``) and the build.

A record date is a string ``yyyy``, ``yyyy-mm`` or ``yyyy-mm-dd`` with a four-digit year, so that
dates sort as strings and every reader can cut them at fixed places. YAML gets in the way:

* ``date: 0999-05-01`` unquoted is a ``datetime.date``; ``str``/``strftime`` print its year with
  three digits (``999-05-01``), which sorted after every four-digit year and broke code that cut
  the month at ``[5:7]``. Dates are formatted here with ``%04d``.
* ``date: 1024`` is an int (kept: 1000-9999 cannot be anything but a year); ``date: 0025`` is the
  octal number 21 under YAML 1.1, so an int below 1000 is refused with the advice to quote it.
"""

from __future__ import annotations

import datetime as dt
import re
from typing import Any

MONTH_NAMES = (
    "January",
    "February",
    "March",
    "April",
    "May",
    "June",
    "July",
    "August",
    "September",
    "October",
    "November",
    "December",
)
"""English month names, January first: how dates are written on pages and shown on the site."""

PARTIAL_DATE_RE = re.compile(r"^(\d{4})(?:-(\d{2})(?:-(\d{2}))?)?$")


class DateProblem(ValueError):
    """A value that is not a record date; the message says what was expected."""


def record_date(value: Any) -> str:
    """``value`` (as YAML gave it) as ``yyyy[-mm[-dd]]``, or ``DateProblem``."""
    if isinstance(value, dt.datetime):
        value = value.date()
    if isinstance(value, dt.date):
        return f"{value.year:04d}-{value.month:02d}-{value.day:02d}"
    if isinstance(value, int) and not isinstance(value, bool):
        if 1000 <= value <= 9999:
            return str(value)
        raise DateProblem(
            f"must be a date yyyy, yyyy-mm or yyyy-mm-dd, not the number {value}; "
            "quote a year before 1000 ('0999'): YAML reads 0999 and 0025 as numbers"
        )
    if isinstance(value, str) and is_date(value):
        return value
    raise DateProblem(f"must be a date yyyy, yyyy-mm or yyyy-mm-dd, not {value!r}"[:200])


def is_date(text: str) -> bool:
    """Whether ``text`` is a real date ``yyyy``, ``yyyy-mm`` or ``yyyy-mm-dd`` (year 0001-9999)."""
    found = PARTIAL_DATE_RE.match(text)
    if not found:
        return False
    year, month, day = (int(p) if p else 1 for p in found.groups())
    try:
        dt.date(year, month, day)
    except ValueError:
        return False
    return True


def parts(date: str) -> tuple[int, int | None, int | None]:
    """(year, month or None, day or None) of a validated record date."""
    found = PARTIAL_DATE_RE.match(date)
    if not found:
        raise DateProblem(f"must be a date yyyy, yyyy-mm or yyyy-mm-dd, not {date!r}"[:200])
    year, month, day = found.groups()
    return int(year), int(month) if month else None, int(day) if day else None
