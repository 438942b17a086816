"""Dispatch: the allocate command's work around the allocation core — inputs, ledger,
workbooks for the partners and for the team."""
