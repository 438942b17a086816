"""What a ledger must hold to be used: its core tables and columns, and values that ordis
itself could have written. A hand edit (a device ``scanner``, text in a quantity, a shipment
pointing to a missing run) is found here, at opening, with the table, the row and the value,
instead of failing deep inside a command.

One query per table: each row is scanned once and the first broken value is returned, so the
check costs one pass over each table. Most of that pass is spent on the rules themselves
(about 0.1 µs per rule and row; reading the rows is a tenth of it): a column declared as text
(SQLite's TEXT affinity) holds only text, BLOBs or NULL, so there its text rule is a
comparison (``col >= X''``: a BLOB) instead of a call to ``typeof`` — the same verdicts, the
shipments' pass about a quarter faster (0.53 -> 0.41 CPU-s at 229,000 lines)."""

from __future__ import annotations

import sqlite3
from dataclasses import dataclass

from ..devices import DEVICE_TYPES
from ..territory import departements

# The core of ledger format 3: what every command reads. Tables added later to the schema
# are created by a write-opening when missing and are not required here.
CORE_COLUMNS: dict[str, tuple[str, ...]] = {
    "meta": ("key", "value"),
    "runs": (
        "id",
        "created_at",
        "run_date",
        "status",
        "cancelled_at",
        "policy",
        "version",
        "out_dir",
        "shipments",
        "units",
    ),
    "run_files": ("run_id", "role", "path", "sha256"),
    "shipments": (
        "id",
        "run_id",
        "lot_id",
        "structure_id",
        "departement",
        "donor",
        "donor_type",
        "device",
        "counted_as",
        "quantity",
        "shipper",
        "round",
        "distance_km",
        "delivered_on",
        "delivered_quantity",
        "comment",
        "delivery_recorded_at",
        "gap",
        "cancelled_at",
    ),
    "needs": (
        "structure_id",
        "departement",
        "type_structure",
        "priority",
        "internet",
        "requested_on",
        "nb_enfants",
        "portable",
        "fixe",
        "tablette",
        "box_4g",
        "run_id",
    ),
    "lots": (
        "id",
        "donor",
        "donor_type",
        "device",
        "quantity",
        "departement",
        "shipper",
        "available_on",
        "amount_eur",
        "run_id",
    ),
}


def _device(column: str) -> str:
    names = ", ".join(f"'{d.value}'" for d in DEVICE_TYPES)
    return f"{column} IS NULL OR {column} NOT IN ({names})"


def _departement(column: str) -> str:
    return f"{column} IS NULL OR {column} NOT IN (SELECT code FROM temp.{_CODES})"


_CODES = "ordis_departement_codes"  # a temporary table: in memory, never in the file


def _text(column: str) -> str:
    return f"typeof({column}) != 'text'"


def _not_text_where_text(column: str) -> str:
    """``_text`` for a column of TEXT affinity: a number stored there becomes text, so what
    is not text is NULL or a BLOB (BLOBs sort after every text, the empty one first)."""
    return f"({column} IS NULL OR {column} >= X'')"


def _count(column: str) -> str:
    return f"typeof({column}) != 'integer' OR {column} < 0"


def _positive(column: str) -> str:
    return f"typeof({column}) != 'integer' OR {column} <= 0"


def _number(column: str) -> str:
    return f"typeof({column}) NOT IN ('integer', 'real') OR {column} < 0"


def _date(column: str) -> str:
    return f"typeof({column}) != 'text' OR date({column}) IS NOT {column}"


def _run(column: str) -> str:
    return f"{column} IS NULL OR {column} NOT IN (SELECT id FROM runs)"


def _optional(rule: str, column: str) -> str:
    return f"{column} IS NOT NULL AND ({rule})"


@dataclass(frozen=True, slots=True)
class Rule:
    column: str
    broken: str  # SQL that is true when the value is not one ordis could have written
    expected: str  # message key of what is expected

    def where(self, text_columns: set[str]) -> str:
        """``broken`` for this table, whose columns of TEXT affinity are ``text_columns``."""
        if self.column not in text_columns:
            return self.broken
        return self.broken.replace(_text(self.column), _not_text_where_text(self.column))


def _rules(spec: list[tuple[str, str, bool]]) -> list[Rule]:
    makers = {
        "device": _device,
        "departement": _departement,
        "text": _text,
        "count": _count,
        "positive": _positive,
        "number": _number,
        "date": _date,
        "run": _run,
    }
    rules = []
    for column, kind, optional in spec:
        broken = makers[kind](column)
        rules.append(
            Rule(column, _optional(broken, column) if optional else broken, f"ledger-expect-{kind}")
        )
    return rules


# table -> (the expression naming a row, the rules of its columns)
TABLE_RULES: dict[str, tuple[str, list[Rule]]] = {
    "runs": (
        "id",
        [
            Rule("id", "typeof(id) != 'integer'", "ledger-expect-positive"),
            Rule(
                "status",
                "status IS NULL OR status NOT IN ('active', 'cancelled')",
                "ledger-expect-status",
            ),
            *_rules(
                [
                    ("run_date", "date", False),
                    ("created_at", "text", False),
                    ("policy", "text", False),
                    ("version", "text", False),
                    ("out_dir", "text", True),
                    ("shipments", "count", False),
                    ("units", "count", False),
                ]
            ),
        ],
    ),
    "run_files": (
        "run_id || '/' || role",
        _rules(
            [
                ("run_id", "run", False),
                ("role", "text", False),
                ("path", "text", False),
                ("sha256", "text", False),
            ]
        ),
    ),
    "shipments": (
        "id",
        [
            *_rules(
                [
                    ("id", "text", False),
                    ("run_id", "run", False),
                    ("lot_id", "text", False),
                    ("structure_id", "text", False),
                    ("departement", "departement", False),
                    ("donor", "text", False),
                    ("donor_type", "text", True),
                    ("device", "device", False),
                    ("counted_as", "device", False),
                    ("quantity", "positive", False),
                    ("shipper", "text", False),
                    ("round", "text", False),
                    ("distance_km", "number", False),
                    ("delivered_on", "date", True),
                    ("delivered_quantity", "count", True),
                    ("comment", "text", True),
                    ("cancelled_at", "text", True),
                ]
            ),
            Rule(
                "gap",
                "gap IS NOT NULL AND gap NOT IN ('perdu', 'hors service')",
                "ledger-expect-gap",
            ),
        ],
    ),
    "needs": (
        "structure_id",
        [
            *_rules(
                [
                    ("structure_id", "text", False),
                    ("departement", "departement", False),
                    ("priority", "text", False),
                    ("requested_on", "date", True),
                    ("nb_enfants", "count", True),
                    ("portable", "count", False),
                    ("fixe", "count", False),
                    ("tablette", "count", False),
                    ("box_4g", "count", False),
                    ("run_id", "run", False),
                ]
            ),
            Rule(
                "internet", "internet IS NOT NULL AND internet NOT IN (0, 1)", "ledger-expect-flag"
            ),
        ],
    ),
    "lots": (
        "id",
        _rules(
            [
                ("id", "text", False),
                ("donor", "text", False),
                ("donor_type", "text", True),
                ("device", "device", True),
                ("quantity", "count", True),
                ("departement", "departement", True),
                ("available_on", "date", True),
                ("amount_eur", "number", True),
                ("run_id", "run", False),
            ]
        ),
    ),
}


@dataclass(frozen=True, slots=True)
class BadValue:
    table: str
    row: str
    column: str
    value: object
    expected: str  # message key


def first_bad_value(connection: sqlite3.Connection) -> BadValue | None:
    """The first value, table by table, that ordis could not have written; None if all is
    well."""
    connection.execute(f"CREATE TEMP TABLE IF NOT EXISTS {_CODES} (code TEXT PRIMARY KEY)")
    connection.executemany(
        f"INSERT OR IGNORE INTO temp.{_CODES} VALUES (?)", [(code,) for code in departements()]
    )
    for table, (key, rules) in TABLE_RULES.items():
        text_columns = _text_affinity(connection, table)
        cases = " ".join(
            f"WHEN {rule.where(text_columns)} THEN {index}" for index, rule in enumerate(rules)
        )
        found = connection.execute(
            f"SELECT * FROM (SELECT {key} AS row_key, CASE {cases} END AS broken "
            f"FROM {table}) WHERE broken IS NOT NULL LIMIT 1"
        ).fetchone()
        if found is None:
            continue
        rule = rules[found[1]]
        value = connection.execute(
            f"SELECT {rule.column} FROM {table} WHERE {key} IS ?", (found[0],)
        ).fetchone()
        return BadValue(
            table, str(found[0]), rule.column, value[0] if value else None, rule.expected
        )
    return None


def _text_affinity(connection: sqlite3.Connection, table: str) -> set[str]:
    """The columns of ``table`` declared with TEXT affinity (SQLite's rules, in order: a type
    naming INT is an integer; CHAR, CLOB or TEXT, text)."""
    found = set()
    for row in connection.execute(f"PRAGMA table_info({table})"):
        declared = str(row[2] or "").upper()
        if "INT" not in declared and any(word in declared for word in ("CHAR", "CLOB", "TEXT")):
            found.add(str(row[1]))
    return found
