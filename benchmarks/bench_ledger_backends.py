"""The ledger on PostgreSQL against SQLite, end to end, in one run (issue 13).

    python benchmarks/bench_ledger_backends.py             # 100,000 structures x 20,000 lots
    python benchmarks/bench_ledger_backends.py --small     # a quick smoke run

For each back-end, on a new ledger: ``ordis allocate`` (reading the two workbooks, the
allocation, recording the run — its shipments, the needs and lots, in one transaction — and
writing the dispatch workbooks), then ``ordis report --format json``; each a fresh process
timed from its start to its end. The two reports must be equal. PostgreSQL: the server
``ORDIS_BENCH_POSTGRES_URL`` names (a database in it is created per run), else a throwaway
local one started as the tests do (``tests/pg_server.py``). The input files are made once
by the sample generator and kept in ``benchmarks/out/`` (ignored by git).
"""

from __future__ import annotations

import argparse
import os
import subprocess
import sys
import tempfile
import time
import uuid
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
OUT = ROOT / "benchmarks" / "out"
sys.path.insert(0, str(ROOT / "tests"))

import pg_server  # noqa: E402  (the tests' throwaway server)

ORDIS = [sys.executable, "-m", "ordis_cli"]


def inputs(structures: int, lots: int) -> Path:
    folder = OUT / f"ledger-{structures}-{lots}"
    if not (folder / "dons.xlsx").exists():  # written here: the timed runs are the others
        from ordis_cli.actions.sample import write_sample

        folder.parent.mkdir(parents=True, exist_ok=True)
        write_sample(folder, structures=structures, lots=lots)
    return folder


def timed(command: list[str]) -> tuple[float, str]:
    start = time.perf_counter()
    done = subprocess.run(command, check=False, capture_output=True, text=True)
    took = time.perf_counter() - start
    if done.returncode != 0:
        raise SystemExit(f"{' '.join(command[3:5])} failed: {done.stderr[-2000:]}")
    return took, done.stdout


def one_backend(ledger: str, data: Path, out: Path) -> tuple[float, float, str]:
    allocate, _ = timed(
        [
            *ORDIS,
            "allocate",
            "--needs",
            str(data / "besoins.xlsx"),
            "--donations",
            str(data / "dons.xlsx"),
            "--partners",
            str(data / "partenaires.xlsx"),
            "--ledger",
            ledger,
            "--out",
            str(out),
            "--date",
            "2020-04-20",
            "--quiet",
        ]
    )
    report, figures = timed(
        [*ORDIS, "report", "--ledger", ledger, "--as-of", "2020-05-01", "--format", "json"]
    )
    return allocate, report, figures


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--small", action="store_true", help="2,000 structures x 400 lots")
    parser.add_argument("--structures", type=int, default=100_000)
    parser.add_argument("--lots", type=int, default=20_000)
    args = parser.parse_args()
    structures, lots = (2_000, 400) if args.small else (args.structures, args.lots)
    data = inputs(structures, lots)
    given = os.environ.get("ORDIS_BENCH_POSTGRES_URL")
    server = pg_server.Server(given, None, None) if given else None
    if server is None:
        server, why = pg_server.start()
        if server is None:
            raise SystemExit(f"no PostgreSQL server: {why}")
    try:
        import psycopg

        name = f"ordis_bench_{uuid.uuid4().hex[:12]}"
        with psycopg.connect(server.url, autocommit=True) as connection:
            connection.execute(f"CREATE DATABASE {name} TEMPLATE template0")
        with tempfile.TemporaryDirectory(prefix="ordis-bench-") as scratch:
            folder = Path(scratch)
            sqlite = one_backend(str(folder / "ordis.db"), data, folder / "sqlite")
            postgres = one_backend(server.database_url(name), data, folder / "postgresql")
        with psycopg.connect(server.url, autocommit=True) as connection:
            connection.execute(f"DROP DATABASE {name}")
    finally:
        server.stop()
    if sqlite[2] != postgres[2]:
        raise SystemExit("the two reports differ")
    print(f"{structures:,} structures x {lots:,} lots (same report on both: yes)")
    print("| step | SQLite | PostgreSQL | ratio |")
    print("|---|---:|---:|---:|")
    for label, index in (("allocate (end to end)", 0), ("report --format json", 1)):
        print(
            f"| {label} | {sqlite[index]:.2f} s | {postgres[index]:.2f} s | "
            f"{postgres[index] / sqlite[index]:.2f} |"
        )
    total_s, total_p = sqlite[0] + sqlite[1], postgres[0] + postgres[1]
    print(
        f"| **both** | {total_s:.2f} s | {total_p:.2f} s | {total_p / total_s:.2f} (target ≤ 1.5) |"
    )


if __name__ == "__main__":
    main()
