"""From validated files to what allocation needs: structures (requests added up), lots,
partners, and the details only the dispatch workbooks use (addresses and contacts)."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator, Mapping, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from ..messages import say
from ..models import DeviceType, Kind, Problem, Severity, ValidationReport
from ..names import display_names, name_key
from ..schema import QUANTITY_COLUMNS
from ..territory import departements
from ..validation import ValidationOptions
from ..validation.base import ROW, KindValidator
from ..validation.partners import Zone
from ..validation.service import validate_inputs
from .model import PRIORITY_RANK, Lot, Partner, Structure

PRIVATE = "particulier"
FILE = "\x00file"  # in a donation row: the index of its file among those validated
CONTACT_FIELDS = (
    "nom_structure",
    "type_structure",
    "adresse",
    "code_postal",
    "commune",
    "contact_nom",
    "contact_telephone",
    "contact_email",
    "nb_enfants",
)


@dataclass(frozen=True, slots=True)
class LotInfo:
    donor: str
    donor_type: str | None
    state: str | None
    partner: str | None
    pickup_address: str | None = None  # where the partner collects the lot, whom to call
    pickup_contact: str | None = None


@dataclass(frozen=True, slots=True)
class Gift:
    """A financial gift: reported, never allocated."""

    id: str
    donor: str
    donor_type: str | None
    amount_eur: float


class Contacts(Mapping[str, dict[str, Any]]):
    """Each structure's delivery details (``CONTACT_FIELDS`` and its département), made from
    the validated columns when asked: a dry run never asks, and a million dictionaries made
    in advance held about 400 MB. Only the columns of these details are kept."""

    def __init__(self) -> None:
        self._where: dict[str, tuple[dict[str, list[Any]], int]] = {}

    def add(self, ident: str, columns: dict[str, list[Any]], index: int) -> None:
        self._where[ident] = (columns, index)

    def __getitem__(self, ident: str) -> dict[str, Any]:
        columns, index = self._where[ident]
        contact = {n: columns[n][index] if n in columns else None for n in CONTACT_FIELDS}
        contact["departement"] = columns["departement"][index]
        return contact

    def __iter__(self) -> Iterator[str]:
        return iter(self._where)

    def __len__(self) -> int:
        return len(self._where)


_KEPT_FOR_DETAILS = (*CONTACT_FIELDS, "departement")


@dataclass(slots=True)
class Inputs:
    structures: list[Structure] = field(default_factory=list)
    contacts: Mapping[str, dict[str, Any]] = field(default_factory=Contacts)
    lots: list[Lot] = field(default_factory=list)
    lot_info: dict[str, LotInfo] = field(default_factory=dict)
    gifts: list[Gift] = field(default_factory=list)
    partners: dict[str, Partner] = field(default_factory=dict)  # by ``names.name_key``
    partner_emails: dict[str, str] = field(default_factory=dict)  # same keys (--emails)
    named_partners: set[str] = field(default_factory=set)  # keys named in the donations
    # private donors' lots that no partner can ship: left out (a person never ships one)
    private_unshipped: list[tuple[str, int, int]] = field(default_factory=list)  # id, row, file


def rows_of(validator: KindValidator | None) -> Iterator[dict[str, Any]]:
    """The clean rows a validator kept, as dictionaries (row number under ``ROW``)."""
    if validator is None or validator.kept is None:
        return
    for columns in validator.kept:
        names = list(columns)
        for values in zip(*(columns[n] for n in names), strict=True):
            yield dict(zip(names, values, strict=True))


def load_inputs(
    needs: Path | Sequence[Path],
    donations: Path | Sequence[Path],
    partners: Path | None,
    options: ValidationOptions,
) -> tuple[ValidationReport, Inputs | None]:
    """Validate the files as their kinds (several needs or donations files are read as one
    list, SPEC §2); the inputs only when there is no error."""
    needs_files, donation_files = _paths(needs), _paths(donations)
    files: list[tuple[Path, Kind | None]] = [
        *((path, Kind.NEEDS) for path in needs_files),
        *((path, Kind.DONATIONS) for path in donation_files),
    ]
    if partners is not None:
        files.append((partners, Kind.PARTNERS))
    keep = options.model_copy(update={"keep_data": True})
    report, validators = validate_inputs(files, keep)
    if not report.ok or not report.readable:
        return report, None
    inputs = Inputs()
    first_donations = len(needs_files)
    _structures(inputs, validators[:first_donations])
    partner_rows = list(rows_of(validators[-1])) if partners is not None else []
    _partners(inputs, partner_rows)
    donation_rows: list[dict[str, Any]] = []
    for offset, validator in enumerate(validators[first_donations:][: len(donation_files)]):
        for row in rows_of(validator):
            row[FILE] = first_donations + offset  # which file's report hears of the row
            donation_rows.append(row)
    _lots(inputs, donation_rows)
    for file_index, problems in _by_file(inputs.private_unshipped).items():
        donations_report = report.files[file_index]
        donations_report.add(
            [
                Problem(
                    code="private-lot-no-partner",
                    severity=Severity.WARNING,
                    file=donations_report.path,
                    sheet=donations_report.sheet,
                    row=row,
                    value=ident,
                    message=say("private-lot-no-partner", options.lang, value=ident),
                )
                for ident, row in problems
            ]
        )
    return report, inputs


def _paths(given: Path | Sequence[Path]) -> list[Path]:
    return [given] if isinstance(given, Path) else list(given)


def _by_file(unshipped: list[tuple[str, int, int]]) -> dict[int, list[tuple[str, int]]]:
    grouped: dict[int, list[tuple[str, int]]] = {}
    for ident, row, file_index in unshipped:
        grouped.setdefault(file_index, []).append((ident, row))
    return grouped


def _structures(inputs: Inputs, validators: Sequence[KindValidator | None]) -> None:
    """Requests of one structure add up; the most urgent priority, the earliest request and
    'no internet' if any request says so win; contact details come from the latest request
    (ties broken by the values themselves, so row order never matters). Column by column:
    a million rows make no million dictionaries."""
    kept = [
        block
        for validator in validators
        if validator is not None and validator.kept is not None
        for block in validator.kept
    ]
    merged: dict[str, list[Any]] = {}  # id -> [need, priority, internet, asked, (block, row)]
    for number, columns in enumerate(kept):
        size = len(columns[ROW])
        empty: list[Any] = [None] * size
        quantities = zip(*(columns.get(c) or empty for c in QUANTITY_COLUMNS), strict=True)
        for index, (ident, priority, internet, asked, asked_for) in enumerate(
            zip(
                columns["id_structure"],
                columns.get("priorite") or empty,
                columns.get("acces_internet") or empty,
                columns.get("date_demande") or empty,
                quantities,
                strict=True,
            )
        ):
            need = [q or 0 for q in asked_for]
            entry = merged.get(ident)
            if entry is None:
                merged[ident] = [need, priority or "normale", internet, asked, (number, index)]
                continue
            entry[0] = [a + b for a, b in zip(entry[0], need, strict=True)]
            if PRIORITY_RANK[priority or "normale"] < PRIORITY_RANK[entry[1]]:
                entry[1] = priority
            if internet is False or (internet is True and entry[2] is None):
                entry[2] = internet
            if asked is not None and (entry[3] is None or asked < entry[3]):
                entry[3] = asked
            if _latest_key(kept, (number, index)) > _latest_key(kept, entry[4]):
                entry[4] = (number, index)
    details = [
        {name: columns[name] for name in _KEPT_FOR_DETAILS if name in columns} for columns in kept
    ]
    contacts = Contacts()
    for ident, (need, priority, internet, asked, (number, index)) in merged.items():
        columns = kept[number]
        departement = columns["departement"][index]
        children = columns["nb_enfants"][index] if "nb_enfants" in columns else None
        inputs.structures.append(
            Structure(
                ident,
                departement,
                (need[0], need[1], need[2], need[3]),
                priority,
                internet,
                asked,
                children,
            )
        )
        contacts.add(ident, details[number], index)
    inputs.contacts = contacts


def _latest_key(
    kept: list[dict[str, list[Any]]], where: tuple[int, int]
) -> tuple[dt.date, tuple[str, ...]]:
    columns, index = kept[where[0]], where[1]
    asked = columns["date_demande"][index] if "date_demande" in columns else None
    return (
        asked or dt.date.min,
        tuple(
            str(columns[name][index] or "") if name in columns else "" for name in CONTACT_FIELDS
        ),
    )


def _lots(inputs: Inputs, rows: list[dict[str, Any]]) -> None:
    """Lots and gifts. One name, one shipper: the lots of one partner (or of a donor shipping
    its own lots), whatever the case, accents or spacing of its name, go to one shipper,
    shown with the partners file's spelling, else the smallest spelling met, so that the
    order of the rows never matters. Donors' names are unified the same way."""
    # a private person never ships a lot, even when written in the partner column (their own
    # lot, or another's): such a lot is routed as if it had no partner
    private = {name_key(row["donateur"]) for row in rows if row.get("type_donateur") == PRIVATE}
    shipper_spellings: dict[str, set[str]] = {}
    donor_spellings: dict[str, set[str]] = {}
    for row in rows:
        donor_spellings.setdefault(name_key(row["donateur"]), set()).add(row["donateur"])
        if row.get("materiel") is not None:
            partner = row.get("partenaire")
            shipper = partner if partner and name_key(partner) not in private else row["donateur"]
            shipper_spellings.setdefault(name_key(shipper), set()).add(shipper)
    known = {key: partner.name for key, partner in inputs.partners.items()}
    inputs.named_partners = {
        name_key(row["partenaire"])
        for row in rows
        if row.get("partenaire") and row.get("materiel") is not None
    } - private
    shippers = display_names(shipper_spellings, known)
    donors = display_names(donor_spellings, {})
    for row in rows:
        donor = donors[name_key(row["donateur"])]
        if row.get("materiel") is None:
            if row.get("montant_eur"):
                inputs.gifts.append(
                    Gift(row["id_don"], donor, row.get("type_donateur"), row["montant_eur"])
                )
            continue
        partner = row.get("partenaire")
        if partner is not None and name_key(partner) in private:
            partner = None
        if partner is None and row.get("type_donateur") == PRIVATE:
            # a private person never receives a structure's address (SPEC §4)
            partner = _partner_for_private_lot(inputs, row["departement"], shippers)
            if partner is None:
                inputs.private_unshipped.append((row["id_don"], row[ROW], row.get(FILE, 1)))
                continue
        if partner is not None:
            shipper = shippers.get(name_key(partner), partner)
        else:
            shipper = shippers[name_key(row["donateur"])]
        inputs.lots.append(
            Lot(
                id=row["id_don"],
                device=DeviceType(row["materiel"]),
                quantity=row["quantite"],
                departement=row["departement"],
                shipper=shipper,
                donor=donor,
                available_on=row.get("disponible_le"),
            )
        )
        inputs.lot_info[row["id_don"]] = LotInfo(
            donor,
            row.get("type_donateur"),
            row.get("etat"),
            shipper if partner else None,
            row.get("adresse_retrait"),
            row.get("contact_retrait"),
        )


def _partner_for_private_lot(
    inputs: Inputs, departement: str, shippers: dict[str, str]
) -> str | None:
    """The partner that ships a private donor's lot: the first by name whose zone covers the
    lot's département, else the first national one; without a partners file, the first
    partner named in the donations (they deliver everywhere); None when there is none."""
    if inputs.partners:
        ordered = sorted(inputs.partners.items())
        for _, partner in ordered:
            if partner.departements is not None and departement in partner.departements:
                return partner.name
        national = [partner.name for _, partner in ordered if partner.departements is None]
        return national[0] if national else None
    named = sorted(key for key in inputs.named_partners if key in shippers)
    return shippers[named[0]] if named else None


def _partners(inputs: Inputs, rows: list[dict[str, Any]]) -> None:
    """Partners keyed by ``names.name_key`` (the key the allocation engine looks up)."""
    for row in rows:
        zone: Zone = row["zone"]
        covered: frozenset[str] | None = None
        if not zone.national:
            covered = frozenset(
                code
                for code, dept in departements().items()
                if code in zone.departements or dept.region in zone.regions
            )
        name = row["partenaire"]
        inputs.partners[name_key(name)] = Partner(name, covered, row.get("capacite"))
        if row.get("contact_email"):
            inputs.partner_emails[name_key(name)] = row["contact_email"]
