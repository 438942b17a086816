"""Programs the tests start as a person would start them, from the repository's root, their
output kept as text and their exit status left to the test: ``python -m ordis_cli`` or
``python`` itself in a new process (what a fresh interpreter does is what they test); and,
in a child forked from the test process (``Forked``), ``ordis`` for the tests of several
processes at once or of a process killed while it works, and the benchmarks' smoke runs: a
new Python would spend 0.8 s importing what the test process has imported already."""

from __future__ import annotations

import contextlib
import gc
import importlib.util
import os
import runpy
import shutil
import signal
import subprocess
import sys
import tempfile
import time
import traceback
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from pathlib import Path
from types import ModuleType
from typing import Any

ROOT = Path(__file__).resolve().parent.parent


def run_python(
    *args: str | Path, env: dict[str, str] | None = None
) -> subprocess.CompletedProcess[str]:
    """``python args…`` (the interpreter running the tests), at most ten minutes."""
    return subprocess.run(
        [sys.executable, *(str(a) for a in args)],
        capture_output=True,
        text=True,
        check=False,
        cwd=ROOT,
        env=env,
        timeout=600,
    )


def run_benchmark(
    script: str,
    *args: str | Path,
    env: dict[str, str] | None = None,
    fork_pythons: bool = True,
) -> Finished:
    """``python benchmarks/<script> args…`` from the repository's root, for the benchmarks'
    smoke runs, in a child forked from the test process (``Forked``): the script runs as
    that command runs it, but on the imports the test process has made (most of a smoke
    run's time in a new Python). With ``fork_pythons``, the Python programs the script
    starts with ``subprocess.run`` are forked children too (``forking_pythons``): a smoke
    run checks that the script works and prints its table, not its figures, which only a
    real run measures (the start-up benchmark, whose figures are the new processes, says
    ``fork_pythons=False``)."""
    path = ROOT / "benchmarks" / script

    def benchmark() -> None:
        sys.argv = [str(path), *(str(a) for a in args)]
        sys.path.insert(0, str(path.parent))
        with forking_pythons() if fork_pythons else contextlib.nullcontext():
            runpy.run_path(str(path), run_name="__main__")

    return Forked(benchmark, cwd=ROOT, env=env).wait(timeout=600.0)


@contextlib.contextmanager
def forking_pythons() -> Iterator[None]:
    """Within: ``subprocess.run([sys.executable, …])`` of a module (``-m``), a code (``-c``)
    or a script runs that program in a child forked from this process (``Forked``), with the
    same result (``CompletedProcess``, ``check``, captured output as text or bytes); any
    other command, or other options, in a new process as usual."""
    real = subprocess.run

    def run(args: Any, **options: Any) -> subprocess.CompletedProcess[Any]:
        argv = None if isinstance(args, str | bytes) else [str(a) for a in args]
        program = _python_program(argv[1:]) if argv and argv[0] == sys.executable else None
        if program is None or set(options) - {"capture_output", "text", "check", "env", "cwd"}:
            return real(args, **options)
        cwd = options.get("cwd")
        done = Forked(program, cwd=cwd and Path(cwd), env=options.get("env")).wait(600.0)
        out, err = done.stdout, done.stderr
        if not options.get("capture_output"):
            sys.stdout.write(out)
            sys.stderr.write(err)
            out = err = None
        elif not options.get("text"):
            out, err = out.encode(), err.encode()
        result = subprocess.CompletedProcess(argv, done.returncode, out, err)
        if options.get("check"):
            result.check_returncode()
        return result

    subprocess.run = run  # type: ignore[assignment]
    try:
        yield
    finally:
        subprocess.run = real


def _python_program(arguments: list[str]) -> Callable[[], object] | None:
    """What ``python arguments…`` runs, as a function of this process: a module (``-m``),
    a code (``-c``) or a script, ``sys.argv`` and ``sys.path`` set as Python sets them;
    ``None`` for anything else (options of the interpreter's own)."""
    if not arguments or (arguments[0].startswith("-") and arguments[0] not in ("-m", "-c")):
        return None
    first, rest = arguments[0], arguments[1:]
    if first in ("-m", "-c") and not rest:
        return None

    def program() -> None:
        if first == "-m":
            sys.argv = [first, *rest[1:]]
            sys.path.insert(0, str(Path.cwd()))
            runpy.run_module(rest[0], run_name="__main__", alter_sys=True)
        elif first == "-c":
            sys.argv = ["-c", *rest[1:]]
            sys.path.insert(0, "")
            exec(compile(rest[0], "<string>", "exec"), {"__name__": "__main__"})
        else:
            sys.argv = arguments
            sys.path.insert(0, str(Path(first).resolve().parent))
            runpy.run_path(first, run_name="__main__")

    return program


def benchmark_module(script: str) -> ModuleType:
    """``benchmarks/<script>`` imported (once), to call its parts from a test."""
    name = Path(script).stem
    if name not in sys.modules:
        spec = importlib.util.spec_from_file_location(name, ROOT / "benchmarks" / script)
        assert spec is not None and spec.loader is not None
        module = importlib.util.module_from_spec(spec)
        sys.modules[name] = module
        spec.loader.exec_module(module)
    return sys.modules[name]


def run_ordis(
    *args: str | Path, env: dict[str, str] | None = None
) -> subprocess.CompletedProcess[str]:
    """``python -m ordis_cli args…``: a real ``ordis`` process."""
    return run_python("-m", "ordis_cli", *args, env=env)


def output_to(folder: Path) -> None:
    """In a forked child: its output (file descriptors 1 and 2, ``sys.stdout`` and
    ``sys.stderr``) into the files ``stdout`` and ``stderr`` of ``folder``, made anew."""
    for fd, name in ((1, "stdout"), (2, "stderr")):
        target = os.open(folder / name, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, 0o600)
        os.dup2(target, fd)
        os.close(target)
    sys.stdout = open(1, "w", encoding="utf-8", closefd=False)  # noqa: SIM115
    sys.stderr = open(2, "w", encoding="utf-8", closefd=False)  # noqa: SIM115


@dataclass
class Finished:
    """What a forked program left: its exit status and its output, as text."""

    returncode: int
    stdout: str
    stderr: str


class Forked:
    """``target()`` in a child forked from this test process, as a program of its own: no
    input, its output in two files of a temporary folder (``wait`` gives them back), run
    from ``cwd``, with the environment ``env`` if given; its exit status is Python's for a
    program (0 when ``target`` returns, a ``SystemExit``'s code, 1 and the traceback for an
    exception)."""

    def __init__(
        self,
        target: Callable[[], object],
        cwd: Path | None = None,
        env: dict[str, str] | None = None,
    ) -> None:
        self._folder = Path(tempfile.mkdtemp(prefix="ordis-forked-"))
        for stream in (sys.stdout, sys.stderr):  # else the child would write it out again
            stream.flush()
        gc.freeze()  # the child's collections leave the parent's pages alone
        self.pid = os.fork()
        if self.pid == 0:
            self._child(target, cwd, env)  # never returns
        gc.unfreeze()

    def _child(
        self, target: Callable[[], object], cwd: Path | None, env: dict[str, str] | None
    ) -> None:
        status = 70
        try:
            # nothing to read (a question would read the test worker's own input), output
            # to the folder's two files
            nothing = os.open(os.devnull, os.O_RDONLY)
            os.dup2(nothing, 0)
            os.close(nothing)
            sys.stdin = open(0, encoding="utf-8", closefd=False)  # noqa: SIM115
            output_to(self._folder)
            if cwd is not None:
                os.chdir(cwd)
            if env is not None:
                os.environ.clear()
                os.environ.update(env)
            try:
                target()
                status = 0
            except SystemExit as done:
                status = _exit_status(done.code)
        except BaseException:
            status = 1
            with contextlib.suppress(BaseException):
                traceback.print_exc()
        finally:
            with contextlib.suppress(BaseException):
                sys.stdout.flush()
                sys.stderr.flush()
            os._exit(status)

    def wait(self, timeout: float = 300.0) -> Finished:
        """The child's exit status and output; killed past ``timeout`` seconds."""
        deadline = time.monotonic() + timeout
        while True:
            pid, status = os.waitpid(self.pid, os.WNOHANG)
            if pid:
                break
            if time.monotonic() > deadline:
                os.kill(self.pid, signal.SIGKILL)
                _, status = os.waitpid(self.pid, 0)
                break
            time.sleep(0.01)
        try:
            return Finished(
                os.waitstatus_to_exitcode(status),
                (self._folder / "stdout").read_text(encoding="utf-8"),
                (self._folder / "stderr").read_text(encoding="utf-8"),
            )
        finally:
            shutil.rmtree(self._folder, ignore_errors=True)


def _exit_status(code: object) -> int:
    """The exit status Python gives ``sys.exit(code)``: a text is printed, and is 1."""
    if code is None or isinstance(code, int):
        return code or 0
    print(code, file=sys.stderr)
    return 1


class ForkedOrdis(Forked):
    """``ordis args…`` in a forked child (``Forked``): a process of its own (its own ledger
    connections, locks and exit), as a coordinator's ``ordis`` is, without the 0.8 s a new
    Python spends importing ordis again. ``before`` runs in the child first (to make it
    fail at a chosen point, say). Start several to run them at once.

    The child reads files as the test process does (see ``conftest.read_in_process``): a
    test that wants them read in a contained child, as a real ``ordis`` reads them, is
    marked ``contained``."""

    def __init__(
        self,
        *args: str | Path,
        cwd: Path | None = None,
        before: Callable[[], object] | None = None,
    ) -> None:
        argv = ["ordis", *(str(a) for a in args)]
        _import_what_commands_use()

        def ordis() -> None:
            if before is not None:
                before()
            from ordis_cli.cli.app import main

            sys.argv = argv
            main()

        super().__init__(ordis, cwd=cwd)


def _import_what_commands_use() -> None:
    """What a command imports when it runs, imported here once: each child would import
    it again, on its own (half a second for ``allocate``)."""
    import numpy  # noqa: F401  # allocation
    import pydantic  # noqa: F401
    import typer._adapters  # noqa: F401  # options converted by type

    from ordis_cli.actions import allocate, deliveries, report, validate  # noqa: F401
    from ordis_cli.cli import language  # noqa: F401


def forked_ordis(
    *args: str | Path, cwd: Path | None = None, before: Callable[[], object] | None = None
) -> Finished:
    """``ordis args…`` in a forked child (``ForkedOrdis``), waited for."""
    return ForkedOrdis(*args, cwd=cwd, before=before).wait()
