"""``--method optimal`` against the greedy: time, peak memory, units given to ``urgente``.

    python benchmarks/bench_optimal.py            # 10,000 and 100,000 structures
    python benchmarks/bench_optimal.py --small    # a quick smoke run
    python benchmarks/bench_optimal.py --smoke    # the smallest, the test suite's run

The data is ``bench_allocate.synthetic`` (every département, four device types, three
partners: one national with a capacity, two regional ones) with lots = structures / 5. Each
figure is a fresh Python process (so the peak resident set, VmHWM, is that plan's alone, the
data included) running ``allocate`` once, timed around the call only (wall and CPU time,
``os.times``: on a busy machine the CPU time is the one to compare).
"""

from __future__ import annotations

import argparse
import json
import os
import subprocess
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).parent))

from bench_allocate import DAY, synthetic

from ordis_cli.allocation import Policy, allocate
from ordis_cli.allocation.policy import Method, Share

PLANS = {
    "glouton-demande": (Share.DEMANDE, Method.GLOUTON),
    "glouton-equitable": (Share.EQUITABLE, Method.GLOUTON),
    "optimal": (Share.EQUITABLE, Method.OPTIMAL),
}


def _peak_mb() -> float:
    for line in Path("/proc/self/status").read_text().splitlines():
        if line.startswith("VmHWM:"):
            return int(line.split()[1]) / 1024
    import resource

    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


def one(plan: str, structures: int) -> dict[str, float]:
    """Run one plan in this process; its time, peak memory and units by level."""
    needs, stock, partners = synthetic(structures, structures // 5)
    share, method = PLANS[plan]
    start, cpu = time.perf_counter(), os.times()
    result = allocate(needs, stock, partners, Policy(date=DAY, share=share, method=method))
    seconds, used = time.perf_counter() - start, os.times()
    cpu_seconds = used.user + used.system - cpu.user - cpu.system
    level = {s.id: s.priority for s in needs}
    units = dict.fromkeys(("urgente", "haute", "normale"), 0)
    for line in result.shipments:
        units[level[line.structure_id]] += line.quantity
    return {"seconds": seconds, "cpu": cpu_seconds, "peak_mb": _peak_mb(), **units}


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--small", action="store_true", help="a quick smoke run")
    parser.add_argument("--smoke", action="store_true", help="200 structures (the tests' run)")
    parser.add_argument("--one", nargs=2, metavar=("PLAN", "STRUCTURES"), help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.one:
        print(json.dumps(one(args.one[0], int(args.one[1]))))
        return 0
    sizes = (200,) if args.smoke else (1_000,) if args.small else (10_000, 100_000)
    print("| structures × lots | plan | seconds | CPU s | peak MB | urgente | haute | normale |")
    print("|---|---|---:|---:|---:|---:|---:|---:|")
    for size in sizes:
        for plan in PLANS:
            child = subprocess.run(
                [sys.executable, __file__, "--one", plan, str(size)],
                capture_output=True,
                text=True,
                check=True,
            )
            got = json.loads(child.stdout)
            print(
                f"| {size:,} × {size // 5:,} | {plan} | {got['seconds']:.2f} | {got['cpu']:.2f} | "
                f"{got['peak_mb']:.0f} | {got['urgente']:,} | {got['haute']:,} | "
                f"{got['normale']:,} |"
            )
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
