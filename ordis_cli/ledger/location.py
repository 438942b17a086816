"""Where a ledger is: a SQLite file (a path) or a PostgreSQL database (a URL, SPEC §7).

``ledger_location`` turns what ``--ledger`` / ``ORDIS_LEDGER`` says into a ``Path`` or a
``LedgerUrl``. A ``LedgerUrl`` never shows its password: ``str()`` and ``repr()`` give
``postgresql://user@host:port/dbname``, which is what messages, ``runs show`` and JSON
name; only the connection itself reads the full URL. Light: no driver is imported here."""

from __future__ import annotations

import urllib.parse
from dataclasses import dataclass, field
from pathlib import Path

SCHEMES = ("postgresql://", "postgres://")


@dataclass(frozen=True)
class LedgerUrl:
    """A PostgreSQL ledger. ``conninfo`` (the URL as given, password included if it was
    there) goes to libpq only; the rest of ordis sees ``shown``."""

    conninfo: str = field(repr=False)

    @property
    def shown(self) -> str:
        parts = urllib.parse.urlsplit(self.conninfo)
        user = parts.username or ""
        host = parts.hostname or "localhost"
        try:
            port = parts.port or 5432
        except ValueError:
            port = 5432
        database = parts.path.lstrip("/") or user or "postgres"
        where = f"{urllib.parse.quote(user)}@" if user else ""
        return f"postgresql://{where}{host}:{port}/{database}"

    @property
    def name(self) -> str:
        return self.shown

    def __str__(self) -> str:
        return self.shown

    def __repr__(self) -> str:
        return f"LedgerUrl({self.shown!r})"

    def exists(self) -> bool:
        """Whether the database holds an ordis ledger (connecting to it)."""
        from .postgres import holds_ledger

        return holds_ledger(self)


LedgerPath = Path | LedgerUrl


def is_url(value: str) -> bool:
    return value.lower().startswith(SCHEMES)


def ledger_location(value: str | Path | LedgerUrl) -> LedgerPath:
    """What ``--ledger`` names: a ``LedgerUrl`` for ``postgresql://…``, else a path."""
    if isinstance(value, LedgerUrl | Path):
        return value
    return LedgerUrl(value) if is_url(value) else Path(value)
