"""The contained child's side of ``contained``, and the messages it sends its parent.

After the fork, ``run_child`` ignores Ctrl-C (the parent's to handle), turns off the
fault handler, sends its stderr down a pipe, limits the address space it may add
(``RLIMIT_AS``), then runs the works from the one it is given, in turn: for each it sends
``("start", index)``, any ``("progress", name, rows)``, and one outcome: ``("done", index,
result)``, ``("memory", index)`` or ``("error", index, ...)`` carrying the exception that was
raised (``rebuilt_exception`` makes it again in the parent). It stops after an outcome other
than ``done``. Each message on the pipe is its length (8 bytes) and its pickle (protocol 5);
``take_messages`` reads them back. The deadline, the verdict on a death and the messages a
person reads stay in ``contained``.
"""

from __future__ import annotations

import contextlib
import faulthandler
import gc
import os
import pickle
import resource
import signal
import struct
import traceback
from collections.abc import Callable, Sequence
from pathlib import Path
from typing import Any, NoReturn

_FRAME = struct.Struct("<Q")


def run_child(
    works: Sequence[Callable[[Any], Any]],
    first: int,
    pack: Callable[[Any], Any] | None,
    with_progress: bool,
    results: int,
    errors: int,
    extra_bytes: int,
) -> NoReturn:
    """Run ``works[first:]`` in the forked child, under its address-space limit
    (``extra_bytes`` more than it inherited), sending each outcome on ``results``."""
    status = 70
    try:
        signal.signal(signal.SIGINT, signal.SIG_IGN)  # Ctrl-C is the parent's to handle
        faulthandler.disable()  # a crash is said by the parent, not dumped on the terminal
        os.dup2(errors, 2)
        _limit_address_space(extra_bytes)

        def report_progress(name: str, rows: int) -> None:
            send_message(results, ("progress", name, rows))

        for index in range(first, len(works)):
            if index > first:  # what the last file left in cycles (the parent paused the
                gc.collect()  # collector); the parent's objects are frozen, not walked
            send_message(results, ("start", index))
            if not _run_one(works[index], index, pack, results, report_progress, with_progress):
                break
        status = 0
    except BaseException:
        with contextlib.suppress(BaseException):
            traceback.print_exc()
    finally:
        os._exit(status)


def _run_one(
    work: Callable[[Any], Any],
    index: int,
    pack: Callable[[Any], Any] | None,
    results: int,
    report_progress: Callable[[str, int], None],
    with_progress: bool,
) -> bool:
    """One work and its outcome sent; whether the child may go on with the next."""
    try:
        result = work(report_progress if with_progress else None)
        outcome: tuple[Any, ...] = ("done", index, pack(result) if pack else result)
    except MemoryError:
        outcome = ("memory", index)
    except BaseException as exc:
        outcome = ("error", index, *_failure(exc))
    try:
        send_message(results, outcome)
    except MemoryError:
        outcome = ("memory", index)
        send_message(results, outcome)
    return bool(outcome[0] == "done")


def _limit_address_space(extra: int) -> None:
    statm = Path("/proc/self/statm").read_bytes()
    mapped = int(statm.split()[0]) * resource.getpagesize()
    limit = mapped + extra
    _, hard = resource.getrlimit(resource.RLIMIT_AS)
    if hard != resource.RLIM_INFINITY:
        limit = min(limit, hard)
    resource.setrlimit(resource.RLIMIT_AS, (limit, hard))


def _failure(exc: BaseException) -> tuple[Any, ...]:
    """An unexpected exception, sent back as itself: by pickle when it survives the round
    trip, else by its class, arguments and attributes (``OrdisError`` subclasses take
    more arguments than they keep in ``args``), else by its name."""
    text = "".join(traceback.format_exception(exc))
    carried: Any = None
    try:
        carried = pickle.loads(pickle.dumps(exc, protocol=5))
    except Exception:
        try:
            carried = pickle.loads(pickle.dumps((type(exc), exc.args, vars(exc)), protocol=5))
        except Exception:
            carried = None
    return (carried, type(exc).__name__, text)


def rebuilt_exception(carried: Any, name: str) -> BaseException:
    """In the parent, the exception ``_failure`` sent, as near to the raised one as it came."""
    if isinstance(carried, BaseException):
        return carried
    if (
        isinstance(carried, tuple)
        and isinstance(carried[0], type)
        and issubclass(carried[0], BaseException)
    ):
        kind, args, state = carried
        error: BaseException = kind.__new__(kind)
        error.args = args
        vars(error).update(state)
        return error
    return RuntimeError(name)


def send_message(fd: int, message: tuple[Any, ...]) -> None:
    """One message on the pipe: its length, then its pickle."""
    payload = pickle.dumps(message, protocol=5)
    view = memoryview(_FRAME.pack(len(payload)) + payload)
    while view:
        view = view[os.write(fd, view) :]


def take_messages(inbox: bytearray) -> list[tuple[Any, ...]]:
    """Take every complete message out of the front of ``inbox``."""
    messages = []
    while len(inbox) >= _FRAME.size:
        (length,) = _FRAME.unpack_from(inbox)
        if len(inbox) < _FRAME.size + length:
            break
        messages.append(pickle.loads(inbox[_FRAME.size : _FRAME.size + length]))
        del inbox[: _FRAME.size + length]
    return messages
