"""Where ordis's output goes when nobody can read it any more: the reader gone away
(``ordis … | head -1``), the stream closed (``2>&-``) or full (``2>/dev/full``). What is
left to write goes nowhere, and the command still ends with its own exit code (Python's
« lost sys.stderr » had made a usage error exit 1)."""

from __future__ import annotations

import contextlib
import io
import os
import sys
from typing import TextIO


def nowhere(stream: TextIO) -> None:
    """What is left to write on ``stream`` (its buffer too, at exit) goes to the null
    device."""
    with contextlib.suppress(OSError, ValueError, io.UnsupportedOperation):
        devnull = os.open(os.devnull, os.O_WRONLY)
        try:
            os.dup2(devnull, stream.fileno())
        finally:
            os.close(devnull)


def to_stderr(text: str) -> None:
    """``text`` as a line on stderr; nothing when stderr cannot be written."""
    try:
        print(text, file=sys.stderr)
        sys.stderr.flush()
    except OSError:
        nowhere(sys.stderr)
