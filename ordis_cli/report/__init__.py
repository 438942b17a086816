"""The weekly figures for the press and the team, from the ledger."""
