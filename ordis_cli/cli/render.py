"""Rendering a validation report for a person: a rich table per file and a summary."""

from __future__ import annotations

from rich import box
from rich.console import Console
from rich.table import Table
from rich.text import Text

from ..messages import Lang, say
from ..messages.counting import counted_as, number
from ..models import FileReport, Problem, Severity, ValidationReport
from ..reading.quoting import shorten
from .wrapping import Unbroken

SHOWN_PER_FILE = 200
# A message is laid out in a table whose cost grows faster than its length: cut it.
MESSAGE_CHARS = 2000
SHOWN_PLACES = 6

_SEVERITY = {Severity.ERROR: "term-report-error", Severity.WARNING: "term-report-warning"}


def _file_heading(report: FileReport, lang: Lang) -> Text:
    style = "bold red" if report.errors else ("bold yellow" if report.warnings else "bold green")
    heading = Text(report.path, style="bold")
    if not report.readable:
        heading.append(f" — {say('term-report-unreadable', lang)}", style="bold red")
        return heading
    kind = (
        say(f"word-kind-{report.kind.value}", lang)
        if report.kind
        else say("term-report-unknown", lang)
    )
    where = say("term-report-where", lang, sheet=report.sheet) if report.sheet else ""
    rows = counted_as(report.rows, lang, "term-count-rows")
    heading.append(f" — {kind}{where}, {rows}{say('term-report-colon', lang)} ")
    heading.append(_totals(report.errors, report.warnings, lang), style=style)
    return heading


def render_report(
    report: ValidationReport,
    console: Console,
    lang: Lang,
    quiet: bool,
    details: bool = False,
    totals: bool = True,
    more_hint: str = "rows-details-hint",
) -> None:
    """Each file's heading and its problems grouped in a table (``more_hint``: the
    catalogue's note on where the cells a group does not show are listed); ``totals``: then
    the line counting files, errors and warnings."""
    for file_report in report.files:
        if quiet:
            continue
        console.print(_file_heading(file_report, lang))
        if not file_report.issues:
            console.print(f"  {say('term-report-ok', lang)}", style="green")
            continue
        if not file_report.readable:
            for problem in file_report.issues:
                # a Text, never markup: a path or a value may hold "[" (e.g. "[red]")
                console.print(Text(f"  {problem.message}", style="red"), highlight=False)
            continue
        console.print(_problem_table(file_report, lang, details, more_hint))
    if totals:
        console.print(summary_line(report, lang))


def _grouped(report: FileReport) -> list[tuple[Problem, list[Problem]]]:
    """Identical problems (same code, column and message) on several rows become one line."""
    groups: dict[tuple[str, str | None, str], list[Problem]] = {}
    for problem in report.issues:
        groups.setdefault((problem.code, problem.column, problem.message), []).append(problem)
    return [(found[0], found) for found in groups.values()]


def _places(found: list[Problem], lang: Lang, details: bool = False) -> str:
    """The cells of a group ("ligne 295" where a problem concerns a whole row): the first
    few and "(+n)", or all of them with ``--details``."""
    places = [p.cell or (say("rows-one", lang, rows=p.row) if p.row else "") for p in found]
    places = [p for p in places if p]
    shown = ", ".join(places if details else places[:SHOWN_PLACES])
    if len(places) > SHOWN_PLACES and not details:
        shown += f" (+{len(places) - SHOWN_PLACES})"
    return shown


def _problem_table(
    report: FileReport, lang: Lang, details: bool = False, more_hint: str = "rows-details-hint"
) -> Table:
    cell, severity, message = say("term-report-heads", lang).split("|")
    table = Table(show_lines=False, pad_edge=False, box=box.SIMPLE_HEAD, expand=False)
    table.add_column(cell, overflow="fold", max_width=24)
    table.add_column(severity, no_wrap=True)
    table.add_column(message, overflow="fold", ratio=1)
    groups = _grouped(report)
    cut = not details and any(len(found) > SHOWN_PLACES for _, found in groups)
    for first, found in groups[:SHOWN_PER_FILE]:
        color = "red" if first.severity is Severity.ERROR else "yellow"
        table.add_row(
            Text(_places(found, lang, details)),
            Text(say(_SEVERITY[first.severity], lang), style=color),
            Unbroken(shorten(first.message, MESSAGE_CHARS, lang)),
        )
    hidden = len(groups) - SHOWN_PER_FILE
    captions = [say("term-report-more", lang, n=number(hidden, lang))] if hidden > 0 else []
    if cut:  # "(+3)": say where the other cells are listed
        captions.append(say(more_hint, lang))
    if captions:
        table.caption, table.caption_justify = " ".join(captions), "left"
    return table


def summary_line(report: ValidationReport, lang: Lang) -> Text:
    errors = sum(f.errors for f in report.files)
    warnings = sum(f.warnings for f in report.files)
    bad = sum(1 for f in report.files if f.errors)
    if bad:
        files = counted_as(len(report.files), lang, "term-count-files")
        head = Text(say("term-report-bad", lang, bad=number(bad, lang), files=files), "bold red")
    else:
        valid = counted_as(len(report.files), lang, "term-count-valid")
        head = Text(say("term-report-all-valid", lang, files=valid), "bold green")
    head.append(" — " + _totals(errors, warnings, lang))
    return head


def _totals(errors: int, warnings: int, lang: Lang) -> str:
    return (
        f"{counted_as(errors, lang, 'term-count-errors')}, "
        f"{counted_as(warnings, lang, 'term-count-warnings')}"
    )
