"""Runs interrupted between their commit and their folder being in place.

A run is recorded (and its units reserved) before its workbooks are written, so that the
ledger's write lock is held only for that short transaction. Its outputs are 'writing' until
the folder is in place. If the process died in between (killed, power cut), the next
``allocate`` on the same machine finds it here: when the staging folder is gone and the run's
folder holds its workbooks, the folder was put in place, and the run is marked written;
otherwise the run never reached its partners, so it is cancelled (its units go back, its id
is never used again) and the staging folder, which holds structures' addresses, is removed.
"""

from __future__ import annotations

import os
import shutil
import socket
import sys
from dataclasses import dataclass
from pathlib import Path

from ..atomic import STAGING_PREFIX
from .store import Ledger, OutputRecord


@dataclass(frozen=True, slots=True)
class Recovered:
    run_id: int
    finished: bool  # True: the folder was in place; False: the run was cancelled


def this_host() -> str:
    return socket.gethostname()


def _alive(pid: int) -> bool:
    """Whether process ``pid`` of this host still runs (a reused pid reads as alive: the
    run is then left alone, which is the safe side)."""
    if sys.platform == "win32":  # os.kill would end it there: never recover on Windows
        return True
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except PermissionError:  # another user's process
        return True
    return True


def _ours(staging: str) -> Path | None:
    """The staging folder if it is really one of ordis' (a hand-edited ledger must not make
    ordis remove anything else)."""
    if not staging:
        return None
    path = Path(staging)
    if not path.name.startswith(STAGING_PREFIX) or path.is_symlink() or not path.is_dir():
        return None
    return path


def _in_place(out_dir: str) -> bool:
    """The run's folder holds its allocation workbook, the last file a run writes: the
    folder was put in place whole. (A staging folder removed by hand, its folder never in
    place, means the partners never got the workbooks: the run is cancelled.)"""
    return (Path(out_dir) / "allocation.xlsx").is_file()


def recover_interrupted(ledger: Ledger) -> list[Recovered]:
    """Finish or cancel this host's interrupted runs, then remove their staging folders.
    Call it outside any transaction."""
    host, recovered = this_host(), []
    with ledger.transaction():
        for record in ledger.outputs(("writing",)):
            if record.host != host or (_alive(record.pid) and record.pid != os.getpid()):
                continue
            if _ours(record.staging) is None and _in_place(record.out_dir):
                ledger.outputs_written(record.run_id)
                recovered.append(Recovered(record.run_id, finished=True))
            else:
                ledger.abandon_run(record.run_id)
                recovered.append(Recovered(record.run_id, finished=False))
        leftovers = [r for r in ledger.outputs(("abandoned",)) if r.host == host and r.staging]
    for record in leftovers:
        remove_staging(ledger, record)
    return recovered


def remove_staging(ledger: Ledger, record: OutputRecord) -> None:
    folder = _ours(record.staging)
    if folder is not None:
        shutil.rmtree(folder, ignore_errors=True)
    if not Path(record.staging).exists():
        with ledger.transaction():
            ledger.forget_staging(record.run_id)
