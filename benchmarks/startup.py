"""Start-up time of the ``ordis`` program against a bare Python start, in the same run.

    python benchmarks/startup.py              # 15 runs of each command
    python benchmarks/startup.py --quick      # 1 run each: a smoke run
    python benchmarks/startup.py --quick --ledger L   # ... on ledger L instead of a demo's

Each figure is the median wall time of a fresh process, from its start to its end: the
installed ``ordis`` entry point (the script next to this Python, not a pyenv shim, whose
own start would be timed too), against ``python -c pass``. The commands are run in turn, one
of each per round, so a busy machine slows them all alike. ``runs list`` is timed on a
missing ledger (refused, exit 2) and on the small ledger ``ordis demo`` writes, made once in
a temporary folder (or on the ledger ``--ledger`` names: the test suite's smoke run gives
its sample run's, made already, instead of spending 4 s on a demo).
"""

from __future__ import annotations

import argparse
import os
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path


def entry_point() -> str:
    """The ``ordis`` script installed with this Python (else the first one on PATH)."""
    beside = Path(sys.executable).parent / "ordis"
    if beside.exists():
        return str(beside)
    found = shutil.which("ordis")
    if found is None:
        raise SystemExit("no ordis entry point: pip install -e . first")
    return found


def commands(ordis: str, folder: Path, given: Path | None) -> list[tuple[str, list[str], int]]:
    """(label, argv, expected exit code) of each measure, the baseline first."""
    ledger = given or folder / "demo" / "ordis.db"
    which = "ledger given" if given else "demo ledger"
    return [
        ("python -c pass", [sys.executable, "-c", "pass"], 0),
        ("ordis --help", [ordis, "--help"], 0),
        ("ordis allocate --help", [ordis, "allocate", "--help"], 0),
        (
            "ordis runs list (missing ledger)",
            [ordis, "runs", "list", "--ledger", str(folder / "missing.db")],
            2,
        ),
        (f"ordis runs list ({which})", [ordis, "runs", "list", "--ledger", str(ledger)], 0),
    ]


def timed(argv: list[str], expected: int, env: dict[str, str]) -> float:
    start = time.perf_counter()
    done = subprocess.run(argv, capture_output=True, env=env, check=False)
    spent = time.perf_counter() - start
    if done.returncode != expected:
        raise SystemExit(
            f"{' '.join(argv)}: exit {done.returncode}, expected {expected}\n"
            f"{done.stderr.decode(errors='replace')}"
        )
    return spent


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--repeat", type=int, default=15, help="runs of each command")
    parser.add_argument("--quick", action="store_true", help="1 run each (smoke run)")
    parser.add_argument("--ledger", type=Path, help="the ledger to list (default: a new demo's)")
    args = parser.parse_args()
    repeat = 1 if args.quick else args.repeat
    ordis = entry_point()
    env = {**os.environ, "ORDIS_LANG": "fr", "COLUMNS": "100"}
    env.pop("ORDIS_LEDGER", None)
    with tempfile.TemporaryDirectory(prefix="ordis-startup-") as tmp:
        folder = Path(tmp)
        if args.ledger is None:
            timed([ordis, "demo", "--quiet", "--out", str(folder / "demo")], 0, env)
        measures = commands(ordis, folder, args.ledger)
        spent: dict[str, list[float]] = {label: [] for label, _, _ in measures}
        for _ in range(repeat):
            for label, argv, expected in measures:
                spent[label].append(timed(argv, expected, env))
    medians = {label: statistics.median(times) for label, times in spent.items()}
    baseline = medians[measures[0][0]]
    width = max(len(label) for label in medians)
    lines = [
        f"{'command':<{width}}  {'median s':>8}  {'ratio':>5}",
        f"{'-' * width}  {'-' * 8}  {'-' * 5}",
    ]
    lines += [
        f"{label:<{width}}  {median:8.3f}  {median / baseline:5.2f}"
        for label, median in medians.items()
    ]
    print(f"{repeat} runs each, median wall time")
    print("\n".join(lines))
    return 0


if __name__ == "__main__":
    sys.exit(main())
