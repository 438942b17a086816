"""Validation speed and memory against a bare read of the same file, in the same run.

    python benchmarks/bench_validate.py                 # 100,000 rows, xlsx and CSV
    python benchmarks/bench_validate.py --rows 2000     # a quick smoke run
    python benchmarks/bench_validate.py --rows 500 --repeat 1 --quick   # the suite's
    python benchmarks/bench_validate.py --million       # adds 1,000,000 CSV rows (memory)
    python benchmarks/bench_validate.py --contained     # only: contained vs in-process

Each measurement is a fresh Python process timed from its start to its end (imports
included), best of ``--repeat`` runs; peak memory is the child's high-water resident set size.
Baselines: python-calamine reading the whole sheet (``to_python``) for xlsx, and
``pandas.read_csv`` (C engine, every column as text) for CSV: the fastest bare reads of
those files we know. The input files are generated once with ``ordis sample``'s code and
kept in ``benchmarks/out/``.
"""

from __future__ import annotations

import argparse
import json
import os
import subprocess
import sys
import time
from pathlib import Path

OUT = Path(__file__).parent / "out"  # where inputs are kept between runs (--out)

BARE_XLSX = """
import python_calamine as pc
book = pc.CalamineWorkbook.from_path({path!r})
rows = book.get_sheet_by_index(0).to_python()
assert len(rows) > 1
"""

BARE_CSV = """
import pandas as pd
frame = pd.read_csv({path!r}, sep=";", encoding="cp1252", dtype=str, keep_default_na=False)
assert len(frame) > 1
"""

ORDIS = """
from pathlib import Path
from ordis_cli.actions.validate import ValidationOptions, validate_files
report = validate_files([Path({path!r})], ValidationOptions())
assert report.files[0].rows > 1 and report.files[0].readable
"""

# Peak memory is the child's VmHWM: unlike ru_maxrss it is not inherited across exec from
# the parent that generated the inputs.
CHILD = """
{body}
peak = next(line for line in open("/proc/self/status") if line.startswith("VmHWM"))
print(__import__("json").dumps({{"peak_mb": int(peak.split()[1]) / 1024}}))
"""


# The cost of containment (``reading/contained.py``): the same validation timed inside a
# fresh process (imports excluded), contained (a forked child sends back the file's report,
# with ``keep_data`` the clean columns too) or in-process (ORDIS_CONTAINED=0); the processes
# alternate, best of ``repeat`` each. A fresh process each time, as the CLI runs: a fork of
# a process whose heap is already large costs more (copy-on-write of reused pages).
CONTAINED = """
import json, time
from pathlib import Path
from ordis_cli.validation import ValidationOptions
from ordis_cli.validation.service import validate_inputs
start = time.perf_counter()
report, _ = validate_inputs([(Path({path!r}), None)], ValidationOptions(keep_data={keep}))
spent = time.perf_counter() - start
assert report.files[0].readable and report.files[0].rows > 1
print(json.dumps(spent))
"""


def contained_cost(paths: list[Path], repeat: int) -> list[str]:
    """Rows "contained vs in-process": validate (report only) and keep_data (columns too)."""
    lines = [f"{'file':<24} {'what':<10} {'in-process':>10} {'contained':>10} {'cost':>7}"]
    for path in paths:
        for keep, what in ((False, "validate"), (True, "keep_data")):
            script = CONTAINED.format(path=str(path), keep=keep)
            best = {"0": float("inf"), "1": float("inf")}
            for _ in range(repeat):
                for switch in best:
                    done = subprocess.run(
                        [sys.executable, "-c", script],
                        capture_output=True,
                        text=True,
                        check=True,
                        env={**os.environ, "ORDIS_CONTAINED": switch},
                    )
                    best[switch] = min(best[switch], json.loads(done.stdout.split()[-1]))
            here, child = best["0"], best["1"]
            lines.append(
                f"{path.name:<24} {what:<10} {here:>9.2f}s {child:>9.2f}s "
                f"{(child - here) / here:>+7.1%}"
            )
    return lines


def make_inputs(out: Path, rows: int) -> tuple[Path, Path]:
    from ordis_cli.actions.sample import NEEDS_COLUMNS, needs_rows, write_csv, write_xlsx

    out.mkdir(parents=True, exist_ok=True)
    xlsx, csv = out / f"besoins_{rows}.xlsx", out / f"besoins_{rows}.csv"
    if not xlsx.exists() or not csv.exists():
        print(f"generating {rows:,} needs rows…", file=sys.stderr)
        data = needs_rows(rows, seed=1)[:rows]
        write_xlsx(xlsx, "besoins", NEEDS_COLUMNS, data)
        write_csv(csv, NEEDS_COLUMNS, data)
    return xlsx, csv


def make_big_csv(out: Path, rows: int) -> Path:
    from ordis_cli.actions.sample import NEEDS_COLUMNS, needs_rows, write_csv

    path = out / f"besoins_{rows}.csv"
    if not path.exists():
        print(f"generating {rows:,} needs rows…", file=sys.stderr)
        write_csv(path, NEEDS_COLUMNS, needs_rows(rows, seed=1)[:rows])
    return path


def run(body: str, path: Path, repeat: int) -> tuple[float, float]:
    """Best wall time (s) and peak memory (MB) of a fresh process running ``body``."""
    script = CHILD.format(body=body.format(path=str(path)))
    best, peak = float("inf"), 0.0
    for _ in range(repeat):
        start = time.perf_counter()
        done = subprocess.run(
            [sys.executable, "-c", script], capture_output=True, text=True, check=True
        )
        best = min(best, time.perf_counter() - start)
        peak = max(peak, json.loads(done.stdout.strip().splitlines()[-1])["peak_mb"])
    return best, peak


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--rows", type=int, default=100_000)
    parser.add_argument("--repeat", type=int, default=3)
    parser.add_argument("--million", action="store_true")
    parser.add_argument("--out", type=Path, default=OUT)
    parser.add_argument(
        "--contained",
        action="store_true",
        help="only the cost of containment, contained vs in-process",
    )
    parser.add_argument(
        "--quick", action="store_true", help="without the cost of containment (smoke run)"
    )
    args = parser.parse_args()
    xlsx, csv = make_inputs(args.out, args.rows)
    if args.contained:
        print("\n".join(contained_cost([xlsx, csv], args.repeat)))
        return 0
    lines = [
        f"{'file':<24} {'bare read':>10} {'ordis':>8} {'ratio':>6} {'target':>7} "
        f"{'bare MB':>8} {'ordis MB':>9}"
    ]
    cases = [(xlsx, BARE_XLSX, 2.0), (csv, BARE_CSV, 3.0)]
    if args.million:
        cases.append((make_big_csv(args.out, 1_000_000), BARE_CSV, 3.0))
    for path, bare, target in cases:
        bare_time, bare_mb = run(bare, path, args.repeat)
        ours_time, ours_mb = run(ORDIS, path, args.repeat)
        ratio = ours_time / bare_time
        verdict = "met" if ratio <= target else "missed"
        lines.append(
            f"{path.name:<24} {bare_time:>9.2f}s {ours_time:>7.2f}s {ratio:>6.2f} "
            f"{'≤' + str(target):>7} {bare_mb:>8.0f} {ours_mb:>9.0f}  {verdict}"
        )
    if not args.quick:
        lines += ["", *contained_cost([xlsx, csv], args.repeat)]
    print("\n".join(lines))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
