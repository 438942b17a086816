"""Copying a whole ledger (``ordis ledger copy SRC DST``, SPEC §1 and §7): the SQLite file
of the first weeks into the team's PostgreSQL database, and back, or any other way.

The source is read in one read transaction (one snapshot). The destination must be new: a
path where nothing is (the writing rule: never over a file), or a database without ordis
tables. Everything is written in one transaction — SQLite: into a temporary file beside the
destination, given its name only once checked; PostgreSQL: committed only once checked —
then read back and compared with the source: every row of every table (runs, their files
and outputs, shipments and deliveries, needs, lots, retired rows, and the ledger's identity,
so that partners' workbooks still import) and the report figures. A difference is
``CopyMismatch`` (exit 1) and the destination is left as it was."""

from __future__ import annotations

import contextlib
import datetime as dt
import sqlite3
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Any, cast

from ..atomic import link_new, scratch_beside
from ..errors import OrdisError
from ..messages import Lang, say
from .checks import CORE_COLUMNS
from .location import LedgerPath, LedgerUrl
from .opening import ledger_error, no_folder, schema_script, unopenable
from .store import Ledger

if TYPE_CHECKING:
    from .postgres import PgConnection

# every table, parents first (foreign keys), with its columns
TABLES: dict[str, tuple[str, ...]] = {
    **CORE_COLUMNS,
    "run_outputs": ("run_id", "host", "pid", "staging", "out_dir", "state"),
    "retired": ("kind", "id", "run_id"),
}
Rows = dict[str, list[tuple[Any, ...]]]


class CopyMismatch(OrdisError):
    """The copy, read back, differs from the source: nothing was kept (exit 1)."""

    exit_code = 1

    def __init__(self, message: str, path: str) -> None:
        super().__init__("ledger-copy-mismatch", message)
        self.path = path


@dataclass(frozen=True, slots=True)
class Copied:
    source: str
    target: str
    rows: dict[str, int]  # table -> rows copied (and checked)


def read_all(db: Any) -> Rows:
    """Every row of every table, in a stable order whatever the database's collation."""
    found: Rows = {}
    for table, columns in TABLES.items():
        rows = [tuple(row) for row in db.execute(f"SELECT {', '.join(columns)} FROM {table}")]
        found[table] = sorted(rows, key=repr)
    return found


@dataclass(frozen=True, slots=True)
class _Tables:
    """What the report's figures read of a ledger (``table``), on a connection inside its
    still-open transaction."""

    db: Any

    def table(self, query: str, parameters: tuple[Any, ...] = ()) -> list[Any]:
        rows: list[Any] = self.db.execute(query, parameters).fetchall()
        return rows


def _figures(db: Any) -> dict[str, Any]:
    from ..report.figures import compute  # pydantic: only for this check

    figures, _ = compute(cast(Ledger, _Tables(db)), dt.date.today())
    return figures.model_dump(mode="json")


def copy_ledger(source: LedgerPath, target: LedgerPath, lang: Lang = "fr") -> Copied:
    """Copy ``source`` into the new ``target`` and check the copy (module description)."""
    if isinstance(source, Path) and not source.exists():  # SRC, not --ledger: said so
        raise ledger_error("ledger-copy-no-source", source, lang)
    with Ledger(source, "read", lang) as ledger, ledger.transaction(write=False) as db:
        rows = read_all(db)
        figures = _figures(db)
    if isinstance(target, LedgerUrl):
        _to_postgres(rows, figures, target, lang)
    else:
        _to_sqlite(rows, figures, target, lang)
    return Copied(str(source), str(target), {table: len(found) for table, found in rows.items()})


def _insert(db: Any, rows: Rows) -> None:
    for table, columns in TABLES.items():
        marks = ", ".join("?" * len(columns))
        db.executemany(f"INSERT INTO {table} ({', '.join(columns)}) VALUES ({marks})", rows[table])


def _check(db: Any, rows: Rows, figures: dict[str, Any], target: LedgerPath, lang: Lang) -> None:
    copied = read_all(db)
    for table in TABLES:
        if copied[table] != rows[table]:
            raise CopyMismatch(say("ledger-copy-mismatch", lang, what=table), str(target))
    if _figures(db) != figures:
        raise CopyMismatch(say("ledger-copy-mismatch", lang, what="rapport"), str(target))


def _to_sqlite(rows: Rows, figures: dict[str, Any], target: Path, lang: Lang) -> None:
    if target.exists() or target.is_symlink():
        raise ledger_error("ledger-copy-target-used", target, lang)
    if not target.parent.is_dir():
        raise no_folder(target, lang)
    try:
        scratch = scratch_beside(target, ".copy")
    except OSError as exc:
        raise unopenable(exc, target, lang) from exc
    try:
        with contextlib.closing(sqlite3.connect(scratch, isolation_level=None)) as db:
            db.executescript(f"BEGIN IMMEDIATE;\n{schema_script()}")
            _insert(db, rows)
            db.execute("COMMIT")
        with Ledger(scratch, "read", lang) as copy, copy.transaction(write=False) as db:
            _check(db, rows, figures, target, lang)
        link_new(scratch, target)
    except FileExistsError as exc:  # made meanwhile by someone else: theirs stays
        raise ledger_error("ledger-copy-target-used", target, lang) from exc
    except sqlite3.Error as exc:
        raise ledger_error("ledger-unopenable", target, lang, detail=str(exc)[:200]) from exc
    except OSError as exc:
        raise unopenable(exc, target, lang) from exc
    finally:
        scratch.unlink(missing_ok=True)


def _to_postgres(rows: Rows, figures: dict[str, Any], target: LedgerUrl, lang: Lang) -> None:
    from . import postgres

    connection = postgres.connect(target, lang)
    try:
        with _transaction(connection):
            if set(postgres.columns(connection)) & set(TABLES):
                raise ledger_error("ledger-copy-target-used", target, lang)
            connection.raw.execute(postgres.schema_script())
            for table, columns in TABLES.items():
                connection.copy_rows(table, columns, rows[table])
            connection.execute(
                "SELECT setval(pg_get_serial_sequence('runs', 'id'), "
                "COALESCE(MAX(id), 0) + 1, false) FROM runs"
            )
            _check(connection, rows, figures, target, lang)
    except postgres.PG_FAILURES as exc:
        raise postgres.from_pg(exc, target, lang) from exc
    finally:
        connection.close()


@contextlib.contextmanager
def _transaction(connection: PgConnection) -> Iterator[None]:
    """One writing transaction, committed only if the block ends without an error."""
    connection.begin(write=True)
    try:
        yield
    except BaseException:
        if connection.in_transaction:
            connection.execute("ROLLBACK")
        raise
    connection.execute("COMMIT")
