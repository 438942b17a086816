"""The shared ledger on PostgreSQL (issue 13, SPEC §7), next to SQLite: the same commands
give the same answers on both; a password never comes out; a server that cannot be used is
exit 2, said; read-only commands never create a ledger; a read-only role can read the
reports; upgrade. Two writers at once: test_shared_ledger_locking.py.

SQLite-only behaviours (file modes, the copy aside, read-only folders) stay in
test_ledger_open.py and test_ledger_upgrade.py."""

from __future__ import annotations

import json
import os
import shutil
import zipfile
from pathlib import Path
from typing import Any

import pytest

from .conftest import allocate_arguments, invoke, ledger_rows
from .pg_server import PASSWORD, Server
from .processes import run_benchmark, run_python
from .test_deliveries import fill


def _json(*args: str | Path) -> Any:
    result = invoke(*args, "--format", "json")
    assert result.exit_code == 0, result.output
    return json.loads(result.stdout)


def _without_times(runs: Any) -> Any:
    """The runs but for when and where they were made (two runs of the same files)."""
    return [{k: v for k, v in r.items() if k not in ("created_at", "out_dir")} for r in runs]


def test_the_same_answers_on_both_back_ends(pg_run: tuple[Path, str], run_copy: Path) -> None:
    """One run of the same files on each back-end, then the same changes on both (each
    partner's return of its own workbooks, a line cancelled): every reading command answers
    the same."""
    folder, url = pg_run
    sqlite = str(run_copy / "ordis.db")
    changes = {"livre_le@2": "24/04/2020", "livre_le@3": "25/04/2020"}
    ids = [row[0] for row in ledger_rows(sqlite, "SELECT id FROM shipments ORDER BY id LIMIT 3")]
    for ledger, where in ((sqlite, run_copy), (url, folder)):
        returned = fill(where, "retour.xlsx", changes)
        assert invoke("deliveries", "import", returned, "--ledger", ledger).exit_code == 0
        assert invoke("shipments", "cancel", ids[2], "--ledger", ledger).exit_code == 0
    answers = {}
    for ledger in (sqlite, url):
        answers[ledger] = [
            _without_times(_json("runs", "list", "--ledger", ledger)),
            {
                k: v
                for k, v in _json("runs", "show", "1", "--ledger", ledger).items()
                if k not in ("created_at", "out_dir")
            },
            _json("deliveries", "pending", "--ledger", ledger, "--as-of", "2020-05-01"),
            _json("report", "--ledger", ledger, "--as-of", "2020-05-01"),
            _json("report", "--ledger", ledger, "--as-of", "2020-05-01", "--donor", "Nexora"),
        ]
    assert answers[sqlite] == answers[url]
    assert answers[url][3]["delivered"] != {"portable": 0, "fixe": 0, "tablette": 0, "box_4g": 0}
    # cancelling the run frees the same units on both
    freed = [
        _json("runs", "cancel", "1", "--yes", "--ledger", ledger)["freed"]
        for ledger in (sqlite, url)
    ]
    assert freed[0] == freed[1] > 0
    assert invoke("runs", "cancel", "1", "--yes", "--ledger", url).exit_code == 1


def test_an_import_with_an_error_records_nothing(pg_run: tuple[Path, str]) -> None:
    folder, url = pg_run
    bad = fill(folder, "retour.xlsx", {"livre_le@2": "24/04/2020", "livre_le@3": "24/04/2099"})
    result = invoke("deliveries", "import", bad, "--ledger", url)
    assert result.exit_code == 1
    assert ledger_rows(url, "SELECT COUNT(*) FROM shipments WHERE delivered_on IS NOT NULL") == [
        (0,)
    ]


def test_the_password_never_comes_out(pg_run: tuple[Path, str], tmp_path: Path) -> None:
    """The URL holds the password: no output, no JSON, no report, no dispatch workbook (the
    run was made with that URL), no row of the ledger holds it."""
    folder, url = pg_run
    assert f":{PASSWORD}@" in url
    said = [
        invoke(*args, "--ledger", url).output
        for args in (
            ["runs", "list"],
            ["runs", "list", "--format", "json"],
            ["runs", "show", "1"],
            ["runs", "show", "1", "--format", "json"],
            ["runs", "show", "7"],
            ["deliveries", "pending", "--format", "json"],
            ["report", "--format", "json"],
            ["report", "--out", str(tmp_path / "rapport")],
            ["ledger", "upgrade"],
            ["ledger", "upgrade", "--format", "json"],
        )
    ]
    by_env = invoke("runs", "show", "1", env={"ORDIS_LEDGER": url})  # ORDIS_LEDGER, no --ledger
    assert by_env.exit_code == 0 and "Allocation n° 1" in by_env.output
    said.append(by_env.output)
    for broken in (url.rsplit("/", 1)[0] + "/absente", url.replace(PASSWORD, PASSWORD + "x")):
        result = invoke("runs", "list", "--ledger", broken)
        assert result.exit_code == 2
        said.append(result.output)
    assert all(PASSWORD not in text for text in said)
    assert "postgresql://postgres@127.0.0.1:" in said[-2]  # the ledger named, no password
    for (table,) in ledger_rows(
        url, "SELECT table_name FROM information_schema.tables WHERE table_schema = 'public'"
    ):
        assert PASSWORD not in json.dumps(ledger_rows(url, f"SELECT * FROM {table}"))
    files = [*(tmp_path / "rapport").iterdir(), *(folder / "envois").iterdir()]
    assert len(files) > 5
    assert all(PASSWORD.encode() not in _contents(path) for path in files)


def _contents(path: Path) -> bytes:
    """A file's bytes; an xlsx (a zip archive): every member's, uncompressed."""
    if not zipfile.is_zipfile(path):
        return path.read_bytes()
    with zipfile.ZipFile(path) as archive:
        return b"".join(archive.read(name) for name in archive.namelist())


def test_a_server_that_cannot_be_used_is_exit_2_said(postgres_server: Server) -> None:
    base = postgres_server.url.rsplit("/", 1)[0]
    port = base.rsplit(":", 1)[1]
    cases = {
        f"postgresql://postgres:{PASSWORD}@127.0.0.1:1/x": ("injoignable", "unreachable"),
        f"postgresql://postgres:wrong@127.0.0.1:{port}/postgres": ("mot de passe", "password"),
        f"{base}/absente": ("n'existe pas", "does not exist"),
    }
    for url, (french, english) in cases.items():
        for lang, words in (("fr", french), ("en", english)):
            result = invoke("runs", "list", "--ledger", url, "--lang", lang)
            text = " ".join(result.output.split())
            assert result.exit_code == 2, text
            assert words in text and "Traceback" not in text
            assert PASSWORD not in text and "postgresql://postgres@127.0.0.1:" in text


def test_reading_commands_never_create_a_ledger(postgres_url: str) -> None:
    for command in (
        ["runs", "list"],
        ["runs", "show", "1"],
        ["report"],
        ["deliveries", "pending"],
        ["runs", "cancel", "1", "--yes"],
    ):
        result = invoke(*command, "--ledger", postgres_url)
        assert result.exit_code == 2, command
        assert "registre introuvable" in " ".join(result.output.split())
    assert ledger_rows(
        postgres_url,
        "SELECT COUNT(*) FROM information_schema.tables WHERE table_schema = 'public'",
    ) == [(0,)]


def test_another_programs_database_is_refused_untouched(postgres_url: str) -> None:
    """A database holding another program's ``meta`` table: every command refuses it, exit
    2, in words that fit a PostgreSQL database (not « base SQLite »), and leaves it as it was."""
    _run(postgres_url, "CREATE TABLE meta (k integer)")
    for lang, words in (("fr", "n'est pas un registre ordis"), ("en", "is not an ordis ledger")):
        for command in (
            ["runs", "list", "--ledger", postgres_url],
            allocate_arguments(postgres_url),
        ):
            result = invoke(*command, "--lang", lang)
            said = " ".join(result.output.split())
            assert result.exit_code == 2 and words in said and "SQLite" not in said, said
    tables = "SELECT table_name FROM information_schema.tables WHERE table_schema = 'public'"
    assert ledger_rows(postgres_url, tables) == [("meta",)]


def test_a_read_only_role_reads_the_reports(pg_run: tuple[Path, str], tmp_path: Path) -> None:
    """A viewer with SELECT only (README): report, runs list and pending work; a command
    that writes is refused, exit 2, said."""
    _, url = pg_run
    database = url.rsplit("/", 1)[1]
    for statement in (
        "DROP ROLE IF EXISTS lecteur",
        "CREATE ROLE lecteur LOGIN PASSWORD 'lecture'",
        f"GRANT CONNECT ON DATABASE {database} TO lecteur",
        "GRANT USAGE ON SCHEMA public TO lecteur",
        "GRANT SELECT ON ALL TABLES IN SCHEMA public TO lecteur",
    ):
        ledger_rows(url, statement) if statement.startswith("SELECT") else _run(url, statement)
    viewer = url.replace(f"postgres:{PASSWORD}@", "lecteur:lecture@")
    assert invoke("report", "--ledger", viewer, "--format", "json").exit_code == 0
    assert invoke("runs", "list", "--ledger", viewer).exit_code == 0
    assert invoke("deliveries", "pending", "--ledger", viewer).exit_code == 0
    refused = invoke("runs", "cancel", "1", "--yes", "--ledger", viewer)
    assert refused.exit_code == 2 and "droits insuffisants" in " ".join(refused.output.split())
    assert ledger_rows(url, "SELECT status FROM runs") == [("active",)]


def _run(url: str, statement: str) -> None:
    import psycopg

    with psycopg.connect(url, autocommit=True) as connection:
        connection.execute(statement)


def test_an_older_ledger_says_to_upgrade_then_upgrades(pg_run: tuple[Path, str]) -> None:
    """A PostgreSQL ledger of format 2 (format 3's columns taken away): commands say to run
    ``ordis ledger upgrade``; it brings it to format 3 in one transaction, runs, shipments
    and report figures unchanged."""
    _, url = pg_run
    before = _json("report", "--ledger", url, "--as-of", "2020-05-01")
    runs = _json("runs", "list", "--ledger", url)
    for statement in (
        "ALTER TABLE shipments DROP COLUMN gap",
        "ALTER TABLE shipments DROP COLUMN cancelled_at",
        "UPDATE meta SET value = '2' WHERE key = 'schema'",
    ):
        _run(url, statement)
    said = invoke("runs", "list", "--ledger", url)
    assert said.exit_code == 2 and "ordis ledger upgrade" in " ".join(said.output.split())
    done = _json("ledger", "upgrade", "--ledger", url)
    assert (done["found"], done["now"], done["upgraded"], done["backup"]) == ("2", "3", True, None)
    assert _json("runs", "list", "--ledger", url) == runs
    assert _json("report", "--ledger", url, "--as-of", "2020-05-01") == before
    again = _json("ledger", "upgrade", "--ledger", url)
    assert again["upgraded"] is False


LEDGERS = Path(__file__).parent / "data" / "ledgers"


def test_the_format_3_fixture_on_both_back_ends(ledger_at: str, tmp_path: Path) -> None:
    """The fixture written by today's format (tests/data/ledgers/README.md): on SQLite as
    it is, on PostgreSQL copied there; ``ledger upgrade`` finds nothing to do and every
    answer is what the version that wrote it printed."""
    expected = json.loads((LEDGERS / "format-3.expected.json").read_text(encoding="utf-8"))
    if "://" in ledger_at:
        _json("ledger", "copy", LEDGERS / "format-3.db", ledger_at)
    else:
        shutil.copyfile(LEDGERS / "format-3.db", ledger_at)
    done = _json("ledger", "upgrade", "--ledger", ledger_at)
    assert (done["found"], done["upgraded"]) == ("3", False)
    assert _json("runs", "list", "--ledger", ledger_at) == expected["runs_list"]
    assert _json("runs", "show", "1", "--ledger", ledger_at) == expected["runs_show_1"]
    report = _json("report", "--ledger", ledger_at, "--as-of", expected["report_as_of"])
    assert report == expected["report"]


def test_benchmark_smoke_run(postgres_server: Server) -> None:
    """``benchmarks/bench_ledger_backends.py`` runs on a hundred rows, on the session's
    server, and prints its table with the two reports equal."""
    done = run_benchmark(
        "bench_ledger_backends.py",
        "--structures",
        "120",
        "--lots",
        "40",
        env={**os.environ, "ORDIS_BENCH_POSTGRES_URL": postgres_server.url},
    )
    assert done.returncode == 0, done.stderr
    assert "same report on both: yes" in done.stdout and "| **both** |" in done.stdout
    assert PASSWORD not in done.stdout + done.stderr


def test_the_driver_is_loaded_only_for_a_postgresql_ledger(sample_run: Path) -> None:
    """``runs list`` on a file never imports psycopg (start-up time, SPEC §1's 0.25 s)."""
    code = (
        "import contextlib, io, sys\nfrom ordis_cli.cli.app import main\n"
        f"sys.argv = ['ordis', 'runs', 'list', '--ledger', {str(sample_run / 'ordis.db')!r}]\n"
        "with contextlib.redirect_stdout(io.StringIO()):\n"
        "    try:\n        main()\n    except SystemExit as done:\n"
        "        assert done.code in (0, None), done.code\n"
        "print(sorted(m for m in sys.modules if m.startswith('psycopg')))\n"
    )
    done = run_python("-c", code)
    assert done.returncode == 0, done.stderr
    assert done.stdout.strip() == "[]"


def test_a_hand_edited_postgresql_ledger_is_refused_saying_where(pg_run: tuple[Path, str]) -> None:
    """What the schema's types and CHECKs keep out is refused by the server; a date or a
    département only ordis knows to be wrong is refused at opening, with its table, row,
    column and value (exit 2), nothing changed."""
    _, url = pg_run
    import psycopg

    with pytest.raises(psycopg.errors.CheckViolation):
        _run(url, "UPDATE shipments SET device = 'scanner' WHERE id = 'E1-00002'")
    for statement, words in (
        ("UPDATE runs SET run_date = '20/04/2020'", "« run_date », valeur « 20/04/2020 »"),
        ("UPDATE shipments SET departement = '99' WHERE id = 'E1-00002'", "ligne E1-00002"),
    ):
        _run(url, statement)
        said = invoke("runs", "list", "--ledger", url)
        text = " ".join(said.output.split())
        assert said.exit_code == 2 and "modifié à la main" in text and words in text, text
        _run(url, "UPDATE runs SET run_date = '2020-04-20'")
        _run(url, "UPDATE shipments SET departement = '69' WHERE departement = '99'")


def test_a_newer_format_is_refused_by_upgrade(pg_run: tuple[Path, str]) -> None:
    _, url = pg_run
    _run(url, "UPDATE meta SET value = '9' WHERE key = 'schema'")
    for command in (["ledger", "upgrade"], ["runs", "list"]):
        said = invoke(*command, "--ledger", url)
        assert said.exit_code == 2 and "format 9" in " ".join(said.output.split())
    assert ledger_rows(url, "SELECT value FROM meta WHERE key = 'schema'") == [("9",)]
