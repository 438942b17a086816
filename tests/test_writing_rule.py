"""SPEC §1, what ordis writes: nothing it did not create in that same command is deleted,
emptied or overwritten; write failures are exit 2 naming the path, with nothing half-written;
a run's folder never appears without its run committed, and an interrupted run is finished or
cancelled by the next one (issue 7, findings on ``--out`` and interrupted runs)."""

from __future__ import annotations

import json
import os
import sqlite3
from pathlib import Path
from typing import Any

import pytest

from .conftest import DATE, SAMPLE, allocate, allocate_arguments, invoke, sha256, summary
from .processes import forked_ordis


def tree(folder: Path) -> dict[str, str]:
    """Every file below ``folder`` with its digest: what a user owns there."""
    return {str(p.relative_to(folder)): sha256(p) for p in sorted(folder.rglob("*")) if p.is_file()}


def hidden(folder: Path) -> list[str]:
    return [p.name for p in folder.iterdir() if p.name.startswith(".")]


def test_an_out_folder_holding_files_is_refused_untouched(run_copy: Path) -> None:
    """The finding: --out on a folder holding the ledger, a budget and last week's workbooks
    deleted all of it, exit 0."""
    tmp_path = run_copy  # last week's run: ledger and workbooks
    kept = tmp_path / "envois"
    (kept / "budget.xlsx").write_bytes(b"mon budget")
    (tmp_path / "envois" / "sous-dossier").mkdir()
    before = tree(tmp_path)
    result = allocate(tmp_path, "--date", "2020-05-01")  # same --out as last week
    assert result.exit_code == 2
    assert "n'est pas vide" in result.output and "envois" in result.output
    assert tree(tmp_path) == before
    assert hidden(tmp_path) == []


def test_an_out_naming_a_file_is_refused_untouched(tmp_path: Path) -> None:
    target = tmp_path / "rapport.xlsx"
    target.write_bytes(b"not ours")
    result = allocate(tmp_path, out="rapport.xlsx")
    assert result.exit_code == 2 and "fichier" in result.output
    assert target.read_bytes() == b"not ours"


def test_an_empty_out_folder_is_filled(tmp_path: Path) -> None:
    (tmp_path / "envois").mkdir()
    data = summary(tmp_path)
    assert all(Path(f["path"]).parent == tmp_path / "envois" for f in data["files"])
    assert hidden(tmp_path) == [] and hidden(tmp_path / "envois") == []


@pytest.mark.parametrize("where", ["missing-parent", "file-as-parent"])
def test_an_out_that_cannot_be_made_is_exit_2_with_its_path(tmp_path: Path, where: str) -> None:
    if where == "file-as-parent":
        (tmp_path / "plain").write_text("x")
        out = "plain/envois"
    else:
        out = "nulle-part/envois"
    result = allocate(tmp_path, out=out)
    assert result.exit_code == 2, result.output
    assert out.split("/")[0] in result.output
    assert not (tmp_path / "ordis.db").exists() or _runs(tmp_path) == []


@pytest.mark.skipif(os.geteuid() == 0, reason="root writes into read-only folders")
def test_a_read_only_folder_is_exit_2(tmp_path: Path) -> None:
    locked = tmp_path / "verrou"
    locked.mkdir()
    locked.chmod(0o555)
    try:
        result = allocate(tmp_path, out="verrou/envois")
    finally:
        locked.chmod(0o755)
    assert result.exit_code == 2 and "verrou" in result.output


def _runs(tmp: Path, ledger: str = "ordis.db") -> list[dict[str, Any]]:
    listing = invoke("runs", "list", "--ledger", tmp / ledger, "--format", "json")
    assert listing.exit_code == 0, listing.output
    runs: list[dict[str, Any]] = json.loads(listing.stdout)
    return runs


def test_the_write_lock_is_free_while_workbooks_are_written(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The finding: a concurrent import waited 21 s (up to 60 s) while a run wrote its
    workbooks. Now the run is committed first; another writer gets the lock at once."""
    from ordis_cli.actions import allocate as service

    real = service.write_allocation
    seen: list[int] = []

    def while_writing(*args: Any, **kwargs: Any) -> list[str]:
        other = sqlite3.connect(tmp_path / "ordis.db", timeout=0.5)
        other.execute("BEGIN IMMEDIATE")  # raises 'database is locked' if the run holds it
        seen.append(other.execute("SELECT COUNT(*) FROM runs").fetchone()[0])
        other.execute("ROLLBACK")
        other.close()
        return real(*args, **kwargs)

    monkeypatch.setattr(service, "write_allocation", while_writing)
    summary(tmp_path)
    assert seen == [1]  # the run was already committed, and the lock free


def _killed_while_writing_its_workbooks() -> None:
    """In a forked ``ordis`` (``ForkedOrdis``): the process dies as it starts writing."""
    import ordis_cli.actions.allocate as service

    def killed(*args: Any, **kwargs: Any) -> None:
        os._exit(9)

    service.write_allocation = killed  # type: ignore[assignment]


def test_a_run_killed_while_writing_is_cancelled_by_the_next(tmp_path: Path) -> None:
    """The finding: a kill between writing and the ledger commit left a folder whose run was
    not in the ledger; the next run reused the id, so one id_envoi meant two shipments."""
    arguments = allocate_arguments(tmp_path / "ordis.db")
    killed = forked_ordis(
        *arguments,
        "--out",
        tmp_path / "a",
        cwd=tmp_path,
        before=_killed_while_writing_its_workbooks,
    )
    assert killed.returncode == 9
    assert not (tmp_path / "a").exists()  # no folder without its run finished
    assert len(hidden(tmp_path)) == 1  # the staging folder, private to its owner
    staging = tmp_path / hidden(tmp_path)[0]
    assert staging.stat().st_mode & 0o077 == 0
    assert [r["status"] for r in _runs(tmp_path)] == ["writing"]  # read-only look: unchanged

    result = invoke(*arguments[:-2], "--date", DATE, "--out", tmp_path / "b", "--format", "json")
    assert result.exit_code == 0, result.output
    data = json.loads(result.stdout)
    assert data["run"] == 2 and data["recovered"] == [1]
    assert hidden(tmp_path) == []  # the addresses it held are gone
    assert [r["status"] for r in _runs(tmp_path)] == ["cancelled", "active"]
    assert data["shipments"] > 100  # run 1's units were given back, then allocated again
    with sqlite3.connect(tmp_path / "ordis.db") as db:
        ids = [row[0] for row in db.execute("SELECT id FROM shipments WHERE run_id = 2")]
    assert ids and all(i.startswith("E2-") for i in ids)


def test_a_run_killed_after_its_folder_was_in_place_is_finished(tmp_path: Path) -> None:
    data = summary(tmp_path)
    with sqlite3.connect(tmp_path / "ordis.db") as db:  # as if killed before the last commit
        db.execute("UPDATE run_outputs SET state = 'writing', pid = 999999999")
    second = summary(tmp_path, out="envois2")
    assert second["recovered"] == []
    assert [r["status"] for r in _runs(tmp_path)] == ["active", "active"]
    assert all(Path(f["path"]).exists() for f in data["files"])


def test_a_hand_edited_staging_path_is_never_removed(run_copy: Path) -> None:
    tmp_path = run_copy
    precious = tmp_path / "precieux"
    precious.mkdir()
    (precious / "a.txt").write_text("garder")
    with sqlite3.connect(tmp_path / "ordis.db") as db:
        db.execute(
            "UPDATE run_outputs SET state = 'writing', pid = 999999999, staging = ?",
            (str(precious),),
        )
    summary(tmp_path, out="envois2")
    assert (precious / "a.txt").read_text() == "garder"


def test_demo_and_sample_follow_the_rule(tmp_path: Path) -> None:
    folder = tmp_path / "mes-fichiers"
    folder.mkdir()
    (folder / "notes.txt").write_text("à moi")
    for command, said in (
        (("demo", "--out", folder), "avec --out, ou omettez --out pour un nom libre."),
        (("sample", "--out", folder), "avec --out."),  # sample has no default folder
        (("validate", SAMPLE / "besoins.xlsx", "--annotate", folder), "avec --annotate."),
    ):
        result = invoke(*command)
        assert result.exit_code == 2, result.output
        assert " ".join(result.output.split()).endswith(said), result.output
        assert tree(folder) == {"notes.txt": sha256(folder / "notes.txt")}
    made = invoke("sample", "--out", tmp_path / "neuf", "--structures", "5", "--lots", "3")
    assert made.exit_code == 0
    assert sorted(p.name for p in (tmp_path / "neuf").iterdir()) == [
        "besoins.xlsx",
        "dons.xlsx",
        "partenaires.xlsx",
    ]
    assert hidden(tmp_path) == []


def test_a_demo_that_fails_leaves_nothing(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """The disk fills up once the data, the dispatch workbooks and the ledger are written,
    as the partners' returns begin: nothing of the demo stays."""

    def broken(*args: Any, **kwargs: Any) -> None:
        raise OSError(28, "No space left on device", str(tmp_path / "x"))

    monkeypatch.setattr("ordis_cli.actions.demo.fill_like_a_partner", broken)
    result = invoke("demo", "--out", tmp_path / "demo")
    assert result.exit_code == 2 and "plein" in " ".join(result.output.split())
    assert not (tmp_path / "demo").exists()


def test_a_folder_refusing_writes_is_exit_2_even_for_root(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """As root a read-only folder still takes writes: the refusal is simulated where the
    staging folder is made, as the system would raise it."""

    def refused(*args: Any, **kwargs: Any) -> str:
        raise PermissionError(13, "Permission denied", str(tmp_path))

    monkeypatch.setattr("ordis_cli.atomic.tempfile.mkdtemp", refused)
    result = allocate(tmp_path, out="envois")
    assert result.exit_code == 2 and "écriture refusée" in " ".join(result.output.split())
    assert not (tmp_path / "envois").exists()


def _killed_while_writing(tmp: Path) -> None:
    arguments = [
        "allocate",
        "--needs",
        str(SAMPLE / "besoins.xlsx"),
        "--donations",
        str(SAMPLE / "dons.xlsx"),
        "--partners",
        str(SAMPLE / "partenaires.xlsx"),
        "--ledger",
        str(tmp / "ordis.db"),
        "--date",
        DATE,
        "--out",
        str(tmp / "a"),
    ]
    killed = forked_ordis(*arguments, cwd=tmp, before=_killed_while_writing_its_workbooks)
    assert killed.returncode == 9


def test_an_interrupted_run_is_shown_not_counted_and_not_cancelled_by_hand(tmp_path: Path) -> None:
    """Attack findings: after a kill, `runs list` was exit 3 (KeyError) and `report` counted
    the run that no partner ever received."""
    _killed_while_writing(tmp_path)
    listing = invoke("runs", "list", "--ledger", tmp_path / "ordis.db")
    assert listing.exit_code == 0 and "en écriture" in listing.output
    figures = invoke(
        "report", "--ledger", tmp_path / "ordis.db", "--format", "json", "--as-of", "2020-05-15"
    )
    assert figures.exit_code == 0, figures.output
    assert sum(json.loads(figures.stdout)["dispatched"].values()) == 0
    refused = invoke("runs", "cancel", "1", "--ledger", tmp_path / "ordis.db")
    assert refused.exit_code == 1 and "ordis allocate" in refused.output


def test_a_staging_folder_removed_by_hand_cancels_the_run(tmp_path: Path) -> None:
    """Attack finding: the coordinator deleted the staging folder; the next allocate took the
    dead run as finished, though its folder never existed, and allocated nothing."""
    import shutil

    _killed_while_writing(tmp_path)
    shutil.rmtree(tmp_path / hidden(tmp_path)[0])
    data = summary(tmp_path, out="b")
    assert data["recovered"] == [1] and data["shipments"] > 100
    assert [r["status"] for r in _runs(tmp_path)] == ["cancelled", "active"]


def test_a_ledger_in_a_missing_folder_is_not_started_from_zero(tmp_path: Path) -> None:
    result = allocate(tmp_path, ledger="tapé-de-travers/ordis.db")
    assert result.exit_code == 2 and "n'existe pas" in result.output
    assert not (tmp_path / "tapé-de-travers").exists()


def test_a_library_wrapping_a_full_disk_is_exit_2_and_leaves_nothing(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Attack finding: on a full disk XlsxWriter raised FileCreateError (wrapping the
    OSError), which came out as exit 3."""
    from xlsxwriter.exceptions import FileCreateError

    def full(*args: Any, **kwargs: Any) -> None:
        raise FileCreateError(OSError(28, "No space left on device"))

    monkeypatch.setattr("ordis_cli.actions.allocate.write_allocation", full)
    result = allocate(tmp_path, out="envois")
    assert result.exit_code == 2 and "plein" in " ".join(result.output.split())
    assert not (tmp_path / "envois").exists() and hidden(tmp_path) == []
    assert [r["status"] for r in _runs(tmp_path)] == ["cancelled"]
