"""``ordis shipments cancel ID...`` and ``ordis runs cancel`` with its confirmation
(``--yes``, ``--dry-run``): lines not yet delivered are freed, all or nothing."""

from __future__ import annotations

import json
from pathlib import Path

import openpyxl
import pytest

from ordis_cli.actions.shipments import ShipmentsRefused, cancel_shipments

from .conftest import allocate, invoke, ledger_of, ledger_rows, sha256
from .test_shortfalls import RETURNED, importing, returned, shipment_at


def lines(folder: Path, run: int) -> list[tuple[str, str, int]]:
    found = ledger_rows(
        ledger_of(folder),
        "SELECT id, device, quantity FROM shipments WHERE run_id = ? ORDER BY id",
        run,
    )
    return [(str(i), str(d), int(q)) for i, d, q in found]


def test_cancel_lines_frees_them_for_the_next_run(run_both: Path) -> None:
    ledger = ledger_of(run_both)
    known = {i: (i, d, q) for i, d, q in lines(run_both, 1)}
    first, second = known[shipment_at(run_both, 2)[0]], known[shipment_at(run_both, 3)[0]]
    result = invoke(
        "shipments", "cancel", first[0], second[0], "--ledger", ledger, "--format", "json"
    )
    assert result.exit_code == 0, result.output
    done = json.loads(result.stdout)
    assert done["cancelled"] == [first[0], second[0]]
    assert list(done["freed"]) == ["portable", "fixe", "tablette", "box_4g"]
    expected = {"portable": 0, "fixe": 0, "tablette": 0, "box_4g": 0}
    for _, device, quantity in (first, second):
        expected[device] += quantity
    assert done["freed"] == expected
    # the same files, the same day: exactly what was freed is allocated again
    again = allocate(run_both, "--format", "json", out="envois2")
    assert again.exit_code == 0, again.output
    assert json.loads(again.stdout)["allocated"] == expected
    # a cancelled line takes no delivery
    path = returned(run_both, "retour.xlsx", {2: {"livre_le": "24/04/2020"}})
    refused = importing(run_both, path)
    assert refused.exit_code == 1 and "a été annulé" in " ".join(refused.output.split())


def test_all_or_nothing_each_refusal_said(run_copy: Path) -> None:
    ledger = run_copy / "ordis.db"
    ident, _ = shipment_at(run_copy, 2)
    path = returned(run_copy, "retour.xlsx", {2: {"livre_le": "24/04/2020"}})
    assert importing(run_copy, path).exit_code == 0
    free = [i for i, _, _ in lines(run_copy, 1) if i != ident][:2]
    assert invoke("shipments", "cancel", free[1], "--ledger", ledger).exit_code == 0
    before = sha256(ledger)
    result = invoke("shipments", "cancel", free[0], ident, "E9-99999", free[1], "--ledger", ledger)
    assert result.exit_code == 1
    said = " ".join(result.output.split())
    assert f"« {ident} » est déjà livré" in said
    assert "« E9-99999 » inconnu" in said
    assert f"« {free[1]} » est déjà annulé" in said
    assert sha256(ledger) == before  # free[0] was not cancelled either
    english = invoke("shipments", "cancel", ident, "--ledger", ledger, "--lang", "en")
    said = " ".join(english.output.split())
    assert english.exit_code == 1 and "(“Delivered quantity”, “Gap”)" in said, said
    english = invoke("shipments", "cancel", ident, "--ledger", ledger, "--lang", "en")
    assert english.exit_code == 1 and "already delivered" in english.output
    with pytest.raises(ShipmentsRefused) as refused:
        cancel_shipments(["E9-1"], ledger)
    assert refused.value.refused[0][:2] == ("E9-1", "unknown-shipment")


def test_lines_of_a_cancelled_run_cannot_be_cancelled(run_both: Path) -> None:
    ledger = ledger_of(run_both)
    assert invoke("runs", "cancel", "1", "--yes", "--ledger", ledger).exit_code == 0
    ident = lines(run_both, 1)[0][0]
    result = invoke("shipments", "cancel", ident, "--ledger", ledger)
    assert result.exit_code == 1 and "déjà annulée" in result.output


def test_runs_cancel_asks_first(run_copy: Path) -> None:
    ledger = run_copy / "ordis.db"
    before = sha256(ledger)
    # without a terminal and without --yes: refused, nothing changed
    refused = invoke("runs", "cancel", "1", "--ledger", ledger)
    assert refused.exit_code == 2 and "--yes" in refused.output
    refused_en = invoke("runs", "cancel", "1", "--ledger", ledger, "--lang", "en")
    assert refused_en.exit_code == 2 and "add --yes" in " ".join(refused_en.output.split())
    total = sum(q for _, _, q in lines(run_copy, 1))
    preview = invoke("runs", "cancel", "1", "--dry-run", "--ledger", ledger, "--format", "json")
    assert preview.exit_code == 0
    assert json.loads(preview.stdout) == {
        "run": 1,
        "freed": total,
        "kept_delivered": 0,
        "dry_run": True,
    }
    text = invoke("runs", "cancel", "1", "--dry-run", "--ledger", ledger)
    assert "libérerait" in text.output and "rien n'a été changé" in text.output
    assert sha256(ledger) == before
    done = invoke("runs", "cancel", "1", "--yes", "--ledger", ledger, "--format", "json")
    assert json.loads(done.stdout)["freed"] == total


def test_runs_cancel_counts_lines_closed_short_and_cancelled(run_both: Path) -> None:
    """A run's freed units are its lines still open: a line closed short already gave its
    units back (or wrote them off), a line cancelled alone already freed them."""
    ledger = ledger_of(run_both)
    ident, shipped = shipment_at(run_both, 2)
    path = returned(
        run_both,
        "retour.xlsx",
        {2: {"livre_le": "24/04/2020", "quantite_livree": 0, "ecart": "perdu"}},
    )
    assert importing(run_both, path).exit_code == 0
    other = next(i for i, _, _ in lines(run_both, 1) if i != ident)
    assert invoke("shipments", "cancel", other, "--ledger", ledger).exit_code == 0
    quantities = {i: q for i, _, q in lines(run_both, 1)}
    done = json.loads(
        invoke("runs", "cancel", "1", "--yes", "--ledger", ledger, "--format", "json").stdout
    )
    assert done["freed"] == sum(quantities.values()) - shipped - quantities[other]
    assert openpyxl.load_workbook(run_both / "envois" / RETURNED)  # the workbook is untouched
