"""Which column a header stands for, in each kind of file (SPEC §2).

The tables of columns and their aliases live in ``file_columns``, the headers that name a
device in words of their own in ``device_headers``; this module puts them together by
``Kind`` (``SCHEMAS``) and answers the readers' and validators' questions: the column of a
header, the required columns, the aliases to show in a message. Every name of those two
modules that was imported from here still is.
"""

from __future__ import annotations

from functools import cache

from .device_headers import device_column, quantity_guess
from .file_columns import DELIVERIES, DONATIONS, NEEDS, PARTNERS, QUANTITY_COLUMNS, Column
from .models import Kind
from .textnorm import header_key

__all__ = [
    "DELIVERIES",
    "DONATIONS",
    "NEEDS",
    "PARTNERS",
    "QUANTITY_COLUMNS",
    "SCHEMAS",
    "Column",
    "aliases_text",
    "column_for",
    "column_names",
    "key_map",
    "quantity_guess",
    "required",
]

SCHEMAS: dict[Kind, tuple[Column, ...]] = {
    Kind.NEEDS: NEEDS,
    Kind.DONATIONS: DONATIONS,
    Kind.PARTNERS: PARTNERS,
    Kind.DELIVERIES: DELIVERIES,
}


@cache
def key_map(kind: Kind) -> dict[str, str]:
    """Header key -> canonical column name, for one kind."""
    mapping: dict[str, str] = {}
    for column in SCHEMAS[kind]:
        for key in column.header_keys():
            mapping.setdefault(key, column.name)
    return mapping


def required(kind: Kind) -> tuple[str, ...]:
    return tuple(c.name for c in SCHEMAS[kind] if c.required)


def aliases_text(kind: Kind, name: str) -> str:
    column = next(c for c in SCHEMAS[kind] if c.name == name)
    return ", ".join((column.name, *column.aliases[:4]))


def column_for(kind: Kind, text: str, mapped: dict[str, str] | None = None) -> str | None:
    """The column a header stands for in a file of ``kind``: the user's own mapping first
    (``mapped``, header key -> column, from ``--columns``), its aliases next, then, in a
    needs file, a device named with words of quantity ("Qté portables", "Nb PC portables",
    "Tablettes (nombre)", "Nombre d'ordinateurs portables souhaités")."""
    key = header_key(text)
    if mapped and key in mapped:
        return mapped[key]
    found = key_map(kind).get(key)
    if found is None and kind is Kind.NEEDS:
        return device_column(text)
    return found


def column_names(kind: Kind) -> tuple[str, ...]:
    """The columns of a file of ``kind``, in the order of SPEC §2 (``ordis sample`` writes
    them so)."""
    return tuple(c.name for c in SCHEMAS[kind])
