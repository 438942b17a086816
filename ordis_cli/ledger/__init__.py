"""The ledger: every run, every shipment and its delivery, the latest needs and lots.

``Ledger(path, mode, lang)`` opens one: ``read`` for the commands that only read it (never
creates or changes anything), ``write`` for an existing ledger, ``create`` for ``allocate``.
What is not a usable ledger is refused untouched with a ``LedgerError`` (exit 2).

Also here: ``known`` (the files given to ``allocate`` against the rows the ledger knows) and
``recovery`` (runs interrupted before their folder was in place). The ledger never imports
the reading stack: ``import ordis_cli.ledger`` loads neither pandas nor openpyxl nor calamine.
``location`` (a path or a ``postgresql://`` URL, SPEC §7) is light and the command line
imports it at start; the rest is loaded on first use (``from ordis_cli.ledger import Ledger``),
and ``postgres`` (psycopg) only for a PostgreSQL ledger."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from .opening import LedgerError, OpenMode
    from .store import Ledger

__all__ = ["Ledger", "LedgerError", "OpenMode"]


def __getattr__(name: str) -> Any:
    if name in ("LedgerError", "OpenMode"):
        from . import opening

        return getattr(opening, name)
    if name == "Ledger":
        from .store import Ledger

        return Ledger
    raise AttributeError(name)
