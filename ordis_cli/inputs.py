"""From validated files to what allocation needs: structures (requests added up), lots,
partners, and the details only the dispatch workbooks use (addresses and contacts)."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from .allocation import Lot, Partner, Structure
from .allocation.model import PRIORITY_RANK
from .models import DeviceType, Kind, ValidationReport
from .schema import QUANTITY_COLUMNS
from .territory import departements
from .textnorm import fold
from .validation import ValidationOptions
from .validation.base import KindValidator
from .validation.partners import Zone
from .validation.service import validate_inputs

CONTACT_FIELDS = ("nom_structure", "type_structure", "adresse", "code_postal", "commune",
                  "contact_nom", "contact_telephone", "contact_email", "nb_enfants")


@dataclass(frozen=True, slots=True)
class LotInfo:
    donor: str
    donor_type: str | None
    state: str | None
    partner: str | None


@dataclass(frozen=True, slots=True)
class Gift:
    """A financial gift: reported, never allocated."""

    id: str
    donor: str
    donor_type: str | None
    amount_eur: float


@dataclass(slots=True)
class Inputs:
    structures: list[Structure] = field(default_factory=list)
    contacts: dict[str, dict[str, Any]] = field(default_factory=dict)
    lots: list[Lot] = field(default_factory=list)
    lot_info: dict[str, LotInfo] = field(default_factory=dict)
    gifts: list[Gift] = field(default_factory=list)
    partners: dict[str, Partner] = field(default_factory=dict)


def rows_of(validator: KindValidator | None) -> Iterator[dict[str, Any]]:
    """The clean rows a validator kept, as dictionaries (row number under ``ROW``)."""
    if validator is None or validator.kept is None:
        return
    for columns in validator.kept:
        names = list(columns)
        for values in zip(*(columns[n] for n in names), strict=True):
            yield dict(zip(names, values, strict=True))


def load_inputs(
    needs: Path, donations: Path, partners: Path | None, options: ValidationOptions
) -> tuple[ValidationReport, Inputs | None]:
    """Validate the three files as their kinds; the inputs only when there is no error."""
    files: list[tuple[Path, Kind | None]] = [(needs, Kind.NEEDS), (donations, Kind.DONATIONS)]
    if partners is not None:
        files.append((partners, Kind.PARTNERS))
    keep = options.model_copy(update={"keep_data": True})
    report, validators = validate_inputs(files, keep)
    if not report.ok or not report.readable:
        return report, None
    inputs = Inputs()
    _structures(inputs, rows_of(validators[0]))
    _lots(inputs, rows_of(validators[1]))
    if partners is not None:
        _partners(inputs, rows_of(validators[2]))
    return report, inputs


def _structures(inputs: Inputs, rows: Iterator[dict[str, Any]]) -> None:
    """Requests of one structure add up; the most urgent priority, the earliest request and
    'no internet' if any request says so win; contact details come from the latest request
    (ties broken by the values themselves, so row order never matters)."""
    merged: dict[str, dict[str, Any]] = {}
    for row in rows:
        ident = row["id_structure"]
        quantities = [row.get(c) or 0 for c in QUANTITY_COLUMNS]
        entry = merged.get(ident)
        if entry is None:
            merged[ident] = {"row": row, "need": quantities,
                             "priority": row.get("priorite") or "normale",
                             "internet": row.get("acces_internet"),
                             "asked": row.get("date_demande")}
            continue
        entry["need"] = [a + b for a, b in zip(entry["need"], quantities, strict=True)]
        priority = row.get("priorite") or "normale"
        if PRIORITY_RANK[priority] < PRIORITY_RANK[entry["priority"]]:
            entry["priority"] = priority
        internet = row.get("acces_internet")
        if internet is False or (internet is True and entry["internet"] is None):
            entry["internet"] = internet
        asked = row.get("date_demande")
        if asked is not None and (entry["asked"] is None or asked < entry["asked"]):
            entry["asked"] = asked
        if _latest_key(row) > _latest_key(entry["row"]):
            entry["row"] = row
    for ident, entry in merged.items():
        row = entry["row"]
        need = entry["need"]
        inputs.structures.append(Structure(
            id=ident, departement=row["departement"],
            need=(need[0], need[1], need[2], need[3]), priority=entry["priority"],
            internet=entry["internet"], requested_on=entry["asked"]))
        inputs.contacts[ident] = {name: row.get(name) for name in CONTACT_FIELDS}
        inputs.contacts[ident]["departement"] = row["departement"]


def _latest_key(row: dict[str, Any]) -> tuple[dt.date, tuple[str, ...]]:
    return (row.get("date_demande") or dt.date.min,
            tuple(str(row.get(name) or "") for name in CONTACT_FIELDS))


def _lots(inputs: Inputs, rows: Iterator[dict[str, Any]]) -> None:
    for row in rows:
        donor = row["donateur"]
        if row.get("materiel") is None:
            if row.get("montant_eur"):
                inputs.gifts.append(Gift(row["id_don"], donor, row.get("type_donateur"),
                                         row["montant_eur"]))
            continue
        partner = row.get("partenaire")
        inputs.lots.append(Lot(
            id=row["id_don"], device=DeviceType(row["materiel"]), quantity=row["quantite"],
            departement=row["departement"], shipper=partner or donor, donor=donor,
            available_on=row.get("disponible_le")))
        inputs.lot_info[row["id_don"]] = LotInfo(donor, row.get("type_donateur"),
                                                 row.get("etat"), partner)


def _partners(inputs: Inputs, rows: Iterator[dict[str, Any]]) -> None:
    for row in rows:
        zone: Zone = row["zone"]
        covered: frozenset[str] | None = None
        if not zone.national:
            covered = frozenset(
                code for code, dept in departements().items()
                if code in zone.departements or dept.region in zone.regions)
        name = row["partenaire"]
        inputs.partners[fold(name)] = Partner(name, covered, row.get("capacite"))

