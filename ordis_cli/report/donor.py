"""One donor's page (``ordis report --donor NAME``): what its lots became, for its thanks and
its own reporting: units delivered by type, région and week, structures equipped (``< 3``
below three), its share of the operation. The same rules as the operation's figures
(``figures.compute`` on its lines only), and the same privacy: no structure, address or
contact, no other donor's name, no logistics partner (a partner may be another donor).

Only an organisation has a page: a donor recorded as ``particulier``, or without a known
type on any of its lots, is refused (``DonorRefused``, exit 1). Its name may not be printed
on a report (SPEC §6) and a page named after a private person, handed around for "its own
reporting", would do just that; a coordinator thanks a private donor directly."""

from __future__ import annotations

import datetime as dt
from collections import Counter
from typing import Any

from markupsafe import Markup
from pydantic import BaseModel

from ..errors import OrdisError, UsageError
from ..ledger import Ledger
from ..messages import Lang, say
from ..names import clean_name, name_key
from ..textnorm import close_matches
from . import charts, press, regions_map
from .figures import ORGANISATIONS, RegionFigures, Week, compute, press_number
from .render import money, type_chart, week_label
from .words import WORDS

CLOSE = 5  # known donors suggested for an unknown name


class DonorRefused(OrdisError):
    """The donor exists but may not have a page (a private person): exit 1."""

    exit_code = 1


class DonorFigures(BaseModel):
    """What ``rapport-donateur.json`` holds."""

    as_of: dt.date
    donor: str
    donor_type: str
    given: dict[str, int]  # units of its lots, as the ledger recorded them
    dispatched: dict[str, int]
    delivered: dict[str, int]
    lost: dict[str, int]
    structures_equipped: int | str
    by_region: dict[str, RegionFigures]
    weekly: list[Week]
    share_delivered: float  # of the operation's devices delivered, 0-1
    share_dispatched: float
    financial_eur: float


def _donors(ledger: Ledger) -> dict[str, tuple[Counter[str], Counter[str]]]:
    """By name key: the spellings met and the donor types met (lots and shipments)."""
    found: dict[str, tuple[Counter[str], Counter[str]]] = {}
    for row in ledger.table(
        "SELECT donor, donor_type FROM lots UNION ALL SELECT donor, donor_type FROM shipments"
    ):
        key = name_key(row["donor"] or "")
        if key:
            spellings, types = found.setdefault(key, (Counter(), Counter()))
            spellings[clean_name(row["donor"])] += 1
            types[row["donor_type"] or ""] += 1
    return found


def _is_organisation(types: Counter[str]) -> bool:
    return all(kind in ORGANISATIONS for kind in types)


def _spelling(spellings: Counter[str]) -> str:
    return min(spellings, key=lambda name: (-spellings[name], name))


def _short(name: str, lang: Lang) -> str:
    """``name`` cut short for a refusal (a name of millions of characters); the reading
    package that knows how is loaded only for a refusal."""
    from ..reading.quoting import shorten

    return shorten(name, lang=lang)


def find_donor(ledger: Ledger, name: str, lang: Lang) -> tuple[str, str, str]:
    """(name key, name as the page prints it, donor type) of the organisation ``name``
    designates, matched like every name in ordis (case, accents, punctuation ignored).
    Unknown: ``UsageError`` (exit 2) naming the closest organisations known; a private
    donor or a donor without a type: ``DonorRefused`` (exit 1)."""
    donors = _donors(ledger)
    key = name_key(name)
    if key not in donors:
        organisations = {
            k: _spelling(spellings)
            for k, (spellings, types) in donors.items()
            if _is_organisation(types)
        }
        close = close_matches(key, organisations, n=CLOSE, cutoff=0.5)
        close += [k for k in sorted(organisations) if key and key in k and k not in close]

        def quoted(keys: list[str]) -> str:
            names = [organisations[k] for k in keys[:CLOSE]]
            names = [_short(n, lang) for n in names]
            return ", ".join(f"« {n} »" if lang == "fr" else f"“{n}”" for n in names)

        if close:
            one = len(close[:CLOSE]) == 1
            known = say(
                "term-donor-close" if one else "term-donors-close", lang, names=quoted(close)
            )
        elif organisations:
            everyone = sorted(organisations, key=lambda k: organisations[k])
            known = say("term-donors-some", lang, count=len(everyone), names=quoted(everyone))
        else:
            known = say("term-no-donor-known", lang)
        value = _short(name, lang)
        raise UsageError("unknown-donor", say("unknown-donor", lang, value=value, known=known))
    spellings, types = donors[key]
    if not _is_organisation(types):
        shown = _short(name, lang)
        raise DonorRefused("private-donor-page", say("private-donor-page", lang, value=shown))
    kind = min(types, key=lambda t: (-types[t], t))
    return key, _spelling(spellings), kind


def donor_figures(ledger: Ledger, name: str, as_of: dt.date, lang: Lang) -> DonorFigures:
    key, shown, kind = find_donor(ledger, name, lang)
    mine, _ = compute(ledger, as_of, key)
    everyone, _ = compute(ledger, as_of)
    given = dict.fromkeys(mine.delivered, 0)  # the four device types, in their order
    for lot in ledger.table("SELECT donor, device, quantity FROM lots WHERE quantity > 0"):
        if name_key(lot["donor"]) == key and lot["device"] in given:
            given[lot["device"]] += int(lot["quantity"])

    def share(part: dict[str, int], whole: dict[str, int]) -> float:
        total = sum(whole.values())
        return round(sum(part.values()) / total, 4) if total else 0.0

    return DonorFigures(
        as_of=as_of,
        donor=shown,
        donor_type=kind,
        given=given,
        dispatched=mine.dispatched,
        delivered=mine.delivered,
        lost=mine.lost,
        structures_equipped=mine.structures_equipped,
        by_region=mine.by_region,
        weekly=mine.weekly,
        share_delivered=share(mine.delivered, everyone.delivered),
        share_dispatched=share(mine.dispatched, everyone.dispatched),
        financial_eur=mine.financial_eur,
    )


def context(figures: DonorFigures, lang: Lang) -> dict[str, Any]:
    """What the donor's templates show."""
    words = WORDS[lang]
    delivered = sum(figures.delivered.values())
    dispatched = sum(figures.dispatched.values())
    in_transit = dispatched - delivered - sum(figures.lost.values())
    regions = sorted(
        (
            (
                name,
                sum(row.dispatched.values()),
                sum(row.delivered.values()),
                row.structures_equipped,
            )
            for name, row in figures.by_region.items()
        ),
        key=lambda item: (-item[2], -item[1], item[0]),
    )
    percent = figures.share_delivered if delivered else figures.share_dispatched
    share = f"{percent * 100:.1f}".replace(".", "," if lang == "fr" else ".")
    share = share.removesuffix(",0").removesuffix(".0")
    views = regions_map.views(
        {name: float(units if delivered else sent) for name, sent, units, _ in regions},
        {},
        bool(delivered),
        words,
        lang,
    )
    labels = {device: words[device] for device in figures.delivered}
    key = "donor_headline" if delivered else "donor_headline_dispatched"
    if not dispatched:
        key = "donor_headline_none"
    return {
        "donor_page": True,
        "lang": lang,
        "t": words,
        "f": figures,
        "n": lambda value: press_number(value, lang),
        "week_label": lambda week: week_label(week, lang),
        "devices": list(figures.delivered),
        "labels": labels,
        "as_of_text": words["as_of"].format(date=press.date_text(figures.as_of, lang)),
        "headline": words[key].format(
            donor=figures.donor,
            units=press.devices(delivered if delivered else dispatched, lang),
            verb=press.word(delivered, words["donor_verb"], lang),
            way=press.word(dispatched, words["donor_way"], lang),
        ),
        "title": words["donor_title"].format(donor=figures.donor),
        "footer": words["donor_footer"].format(donor=figures.donor),
        "delivered": delivered,
        "dispatched": dispatched,
        "in_transit": in_transit,
        "given": sum(figures.given.values()),
        "share": say("term-percent", lang, value=share),
        "share_words": words["donor_share" if delivered else "donor_share_dispatched"],
        "kpi": {
            "delivered": press.word(delivered, words["kpi_delivered"], lang),
            "in_transit": press.word(in_transit, words["kpi_in_transit"], lang),
            "structures": press.word(figures.structures_equipped, words["kpi_structures"], lang),
            "given": press.word(sum(figures.given.values()), words["donor_given"], lang),
        },
        "structures": figures.structures_equipped
        if isinstance(figures.structures_equipped, str)
        else press_number(figures.structures_equipped, lang),
        "money": money(figures.financial_eur, lang),
        "regions": regions,
        "maps": [{**view, "svg": Markup(view["svg"])} for view in views],
        "chart_weekly": Markup(
            charts.cumulative_curve(
                [(week_label(w.week, lang), w.cumulative) for w in figures.weekly],
                words["chart_weekly"],
                lang,
            )
        ),
        "chart_types": type_chart(figures.delivered, figures.dispatched, labels, words, lang),
    }
