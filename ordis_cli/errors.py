"""The exceptions ordis raises for fatal failures, one subclass per subsystem.

Validation never raises: it returns problem records. These exceptions are for the
cases where a command cannot go on at all (a file that cannot be read, a ledger that
cannot be opened...). Each carries a stable ``code`` and a message already written in
the user's language, so the CLI only has to print it and pick the exit code.
``closed_on_failure`` turns a database driver's errors into them.
"""

from __future__ import annotations

import contextlib
from collections.abc import Callable, Iterator


class OrdisError(Exception):
    """Base of every error ordis raises on purpose."""

    exit_code = 3

    def __init__(self, code: str, message: str) -> None:
        super().__init__(message)
        self.code = code
        self.message = message

    def __str__(self) -> str:
        """The message, after the path it is about when there is one (``path: message``), as
        the command line prints it: ``print(error)`` in a notebook says which file."""
        path = getattr(self, "path", "")
        return f"{path}: {self.message}" if path else self.message


class ReadingError(OrdisError):
    """A file cannot be used at all: missing, unsupported, corrupted, encrypted, too large."""

    exit_code = 2

    def __init__(self, code: str, message: str, path: str) -> None:
        super().__init__(code, message)
        self.path = path


class UsageError(OrdisError):
    """The command line asks for something impossible (e.g. writing over an input file)."""

    exit_code = 2


class WriteError(OrdisError):
    """An output cannot be written: a non-empty ``--out``, a read-only or missing folder, a
    file where a folder is expected, a full disk. Nothing half-written is left behind."""

    exit_code = 2

    def __init__(self, code: str, message: str, path: str) -> None:
        super().__init__(code, message)
        self.path = path


@contextlib.contextmanager
def closed_on_failure(
    close: Callable[[], object],
    failures: tuple[type[Exception], ...],
    failed: Callable[[Exception], OrdisError],
) -> Iterator[None]:
    """A connection handed out only once checked: any failure of the body closes it first;
    the driver's own ``failures`` become ``failed(error)`` (an ``OrdisError``)."""
    try:
        yield
    except failures as exc:
        close()
        raise failed(exc) from exc
    except BaseException:
        close()
        raise
