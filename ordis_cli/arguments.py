"""What the Python API is given, taken as a person gives it: files as text or as paths, one
alone or several (``file_paths``), and days as dates or as text (``day_given``: the formats
a date cell may hold, ``2020-05-15``, ``15/05/2020``, ``15 mai 2020``…). Light: the date
reader is imported only for a day given as text."""

from __future__ import annotations

import datetime as dt
import os
from collections.abc import Iterable
from pathlib import Path

from .errors import UsageError
from .messages import Lang, say

PathLike = str | os.PathLike[str]


def file_paths(paths: PathLike | Iterable[PathLike]) -> list[Path]:
    """The files a function of the API is given: several, or one (a path given alone, as
    text or not, is one file, never the letters of its name)."""
    if isinstance(paths, str | os.PathLike):
        return [Path(paths)]
    return [Path(p) for p in paths]


def day_given(value: dt.date | str, lang: Lang) -> dt.date:
    """A day given to the API: a date (a datetime's day), or its text as a date cell may
    hold it; a text that is no date: ``UsageError`` (exit 2)."""
    if isinstance(value, dt.datetime):
        return value.date()
    if isinstance(value, dt.date):
        return value
    from .reading.quoting import shorten
    from .validation.values import date

    day, _ = date(value)
    if day is None:
        raise UsageError(
            "bad-day-given", say("bad-day-given", lang, value=shorten(value, 40, lang))
        )
    return day
