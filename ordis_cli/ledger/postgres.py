"""The ledger on PostgreSQL (SPEC §7): psycopg 3 behind the interface the SQLite ledger has.

``PgConnection`` speaks the few things ``Ledger`` and its queries use of an ``sqlite3``
connection — ``execute`` / ``executemany`` with ``?`` placeholders, ``INSERT OR REPLACE`` /
``INSERT OR IGNORE``, rows read by name or by position, ``in_transaction`` — so that every
query is written once for both back-ends. The connection is in autocommit; ``Ledger``
opens its transactions itself, and a writing one takes ``pg_advisory_xact_lock`` first (the
twin of SQLite's ``BEGIN IMMEDIATE``: one writer at a time, readers never wait).

Opening mirrors ``opening.py``: ``read`` sets the session read-only and a database without
the ledger's ``meta`` table is "no ledger here" (as a missing file); ``create`` makes the
schema (``schema_pg.sql``) in one transaction under the lock. Failures become
``LedgerError`` (exit 2) naming ``postgresql://user@host:port/db`` — never the password.
This module is the only one that imports psycopg, and only a PostgreSQL URL loads it."""

from __future__ import annotations

import re
import uuid
from collections.abc import Callable, Iterable, Sequence
from functools import cache
from importlib import resources
from typing import Any, ClassVar

import psycopg
from psycopg.adapt import Loader
from psycopg.pq import TransactionStatus

from ..errors import closed_on_failure
from ..messages import Lang
from .checks import CORE_COLUMNS
from .location import LedgerUrl
from .opening import IDENTITY_KEY, SCHEMA_VERSION, OpenMode, ledger_error, refuse_bad_value
from .opening import LedgerError as LedgerError
from .pg_checks import first_bad_value
from .pg_reasons import is_denied, pg_reason

PG_FAILURES = (psycopg.Error,)
LOCK_KEY = 0x6F72646973  # 'ordis': the advisory lock every writing transaction takes
LOCK_TIMEOUT = "120s"  # as SQLite's busy timeout; then 'ledger-busy'

# the primary key of each table written with INSERT OR REPLACE
_KEYS: dict[str, tuple[str, ...]] = {
    "needs": ("structure_id",),
    "lots": ("id",),
    "retired": ("kind", "id"),
    "meta": ("key",),
}


class Row(tuple[Any, ...]):
    """A row read by position or by column name, as ``sqlite3.Row``."""

    __slots__ = ()
    _index: ClassVar[dict[str, int]] = {}

    def __getitem__(self, key: Any) -> Any:
        if isinstance(key, str):
            key = self._index[key]
        return tuple.__getitem__(self, key)

    def keys(self) -> list[str]:
        return list(self._index)


@cache
def _row_class(names: tuple[str, ...]) -> type[Row]:
    index: dict[str, int] = {}
    for position, name in enumerate(names):
        index.setdefault(name, position)  # the first of two equal names, as sqlite3.Row
    return type("Row", (Row,), {"__slots__": (), "_index": index})


def _row_factory(cursor: Any) -> Callable[[Sequence[Any]], Row]:
    names = tuple(column.name for column in cursor.description or ())
    return _row_class(names)


class _Numeric(Loader):
    """PostgreSQL's numeric (a SUM of integers) as int, or float: as SQLite gives them."""

    def load(self, data: Any) -> int | float:
        text = bytes(data).decode()
        try:
            return int(text)
        except ValueError:
            return float(text)


@cache
def translate(sql: str, with_parameters: bool) -> str:
    """SQLite's dialect, as ordis writes it, in PostgreSQL's."""
    text = sql.replace("%", "%%").replace("?", "%s") if with_parameters else sql
    found = re.match(r"\s*INSERT OR (REPLACE|IGNORE) INTO (\w+)", text)
    if found is None:
        return text
    kind, table = found.groups()
    text = f"INSERT INTO {table}{text[found.end() :]}"
    if kind == "IGNORE":
        return f"{text} ON CONFLICT DO NOTHING"
    keys = _KEYS[table]
    others = [c for c in _table_columns()[table] if c not in keys]
    updates = ", ".join(f"{c} = EXCLUDED.{c}" for c in others)
    return f"{text} ON CONFLICT ({', '.join(keys)}) DO UPDATE SET {updates}"


@cache
def _table_columns() -> dict[str, tuple[str, ...]]:
    return {**CORE_COLUMNS, "retired": ("kind", "id", "run_id")}


class PgConnection:
    """A psycopg connection that ``Ledger`` uses as it uses an ``sqlite3`` one."""

    def __init__(self, raw: psycopg.Connection[Any]) -> None:
        self.raw = raw

    def execute(self, sql: str, parameters: Sequence[Any] = ()) -> Any:
        cursor = self.raw.cursor()
        given = bool(parameters)
        cursor.execute(translate(sql, given), tuple(parameters) if given else None)
        return cursor

    def executemany(self, sql: str, rows: Iterable[Sequence[Any]]) -> Any:
        cursor = self.raw.cursor()
        batch = [tuple(row) for row in rows]
        if batch:
            cursor.executemany(translate(sql, True), batch)
        return cursor

    def copy_rows(self, table: str, columns: Sequence[str], rows: Iterable[Sequence[Any]]) -> None:
        """Bulk insert with COPY (recording a large run, copying a ledger)."""
        names = ", ".join(columns)
        with self.raw.cursor().copy(f"COPY {table} ({names}) FROM STDIN") as copy:
            for row in rows:
                copy.write_row(row)

    def bulk_insert(
        self,
        table: str,
        columns: Sequence[str],
        rows: Sequence[Sequence[Any]],
        replace: bool,
    ) -> None:
        """Many rows by COPY; ``replace``: through a temporary table, then one INSERT … ON
        CONFLICT DO UPDATE (the last row of a key wins, as SQLite's INSERT OR REPLACE)."""
        if not replace:
            self.copy_rows(table, columns, rows)
            return
        keys = _KEYS[table]
        at = [columns.index(key) for key in keys]
        latest = {tuple(row[i] for i in at): row for row in rows}
        staging = f"ordis_bulk_{table}"
        names = ", ".join(columns)
        self.execute(
            f"CREATE TEMP TABLE IF NOT EXISTS {staging} "
            f"(LIKE {table} INCLUDING DEFAULTS) ON COMMIT DELETE ROWS"
        )
        self.copy_rows(staging, columns, latest.values())
        updates = ", ".join(f"{c} = EXCLUDED.{c}" for c in columns if c not in keys)
        self.execute(
            f"INSERT INTO {table} ({names}) SELECT {names} FROM {staging} "
            f"ON CONFLICT ({', '.join(keys)}) DO UPDATE SET {updates}"
        )
        self.execute(f"TRUNCATE {staging}")

    def bulk_update(
        self, table: str, key: str, columns: Sequence[str], rows: Sequence[Sequence[Any]]
    ) -> None:
        """Set ``columns`` of the rows whose ``key`` each row starts with, in one statement:
        the rows by COPY into a temporary table, then one UPDATE … FROM (a row per key: the
        last one given wins, as with one UPDATE a row)."""
        latest = {row[0]: row for row in rows}
        if not latest:
            return
        staging = f"ordis_update_{table}"
        names = ", ".join([key, *columns])
        self.execute(f"DROP TABLE IF EXISTS {staging}")
        self.execute(
            f"CREATE TEMP TABLE {staging} ON COMMIT DROP AS SELECT {names} FROM {table} "
            "WITH NO DATA"
        )
        self.copy_rows(staging, [key, *columns], latest.values())
        sets = ", ".join(f"{column} = s.{column}" for column in columns)
        self.execute(f"UPDATE {table} t SET {sets} FROM {staging} s WHERE t.{key} = s.{key}")
        self.execute(f"DROP TABLE {staging}")

    @property
    def in_transaction(self) -> bool:
        return self.raw.info.transaction_status != TransactionStatus.IDLE

    def begin(self, write: bool) -> None:
        """A transaction; a writing one waits for the ledger's lock (one writer at a time),
        a reading one sees one snapshot of the ledger throughout."""
        if write:
            self.execute("BEGIN")
            self.execute(f"SELECT pg_advisory_xact_lock({LOCK_KEY})")
        else:
            self.execute("BEGIN ISOLATION LEVEL REPEATABLE READ")

    def close(self) -> None:
        self.raw.close()


def connect(location: LedgerUrl, lang: Lang) -> PgConnection:
    try:
        raw = psycopg.connect(
            location.conninfo,
            autocommit=True,
            row_factory=_row_factory,
            connect_timeout=10,
            application_name="ordis",
        )
    except psycopg.Error as exc:
        raise unreachable(exc, location, lang) from exc
    raw.adapters.register_loader("numeric", _Numeric)
    connection = PgConnection(raw)
    try:
        connection.execute(f"SET lock_timeout = '{LOCK_TIMEOUT}'")
    except psycopg.Error as exc:
        connection.close()
        raise from_pg(exc, location, lang) from exc
    return connection


def unreachable(exc: psycopg.Error, location: LedgerUrl, lang: Lang) -> LedgerError:
    """A connection that failed: server unreachable, authentication refused, no such
    database, no right to connect (the reason said by ``pg_reasons``, never the password)."""
    state = getattr(exc, "sqlstate", None) or ""
    text = str(exc)
    if state.startswith("28") or "password" in text or "authentication" in text:
        return ledger_error("ledger-pg-auth", location, lang)
    if state == "3D000" or ("database" in text and "does not exist" in text):
        return ledger_error("ledger-pg-no-database", location, lang)
    if is_denied(exc):
        return ledger_error(
            "ledger-pg-denied", location, lang, detail=pg_reason(exc, location, lang)
        )
    detail = pg_reason(exc, location, lang)
    return ledger_error("ledger-pg-unreachable", location, lang, detail=detail)


def from_pg(exc: BaseException, location: LedgerUrl, lang: Lang) -> LedgerError:
    """The message for a PostgreSQL failure on the ledger, from its SQLSTATE."""
    state = getattr(exc, "sqlstate", None) or ""
    if state in ("55P03", "40P01"):  # lock timeout, deadlock
        return ledger_error("ledger-busy", location, lang)
    detail = pg_reason(exc, location, lang)
    if state in ("42501", "25006"):  # no privilege, read-only transaction
        return ledger_error("ledger-pg-denied", location, lang, detail=detail)
    if state == "53100":
        return ledger_error("ledger-disk-full", location, lang)
    if isinstance(exc, psycopg.OperationalError):
        return ledger_error("ledger-pg-unreachable", location, lang, detail=detail)
    return ledger_error("ledger-pg-failed", location, lang, detail=detail)


@cache
def schema_script() -> str:
    return resources.files("ordis_cli.ledger").joinpath("schema_pg.sql").read_text()


def columns(connection: PgConnection) -> dict[str, set[str]]:
    """The tables of the ledger's schema (the connection's current one) and their columns."""
    rows = connection.execute(
        "SELECT table_name, column_name FROM information_schema.columns "
        "WHERE table_schema = current_schema()"
    ).fetchall()
    found: dict[str, set[str]] = {}
    for table, column in rows:
        found.setdefault(str(table), set()).add(str(column))
    return found


def ledger_format(
    connection: PgConnection, tables: dict[str, set[str]] | None = None
) -> str | None:
    """The format the ``meta`` table records; None: no ordis ledger in this database.
    ``tables``: what ``columns`` gave, when the caller has it already."""
    if "meta" not in (columns(connection) if tables is None else tables):
        return None
    found = connection.execute("SELECT value FROM meta WHERE key = 'schema'").fetchone()
    return None if found is None else str(found[0])


def check_ledger(
    connection: PgConnection,
    location: LedgerUrl,
    lang: Lang,
    tables: dict[str, set[str]] | None = None,
) -> None:
    """Refuse a database that is not a ledger of the supported format, is incomplete, or
    holds values ordis could not have written (its columns' types and CHECKs keep most out;
    ``pg_checks`` looks for the others). ``tables``: what ``columns`` gave, if known (the
    catalogue query is most of a check's cost on the server)."""
    tables = columns(connection) if tables is None else tables
    if not {"key", "value"} <= tables.get("meta", set()):
        raise ledger_error("ledger-foreign", location, lang)
    found = ledger_format(connection, tables)
    if found is None:
        raise ledger_error("ledger-foreign", location, lang)
    if found != SCHEMA_VERSION:
        raise ledger_error(
            "ledger-version", location, lang, found=found[:20], expected=SCHEMA_VERSION
        )
    for table, wanted in CORE_COLUMNS.items():
        if table not in tables:
            raise ledger_error("ledger-missing-table", location, lang, table=table)
        for column in wanted:
            if column not in tables[table]:
                raise ledger_error(
                    "ledger-missing-column", location, lang, table=table, column=column
                )
    refuse_bad_value(first_bad_value(connection), location, lang)


def _create(connection: PgConnection) -> None:
    """A new ledger: the schema, its format and its identity, in one transaction under the
    lock (two commands creating it at once: the second finds the first one's)."""
    connection.begin(write=True)
    try:
        if "meta" not in columns(connection):
            connection.raw.execute(schema_script())
            connection.execute(
                "INSERT INTO meta VALUES ('schema', ?), (?, ?)",
                (SCHEMA_VERSION, IDENTITY_KEY, str(uuid.uuid4())),
            )
        connection.execute("COMMIT")
    except BaseException:
        if connection.in_transaction:
            connection.execute("ROLLBACK")
        raise


def open_connection(location: LedgerUrl, mode: OpenMode, lang: Lang) -> PgConnection:
    """A connection on a checked PostgreSQL ledger (see the module's description)."""
    connection = connect(location, lang)
    with closed_on_failure(connection.close, PG_FAILURES, lambda e: from_pg(e, location, lang)):
        if mode == "read":
            connection.execute("SET default_transaction_read_only = on")
        tables = columns(connection)
        if "meta" not in tables:
            if mode != "create":
                raise ledger_error("no-ledger", location, lang)
            _create(connection)
            tables = columns(connection)
        check_ledger(connection, location, lang, tables)
    return connection


def holds_ledger(location: LedgerUrl, lang: Lang = "fr") -> bool:
    """Whether the database holds an ordis ledger (its ``meta`` table)."""
    connection = connect(location, lang)
    try:
        return "meta" in columns(connection)
    except PG_FAILURES as exc:
        raise from_pg(exc, location, lang) from exc
    finally:
        connection.close()
