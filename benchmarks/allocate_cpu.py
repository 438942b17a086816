"""The ``allocate`` row of ``scale.py`` in CPU seconds, for one or more source trees in turns.

    python benchmarks/allocate_cpu.py 100000 1                      # this tree
    python benchmarks/allocate_cpu.py 10000 3 /tmp/before /tmp/after  # two trees, interleaved

On a machine shared with other work, wall time says more about the neighbours than about
ordis: this measures user + system time of ``ordis allocate`` (children it waited for
included, through ``wait4``), of the three bare ``read_csv`` and of XlsxWriter writing the
same cells (its own ``time.process_time()``), best of REPEAT, each tree's runs interleaved
with the others' so that they share the same load. Inputs are ``scale.py``'s, kept in
``benchmarks/out``; a tree is a checkout (``git archive COMMIT | tar -x -C DIR``) run with
its own ``ordis_cli``.
"""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
import tempfile
from pathlib import Path

import scale

HERE = Path(__file__).resolve().parent


def cpu(command: list[str], cwd: str) -> tuple[float, float, str]:
    """CPU seconds, peak MB and output of ``command`` run in ``cwd``."""
    with tempfile.TemporaryFile() as out, tempfile.TemporaryFile() as err:
        process = subprocess.Popen(command, stdout=out, stderr=err, cwd=cwd)
        _, status, usage = os.wait4(process.pid, 0)
        out.seek(0)
        err.seek(0)
        if os.waitstatus_to_exitcode(status) != 0:
            raise SystemExit(err.read().decode()[-2000:])
        return usage.ru_utime + usage.ru_stime, usage.ru_maxrss / 1024, out.read().decode()


def main() -> int:
    size, repeat = int(sys.argv[1]), int(sys.argv[2])
    trees = sys.argv[3:] or [str(HERE.parent)]
    folder = scale.inputs(size, "csv")
    needs, donations, partners = (
        str(folder / f"{n}.csv") for n in ("besoins", "dons", "partenaires")
    )
    py = [sys.executable, "-c"]
    bare_write = scale.BARE_WRITE.replace("time.perf_counter()", "time.process_time()")
    found: dict[str, dict[str, list[float]]] = {
        t: {"ours": [], "reads": [], "write": [], "peak": []} for t in trees
    }
    work = Path(tempfile.mkdtemp(prefix="ordis-allocate-cpu-"))
    try:
        for _ in range(repeat):
            for tree in trees:
                row = found[tree]
                row["reads"].append(cpu([*py, scale.BARE_CSV, needs, donations, partners], tree)[0])
                out, ledger = work / "envois", work / "ordis.db"
                shutil.rmtree(out, ignore_errors=True)
                ledger.unlink(missing_ok=True)
                command = [*scale.ORDIS, "allocate", "--needs", needs, "--donations", donations]
                command += ["--partners", partners, "--date", scale.RUN_DATE, "--quiet"]
                seconds, peak, _ = cpu([*command, "--ledger", str(ledger), "--out", str(out)], tree)
                row["ours"].append(seconds)
                row["peak"].append(peak)
                cells = work / "cells.pickle"
                cpu(
                    [
                        sys.executable,
                        str(HERE / "scale.py"),
                        "--step",
                        "cells_of",
                        str(out),
                        str(cells),
                    ],
                    tree,
                )
                written = work / "bare"
                shutil.rmtree(written, ignore_errors=True)
                written.mkdir()
                row["write"].append(
                    float(cpu([*py, bare_write, str(cells), str(written)], tree)[2])
                )
    finally:
        shutil.rmtree(work, ignore_errors=True)
    print(
        f"load average {os.getloadavg()[0]:.1f}, {size:,} structures, best of {repeat}, CPU seconds"
    )
    for tree, row in found.items():
        ours, reads, write = min(row["ours"]), min(row["reads"]), min(row["write"])
        print(
            f"{tree}: ordis {ours:.2f} (peak {max(row['peak']):.0f} MB), bare reads {reads:.2f}"
            f" + write {write:.2f} = {reads + write:.2f}: {ours / (reads + write):.2f}×"
        )
    return 0


if __name__ == "__main__":
    sys.exit(main())
