"""The tests' PostgreSQL ledgers: databases of the session's server, made once and emptied
for the next test (issue 8: the suite's time).

``CREATE DATABASE`` copies a whole template, some 7 MB of catalogues: 0.15-0.2 s of the
server's CPU each, and the suite asked for about thirty. Here a test's database comes from
its worker's ``Pool`` and goes back to it when the test is over, emptied as a new database
is: its other sessions ended, its schema ``public`` dropped and made again as PostgreSQL
makes it (owned by ``pg_database_owner``, usable by all). A database the test changed beyond
that schema (a grant on the database, another schema) is dropped instead, never reused.

A copy of a ledger (``filled_like``) is the ledger's schema, made by ordis's own script,
and the rows of each of its tables, copied as they are (``COPY``); its identity counters
go on from the copied rows.
"""

from __future__ import annotations

import uuid
from collections.abc import Iterator
from contextlib import contextmanager
from typing import Any

from .pg_server import Server

_EMPTIED = (
    "DROP SCHEMA public CASCADE",
    "CREATE SCHEMA public AUTHORIZATION pg_database_owner",
    "GRANT USAGE ON SCHEMA public TO PUBLIC",
)
_OTHER_SCHEMAS = (
    "SELECT count(*) FROM pg_namespace WHERE nspname <> 'public' "
    "AND nspname <> 'information_schema' AND nspname NOT LIKE 'pg\\_%'"
)
_TABLES = (
    "SELECT c.relname FROM pg_class c WHERE c.relnamespace = 'public'::regnamespace "
    "AND c.relkind = 'r' ORDER BY c.relname"
)
_IDENTITIES = (
    "SELECT table_name, column_name FROM information_schema.columns "
    "WHERE table_schema = 'public' AND is_identity = 'YES'"
)


@contextmanager
def _connected(url: str) -> Iterator[Any]:
    import psycopg

    with psycopg.connect(url, autocommit=True) as connection:
        yield connection


class Pool:
    """One worker's databases on ``server``: ``take`` one (empty), ``give_back`` it when
    the test is over; ``filled_like`` takes one holding a copy of another ledger."""

    def __init__(self, server: Server) -> None:
        self.server = server
        self.free: list[str] = []
        self.made: list[str] = []
        self._contents: dict[str, list[tuple[str, bytes]]] = {}

    def take(self) -> str:
        """The URL of an empty database (an emptied one of the pool, else a new one)."""
        if self.free:
            return self.server.database_url(self.free.pop())
        name = f"ordis_{uuid.uuid4().hex[:16]}"
        with _connected(self.server.url) as admin:
            admin.execute(f'CREATE DATABASE "{name}" TEMPLATE template0')
        self.made.append(name)
        return self.server.database_url(name)

    def filled_like(self, ledger_url: str) -> str:
        """The URL of a database holding what the ledger at ``ledger_url`` holds."""
        from ordis_cli.ledger.postgres import schema_script

        rows = self._rows_of(ledger_url)
        url = self.take()
        with _connected(url) as connection:
            connection.execute(schema_script())
            connection.execute("SET session_replication_role = replica")  # no FK order
            for table, data in rows:
                with connection.cursor().copy(f"COPY {table} FROM STDIN (FORMAT binary)") as c:
                    c.write(data)
            for table, column in connection.execute(_IDENTITIES).fetchall():
                connection.execute(
                    f"SELECT setval(pg_get_serial_sequence('{table}', '{column}'), "
                    f"max({column})) FROM {table} HAVING max({column}) IS NOT NULL"
                )
        return url

    def give_back(self, url: str) -> None:
        """Empty the database at ``url`` for the next test, or drop it if a test changed
        more than its schema ``public``."""
        name = url.rsplit("/", 1)[1]
        with _connected(self.server.url) as admin:
            admin.execute(
                "SELECT pg_terminate_backend(pid) FROM pg_stat_activity "
                "WHERE datname = %s AND pid <> pg_backend_pid()",
                (name,),
            )
            (granted,) = admin.execute(
                "SELECT datacl IS NOT NULL FROM pg_database WHERE datname = %s", (name,)
            ).fetchone()
            if not granted:
                with _connected(url) as connection:
                    if connection.execute(_OTHER_SCHEMAS).fetchone() == (0,):
                        for statement in _EMPTIED:
                            connection.execute(statement)
                        self.free.append(name)
                        return
            admin.execute(f'DROP DATABASE "{name}" WITH (FORCE)')
            self.made.remove(name)

    def close(self) -> None:
        """Drop the pool's databases (on a server the run did not start itself)."""
        if self.server.folder is not None:  # a throwaway server: it goes with its folder
            return
        with _connected(self.server.url) as admin:
            for name in self.made:
                admin.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')

    def _rows_of(self, ledger_url: str) -> list[tuple[str, bytes]]:
        if ledger_url not in self._contents:
            with _connected(ledger_url) as connection:
                tables = [row[0] for row in connection.execute(_TABLES).fetchall()]
                found = []
                for table in tables:
                    data = bytearray()
                    with connection.cursor().copy(f"COPY {table} TO STDOUT (FORMAT binary)") as c:
                        for chunk in c:
                            data += chunk
                    found.append((table, bytes(data)))
            self._contents[ledger_url] = found
        return self._contents[ledger_url]
