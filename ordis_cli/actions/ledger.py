"""``upgrade_ledger``: the library entry point behind ``ordis ledger upgrade``."""

from __future__ import annotations

from pydantic import BaseModel

from ..ledger.location import LedgerPath
from ..ledger.migrations import upgrade
from ..messages import Lang


class LedgerUpgrade(BaseModel):
    """What the upgrade did: the format found and the format now, the copy made first
    (None when the ledger was already current: nothing was changed)."""

    ledger: str
    found: str
    now: str
    backup: str | None
    upgraded: bool


def upgrade_ledger(ledger_path: LedgerPath, lang: Lang = "fr") -> LedgerUpgrade:
    """Bring a ledger of an earlier format up to date, after copying it aside. Not a
    ledger, a newer format, damaged: ``LedgerError`` (exit 2), nothing changed."""
    done = upgrade(ledger_path, lang)
    return LedgerUpgrade(
        ledger=done.ledger,
        found=done.found,
        now=done.now,
        backup=done.backup,
        upgraded=done.found != done.now,
    )
