"""Figures as of a date, computed from the ledger. Aggregates only: région level at most,
no structure, address or contact, no private donor's name; a count of fewer than three
structures becomes ``"< 3"``."""

from __future__ import annotations

import datetime as dt
from collections import Counter, defaultdict
from typing import Any

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
# What one line counts as of the report's day (every ``?`` is that day): closed once
# delivered by then; ``done``, the units delivered; ``written_off``, those of a line closed
# short and lost; ``shipped``, what went out (all of an active line still open, else what was
# delivered, plus what was lost; nothing for a line cancelled alone); ``waiting``, the units
# of an active line neither closed nor cancelled.
_CLOSED = "(s.delivered_on IS NOT NULL AND s.delivered_on <> '' AND s.delivered_on <= ?)"
_DONE = f"CASE WHEN {_CLOSED} THEN COALESCE(s.delivered_quantity, 0) ELSE 0 END"
_WRITTEN_OFF = (
    f"CASE WHEN s.cancelled_at IS NULL AND {_CLOSED} AND s.gap IS NOT NULL AND s.gap <> '' "
    "THEN s.quantity - COALESCE(s.delivered_quantity, 0) ELSE 0 END"
)
_SHIPPED = (
    "CASE WHEN s.cancelled_at IS NOT NULL THEN 0 "
    f"WHEN r.status = 'active' AND NOT {_CLOSED} THEN s.quantity ELSE {_DONE} END"
)
_WAITING = (
    f"CASE WHEN r.status = 'active' AND s.cancelled_at IS NULL AND NOT {_CLOSED} "
    "THEN s.quantity ELSE 0 END"
)
# The lines of the runs handed out by the report's day (the runs chosen once, not per line).
_LINES = (
    "FROM shipments s JOIN runs r ON r.id = s.run_id WHERE s.run_id IN "
    f"(SELECT r.id FROM runs r WHERE r.run_date <= ? AND {_HANDED_OUT})"
)
# The figures are sums over groups of lines: by département, type, partner and donor (a few
# thousand groups where there are millions of lines); by structure and day of delivery.
_BY_GROUP = (
    "SELECT s.departement, s.device, s.shipper, s.donor, s.donor_type, "
    f"SUM({_SHIPPED}), SUM({_DONE}), SUM({_WRITTEN_OFF}), SUM({_WAITING}) "
    f"{_LINES} {{donors}} GROUP BY 1, 2, 3, 4, 5"
)
# One pass over the lines closed by the report's day gives, by département (folded into
# régions in Python): units delivered by day, structures equipped (those delivered in more
# than one département listed: none counts twice in a région), and over the needs giving
# nb_enfants, children, units received and structures served. Typed columns in every branch
# (0 and '', not NULL): PostgreSQL types a UNION branch by branch.
_DELIVERIES = (
    "WITH days AS (SELECT s.structure_id AS structure, s.departement AS place, "
    "s.delivered_on AS on_day, SUM(COALESCE(s.delivered_quantity, 0)) AS done "
    f"{_LINES} AND {_CLOSED} {{donors}} GROUP BY 1, 2, 3), "
    "places AS (SELECT structure, place, SUM(done) AS done FROM days GROUP BY 1, 2 "
    "HAVING SUM(done) > 0), received AS (SELECT structure, SUM(done) AS done, "
    "COUNT(*) AS places FROM places GROUP BY 1) "
    "SELECT 'day', on_day, '', SUM(done), 0, 0 FROM days GROUP BY on_day HAVING SUM(done) > 0 "
    "UNION ALL SELECT 'equipped', place, '', COUNT(*), 0, 0 FROM places GROUP BY place "
    "UNION ALL SELECT 'split', p.place, p.structure, 0, 0, 0 FROM places p "
    "JOIN received d ON d.structure = p.structure WHERE d.places > 1 "
    "UNION ALL SELECT 'children', n.departement, '', SUM(n.nb_enfants), "
    "COALESCE(SUM(d.done), 0), COUNT(d.done) FROM needs n LEFT JOIN received d "
    "ON d.structure = n.structure_id WHERE n.nb_enfants > 0 GROUP BY n.departement"
)


class _Sums:
    """The figures being summed, group by group."""

    def __init__(self) -> None:
        self.delivered, self.dispatched, self.lost = _types(), _types(), _types()
        self.region_delivered: dict[str, dict[str, int]] = defaultdict(_types)
        self.region_dispatched: dict[str, dict[str, int]] = defaultdict(_types)
        self.partners: dict[str, dict[str, int]] = defaultdict(_types)
        self.progress: dict[str, dict[str, int]] = defaultdict(
            lambda: {"delivered": 0, "pending": 0}
        )
        self.donor_types: dict[str, dict[str, int]] = defaultdict(_types)
        self.donors: Counter[str] = Counter()
        self.private: set[str] = set()  # name keys of private donors
        self.unnamed: set[str] = set()  # name keys of donors of no or unknown type
        self.hidden_units = [0, 0]  # units of unnamed donors, of private donors

    def add(self, groups: list[Any]) -> None:
        for group in groups:
            if group[4] not in ORGANISATIONS:
                hiding = self.private if group[4] == PRIVATE else self.unnamed
                hiding.add(name_key(group[3]))
        hidden = self.private | self.unnamed
        names: dict[str, tuple[str, str]] = {}  # a name as written -> (clean, key)
        for departement, device, shipper, donor, donor_type, *sums in groups:
            shipped, done, written_off, waiting = (int(value or 0) for value in sums)
            region = region_of(departement)
            self.lost[device] += written_off
            shipped += written_off
            self.dispatched[device] += shipped
            self.region_dispatched[region][device] += shipped
            kind = donor_type if donor_type in ORGANISATIONS | {PRIVATE} else UNKNOWN_TYPE
            shipper_name, shipper_key = names.get(shipper) or _named(names, shipper)
            if shipper_key in hidden:
                shipper_name = PRIVATE_SHIPPER  # a person shipping its own lot is never named
            self.partners[shipper_name][device] += shipped
            self.progress[shipper_name]["delivered"] += done
            self.progress[shipper_name]["pending"] += waiting
            self.donor_types[kind][device] += shipped
            donor_name, donor_key = names.get(donor) or _named(names, donor)
            if shipped and donor_key not in hidden:
                self.donors[donor_name] += shipped
            elif shipped:
                self.hidden_units[donor_key in self.private] += shipped
            if done:
                self.delivered[device] += done
                self.region_delivered[region][device] += done


def _named(names: dict[str, tuple[str, str]], written: str) -> tuple[str, str]:
    clean = clean_name(written)
    names[written] = (clean, name_key(clean))
    return names[written]


def _donor_filter(ledger: Ledger, donor_key: str | None) -> tuple[str, tuple[str, ...]]:
    """The SQL condition keeping one donor's lines (every way its name was written), or
    none."""
    if donor_key is None:
        return "", ()
    spellings = tuple(
        row[0]
        for row in ledger.table("SELECT DISTINCT donor FROM shipments")
        if name_key(row[0]) == donor_key
    )
    if not spellings:
        return "AND 1 = 0", ()
    return f"AND s.donor IN ({', '.join('?' * len(spellings))})", spellings


def _query(template: str, donors: str, spellings: tuple[str, ...], day: str) -> tuple[str, Any]:
    """A query of this module with its donor condition, and its parameters: the report's day
    for every ``?`` but the donor's spellings."""
    before, after = template.split("{donors}")
    parameters = (day,) * before.count("?") + spellings + (day,) * after.count("?")
    return template.format(donors=donors), parameters


def compute(
    ledger: Ledger, as_of: dt.date, donor_key: str | None = None
) -> tuple[Figures, Details]:
    """The figures as of ``as_of``; with ``donor_key`` (a ``name_key``) only what that donor's
    lots became, by the same rules, its financial gifts, and the structures it equipped.
    The database sums the lines (``GROUP BY``); Python folds the groups into régions."""
    day = as_of.isoformat()
    donors, spellings = _donor_filter(ledger, donor_key)
    sums = _Sums()
    sums.add(ledger.table(*_query(_BY_GROUP, donors, spellings, day)))
    weekly, equipped, per_children = _deliveries(
        ledger.table(*_query(_DELIVERIES, donors, spellings, day))
    )
    requested = _types()
    (totals,) = ledger.table(f"SELECT {', '.join(f'SUM({kind})' for kind in requested)} FROM needs")
    for kind, total in zip(list(requested), totals, strict=True):
        requested[kind] = int(total or 0)
    asked = sum(requested.values())
    delivered = sums.delivered
    coverage = min(sum(delivered.values()) / asked, 1.0) if asked else 0.0
    series, running = [], 0
    for label in _weeks_between(min(weekly, default=""), max(weekly, default="")):
        running += weekly[label]
        series.append(Week(week=label, delivered=weekly[label], cumulative=running))
    by_region = {
        region: RegionFigures(
            delivered=sums.region_delivered[region],
            dispatched=sums.region_dispatched[region],
            structures_equipped=small_count(equipped[region]),
        )
        for region in sorted(set(sums.region_dispatched) | set(sums.region_delivered))
    }
    gifts = sum(
        float(lot["amount_eur"] or 0)
        for lot in ledger.table("SELECT donor, amount_eur FROM lots WHERE amount_eur > 0")
        if donor_key is None or name_key(lot["donor"]) == donor_key
    )
    figures = Figures(
        as_of=as_of,
        delivered=delivered,
        dispatched=sums.dispatched,
        structures_equipped=small_count(sum(equipped.values())),
        coverage=round(coverage, 4),
        by_region=by_region,
        weekly=series,
        financial_eur=round(gifts, 2),
        lost=sums.lost,
    )
    partners = sums.partners
    details = Details(
        by_partner=dict(sorted(partners.items())),
        partner_progress={name: sums.progress[name] for name in sorted(partners)},
        by_donor_type=dict(sorted(sums.donor_types.items())),
        donors=sorted(sums.donors.items(), key=lambda item: (-item[1], item[0])),
        private_donors=len(sums.private),
        unnamed_donors=len(sums.unnamed - sums.private),
        private_units=sums.hidden_units[1],
        unnamed_units=sums.hidden_units[0],
        requested=requested,
        per_thousand_children=per_children,
        runs=len(
            ledger.table(
                "SELECT id FROM runs r WHERE status = 'active' AND run_date <= ? "
                f"AND {_HANDED_OUT}",
                (day,),
            )
        ),
    )
    return figures, details


def _deliveries(
    rows: list[Any],
) -> tuple[Counter[str], Counter[str], dict[str, float | None]]:
    """From ``_DELIVERIES``: units delivered by ISO week, structures equipped by région, and
    devices delivered per 1,000 children by région where structures gave nb_enfants."""
    weekly, equipped, children, units, served = (Counter[str]() for _ in range(5))
    places: dict[str, list[str]] = defaultdict(list)  # structures in several départements
    for kind, place, structure, first, second, third in rows:
        if kind == "day":
            year, week, _ = dt.date.fromisoformat(place).isocalendar()
            weekly[f"{year}-W{week:02d}"] += int(first)
        elif kind == "equipped":
            equipped[region_of(place)] += int(first)
        elif kind == "split":
            places[structure].append(place)
        else:
            region = region_of(place)
            children[region] += int(first)
            units[region] += int(second)
            served[region] += int(third)
    for found in places.values():
        for region, times in Counter(region_of(place) for place in found).items():
            equipped[region] -= times - 1
    per_children = {
        region: round(1000 * units[region] / kids, 1)
        if served[region] >= SMALL
        # nothing delivered there yet is 0; one or two structures' figure is never shown
        else (None if served[region] else 0.0)
        for region, kids in sorted(children.items())
    }
    return weekly, equipped, per_children


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
