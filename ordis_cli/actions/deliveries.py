"""``import_deliveries``: the library entry point behind ``ordis deliveries import``.

Each returned workbook is validated as a delivery file, its ``a_lire`` sheet must name this
ledger (a workbook of another ledger is refused whole; one without the sheet gets a warning),
then every line is checked against the ledger (the shipment its id names: same lot,
structure, equipment and quantity, an active run, no delivery dated before that run, no more
delivered than shipped) and recorded in one transaction: a file with any error records
nothing. Importing the same file twice changes nothing the second time.

``pending_deliveries`` (``ordis deliveries pending``) lists the lines still to deliver, per
partner, from the ledger alone; ``write_pending`` writes that list as a workbook.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from pathlib import Path
from typing import Any

from pydantic import BaseModel, Field

from ..allocation.inputs import rows_of
from ..arguments import PathLike, day_given, file_paths
from ..atomic import new_file
from ..column_mapping import ColumnMapping
from ..dispatch.chasing import chasing_path, write_chasing_list
from ..errors import UsageError
from ..ledger import Ledger
from ..ledger.location import LedgerPath
from ..ledger.pending import PendingDeliveries, chasing_list, pending_lines, shippers
from ..ledger.store import StoredShipment
from ..messages import Lang, say
from ..models import FileReport, Kind, Problem, Severity
from ..names import name_key
from ..reading.quoting import shorten
from ..validation import ValidationOptions
from ..validation.base import KindValidator
from ..validation.deliveries import (
    DeliveriesValidator,
    LedgerFacts,
    check_against_ledger,
    delivery_change,
)
from ..validation.read_me import ReadMe
from ..validation.read_me import read_me as read_me  # importable here, as before
from ..validation.service import validate_inputs


class FileImport(BaseModel):
    """What importing one file did (or why it did nothing)."""

    path: str
    recorded: bool
    new: int = 0
    updated: int = 0
    unchanged: int = 0
    pending: int = 0
    commented: int = 0  # lines not yet delivered whose new comment was kept
    report: FileReport
    readable: bool = Field(default=True, exclude=True)


class DeliveriesImport(BaseModel):
    ok: bool
    files: list[FileImport]

    @property
    def readable(self) -> bool:
        return all(f.readable for f in self.files)


def import_deliveries(
    paths: PathLike | Sequence[PathLike],
    ledger_path: LedgerPath | str,
    lang: Lang,
    today: dt.date | str | None = None,
    columns: ColumnMapping | None = None,
) -> DeliveriesImport:
    """Import each returned dispatch workbook (``columns``: the user's own headers, from
    ``--columns``, see ``column_mapping``)."""
    options = ValidationOptions(
        lang=lang,
        today=dt.date.today() if today is None else day_given(today, lang),
        keep_data=True,
        columns=columns,
        command="deliveries",
    )
    files = file_paths(paths)
    with Ledger(ledger_path, "write", lang) as ledger:
        # every file read in one contained child (one fork, not one a file); each recorded
        # or refused on its own as soon as it is read, while the child reads the next
        imported: dict[int, FileImport] = {}

        def record(index: int, checked: FileReport, validator: KindValidator) -> None:
            imported[index] = _import_one(files[index], checked, validator, ledger, options)

        report, validators = validate_inputs(
            [(path, Kind.DELIVERIES) for path in files], options, on_file=record
        )
        results = [
            imported.get(index) or _import_one(path, checked, validator, ledger, options)
            for index, (path, checked, validator) in enumerate(
                zip(files, report.files, validators, strict=True)
            )
        ]
    return DeliveriesImport(ok=all(r.recorded for r in results), files=results)


def _sheet_problem(
    path: Path, code: str, message: str, severity: Severity, readme: ReadMe | None = None
) -> Problem:
    return Problem(
        code=code,
        severity=severity,
        file=str(path),
        sheet=readme.sheet if readme and readme.ledger_cell else None,
        row=readme.ledger_row if readme else None,
        cell=readme.ledger_cell if readme else None,
        value=readme.ledger_id if readme else None,
        message=message,
    )


def _identity(
    path: Path, readme: ReadMe | None, ledger: Ledger, lang: Lang
) -> tuple[ReadMe | None, Problem | None]:
    """The workbook's ``a_lire`` facts (read in the contained child) when they name this
    ledger, and the problem otherwise: another ledger's identity (an error) or none at all
    (a warning)."""
    if readme is None or readme.ledger_id is None:
        return readme, _sheet_problem(
            path, "no-ledger-identity", say("no-ledger-identity", lang), Severity.WARNING
        )
    own = ledger.identity
    if own is not None and readme.ledger_id != own:
        message = say(
            "other-ledger", lang, value=readme.ledger_id, ledger=ledger.path, ledger_id=own
        )
        return None, _sheet_problem(path, "other-ledger", message, Severity.ERROR, readme)
    return readme, None


def _run_dates(ledger: Ledger) -> dict[int, dt.date]:
    """Each run's date (a date the ledger holds in another form is not compared)."""
    dates: dict[int, dt.date] = {}
    for row in ledger.table("SELECT id, run_date FROM runs"):
        try:
            dates[int(row["id"])] = dt.date.fromisoformat(str(row["run_date"]))
        except ValueError:
            continue
    return dates


def _import_one(
    path: Path,
    file_report: FileReport,
    validator: KindValidator | None,
    ledger: Ledger,
    options: ValidationOptions,
) -> FileImport:
    if validator is None or validator.kept is None:
        return FileImport(
            path=str(path), recorded=False, report=file_report, readable=file_report.readable
        )
    sheets = validator if isinstance(validator, DeliveriesValidator) else None
    if sheets is not None and sheets.read_me_failure is not None:
        code, message = sheets.read_me_failure
        file_report.add(
            [Problem(code=code, severity=Severity.ERROR, file=str(path), message=message)]
        )
        return FileImport(path=str(path), recorded=False, report=file_report, readable=False)
    readme, problem = _identity(path, sheets.read_me if sheets else None, ledger, options.lang)
    if problem is not None:
        file_report.add([problem])
        if problem.severity is Severity.ERROR:  # another ledger's: not one line is looked at
            return FileImport(path=str(path), recorded=False, report=file_report)
    rows = [row for row in rows_of(validator) if row.get("id_envoi")]
    with ledger.transaction():
        stored = ledger.shipments_by_id(row["id_envoi"] for row in rows)
        run_dates = _run_dates(ledger)
        before = len(validator.report.problems)
        facts = LedgerFacts(stored, run_dates, readme.partner if readme else None)
        rows = check_against_ledger(rows, facts, validator.report)
        file_report.add(validator.report.problems[before:])
        if file_report.errors:  # from the file itself or from the ledger: record nothing
            return FileImport(path=str(path), recorded=False, report=file_report)
        counts = _record(rows, stored, ledger)
    return FileImport(
        path=str(path),
        recorded=True,
        report=file_report,
        new=counts["new"],
        updated=counts["updated"],
        unchanged=counts["unchanged"],
        pending=counts["pending"],
        commented=counts["commented"],
    )


def _record(
    rows: list[dict[str, Any]], stored: dict[str, StoredShipment], ledger: Ledger
) -> dict[str, int]:
    """Record the deliveries that change the ledger, and the new comment of a line not yet
    delivered (kept without marking it delivered); count what each line did."""
    counts = {"new": 0, "updated": 0, "unchanged": 0, "pending": 0, "commented": 0}
    closed: list[tuple[str, dt.date, int, str | None, str | None]] = []
    comments: list[tuple[str, str]] = []
    for row in rows:
        shipment = stored[row["id_envoi"]]
        when = row.get("livre_le")
        if when is None:
            open_line = (
                shipment.delivered_on is None
                and shipment.run_status == "active"
                and shipment.cancelled_at is None
            )
            if not open_line:  # closed, or cancelled since: nothing waits, nothing changes
                if shipment.delivered_on is not None:
                    counts["unchanged"] += 1
                continue
            counts["pending"] += 1
            comment = row.get("commentaire")
            if comment is not None and comment != shipment.comment:
                comments.append((shipment.id, comment))
                counts["commented"] += 1
            continue
        change = delivery_change(row, shipment)
        counts[change or "unchanged"] += 1
        if change is not None:
            delivered = row.get("quantite_livree")
            quantity = shipment.quantity if delivered is None else delivered
            closed.append((shipment.id, when, quantity, row.get("commentaire"), row.get("ecart")))
    # the file's changes in two batches, inside the caller's transaction (all or nothing)
    ledger.record_deliveries(closed)
    ledger.record_comments(comments)
    return counts


# --- deliveries pending: the lines to chase ---------------------------------------------


def pending_deliveries(
    ledger_path: LedgerPath | str,
    lang: Lang = "fr",
    as_of: dt.date | str | None = None,
    partner: str | None = None,
    older_than: int | None = None,
) -> PendingDeliveries:
    """The lines not yet delivered, per partner, with their age (SPEC §5); the ledger is
    opened read-only. A ``partner`` the ledger does not know is a ``UsageError`` (exit 2)
    naming the ones it knows."""
    when = dt.date.today() if as_of is None else day_given(as_of, lang)
    if older_than is not None and older_than < 0:
        raise UsageError("bad-older-than", say("bad-older-than", lang, value=older_than))
    with Ledger(ledger_path, "read", lang) as ledger:
        if partner is not None:
            known = shippers(ledger.db)
            if name_key(partner) not in {name_key(name) for name in known}:
                raise UsageError(
                    "unknown-partner-filter",
                    say(
                        "unknown-partner-filter",
                        lang,
                        value=shorten(partner, lang=lang),
                        known=", ".join(known) or "—",
                    ),
                )
        lines = pending_lines(ledger.db, when)
    return chasing_list(lines, when, partner, older_than)


def write_pending(pending: PendingDeliveries, out: PathLike | None, lang: Lang) -> Path:
    """The chasing list as a workbook: at ``out`` (which must not exist yet), or
    ``relances-<date>.xlsx`` in the current folder (next free name)."""
    path = Path(out) if out is not None else chasing_path(pending.as_of, Path(), lang)
    return new_file(path, lambda temporary: write_chasing_list(temporary, pending, lang), lang)
