"""A file given as one kind that is another (``kind-mismatch``), and the headers of a
``--columns`` mapping that a file lacks (``mapped-header-absent``)."""

from __future__ import annotations

from typing import Protocol

from ..column_mapping import ColumnMapping
from ..messages import say
from ..models import Kind
from ..reading import Table, limits
from ..reading.table import detect_header
from ..schema import required
from ..textnorm import header_key
from .reporter import Reporter


class Options(Protocol):
    """What is read of ``ValidationOptions`` here."""

    @property
    def kind(self) -> Kind | None: ...
    @property
    def columns(self) -> ColumnMapping | None: ...
    @property
    def command(self) -> str: ...


_KIND_OPTIONS = {Kind.NEEDS: "--needs", Kind.DONATIONS: "--donations", Kind.PARTNERS: "--partners"}


def kind_mismatch(table: Table, reporter: Reporter, options: Options) -> bool:
    """A file given as one kind whose header is another's (donations given with --needs): one
    error saying what it looks like and how to give it to the command at hand."""
    if options.kind is None or table.kind is not options.kind:
        return False
    if options.kind is Kind.DELIVERIES and "id_envoi" in {c.column for c in table.header}:
        # shipment ids: a dispatch workbook, which holds a needs file's required columns too
        # (the structure's id, name and département); a column missing is said as such, not
        # that the file looks like needs
        return False
    others = tuple(k for k in Kind if k is not options.kind)
    head = table.source.head(limits.HEADER_SEARCH_ROWS)
    found = detect_header([cells for _, cells in head], others, options.columns)
    if found is None or found[2][0] < len(required(found[1])):
        return False  # another kind only if its every required column is there
    lang, kind = reporter.lang, found[1]
    if options.command == "allocate":
        option = _KIND_OPTIONS.get(kind)
        advice = (
            say("advice-kind-allocate", lang, option=option)
            if option
            else say("advice-kind-import", lang)
        )
    elif options.command == "deliveries":
        advice = say("advice-kind-deliveries", lang)
    else:
        advice = say("advice-kind-validate", lang, kind=say(f"word-kind-{kind.value}", lang))
    reporter.add(
        "kind-mismatch",
        head[found[0]][0],
        None,
        found=say(f"word-kind-{kind.value}", lang),
        given=say(f"word-kind-{options.kind.value}", lang),
        advice=advice,
    )
    return True


def mapped_absent(table: Table, reporter: Reporter, mapping: ColumnMapping | None) -> None:
    """A header of the ``--columns`` mapping that this file lacks: a warning (one mapping
    serves every export; what it stood for is checked as any column is)."""
    if mapping is None or table.kind is None:
        return
    present = {header_key(cell.text) for cell in table.header if cell.text}
    for text, key in mapping.headers(table.kind):
        if key not in present:
            reporter.add("mapped-header-absent", table.header_row, None, text, mapping=mapping.path)
