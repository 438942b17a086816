"""What is still to deliver: the shipment lines of active runs (their workbooks written) that
no partner has closed yet and nobody cancelled, with their age — the list a coordinator
chases (``ordis deliveries pending``, and the report's pending figures per partner).

One query, read-only; the ledger holds no names, addresses or contacts, so neither does
this list (structures by id and département only)."""

from __future__ import annotations

import datetime as dt
from dataclasses import asdict, dataclass
from typing import Any, NamedTuple

from ..names import name_key

_PENDING = """
SELECT s.id, s.run_id, r.run_date, s.shipper, s.device, s.quantity, s.structure_id,
       s.departement, s.comment
FROM shipments s
JOIN runs r ON r.id = s.run_id
LEFT JOIN run_outputs o ON o.run_id = r.id
WHERE r.status = 'active' AND (o.state IS NULL OR o.state = 'written')
  AND s.delivered_on IS NULL AND s.cancelled_at IS NULL AND r.run_date <= ?
"""


class PendingLine(NamedTuple):
    """A shipment line waiting for its delivery; ``shipped_on`` is its run's date."""

    id: str
    run: int
    shipped_on: dt.date
    partner: str
    device: str
    quantity: int
    structure_id: str
    departement: str
    comment: str | None

    def age_days(self, as_of: dt.date) -> int:
        return (as_of - self.shipped_on).days


def pending_lines(db: Any, as_of: dt.date) -> list[PendingLine]:
    """Lines not yet delivered as of ``as_of`` (runs dated after it are not yet shipped),
    oldest first, then by partner and shipment id."""
    rows = db.execute(_PENDING, (as_of.isoformat(),)).fetchall()
    lines = [
        PendingLine(
            row[0],
            int(row[1]),
            dt.date.fromisoformat(row[2]),
            row[3],
            row[4],
            int(row[5]),
            row[6],
            row[7],
            row[8],
        )
        for row in rows
    ]
    lines.sort(key=lambda line: (line.shipped_on, line.partner, line.id))
    return lines


@dataclass(frozen=True, slots=True)
class PendingShipment:
    """One line of the chasing list (SPEC §5: ``shipments`` of ``deliveries pending``)."""

    id_envoi: str
    run: int
    shipped_on: str
    age_days: int
    materiel: str
    quantite: int
    id_structure: str
    departement: str
    commentaire: str | None


@dataclass(frozen=True, slots=True)
class PartnerPending:
    """A partner's lines still to deliver: how many, how many units, the oldest's age."""

    partner: str
    lines: int
    units: int
    oldest_days: int
    shipments: list[PendingShipment]


@dataclass(frozen=True, slots=True)
class PendingDeliveries:
    """What ``ordis deliveries pending --format json`` prints (SPEC §5)."""

    as_of: str
    partners: list[PartnerPending]

    def to_dict(self) -> dict[str, Any]:
        return asdict(self)


def chasing_list(
    lines: list[PendingLine],
    as_of: dt.date,
    partner: str | None = None,
    older_than: int | None = None,
) -> PendingDeliveries:
    """The lines grouped by partner (partners by name, lines oldest first); ``partner``
    keeps one partner (its name matched as ``names.name_key`` does: case, accents and
    spacing ignored), ``older_than`` the lines more than that many days old."""
    wanted = name_key(partner) if partner is not None else None
    grouped: dict[str, list[PendingShipment]] = {}
    for line in lines:
        age = line.age_days(as_of)
        if wanted is not None and name_key(line.partner) != wanted:
            continue
        if older_than is not None and age <= older_than:
            continue
        grouped.setdefault(line.partner, []).append(
            PendingShipment(
                line.id,
                line.run,
                line.shipped_on.isoformat(),
                age,
                line.device,
                line.quantity,
                line.structure_id,
                line.departement,
                line.comment,
            )
        )
    partners = [
        PartnerPending(
            name, len(items), sum(s.quantite for s in items), max(s.age_days for s in items), items
        )
        for name, items in sorted(grouped.items(), key=lambda kv: name_key(kv[0]))
    ]
    return PendingDeliveries(as_of.isoformat(), partners)


def shippers(db: Any) -> list[str]:
    """Every partner (or donor) that ships lines of the ledger, by name."""
    found = [str(row[0]) for row in db.execute("SELECT DISTINCT shipper FROM shipments")]
    return sorted(found, key=name_key)
