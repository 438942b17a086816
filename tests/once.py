"""What the test suite makes once instead of again and again (issue 8: the suite's time).

- The ``ordis`` command trees. Typer's ``CliRunner`` builds the click tree from the app at
  every ``invoke`` (25-35 ms, about 900 times a run) and ``cli/language.run`` builds its
  localized tree at every call; the real ``ordis`` builds one per process. Here each is
  built once per test process (``cache_command_trees``), and ``unchanged_trees`` says at
  the end of the session whether a test changed one (compared with fresh builds,
  attribute by attribute).
- Folders every test reads and none changes (the sample run, the demo): ``made_once``
  makes each once for the whole run, shared by the pytest-xdist workers.
- Workbooks the tests read: ``rows`` reads each once (by the digest of its bytes).
- The PostgreSQL server: ``shared_server`` starts one for the whole run, the workers use
  it in turn and the last one to leave stops it.
"""

from __future__ import annotations

import datetime as dt
import functools
import hashlib
import io
import json
import os
import re
import shutil
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

import pytest
import python_calamine
import typer.main
import typer.testing

from ordis_cli.cli import language
from ordis_cli.cli.app import app

from .pg_server import Server
from .pg_server import start as start_postgres

try:
    import fcntl
except ImportError:  # Windows: each worker makes its own
    fcntl = None  # type: ignore[assignment]

_build_command = typer.main.get_command
_built_once = functools.cache(_build_command)
_localize = language.localized_command
_localized_once = functools.cache(_localize)


def cache_command_trees() -> None:
    """Every ``CliRunner.invoke`` and ``language.run`` of this process on trees built once."""
    typer.testing._get_command = _built_once  # type: ignore[attr-defined]
    language.localized_command = _localized_once


def tree(command: Any) -> list[tuple[str, str, str]]:
    """What a command tree holds, command by command and parameter by parameter, attribute by
    attribute (functions by name, objects by their repr without addresses), except what
    Typer and click fill in when a command is first used (converters, the help option)."""

    def shown(value: Any) -> str:
        if callable(value) and hasattr(value, "__qualname__"):
            value = getattr(value, "__wrapped__", value)
            return f"{value.__module__}.{value.__qualname__}"
        return re.sub(r" at 0x[0-9a-f]+", "", repr(value))

    used = {"_runtime_param", "_help_option", "params", "commands"}
    seen = []
    for path, each in language.walk(command):
        for where, holder in [(path, each), *((f"{path} {p.name}", p) for p in each.params)]:
            seen += [(where, k, shown(v)) for k, v in vars(holder).items() if k not in used]
    return seen


def unchanged_trees() -> list[str]:
    """The trees built once that no longer are what a fresh build makes (none, normally)."""
    changed = []
    if _built_once.cache_info().currsize and tree(_built_once(app)) != tree(_build_command(app)):
        changed.append("CliRunner's")
    if _localized_once.cache_info().currsize:
        for lang in ("fr", "en"):
            if tree(_localized_once(lang)) != tree(_localize(lang)):
                changed.append(f"language.run's ({lang})")
    return changed


def _run_folder(factory: pytest.TempPathFactory) -> Path | None:
    """The folder of the whole run, above each xdist worker's, when sharing is possible."""
    if os.environ.get("PYTEST_XDIST_WORKER") is None or fcntl is None:
        return None
    return factory.getbasetemp().parent


@contextmanager
def _locked(path: Path) -> Iterator[None]:
    with path.open("a") as handle:
        fcntl.flock(handle, fcntl.LOCK_EX)
        yield  # the lock goes with the file's closing (or the process's end)


def made_once(factory: pytest.TempPathFactory, name: str, make: Callable[[Path], None]) -> Path:
    """The folder ``name`` filled by ``make(folder)`` once for the whole test run: the
    pytest-xdist workers share it (the first to need it makes it, under a lock, while the
    others wait; a folder left half made by a worker that died is made again). Never
    change what is in it."""
    root = _run_folder(factory)
    if root is None:
        folder = factory.mktemp(name)
        make(folder)
        return folder
    folder, done = root / name, root / f"{name}.made"
    with _locked(root / f"{name}.lock"):
        if not done.exists():
            shutil.rmtree(folder, ignore_errors=True)
            folder.mkdir()
            make(folder)
            done.touch()
    return folder


def _no_server(why: str) -> None:
    if os.environ.get("ORDIS_REQUIRE_POSTGRES") == "1":
        pytest.fail(f"PostgreSQL required (ORDIS_REQUIRE_POSTGRES=1): {why}")
    pytest.skip(f"PostgreSQL half of the ledger tests skipped: {why}")


def shared_server(factory: pytest.TempPathFactory) -> Iterator[Server]:
    """A throwaway PostgreSQL server (``tests/pg_server.py``), or the one
    ``ORDIS_TEST_POSTGRES_URL`` names, for as long as the session lasts: one for the whole
    run, whose users (the xdist workers) are counted in a file beside it; the last to leave
    stops it, and a worker that comes after starts another. Skips, saying why, when none
    can be started (fails instead under ``ORDIS_REQUIRE_POSTGRES=1``)."""
    root = _run_folder(factory)
    if root is None:
        server, why = start_postgres()
        if server is None:
            _no_server(why)
        assert server is not None
        yield server
        server.stop()
        return
    record = root / "postgres.json"
    with _locked(root / "postgres.lock"):
        if record.exists():
            known = json.loads(record.read_text(encoding="utf-8"))
            known["users"] += 1
        else:
            server, why = start_postgres()
            if server is None:
                _no_server(why)
            assert server is not None
            known = {"url": server.url, "folder": None, "bin": None, "users": 1}
            if server.folder is not None and server.bin is not None:
                known.update(folder=str(server.folder), bin=str(server.bin))
        record.write_text(json.dumps(known), encoding="utf-8")
    folder, binaries = known["folder"], known["bin"]
    server = Server(known["url"], folder and Path(folder), binaries and Path(binaries))
    try:
        yield server
    finally:
        with _locked(root / "postgres.lock"):
            known = json.loads(record.read_text(encoding="utf-8"))
            known["users"] -= 1
            if known["users"]:
                record.write_text(json.dumps(known), encoding="utf-8")
            else:
                record.unlink()
                server.stop()


# The sheets of the workbooks ``rows`` has read, by the digest of their bytes (a workbook
# is read once however many of its sheets, or tests, look at it); small workbooks only.
_SHEETS: dict[str, dict[str, list[tuple[Any, ...]]]] = {}
_SHEETS_KEPT, _SHEETS_BYTES = 64, 4 * 1024 * 1024


def rows(path: Path, sheet: str = "expeditions") -> list[tuple[Any, ...]]:
    """The rows of a sheet of a written workbook, header included."""
    found = sheets(path)
    if sheet not in found:
        raise KeyError(f"no sheet {sheet!r} in {path} (it has {list(found)})")
    return list(found[sheet])


def sheets(path: Path) -> dict[str, list[tuple[Any, ...]]]:
    """The rows of each sheet of a written workbook, by sheet name in their order (the
    workbook read once by the digest of its bytes; never change what it gives)."""
    data = path.read_bytes()
    key = hashlib.sha256(data).hexdigest()
    found = _SHEETS.get(key)
    if found is None:
        found = _values_of(data)
        if len(data) <= _SHEETS_BYTES:
            if len(_SHEETS) >= _SHEETS_KEPT:
                del _SHEETS[next(iter(_SHEETS))]
            _SHEETS[key] = found
    return found


def _values_of(data: bytes) -> dict[str, list[tuple[Any, ...]]]:
    """The values of each sheet of a workbook as openpyxl gives them (``values_only``), read
    with python-calamine, some ten times faster: no value is ``None`` there but an empty
    text, a number is a float, a day a ``date``; ``test_rows_are_what_openpyxl_reads`` checks
    that the two readings agree on a workbook of each kind a run writes."""
    book = python_calamine.CalamineWorkbook.from_filelike(io.BytesIO(data))
    return {
        name: [
            tuple(_as_openpyxl(value) for value in row)
            for row in book.get_sheet_by_name(name).to_python(skip_empty_area=False)
        ]
        for name in book.sheet_names
    }


def _as_openpyxl(value: Any) -> Any:
    if value == "":
        return None
    if value.__class__ is float and value.is_integer():
        return int(value)
    if value.__class__ is dt.date:
        return dt.datetime(value.year, value.month, value.day)
    return value


def sheet_names(path: Path) -> list[str]:
    """The names of the sheets of a workbook, in their order."""
    return list(python_calamine.CalamineWorkbook.from_path(str(path)).sheet_names)
