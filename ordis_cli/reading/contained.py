"""Reading and validating files in a forked child, so that the third-party parser cannot
bring ordis down (SPEC §1, §2).

The pre-scans refuse what is known to hurt before any parser sees it; this is the defence
behind them. On Linux the work runs in a child made by ``os.fork`` that inherits everything
already imported (a fork of a validating process costs a few milliseconds, no imports); the
files of one command go through one child, in turn, unless one of them fails (then that file
is tried again first in a fresh child, and the next child goes on after it). The child may
map at most ``limits.PARSER_EXTRA_ADDRESS_SPACE`` (1 GiB) more than it inherited
(``RLIMIT_AS``: what it maps, read from ``/proc/self/statm`` just after the fork, plus that
allowance), and the parent waits at most ``Containment.seconds_for(size)`` for each file:
120 s plus 1 s per MB of file. Its result comes back pickled (protocol 5) through a pipe, its stderr
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
``contained_child``; the limits, the parent's wait for one child and its verdict in
``contained_watch``.
"""

from __future__ import annotations

import gc
import os
import sys
from collections.abc import Callable, Sequence
from pathlib import Path
from typing import Any, TypeVar

from ..errors import ReadingError
from ..messages import Lang
from ..models import FileReport
from .contained_child import run_child
from .contained_watch import DEFAULT, PENDING, Child, Containment, memory_error
from .validated import pack_validated, unpack_validated

T = TypeVar("T")
V = TypeVar("V")
Progress = Callable[[str, int], None]
Work = Callable[[Progress | None], T]

SWITCH = "ORDIS_CONTAINED"  # "0": run in-process (debugging)


def available() -> bool:
    """Whether reading runs contained: Linux with ``os.fork``, unless ``ORDIS_CONTAINED=0``."""
    return (
        sys.platform.startswith("linux")
        and hasattr(os, "fork")
        and os.environ.get(SWITCH, "1").strip() != "0"
    )


def validate_contained(
    works: Sequence[Work[tuple[FileReport, V]]],
    paths: Sequence[str],
    lang: Lang,
    progress: Progress | None = None,
    on_done: Callable[[int, tuple[FileReport, V]], None] | None = None,
) -> list[tuple[FileReport, V] | ReadingError]:
    """Each ``work(progress)``, the reading and validation of the file at the same place in
    ``paths``, contained: what comes back is its report and a light copy of its validator
    (``travelling``), or the ``ReadingError`` that made it unreadable (``on_done``: see
    ``run_contained_many``)."""
    return run_contained_many(
        works, paths, lang, progress, pack=pack_validated, unpack=unpack_validated, on_done=on_done
    )


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
    ``size``, read when None, lengthens the deadline), raised. The limits are
    ``containment``, by default the module's ``DEFAULT`` (tests shorten it). The result
    crosses as ``pack(result)`` and is rebuilt with ``unpack`` (only when contained)."""
    sizes = None if size is None else [size]
    outcome = run_contained_many([work], [path], lang, progress, containment, pack, unpack, sizes)
    found = outcome[0]
    if isinstance(found, ReadingError):
        raise found
    return found


def run_contained_many(
    works: Sequence[Work[T]],
    paths: Sequence[str],
    lang: Lang,
    progress: Progress | None = None,
    containment: Containment | None = None,
    pack: Callable[[T], Any] | None = None,
    unpack: Callable[[Any], T] | None = None,
    sizes: Sequence[int] | None = None,
    on_done: Callable[[int, T], None] | None = None,
) -> list[T | ReadingError]:
    """The works in turn, in as few children as may be: one child goes through them all
    unless one fails. A file that fails first in its child gets the verdict
    (``ReadingError``: crashed, memory, timeout) in its place of the list, and the next
    child starts after it; one that fails after others in the same child is tried again,
    first in a fresh child, so that what the files before it left behind never decides
    its verdict. An internal error in the child is raised here as it was raised there.

    Each result is rebuilt as soon as it arrives, and given to ``on_done(index, result)``
    (the same object as in the list returned), in the order of the works, while the child
    goes on with the next one: the caller's work on a file overlaps the reading of the
    next. The time ``on_done`` takes is not counted against the child's deadline. What
    ``on_done`` raises stops the child and is raised here."""
    containment = containment or DEFAULT
    if sizes is None:
        sizes = [_size_of(path) for path in paths]
    if not available():
        outcomes: list[T | ReadingError] = []
        for index, (work, path) in enumerate(zip(works, paths, strict=True)):
            outcomes.append(_in_process(work, path, lang, progress, containment))
            if on_done is not None and not isinstance(outcomes[-1], ReadingError):
                on_done(index, outcomes[-1])
        return outcomes
    found: list[Any] = [PENDING] * len(works)

    def arrived(index: int, packed: Any) -> None:
        found[index] = result = packed if unpack is None else unpack(packed)
        if on_done is not None:
            on_done(index, result)

    first = 0
    while first < len(works):
        first = _one_child(
            works, paths, sizes, first, found, lang, progress, containment, pack, arrived
        )
    return found


def _size_of(path: str) -> int:
    try:
        return Path(path).stat().st_size
    except OSError:
        return 0


def _in_process(
    work: Work[T], path: str, lang: Lang, progress: Progress | None, containment: Containment
) -> T | ReadingError:
    try:
        return run_in_process(work, path, lang, progress, containment)
    except ReadingError as error:
        if error.code.startswith("parser-"):
            return error
        raise


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
        raise memory_error(path, lang, containment or DEFAULT) from exc


# --- the parent --------------------------------------------------------------------------


def _one_child(
    works: Sequence[Work[Any]],
    paths: Sequence[str],
    sizes: Sequence[int],
    first: int,
    found: list[Any],
    lang: Lang,
    progress: Progress | None,
    containment: Containment,
    pack: Callable[[Any], Any] | None,
    arrived: Callable[[int, Any], None],
) -> int:
    """Fork a child for ``works[first:]``, give what it sends to ``arrived`` (which puts it
    in ``found``); return the index the next child starts from (``len(works)`` when all are
    done)."""
    try:
        results_read, results_write = os.pipe()
        errors_read, errors_write = os.pipe()
    except OSError:
        return _rest_in_process(works, paths, first, found, lang, progress, containment)
    # Objects that exist before the fork are moved out of the collector's reach for the
    # child's life: a collection in the child would otherwise walk (and, by touching their
    # reference counts, copy) every page of a big parent — 0.28 s → 0.18 s a read measured
    # from a 400 MB process. The parent takes them back at once.
    gc.freeze()
    try:
        pid = os.fork()
    except OSError:  # no memory or no process left for a child: read them here
        gc.unfreeze()
        for fd in (results_read, results_write, errors_read, errors_write):
            os.close(fd)
        return _rest_in_process(works, paths, first, found, lang, progress, containment)
    if pid == 0:  # the child never returns
        os.close(results_read)
        os.close(errors_read)
        run_child(
            works,
            first,
            pack,
            progress is not None,
            results_write,
            errors_write,
            containment.extra_bytes,
        )
    gc.unfreeze()
    os.close(results_write)
    os.close(errors_write)
    child = Child(pid, first, sizes, containment, arrived)
    child.listen(results_read, errors_read, found, progress)
    return child.verdict(found, paths, lang)


def _rest_in_process(
    works: Sequence[Work[Any]],
    paths: Sequence[str],
    first: int,
    found: list[Any],
    lang: Lang,
    progress: Progress | None,
    containment: Containment,
) -> int:
    for index in range(first, len(works)):
        found[index] = _in_process(works[index], paths[index], lang, progress, containment)
    return len(works)
