"""Bringing a ledger of an earlier format up to date (``ordis ledger upgrade``).

``STEPS`` is the ordered list of migrations, one per format: the step to format N holds the
plain SQL statements that turn a ledger of format N-1 into one of format N. Format 4 is one
more entry. ``upgrade`` copies the SQLite file aside first (a new file beside it, never over
another), then runs every step still due and sets the format, in one transaction; the ledger
is checked as any other opening does before the transaction commits, so a migration that
leaves something ordis cannot read changes nothing.

The same steps run on PostgreSQL (their statements are plain SQL both understand), in one
transaction under the ledger's lock: PostgreSQL's DDL is transactional, so a failed upgrade
leaves the ledger as it was, and no copy is made aside (``backup`` None: the server's own
backups, ``pg_dump``, are the team's).
"""

from __future__ import annotations

import contextlib
import dataclasses
import datetime as dt
import sqlite3
from dataclasses import dataclass
from pathlib import Path

from ..atomic import link_new, scratch_beside
from ..messages import Lang
from ..system_reasons import system_reason
from .location import LedgerPath, LedgerUrl
from .opening import (
    SCHEMA_VERSION,
    SQLITE_FAILURES,
    check_file,
    check_ledger,
    connection_to,
    from_sqlite,
    interrupted,
    leave_wal,
    ledger_error,
)


@dataclass(frozen=True, slots=True)
class Step:
    """What turns a ledger of format ``to - 1`` into one of format ``to``."""

    to: str
    statements: tuple[str, ...]


STEPS: tuple[Step, ...] = (
    # 3: a line closed short says why (gap), a single line can be cancelled (cancelled_at)
    Step(
        "3",
        (
            "ALTER TABLE shipments ADD COLUMN gap TEXT "
            "CHECK (gap IS NULL OR gap IN ('perdu', 'hors service'))",
            "ALTER TABLE shipments ADD COLUMN cancelled_at TEXT",
        ),
    ),
)
OLDEST = "2"  # the first format that had a meta table ordis can upgrade from


@dataclass(frozen=True, slots=True)
class Upgraded:
    """What ``upgrade`` did: the format found, the format now, the copy made first (None:
    the ledger was already current and nothing was done)."""

    ledger: str
    found: str
    now: str
    backup: str | None
    steps: tuple[str, ...]
    undone: bool = False  # a write interrupted before (``opening.interrupted``), undone


def _due(found: str) -> list[Step]:
    formats = [OLDEST, *(step.to for step in STEPS)]
    return list(STEPS[formats.index(found) :])


def _backup_name(path: Path, when: dt.datetime, attempt: int, lang: Lang) -> Path:
    """``ordis.avant-format-3-20261126-180512.db`` (``ordis.before-format-3-…`` in English)."""
    suffix = "" if attempt == 1 else f"-{attempt}"
    stamp = when.strftime("%Y%m%d-%H%M%S")
    before = "before" if lang == "en" else "avant"
    return path.with_name(f"{path.stem}.{before}-format-{SCHEMA_VERSION}-{stamp}{suffix}.db")


def _copy_aside(connection: sqlite3.Connection, path: Path, lang: Lang) -> Path:
    """A complete copy of the ledger as it is now (SQLite's backup: consistent even while
    another process reads it), under a new name beside it; never over an existing file."""
    scratch = scratch_beside(path, ".copy")
    try:
        target = sqlite3.connect(scratch)
        try:
            connection.backup(target)
        finally:
            target.close()
        when = dt.datetime.now()
        for attempt in range(1, 1000):
            name = _backup_name(path, when, attempt, lang)
            with contextlib.suppress(FileExistsError):
                link_new(scratch, name)
                return name
        raise FileExistsError(str(_backup_name(path, when, 1, lang)))
    finally:
        scratch.unlink(missing_ok=True)


def upgrade(path: LedgerPath, lang: Lang = "fr") -> Upgraded:
    """Bring the ledger at ``path`` to the current format (see the module's description).
    A ledger already current is only checked. Not a ledger, a format this ordis does not
    know (a newer one), damaged: ``LedgerError`` (exit 2), nothing changed."""
    if isinstance(path, LedgerUrl):
        return _upgrade_postgres(path, lang)
    check_file(path, "write", lang)
    undone = interrupted(path)  # SQLite undoes it as the connection first reads
    connection = connection_to(path, "write", lang)
    try:
        return dataclasses.replace(_upgrade(connection, path, lang), undone=undone)
    except SQLITE_FAILURES as exc:
        raise from_sqlite(exc, path, lang) from exc
    finally:
        connection.close()


def _format(connection: sqlite3.Connection, path: Path, lang: Lang) -> str:
    tables = {
        row[0] for row in connection.execute("SELECT name FROM sqlite_master WHERE type = 'table'")
    }
    found = (
        connection.execute("SELECT value FROM meta WHERE key = 'schema'").fetchone()
        if "meta" in tables
        else None
    )
    if found is None:
        raise ledger_error("ledger-foreign", path, lang)
    return str(found[0])


def _data_version(connection: sqlite3.Connection) -> int:
    """Changes whenever another connection commits a change to the ledger."""
    return int(connection.execute("PRAGMA data_version").fetchone()[0])


def _upgrade(connection: sqlite3.Connection, path: Path, lang: Lang) -> Upgraded:
    found = _format(connection, path, lang)
    if found == SCHEMA_VERSION:
        check_ledger(connection, path, lang)
        return Upgraded(str(path), found, found, None, ())
    if found not in (OLDEST, *(step.to for step in STEPS)):
        raise ledger_error("ledger-version", path, lang, found=found[:20], expected=SCHEMA_VERSION)
    verdict = [row[0] for row in connection.execute("PRAGMA quick_check").fetchall()]
    if verdict != ["ok"]:
        raise ledger_error("ledger-damaged", path, lang, detail=str(verdict[0])[:200])
    leave_wal(connection)
    version = _data_version(connection)
    try:
        backup = _copy_aside(connection, path, lang)
    except OSError as exc:
        raise ledger_error(
            "ledger-backup-failed", path, lang, detail=system_reason(exc, lang)
        ) from exc
    connection.execute("BEGIN IMMEDIATE")
    try:
        if _data_version(connection) != version:  # written meanwhile: the copy is not it
            connection.execute("ROLLBACK")
            backup.unlink()
            return _upgrade(connection, path, lang)
        steps = _due(found)
        for step in steps:
            for statement in step.statements:
                connection.execute(statement)
        connection.execute("UPDATE meta SET value = ? WHERE key = 'schema'", (SCHEMA_VERSION,))
        check_ledger(connection, path, lang)
        connection.execute("COMMIT")
    except BaseException:
        if connection.in_transaction:
            connection.execute("ROLLBACK")
        raise
    return Upgraded(str(path), found, SCHEMA_VERSION, str(backup), tuple(step.to for step in steps))


def _upgrade_postgres(location: LedgerUrl, lang: Lang) -> Upgraded:
    from . import postgres

    connection = postgres.connect(location, lang)
    try:
        if postgres.ledger_format(connection) is None:
            raise ledger_error("no-ledger", location, lang)
        connection.begin(write=True)
        try:
            found = postgres.ledger_format(connection) or ""
            steps = [] if found == SCHEMA_VERSION else _known_due(found, location, lang)
            for step in steps:
                for statement in step.statements:
                    connection.execute(statement)
            connection.execute("UPDATE meta SET value = ? WHERE key = 'schema'", (SCHEMA_VERSION,))
            postgres.check_ledger(connection, location, lang)
            connection.execute("COMMIT")
        except BaseException:
            if connection.in_transaction:
                connection.execute("ROLLBACK")
            raise
    except postgres.PG_FAILURES as exc:
        raise postgres.from_pg(exc, location, lang) from exc
    finally:
        connection.close()
    return Upgraded(str(location), found, SCHEMA_VERSION, None, tuple(s.to for s in steps))


def _known_due(found: str, location: LedgerUrl, lang: Lang) -> list[Step]:
    if found not in (OLDEST, *(step.to for step in STEPS)):
        raise ledger_error(
            "ledger-version", location, lang, found=found[:20], expected=SCHEMA_VERSION
        )
    return _due(found)
