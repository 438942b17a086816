from __future__ import annotations

import gc
import hashlib
import json
import os
import shutil
import sqlite3
import uuid
from collections.abc import Iterator
from contextlib import closing
from pathlib import Path
from typing import TYPE_CHECKING, Any

import pytest

from .pg_server import Server

if TYPE_CHECKING:
    from ordis_cli.models import Problem, ValidationReport

    from .pg_databases import Pool

# ordis, openpyxl and tests/once.py are imported where they are used: the xdist controller
# loads this file too, before it starts the workers, and runs no test.

DATA = Path(__file__).parent / "data"
ROOT = Path(__file__).parent.parent
SAMPLE = ROOT / "sample_data"
DATE = "2020-04-20"  # the run date of the sample allocations


@pytest.fixture
def data() -> Path:
    return DATA


def pytest_configure(config: pytest.Config) -> None:
    _fewer_full_collections()
    _one_last_collection(config)
    config.addinivalue_line(
        "markers",
        "contained: files are read in a contained child, as ordis reads them for its users "
        "(see read_in_process)",
    )


def _fewer_full_collections() -> None:
    """A test process holds a million long-lived objects (pandas, Hypothesis, the collected
    tests) that each full collection of the cyclic garbage collector walks again: about 35 a
    run, 3.5 CPU-s. Here a full collection comes after 100 collections of the middle
    generation instead of 10 (gc.set_threshold's third value), two a run; a worker peaks a
    little higher (some 350 MB instead of 230). A child forked from the test process (a
    contained reading, a forked ``ordis``, a mutant's run) goes back to Python's thresholds,
    so that what it uses, which tests measure, is what it would use for a coordinator."""
    default = gc.get_threshold()
    gc.set_threshold(default[0], default[1], 100)
    if hasattr(os, "register_at_fork"):  # not on Windows, which does not fork either
        os.register_at_fork(after_in_child=lambda: gc.set_threshold(*default))


def _one_last_collection(config: pytest.Config) -> None:
    """When a test process ends, pytest collects its garbage to report the exceptions raised
    in destructors (``unraisableexception``): five full collections of a 350 MB heap, 1.1 s
    at the end of each worker. Here one, which frees and reports all the cycles ordis and
    these tests leave (five are for libraries whose cycles free other cycles, Trio's). The
    stash key is pytest's own, kept for its tests: left alone if it goes."""
    from _pytest import unraisableexception

    key = getattr(unraisableexception, "gc_collect_iterations_key", None)
    if key is not None:
        config.stash[key] = 1


@pytest.fixture(autouse=True)
def read_in_process(request: pytest.FixtureRequest, monkeypatch: pytest.MonkeyPatch) -> None:
    """The commands a test runs in its own process read files there, not in a contained
    child: what a rule, a reader or a command finds is the same either way, and a fork of a
    test worker of 200 MB or more costs more than reading a small file (about 12 CPU-s over
    the suite). Contained are: the tests marked ``contained`` (containment itself, the
    fuzzing, hostile files, ``validate``'s own tests), the session's shared runs
    (``sample_run``, ``demo``: made before this fixture), and every real ``ordis`` process a
    test starts. ``tests/fuzz/test_contained.py`` checks the reports of every sample, test
    and real-world file, the data kept for ``allocate``, a dry run and an import equal either
    way."""
    if request.node.get_closest_marker("contained") is None:
        from ordis_cli.reading import contained

        monkeypatch.setattr(contained, "available", lambda: False)


def invoke(*args: str | Path, env: dict[str, str] | None = None) -> Any:
    """Run ``ordis`` in-process; the result has exit_code, stdout and stderr."""
    # wide enough that rich never folds a long temporary path inside a message
    from typer.testing import CliRunner

    from ordis_cli.cli.app import app

    settings = {"ORDIS_LANG": "fr", "COLUMNS": "400", **(env or {})}
    return CliRunner().invoke(app, [str(a) for a in args], env=settings)


def invoke_json(*args: str | Path) -> tuple[int, dict[str, Any]]:
    result = invoke(*args, "--format", "json")
    return result.exit_code, json.loads(result.stdout)


def validate(*paths: Path, **options: Any) -> ValidationReport:
    from ordis_cli.actions.validate import ValidationOptions, validate_files

    return validate_files(list(paths), ValidationOptions(**options))


def problems(path: Path, **options: Any) -> list[Problem]:
    report = validate(path, **options)
    assert len(report.files) == 1
    return report.files[0].issues


def codes_at(path: Path, **options: Any) -> dict[int | None, set[str]]:
    found: dict[int | None, set[str]] = {}
    for problem in problems(path, **options):
        found.setdefault(problem.row, set()).add(problem.code)
    return found


def sha256(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


# --- allocations of the bundled sample data ---------------------------------------------


SAMPLE_FILES = {
    "--needs": "besoins.xlsx",
    "--donations": "dons.xlsx",
    "--partners": "partenaires.xlsx",
}


def allocate_arguments(ledger: str | Path, *extra: str) -> list[str]:
    """The arguments of ``ordis allocate`` of the sample data on ``ledger``, run date
    ``DATE`` (for ``invoke`` or a real process: ``[sys.executable, "-m", "ordis_cli", *…]``)."""
    sample = [part for flag, name in SAMPLE_FILES.items() for part in (flag, str(SAMPLE / name))]
    return ["allocate", *sample, "--ledger", str(ledger), "--date", DATE, *extra]


def allocate(tmp: Path, *extra: str, ledger: str | None = None, out: str = "envois") -> Any:
    """``ordis allocate`` of the sample data into ``tmp`` (ledger ``tmp/ordis.db``, or
    ``ledger`` when it is a PostgreSQL URL; workbooks in ``tmp/envois``), run date ``DATE``."""
    where = ledger_of(tmp) if ledger is None else ledger if "://" in ledger else tmp / ledger
    return invoke(*allocate_arguments(where, "--out", str(tmp / out), *extra))


def summary(tmp: Path, *extra: str, **kwargs: str) -> dict[str, Any]:
    """The JSON summary of a successful ``allocate`` (see ``allocate``)."""
    result = allocate(tmp, "--format", "json", *extra, **kwargs)
    assert result.exit_code == 0, result.output
    data: dict[str, Any] = json.loads(result.stdout)
    return data


def letter(where: Path | Any, column: str) -> str:
    """The letter of the column whose header stands for ``column`` (its name, its English
    name or its plain words) in ``where``: a sheet, or a dispatch workbook's path (its
    shipments sheet, the last); headers matched as ``deliveries import`` does."""
    import openpyxl

    from ordis_cli.models import Kind
    from ordis_cli.schema import column_for

    sheet = openpyxl.load_workbook(where).worksheets[-1] if isinstance(where, Path) else where
    for header in next(sheet.iter_rows(min_row=1, max_row=1)):
        if header.value is not None and column_for(Kind.DELIVERIES, str(header.value)) == column:
            return str(header.column_letter)
    raise KeyError(column)


def rows(path: Path, sheet: str = "expeditions") -> list[tuple[Any, ...]]:
    """The rows of a sheet of a written workbook, header included (``once.rows``: each
    workbook read once)."""
    from .once import rows as read

    return read(path, sheet)


def sheets(path: Path) -> dict[str, list[tuple[Any, ...]]]:
    """The rows of each sheet of a written workbook by sheet name, in their order
    (``once.sheets``: each workbook read once)."""
    from .once import sheets as read

    return read(path)


def cell(sheet: Any, key: str) -> Any:
    """``sheet[key]``; ``key`` may name its column: ``"livre_le@2"`` is row 2 of the column
    whose header stands for ``livre_le`` (see ``letter``)."""
    if "@" in key:
        column, row = key.split("@")
        key = f"{letter(sheet, column)}{row}"
    return sheet[key]


@pytest.fixture(scope="session", autouse=True)
def command_tree_unchanged() -> Iterator[None]:
    """The command trees built once for ``invoke`` and ``language.run``; at the end of the
    session (of each worker), still what fresh builds make: no test changed them."""
    from . import once

    once.cache_command_trees()  # see tests/once.py
    yield
    assert once.unchanged_trees() == []


def _made_once(factory: pytest.TempPathFactory, name: str, make: Any) -> Path:
    from .once import made_once  # a folder made once for the whole run, see there

    return made_once(factory, name, make)


def _sample_run(folder: Path) -> None:
    inputs = {p.name: sha256(p) for p in SAMPLE.glob("*.xlsx")}
    (folder / "inputs.json").write_text(json.dumps(inputs), encoding="utf-8")
    (folder / "summary.json").write_text(json.dumps(summary(folder)), encoding="utf-8")


def _print(folder: Path, report: Path) -> None:
    from .commands import small_run
    from .processes import benchmark_module

    out = small_run(folder)
    shutil.copy(report, out / "rapport.xlsx")
    found = benchmark_module("print_check.py").check(out)
    (folder / "printed.json").write_text(json.dumps(found), encoding="utf-8")


@pytest.fixture(scope="session")
def printed(demo: Path, tmp_path_factory: pytest.TempPathFactory) -> dict[str, Any]:
    """The workbooks of a small allocation (``commands.small_run``) and the demo's
    ``rapport.xlsx`` printed to PDF by LibreOffice, once for the whole run and in one go
    (its start-up is most of the time), by ``benchmarks/print_check.py``: for each workbook
    its pages, their paper and its smallest text in points. Skipped without LibreOffice
    (``soffice``) or poppler (``pdftotext``)."""
    if shutil.which("soffice") is None or shutil.which("pdftotext") is None:
        pytest.skip("LibreOffice (soffice) and poppler (pdftotext) print the workbooks")
    report = demo / "rapport" / "rapport.xlsx"
    folder = _made_once(tmp_path_factory, "printed", lambda made: _print(made, report))
    found: dict[str, Any] = json.loads((folder / "printed.json").read_text(encoding="utf-8"))
    return found


@pytest.fixture(scope="session")
def sample_run(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """One allocation of the sample data, made once for the whole run (``made_once``): a
    folder with ``ordis.db``, ``envois/`` and ``summary.json`` (what allocate printed).
    Never change it: tests that go on from it take ``run_copy``."""
    return _made_once(tmp_path_factory, "sample-run", _sample_run)


def _english_run(folder: Path) -> None:
    result = allocate(folder, "--lang", "en")
    assert result.exit_code == 0, result.output


@pytest.fixture(scope="session")
def english_run(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """One allocation of the sample data with ``--lang en``, made once for the whole run
    (as ``sample_run``; never change it: take ``english_copy``)."""
    return _made_once(tmp_path_factory, "english-run", _english_run)


@pytest.fixture
def english_copy(english_run: Path, tmp_path: Path) -> Path:
    """A private copy of ``english_run`` in ``tmp_path``."""
    shutil.copytree(english_run, tmp_path, dirs_exist_ok=True)
    return tmp_path


@pytest.fixture
def run_copy(sample_run: Path, tmp_path: Path) -> Path:
    """A private copy of ``sample_run`` in ``tmp_path``: ledger, workbooks, summary."""
    shutil.copytree(sample_run, tmp_path, dirs_exist_ok=True)
    return tmp_path


def first_summary(folder: Path) -> dict[str, Any]:
    """What allocate printed for the run of ``sample_run`` / ``run_copy``."""
    data: dict[str, Any] = json.loads((folder / "summary.json").read_text(encoding="utf-8"))
    return data


def _demo(folder: Path) -> None:
    result = invoke("demo", "--out", folder / "ordis-demo")
    assert result.exit_code == 0, result.output
    (folder / "printed.txt").write_text(result.output, encoding="utf-8")


@pytest.fixture(scope="session")
def demo_printed(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, str]:
    """``ordis demo`` (French), run once for the whole run (``made_once``): the folder it
    wrote and what it printed. Never change the folder."""
    folder = _made_once(tmp_path_factory, "demo", _demo)
    return folder / "ordis-demo", (folder / "printed.txt").read_text(encoding="utf-8")


@pytest.fixture(scope="session")
def demo(demo_printed: tuple[Path, str]) -> Path:
    """The folder ``ordis demo`` writes (French), made once for the whole session."""
    return demo_printed[0]


# --- the ledger on both back-ends: SQLite and PostgreSQL (issue 13) -------------------


@pytest.fixture(scope="session")
def postgres_server(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Server]:
    """A throwaway PostgreSQL server for the whole run, shared by the xdist workers
    (``once.shared_server``), or the one ``ORDIS_TEST_POSTGRES_URL`` names. Skips the
    PostgreSQL half, saying why, only when none can be started — and fails instead under
    ``ORDIS_REQUIRE_POSTGRES=1`` (CI)."""
    from .once import shared_server

    yield from shared_server(tmp_path_factory)


def new_database(server: Server) -> str:
    """A new database on ``server``, as a ``--ledger`` URL, outside the workers' pools
    (``pg_sample``'s, which both workers read)."""
    import psycopg

    name = f"ordis_{uuid.uuid4().hex[:16]}"
    with psycopg.connect(server.url, autocommit=True) as connection:
        connection.execute(f"CREATE DATABASE {name} TEMPLATE template0")
    return server.database_url(name)


@pytest.fixture(scope="session")
def pg_pool(postgres_server: Server) -> Iterator[Pool]:
    """This worker's databases on the session's server, emptied between tests
    (``tests/pg_databases.py``)."""
    from .pg_databases import Pool

    pool = Pool(postgres_server)
    yield pool
    pool.close()


@pytest.fixture
def postgres_url(pg_pool: Pool) -> Iterator[str]:
    """An empty database of the session's server, as a ``--ledger`` URL."""
    url = pg_pool.take()
    yield url
    pg_pool.give_back(url)


BACKENDS = ["sqlite", "postgresql"]


@pytest.fixture(params=BACKENDS)
def ledger_at(request: pytest.FixtureRequest, tmp_path: Path) -> str:
    """A ``--ledger`` value on each back-end: ``tmp_path/ordis.db``, then a fresh
    PostgreSQL database (skipped, saying why, when no server can be started)."""
    if request.param == "sqlite":
        return str(tmp_path / "ordis.db")
    return str(request.getfixturevalue("postgres_url"))


LEDGER_URL = "ledger.url"  # in a folder of ``run_both``: its PostgreSQL ledger


def ledger_of(folder: Path) -> str | Path:
    """The ``--ledger`` of a run's folder: ``folder/ordis.db``, or the PostgreSQL database
    its ``ledger.url`` names (``run_both``)."""
    marker = folder / LEDGER_URL
    return marker.read_text(encoding="utf-8") if marker.exists() else folder / "ordis.db"


@pytest.fixture(scope="session")
def pg_sample(postgres_server: Server, tmp_path_factory: pytest.TempPathFactory) -> Path:
    """``sample_run`` on PostgreSQL: one allocation of the sample data made once for the
    run's server, a folder with ``envois/``, ``summary.json`` and ``ledger.url`` (its
    database, the template of ``run_both``'s copies). Never change it."""

    def make(folder: Path) -> None:
        url = new_database(postgres_server)
        summary_text = json.dumps(summary(folder, ledger=url))
        (folder / "summary.json").write_text(summary_text, encoding="utf-8")
        (folder / LEDGER_URL).write_text(url, encoding="utf-8")

    server = hashlib.sha256(f"{postgres_server.url} {postgres_server.folder}".encode())
    return _made_once(tmp_path_factory, f"pg-sample-{server.hexdigest()[:12]}", make)


@pytest.fixture(params=BACKENDS)
def run_both(request: pytest.FixtureRequest, tmp_path: Path) -> Path:
    """``run_copy`` on each back-end: a private copy of the sample run's folder, its ledger
    ``ordis.db``, then a fresh PostgreSQL database copied from ``pg_sample``'s (named by
    ``ledger.url``; ``ledger_of`` gives either)."""
    if request.param == "sqlite":
        return Path(request.getfixturevalue("run_copy"))
    sample: Path = request.getfixturevalue("pg_sample")
    shutil.copytree(sample, tmp_path, dirs_exist_ok=True)
    url = _copied_ledger(request, sample)
    (tmp_path / LEDGER_URL).write_text(url, encoding="utf-8")
    return tmp_path


def _copied_ledger(request: pytest.FixtureRequest, sample: Path) -> str:
    """A database of the pool holding a copy of ``sample``'s ledger, given back to the pool
    when the test is over."""
    pool: Pool = request.getfixturevalue("pg_pool")
    url = pool.filled_like(str(ledger_of(sample)))
    request.addfinalizer(lambda: pool.give_back(url))
    return url


@pytest.fixture
def pg_run(request: pytest.FixtureRequest, pg_sample: Path, tmp_path: Path) -> tuple[Path, str]:
    """A private copy of ``pg_sample``: a folder with the sample run's workbooks, and a
    database of its own holding its run."""
    folder = tmp_path / "pg"
    shutil.copytree(pg_sample, folder)
    url = _copied_ledger(request, pg_sample)
    (folder / LEDGER_URL).write_text(url, encoding="utf-8")
    return folder, url


def ledger_rows(ledger: str | Path, query: str, *parameters: Any) -> list[tuple[Any, ...]]:
    """The rows of ``query`` (SQLite's dialect, ``?`` placeholders) on either back-end."""
    if "://" not in str(ledger):
        with closing(sqlite3.connect(ledger)) as db:
            return [tuple(row) for row in db.execute(query, parameters)]
    import psycopg

    from ordis_cli.ledger.postgres import translate

    with psycopg.connect(str(ledger)) as connection:
        cursor = connection.execute(translate(query, bool(parameters)), parameters or None)
        return [tuple(row) for row in cursor.fetchall()]


__all__ = [
    "BACKENDS",
    "DATA",
    "DATE",
    "LEDGER_URL",
    "ROOT",
    "SAMPLE",
    "allocate",
    "allocate_arguments",
    "cell",
    "codes_at",
    "first_summary",
    "invoke",
    "invoke_json",
    "ledger_of",
    "ledger_rows",
    "letter",
    "new_database",
    "problems",
    "rows",
    "sha256",
    "summary",
    "validate",
]
