"""Workbooks (xlsx, xlsm, xls, ods) through python-calamine.

Calamine is fast but, as a native extension, reports trouble in several ways (its own
exception types, ``ValueError``, or a Rust panic surfacing as a ``BaseException``); every
one is turned into a ``ReadingError`` with a message for a person.
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import TypeVar

import python_calamine as calamine

from ..errors import ReadingError
from ..messages import Lang, say
from ..textnorm import column_letter
from . import limits
from .source import SheetSource

T = TypeVar("T")


def _guard(path: Path, lang: Lang, action: Callable[[], T]) -> T:
    try:
        return action()
    except calamine.PasswordError as exc:
        raise ReadingError("encrypted-file", say("encrypted-file", lang), str(path)) from exc
    except (KeyboardInterrupt, SystemExit):
        raise
    except BaseException as exc:  # calamine errors and Rust panics alike
        detail = type(exc).__name__
        text = str(exc).splitlines()[0][:120] if str(exc) else ""
        if "password" in text.lower() or "encrypt" in text.lower():
            raise ReadingError("encrypted-file", say("encrypted-file", lang), str(path)) from exc
        # the parser's own words are English: a French message names the error only
        said = f"{detail}: {text}" if text and lang == "en" else detail
        raise ReadingError(
            "corrupted-file", say("corrupted-file", lang, detail=said), str(path)
        ) from exc


# what each extension announces; calamine chooses its parser by the extension
_ANNOUNCED = {".xlsx": "xlsx", ".xlsm": "xlsx", ".xls": "xls", ".ods": "ods"}


class Workbook:
    """An open workbook; ``visible_sheets`` excludes hidden and very hidden sheets. ``fmt``,
    what the file's bytes say it is (``sniff``): a workbook saved under another format's
    extension (an .xlsx named .ods) is read as what it is, not refused as damaged."""

    def __init__(self, path: Path, lang: Lang, fmt: str | None = None) -> None:
        self.path = path
        self.lang = lang
        if fmt is None or _ANNOUNCED.get(path.suffix.lower()) == fmt:
            self._book = _guard(path, lang, lambda: calamine.CalamineWorkbook.from_path(str(path)))
        else:
            with path.open("rb") as handle:  # calamine recognises the content
                self._book = _guard(
                    path, lang, lambda: calamine.CalamineWorkbook.from_filelike(handle)
                )
        metadata = _guard(path, lang, lambda: list(self._book.sheets_metadata))
        self.sheet_names = [m.name for m in metadata]
        self.visible_sheets = [
            m.name
            for m in metadata
            if m.visible == calamine.SheetVisibleEnum.Visible
            and m.typ == calamine.SheetTypeEnum.WorkSheet
        ]

    def sheet(self, name: str) -> SheetSource:
        sheet = _guard(self.path, self.lang, lambda: self._book.get_sheet_by_name(name))
        if sheet.height > limits.MAX_SHEET_ROWS:
            raise ReadingError(
                "too-many-rows",
                say("too-many-rows", self.lang, sheet=name, rows=sheet.height),
                str(self.path),
            )
        if sheet.width > limits.MAX_COLUMNS:
            raise ReadingError(
                "too-many-columns",
                say("too-many-columns", self.lang, sheet=name, column=column_letter(sheet.width)),
                str(self.path),
            )
        # to_python is much faster than iter_rows; keeping the leading empty area makes
        # list positions the sheet's own row and column numbers.
        rows = _guard(self.path, self.lang, lambda: sheet.to_python(skip_empty_area=False))
        return SheetSource(name, rows)

    def close(self) -> None:
        try:
            self._book.close()
        except Exception:  # already closed
            return
