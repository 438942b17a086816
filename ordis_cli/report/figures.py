"""Figures as of a date, computed from the ledger. Aggregates only: région level at most,
no structure, address or contact, no private donor's name; a count of fewer than three
structures becomes ``"< 3"``."""

from __future__ import annotations

import datetime as dt
from collections import Counter, defaultdict

from pydantic import BaseModel

from ..ledger import Ledger
from ..messages import Lang
from ..messages.counting import number
from ..models import DEVICE_TYPES
from ..names import clean_name, name_key
from ..territory import region_of

SMALL = 3
PRIVATE = "particulier"
# The donor types whose donors are organisations, thanked by name. Any other type, missing
# or unknown included, is treated as a private person: never named.
ORGANISATIONS = frozenset(
    {"entreprise", "fondation", "association", "reconditionneur", "collectivite", "etat"}
)
UNKNOWN_TYPE = "inconnu"
PRIVATE_SHIPPER = "particuliers"  # key of the lots private donors shipped themselves


def small_count(count: int) -> int | str:
    """A count of structures as it may be published."""
    return f"< {SMALL}" if 0 < count < SMALL else count


def _types() -> dict[str, int]:
    return {d.value: 0 for d in DEVICE_TYPES}


class RegionFigures(BaseModel):
    delivered: dict[str, int]
    dispatched: dict[str, int]
    structures_equipped: int | str


class Week(BaseModel):
    week: str  # ISO week, 2020-W16
    delivered: int
    cumulative: int


class Figures(BaseModel):
    """What ``report --format json`` prints (SPEC §6)."""

    as_of: dt.date
    delivered: dict[str, int]
    dispatched: dict[str, int]
    structures_equipped: int | str
    coverage: float
    by_region: dict[str, RegionFigures]
    weekly: list[Week]
    financial_eur: float
    lost: dict[str, int]  # units of lines closed short as perdu / hors service


class Details(BaseModel):
    """What the Markdown, HTML and XLSX reports show besides the JSON figures."""

    by_partner: dict[str, dict[str, int]]
    # per partner, units delivered and units still waiting (lines not closed nor cancelled)
    partner_progress: dict[str, dict[str, int]] = {}
    by_donor_type: dict[str, dict[str, int]]
    donors: list[tuple[str, int]]  # organisations to thank, with units given
    private_donors: int
    unnamed_donors: int = 0  # donors of no or unknown type: never named either
    private_units: int = 0  # units the private donors gave (dispatched)
    unnamed_units: int = 0  # units the donors of no or unknown type gave
    requested: dict[str, int]
    runs: int
    # by région, devices delivered per 1,000 children, over the structures whose nb_enfants
    # is known; None where fewer than 3 such structures were delivered (never one
    # structure's figure), absent where no structure there gave its number of children
    per_thousand_children: dict[str, float | None] = {}


# A run counts once its workbooks are in place (or it predates that record): one still
# being written, or interrupted, has reached no partner.
_HANDED_OUT = (
    "NOT EXISTS (SELECT 1 FROM run_outputs o WHERE o.run_id = r.id AND o.state = 'writing')"
)


def compute(
    ledger: Ledger, as_of: dt.date, donor_key: str | None = None
) -> tuple[Figures, Details]:
    """The figures as of ``as_of``; with ``donor_key`` (a ``name_key``) only what that donor's
    lots became, by the same rules, its financial gifts, and the structures it equipped."""
    day = as_of.isoformat()
    rows = ledger.table(
        "SELECT s.*, r.status, r.run_date FROM shipments s JOIN runs r ON r.id = s.run_id "
        f"WHERE r.run_date <= ? AND {_HANDED_OUT}",
        (day,),
    )
    if donor_key is not None:
        rows = [row for row in rows if name_key(row["donor"]) == donor_key]
    delivered, dispatched, lost = _types(), _types(), _types()
    region_delivered: dict[str, dict[str, int]] = defaultdict(_types)
    region_dispatched: dict[str, dict[str, int]] = defaultdict(_types)
    equipped: dict[str, set[str]] = defaultdict(set)
    received: Counter[str] = Counter()  # units delivered, by structure
    weekly: Counter[str] = Counter()
    partners: dict[str, dict[str, int]] = defaultdict(_types)
    progress: dict[str, dict[str, int]] = defaultdict(lambda: {"delivered": 0, "pending": 0})
    donor_types: dict[str, dict[str, int]] = defaultdict(_types)
    donors: Counter[str] = Counter()
    private: set[str] = set()  # name keys of private donors
    unnamed: set[str] = set()  # name keys of donors of no or unknown type
    for row in rows:
        if row["donor_type"] not in ORGANISATIONS:
            (private if row["donor_type"] == PRIVATE else unnamed).add(name_key(row["donor"]))
    hidden = private | unnamed
    hidden_units = [0, 0]  # units of unnamed donors, of private donors
    for row in rows:
        region = region_of(row["departement"])
        device = row["device"]
        closed = bool(row["delivered_on"]) and row["delivered_on"] <= day
        done = row["delivered_quantity"] if closed else 0
        written_off = row["quantity"] - done if closed and row["gap"] else 0
        shipped = row["quantity"] if row["status"] == "active" and not closed else done
        if row["cancelled_at"] is not None:  # a line cancelled alone was never shipped
            shipped = written_off = 0
        lost[device] += written_off
        shipped += written_off
        dispatched[device] += shipped
        region_dispatched[region][device] += shipped
        donor_type = (
            row["donor_type"] if row["donor_type"] in ORGANISATIONS | {PRIVATE} else UNKNOWN_TYPE
        )
        shipper = clean_name(row["shipper"])
        if name_key(shipper) in hidden:
            shipper = PRIVATE_SHIPPER  # a person shipping its own lot is never named
        partners[shipper][device] += shipped
        progress[shipper]["delivered"] += done
        if row["status"] == "active" and not closed and row["cancelled_at"] is None:
            progress[shipper]["pending"] += row["quantity"]
        donor_types[donor_type][device] += shipped
        donor = clean_name(row["donor"])
        if shipped and name_key(donor) not in hidden:
            donors[donor] += shipped
        elif shipped:
            hidden_units[name_key(donor) in private] += shipped
        if done:
            delivered[device] += done
            region_delivered[region][device] += done
            equipped[region].add(row["structure_id"])
            received[row["structure_id"]] += done
            year, number, _ = dt.date.fromisoformat(row["delivered_on"]).isocalendar()
            weekly[f"{year}-W{number:02d}"] += done
    requested = _types()
    for need in ledger.table("SELECT portable, fixe, tablette, box_4g FROM needs"):
        for kind in list(requested):
            requested[kind] += int(need[kind])
    asked = sum(requested.values())
    coverage = min(sum(delivered.values()) / asked, 1.0) if asked else 0.0
    series, running = [], 0
    for label in _weeks_between(min(weekly, default=""), max(weekly, default="")):
        running += weekly[label]
        series.append(Week(week=label, delivered=weekly[label], cumulative=running))
    by_region = {
        region: RegionFigures(
            delivered=region_delivered[region],
            dispatched=region_dispatched[region],
            structures_equipped=small_count(len(equipped[region])),
        )
        for region in sorted(set(region_dispatched) | set(region_delivered))
    }
    gifts = sum(
        float(lot["amount_eur"] or 0)
        for lot in ledger.table("SELECT donor, amount_eur FROM lots WHERE amount_eur > 0")
        if donor_key is None or name_key(lot["donor"]) == donor_key
    )
    figures = Figures(
        as_of=as_of,
        delivered=delivered,
        dispatched=dispatched,
        structures_equipped=small_count(sum(len(s) for s in equipped.values())),
        coverage=round(coverage, 4),
        by_region=by_region,
        weekly=series,
        financial_eur=round(gifts, 2),
        lost=lost,
    )
    details = Details(
        by_partner=dict(sorted(partners.items())),
        partner_progress={name: progress[name] for name in sorted(partners)},
        by_donor_type=dict(sorted(donor_types.items())),
        donors=sorted(donors.items(), key=lambda item: (-item[1], item[0])),
        private_donors=len(private),
        unnamed_donors=len(unnamed - private),
        private_units=hidden_units[1],
        unnamed_units=hidden_units[0],
        requested=requested,
        per_thousand_children=_per_children(ledger, received),
        runs=len(
            ledger.table(
                "SELECT id FROM runs r WHERE status = 'active' AND run_date <= ? "
                f"AND {_HANDED_OUT}",
                (day,),
            )
        ),
    )
    return figures, details


def _per_children(ledger: Ledger, received: Counter[str]) -> dict[str, float | None]:
    """Devices delivered per 1,000 children, by région, where structures gave nb_enfants."""
    children: Counter[str] = Counter()
    units: Counter[str] = Counter()
    served: Counter[str] = Counter()
    for need in ledger.table(
        "SELECT structure_id, departement, nb_enfants FROM needs WHERE nb_enfants > 0"
    ):
        region = region_of(need["departement"])
        children[region] += int(need["nb_enfants"])
        if received[need["structure_id"]]:
            units[region] += received[need["structure_id"]]
            served[region] += 1
    return {
        region: round(1000 * units[region] / kids, 1)
        if served[region] >= SMALL
        # nothing delivered there yet is 0; one or two structures' figure is never shown
        else (None if served[region] else 0.0)
        for region, kids in sorted(children.items())
    }


def _weeks_between(first: str, last: str) -> list[str]:
    """Every ISO week from ``first`` to ``last`` (``2020-W16``), quiet weeks included."""
    if not first:
        return []
    day = dt.date.fromisocalendar(int(first[:4]), int(first[6:]), 1)
    end = dt.date.fromisocalendar(int(last[:4]), int(last[6:]), 1)
    weeks = []
    while day <= end:
        year, number, _ = day.isocalendar()
        weeks.append(f"{year}-W{number:02d}")
        day += dt.timedelta(weeks=1)
    return weeks


def press_number(value: int, lang: Lang = "fr") -> str:
    """Thousands grouped as ``lang`` writes them: "10 250" in French, "10,250" in English."""
    return number(value, lang)


def press_round(value: int, lang: Lang = "fr") -> str:
    """A press headline's rounding: 10 250 -> "plus de 10 000" ("more than 10,000"),
    3 450 -> "plus de 3 400", 742 -> "plus de 700"; an exact round number stays as it is."""
    if value < 10:
        return str(value)
    digits = len(str(value))
    step = 10 ** (digits - 2 if digits >= 4 else digits - 1)
    floor = value // step * step
    if floor == value:
        return press_number(value, lang)
    return f"{'plus de' if lang == 'fr' else 'more than'} {press_number(floor, lang)}"
