"""The scale benchmark's own parts (``benchmarks/scale.py``), cheaply: the partners'
workbooks it sends back are accepted whole by ``deliveries import``, and the bare writer is
given every cell ordis wrote. The benchmark itself is run by hand (figures in
benchmarks/README.md)."""

from __future__ import annotations

import datetime as dt
import pickle
from pathlib import Path
from types import ModuleType

from ordis_cli.actions.deliveries import import_deliveries
from ordis_cli.ledger import Ledger

from .conftest import rows
from .processes import benchmark_module


def _scale() -> ModuleType:
    return benchmark_module("scale.py")


def test_returned_workbooks_are_imported_whole(run_copy: Path, tmp_path: Path) -> None:
    scale = _scale()
    back = scale.returned(run_copy / "envois", tmp_path / "retours")
    assert len(back) == len(list((run_copy / "envois").glob("expeditions_*.xlsx"))) > 1
    done = import_deliveries(back, run_copy / "ordis.db", "fr", today=dt.date(2020, 6, 1))
    assert done.ok, [p.code for f in done.files for p in f.report.problems]
    with Ledger(run_copy / "ordis.db", mode="read") as ledger:
        shipments = ledger.shipments()
    assert shipments and all(s.delivered_quantity == s.quantity for s in shipments)
    assert sum(f.new for f in done.files) == len(shipments)


def test_the_bare_writer_gets_every_cell(sample_run: Path, tmp_path: Path) -> None:
    scale = _scale()
    scale.cells_of(sample_run / "envois", tmp_path / "cells.pickle")
    books = pickle.loads((tmp_path / "cells.pickle").read_bytes())
    workbooks = sorted((sample_run / "envois").rglob("*.xlsx"))
    assert len(books) == len(workbooks)
    first = dict(books[0])
    assert len(first["expeditions"]) == len(rows(workbooks[0])) > 1
