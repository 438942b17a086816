"""A returned line against the ledger's record of it (``check_against_ledger``): the columns
both hold must agree, text compared without regard to case; each difference is said."""

from __future__ import annotations

import datetime as dt

from ordis_cli.ledger.records import StoredShipment
from ordis_cli.validation.base import ROW
from ordis_cli.validation.deliveries import LedgerFacts, check_against_ledger
from ordis_cli.validation.reporter import Reporter

LINE = StoredShipment(
    "E-1-0001", 1, "active", "D12", "750001234", "portable", 3, "Relais", None, None, None
)


def _said(**row: object) -> list[tuple[str, str | None, object]]:
    report = Reporter("retour.xlsx", "expeditions", {}, "fr")
    facts = LedgerFacts({LINE.id: LINE}, {1: dt.date(2020, 4, 20)}, partner="relais")
    kept = check_against_ledger([{ROW: 2, "id_envoi": LINE.id, **row}], facts, report)
    assert len(kept) == 1
    return [(p.code, p.column, p.value) for p in report.problems]


def test_the_same_values_in_any_case_agree() -> None:
    assert _said(id_don="d12", id_structure="750001234", materiel="PORTABLE", quantite=3) == []
    assert _said() == []  # columns deleted or left empty are not compared


def test_each_difference_is_said_with_its_column() -> None:
    said = _said(id_don="D13", materiel="tablette", quantite=4, id_structure="750001234")
    assert said == [
        ("shipment-mismatch", "id_don", "D13"),
        ("shipment-mismatch", "materiel", "tablette"),
        ("shipment-mismatch", "quantite", "4"),
    ]
    assert _said(quantite="3") == [("shipment-mismatch", "quantite", "3")]  # text is not 3
