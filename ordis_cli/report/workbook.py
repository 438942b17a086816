"""The report as a workbook: the figures in tables, with native Excel charts."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import xlsxwriter

from ..names import drop_invisible
from ..xlsx_safety import clean_text

# Sheet names: French, or English with --lang en
SHEETS = {
    "chiffres": ("chiffres", "figures"),
    "regions": ("regions", "regions"),
    "semaines": ("semaines", "weeks"),
    "partenaires": ("partenaires", "partners"),
    "donateurs": ("donateurs", "donors"),
}


def write_workbook(path: Path, values: dict[str, Any]) -> None:
    words, figures = values["t"], values["figures"]
    named = {key: pair[values["lang"] == "en"] for key, pair in SHEETS.items()}
    book = xlsxwriter.Workbook(str(path), {"strings_to_formulas": False, "strings_to_urls": False})
    book.set_properties({"title": words["title"], "author": "", "company": ""})
    bold = book.add_format({"bold": True, "bg_color": "#DDEBF7", "border": 1})
    title = book.add_format({"bold": True, "font_size": 14})
    french = values["lang"] == "fr"
    count = book.add_format({"num_format": "#,##0"})
    share = book.add_format({"num_format": "0 %" if french else "0%"})
    money = book.add_format({"num_format": '#,##0 "€"' if french else '"€"#,##0'})
    masked = book.add_format({"align": "right"})  # "< 3" among numbers, aligned with them

    def table(sheet: Any, row: int, headers: list[str], rows: list[list[Any]]) -> None:
        sheet.write_row(row, 0, headers, bold)
        for number, line in enumerate(rows, start=row + 1):
            for column, value in enumerate(line):
                if isinstance(value, str):
                    text = clean_text(drop_invisible(value))
                    sheet.write_string(number, column, text, masked if column else None)
                elif isinstance(value, tuple):  # (number, its format)
                    sheet.write_number(number, column, value[0], value[1])
                else:
                    sheet.write_number(number, column, value, count)

    def one_series_chart(kind: str, sheet: str, rows: int, name: str, **series: Any) -> Any:
        """A chart, with no legend, of a table's third column against its first."""
        chart = book.add_chart({"type": kind})
        chart.add_series(
            {
                "name": name,
                "categories": [sheet, 1, 0, rows, 0],
                "values": [sheet, 1, 2, rows, 2],
                **series,
            }
        )
        chart.set_legend({"none": True})
        return chart

    summary = book.add_worksheet(named["chiffres"])
    summary.set_column(0, 0, 30)
    summary.set_column(1, 3, 14)
    summary.write_string(0, 0, values["headline"], title)
    summary.write_string(1, 0, values["as_of_text"])
    devices = values["devices"]
    table(
        summary,
        3,
        [words["device"], words["dispatched"], words["delivered"]],
        [[values["labels"][d], figures.dispatched[d], figures.delivered[d]] for d in devices],
    )
    equipped = figures.structures_equipped  # "< 3" stays text: it is not a number
    facts = [
        [words["kpi_delivered"].split("|")[1], values["total_delivered"]],
        [words["structures_equipped"], equipped],
        [words["coverage"], (figures.coverage, share)],
        [words["kpi_boxes"].split("|")[1], figures.delivered["box_4g"]],
        [words["financial"], (figures.financial_eur, money)],
    ]
    facts = [[label[0].upper() + label[1:], value] for label, value in facts]
    table(summary, 10, [words["key_figures"], ""], facts)
    chart = book.add_chart({"type": "column"})
    for column, name in ((1, words["dispatched"]), (2, words["delivered"])):
        chart.add_series(
            {
                "name": name,
                "categories": [named["chiffres"], 4, 0, 7, 0],
                "values": [named["chiffres"], 4, column, 7, column],
            }
        )
    chart.set_title({"name": words["chart_types"]})
    summary.insert_chart("E3", chart)

    regions = book.add_worksheet(named["regions"])
    regions.set_column(0, 0, 30)
    regions.set_column(1, 2, 12)
    regions.set_column(3, 3, 22)
    rows = [
        [name, row["dispatched_total"], row["delivered_total"], row["structures"]]
        for name, row in values["regions"]
    ]
    table(
        regions,
        0,
        [words["region"], words["dispatched"], words["delivered"], words["structures"]],
        rows,
    )
    if rows:
        bars = one_series_chart("bar", named["regions"], len(rows), words["delivered"])
        bars.set_title({"name": words["chart_regions"]})
        bars.set_y_axis({"reverse": True})  # the first région on top, as in the table
        # no wider than the table: the page, fitted to A4, prints at 8 pt or more (at 640
        # pixels it printed at 7.4 pt)
        bars.set_size({"width": 440, "height": 440})
        regions.insert_chart("F2", bars)

    weeks = book.add_worksheet(named["semaines"])
    weeks.set_column(0, 2, 13)
    label = values["week_label"]
    weekly = [[label(w.week), w.delivered, w.cumulative] for w in figures.weekly]
    table(weeks, 0, [words["week"], words["delivered"], words["cumulative"]], weekly)
    if weekly:
        line = one_series_chart(
            "line", named["semaines"], len(weekly), words["cumulative"], marker={"type": "circle"}
        )
        line.set_title({"name": words["chart_weekly"]})
        weeks.insert_chart("E2", line)

    partners = book.add_worksheet(named["partenaires"])
    partners.set_column(0, 0, 34)
    partners.set_column(1, 3, 12)
    table(
        partners,
        0,
        [words["partner"], words["dispatched"], words["delivered"], words["pending"]],
        [list(row) for row in values["partner_progress"]],
    )
    donors = book.add_worksheet(named["donateurs"])
    donors.set_column(0, 0, 40)
    thanks: list[list[Any]] = [[name, units] for name, units in values["donors"]]
    details, counted = values["details"], values["count_text"]
    if details.private_donors:
        thanks.append(
            [counted(details.private_donors, words["private_donors"]), details.private_units]
        )
    if details.unnamed_donors:
        thanks.append(
            [counted(details.unnamed_donors, words["unnamed_donors"]), details.unnamed_units]
        )
    table(donors, 0, [words["thanks"], words["dispatched"]], thanks)
    for sheet in book.worksheets():  # each sheet, its chart whole, on one printed page
        sheet.set_landscape()
        sheet.set_paper(9)  # A4
        if sheet.name in (named["chiffres"], named["regions"], named["semaines"]):
            sheet.fit_to_pages(1, 1)
        else:
            sheet.fit_to_pages(1, 0)
    book.close()
