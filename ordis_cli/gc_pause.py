"""Pausing the cyclic garbage collector around work that makes millions of small objects."""

from __future__ import annotations

import gc
from collections.abc import Iterator
from contextlib import contextmanager


@contextmanager
def paused_gc() -> Iterator[None]:
    """Pause the cyclic garbage collector while millions of short-lived cells, tuples or
    shipments are made. None of them is in a reference cycle; each collection would walk
    them all again for nothing (a third of validation time, measured)."""
    enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if enabled:
            gc.enable()
