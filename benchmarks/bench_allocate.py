"""Allocation speed: the core alone, end to end from xlsx, and writing dispatch workbooks.

    python benchmarks/bench_allocate.py            # 100,000 and 1,000,000 structures
    python benchmarks/bench_allocate.py --small    # a quick smoke run
    python benchmarks/bench_allocate.py --smoke    # every step at the smallest size (tests)
    python benchmarks/bench_allocate.py --shares-only --repeat 7  # equitable against demande
    python benchmarks/bench_allocate.py --phases --repeat 7       # where their time goes

1. The core (``allocate``) on synthetic structures and 20,000 lots spread over every
   département, three partners (one national with a capacity, two regional), in-process,
   best of 3; the growth from n to 10·n is compared with n·log n; fair shares (the
   default) against ``--share demande`` at both sizes.
2. End to end: ``ordis allocate --dry-run`` on a needs and a donations workbook, against a
   bare python-calamine read of the same two files; each a fresh process, best of 3.
3. Writing 50,000 shipment lines as a formatted dispatch workbook (frozen header, filters,
   widths, date validation, print setup): XlsxWriter (what ordis uses) against openpyxl's
   write-only mode with the same formatting.
"""

from __future__ import annotations

import argparse
import datetime as dt
import math
import os
import random
import subprocess
import sys
import tempfile
import time
from pathlib import Path
from typing import Any

from ordis_cli.allocation import Lot, Partner, Policy, Structure, allocate
from ordis_cli.allocation.policy import Share
from ordis_cli.models import DEVICE_TYPES
from ordis_cli.territory import departements

OUT = Path(__file__).parent / "out"
DAY = dt.date(2020, 4, 20)


def synthetic(
    structures: int, lots: int, seed: int = 1
) -> tuple[list[Structure], list[Lot], dict[str, Partner]]:
    rng = random.Random(seed)
    depts = sorted(departements())
    start = dt.date(2020, 4, 1)
    needs = [
        Structure(
            f"S{i:07d}",
            rng.choice(depts),
            (rng.randint(0, 8), rng.randint(0, 2), rng.randint(0, 4), rng.randint(0, 1)),
            rng.choice(("urgente", "haute", "normale", "normale")),
            rng.random() < 0.7,
            start + dt.timedelta(days=rng.randint(0, 40)),
            rng.randint(4, 80),
        )
        for i in range(structures)
    ]
    stock = [
        Lot(
            f"L{i:06d}",
            rng.choice(DEVICE_TYPES),
            rng.randint(5, 60),
            rng.choice(depts),
            rng.choice(("Relais", "Ouest", "Sud", "Un donateur")),
            available_on=start + dt.timedelta(days=rng.randint(0, 40)),
        )
        for i in range(lots)
    ]
    west = frozenset(d for d in depts if departements()[d].region in ("53", "52", "28"))
    south = frozenset(d for d in depts if departements()[d].region in ("76", "93", "94"))
    partners = {
        "relais": Partner("Relais", None, 200_000),
        "ouest": Partner("Ouest", west, 30_000),
        "sud": Partner("Sud", south, 30_000),
    }
    return needs, stock, partners


def core(structures: int, lots: int, repeat: int, share: Share = Share.EQUITABLE) -> float:
    needs, stock, partners = synthetic(structures, lots)
    best = float("inf")
    for _ in range(repeat):
        start = time.perf_counter()
        allocate(needs, stock, partners, Policy(date=DAY, share=share))
        best = min(best, time.perf_counter() - start)
    return best


def shares_compared(structures: int, lots: int, repeat: int) -> dict[Share, tuple[float, float]]:
    """Best wall and CPU times (``os.times``: user + system) of ``--share equitable`` and
    ``--share demande``, run in turns on the same data (a busy machine slows both alike)."""
    needs, stock, partners = synthetic(structures, lots)
    best = {share: (float("inf"), float("inf")) for share in (Share.EQUITABLE, Share.DEMANDE)}
    for _ in range(repeat):
        for share in best:
            start, cpu = time.perf_counter(), _cpu()
            allocate(needs, stock, partners, Policy(date=DAY, share=share))
            wall, used = time.perf_counter() - start, _cpu() - cpu
            best[share] = (min(best[share][0], wall), min(best[share][1], used))
    return best


def phases(structures: int, lots: int, repeat: int) -> dict[Share, dict[str, float]]:
    """Where the CPU time goes, best of ``repeat`` for each phase: ``setup`` (sorting,
    stock, what each structure wants), ``rounds`` (with fair shares, each round apart and
    the arrays of ``local.Rows`` in ``arrays``), ``unmet`` (recording what is left short)
    and ``total``; measured at the engine's function boundaries."""
    from ordis_cli.allocation import engine

    needs, stock, partners = synthetic(structures, lots)
    marks: dict[str, float] = {}

    def timed(name: str, function: Any) -> Any:
        def wrapper(*args: Any, **kwargs: Any) -> Any:
            start = time.process_time()
            marks.setdefault(name + " start", start)
            result = function(*args, **kwargs)
            label = f"round {args[5]}" if name == "share_round" else name  # its scope
            marks[label] = marks.get(label, 0.0) + time.process_time() - start
            marks[name + " end"] = time.process_time()
            return result

        return wrapper

    names = ("_wanted", "Rows", "share_round", "_unmet")
    originals = {name: getattr(engine, name) for name in names}
    best: dict[Share, dict[str, float]] = {}
    try:
        for name, function in originals.items():
            setattr(engine, name, timed(name, function))
        for _ in range(repeat):
            for share in (Share.EQUITABLE, Share.DEMANDE):
                marks.clear()
                start = time.process_time()
                allocate(needs, stock, partners, Policy(date=DAY, share=share))
                total = time.process_time() - start
                found = {
                    "setup": marks["_wanted end"] - start,
                    "rounds": marks["_unmet start"] - marks["_wanted end"] - marks.get("Rows", 0),
                    "arrays": marks.get("Rows", 0.0),
                    "unmet": marks["_unmet"],
                    "total": total,
                    **{key: value for key, value in marks.items() if key.startswith("round ")},
                }
                kept = best.setdefault(share, {})
                for key, value in found.items():
                    kept[key] = min(kept.get(key, value), value)
    finally:
        for name, function in originals.items():
            setattr(engine, name, function)
    return best


def _cpu() -> float:
    times = os.times()
    return times.user + times.system


def timed(command: list[str], repeat: int) -> float:
    best = float("inf")
    for _ in range(repeat):
        start = time.perf_counter()
        subprocess.run(command, check=True, capture_output=True)
        best = min(best, time.perf_counter() - start)
    return best


def end_to_end(structures: int, lots: int, repeat: int, out: Path) -> tuple[float, float]:
    from ordis_cli.actions.sample import (
        DONATION_COLUMNS,
        NEEDS_COLUMNS,
        donation_rows,
        needs_rows,
        write_xlsx,
    )

    out.mkdir(parents=True, exist_ok=True)
    needs, donations = out / f"alloc_besoins_{structures}.xlsx", out / f"alloc_dons_{lots}.xlsx"
    if not needs.exists():
        write_xlsx(needs, "besoins", NEEDS_COLUMNS, needs_rows(structures, seed=3))
    if not donations.exists():
        write_xlsx(donations, "dons", DONATION_COLUMNS, donation_rows(lots, seed=3))
    bare = (
        "import python_calamine as pc\n"
        f"for p in ({str(needs)!r}, {str(donations)!r}):\n"
        "    pc.CalamineWorkbook.from_path(p).get_sheet_by_index(0).to_python()\n"
    )
    with tempfile.TemporaryDirectory() as folder:
        ours = timed(
            [
                sys.executable,
                "-m",
                "ordis_cli",
                "allocate",
                "--needs",
                str(needs),
                "--donations",
                str(donations),
                "--dry-run",
                "--format",
                "json",
                "--ledger",
                str(Path(folder) / "l.db"),
                "--date",
                "2020-05-20",
            ],
            repeat,
        )
    return timed([sys.executable, "-c", bare], repeat), ours


def writing(lines: int, repeat: int) -> tuple[float, float]:
    from openpyxl import Workbook
    from openpyxl.worksheet.datavalidation import DataValidation

    from ordis_cli.dispatch.columns import DISPATCH
    from ordis_cli.dispatch.partner_workbook import write_dispatch

    rows = [
        [
            f"E1-{i:05d}",
            f"D{i % 900}",
            "Groupe Héliade",
            "portable",
            3,
            f"{i:09d}",
            "MECS Les Tilleuls",
            "12 rue des Écoles",
            "69003",
            "Lyon",
            "69",
            "Camille Martin",
            "0478000000",
            "camille@exemple.org",
            None,
            None,
            None,
        ]
        for i in range(lines)
    ]

    def with_openpyxl(path: Path) -> None:
        book = Workbook(write_only=True)
        sheet = book.create_sheet("expeditions")
        sheet.freeze_panes = "A2"
        sheet.auto_filter.ref = f"A1:Q{lines + 1}"
        for letter in "ABCDEFGHIJKLMNOPQ":
            sheet.column_dimensions[letter].width = 16
        check = DataValidation(type="date", operator="greaterThanOrEqual", formula1="43831")
        check.add(f"O2:O{lines + 1}")
        sheet.data_validations.append(check)
        sheet.page_setup.orientation = "landscape"
        sheet.sheet_properties.pageSetUpPr.fitToPage = True
        sheet.append(list(DISPATCH))
        for row in rows:
            sheet.append(row)
        book.save(path)

    with tempfile.TemporaryDirectory() as folder:
        ours = min(
            _clock(lambda: write_dispatch(Path(folder) / "a.xlsx", rows, "fr"))
            for _ in range(repeat)
        )
        theirs = min(_clock(lambda: with_openpyxl(Path(folder) / "b.xlsx")) for _ in range(repeat))
    return ours, theirs


def _clock(action: object) -> float:
    assert callable(action)
    start = time.perf_counter()
    action()
    return time.perf_counter() - start


def shares(structures: int, lots: int, repeat: int) -> None:
    """Print fair shares against first come, wall and CPU time, with the machine's load."""
    best = shares_compared(structures, lots, repeat)
    (fair, fair_cpu), (first, first_cpu) = best[Share.EQUITABLE], best[Share.DEMANDE]
    load = ", ".join(f"{x:.1f}" for x in os.getloadavg())
    print(
        f"core, {structures:,} structures: --share equitable {fair:.2f} s (CPU {fair_cpu:.2f} s), "
        f"demande {first:.2f} s (CPU {first_cpu:.2f} s), ratio {fair / first:.2f} wall, "
        f"{fair_cpu / first_cpu:.2f} CPU (target ≤ 1.2), best of {repeat}, load {load}"
    )


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--small", action="store_true", help="a quick smoke run")
    parser.add_argument(
        "--smoke", action="store_true", help="every step at the smallest size (the tests' run)"
    )
    parser.add_argument("--out", type=Path, default=OUT)
    parser.add_argument(
        "--shares-only", action="store_true", help="only --share equitable against demande"
    )
    parser.add_argument("--repeat", type=int, default=0, help="runs of each (best kept)")
    parser.add_argument(
        "--phases", action="store_true", help="CPU time by phase and round, equitable and demande"
    )
    args = parser.parse_args()
    quick = args.small or args.smoke
    n, lots, repeat = (
        (200, 40, 1) if args.smoke else (2_000, 400, 1) if args.small else (100_000, 20_000, 3)
    )
    if args.repeat:
        repeat = args.repeat
    if args.shares_only:
        for size in (n, 10 * n):
            shares(size, lots, repeat if size == n else max(repeat // 2, 1))
        return 0
    if args.phases:
        for share, found in phases(n, lots, repeat).items():
            print(f"{share.value}: " + ", ".join(f"{k} {v:.3f} s" for k, v in found.items()))
        return 0
    small, large = core(n, lots, repeat), core(10 * n, lots, 1 if quick else 2)
    growth = 10 * math.log(10 * n) / math.log(n)
    print(f"core, {n:,} structures × {lots:,} lots: {small:.2f} s (target ≤ 1 s)")
    print(
        f"core, {10 * n:,} structures × {lots:,} lots: {large:.2f} s — growth "
        f"{large / small:.1f}× for 10× the structures (n·log n: {growth:.1f}×)"
    )
    for size in (n, 10 * n):  # fair shares (the default) against first come, in turns
        shares(size, lots, repeat if size == n else max(repeat - 1, 1))
    bare, ours = end_to_end(n, lots, repeat, args.out)
    print(
        f"end to end, allocate --dry-run from xlsx: {ours:.2f} s, bare read {bare:.2f} s, "
        f"ratio {ours / bare:.2f} (target ≤ 3)"
    )
    count = n if quick else 50_000
    xlsxwriter_time, openpyxl_time = writing(count, repeat)
    print(
        f"writing {count:,} shipment lines: XlsxWriter {xlsxwriter_time:.2f} s, openpyxl "
        f"write-only {openpyxl_time:.2f} s ({openpyxl_time / xlsxwriter_time:.1f}×)"
    )
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
