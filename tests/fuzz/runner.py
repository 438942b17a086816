"""Run ``ordis validate`` and ``ordis validate --annotate`` on mutants, each in a forked child
of a process that has already imported ordis (a new ``ordis`` process would spend ~0.7 s
importing for each), under an address-space limit and a deadline, on a few workers.

For each run it records the exit code, a death by signal (an abort), a timeout, the peak
resident memory (``ru_maxrss`` of ``os.wait4``: the child and the reading child it waited
for) and, for ``validate``, the problem codes of its JSON output (``parser-crashed``,
``parser-memory`` and ``parser-timeout`` say that containment caught what the pre-scans
let through).
"""

from __future__ import annotations

import contextlib
import gc
import hashlib
import io
import json
import os
import resource
import shutil
import signal
import sys
import tempfile
import time
from collections import Counter
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from ..processes import output_to
from .mutate import Mutant, mutant

COMMANDS = ("validate", "annotate")
CONTAINED_CODES = ("parser-crashed", "parser-memory", "parser-timeout")


@dataclass(frozen=True)
class Limits:
    seconds: float = 30.0  # per run: a small mutant that takes longer is a hang
    # more than ordis's own reading child may take (1 GiB above what it inherits), so that
    # its containment, not this one, is what a hungry parser meets
    address_space: int = 3 * 1024 * 1024 * 1024


@dataclass
class Run:
    mutant: int
    base: str
    mutator: str
    command: str
    exit_code: int | None = None
    signal: str | None = None
    timed_out: bool = False
    peak_mb: float = 0.0
    seconds: float = 0.0
    codes: tuple[str, ...] = ()
    detail: str = ""  # the end of stderr, for an exit 3, an abort or a timeout


@dataclass
class Summary:
    seed: int
    mutants: int
    runs: list[Run] = field(default_factory=list)
    seconds: float = 0.0
    # resident memory of the runner when the children are forked: each child starts with it
    # (shared, not copied), so a peak above it is what the run itself took
    baseline_mb: float = 0.0

    @property
    def exit_codes(self) -> Counter[int]:
        return Counter(r.exit_code for r in self.runs if r.exit_code is not None)

    @property
    def aborts(self) -> list[Run]:
        return [r for r in self.runs if r.signal is not None and not r.timed_out]

    @property
    def timeouts(self) -> list[Run]:
        return [r for r in self.runs if r.timed_out]

    @property
    def internal_errors(self) -> list[Run]:
        return [r for r in self.runs if r.exit_code == 3]

    @property
    def worst_mb(self) -> float:
        return max((r.peak_mb for r in self.runs), default=0.0)

    @property
    def contained(self) -> Counter[str]:
        return Counter(code for r in self.runs for code in r.codes if code in CONTAINED_CODES)

    def failures(self) -> list[Run]:
        return [r for r in self.runs if r.exit_code not in (0, 1, 2)]

    def text(self) -> str:
        codes = ", ".join(f"{code}: {n}" for code, n in sorted(self.exit_codes.items()))
        mutators = Counter(r.mutator for r in self.runs if r.command == "validate")
        lines = [
            f"seed {self.seed}: {self.mutants} mutants, {len(self.runs)} runs in "
            f"{self.seconds:.1f} s",
            f"exit codes: {codes}",
            f"aborts: {len(self.aborts)}, timeouts: {len(self.timeouts)}, "
            f"worst memory: {self.worst_mb:.0f} MB (of which {self.baseline_mb:.0f} MB "
            "shared with the runner at the fork)",
            f"caught by containment: {dict(self.contained) or 0}",
            *[
                f"  {r.peak_mb:.0f} MB: {r.command} mutant {r.mutant} ({r.base}, "
                f"{r.mutator}), exit {r.exit_code}, {r.seconds:.1f} s"
                for r in sorted(self.runs, key=lambda r: -r.peak_mb)[:3]
            ],
            f"mutators: {dict(sorted(mutators.items()))}",
        ]
        lines += [
            f"  {r.command} mutant {r.mutant} ({r.base}, {r.mutator}): exit "
            f"{r.exit_code} signal {r.signal} timeout {r.timed_out} — {r.detail}"
            for r in self.failures()
        ]
        return "\n".join(lines)


def run_mutants(
    count: int,
    seed: int,
    workers: int = 2,
    limits: Limits | None = None,
    keep_failures: Path | None = None,
    first: int = 0,
    bases: list[Path] | None = None,
) -> Summary:
    """Make mutants ``first`` to ``first + count - 1`` of ``seed`` (from ``bases``, by
    default every sample) and run both commands on each, ``workers`` children at a time."""
    limits = limits or Limits()
    summary = Summary(seed, count)
    started = time.monotonic()
    with tempfile.TemporaryDirectory(prefix="ordis-fuzz-") as scratch:
        _warm_up(Path(scratch))
        resident = int(Path("/proc/self/statm").read_bytes().split()[1])
        summary.baseline_mb = resident * resource.getpagesize() / 1024 / 1024
        jobs = _jobs(Path(scratch), seed, range(first, first + count), bases)
        running: dict[int, tuple[Run, Path, float]] = {}
        while True:
            while len(running) < workers:
                job = next(jobs, None)
                if job is None:
                    break
                run, folder, args = job
                running[_start(args, folder, limits)] = (run, folder, time.monotonic())
            if not running:
                break
            _collect(running, limits, summary, keep_failures)
    summary.seconds = time.monotonic() - started
    return summary


_warmed_up = False
# the ``ordis`` command tree, built once before the first fork (as ``ordis`` builds it once
# per process): calling the Typer app would build it again in every child, 30-50 ms each
_command: Any = None


def _warm_up(scratch: Path) -> None:
    """Import here what the commands import only when first needed (pandas' whole package
    on the first CSV parser error costs 0.2 s, each encoding its codec), build the command
    tree, and run both commands on a sample of each format and on a few broken files, so
    that the children forked afterwards start in milliseconds. Once per process: what it
    loads stays."""
    global _warmed_up, _command
    if _warmed_up:
        return
    _warmed_up = True
    import encodings.cp1252
    import encodings.utf_16
    import encodings.utf_32  # noqa: F401

    import pandas
    import typer.main
    from typer.testing import CliRunner

    from ordis_cli.cli.app import app

    _command = typer.main.get_command(app)

    pandas.read_csv(io.StringIO("a;b\n1;2020-01-02\n"), sep=";", parse_dates=["b"])
    data = Path(__file__).resolve().parents[2] / "tests" / "data"
    broken = {
        "quote.csv": b'id_structure;portables\n"S1;2\n',
        "utf16.csv": "id_structure;portables\nS1;2\n".encode("utf-16"),
        "cut.xlsx": (data / "besoins_ok.xlsx").read_bytes()[:3000],
    }
    for name, content in broken.items():
        (scratch / name).write_bytes(content)
    samples = [
        data / name
        for name in (
            "besoins_ok.xlsx",
            "besoins_erreurs.csv",
            "besoins.ods",
            "besoins.xls",
            "livraisons_ok.xlsx",
        )
    ]
    for number, path in enumerate([*samples, *(scratch / name for name in broken)]):
        for args in (
            ["validate", str(path), "--format", "json"],
            [
                "validate",
                str(path),
                "--quiet",
                "--annotate",
                str(scratch / f"warm-up-{number}.xlsx"),
            ],
        ):
            CliRunner().invoke(app, args, env={"ORDIS_LANG": "fr"})


def distinct_mutants(seed: int, indexes: range, bases: list[Path] | None) -> Iterator[Mutant]:
    """As many mutants as ``indexes`` holds, each with bytes unlike any before it (a
    mutator that finds nothing to change, or makes the same change, is skipped): mutant
    indexes go on past the range's end as needed."""
    seen: set[bytes] = set()
    index = indexes.start
    while len(seen) < len(indexes):
        made = mutant(seed, index, bases)
        index += 1
        digest = hashlib.sha256(made.data).digest()
        if digest not in seen:
            seen.add(digest)
            yield made


def _jobs(
    scratch: Path, seed: int, indexes: range, bases: list[Path] | None
) -> Iterator[tuple[Run, Path, list[str]]]:
    for made in distinct_mutants(seed, indexes, bases):
        index = made.index
        for command in COMMANDS:
            folder = scratch / f"{index}-{command}"
            folder.mkdir()
            path = folder / f"mutant{made.suffix}"
            path.write_bytes(made.data)
            args = (
                ["validate", str(path), "--format", "json"]
                if command == "validate"
                else [
                    "validate",
                    str(path),
                    "--quiet",
                    "--annotate",
                    str(folder / "annotated.xlsx"),
                ]
            )
            yield Run(index, made.base, made.mutator, command), folder, args


def _start(args: list[str], folder: Path, limits: Limits) -> int:
    gc.freeze()  # the child's collections leave the runner's objects (and pages) alone
    pid = os.fork()
    if pid:
        gc.unfreeze()
        return pid
    status = 70
    try:
        signal.signal(signal.SIGINT, signal.SIG_IGN)
        output_to(folder)
        mapped = int(Path("/proc/self/statm").read_bytes().split()[0]) * resource.getpagesize()
        limit = mapped + limits.address_space
        resource.setrlimit(resource.RLIMIT_AS, (limit, limit))
        os.environ.update({"ORDIS_LANG": "fr", "COLUMNS": "100"})
        try:
            _command.main(args, prog_name="ordis")
            status = 0
        except SystemExit as done:
            status = done.code if isinstance(done.code, int) else 1
        sys.stdout.flush()
        sys.stderr.flush()
    except BaseException:
        with contextlib.suppress(BaseException):
            import traceback

            traceback.print_exc()
            sys.stderr.flush()
        status = 70
    finally:
        os._exit(status)


def _collect(
    running: dict[int, tuple[Run, Path, float]],
    limits: Limits,
    summary: Summary,
    keep_failures: Path | None,
) -> None:
    """Reap every child that ended, kill those past their deadline; sleep a little if none."""
    reaped = False
    while running:
        pid, status, usage = os.wait4(-1, os.WNOHANG)
        if pid == 0:
            break
        reaped = True
        run, folder, began = running.pop(pid)
        run.seconds = time.monotonic() - began
        run.peak_mb = usage.ru_maxrss / 1024
        if os.WIFSIGNALED(status):
            run.signal = signal.Signals(os.WTERMSIG(status)).name
        else:
            run.exit_code = os.waitstatus_to_exitcode(status)
        if run.timed_out:
            run.exit_code = None
        _read_outputs(run, folder)
        summary.runs.append(run)
        if keep_failures is not None and (
            run.exit_code not in (0, 1, 2) or set(run.codes) & set(CONTAINED_CODES)
        ):
            keep_failures.mkdir(parents=True, exist_ok=True)
            for mutant_file in folder.glob("mutant.*"):
                shutil.copy(
                    mutant_file,
                    keep_failures / f"{run.mutant}-{run.mutator}-{run.command}{mutant_file.suffix}",
                )
        shutil.rmtree(folder, ignore_errors=True)
    now = time.monotonic()
    for pid, (run, _, began) in running.items():
        if now - began > limits.seconds and not run.timed_out:
            run.timed_out = True
            with contextlib.suppress(ProcessLookupError):
                os.kill(pid, signal.SIGKILL)
    if not reaped:
        time.sleep(0.003)


def _read_outputs(run: Run, folder: Path) -> None:
    if run.command == "validate" and run.exit_code in (0, 1, 2):
        try:
            report = json.loads((folder / "stdout").read_text(encoding="utf-8"))
            run.codes = tuple(sorted({p["code"] for f in report["files"] for p in f["issues"]}))
        except (OSError, ValueError, KeyError, TypeError):
            if run.exit_code != 2:  # a usage error prints no report; a result always does
                run.detail = "validate --format json printed no JSON report"
                run.exit_code = 99
    if run.exit_code not in (0, 1, 2):
        with contextlib.suppress(OSError):
            tail = (folder / "stderr").read_text(encoding="utf-8", errors="replace")[-300:]
            run.detail = run.detail or " ".join(tail.split())
