"""The rows of a run's workbooks, built from the plan and the validated inputs."""

from __future__ import annotations

from collections import Counter, defaultdict
from typing import Any, NamedTuple

from ..allocation import Earlier, Plan, Policy
from ..allocation.fairness import by_level, by_level_and_area, fills
from ..allocation.inputs import Inputs
from ..messages import Lang, device_label, say, value_label
from ..models import DEVICE_TYPES, DeviceType
from ..territory import region_of
from ..textnorm import fold
from .columns import ALLOCATION_EXTRA, DISPATCH, STRUCTURE_CONTACT
from .unmet import unmet_reasons


def french_order(name: str) -> tuple[str, str]:
    """Sort key for names in French order: accents and case ignored (Île-de-France between
    Hauts-de-France and La Réunion), the name itself to break ties."""
    return fold(name), name


def by_region(plan: Plan, inputs: Inputs) -> dict[str, dict[str, int]]:
    """Units allocated per région of the structures, type by type."""
    dept_of = {s.id: s.departement for s in inputs.structures}
    units: Counter[tuple[str, DeviceType]] = Counter()  # by département first: ~100 keys
    for shipment in plan.shipments:
        units[(dept_of[shipment.structure_id], shipment.device)] += shipment.quantity
    table: dict[str, dict[str, int]] = defaultdict(lambda: {d.value: 0 for d in DEVICE_TYPES})
    for (departement, device), count in units.items():
        table[region_of(departement)][device.value] += count
    return dict(sorted(table.items(), key=lambda item: french_order(item[0])))


class DispatchLine(NamedTuple):
    """One shipment line as its partner's workbook shows it: the fields are the columns of
    ``columns.DISPATCH``, the last four left for the partner to fill in."""

    id_envoi: str
    id_don: str
    donateur: str
    materiel: str
    quantite: int
    id_structure: str
    nom_structure: Any
    adresse: Any
    code_postal: Any
    commune: Any
    departement: str
    contact_nom: Any
    contact_telephone: Any
    contact_email: Any
    livre_le: None = None
    quantite_livree: None = None
    ecart: None = None
    commentaire: None = None

    def delivery_order(self) -> tuple[str, str, str, str]:
        """How a partner's workbook is sorted: by département, postal code, structure."""
        return (self.departement, str(self.code_postal or ""), self.id_structure, self.id_envoi)


class Pickup(NamedTuple):
    """Where a partner collects the line's lot: the columns of ``columns.PICKUP``."""

    etat: str | None
    adresse_retrait: str | None
    contact_retrait: str | None


class WhyLine(NamedTuple):
    """What ``allocation.xlsx`` adds to a line: the columns of ``columns.ALLOCATION_EXTRA``."""

    partenaire: str
    tour: str
    distance_km: float
    motif: str


def shipment_lines(
    plan: Plan, ids: list[str], inputs: Inputs, lang: Lang
) -> dict[str, list[tuple[DispatchLine, WhyLine, Pickup]]]:
    """Per shipper: each line's delivery columns, why it was made and where to collect it."""
    by_shipper: dict[str, list[tuple[DispatchLine, WhyLine, Pickup]]] = defaultdict(list)
    structures = {s.id: s for s in inputs.structures}
    for ident, shipment in zip(ids, plan.shipments, strict=True):
        contact = inputs.contacts[shipment.structure_id]
        structure = structures[shipment.structure_id]
        info = inputs.lot_info[shipment.lot_id]
        delivery = DispatchLine(
            ident,
            shipment.lot_id,
            info.donor,
            shipment.device.value,
            shipment.quantity,
            shipment.structure_id,
            contact.get("nom_structure"),
            contact.get("adresse"),
            contact.get("code_postal"),
            contact.get("commune"),
            structure.departement,
            contact.get("contact_nom"),
            contact.get("contact_telephone"),
            contact.get("contact_email"),
        )
        internet = say("motif-no-internet", lang) if structure.internet is False else ""
        level = value_label("priorite", structure.priority, lang)
        distance = f"{shipment.distance_km:g}"
        if shipment.round == "substitution":
            motif = say(
                "motif-substitution",
                lang,
                priority=level,
                internet=internet,
                device=device_label(shipment.device.value, lang),
                need=device_label(shipment.counted_as.value, lang),
                distance=distance,
            )
            round_label = "substitution"
        else:
            round_label = say(f"round-{shipment.round}", lang)
            motif = say(
                "motif",
                lang,
                priority=level,
                internet=internet,
                round=round_label,
                distance=distance,
            )
        extra = WhyLine(shipment.shipper, round_label, shipment.distance_km, motif)
        pickup = Pickup(info.state, info.pickup_address, info.pickup_contact)
        by_shipper[shipment.shipper].append((delivery, extra, pickup))
    return by_shipper


def unmet_rows(plan: Plan, inputs: Inputs, policy: Policy, lang: Lang) -> list[list[Any]]:
    structures = {s.id: s for s in inputs.structures}
    items = sorted(plan.unmet, key=lambda u: (u.structure_id, u.device.value))
    reasons = unmet_reasons(items, plan, inputs, policy, lang)
    rows = []
    for item, reason in zip(items, reasons, strict=True):
        rows.append(
            [
                item.structure_id,
                inputs.contacts[item.structure_id].get("nom_structure"),
                structures[item.structure_id].departement,
                item.device.value,
                item.quantity,
                reason,
            ]
        )
    return rows


def leftover_rows(plan: Plan, inputs: Inputs) -> list[list[Any]]:
    return [
        [
            lot.id,
            lot.donor,
            lot.departement,
            lot.device.value,
            plan.leftover[lot.id],
            lot.shipper,
            lot.available_on,
        ]
        for lot in sorted(inputs.lots, key=lambda lot: lot.id)
        if plan.leftover[lot.id]
    ]


def structure_rows(lines: list[list[Any]]) -> list[list[Any]]:
    """One row per structure served (columns ``columns.STRUCTURES``), from the rows of
    ``allocation.xlsx``'s ``expeditions`` sheet: units per type, partners, contact and
    address — ready for a mail merge."""
    at = {name: index for index, name in enumerate(DISPATCH + ALLOCATION_EXTRA)}
    served: dict[str, dict[str, Any]] = {}
    for line in lines:
        sid = line[at["id_structure"]]
        entry = served.setdefault(sid, {"line": line, "units": Counter(), "partners": set()})
        entry["units"][line[at["materiel"]]] += line[at["quantite"]]
        entry["partners"].add(line[at["partenaire"]])
    rows: list[list[Any]] = []
    for sid in sorted(served):
        line, units = served[sid]["line"], served[sid]["units"]
        counts = [units[d.value] for d in DEVICE_TYPES]
        rows.append(
            [
                sid,
                line[at["nom_structure"]],
                line[at["departement"]],
                *counts,
                sum(counts),
                ", ".join(sorted(served[sid]["partners"], key=french_order)),
                *(line[at[c]] for c in STRUCTURE_CONTACT),
            ]
        )
    return rows


def totals_rows(
    plan: Plan, inputs: Inputs, allocated: dict[str, dict[str, int]]
) -> list[list[Any]]:
    dept_of = {s.id: s.departement for s in inputs.structures}
    unmet: Counter[str] = Counter()
    for item in plan.unmet:
        unmet[region_of(dept_of[item.structure_id])] += item.quantity
    rows: list[list[Any]] = []
    for region in sorted(set(allocated) | set(unmet), key=french_order):
        counts = allocated.get(region, {d.value: 0 for d in DEVICE_TYPES})
        rows.append([region, *counts.values(), sum(counts.values()), unmet[region]])
    totals = [sum(row[i] for row in rows) for i in range(1, 7)]
    rows.append(["Total", *totals])
    return rows


def fairness_rows(
    plan: Plan, inputs: Inputs, earlier: Earlier | None, lang: Lang
) -> list[list[Any]]:
    """The sheet ``equite`` (columns ``columns.FAIRNESS``): per priority level, one row per
    région where structures of that level request something, then the level's total."""
    found = fills(plan, inputs.structures, earlier)
    rows: list[list[Any]] = []
    total = "Total"
    for level, figures in by_level(found).items():
        for row_level, region, group in by_level_and_area(found, region_of, french_order):
            if row_level == level:
                rows.append([level, region, *group[:3], group.median_fill, group.units_per_child])
        if figures.requesting:
            rows.append([level, total, *figures[:3], figures.median_fill, figures.units_per_child])
    return rows
