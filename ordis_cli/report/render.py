"""Rendering the report: the values the templates see (``context``) and the jinja2
environments over ``templates/`` (Markdown report and press-release draft, one self-contained
HTML page with inline SVG charts). The entry points of ``ordis report`` are in
``actions/report.py``.
"""

from __future__ import annotations

import datetime as dt
import os
import sys
from functools import cache
from pathlib import Path
from typing import Any

import jinja2
from markupsafe import Markup

from ..errors import UsageError
from ..messages import Lang, default_lang, say
from ..models import DEVICE_TYPES
from . import charts, press, regions_map
from .escape import md
from .figures import (
    PRIVATE_SHIPPER,
    Details,
    Figures,
    press_number,
)
from .words import MONTHS_EN, WORDS

FORMATS = ("md", "html", "xlsx", "json")


def templates_folder() -> Path:
    """``ORDIS_TEMPLATES``, else the repository's ``templates/``, else the installed copy."""
    candidates = [Path(os.environ["ORDIS_TEMPLATES"])] if "ORDIS_TEMPLATES" in os.environ else []
    candidates += [
        Path(__file__).resolve().parents[2] / "templates",
        Path(sys.prefix) / "share" / "ordis" / "templates",
    ]
    for folder in candidates:
        if (folder / "rapport.html.j2").exists():
            return folder
    raise UsageError("no-templates", say("no-templates", default_lang()))


def week_label(week: str, lang: Lang) -> str:
    """``2020-W17`` as a reader sees it: "S17 (20/04)" / "W17 (20/04)", its Monday's date."""
    monday = dt.date.fromisocalendar(int(week[:4]), int(week[6:]), 1)
    day = f"{monday:%d/%m}" if lang == "fr" else f"{monday.day} {MONTHS_EN[monday.month - 1][:3]}"
    return f"{say('term-week-letter', lang)}{week[6:]} ({day})"


def money(value: float, lang: Lang) -> str:
    whole = press_number(round(value), lang)
    return say("term-money", lang, amount=whole)


def type_chart(
    delivered: dict[str, int],
    dispatched: dict[str, int],
    labels: dict[str, str],
    words: dict[str, str],
    lang: Lang,
) -> Markup:
    """Dispatched and delivered, type by type: the chart of the operation's and a donor's
    page."""
    return Markup(
        charts.type_columns(
            delivered,
            dispatched,
            labels,
            words["chart_types"],
            (words["legend_dispatched"], words["legend_delivered"]),
            lang,
        )
    )


def context(
    figures: Figures, details: Details, lang: Lang, coordination: Any = None
) -> dict[str, Any]:
    """Everything the templates show, computed once; ``coordination`` is the policy's
    ``[coordination]`` (``nom``, ``email``, ``telephone``, ``ville``), or None."""
    words = WORDS[lang]
    devices = [d.value for d in DEVICE_TYPES]
    labels = {d: words[d] for d in devices}
    total_delivered = sum(figures.delivered.values())
    total_dispatched = sum(figures.dispatched.values())
    in_transit = total_dispatched - total_delivered - sum(figures.lost.values())
    structures = (
        figures.structures_equipped
        if isinstance(figures.structures_equipped, str)
        else press_number(figures.structures_equipped, lang)
    )
    regions = [
        (
            name,
            {
                "dispatched_total": sum(row.dispatched.values()),
                "delivered_total": sum(row.delivered.values()),
                "structures": row.structures_equipped,
            },
        )
        for name, row in sorted(
            figures.by_region.items(),
            key=lambda item: (
                -sum(item[1].delivered.values()),
                -sum(item[1].dispatched.values()),
                item[0],
            ),
        )
    ]
    coverage = say("term-percent", lang, value=f"{figures.coverage * 100:.0f}")
    return {
        "donor_page": False,
        "lang": lang,
        "t": words,
        "figures": figures,
        "details": details,
        "devices": devices,
        "labels": labels,
        "n": lambda value: press_number(value, lang),
        "units_text": lambda value: press.devices(value, lang),
        "count_text": lambda value, forms: press.counted_forms(value, forms, lang),
        "week_label": lambda week: week_label(week, lang),
        "colon": " : " if lang == "fr" else ": ",
        # the words after each key figure, agreeing with it ("1 structure équipée")
        "kpi": {
            "delivered": press.word(total_delivered, words["kpi_delivered"], lang),
            "in_transit": press.word(in_transit, words["kpi_in_transit"], lang),
            "structures": press.word(figures.structures_equipped, words["kpi_structures"], lang),
            "boxes": press.word(figures.delivered["box_4g"], words["kpi_boxes"], lang),
        },
        "as_of_text": words["as_of"].format(date=press.date_text(figures.as_of, lang)),
        "headline": press.team_headline(figures, lang),
        "headline_sentence": press.headline(figures, lang),
        "press": _press(figures, details, lang, coordination),
        "total_delivered": total_delivered,
        "total_dispatched": total_dispatched,
        "in_transit": in_transit,
        "structures_equipped": structures,
        "coverage": coverage,
        "money": money(figures.financial_eur, lang),
        "money_value": figures.financial_eur,
        "regions": regions,
        "partners": sorted(
            (
                (words["private_shipper"] if p == PRIVATE_SHIPPER else p, sum(c.values()))
                for p, c in details.by_partner.items()
            ),
            key=lambda item: (-item[1], item[0]),
        ),
        # (partner, dispatched, delivered, waiting), in the order of ``partners``
        "partner_progress": sorted(
            (
                (
                    words["private_shipper"] if p == PRIVATE_SHIPPER else p,
                    sum(c.values()),
                    details.partner_progress.get(p, {}).get("delivered", 0),
                    details.partner_progress.get(p, {}).get("pending", 0),
                )
                for p, c in details.by_partner.items()
            ),
            key=lambda item: (-item[1], item[0]),
        ),
        "donor_types": sorted(
            (
                (words.get(f"type_{k}", words["type_inconnu"]), sum(c.values()))
                for k, c in details.by_donor_type.items()
            ),
            key=lambda item: (-item[1], item[0]),
        ),
        "donors": details.donors,
        "chart_weekly": Markup(
            charts.cumulative_curve(
                [(week_label(w.week, lang), w.cumulative) for w in figures.weekly],
                words["chart_weekly"],
                lang,
            )
        ),
        "chart_regions": Markup(
            charts.horizontal_bars(
                # before any delivery, where the devices on their way go
                [
                    (name, int(row["delivered_total" if total_delivered else "dispatched_total"]))
                    for name, row in regions
                ],
                words["chart_regions" if total_delivered else "chart_regions_dispatched"],
                lang=lang,
            )
        ),
        "maps": [
            {**view, "svg": Markup(view["svg"])}
            for view in regions_map.views(
                {
                    name: float(row["delivered_total" if total_delivered else "dispatched_total"])
                    for name, row in regions
                },
                details.per_thousand_children,
                bool(total_delivered),
                words,
                lang,
            )
        ],
        "chart_types": type_chart(figures.delivered, figures.dispatched, labels, words, lang),
    }


def _press(figures: Figures, details: Details, lang: Lang, coordination: Any) -> dict[str, Any]:
    """The pieces of the communiqué (see ``press``)."""
    delivered = sum(figures.delivered.values())
    dispatched = sum(figures.dispatched.values())
    key = "delivered" if delivered else "dispatched"
    in_transit = dispatched - delivered - sum(figures.lost.values())
    return {
        "dateline": press.dateline(figures.as_of, getattr(coordination, "ville", None), lang),
        "delivered": press.devices(delivered, lang),
        "delivered_plural": press.plural(delivered, lang),
        "dispatched": press.devices(dispatched, lang),
        "in_transit": press.devices(in_transit, lang),
        "in_transit_plural": press.plural(in_transit, lang),
        "in_transit_units": in_transit,
        "structures": press.structures(figures.structures_equipped, lang),
        "structures_plural": press.plural(figures.structures_equipped, lang),
        "delivered_by_device": press.by_device(figures.delivered, lang),
        "dispatched_by_device": press.by_device(figures.dispatched, lang),
        "regions": [
            (press.in_region(name, lang), name, press.devices(units, lang), units)
            for name, units in press.top_regions(figures, lang, key)
        ],
        "partners_delivered": press.partner_list(details, "delivered", lang),
        "partners_pending": press.partner_list(details, "pending", lang),
        "donor_kinds": press.donor_kinds(details, lang),
        "private_donors": press.count(
            details.private_donors,
            lang,
            ("particulier", "particuliers"),
            ("private donor", "private donors"),
        ),
        "contact": press.contact(coordination, lang),
    }


def environments() -> dict[str, jinja2.Environment]:
    """One environment per format: HTML escapes every value (autoescape), Markdown escapes
    every value through ``escape.md`` (``finalize``), so no name from the data can add
    markup, a link or a table cell, whatever the template does with it. Made once per
    templates folder in a process: each keeps the templates it compiled (0.19 s of a 0.35 s
    report), and sees a template changed on disk (jinja2's ``auto_reload``)."""
    return _environments(templates_folder())


@cache
def _environments(folder: Path) -> dict[str, jinja2.Environment]:
    common: dict[str, Any] = {
        "loader": jinja2.FileSystemLoader(folder),
        "undefined": jinja2.StrictUndefined,
        "keep_trailing_newline": True,
    }
    return {
        "html": jinja2.Environment(autoescape=True, **common),
        "md": jinja2.Environment(autoescape=False, finalize=md, **common),
    }
