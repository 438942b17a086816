"""Writing output files atomically: a temporary file beside the target, then a rename, so
an interrupted run leaves either the previous file or the complete new one."""

from __future__ import annotations

import os
import tempfile
from collections.abc import Callable
from pathlib import Path


def umask() -> int:
    """The process's umask (read without changing it for good)."""
    mask = os.umask(0)
    os.umask(mask)
    return mask


def write_atomically(path: Path, save: Callable[[str], object]) -> Path:
    """Call ``save(temporary_path)``, then move the result to ``path``."""
    path.parent.mkdir(parents=True, exist_ok=True)
    handle, temporary = tempfile.mkstemp(prefix=".ordis-", suffix=path.suffix, dir=path.parent)
    os.close(handle)
    try:
        save(temporary)
        Path(temporary).chmod(0o666 & ~umask())
        Path(temporary).replace(path)
    except BaseException:
        Path(temporary).unlink(missing_ok=True)
        raise
    return path


def fresh_folder(default: Path) -> Path:
    """``default`` if it does not exist or is empty, else ``default-2``, ``-3``…: a command
    never writes into a folder an earlier one filled unless told to."""
    candidate, number = default, 1
    while candidate.exists() and any(candidate.iterdir()):
        number += 1
        candidate = default.with_name(f"{default.name}-{number}")
    return candidate
