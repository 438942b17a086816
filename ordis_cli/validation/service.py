"""``validate_files``: the library entry point behind ``ordis validate``."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Iterable
from pathlib import Path

from pydantic import BaseModel, ConfigDict, Field

from ..column_mapping import ColumnMapping
from ..errors import ReadingError
from ..gc_pause import paused_gc
from ..messages import Lang, say
from ..messages.counting import number
from ..models import FileReport, Kind, Problem, Severity, ValidationReport
from ..reading import Table, contained, open_table
from ..reading.delimited import warm_up
from ..reading.layout import MergeIndex, SheetLayout
from ..reading.table import HeaderCell
from ..schema import QUANTITY_COLUMNS, aliases_text, quantity_guess, required
from ..textnorm import column_index
from .across_files import check_across_files
from .base import EXTRA, KindValidator
from .columns import Block
from .deliveries import DeliveriesValidator
from .donations import DonationsValidator
from .kinds import kind_mismatch, mapped_absent
from .needs import NeedsValidator
from .partners import PartnersValidator
from .reporter import Reporter
from .unnamed import UnnamedColumns

VALIDATORS: dict[Kind, type[KindValidator]] = {
    Kind.NEEDS: NeedsValidator,
    Kind.DONATIONS: DonationsValidator,
    Kind.PARTNERS: PartnersValidator,
    Kind.DELIVERIES: DeliveriesValidator,
}


# columns whose second copy would silently drop requests, units or deliveries
_QUANTITY_FIELDS = frozenset((*QUANTITY_COLUMNS, "quantite", "quantite_livree", "montant_eur"))


class ValidationOptions(BaseModel):
    """How to validate: language, strictness, forced kind or sheet, today's date, the
    user's own headers (``columns``, from ``--columns FILE.toml``: ``load_mapping`` or
    ``ColumnMapping.from_dict``) and the command at hand (``validate``, ``allocate``,
    ``deliveries``: a file of the wrong kind is told how to give it to that command)."""

    model_config = ConfigDict(frozen=True, arbitrary_types_allowed=True)

    lang: Lang = "fr"
    strict: bool = False
    kind: Kind | None = None
    sheet: str | None = None
    today: dt.date = Field(default_factory=dt.date.today)
    block_rows: int = 50_000
    keep_data: bool = False  # keep the clean columns (see ``validate_inputs``)
    columns: ColumnMapping | None = None
    command: str = "validate"


Progress = Callable[[str, int], None]
Validated = tuple[FileReport, KindValidator | None]


def validate_inputs(
    files: Iterable[tuple[Path, Kind | None]],
    options: ValidationOptions,
    progress: Progress | None = None,
    on_file: Callable[[int, FileReport, KindValidator], None] | None = None,
) -> tuple[ValidationReport, list[KindValidator | None]]:
    """Validate each file as the kind given with it (None: detected), then the rules across
    files; return the report and, per file, its validator (None when unreadable), whose
    ``kept`` columns hold the clean data when ``options.keep_data``.

    ``on_file(index, report, validator)`` is called for each file read, as soon as it is,
    while the next one is read: with the report of that file alone, before the rules across
    files and ``strict`` (for files of a kind that has none: returned deliveries)."""
    files = list(files)
    if contained.available():
        warm_up([Path(p) for p, _ in files])
    with paused_gc():
        results = _validate_each(
            [(Path(p), options.model_copy(update={"kind": kind})) for p, kind in files],
            progress,
            on_file,
        )
    check_across_files(results)
    reports = [report for report, _ in results]
    if options.strict:
        for report in reports:
            report.issues = [
                p.model_copy(update={"severity": Severity.ERROR}) for p in report.issues
            ]
            report.recount()
    ok = all(f.errors == 0 for f in reports)
    return ValidationReport(ok=ok, files=reports), [validator for _, validator in results]


def _unreadable(path: Path, error: ReadingError) -> FileReport:
    problem = Problem(
        code=error.code, severity=Severity.ERROR, file=str(path), message=error.message
    )
    report = FileReport(path=str(path), readable=False)
    report.add([problem])
    return report


def _validate_each(
    files: list[tuple[Path, ValidationOptions]],
    progress: Progress | None,
    on_file: Callable[[int, FileReport, KindValidator], None] | None = None,
) -> list[tuple[FileReport, KindValidator | None]]:
    """Read and validate the files in a contained child (``reading.contained``: one for them
    all unless a parser fails): an abort, an exhaustion or a hang of the parser makes that
    file unreadable, not ordis."""

    def work(path: Path, options: ValidationOptions) -> contained.Work[Validated]:
        return lambda report_progress: _read_and_validate(path, options, report_progress)

    works = [work(path, options) for path, options in files]
    paths = [str(path) for path, _ in files]
    lang = files[0][1].lang if files else "fr"

    def done(index: int, outcome: Validated) -> None:
        report, validator = outcome
        if on_file is not None and validator is not None:
            on_file(index, report, validator)

    return [
        (_unreadable(Path(path), outcome), None) if isinstance(outcome, ReadingError) else outcome
        for path, outcome in zip(
            paths, contained.validate_contained(works, paths, lang, progress, done), strict=True
        )
    ]


def _read_and_validate(
    path: Path, options: ValidationOptions, progress: Progress | None
) -> tuple[FileReport, KindValidator | None]:
    try:
        table = open_table(path, options.lang, options.kind, options.sheet, options.columns)
    except ReadingError as error:
        return _unreadable(path, error), None
    report = FileReport(path=str(path), kind=table.kind, sheet=table.sheet)
    reporter = Reporter(str(path), table.sheet, table.columns(), options.lang)
    try:
        validator = _validate_table(table, reporter, report, options, progress)
    except ReadingError as error:
        failed = _unreadable(path, error)
        failed.kind, failed.sheet = table.kind, table.sheet
        return failed, None
    report.add(_with_merge_hints(reporter.problems, table.layout, options.lang))
    if (
        options.command == "deliveries"
        and isinstance(validator, DeliveriesValidator)
        and table.sheet is not None  # a workbook, not a CSV
    ):
        validator.take_read_me(path, options.lang)
    return report, validator


def _validate_table(
    table: Table,
    reporter: Reporter,
    report: FileReport,
    options: ValidationOptions,
    progress: Progress | None,
) -> KindValidator | None:
    if table.kind is None or not table.header:
        report.rows = table.count_rows()
        if not kind_mismatch(table, reporter, options):
            reporter.add("unknown-kind", None)
            if table.kind is not None:
                _missing_columns(table, reporter, table.kind)
        return None
    columns = table.columns()
    if not set(required(table.kind)) <= columns.keys() and kind_mismatch(table, reporter, options):
        report.rows = table.count_rows()
        return None
    mapped_absent(table, reporter, options.columns)
    for cell in table.header:
        if cell.text and cell.column is None:
            _unknown_column(table, reporter, cell)
        elif cell.column and columns[cell.column] is not cell:
            # a second column of quantities would be dropped with its requests or units:
            # an error, not a warning (SPEC §2: nothing dropped without a word)
            code = (
                "duplicate-quantity-column"
                if cell.column in _QUANTITY_FIELDS
                else "duplicate-column"
            )
            reporter.add(
                code,
                table.header_row,
                None,
                cell.text,
                letter=cell.letter,
                field=cell.column,
                first=f"{columns[cell.column].letter}{table.header_row}",
            )
    _missing_columns(table, reporter, table.kind)
    validator = VALIDATORS[table.kind](reporter, set(columns), options.today, options.keep_data)
    positions = {name: cell.index for name, cell in columns.items()}
    # cells under unrecognised headers ride along, to tell a totals row by its label
    positions.update(
        (f"{EXTRA}{cell.letter}", cell.index) for cell in table.header if cell.column is None
    )
    layout = table.layout
    hidden: list[int] = []
    unnamed = UnnamedColumns(table.header)
    for numbers, raw in table.blocks(positions, options.block_rows):
        unnamed.look(numbers, raw)
        block = Block(numbers, raw, table.source.text_only)
        report.rows += validator.check(block)
        if layout.hidden:
            hidden += layout.hidden_among(block.rows)
        if progress:
            progress(str(table.path), report.rows)
    if report.rows == 0:
        reporter.add("no-data", table.header_row, None)
    if hidden:
        reporter.add("hidden-rows", None, None, rows=rows_text(hidden, options.lang))
    unnamed.report(reporter)
    validator.finish()
    return validator


def _missing_columns(table: Table, reporter: Reporter, kind: Kind) -> None:
    present = table.columns()
    for name in required(kind):
        if name not in present:
            where = (
                say("rows-header", reporter.lang, row=table.header_row) if table.header_row else ""
            )
            reporter.add(
                "missing-column",
                table.header_row or None,
                name,
                aliases=aliases_text(kind, name),
                where=where,
            )
    if kind is Kind.NEEDS and table.header and not present.keys() & set(QUANTITY_COLUMNS):
        reporter.add("missing-quantity-column", table.header_row, None)


def _unknown_column(table: Table, reporter: Reporter, cell: HeaderCell) -> None:
    """An unrecognised header is ignored with a warning, unless it looks like a number of
    devices: ignoring it would drop requests, so it is an error saying what to rename."""
    guessed, several = (
        quantity_guess(cell.text) if table.kind in (Kind.NEEDS, Kind.DONATIONS) else ((), False)
    )
    if not guessed:
        reporter.add("unknown-column", table.header_row, None, cell.text, letter=cell.letter)
        return
    lang = reporter.lang
    quoted = [say("quoted", lang, text=column) for column in guessed]
    if table.kind is Kind.DONATIONS:
        advice = say("advice-one-lot-per-row", lang)
    elif several:
        advice = say("advice-split", lang, suggestion=", ".join(quoted))
    elif len(quoted) > 1:
        advice = say("advice-rename-either", lang, suggestion=say("word-or", lang).join(quoted))
    else:
        advice = say("advice-rename-one", lang, suggestion=quoted[0])
    reporter.add(
        "unmapped-quantity-column",
        table.header_row,
        None,
        cell.text,
        letter=cell.letter,
        col=cell.letter,
        advice=advice,
    )


_MAX_LISTED = 12


def rows_text(rows: list[int], lang: Lang) -> str:
    """Row numbers as a person reads them: "lignes 12 à 15, 40" (at most a dozen pieces,
    then how many rows in all)."""
    pieces: list[tuple[int, int]] = []
    for row in sorted(set(rows)):
        if pieces and row == pieces[-1][1] + 1:
            pieces[-1] = (pieces[-1][0], row)
        else:
            pieces.append((row, row))
    words = [
        str(first) if first == last else say("rows-range", lang, first=first, last=last)
        for first, last in pieces[:_MAX_LISTED]
    ]
    text = ", ".join(words)
    if len(pieces) > _MAX_LISTED:
        text += say("rows-more", lang, count=number(len(set(rows)), lang))
    return say("rows-one" if len(set(rows)) == 1 else "rows-many", lang, rows=text)


def _with_merge_hints(problems: list[Problem], layout: SheetLayout, lang: Lang) -> list[Problem]:
    """A problem about an empty cell that a merged area covers says where its value is."""
    if not layout.merges:
        return problems
    index = MergeIndex(layout.merges)
    hinted = []
    for problem in problems:
        merge = None
        if problem.cell and problem.value is None and problem.row:
            letters = problem.cell.rstrip("0123456789")
            merge = index.covering(problem.row, column_index(letters))
        if merge is not None:
            hint = say(
                "hint-merged-cell", lang, ref=merge.ref, anchor=merge.anchor, row=merge.first_row
            )
            problem = problem.model_copy(update={"message": problem.message + hint})
        hinted.append(problem)
    return hinted
