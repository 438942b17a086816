"""Values a hand edit could leave in a PostgreSQL ledger that its types and CHECKs do not keep
out: dates (kept as ISO text, as in SQLite) that are not ``YYYY-MM-DD``, and département codes
ordis does not know. The rest — whole numbers, quantities above zero, device types, statuses,
gaps, a shipment's run — is enforced by the schema itself (``schema_pg.sql``). As SQLite's
``checks.first_bad_value``: the first such value, with its table, row and column."""

from __future__ import annotations

from typing import Any

from ..territory import departements
from .checks import BadValue

_DATE = "^[0-9]{4}-(0[1-9]|1[0-2])-(0[1-9]|[12][0-9]|3[01])$"

# (table, the column naming a row, column, kind, may be empty)
_RULES: tuple[tuple[str, str, str, str, bool], ...] = (
    ("runs", "id", "run_date", "date", False),
    ("shipments", "id", "departement", "departement", False),
    ("shipments", "id", "delivered_on", "date", True),
    ("needs", "structure_id", "departement", "departement", False),
    ("needs", "structure_id", "requested_on", "date", True),
    ("lots", "id", "departement", "departement", True),
    ("lots", "id", "available_on", "date", True),
)


def first_bad_value(connection: Any) -> BadValue | None:
    """The first value, rule by rule, that ordis could not have written; None if all is
    well. One pass over each column."""
    codes = sorted(departements())
    for table, key, column, kind, optional in _RULES:
        if kind == "date":
            broken = f"NOT ({column} ~ '{_DATE}')"
            parameters: tuple[Any, ...] = ()
        else:
            broken = f"{column} <> ALL(?)"
            parameters = (codes,)
        empty = f"{column} IS NOT NULL AND " if optional else f"{column} IS NULL OR "
        found = connection.execute(
            f"SELECT {key}, {column} FROM {table} WHERE {empty}({broken}) LIMIT 1", parameters
        ).fetchone()
        if found is not None:
            return BadValue(table, str(found[0]), column, found[1], f"ledger-expect-{kind}")
    return None
