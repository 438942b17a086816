"""The parent's side of one contained child (``contained``): the limits it runs under, the
deadline of the work it is on, what it sends, and the verdict when it dies or hangs."""

from __future__ import annotations

import contextlib
import os
import selectors
import signal
import time
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from typing import Any

from ..errors import ReadingError
from ..messages import Lang, say
from ..messages.counting import counted_as, number
from . import limits
from .contained_child import rebuilt_exception, take_messages

Progress = Callable[[str, int], None]
PENDING = object()  # a work whose outcome has not come yet

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


class Child:
    """What the parent knows of one child: the work it is on, that work's deadline, how it
    ended."""

    def __init__(
        self,
        pid: int,
        first: int,
        sizes: Sequence[int],
        containment: Containment,
        arrived: Callable[[int, Any], None],
    ):
        self.pid, self.first, self.sizes, self.containment = pid, first, sizes, containment
        self.arrived = arrived
        self.current = first
        self.deadline = time.monotonic() + containment.seconds_for(sizes[first])
        self.out_of_memory = False  # the allocator said so on stderr, or the child did
        self.timed_out = False
        self.raised: BaseException | None = None  # an internal error in the child
        self.status = 0

    def listen(
        self, results: int, errors: int, found: list[Any], progress: Progress | None
    ) -> None:
        inbox = bytearray()
        stderr_tail = b""
        try:
            with selectors.DefaultSelector() as selector:
                selector.register(results, selectors.EVENT_READ)
                selector.register(errors, selectors.EVENT_READ)
                while selector.get_map():
                    left = self.deadline - time.monotonic()
                    if left <= 0:
                        self.timed_out = True
                        break
                    for key, _ in selector.select(min(left, 1.0)):
                        chunk = os.read(key.fd, 1 << 20)
                        if not chunk:
                            selector.unregister(key.fd)
                        elif key.fd == errors:
                            seen = stderr_tail + chunk
                            self.out_of_memory = self.out_of_memory or _OUT_OF_MEMORY in seen
                            stderr_tail = seen[-_STDERR_OVERLAP:]
                        else:
                            inbox += chunk
                            for message in take_messages(inbox):
                                self._take(message, found, progress)
                    if self.raised is not None:
                        break
        finally:
            os.close(results)
            os.close(errors)
            if self.timed_out or self.raised is not None:
                with contextlib.suppress(ProcessLookupError):
                    os.kill(self.pid, signal.SIGKILL)
            _, self.status = os.waitpid(self.pid, 0)
        if self.raised is not None:
            raise self.raised

    def _take(self, message: tuple[Any, ...], found: list[Any], progress: Progress | None) -> None:
        kind = message[0]
        if kind == "progress":
            if progress is not None:
                progress(message[1], message[2])
        elif kind == "start":
            self.current = message[1]
            seconds = self.containment.seconds_for(self.sizes[self.current])
            self.deadline = time.monotonic() + seconds
        elif kind == "done" and self.raised is None:
            began = time.monotonic()
            try:
                self.arrived(message[1], message[2])
            except BaseException as exc:  # the caller's own failure: the child is stopped
                self.raised = exc
            self.deadline += time.monotonic() - began  # the parent was away, not the child
        elif kind == "memory":
            self.out_of_memory = True
        elif kind == "error":
            _, _, carried, name, text = message
            error = rebuilt_exception(carried, name)
            error.add_note(f"In the contained child process:\n{text}")
            self.raised = error

    def verdict(self, found: list[Any], paths: Sequence[str], lang: Lang) -> int:
        """Where the next child starts; the verdict on the work this one failed, when it was
        its first."""
        failed = next((i for i in range(self.first, len(found)) if found[i] is PENDING), None)
        if failed is None:
            return len(found)
        if self.timed_out:
            seconds = self.containment.seconds_for(self.sizes[failed])
            waited = counted_as(round(seconds), lang, "term-count-seconds")
            message = say("parser-timeout", lang, seconds=waited)
            found[failed] = ReadingError("parser-timeout", message, paths[failed])
            return failed + 1
        if failed > self.first:  # tried again, first in a fresh child
            return failed
        if self.out_of_memory:
            found[failed] = memory_error(paths[failed], lang, self.containment)
        else:
            found[failed] = ReadingError(
                "parser-crashed", say("parser-crashed", lang, detail=self._death()), paths[failed]
            )
        return failed + 1

    def _death(self) -> str:
        if os.WIFSIGNALED(self.status):
            number = os.WTERMSIG(self.status)
            try:
                return signal.Signals(number).name
            except ValueError:
                return f"signal {number}"
        return f"exit status {os.waitstatus_to_exitcode(self.status)}"


def memory_error(path: str, lang: Lang, containment: Containment) -> ReadingError:
    return ReadingError(
        "parser-memory",
        say("parser-memory", lang, limit=number(containment.extra_bytes // _MB, lang)),
        path,
    )
