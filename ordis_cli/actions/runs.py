"""The allocation history: list, show, cancel (the library behind ``ordis runs``)."""

from __future__ import annotations

import json
from collections import Counter
from dataclasses import asdict, dataclass, fields
from typing import TYPE_CHECKING, Any, cast

from ..errors import OrdisError
from ..ledger import Ledger, OpenMode
from ..ledger.location import LedgerPath
from ..messages import Lang, say

if TYPE_CHECKING:
    from _typeshed import DataclassInstance


class RunError(OrdisError):
    """A run that does not exist (exit 2) or cannot be cancelled (exit 1)."""

    def __init__(self, code: str, message: str, exit_code: int) -> None:
        super().__init__(code, message)
        self.exit_code = exit_code


class _Result:
    """What ``--format json`` prints of a result, as pydantic's models print theirs (the
    results of ``runs`` are plain dataclasses: reading the ledger loads no pydantic)."""

    def model_dump(self) -> dict[str, Any]:
        return asdict(cast("DataclassInstance", self))

    def model_dump_json(self, indent: int | None = None) -> str:
        return json.dumps(
            self.model_dump(),
            indent=indent,
            ensure_ascii=False,
            separators=None if indent is not None else (",", ":"),
        )


@dataclass(frozen=True)
class RunInfo(_Result):
    id: int
    created_at: str
    run_date: str
    status: str
    shipments: int
    units: int
    delivered: int


@dataclass(frozen=True)
class PartnerLine(_Result):
    partner: str
    device: str
    shipments: int
    units: int
    delivered: int


@dataclass(frozen=True)
class RunDetail(RunInfo):
    policy: str
    version: str
    out_dir: str | None
    files: list[dict[str, str]]
    by_partner: list[PartnerLine]


@dataclass(frozen=True)
class Cancelled(_Result):
    run: int
    freed: int
    kept_delivered: int
    dry_run: bool = False  # True: what cancelling would do; nothing was changed


def _info(record: object) -> RunInfo:
    return RunInfo(**{f.name: getattr(record, f.name) for f in fields(RunInfo)})


def list_runs(ledger_path: LedgerPath | str, lang: Lang = "fr") -> list[RunInfo]:
    """Every run of the ledger, opened read-only (nothing is created or changed)."""
    with Ledger(ledger_path, "read", lang) as ledger:
        return [_info(r) for r in ledger.runs()]


def _refused(code: str, run_id: int, lang: Lang, exit_code: int = 1) -> RunError:
    return RunError(code, say(code, lang, run=run_id), exit_code)


def _missing(run_id: int, lang: Lang) -> RunError:
    return _refused("unknown-run", run_id, lang, exit_code=2)


def show_run(ledger_path: LedgerPath | str, run_id: int, lang: Lang = "fr") -> RunDetail:
    """One run in detail, the ledger opened read-only."""
    with Ledger(ledger_path, "read", lang) as ledger:
        record = ledger.run(run_id)
        if record is None:
            raise _missing(run_id, lang)
        lines: Counter[tuple[str, str, str]] = Counter()
        for s in ledger.shipments(run_id):
            lines[(s.shipper, s.device, "shipments")] += 1
            lines[(s.shipper, s.device, "units")] += s.quantity
            lines[(s.shipper, s.device, "delivered")] += s.delivered_quantity or 0
        keys = sorted({(p, d) for p, d, _ in lines})
        return RunDetail(
            **vars(_info(record)),
            policy=record.policy,
            version=record.version,
            out_dir=record.out_dir,
            files=[
                {"role": f.role, "path": f.path, "sha256": f.sha256}
                for f in ledger.run_files(run_id)
            ],
            by_partner=[
                PartnerLine(
                    partner=p,
                    device=d,
                    shipments=lines[(p, d, "shipments")],
                    units=lines[(p, d, "units")],
                    delivered=lines[(p, d, "delivered")],
                )
                for p, d in keys
            ],
        )


def cancel_run(
    ledger_path: LedgerPath | str, run_id: int, lang: Lang = "fr", dry_run: bool = False
) -> Cancelled:
    """Cancel a run: what was not delivered goes back to the needs and the stock. A run
    already cancelled, or whose lines were all delivered (or cancelled one by one), is
    refused. ``dry_run``: say what would be freed, the ledger opened read-only."""
    return _cancel(ledger_path, run_id, lang, "read" if dry_run else "write", dry_run)


def cancel_preview(ledger_path: LedgerPath | str, run_id: int, lang: Lang = "fr") -> Cancelled:
    """What ``cancel_run`` would do, before asking for confirmation: the ledger opened for
    writing (a ledger that cannot be written is said before the question), nothing changed."""
    return _cancel(ledger_path, run_id, lang, "write", dry_run=True)


def _cancel(
    ledger_path: LedgerPath | str, run_id: int, lang: Lang, mode: OpenMode, dry_run: bool
) -> Cancelled:
    with Ledger(ledger_path, mode, lang) as ledger:
        with ledger.transaction(write=not dry_run):
            record = ledger.run(run_id)
            if record is None:
                raise _missing(run_id, lang)
            if record.status in ("cancelled", "writing"):
                code = "already-cancelled" if record.status == "cancelled" else "run-writing"
                raise _refused(code, run_id, lang)
            shipments = [s for s in ledger.shipments(run_id) if s.cancelled_at is None]
            delivered = sum(s.delivered_quantity or 0 for s in shipments)
            freed = sum(s.quantity for s in shipments if s.delivered_on is None)
            if freed == 0 and (shipments or ledger.shipments(run_id)):
                raise _refused("run-delivered", run_id, lang)
            if not dry_run:
                ledger.cancel(run_id)
        return Cancelled(run=run_id, freed=freed, kept_delivered=delivered, dry_run=dry_run)
