"""``ordis ledger copy SRC DST`` (issue 13, SPEC §1 and §7): SQLite → PostgreSQL and back,
checked row for row and figure for figure; the destination must be new and is left as it
was when anything goes wrong."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest

from .conftest import invoke, ledger_rows, sha256, summary
from .test_deliveries import fill, imported

TABLES = ("runs", "run_files", "shipments", "needs", "lots", "run_outputs", "retired", "meta")


def _copy(source: str | Path, target: str | Path) -> Any:
    result = invoke("ledger", "copy", source, target, "--format", "json")
    assert result.exit_code == 0, result.output
    return json.loads(result.stdout)


def _everything(ledger: str | Path) -> dict[str, list[tuple[Any, ...]]]:
    return {
        table: sorted(ledger_rows(ledger, f"SELECT * FROM {table}"), key=repr) for table in TABLES
    }


def _figures(ledger: str | Path) -> Any:
    result = invoke("report", "--ledger", ledger, "--as-of", "2020-05-15", "--format", "json")
    assert result.exit_code == 0, result.output
    return json.loads(result.stdout)


def test_sqlite_to_postgresql_and_back(run_copy: Path, postgres_url: str) -> None:
    """The fixture ledger, with deliveries, into PostgreSQL and back into a new file: the
    same rows everywhere, the same report; the PostgreSQL copy keeps the ledger's identity,
    so the partners' workbooks import into it, and its run numbers go on from the last."""
    imported(run_copy, fill(run_copy, "retour.xlsx", {"livre_le@2": "24/04/2020"}))
    original = run_copy / "ordis.db"
    before = sha256(original)
    done = _copy(original, postgres_url)
    assert done["rows"]["shipments"] > 0 and done["rows"]["runs"] == 1
    assert "@" in done["target"] and ":" not in done["target"].split("@")[0][13:]
    back = run_copy / "retour-de-postgresql.db"
    _copy(postgres_url, back)
    assert _everything(original) == _everything(postgres_url) == _everything(back)
    assert _figures(original) == _figures(postgres_url) == _figures(back)
    assert sha256(original) == before
    # the copy is the ledger: a partner's return imports into it, the next run is number 2
    again = fill(run_copy, "retour2.xlsx", {"livre_le@3": "25/04/2020"})
    assert invoke("deliveries", "import", again, "--ledger", postgres_url).exit_code == 0
    result = invoke("runs", "cancel", "1", "--yes", "--ledger", postgres_url, "--format", "json")
    assert result.exit_code == 0, result.output
    assert summary(run_copy, ledger=postgres_url, out="envois2")["run"] == 2


def test_the_demo_ledger_copies_both_ways(demo: Path, postgres_url: str, tmp_path: Path) -> None:
    ledger = demo / "ordis.db"
    _copy(ledger, postgres_url)
    _copy(postgres_url, tmp_path / "demo.db")
    assert _everything(ledger) == _everything(tmp_path / "demo.db")
    assert _figures(ledger) == _figures(postgres_url)


def test_a_destination_that_is_not_new_is_refused_untouched(
    sample_run: Path, postgres_url: str, tmp_path: Path
) -> None:
    ledger = sample_run / "ordis.db"
    _copy(ledger, postgres_url)
    kept = _everything(postgres_url)
    for target in (postgres_url, str(ledger)):
        result = invoke("ledger", "copy", ledger, target)
        assert result.exit_code == 2, result.output
        assert "pas neuve" in " ".join(result.output.split())
    assert _everything(postgres_url) == kept
    other = tmp_path / "autre.txt"
    other.write_text("à garder", encoding="utf-8")
    assert invoke("ledger", "copy", ledger, other, "--lang", "en").exit_code == 2
    assert other.read_text(encoding="utf-8") == "à garder"
    absent = invoke("ledger", "copy", tmp_path / "absent.db", tmp_path / "x.db")
    assert absent.exit_code == 2 and not (tmp_path / "x.db").exists()
    # SRC is named as the usage line names it, not as --ledger
    assert "la source de la copie (SRC) doit être un registre existant" in absent.output
    into_a_folder = invoke("ledger", "copy", ledger, tmp_path)
    assert into_a_folder.exit_code == 2
    assert "un fichier ou un dossier existe à ce chemin" in " ".join(into_a_folder.output.split())


@pytest.mark.parametrize("where", ["sqlite", "postgresql"])
def test_a_copy_that_differs_keeps_nothing(
    sample_run: Path,
    tmp_path: Path,
    where: str,
    monkeypatch: pytest.MonkeyPatch,
    request: pytest.FixtureRequest,
) -> None:
    """A copy that does not read back as the source (one shipment lost on the way, made to
    happen here): exit 1, said, and the destination is as it was — no file, no table."""
    from ordis_cli.ledger import copying

    real = copying._insert

    def lossy(db: Any, rows: dict[str, list[tuple[Any, ...]]]) -> None:
        real(db, {**rows, "shipments": rows["shipments"][1:]})

    monkeypatch.setattr(copying, "_insert", lossy)
    target = (
        str(tmp_path / "copie.db") if where == "sqlite" else request.getfixturevalue("postgres_url")
    )
    if where == "postgresql":
        from ordis_cli.ledger.postgres import PgConnection

        original = PgConnection.copy_rows

        def short(self: Any, table: str, columns: Any, rows: Any) -> None:
            original(self, table, columns, rows[1:] if table == "shipments" else rows)

        monkeypatch.setattr(PgConnection, "copy_rows", short)
    result = invoke("ledger", "copy", sample_run / "ordis.db", target)
    assert result.exit_code == 1, result.output
    assert "diffère" in " ".join(result.output.split())
    if where == "sqlite":
        assert list(tmp_path.iterdir()) == []
    else:
        assert ledger_rows(
            target,
            "SELECT COUNT(*) FROM information_schema.tables WHERE table_schema = 'public'",
        ) == [(0,)]
