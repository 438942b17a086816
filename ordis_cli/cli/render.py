"""Rendering a validation report for a person: a rich table per file and a summary."""

from __future__ import annotations

from typing import Any

from rich import box
from rich.console import Console
from rich.table import Table
from rich.text import Text

from ..messages import Lang
from ..messages.counting import counted, number
from ..models import FileReport, Problem, Severity, ValidationReport
from ..reading.quoting import shorten

SHOWN_PER_FILE = 200
# A message is laid out in a table whose cost grows faster than its length: cut it.
MESSAGE_CHARS = 2000
SHOWN_PLACES = 6

_WORDS: dict[str, dict[object, Any]] = {
    "fr": {
        "cell": "Cellule(s)",
        "severity": "Gravité",
        "message": "Message",
        Severity.ERROR: "erreur",
        Severity.WARNING: "avert.",
        "rows": ("ligne", "lignes"),
        "errors": ("erreur", "erreurs"),
        "warnings": ("avertissement", "avertissements"),
        "files": ("fichier", "fichiers"),
        "valid": ("fichier valide", "fichiers valides"),
        "where": ", feuille « {sheet} »",
        "colon": " :",
        "unknown": "type inconnu",
        "unreadable": "illisible",
        "more": "… et {n} de plus : voir --format json ou --annotate.",
        "ok": "Aucun problème.",
        "summary_ok": "✔ {files}",
        "summary_bad": "✘ {bad} sur {files} avec des erreurs",
    },
    "en": {
        "cell": "Cell(s)",
        "severity": "Severity",
        "message": "Message",
        Severity.ERROR: "error",
        Severity.WARNING: "warning",
        "rows": ("row", "rows"),
        "errors": ("error", "errors"),
        "warnings": ("warning", "warnings"),
        "files": ("file", "files"),
        "valid": ("valid file", "valid files"),
        "where": ", sheet “{sheet}”",
        "colon": ":",
        "unknown": "unknown kind",
        "unreadable": "unreadable",
        "more": "… and {n} more: see --format json or --annotate.",
        "ok": "No problem found.",
        "summary_ok": "✔ {files}",
        "summary_bad": "✘ {bad} of {files} with errors",
    },
}


def _file_heading(report: FileReport, lang: Lang) -> Text:
    words = _WORDS[lang]
    style = "bold red" if report.errors else ("bold yellow" if report.warnings else "bold green")
    heading = Text(report.path, style="bold")
    if not report.readable:
        heading.append(f" — {words['unreadable']}", style="bold red")
        return heading
    kind = report.kind.value if report.kind else words["unknown"]
    where = words["where"].format(sheet=report.sheet) if report.sheet else ""
    heading.append(f" — {kind}{where}, {_counted(report.rows, 'rows', lang)}{words['colon']} ")
    heading.append(_totals(report.errors, report.warnings, lang), style=style)
    return heading


def render_report(report: ValidationReport, console: Console, lang: Lang, quiet: bool) -> None:
    words = _WORDS[lang]
    for file_report in report.files:
        if quiet:
            continue
        console.print(_file_heading(file_report, lang))
        if not file_report.issues:
            console.print(f"  {words['ok']}", style="green")
            continue
        if not file_report.readable:
            for problem in file_report.issues:
                # a Text, never markup: a path or a value may hold "[" (e.g. "[red]")
                console.print(Text(f"  {problem.message}", style="red"), highlight=False)
            continue
        console.print(_problem_table(file_report, lang))
    console.print(summary_line(report, lang))


def _grouped(report: FileReport) -> list[tuple[Problem, list[Problem]]]:
    """Identical problems (same code, column and message) on several rows become one line."""
    groups: dict[tuple[str, str | None, str], list[Problem]] = {}
    for problem in report.issues:
        groups.setdefault((problem.code, problem.column, problem.message), []).append(problem)
    return [(found[0], found) for found in groups.values()]


def _places(found: list[Problem]) -> str:
    places = [p.cell or (str(p.row) if p.row else "") for p in found]
    places = [p for p in places if p]
    shown = ", ".join(places[:SHOWN_PLACES])
    if len(places) > SHOWN_PLACES:
        shown += f" (+{len(places) - SHOWN_PLACES})"
    return shown


def _problem_table(report: FileReport, lang: Lang) -> Table:
    words = _WORDS[lang]
    table = Table(show_lines=False, pad_edge=False, box=box.SIMPLE_HEAD, expand=False)
    table.add_column(words["cell"], overflow="fold", max_width=24)
    table.add_column(words["severity"], no_wrap=True)
    table.add_column(words["message"], overflow="fold", ratio=1)
    groups = _grouped(report)
    for first, found in groups[:SHOWN_PER_FILE]:
        color = "red" if first.severity is Severity.ERROR else "yellow"
        table.add_row(Text(_places(found)), Text(words[first.severity], style=color),
                      Text(shorten(first.message, MESSAGE_CHARS, lang)))
    hidden = len(groups) - SHOWN_PER_FILE
    if hidden > 0:
        table.caption = words["more"].format(n=number(hidden, lang))
    return table


def summary_line(report: ValidationReport, lang: Lang) -> Text:
    words = _WORDS[lang]
    errors = sum(f.errors for f in report.files)
    warnings = sum(f.warnings for f in report.files)
    bad = sum(1 for f in report.files if f.errors)
    if bad:
        head = Text(words["summary_bad"].format(
            bad=number(bad, lang), files=_counted(len(report.files), "files", lang)), "bold red")
    else:
        head = Text(words["summary_ok"].format(files=_counted(len(report.files), "valid", lang)),
                    "bold green")
    head.append(" — " + _totals(errors, warnings, lang))
    return head


def _counted(count: int, word: str, lang: Lang) -> str:
    return counted(count, lang, _WORDS["fr"][word], _WORDS["en"][word])


def _totals(errors: int, warnings: int, lang: Lang) -> str:
    return f"{_counted(errors, 'errors', lang)}, {_counted(warnings, 'warnings', lang)}"
