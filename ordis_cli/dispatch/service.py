"""``run_allocation``: the library entry point behind ``ordis allocate``.

Validate the inputs (refuse them with the same problem records as ``validate``), then, in
one ledger transaction holding the write lock: read what earlier runs committed, plan,
record the run, write every workbook into a staging folder and put it in place.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import shutil
import tempfile
from collections import Counter, defaultdict
from collections.abc import Callable
from pathlib import Path
from typing import Any

from pydantic import BaseModel, ConfigDict

from .. import __version__
from ..allocation import Plan, Policy, allocate
from ..atomic import fresh_folder
from ..atomic import umask as _umask
from ..errors import UsageError
from ..gc_pause import paused_gc
from ..inputs import Inputs, load_inputs
from ..ledger import Ledger
from ..ledger.store import RunFile, policy_json
from ..messages import Lang, say
from ..models import DEVICE_TYPES, ValidationReport
from ..territory import departements, regions
from ..validation import ValidationOptions
from .workbooks import safe_name, write_allocation, write_dispatch


class AllocateRequest(BaseModel):
    model_config = ConfigDict(frozen=True)

    needs: Path
    donations: Path
    partners: Path | None = None
    ledger: Path = Path("ordis.db")
    out: Path | None = None
    policy: Policy = Policy()
    lang: Lang = "fr"
    dry_run: bool = False


class AllocationSummary(BaseModel):
    """What ``--format json`` prints (SPEC §4)."""

    run: int | None
    shipments: int
    allocated: dict[str, int]
    unmet: dict[str, int]
    leftover: dict[str, int]
    files: list[str]


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


def _check_out(out: Path, inputs: list[Path], lang: Lang) -> None:
    target = out.resolve()
    for path in inputs:
        resolved = path.resolve()
        if resolved == target or target in resolved.parents:
            raise UsageError("out-over-input", (
                f"--out {out} contient le fichier d'entrée {path} : les fichiers d'envoi le "
                "remplaceraient. Choisissez un autre dossier."
                if lang == "fr" else
                f"--out {out} holds the input file {path}: the dispatch files would replace "
                "it. Choose another folder."))


Step = Callable[[str], None]


def run_allocation(request: AllocateRequest, step: Step | None = None) -> AllocationResult:
    """Validate, allocate, record, write; ``step`` hears the name of each stage as it
    starts ("reading", "allocating", "writing")."""
    with paused_gc():  # a batch that makes millions of small objects, none in a cycle
        return _run(request, step or (lambda _: None))


def _run(request: AllocateRequest, step: Step) -> AllocationResult:
    options = ValidationOptions(lang=request.lang, today=request.policy.date)
    step("reading")
    report, inputs = load_inputs(request.needs, request.donations, request.partners, options)
    if inputs is None:
        return AllocationResult(validation=report)
    given = [p for p in (request.needs, request.donations, request.partners) if p]
    # a run never silently replaces an earlier run's workbooks (an explicit --out does, as a
    # whole, atomically)
    out = request.out or fresh_folder(Path(f"dispatch-{request.policy.date.isoformat()}"))
    if request.dry_run and not request.ledger.exists():  # nothing earlier, nothing to create
        step("allocating")
        plan = allocate(inputs.structures, inputs.lots, inputs.partners, request.policy)
        return AllocationResult(validation=report, summary=_summary(None, plan, inputs, []),
                                by_region=_by_region(plan, inputs))
    if not request.dry_run:
        _check_out(out, given, request.lang)
    ledger = Ledger(request.ledger)
    try:
        with ledger.transaction(write=not request.dry_run):
            step("allocating")
            earlier = ledger.earlier(request.policy.date)
            plan = allocate(inputs.structures, inputs.lots, inputs.partners, request.policy,
                            earlier)
            by_region = _by_region(plan, inputs)
            files: list[str] = []
            run_id = None
            if not request.dry_run:
                step("writing")
                roles = zip(("besoins", "dons", "partenaires"), given, strict=False)
                run_id, ids = ledger.record_run(
                    request.policy.date, policy_json(request.policy), __version__, str(out),
                    [RunFile(role, str(p), _sha256(p)) for role, p in roles], plan, inputs)
                files = _write_outputs(out, plan, ids, inputs, request, by_region)
    finally:
        ledger.close()
    return AllocationResult(validation=report, summary=_summary(run_id, plan, inputs, files),
                            by_region=by_region)


def _summary(run_id: int | None, plan: Plan, inputs: Inputs,
             files: list[str]) -> AllocationSummary:
    leftover: Counter[str] = Counter({d.value: 0 for d in DEVICE_TYPES})
    devices = {lot.id: lot.device.value for lot in inputs.lots}
    for lot_id, left in plan.leftover.items():
        leftover[devices[lot_id]] += left
    unmet: Counter[str] = Counter({d.value: 0 for d in DEVICE_TYPES})
    for item in plan.unmet:
        unmet[item.device.value] += item.quantity
    return AllocationSummary(
        run=run_id, shipments=len(plan.shipments),
        allocated={d.value: n for d, n in plan.allocated().items()},
        unmet=dict(unmet), leftover=dict(leftover), files=files)


def _by_region(plan: Plan, inputs: Inputs) -> dict[str, dict[str, int]]:
    """Units allocated per région of the structures, type by type."""
    dept_of = {s.id: s.departement for s in inputs.structures}
    table: dict[str, dict[str, int]] = defaultdict(lambda: {d.value: 0 for d in DEVICE_TYPES})
    for shipment in plan.shipments:
        region = regions()[departements()[dept_of[shipment.structure_id]].region].name
        table[region][shipment.device.value] += shipment.quantity
    return dict(sorted(table.items()))


def _lines(plan: Plan, ids: list[str], inputs: Inputs,
           lang: Lang) -> dict[str, list[tuple[list[Any], list[Any]]]]:
    """Per shipper: (delivery columns, extra columns of allocation.xlsx) of each line."""
    by_shipper: dict[str, list[tuple[list[Any], list[Any]]]] = defaultdict(list)
    structures = {s.id: s for s in inputs.structures}
    for ident, shipment in zip(ids, plan.shipments, strict=True):
        contact = inputs.contacts[shipment.structure_id]
        structure = structures[shipment.structure_id]
        info = inputs.lot_info[shipment.lot_id]
        delivery = [ident, shipment.lot_id, info.donor, shipment.device.value, shipment.quantity,
                    shipment.structure_id, contact.get("nom_structure"), contact.get("adresse"),
                    contact.get("code_postal"), contact.get("commune"), structure.departement,
                    contact.get("contact_nom"), contact.get("contact_telephone"),
                    contact.get("contact_email"), None, None, None]
        internet = say("motif-no-internet", lang) if structure.internet is False else ""
        distance = f"{shipment.distance_km:g}"
        if shipment.round == "substitution":
            motif = say("motif-substitution", lang, priority=structure.priority,
                        internet=internet, device=shipment.device.value,
                        need=shipment.counted_as.value, distance=distance)
            round_label = "substitution"
        else:
            round_label = say(f"round-{shipment.round}", lang)
            motif = say("motif", lang, priority=structure.priority, internet=internet,
                        round=round_label, distance=distance)
        extra = [shipment.shipper, round_label, shipment.distance_km, motif]
        by_shipper[shipment.shipper].append((delivery, extra))
    return by_shipper


def _write_outputs(out: Path, plan: Plan, ids: list[str], inputs: Inputs,
                   request: AllocateRequest, by_region: dict[str, dict[str, int]]) -> list[str]:
    """Write every workbook into a staging folder beside ``out``, then put it in place: an
    interruption leaves the previous set or the complete new one."""
    lang = request.lang
    out.parent.mkdir(parents=True, exist_ok=True)
    staging = Path(tempfile.mkdtemp(prefix=f".{out.name}-", dir=out.parent))
    try:
        staging.chmod(0o777 & ~_umask())
        by_shipper = _lines(plan, ids, inputs, lang)
        names: list[str] = []
        everything: list[list[Any]] = []
        for shipper in sorted(by_shipper):
            lines = sorted(by_shipper[shipper], key=lambda line: (line[0][10], line[0][8] or "",
                                                                  line[0][5], line[0][0]))
            name = f"expeditions_{safe_name(shipper)}.xlsx"
            while name in names:
                name = name.replace(".xlsx", "_2.xlsx")
            write_dispatch(staging / name, [d for d, _ in lines], lang)
            names.append(name)
            everything.extend(d + e for d, e in lines)
        everything.sort(key=lambda row: row[0])
        write_allocation(staging / "allocation.xlsx", everything,
                         _unmet_rows(plan, inputs, request), _leftover_rows(plan, inputs),
                         _totals_rows(plan, inputs, by_region), lang)
        names.append("allocation.xlsx")
        _swap(staging, out)
    except BaseException:
        shutil.rmtree(staging, ignore_errors=True)
        raise
    return [str(out / name) for name in names]


def _swap(staging: Path, out: Path) -> None:
    if out.exists():
        previous = out.with_name(f".{out.name}-previous-{dt.datetime.now():%H%M%S%f}")
        out.rename(previous)
        staging.rename(out)
        shutil.rmtree(previous, ignore_errors=True)
    else:
        staging.rename(out)


def _unmet_rows(plan: Plan, inputs: Inputs, request: AllocateRequest) -> list[list[Any]]:
    structures = {s.id: s for s in inputs.structures}
    rows = []
    for item in sorted(plan.unmet, key=lambda u: (u.structure_id, u.device.value)):
        reason = say(f"reason-{item.reason}", request.lang, cap=request.policy.cap,
                     scope=request.policy.scope.value)
        rows.append([item.structure_id, inputs.contacts[item.structure_id].get("nom_structure"),
                     structures[item.structure_id].departement, item.device.value,
                     item.quantity, reason])
    return rows


def _leftover_rows(plan: Plan, inputs: Inputs) -> list[list[Any]]:
    return [[lot.id, lot.donor, lot.departement, lot.device.value, plan.leftover[lot.id]]
            for lot in sorted(inputs.lots, key=lambda lot: lot.id) if plan.leftover[lot.id]]


def _totals_rows(plan: Plan, inputs: Inputs,
                 allocated: dict[str, dict[str, int]]) -> list[list[Any]]:
    dept_of = {s.id: s.departement for s in inputs.structures}
    unmet: Counter[str] = Counter()
    for item in plan.unmet:
        unmet[regions()[departements()[dept_of[item.structure_id]].region].name] += item.quantity
    rows: list[list[Any]] = []
    for region in sorted(set(allocated) | set(unmet)):
        counts = allocated.get(region, {d.value: 0 for d in DEVICE_TYPES})
        rows.append([region, *counts.values(), sum(counts.values()), unmet[region]])
    totals = [sum(row[i] for row in rows) for i in range(1, 7)]
    rows.append(["Total", *totals])
    return rows
