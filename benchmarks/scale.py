"""Every stage of a week at national scale against a bare baseline, in one run (issue 14).

    python benchmarks/scale.py                          # 10,000 and 100,000 structures
    python benchmarks/scale.py --sizes 1000000 --repeat 1
    python benchmarks/scale.py --sizes 1000000 --stages validate-csv allocate-dry
    python benchmarks/scale.py --quick                  # 1,000 structures, once: a quick check

Lots are structures / 5. Inputs come from ``ordis sample`` (same seed, kept in
``benchmarks/out/scale-<n>/`` between runs). Each measurement is a fresh process timed from
its start to its end (imports included), best of ``--repeat``, in wall seconds and in CPU
seconds (user + system of the process and the children it waited for, from ``wait4``: what a
loaded machine changes least; a contained read's child counts, and a command whose child
reads while the parent works shows more CPU than wall); peak memory is the largest resident
set of the process or of such a child. The stages and their baselines:

- validate-xlsx: ``ordis validate besoins.xlsx`` / python-calamine reads the sheet;
- validate-csv: ``ordis validate besoins.csv`` / ``pandas.read_csv`` (C engine, text);
- allocate-dry: ``ordis allocate --dry-run`` on the CSV files / the three ``read_csv``;
- allocate: ``ordis allocate`` (workbooks written, run recorded) / those reads plus
  XlsxWriter writing the same cells;
- import: ``ordis deliveries import`` of every partner's workbook, each line delivered /
  python-calamine reads those workbooks;
- report: ``ordis report --format json`` / the report's ``GROUP BY`` queries in bare SQLite.

The bare write is timed inside its process, wall and CPU (the cells it writes are loaded
first, untimed), and added to the bare reads' times.
"""

from __future__ import annotations

import argparse
import json
import os
import shutil
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

from ordis_cli.actions.sample import XLSX_MAX_STRUCTURES

OUT = Path(__file__).parent / "out"
RUN_DATE = "2020-05-20"
DELIVERED_ON = "2020-05-27"
AS_OF = "2020-06-01"
ORDIS = [sys.executable, "-m", "ordis_cli"]

BARE_CALAMINE = """
import sys, python_calamine as pc
for path in sys.argv[1:]:
    book = pc.CalamineWorkbook.from_path(path)
    for name in book.sheet_names:
        book.get_sheet_by_name(name).to_python()
"""

BARE_CSV = """
import sys, pandas as pd
for path in sys.argv[1:]:
    pd.read_csv(path, sep=";", encoding="cp1252", dtype=str, keep_default_na=False)
"""

# The cells of the workbooks ordis wrote, loaded first, then written again by XlsxWriter
# (constant memory, strings and numbers as they are); only the writing is timed.
BARE_WRITE = """
import pickle, sys, time, xlsxwriter
with open(sys.argv[1], "rb") as source:
    books = pickle.load(source)
started, cpu = time.perf_counter(), time.process_time()
for number, sheets in enumerate(books):
    book = xlsxwriter.Workbook(f"{sys.argv[2]}/{number}.xlsx", {"constant_memory": True})
    for name, rows in sheets:
        sheet = book.add_worksheet(name)
        for index, row in enumerate(rows):
            sheet.write_row(index, 0, row)
    book.close()
print(time.perf_counter() - started, time.process_time() - cpu)
"""

BARE_SQL = """
import sqlite3, sys
db = sqlite3.connect(sys.argv[1])
live = "JOIN runs r ON r.id = s.run_id WHERE r.status = 'active' AND s.cancelled_at IS NULL"
for query in (
    f"SELECT s.departement, s.counted_as, SUM(s.quantity) FROM shipments s {live} GROUP BY 1, 2",
    f"SELECT s.departement, s.counted_as, SUM(s.delivered_quantity) FROM shipments s {live} "
    "AND s.delivered_on IS NOT NULL GROUP BY 1, 2",
    f"SELECT s.departement, COUNT(DISTINCT s.structure_id) FROM shipments s {live} "
    "AND s.delivered_on IS NOT NULL GROUP BY 1",
    f"SELECT strftime('%Y-%W', s.delivered_on), SUM(s.delivered_quantity) FROM shipments s {live} "
    "AND s.delivered_on IS NOT NULL GROUP BY 1",
    f"SELECT s.shipper, s.donor_type, SUM(s.quantity), SUM(s.delivered_quantity) "
    f"FROM shipments s {live} GROUP BY 1, 2",
    "SELECT SUM(portable), SUM(fixe), SUM(tablette), SUM(box_4g) FROM needs",
):
    db.execute(query).fetchall()
"""


@dataclass
class Measure:
    seconds: float
    peak_mb: float
    cpu: float = 0.0  # user + system seconds, the process's and its waited-for children's


@dataclass
class Row:
    stage: str
    size: int
    ours: Measure
    bare: Measure

    @property
    def ratio(self) -> float:
        return self.ours.seconds / self.bare.seconds

    @property
    def cpu_ratio(self) -> float:
        return self.ours.cpu / self.bare.cpu if self.bare.cpu else float("nan")

    def markdown(self) -> str:
        return (
            f"| {self.stage} | {self.size:,} | {self.ours.seconds:.2f} | {self.bare.seconds:.2f} "
            f"| {self.ratio:.2f}× | {self.ours.cpu:.2f} | {self.bare.cpu:.2f} "
            f"| {self.cpu_ratio:.2f}× | {self.ours.peak_mb:,.0f} | {self.bare.peak_mb:,.0f} |"
        )


def run(command: list[str], ok: tuple[int, ...] = (0,)) -> tuple[Measure, str]:
    """One fresh process: wall time and peak resident memory (its own, or a waited-for
    child's, such as a contained read's)."""
    with tempfile.TemporaryFile() as out, tempfile.TemporaryFile() as err:
        started = time.perf_counter()
        process = subprocess.Popen(command, stdout=out, stderr=err)
        _, status, usage = os.wait4(process.pid, 0)
        seconds = time.perf_counter() - started
        process.returncode = os.waitstatus_to_exitcode(status)
        out.seek(0)
        err.seek(0)
        printed, complaint = out.read().decode(), err.read().decode()
    if process.returncode not in ok:
        shown = " ".join(str(part) for part in command[:6])
        raise SystemExit(f"{shown}… exited {process.returncode}:\n{complaint[-2000:]}")
    cpu = usage.ru_utime + usage.ru_stime
    return Measure(seconds, usage.ru_maxrss / 1024, cpu), printed


def best(
    command: list[str],
    repeat: int,
    ok: tuple[int, ...] = (0,),
    before: Callable[[], object] | None = None,
) -> Measure:
    """The fastest of ``repeat`` runs (``before`` prepares each), and the highest peak."""
    measures = []
    for _ in range(repeat):
        if before is not None:
            before()
        measures.append(run(command, ok)[0])
    return Measure(
        min(m.seconds for m in measures),
        max(m.peak_mb for m in measures),
        min(m.cpu for m in measures),
    )


def inputs(size: int, file_format: str) -> Path:
    """``ordis sample``'s files for ``size`` structures, made once and kept."""
    folder = OUT / f"scale-{size}" / file_format
    if not (folder / f"besoins.{file_format}").exists():
        shutil.rmtree(folder, ignore_errors=True)
        folder.parent.mkdir(parents=True, exist_ok=True)
        command = ["sample", "--out", str(folder), "--structures", str(size)]
        command += ["--lots", str(max(1, size // 5)), "--file-format", file_format, "--quiet"]
        run([*ORDIS, *command])
    return folder


def returned(dispatch: Path, target: Path) -> list[Path]:
    """Each partner's workbook as it comes back: every line delivered in full on one day,
    every other cell as ordis wrote it (copied by value)."""
    import python_calamine as pc
    import xlsxwriter

    target.mkdir(parents=True, exist_ok=True)
    paths = []
    for source in sorted(dispatch.glob("expeditions_*.xlsx")):
        book = pc.CalamineWorkbook.from_path(str(source))
        copy = xlsxwriter.Workbook(str(target / source.name), {"constant_memory": True})
        for name in book.sheet_names:
            rows = book.get_sheet_by_name(name).to_python()
            sheet = copy.add_worksheet(name)
            if name.startswith(("expeditions", "shipments")) and rows:
                header = [str(cell) for cell in rows[0]]
                at = {_folded(cell): index for index, cell in enumerate(header)}
                date_at, done_at = _column(at, "livre"), _column(at, "quantitelivree")
                shipped_at = _column(at, "quantite")
                for row in rows[1:]:
                    row[date_at], row[done_at] = DELIVERED_ON, row[shipped_at]
            for index, row in enumerate(rows):
                sheet.write_row(index, 0, ["" if cell is None else cell for cell in row])
        copy.close()
        paths.append(target / source.name)
    return paths


def _folded(header: str) -> str:
    from ordis_cli.textnorm import fold

    return "".join(ch for ch in fold(header) if ch.isalnum())


def _column(at: dict[str, int], start: str) -> int:
    exact = at.get(start)
    if exact is not None:
        return exact
    return next(index for name, index in at.items() if name.startswith(start))


def cells_of(folder: Path, target: Path) -> None:
    """The cells of every workbook ordis wrote in ``folder``, pickled for the bare write."""
    import pickle

    import python_calamine as pc

    books = []
    for path in sorted(folder.rglob("*.xlsx")):
        book = pc.CalamineWorkbook.from_path(str(path))
        books.append(
            [
                (name, [["" if c is None else c for c in row] for row in rows])
                for name in book.sheet_names
                for rows in [book.get_sheet_by_name(name).to_python()]
            ]
        )
    target.write_bytes(pickle.dumps(books, protocol=5))


def apart(step: str, source: Path, target: Path) -> None:
    """Run a preparing step in its own process: this one stays small, so that the processes
    it starts do not inherit a large resident set into their measured peak."""
    run([sys.executable, __file__, "--step", step, str(source), str(target)])


STAGES = ("validate-xlsx", "validate-csv", "allocate-dry", "allocate", "import", "report")


def stages(size: int, repeat: int, work: Path, wanted: tuple[str, ...] = STAGES) -> list[Row]:
    """The ``wanted`` stages at ``size`` (``import`` and ``report`` run an allocate first)."""
    csv = inputs(size, "csv")
    needs, donations, partners = (
        csv / f"{name}.csv" for name in ("besoins", "dons", "partenaires")
    )
    py = [sys.executable, "-c"]
    found: list[Row] = []

    def add(stage: str, ours: Measure, bare: Measure) -> None:
        found.append(Row(stage, size, ours, bare))
        print(found[-1].markdown(), flush=True)

    if "validate-xlsx" in wanted and size > XLSX_MAX_STRUCTURES:
        print(
            f"| validate-xlsx | {size:,} | — (a workbook that large is read in more than 1 GB: "
            "`ordis sample` writes it as CSV only) |",
            flush=True,
        )
    elif "validate-xlsx" in wanted:
        xlsx = inputs(size, "xlsx")
        add(
            "validate-xlsx",
            best([*ORDIS, "validate", str(xlsx / "besoins.xlsx"), "--quiet"], repeat, (0, 1)),
            best([*py, BARE_CALAMINE, str(xlsx / "besoins.xlsx")], repeat),
        )
    if "validate-csv" in wanted:
        add(
            "validate-csv",
            best([*ORDIS, "validate", str(needs), "--quiet"], repeat, (0, 1)),
            best([*py, BARE_CSV, str(needs)], repeat),
        )
    reads = best([*py, BARE_CSV, str(needs), str(donations), str(partners)], repeat)
    allocate = [*ORDIS, "allocate", "--needs", str(needs), "--donations", str(donations)]
    allocate += ["--partners", str(partners), "--date", RUN_DATE, "--quiet"]
    ledger, out = work / "ordis.db", work / "envois"
    if "allocate-dry" in wanted:
        add("allocate-dry", best([*allocate, "--ledger", str(ledger), "--dry-run"], repeat), reads)
    if not {"allocate", "import", "report"} & set(wanted):
        return found

    def fresh() -> None:
        ledger.unlink(missing_ok=True)
        shutil.rmtree(out, ignore_errors=True)

    ours = best([*allocate, "--ledger", str(ledger), "--out", str(out)], repeat, before=fresh)
    cells = work / "cells.pickle"
    apart("cells_of", out, cells)
    written = work / "bare-write"
    writes = []
    for _ in range(repeat):
        shutil.rmtree(written, ignore_errors=True)
        written.mkdir()
        wall, cpu = run([*py, BARE_WRITE, str(cells), str(written)])[1].split()
        writes.append((float(wall), float(cpu)))
    wall, cpu = min(writes)
    add("allocate", ours, Measure(reads.seconds + wall, reads.peak_mb, reads.cpu + cpu))

    apart("returned", out, work / "retours")
    back = sorted((work / "retours").glob("*.xlsx"))
    kept = work / "after-allocate.db"
    shutil.copyfile(ledger, kept)
    add(
        "import",
        best(
            [*ORDIS, "deliveries", "import", *map(str, back), "--ledger", str(ledger), "--quiet"],
            repeat,
            before=lambda: shutil.copyfile(kept, ledger),
        ),
        best([*py, BARE_CALAMINE, *map(str, back)], repeat),
    )
    report = [*ORDIS, "report", "--format", "json", "--ledger", str(ledger), "--as-of", AS_OF]
    add("report", best(report, repeat), best([*py, BARE_SQL, str(ledger)], repeat))
    return found


HEADER = (
    "| stage | structures | ordis s | bare s | ratio | ordis CPU s | bare CPU s | CPU ratio "
    "| ordis peak MB | bare peak MB |\n"
    "|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|"
)


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--sizes", type=int, nargs="+", default=[10_000, 100_000])
    parser.add_argument("--repeat", type=int, default=3)
    parser.add_argument("--quick", action="store_true", help="1,000 structures, once")
    parser.add_argument("--json", type=Path, help="also write the rows here")
    parser.add_argument(
        "--stages",
        nargs="+",
        choices=STAGES,
        default=list(STAGES),
        help="only these (import and report need an allocate, which is then measured too)",
    )
    parser.add_argument("--step", nargs=3, help=argparse.SUPPRESS)
    arguments = parser.parse_args()
    if arguments.step:
        step, source, target = arguments.step
        {"returned": returned, "cells_of": cells_of}[step](Path(source), Path(target))
        return 0
    sizes, repeat = ([1_000], 1) if arguments.quick else (arguments.sizes, arguments.repeat)
    load = os.getloadavg()[0]
    print(f"load average {load:.1f}, best of {repeat}, lots = structures / 5\n")
    print(HEADER, flush=True)
    rows: list[Row] = []
    for size in sizes:
        with tempfile.TemporaryDirectory(prefix="ordis-scale-") as work:
            rows += stages(size, repeat, Path(work), tuple(arguments.stages))
    if arguments.json:
        arguments.json.write_text(
            json.dumps(
                [
                    {
                        "stage": row.stage,
                        "structures": row.size,
                        "ours_s": row.ours.seconds,
                        "bare_s": row.bare.seconds,
                        "ratio": row.ratio,
                        "ours_cpu_s": row.ours.cpu,
                        "bare_cpu_s": row.bare.cpu,
                        "cpu_ratio": row.cpu_ratio,
                        "ours_peak_mb": row.ours.peak_mb,
                        "bare_peak_mb": row.bare.peak_mb,
                    }
                    for row in rows
                ],
                indent=1,
            )
        )
    return 0


if __name__ == "__main__":
    sys.exit(main())
