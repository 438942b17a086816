"""The ledger: every run, every shipment and its delivery, the latest needs and lots."""

from .store import Ledger, LedgerError

__all__ = ["Ledger", "LedgerError"]
