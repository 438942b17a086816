"""Rendering the report: the values the templates see (``context``) and the jinja2
environments over ``templates/`` (Markdown report and press-release draft, one self-contained
HTML page with inline SVG charts). The entry points of ``ordis report`` are in
``actions/report.py``.
"""

from __future__ import annotations

import datetime as dt
import os
import sys
from pathlib import Path
from typing import Any

import jinja2
from markupsafe import Markup

from ..errors import UsageError
from ..messages import Lang, default_lang, say
from ..models import DEVICE_TYPES
from . import charts
from .escape import md
from .figures import (
    PRIVATE_SHIPPER,
    Details,
    Figures,
    press_number,
    press_round,
)
from .words import MONTHS_FR, WORDS

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


def _date_text(day: dt.date, lang: Lang) -> str:
    if lang == "fr":
        return f"{day.day}{'er' if day.day == 1 else ''} {MONTHS_FR[day.month - 1]} {day.year}"
    return day.strftime("%d %B %Y").lstrip("0")


def _money(value: float, lang: Lang) -> str:
    whole = press_number(round(value), lang)
    return say("term-money", lang, amount=whole)


def context(figures: Figures, details: Details, lang: Lang) -> dict[str, Any]:
    """Everything the templates show, computed once."""
    words = WORDS[lang]
    devices = [d.value for d in DEVICE_TYPES]
    labels = {d: words[d] for d in devices}
    total_delivered = sum(figures.delivered.values())
    total_dispatched = sum(figures.dispatched.values())
    computers = sum(figures.delivered[d] for d in ("portable", "fixe"))
    structures = (
        figures.structures_equipped
        if isinstance(figures.structures_equipped, str)
        else press_number(figures.structures_equipped, lang)
    )
    # the headline counts computers; with none delivered yet, every device
    rounded = press_round(computers or total_delivered, lang)
    sentence = words["sentence"] if computers else words["sentence_devices"]
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
            figures.by_region.items(), key=lambda item: -sum(item[1].delivered.values())
        )
    ]
    top = [name for name, row in regions[:3] if row["delivered_total"]]
    joiner = say("term-and", lang)
    coverage = say("term-percent", lang, value=f"{figures.coverage * 100:.0f}")
    return {
        "lang": lang,
        "t": words,
        "figures": figures,
        "details": details,
        "devices": devices,
        "labels": labels,
        "n": lambda value: press_number(value, lang),
        "as_of_text": words["as_of"].format(date=_date_text(figures.as_of, lang)),
        "headline": words["headline"].format(
            delivered=press_number(total_delivered, lang), structures=structures
        ),
        "headline_sentence": sentence.format(rounded=rounded[0].upper() + rounded[1:]),
        "total_delivered": total_delivered,
        "total_dispatched": total_dispatched,
        "structures_equipped": structures,
        "coverage": coverage,
        "money": _money(figures.financial_eur, lang),
        "money_value": figures.financial_eur,
        "regions": regions,
        "top_regions": (", ".join(top[:-1]) + joiner + top[-1]) if len(top) > 1 else "".join(top),
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
                (words.get(f"type_{k}", k), sum(c.values()))
                for k, c in details.by_donor_type.items()
            ),
            key=lambda item: (-item[1], item[0]),
        ),
        "donors": details.donors,
        "chart_weekly": Markup(
            charts.cumulative_curve(
                [(w.week, w.cumulative) for w in figures.weekly],
                words["chart_weekly"],
                say("term-week-letter", lang),
                lang,
            )
        ),
        "chart_regions": Markup(
            charts.horizontal_bars(
                [(name, int(row["delivered_total"])) for name, row in regions],
                words["chart_regions"],
                lang=lang,
            )
        ),
        "chart_types": Markup(
            charts.type_columns(
                figures.delivered,
                figures.dispatched,
                labels,
                words["chart_types"],
                (words["legend_dispatched"], words["legend_delivered"]),
                lang,
            )
        ),
    }


def environments() -> dict[str, jinja2.Environment]:
    """One environment per format: HTML escapes every value (autoescape), Markdown escapes
    every value through ``escape.md`` (``finalize``), so no name from the data can add
    markup, a link or a table cell, whatever the template does with it."""
    common: dict[str, Any] = {
        "loader": jinja2.FileSystemLoader(templates_folder()),
        "undefined": jinja2.StrictUndefined,
        "keep_trailing_newline": True,
    }
    return {
        "html": jinja2.Environment(autoescape=True, **common),
        "md": jinja2.Environment(autoescape=False, finalize=md, **common),
    }
