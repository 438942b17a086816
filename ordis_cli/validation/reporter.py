"""Turns a fault found at a place into a ``Problem`` record with its message."""

from __future__ import annotations

from typing import Any

from ..messages import WARNING_CODES, Lang, has, say, value_label
from ..models import Problem, Severity
from ..reading.quoting import shorten
from ..reading.table import HeaderCell, cell_text


def severity_of(code: str) -> Severity:
    return Severity.WARNING if code in WARNING_CODES else Severity.ERROR


class HeaderNames(dict[str, str]):
    """Column name -> the header the user wrote for it (the name itself when the file has no
    such column): a message writes ``{h[departement]}`` to name the user's own header."""

    def __missing__(self, key: str) -> str:
        return key


class Reporter:
    """Builds the problems of one table: knows its file, sheet, header and language."""

    def __init__(
        self, path: str, sheet: str | None, columns: dict[str, HeaderCell], lang: Lang
    ) -> None:
        self.path = path
        self.sheet = sheet
        self.columns = columns
        self.lang = lang
        self.problems: list[Problem] = []
        self.headers = HeaderNames(
            {name: shorten(cell.text, lang=lang) for name, cell in columns.items()}
        )

    def header_text(self, column: str) -> str:
        cell = self.columns.get(column)
        return shorten(cell.text, lang=self.lang) if cell else column

    def add(
        self,
        code: str,
        row: int | None,
        column: str | None = None,
        raw: Any = None,
        *,
        letter: str | None = None,
        **fields: Any,
    ) -> None:
        """Record problem ``code`` at ``row`` / ``column`` (canonical name) with ``raw``."""
        cell = self.columns.get(column) if column else None
        if cell is not None:
            letter = cell.letter
        # a value is quoted cut short: a cell of millions of characters stays a short message
        value = shorten(cell_text(raw), lang=self.lang) if raw is not None and raw != "" else None
        shown = value if value is not None else ""
        message_fields = {
            "column": self.header_text(column) if column else "",
            "value": shown,
            "row": row,
            "h": self.headers,
            **{
                k: shorten(v, 1000, self.lang) if isinstance(v, str) else v
                for k, v in fields.items()
            },
        }
        hint = fields.get("hint")
        if isinstance(hint, str) and hint and has(hint):
            message_fields["hint"] = say(hint, self.lang, **message_fields)
        elif "suggestion" in fields:
            # the closest value, as the language writes it (« urgente », "urgent")
            suggestion = value_label(column or "", str(fields["suggestion"]), self.lang)
            message_fields["hint"] = say("hint-did-you-mean", self.lang, suggestion=suggestion)
        else:
            message_fields.setdefault("hint", "")
        self.problems.append(
            Problem.model_construct(
                code=code,
                severity=severity_of(code),
                file=self.path,
                sheet=self.sheet,
                row=row,
                column=self.header_text(column) if column else None,
                cell=f"{letter}{row}" if letter and row else None,
                value=value,
                message=say(code, self.lang, **message_fields),
            )
        )
