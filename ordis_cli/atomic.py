"""What ordis writes, and how (SPEC §1, "What ordis writes").

The rule: ordis never deletes, empties or overwrites a file or folder that it did not create
in that same command. So:

- ``output_folder`` picks the folder a command writes into: an explicit ``--out`` must be
  absent or an empty folder (else ``WriteError``, exit 2, the folder left as it is); a default
  folder takes the next free name (``-2``, ``-3``…);
- ``staged_folder`` writes a whole set of files into a hidden staging folder beside the
  target and moves it into place at the end, so the target holds the complete set or
  nothing; the staging folder is removed on any failure;
- ``write_atomically`` writes one file through a temporary file and a rename; ``new_file``
  refuses a target that already exists.

Any ``OSError`` on the way (read-only folder, missing parent, a file where a folder is
expected, disk full) becomes a ``WriteError`` naming the path, never an internal error.
"""

from __future__ import annotations

import errno
import os
import shutil
import tempfile
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from pathlib import Path

from .errors import WriteError
from .messages import Lang, say
from .system_reasons import system_reason

STAGING_PREFIX = ".ordis-staging-"


def umask() -> int:
    """The process's umask (read without changing it for good)."""
    mask = os.umask(0)
    os.umask(mask)
    return mask


def write_error(path: Path, exc: OSError, lang: Lang) -> WriteError:
    """The message for a path that cannot be written, from the system's reason."""
    reasons = {
        errno.ENOSPC: "write-disk-full",
        errno.EDQUOT: "write-disk-full",
        errno.EACCES: "write-denied",
        errno.EPERM: "write-denied",
        errno.EROFS: "write-denied",
        errno.ENOENT: "write-no-parent",
        errno.ENOTDIR: "write-not-a-folder",
        errno.EEXIST: "write-exists",
        errno.ENOTEMPTY: "write-exists",
        errno.EISDIR: "write-is-a-folder",
    }
    key = reasons.get(exc.errno or 0, "write-failed")
    detail = "" if key in ("write-exists", "write-is-a-folder") else system_reason(exc, lang)
    return WriteError(key, say(key, lang, detail=detail), str(path))


def os_error_in(error: BaseException) -> OSError | None:
    """The system error behind ``error``, if any: libraries wrap it (XlsxWriter raises
    ``FileCreateError(OSError)`` when a disk fills up while it saves)."""
    seen: set[int] = set()
    current: BaseException | None = error
    while current is not None and id(current) not in seen:
        seen.add(id(current))
        if isinstance(current, OSError):
            return current
        wrapped = next((a for a in current.args if isinstance(a, OSError)), None)
        if wrapped is not None:
            return wrapped
        current = current.__cause__
    return None


def failed_path(error: OSError) -> Path:
    """The path a system error is about: for a copy that ran out of space, the destination."""
    if error.filename2 and error.errno in (errno.ENOSPC, errno.EDQUOT, errno.EROFS):
        return Path(error.filename2)
    return Path(error.filename or ".")


def _is_empty_folder(path: Path) -> bool:
    return path.is_dir() and not path.is_symlink() and not any(path.iterdir())


def output_folder(out: Path | None, default: Path, lang: Lang, option: str = "--out") -> Path:
    """The folder a command writes into. ``out`` given (by ``option``): it must not exist,
    or be an empty folder; it is never emptied. ``out`` not given: ``default``, or
    ``default-2``, ``-3``… when that is taken (a command whose folder is always given
    passes it as ``default``: the refusal does not offer to leave it out)."""
    if out is None:
        return fresh_folder(default)
    try:
        if out.exists() or out.is_symlink():
            if not out.is_dir() or out.is_symlink():
                said = say("out-is-a-file", lang, option=option)
                raise WriteError("out-is-a-file", said, str(out))
            if not _is_empty_folder(out):
                free = "" if default == out else say("hint-free-name", lang, option=option)
                said = say("out-not-empty", lang, option=option, free=free)
                raise WriteError("out-not-empty", said, str(out))
    except OSError as exc:
        raise write_error(out, exc, lang) from exc
    return out


def fresh_folder(default: Path) -> Path:
    """``default`` if it does not exist or is an empty folder, else ``default-2``, ``-3``…"""
    candidate, number = default, 1
    while (candidate.exists() or candidate.is_symlink()) and not _is_empty_folder(candidate):
        number += 1
        candidate = default.with_name(f"{default.name}-{number}")
    return candidate


def _check_parent(target: Path, lang: Lang) -> None:
    """The folder that will hold ``target`` must exist: a mistyped path is not created."""
    parent = target.parent
    if parent.is_dir():
        return
    key = "write-not-a-folder" if parent.exists() else "write-no-parent"
    raise WriteError(key, say(key, lang, detail=str(parent)), str(target))


def new_staging(target: Path, lang: Lang) -> Path:
    """A hidden, empty staging folder beside ``target``, private to this process."""
    _check_parent(target, lang)
    try:
        staging = Path(
            tempfile.mkdtemp(prefix=f"{STAGING_PREFIX}{target.name}-", dir=target.parent)
        )
        staging.chmod(0o700)  # it may hold structures' addresses until it is in place
    except OSError as exc:
        raise write_error(target.parent, exc, lang) from exc
    return staging


def put_in_place(staging: Path, target: Path, lang: Lang) -> None:
    """Move a complete staging folder to ``target`` (absent, or an empty folder) without
    ever replacing anything: a ``target`` filled meanwhile is a ``WriteError``."""
    try:
        staging.chmod(0o777 & ~umask())
        if target.is_dir() and not target.is_symlink():
            # an empty folder the user made: move the entries in, one by one, never over one
            for entry in sorted(staging.iterdir()):
                destination = target / entry.name
                if destination.exists() or destination.is_symlink():
                    raise FileExistsError(errno.EEXIST, os.strerror(errno.EEXIST), str(destination))
                entry.rename(destination)
            staging.rmdir()
        elif target.exists() or target.is_symlink():
            raise FileExistsError(errno.EEXIST, os.strerror(errno.EEXIST), str(target))
        else:
            # rename() onto a missing name; a folder created meanwhile makes it fail
            # (ENOTEMPTY/EEXIST) if it holds anything
            staging.rename(target)
    except OSError as exc:
        raise write_error(target, exc, lang) from exc


@contextmanager
def staged_folder(target: Path, lang: Lang) -> Iterator[Path]:
    """Yield a staging folder to write into; on success it becomes ``target`` whole, on any
    failure (an exception, Ctrl-C) it is removed and ``target`` is left as it was."""
    staging = new_staging(target, lang)
    try:
        try:
            yield staging
        except Exception as exc:
            system = os_error_in(exc)
            if system is None:
                raise
            where = failed_path(system) if system.filename else target
            raise write_error(where, system, lang) from exc
        put_in_place(staging, target, lang)
    finally:
        if staging.exists():
            shutil.rmtree(staging, ignore_errors=True)


def write_atomically(
    path: Path, save: Callable[[str], object], lang: Lang = "fr", replace: bool = True
) -> Path:
    """Call ``save(temporary_path)``, then move the result to ``path``. With
    ``replace=False`` an existing ``path`` is refused (``WriteError``), never replaced."""
    _check_parent(path, lang)
    if path.is_dir():  # said as such, before "already exists", which speaks of a file
        raise WriteError("write-is-a-folder", say("write-is-a-folder", lang, detail=""), str(path))
    if not replace and (path.exists() or path.is_symlink()):
        raise WriteError("write-exists", say("write-exists", lang, detail=""), str(path))
    try:
        handle, temporary = tempfile.mkstemp(prefix=".ordis-", suffix=path.suffix, dir=path.parent)
    except OSError as exc:
        raise write_error(path.parent, exc, lang) from exc
    os.close(handle)
    try:
        save(temporary)
        Path(temporary).chmod(0o666 & ~umask())
        if replace:
            Path(temporary).replace(path)
        else:
            link_new(Path(temporary), path)
    except OSError as exc:
        raise write_error(path, exc, lang) from exc
    finally:
        Path(temporary).unlink(missing_ok=True)
    return path


def scratch_beside(path: Path, suffix: str) -> Path:
    """A new empty file under a hidden temporary name beside ``path`` (``.<name>-…<suffix>``),
    to be given its name by ``link_new``; the caller removes it when done."""
    handle, temporary = tempfile.mkstemp(prefix=f".{path.name}-", suffix=suffix, dir=path.parent)
    os.close(handle)
    return Path(temporary)


def link_new(temporary: Path, path: Path) -> None:
    """Give ``temporary`` the name ``path`` only if nothing has that name: a hard link fails
    if ``path`` appeared meanwhile (filesystems without links: a last check, then rename)."""
    try:
        os.link(temporary, path)
    except OSError as exc:
        if exc.errno not in (errno.EPERM, errno.EOPNOTSUPP, errno.EXDEV, errno.EMLINK):
            raise
        if path.exists() or path.is_symlink():
            raise FileExistsError(errno.EEXIST, os.strerror(errno.EEXIST), str(path)) from exc
        temporary.replace(path)


def new_file(path: Path, save: Callable[[str], object], lang: Lang = "fr") -> Path:
    """``write_atomically`` for a file that must not exist yet (an output the user named)."""
    return write_atomically(path, save, lang, replace=False)
