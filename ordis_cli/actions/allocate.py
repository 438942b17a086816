"""``run_allocation``: the library entry point behind ``ordis allocate``.

1. Validate the inputs (refuse them with the same problem records as ``validate``) and pick
   the output folder (an explicit ``--out`` must be absent or empty: nothing is replaced).
2. Finish or cancel this machine's runs interrupted before their folder was in place.
3. One short ledger transaction, holding the write lock: read what earlier runs committed,
   check the files against the rows the ledger knows, plan, record the run with its outputs
   'writing'. Two processes never allocate the same units twice.
4. Without the lock: write every workbook into a private staging folder, put it in place,
   mark the run's outputs written. A failure cancels the run and removes the staging folder;
   a kill leaves the run 'writing', which the next ``allocate`` recognises (step 2).

So a run's folder never appears without its run committed, and run and shipment ids are
never reused.
"""

from __future__ import annotations

import hashlib
import os
import shutil
from collections.abc import Callable
from pathlib import Path
from typing import Annotated, Any

from pydantic import BaseModel, BeforeValidator, ConfigDict, Field, PlainSerializer

from .. import __version__
from ..allocation import Earlier, Plan, Policy, allocate
from ..allocation.compare import ComparisonResult, compare_files
from ..allocation.fairness import by_level, fills
from ..allocation.inputs import Inputs, load_inputs
from ..arguments import file_paths
from ..atomic import new_staging, output_folder, put_in_place
from ..column_mapping import ColumnMapping
from ..dispatch.partner_workbook import write_dispatch
from ..dispatch.rows import (
    by_region,
    fairness_rows,
    leftover_rows,
    shipment_lines,
    totals_rows,
    unmet_rows,
)
from ..dispatch.workbooks import continued_problems, write_allocation
from ..gc_pause import paused_gc
from ..ledger import Ledger
from ..ledger.known import KnownCheck, check_known
from ..ledger.location import LedgerPath, ledger_exists, ledger_location
from ..ledger.recovery import recover_interrupted, this_host
from ..ledger.store import RunFile, RunOutputs, policy_json
from ..messages import Lang
from ..models import DEVICE_TYPES, Problem, Severity, ValidationReport
from ..names import file_stem
from ..validation import ValidationOptions


def _one_or_more(value: object) -> object:
    """A single path is a list of one (``arguments.file_paths``): ``needs="besoins.xlsx"``
    still works; anything else is left to pydantic to check."""
    return file_paths(value) if isinstance(value, str | os.PathLike) else value


Paths = Annotated[list[Path], BeforeValidator(_one_or_more), Field(min_length=1)]


class AllocateRequest(BaseModel):
    """What ``ordis allocate`` is asked: the needs and donations files (one or more each,
    read as one list), the partners file, the ledger, the output folder, the policy."""

    model_config = ConfigDict(frozen=True)

    needs: Paths
    donations: Paths
    partners: Path | None = None
    # a path or a postgresql:// URL (a text is read as --ledger reads it)
    ledger: Annotated[
        LedgerPath, BeforeValidator(ledger_location), PlainSerializer(str)  # no password
    ] = Path("ordis.db")
    out: Path | None = None
    policy: Policy = Policy()
    lang: Lang = "fr"
    dry_run: bool = False
    retire_missing: bool = False
    emails: bool = False  # also write courriels/<partner>.eml (dispatch/emails.py)
    columns: ColumnMapping | None = None  # --columns FILE.toml: the user's own headers


class OutputFile(BaseModel):
    """A workbook the run wrote, and the partner it is for (None: ``allocation.xlsx``)."""

    path: str
    partner: str | None
    # its tables longer than a spreadsheet, continued on sheets ``_2``, ``_3``… (SPEC §4)
    continued: list[str] = []


class LevelFairness(BaseModel):
    """How one priority level fared (SPEC §4 ``fairness``): structures requesting something
    in this run (net of earlier runs), served (one unit or more), the lowest and the median
    share of its request a requesting structure got (0–1; None when none requests)."""

    requesting: int = 0
    served: int = 0
    min_fill: float | None = None
    median_fill: float | None = None


class AllocationSummary(BaseModel):
    """What ``--format json`` prints (SPEC §4)."""

    run: int | None
    shipments: int
    allocated: dict[str, int]
    unmet: dict[str, int]
    leftover: dict[str, int]
    files: list[OutputFile]
    fairness: dict[str, LevelFairness] = {}
    retired: dict[str, int] = {"structures": 0, "lots": 0}
    recovered: list[int] = []
    warnings: list[Problem] = []  # from the ledger's side (SPEC §5), e.g. retired rows


class AllocationResult(BaseModel):
    model_config = ConfigDict(arbitrary_types_allowed=True)

    validation: ValidationReport
    summary: AllocationSummary | None = None
    by_region: dict[str, dict[str, int]] = {}


def _sha256(path: Path) -> str:
    digest = hashlib.sha256()
    with path.open("rb") as handle:
        while chunk := handle.read(1 << 20):
            digest.update(chunk)
    return digest.hexdigest()


Step = Callable[[str], None]


def run_allocation(request: AllocateRequest, step: Step | None = None) -> AllocationResult:
    """Validate, allocate, record, write; ``step`` hears the name of each stage as it
    starts ("reading", "allocating", "writing")."""
    with paused_gc():  # a batch that makes millions of small objects, none in a cycle
        return _run(request, step or (lambda _: None))


def _run(request: AllocateRequest, step: Step) -> AllocationResult:
    options = ValidationOptions(
        lang=request.lang, today=request.policy.date, columns=request.columns, command="allocate"
    )
    step("reading")
    report, inputs = load_inputs(request.needs, request.donations, request.partners, options)
    if inputs is None:
        return AllocationResult(validation=report)
    if request.dry_run:
        return _dry_run(request, report, inputs, step)
    out = output_folder(
        request.out, Path(f"dispatch-{request.policy.date.isoformat()}"), request.lang
    )
    files_read = _run_files(request)  # hashed before the write lock is taken, not under it
    with Ledger(request.ledger, "create", request.lang) as ledger:
        recovered = [r.run_id for r in recover_interrupted(ledger) if not r.finished]
        staging = new_staging(out, request.lang)
        run_id: int | None = None
        try:
            step("allocating")
            with ledger.transaction():
                earlier = ledger.earlier(request.policy.date)
                known = _known_rows(ledger, inputs, earlier, request)
                refused = _refused(report, known.problems)
                if refused is not None:
                    shutil.rmtree(staging, ignore_errors=True)
                    return refused
                plan = allocate(
                    inputs.structures, inputs.lots, inputs.partners, request.policy, earlier
                )
                run_id, ids = ledger.record_run(
                    request.policy.date,
                    policy_json(request.policy),
                    __version__,
                    str(out),
                    files_read,
                    plan,
                    inputs,
                    RunOutputs(this_host(), os.getpid(), str(staging), str(out)),
                    known.retired,
                )
            step("writing")
            regions = by_region(plan, inputs)
            files = _write_outputs(
                staging,
                out,
                plan,
                ids,
                inputs,
                request,
                regions,
                (run_id, ledger.identity),
                earlier,
            )
            put_in_place(staging, out, request.lang)
            with ledger.transaction():
                ledger.outputs_written(run_id)
        except BaseException:
            shutil.rmtree(staging, ignore_errors=True)
            if run_id is not None:
                _abandon(ledger, run_id)
            raise
    summary = _summary(run_id, plan, inputs, files, earlier)
    summary.retired = {"structures": len(known.retired.structures), "lots": len(known.retired.lots)}
    summary.recovered = recovered
    summary.warnings = known.problems + [
        problem for f in files for problem in continued_problems(f.path, f.continued, request.lang)
    ]
    return AllocationResult(validation=report, summary=summary, by_region=regions)


def compare_plans(request: AllocateRequest) -> ComparisonResult:
    """``allocate --compare``: three plans of the files side by side, nothing written."""
    return compare_files(request)


def _dry_run(
    request: AllocateRequest, report: ValidationReport, inputs: Inputs, step: Step
) -> AllocationResult:
    """Plan as the real run would, reading the ledger (if any) without changing it."""
    step("allocating")
    earlier, notes = Earlier(), []
    if ledger_exists(request.ledger, request.lang):
        with (
            Ledger(request.ledger, "read", request.lang) as ledger,
            ledger.transaction(write=False),
        ):
            earlier = ledger.earlier(request.policy.date)
            notes = _known_rows(ledger, inputs, earlier, request).problems
    refused = _refused(report, notes)  # as the real run would
    if refused is not None:
        return refused
    plan = allocate(inputs.structures, inputs.lots, inputs.partners, request.policy, earlier)
    summary = _summary(None, plan, inputs, [], earlier)
    summary.warnings = notes
    return AllocationResult(validation=report, summary=summary, by_region=by_region(plan, inputs))


def _refused(report: ValidationReport, problems: list[Problem]) -> AllocationResult | None:
    """When the ledger objects to the files (an error among ``problems``), the refusal: its
    records added to the files they are about. None when the run may go on."""
    if not any(p.severity is Severity.ERROR for p in problems):
        return None
    report.ok = False
    for file_report in report.files:
        file_report.add([p for p in problems if p.file == file_report.path])
    return AllocationResult(validation=report)


def _abandon(ledger: Ledger, run_id: int) -> None:
    """Cancel a run whose workbooks never reached their folder (best effort: if even this
    fails, the next allocate recognises the run as interrupted)."""
    try:
        with ledger.transaction():
            ledger.abandon_run(run_id)
            ledger.forget_staging(run_id)
    except Exception:  # the original failure is the one to report
        return


def _run_files(request: AllocateRequest) -> list[RunFile]:
    """Each input file with its role: ``besoins``, ``besoins-2``…, ``dons``…,
    ``partenaires``."""
    roles: list[tuple[str, Path]] = []
    for role, paths in (
        ("besoins", request.needs),
        ("dons", request.donations),
        ("partenaires", [request.partners] if request.partners else []),
    ):
        roles.extend((role if n == 1 else f"{role}-{n}", p) for n, p in enumerate(paths, start=1))
    return [RunFile(role, str(p), _sha256(p)) for role, p in roles]


def _known_rows(
    ledger: Ledger, inputs: Inputs, earlier: Earlier, request: AllocateRequest
) -> KnownCheck:
    """The ledger's rows the files no longer list, and requests below what was shipped."""
    return check_known(
        ledger,
        inputs,
        earlier,
        _named(request.needs),
        _named(request.donations),
        request.lang,
        request.retire_missing,
    )


def _named(paths: list[Path]) -> str:
    """The files of one kind, as a message names them."""
    return ", ".join(str(p) for p in paths)


def _summary(
    run_id: int | None, plan: Plan, inputs: Inputs, files: list[OutputFile], earlier: Earlier
) -> AllocationSummary:
    leftover = dict.fromkeys((d.value for d in DEVICE_TYPES), 0)
    devices = {lot.id: lot.device.value for lot in inputs.lots}
    for lot_id, left in plan.leftover.items():
        leftover[devices[lot_id]] += left
    unmet = dict.fromkeys((d.value for d in DEVICE_TYPES), 0)
    for item in plan.unmet:
        unmet[item.device.value] += item.quantity
    return AllocationSummary(
        run=run_id,
        shipments=len(plan.shipments),
        allocated={d.value: n for d, n in plan.allocated().items()},
        unmet=unmet,
        leftover=leftover,
        files=files,
        fairness={
            level: LevelFairness.model_validate(figures.as_summary())
            for level, figures in by_level(fills(plan, inputs.structures, earlier)).items()
        },
    )


def _file_names(shippers: list[str]) -> dict[str, str]:
    """One ``expeditions_<stem>.xlsx`` per shipper; two shippers whose names make the same
    stem are told apart by a number (the summary says whose each file is)."""
    names: dict[str, str] = {}
    taken: set[str] = {"allocation.xlsx"}
    for shipper in shippers:
        stem, number = f"expeditions_{file_stem(shipper)}", 1
        name = f"{stem}.xlsx"
        while name.casefold() in taken:
            number += 1
            name = f"{stem}_{number}.xlsx"
        taken.add(name.casefold())
        names[shipper] = name
    return names


def _write_outputs(
    staging: Path,
    out: Path,
    plan: Plan,
    ids: list[str],
    inputs: Inputs,
    request: AllocateRequest,
    regions: dict[str, dict[str, int]],
    run: tuple[int, str | None],
    earlier: Earlier,
) -> list[OutputFile]:
    """Write every workbook of run ``run`` (its id, its ledger's identity) into
    ``staging``; the files as they will be named once the folder is ``out``."""
    lang = request.lang
    by_shipper = shipment_lines(plan, ids, inputs, lang)
    names = _file_names(sorted(by_shipper))
    written: list[OutputFile] = []
    everything: list[list[Any]] = []
    for shipper, name in names.items():
        lines = sorted(by_shipper[shipper], key=lambda line: line[0].delivery_order())
        continued = write_dispatch(
            staging / name,
            [d for d, _, _ in lines],
            lang,
            partner=shipper,
            run_id=run[0],
            run_date=request.policy.date,
            ledger_id=run[1],
            pickups=[p for _, _, p in lines],
            coordination=request.policy.coordination,
        )
        written.append(OutputFile(path=str(out / name), partner=shipper, continued=continued))
        everything.extend([*d, *e] for d, e, _ in lines)
    everything.sort(key=lambda row: row[0])
    continued = write_allocation(
        staging / "allocation.xlsx",
        everything,
        unmet_rows(plan, inputs, request.policy, lang),
        leftover_rows(plan, inputs),
        totals_rows(plan, inputs, regions),
        lang,
        fairness_rows(plan, inputs, earlier, lang),
    )
    written.append(OutputFile(path=str(out / "allocation.xlsx"), partner=None, continued=continued))
    if request.emails:
        from ..dispatch.emails import write_emails

        for path, partner in write_emails(
            staging,
            names,
            by_shipper,
            inputs.partner_emails,
            (run[0], request.policy.date),
            request.policy.coordination,
            lang,
        ):
            written.append(OutputFile(path=str(out / path), partner=partner))
    return written
