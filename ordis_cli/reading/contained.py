"""Reading and validating one file in a forked child, so that the third-party parser cannot
bring ordis down (SPEC §1, §2).

The pre-scans refuse what is known to hurt before any parser sees it; this is the defence
behind them. On Linux the work runs in a child made by ``os.fork`` that inherits everything
already imported (a fork of a validating process costs a few milliseconds, no imports). The
child may map at most ``limits.PARSER_EXTRA_ADDRESS_SPACE`` (1 GiB) more than it inherited
(``RLIMIT_AS``: what it maps, read from ``/proc/self/statm`` just after the fork, plus that
allowance), and the parent waits at most ``Containment.seconds_for(size)``: 120 s plus
1 s per MB of file. Its result comes back pickled (protocol 5) through a pipe, its stderr
through another (so a Rust panic message never reaches the user's terminal). Then:

- a death by signal (``SIGABRT`` from a Rust abort, ``SIGSEGV``...) is ``parser-crashed``;
- a ``MemoryError``, or the allocator's "memory allocation of N bytes failed" before an
  abort, is ``parser-memory``;
- no answer before the deadline: the child is killed, ``parser-timeout``;

each a ``ReadingError`` (exit 2), and the parent goes on with the next file. Any other
exception in the child comes back as it was raised (with the child's traceback as a note), so
an internal error stays an internal error.

Where ``os.fork`` is missing (Windows) or not the platform's way (macOS), and when
``ORDIS_CONTAINED=0`` is set (to debug the parser under a debugger), the work runs in the
process itself; only ``MemoryError`` is still turned into ``parser-memory`` there.
``--debug`` keeps containment (without it an abort would end ordis with no word); an
exception in the child reaches ``--debug`` with the child's traceback in its notes.

Cost (``benchmarks/README.md``): a fork and a few milliseconds of pickling for ``validate``,
whose child sends back only the file's report and what later steps use of its validator; the
clean columns of ``keep_data`` (``allocate``, ``deliveries import``) cost more (~0.2 s for
100,000 rows: 13 MB pickled, sent and unpickled).

What the child does after the fork, and how a message crosses the pipe, live in
``contained_child``; the limits, the parent's wait, its verdict and its messages live here.
"""

from __future__ import annotations

import contextlib
import copy
import gc
import os
import selectors
import signal
import sys
import time
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import Any, TypeVar

from ..errors import ReadingError
from ..messages import Lang, say
from ..messages.counting import number
from ..models import FileReport, Problem
from . import limits
from .contained_child import rebuilt_exception, run_child, take_messages

T = TypeVar("T")
V = TypeVar("V")
Progress = Callable[[str, int], None]
Work = Callable[[Progress | None], T]

SWITCH = "ORDIS_CONTAINED"  # "0": run in-process (debugging)
_MB = 1024 * 1024
# The allocator's message, looked for in the child's stderr as it comes (a Rust backtrace of
# several KB may follow it), with this much of the previous chunk kept for a message cut in two.
_STDERR_OVERLAP = 64
_OUT_OF_MEMORY = b"memory allocation of"


@dataclass(frozen=True)
class Containment:
    """The limits a child runs under: address space added to what it inherits, and time."""

    extra_bytes: int = limits.PARSER_EXTRA_ADDRESS_SPACE
    base_seconds: float = limits.PARSER_SECONDS
    seconds_per_mb: float = 1.0

    def seconds_for(self, size: int) -> float:
        """120 s for any file, plus 1 s per MB: a 100,000-row xlsx (12 MB) validates in
        3 s, a 1,000,000-row CSV (207 MB) in 7 s; a hang is stopped well before a person
        gives up, a big slow file is never cut short."""
        return self.base_seconds + self.seconds_per_mb * size / _MB


DEFAULT = Containment()


def available() -> bool:
    """Whether reading runs contained: Linux with ``os.fork``, unless ``ORDIS_CONTAINED=0``."""
    return (
        sys.platform.startswith("linux")
        and hasattr(os, "fork")
        and os.environ.get(SWITCH, "1").strip() != "0"
    )


def validate_contained(
    work: Work[tuple[FileReport, V]], path: str, lang: Lang, progress: Progress | None = None
) -> tuple[FileReport, V]:
    """``work(progress)``, the reading and validation of the file at ``path``, contained:
    what comes back is its report and a light copy of its validator (``travelling``)."""
    return run_contained(work, path, None, lang, progress, pack=_pack, unpack=_unpack)


def run_contained(
    work: Work[T],
    path: str,
    size: int | None,
    lang: Lang,
    progress: Progress | None = None,
    containment: Containment | None = None,
    pack: Callable[[T], Any] | None = None,
    unpack: Callable[[Any], T] | None = None,
) -> T:
    """``work(progress)`` in a contained child when available, else in-process; an abort,
    an exhaustion or a hang of the child is a ``ReadingError`` naming ``path`` (whose
    ``size``, read when None, lengthens the deadline). The limits
    are ``containment``, by default the module's ``DEFAULT`` (tests shorten it). The result
    crosses as ``pack(result)`` and is rebuilt with ``unpack`` (only when contained)."""
    containment = containment or DEFAULT
    if size is None:  # the deadline grows with the file's size
        try:
            size = Path(path).stat().st_size
        except OSError:
            size = 0
    if not available():
        return run_in_process(work, path, lang, progress, containment)
    try:
        results_read, results_write = os.pipe()
        errors_read, errors_write = os.pipe()
    except OSError:
        return run_in_process(work, path, lang, progress, containment)
    # Objects that exist before the fork are moved out of the collector's reach for the
    # child's life: a collection in the child would otherwise walk (and, by touching their
    # reference counts, copy) every page of a big parent — 0.28 s → 0.18 s a read measured
    # from a 400 MB process. The parent takes them back at once.
    gc.freeze()
    try:
        pid = os.fork()
    except OSError:  # no memory or no process left for a child: read it here
        gc.unfreeze()
        for fd in (results_read, results_write, errors_read, errors_write):
            os.close(fd)
        return run_in_process(work, path, lang, progress, containment)
    if pid == 0:  # the child never returns
        os.close(results_read)
        os.close(errors_read)
        run_child(
            work, pack, progress is not None, results_write, errors_write, containment.extra_bytes
        )
    gc.unfreeze()
    os.close(results_write)
    os.close(errors_write)
    packed = _parent(pid, results_read, errors_read, path, size, lang, progress, containment)
    result: T = unpack(packed) if unpack is not None else packed
    return result


def run_in_process(
    work: Work[T],
    path: str,
    lang: Lang,
    progress: Progress | None = None,
    containment: Containment | None = None,
) -> T:
    try:
        return work(progress)
    except MemoryError as exc:
        raise _memory_error(path, lang, containment or DEFAULT) from exc


# --- the parent --------------------------------------------------------------------------


def _parent(
    pid: int,
    results: int,
    errors: int,
    path: str,
    size: int,
    lang: Lang,
    progress: Progress | None,
    containment: Containment,
) -> Any:
    seconds = containment.seconds_for(size)
    inbox = bytearray()
    stderr_tail = b""
    out_of_memory = False
    outcome: tuple[Any, ...] | None = None
    finished = False
    try:
        with selectors.DefaultSelector() as selector:
            selector.register(results, selectors.EVENT_READ)
            selector.register(errors, selectors.EVENT_READ)
            deadline = time.monotonic() + seconds
            while selector.get_map():
                left = deadline - time.monotonic()
                if left <= 0:
                    break
                for key, _ in selector.select(min(left, 1.0)):
                    chunk = os.read(key.fd, 1 << 20)
                    if not chunk:
                        selector.unregister(key.fd)
                    elif key.fd == errors:
                        seen = stderr_tail + chunk
                        out_of_memory = out_of_memory or _OUT_OF_MEMORY in seen
                        stderr_tail = seen[-_STDERR_OVERLAP:]
                    else:
                        inbox += chunk
                        for message in take_messages(inbox):
                            if message[0] == "progress" and progress is not None:
                                progress(message[1], message[2])
                            elif message[0] != "progress":
                                outcome = message
            finished = not selector.get_map()
    finally:
        os.close(results)
        os.close(errors)
        if not finished:
            with contextlib.suppress(ProcessLookupError):
                os.kill(pid, signal.SIGKILL)
        _, status = os.waitpid(pid, 0)
    if not finished:
        raise ReadingError(
            "parser-timeout", say("parser-timeout", lang, seconds=f"{seconds:.0f}"), path
        )
    return _outcome(outcome, status, out_of_memory, path, lang, containment)


def _outcome(
    outcome: tuple[Any, ...] | None,
    status: int,
    out_of_memory: bool,
    path: str,
    lang: Lang,
    containment: Containment,
) -> Any:
    if outcome is not None and outcome[0] == "done":
        return outcome[1]
    if (outcome is not None and outcome[0] == "memory") or out_of_memory:
        raise _memory_error(path, lang, containment)
    if outcome is not None and outcome[0] == "error":
        _, carried, name, text = outcome
        error = rebuilt_exception(carried, name)
        error.add_note(f"In the contained child process:\n{text}")
        raise error
    if os.WIFSIGNALED(status):
        number = os.WTERMSIG(status)
        try:
            detail = signal.Signals(number).name
        except ValueError:
            detail = f"signal {number}"
    else:
        detail = f"exit status {os.waitstatus_to_exitcode(status)}"
    raise ReadingError("parser-crashed", say("parser-crashed", lang, detail=detail), path)


def _memory_error(path: str, lang: Lang, containment: Containment) -> ReadingError:
    return ReadingError(
        "parser-memory",
        say("parser-memory", lang, limit=number(containment.extra_bytes // _MB, lang)),
        path,
    )


# What of a validator the commands use once validation is over: its reporter (to add the
# rules across files or against the ledger), the columns it kept (``keep_data``), the
# partners' names of a partners file and the partners named in a donations file. Its
# indexes of every row (ids, structures...) stay in the child: 100,000 of them would cost
# more to send than the whole validation of the file.
CARRIED = ("report", "present", "today", "kept", "names", "partners")


def travelling(validator: T) -> T:
    """A light copy of ``validator`` holding only ``CARRIED`` (its reporter without the
    problems, which are in the file's report already); None stays None."""
    if validator is None:
        return validator
    light = object.__new__(type(validator))
    state = {name: value for name, value in vars(validator).items() if name in CARRIED}
    if "report" in state:
        reporter = copy.copy(state["report"])
        reporter.problems = []
        state["report"] = reporter
    vars(light).update(state)
    return light


_PROBLEM_FIELDS = tuple(Problem.model_fields)
_ALL_FIELDS = frozenset(_PROBLEM_FIELDS)


def _pack(result: tuple[FileReport, Any]) -> tuple[FileReport, list[tuple[Any, ...]], Any]:
    """The report with its problems as plain tuples (5,000 problems pickle in 3 ms instead
    of 31 ms as models), and the travelling validator. Runs in the child only."""
    report, validator = result
    issues = [tuple(problem.__dict__.values()) for problem in report.issues]
    report.issues = []
    return report, issues, travelling(validator)


def _unpack(packed: tuple[FileReport, list[tuple[Any, ...]], Any]) -> tuple[FileReport, Any]:
    report, issues, validator = packed
    report.issues = [_problem(values) for values in issues]
    return report, validator


def _problem(
    values: tuple[Any, ...], new: Any = Problem.__new__, put: Any = object.__setattr__
) -> Problem:
    """A ``Problem`` from its field values, already valid (made by ``model_construct`` in
    the child), set the way pickle sets a model's state: 3 µs, half of model_construct."""
    problem: Problem = new(Problem)
    put(problem, "__dict__", dict(zip(_PROBLEM_FIELDS, values, strict=True)))
    put(problem, "__pydantic_fields_set__", set(_ALL_FIELDS))
    put(problem, "__pydantic_extra__", None)
    put(problem, "__pydantic_private__", None)
    return problem
