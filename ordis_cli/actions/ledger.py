"""``upgrade_ledger``: the library entry point behind ``ordis ledger upgrade``."""

from __future__ import annotations

from pydantic import BaseModel

from ..ledger.location import LedgerPath, ledger_location
from ..ledger.migrations import upgrade
from ..messages import Lang


class LedgerUpgrade(BaseModel):
    """What the upgrade did: the format found and the format now, the copy made first
    (None when the ledger was already current: nothing was changed), and whether a write
    interrupted before (a process killed) was undone first."""

    ledger: str
    found: str
    now: str
    backup: str | None
    upgraded: bool
    interrupted_write_undone: bool


def upgrade_ledger(ledger_path: LedgerPath | str, lang: Lang = "fr") -> LedgerUpgrade:
    """Bring a ledger of an earlier format up to date, after copying it aside. Not a
    ledger, a newer format, damaged: ``LedgerError`` (exit 2), nothing changed."""
    done = upgrade(ledger_location(ledger_path), lang)
    return LedgerUpgrade(
        ledger=done.ledger,
        found=done.found,
        now=done.now,
        backup=done.backup,
        upgraded=done.found != done.now,
        interrupted_write_undone=done.undone,
    )


class LedgerCopy(BaseModel):
    """What ``ordis ledger copy --format json`` prints: the two ledgers (no password) and
    the rows of each table copied and checked."""

    source: str
    target: str
    rows: dict[str, int]


def copy_ledger(
    source: LedgerPath | str, target: LedgerPath | str, lang: Lang = "fr"
) -> LedgerCopy:
    """Copy a whole ledger into a new one (a free path, or an empty PostgreSQL database),
    then check the copy row for row and figure for figure. The destination is not new, or
    cannot be written: ``LedgerError`` (exit 2); the copy differs: ``CopyMismatch`` (exit 1);
    either way the destination is left as it was."""
    from ..ledger.copying import copy_ledger as copy

    done = copy(ledger_location(source), ledger_location(target), lang)
    return LedgerCopy(source=done.source, target=done.target, rows=done.rows)
