"""Where a ledger is: a SQLite file (a path) or a PostgreSQL database (a URL, SPEC §7).

``ledger_location`` turns what ``--ledger`` / ``ORDIS_LEDGER`` says into a ``Path`` or a
``LedgerUrl``. A ``LedgerUrl`` never shows its password: ``str()`` and ``repr()`` give
``postgresql://user@host:port/dbname``, which is what messages, ``runs show`` and JSON
name; only the connection itself reads the full URL. Light: no driver is imported here."""

from __future__ import annotations

import re
import urllib.parse
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from ..messages import Lang

# an address, even one written wrong (« postgresql:u:pw@host/db », « mysql://… »): never
# taken for a file's path, which messages would print password and all
_ADDRESS = re.compile(r"^(?:postgres(?:ql)?:|[a-z][a-z0-9+.-]+://)", re.IGNORECASE)
# « scheme:[//]user:password@ », in an address written right or wrong, or quoted in a text
_PASSWORD = re.compile(r"([a-z][a-z0-9+.-]*:/*[^:@/\s\"']*):[^@\s\"']*@", re.IGNORECASE)


def without_passwords(text: str) -> str:
    """``text`` with the password of every address in it left out (``user@``)."""
    return _PASSWORD.sub(r"\1@", text)


@dataclass(frozen=True)
class LedgerUrl:
    """A PostgreSQL ledger. ``conninfo`` (the URL as given, password included if it was
    there) goes to libpq only; the rest of ordis sees ``shown``."""

    conninfo: str = field(repr=False)

    @property
    def shown(self) -> str:
        """``postgresql://user@host:port/dbname``, libpq's defaults filled in; a port or a
        host that libpq will refuse (``:99999``, ``[::1``) as it was written."""
        scheme, _, rest = self.conninfo.partition(":")
        if not rest.startswith("//"):  # « postgresql:u:pw@h/db »: as written, no password
            return without_passwords(self.conninfo)
        userinfo, hostport, path = self._parts()
        user = urllib.parse.unquote(userinfo.partition(":")[0])  # never the password
        try:
            parts = urllib.parse.urlsplit(f"//{hostport}")
            host, port = parts.hostname or "localhost", parts.port or 5432
            place = f"[{host}]:{port}" if ":" in host else f"{host}:{port}"
        except ValueError:  # written wrong (libpq refuses it too): shown as it was written
            place = hostport
        database = path.partition("?")[0] or user or "postgres"
        where = f"{urllib.parse.quote(user)}@" if user else ""
        prefix = "postgresql" if scheme.lower() in ("postgresql", "postgres") else scheme.lower()
        return f"{prefix}://{where}{place}/{database}"

    @property
    def passwords(self) -> set[str]:
        """The password as written and decoded, in the address or as its ``password=``
        parameter: libpq may quote it back (« unexpected spaces found in "my pass" »)."""
        userinfo, _, path = self._parts()
        found = {userinfo.partition(":")[2]}
        for parameter in path.partition("?")[2].split("&"):
            key, _, value = parameter.partition("=")
            if key == "password":
                found.add(value)
        return {f for written in found for f in (written, urllib.parse.unquote(written)) if f}

    def _parts(self) -> tuple[str, str, str]:
        """``user:password``, ``host:port`` and what follows the first ``/`` (the database
        and the parameters), as written."""
        netloc, _, path = self.conninfo.partition(":")[2].lstrip("/").partition("/")
        userinfo, _, hostport = netloc.rpartition("@")
        return userinfo, hostport, path

    @property
    def name(self) -> str:
        return self.shown

    def __str__(self) -> str:
        return self.shown

    def __repr__(self) -> str:
        return f"LedgerUrl({self.shown!r})"


LedgerPath = Path | LedgerUrl


def ledger_exists(location: LedgerPath, lang: Lang = "fr") -> bool:
    """Whether ``location`` holds a ledger: its file is there, or its database holds one
    (connecting to it: a failure is said in ``lang``)."""
    if isinstance(location, LedgerUrl):
        from .postgres import holds_ledger

        return holds_ledger(location, lang)
    return location.exists()


def is_url(value: str) -> bool:
    return _ADDRESS.match(value) is not None


def ledger_location(value: str | Path | LedgerUrl) -> LedgerPath:
    """What ``--ledger`` names: a ``LedgerUrl`` for ``postgresql://…``, else a path."""
    if isinstance(value, LedgerUrl | Path):
        return value
    if not is_url(value):
        return Path(value)
    scheme, colon, rest = value.partition(":")
    if scheme.lower() in ("postgresql", "postgres"):  # libpq knows the scheme in lower case
        value = scheme.lower() + colon + rest
    return LedgerUrl(value)
