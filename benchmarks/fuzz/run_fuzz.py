"""The long fuzzing run: thousands of mutants of every sample through ``ordis validate`` and
``ordis validate --annotate``, with the code of the suite's short run (``tests/fuzz/``).

    python benchmarks/fuzz/run_fuzz.py --mutants 5000              # seed 1, two workers
    python benchmarks/fuzz/run_fuzz.py --mutants 500 --seed 7 --keep /tmp/fuzz-failures

Prints the figures (exit codes, aborts, timeouts, worst memory, time) and every failure;
``--keep`` copies the mutants that failed, or that containment caught, into a folder.
Exit status 1 when any run ended otherwise than with exit 0, 1 or 2.
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
sys.path.insert(0, str(ROOT))

from tests.fuzz.runner import Limits, run_mutants  # noqa: E402


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--mutants", type=int, default=5000)
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument("--workers", type=int, default=2)
    parser.add_argument("--seconds", type=float, default=30.0, help="deadline of one run")
    parser.add_argument("--keep", type=Path, default=None, help="folder for failing mutants")
    args = parser.parse_args()
    summary = run_mutants(
        args.mutants,
        args.seed,
        workers=args.workers,
        limits=Limits(seconds=args.seconds),
        keep_failures=args.keep,
    )
    print(summary.text())
    return 1 if summary.failures() else 0


if __name__ == "__main__":
    raise SystemExit(main())
