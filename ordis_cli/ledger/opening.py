"""Opening a ledger file, in one of three modes, and refusing what is not a usable ledger.

- ``read`` (``report``, ``runs list``, ``runs show``, ``deliveries pending``): the file must be
  a ledger; it is opened read-only (SQLite ``mode=ro``) and nothing is created or changed. A
  read-only file or folder is readable.
- ``write`` (``runs cancel``, ``deliveries import``): the file must be a ledger; tables that a
  later ordis added to the format are created if missing, and the ledger gets its identity if it
  has none.
- ``create`` (``allocate``): as ``write``, and a missing file is created as a new ledger.

Before anything is written, the file is checked: not a folder, not empty, an SQLite file, a
``meta`` table holding the ledger format, the supported format, every core table and column,
``PRAGMA quick_check``, and values ordis could have written (``checks.py``). Anything else is a
``LedgerError`` (exit 2) saying what is wrong, and the file is left as it was."""

from __future__ import annotations

import contextlib
import os
import sqlite3
import urllib.parse
import uuid
from collections.abc import Sequence
from functools import cache
from importlib import resources
from pathlib import Path
from typing import Any, Literal

from ..atomic import link_new, scratch_beside
from ..errors import OrdisError, closed_on_failure
from ..messages import Lang, say
from ..system_reasons import system_reason
from .checks import CORE_COLUMNS, BadValue, first_bad_value
from .location import LedgerPath

OpenMode = Literal["read", "write", "create"]

SCHEMA_VERSION = "3"  # an earlier format: ``ordis ledger upgrade`` (migrations.py)
BUSY_TIMEOUT_MS = 120_000
SQLITE_HEADER = b"SQLite format 3\x00"
IDENTITY_KEY = "ledger_id"


class LedgerError(OrdisError):
    """The ledger cannot be opened or used: missing, not a ledger, another format, damaged,
    edited by hand into values ordis cannot use, busy, read-only. ``path`` is the ledger's
    path as given."""

    exit_code = 2

    def __init__(self, code: str, message: str, path: str) -> None:
        super().__init__(code, message)
        self.path = path


def ledger_error(code: str, path: LedgerPath, lang: Lang, **fields: object) -> LedgerError:
    return LedgerError(code, say(code, lang, **fields), str(path))


def unopenable(exc: OSError, path: LedgerPath, lang: Lang) -> LedgerError:
    """The system refused the ledger's file or folder (permissions, disk…), saying why."""
    return ledger_error("ledger-unopenable", path, lang, detail=system_reason(exc, lang))


def no_folder(path: Path, lang: Lang) -> LedgerError:
    """A new ledger at ``path`` whose folder is not there: missing (a mistyped folder must
    not start a ledger from zero), or a file where the folder should be (« besoins.xlsx/
    x.db »)."""
    above = path.parent
    while not above.exists() and above != above.parent:
        above = above.parent
    if above.exists() and not above.is_dir():
        return ledger_error("ledger-folder-is-file", path, lang, file=str(above))
    return ledger_error("ledger-no-folder", path, lang, folder=str(path.parent))


SQLITE_FAILURES = (sqlite3.Error, UnicodeDecodeError)  # the latter: a damaged schema's text


def from_sqlite(exc: Exception, path: Path, lang: Lang) -> LedgerError:
    """The message for an SQLite failure on the ledger, from SQLite's error class."""
    name = getattr(exc, "sqlite_errorname", "") or ""
    detail = "malformed text" if isinstance(exc, UnicodeDecodeError) else str(exc)[:200]
    if name.startswith(("SQLITE_BUSY", "SQLITE_LOCKED")):
        return ledger_error("ledger-busy", path, lang)
    if name.startswith("SQLITE_READONLY"):
        return ledger_error("ledger-read-only", path, lang)
    if name.startswith("SQLITE_FULL"):
        return ledger_error("ledger-disk-full", path, lang)
    if name.startswith(("SQLITE_CANTOPEN", "SQLITE_PERM", "SQLITE_AUTH")):
        return ledger_error("ledger-unopenable", path, lang, detail=detail)
    return ledger_error("ledger-damaged", path, lang, detail=detail)


def open_connection(path: Path, mode: OpenMode, lang: Lang) -> sqlite3.Connection:
    """A connection on a checked ledger (see the module's description)."""
    if not _check_file(path, mode, lang):  # create mode: a whole new ledger, or none
        _create(path, lang)
    connection = _connect(path, mode, lang)
    with closed_on_failure(connection.close, SQLITE_FAILURES, lambda e: from_sqlite(e, path, lang)):
        check_ledger(connection, path, lang)
        if mode == "read":
            _stand_in_for_missing_tables(connection)
        else:
            _prepare_for_writing(connection)
    return connection


def _check_file(path: Path, mode: OpenMode, lang: Lang) -> bool:
    """Whether the ledger file exists; refuse what cannot be a ledger before SQLite sees it."""
    if not path.exists():
        if mode != "create":
            raise ledger_error("no-ledger", path, lang)
        if path.is_symlink():  # SQLite would make an empty file where the link points
            raise ledger_error("ledger-dangling-link", path, lang, target=str(path.readlink()))
        if not path.parent.is_dir():
            raise no_folder(path, lang)
        return False
    if path.is_dir():
        raise ledger_error("ledger-is-folder", path, lang)
    try:
        with path.open("rb") as file:
            head = file.read(len(SQLITE_HEADER))
    except OSError as exc:
        raise unopenable(exc, path, lang) from exc
    if not head:
        raise ledger_error("ledger-empty-file", path, lang)
    if head != SQLITE_HEADER:
        raise ledger_error("ledger-not-sqlite", path, lang)
    if mode != "read" and not os.access(path, os.W_OK):
        raise ledger_error("ledger-read-only", path, lang)
    return True


def _uri(path: Path, **parameters: str) -> str:
    query = "&".join(f"{key}={value}" for key, value in parameters.items())
    return f"file:{urllib.parse.quote(str(path.absolute()))}?{query}"


def _connect(path: Path, mode: OpenMode, lang: Lang) -> sqlite3.Connection:
    sqlite_mode = {"read": "ro", "write": "rw", "create": "rwc"}[mode]
    try:
        connection = _connection(_uri(path, mode=sqlite_mode))
        if mode == "read":
            try:
                connection.execute("SELECT count(*) FROM sqlite_master").fetchone()
            except sqlite3.OperationalError as exc:
                # a ledger still in WAL mode (written by an earlier version) in a read-only
                # folder: SQLite cannot create its side files. With no write-ahead log beside
                # it, the file holds everything: read it as it is (nobody can be writing it,
                # the folder being read-only).
                connection.close()
                if interrupted(path):  # its figures are half written: never read them
                    journal = f"{path.name}-journal"
                    raise ledger_error("ledger-interrupted", path, lang, journal=journal) from exc
                if not _cannot_share(exc) or Path(f"{path}-wal").exists():
                    raise
                connection = _connection(_uri(path, mode="ro", immutable="1"))
    except SQLITE_FAILURES as exc:
        raise from_sqlite(exc, path, lang) from exc
    return connection


def interrupted(path: Path) -> bool:
    """Whether a write was interrupted (a process killed, the power cut) and not undone yet:
    SQLite's journal of it is still beside the ledger. The next connection that may write
    undoes it; a read-only one cannot, and reading the file as it is would read the half
    of the write that reached it."""
    journal = Path(f"{path}-journal")
    try:
        return journal.is_file() and journal.stat().st_size > 0
    except OSError:
        return False


def _cannot_share(exc: sqlite3.Error) -> bool:
    name = getattr(exc, "sqlite_errorname", "") or ""
    return name.startswith(("SQLITE_READONLY", "SQLITE_CANTOPEN"))


def _connection(uri: str) -> sqlite3.Connection:
    connection = sqlite3.connect(
        uri, uri=True, timeout=BUSY_TIMEOUT_MS / 1000, isolation_level=None
    )
    connection.row_factory = sqlite3.Row
    connection.text_factory = _text
    connection.execute(f"PRAGMA busy_timeout = {BUSY_TIMEOUT_MS}")
    connection.execute("PRAGMA foreign_keys = ON")
    return connection


def _text(raw: bytes) -> str:
    """Text as stored; bytes that are not UTF-8 (a damaged or hand-edited ledger) read as
    U+FFFD instead of failing deep inside a command."""
    return raw.decode("utf-8", errors="replace")


def fetch_all(connection: Any, query: str, parameters: Sequence[Any] = ()) -> list[Any]:
    """The rows of a query that reads many texts, decoded by SQLite's own reader (a Python
    call a text costs about as much as the rest of the row); bytes that are not UTF-8 make
    it read them again as the connection always does, with U+FFFD. Any other connection
    (PostgreSQL) is read as it is."""
    if not isinstance(connection, sqlite3.Connection):
        return list(connection.execute(query, parameters).fetchall())
    connection.text_factory = str
    try:
        return connection.execute(query, parameters).fetchall()
    except sqlite3.OperationalError as exc:
        if "decode" not in str(exc):
            raise
    finally:
        connection.text_factory = _text
    return connection.execute(query, parameters).fetchall()


def _tables(connection: sqlite3.Connection, schema: str = "main") -> set[str]:
    rows = connection.execute(f"SELECT name FROM {schema}.sqlite_master WHERE type = 'table'")
    return {row[0] for row in rows}


def check_ledger(connection: sqlite3.Connection, path: Path, lang: Lang) -> None:
    """Refuse a file that is not a ledger of the supported format, is incomplete, damaged,
    or holds values ordis could not have written."""
    tables = _tables(connection)
    if "meta" not in tables or not {"key", "value"} <= _columns(connection, "meta"):
        raise ledger_error("ledger-foreign", path, lang)
    found = connection.execute("SELECT value FROM meta WHERE key = 'schema'").fetchone()
    if found is None:
        raise ledger_error("ledger-foreign", path, lang)
    if str(found[0]) != SCHEMA_VERSION:
        raise ledger_error(
            "ledger-version", path, lang, found=str(found[0])[:20], expected=SCHEMA_VERSION
        )
    for table, columns in CORE_COLUMNS.items():
        if table not in tables:
            raise ledger_error("ledger-missing-table", path, lang, table=table)
        present = _columns(connection, table)
        for column in columns:
            if column not in present:
                raise ledger_error("ledger-missing-column", path, lang, table=table, column=column)
    # first: quick_check also sees broken CHECKs
    refuse_bad_value(first_bad_value(connection), path, lang)
    verdict = [row[0] for row in connection.execute("PRAGMA quick_check").fetchall()]
    if verdict != ["ok"]:
        raise ledger_error("ledger-damaged", path, lang, detail=str(verdict[0])[:200])


def refuse_bad_value(bad: BadValue | None, where: LedgerPath, lang: Lang) -> None:
    """``ledger-bad-value`` (exit 2) for a value ordis could not have written, on either
    back-end: its table, row, column, the value as shown and what was expected."""
    if bad is not None:
        raise ledger_error(
            "ledger-bad-value",
            where,
            lang,
            table=bad.table,
            row=bad.row[:60],
            column=bad.column,
            value=_shown(bad.value),
            expected=say(bad.expected, lang),
        )


def _shown(value: object) -> str:
    if value is None:
        return "(vide)"
    text = value.decode("latin-1") if isinstance(value, bytes) else str(value)
    text = "".join(c if c.isprintable() else "?" for c in text)
    return text if len(text) <= 60 else text[:59] + "…"


def _columns(connection: sqlite3.Connection, table: str) -> set[str]:
    return {row[1] for row in connection.execute(f"PRAGMA table_info({table})")}


@cache
def schema_script() -> str:
    return resources.files("ordis_cli.ledger").joinpath("schema.sql").read_text()


@cache
def _schema_tables() -> dict[str, str]:
    """Each table of the schema script with its CREATE statement."""
    scratch = sqlite3.connect(":memory:")
    try:
        scratch.executescript(schema_script())
        return dict(
            scratch.execute(
                "SELECT name, sql FROM sqlite_master WHERE type = 'table' "
                "AND name NOT LIKE 'sqlite_%'"
            ).fetchall()
        )
    finally:
        scratch.close()


def _create(path: Path, lang: Lang) -> None:
    """Make a new ledger under a temporary name beside ``path``, then give it its name only
    if nothing has it yet: two commands creating the same ledger at once never see a
    half-made (0-byte) file, and the second one simply opens the first one's."""
    scratch: Path | None = None
    try:
        scratch = scratch_beside(path, ".new")  # refused here too: said of the ledger's path
        connection = _connection(_uri(scratch, mode="rw"))
        try:
            _initialise(connection)
        finally:
            connection.close()
        # another command may have created it meanwhile: then use that one
        with contextlib.suppress(FileExistsError):
            link_new(scratch, path)
    except SQLITE_FAILURES as exc:
        raise from_sqlite(exc, path, lang) from exc
    except OSError as exc:
        raise unopenable(exc, path, lang) from exc
    finally:
        if scratch is not None:
            scratch.unlink(missing_ok=True)


def _initialise(connection: sqlite3.Connection) -> None:
    """A new ledger: the schema, its format and its identity, in one transaction."""
    _in_one_transaction(
        connection,
        f"{schema_script()}\nINSERT OR IGNORE INTO meta VALUES ('schema', '{SCHEMA_VERSION}');",
    )


def _prepare_for_writing(connection: sqlite3.Connection) -> None:
    """A checked ledger opened for writing: the rollback journal, the tables added to
    format 2 since it was created (every statement of the schema is IF NOT EXISTS), and its
    identity if it has none."""
    _leave_wal(connection)
    if not set(_schema_tables()) - _tables(connection) and read_identity(connection):
        return
    _in_one_transaction(connection, schema_script())


def _leave_wal(connection: sqlite3.Connection) -> None:
    """Ledgers written by earlier versions are in WAL mode; put them back to SQLite's
    rollback journal when no other process has the ledger open (else leave it for next
    time, without waiting). The rollback journal keeps the ledger one file: readable from a
    read-only folder, on a network share, and read without leaving side files behind."""
    if connection.execute("PRAGMA journal_mode").fetchone()[0] != "wal":
        return
    connection.execute("PRAGMA busy_timeout = 0")
    try:
        connection.execute("PRAGMA journal_mode = DELETE").fetchone()
    except sqlite3.OperationalError:
        pass  # busy: another process has it open
    finally:
        connection.execute(f"PRAGMA busy_timeout = {BUSY_TIMEOUT_MS}")


def _in_one_transaction(connection: sqlite3.Connection, script: str) -> None:
    """``script``, then the ledger's identity if it has none, all or nothing."""
    identity = uuid.uuid4()  # hex digits and dashes: safe in the SQL text
    try:
        connection.executescript(
            f"BEGIN IMMEDIATE;\n{script}\n"
            f"INSERT OR IGNORE INTO meta VALUES ('{IDENTITY_KEY}', '{identity}');\nCOMMIT;"
        )
    except BaseException:
        if connection.in_transaction:
            connection.execute("ROLLBACK")
        raise


def _stand_in_for_missing_tables(connection: sqlite3.Connection) -> None:
    """A ledger opened read-only that predates tables added to format 2: empty temporary
    stand-ins (in memory, never in the file), so that queries find them."""
    missing = set(_schema_tables()) - _tables(connection)
    for name in sorted(missing):
        sql = _schema_tables()[name]
        connection.execute(sql.replace("CREATE TABLE", "CREATE TEMP TABLE", 1))


# what ``migrations.upgrade`` uses to open a ledger of an earlier format
check_file = _check_file
connection_to = _connect
leave_wal = _leave_wal


def read_identity(connection: sqlite3.Connection) -> str | None:
    found = connection.execute("SELECT value FROM meta WHERE key = ?", (IDENTITY_KEY,)).fetchone()
    return None if found is None else str(found[0])
