"""A returned workbook's ``a_lire`` sheet is read where its shipments are: in the contained
child, never in ordis itself, and a failure to read it makes that file unreadable."""

from __future__ import annotations

import os
from pathlib import Path
from typing import Any

import pytest

from ordis_cli.actions.deliveries import import_deliveries
from ordis_cli.errors import ReadingError
from ordis_cli.reading import contained
from ordis_cli.validation import deliveries as deliveries_rules
from ordis_cli.validation.read_me import read_me

pytestmark = pytest.mark.contained  # see conftest.read_in_process


def _returned(run_copy: Path) -> list[Path]:
    return sorted((run_copy / "envois").glob("expeditions_*.xlsx"))[:2]


@pytest.mark.skipif(not contained.available(), reason="contained reading: Linux")
def test_the_a_lire_sheet_is_read_in_the_child(
    run_copy: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    readers = run_copy / "readers"

    def watched(path: Path, lang: Any) -> Any:
        with readers.open("a") as out:
            out.write(f"{os.getpid()}\n")
        return read_me(path, lang)

    monkeypatch.setattr(deliveries_rules, "read_me", watched)
    files = _returned(run_copy)
    done = import_deliveries(files, run_copy / "ordis.db", "fr")
    pids = readers.read_text().split()
    assert len(pids) == len(files) and str(os.getpid()) not in pids
    # what it said still decides: the workbooks name this ledger, no warning of it
    for file in done.files:
        assert file.recorded
        assert not [p for p in file.report.issues if p.code == "no-ledger-identity"]


def test_an_a_lire_sheet_that_cannot_be_read_makes_the_file_unreadable(
    run_copy: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    first, second = _returned(run_copy)

    def broken(path: Path, lang: Any) -> Any:
        if path == first:
            raise ReadingError("unreadable-file", "feuille a_lire illisible", str(path))
        return None  # no a_lire sheet: a warning, the lines are still checked

    monkeypatch.setattr(deliveries_rules, "read_me", broken)
    done = import_deliveries([first, second], run_copy / "ordis.db", "fr")
    refused, kept = done.files
    assert not refused.recorded and not refused.readable
    assert [(p.code, p.message) for p in refused.report.issues] == [
        ("unreadable-file", "feuille a_lire illisible")
    ]
    assert kept.recorded
    assert [p.code for p in kept.report.issues] == ["no-ledger-identity"]
