"""Normalisers for single cell values.

Each takes a raw cell (``str`` from a CSV; ``str``, ``float``, ``int``, ``bool``,
``date``/``datetime`` from a workbook) and returns ``(clean, fault)``: the clean value
(``None`` when the cell is empty) and ``None``, or ``(code, fields)`` naming what is wrong
for the message catalogue. They are pure, so the validators call them once per distinct
raw value (see ``columns.normalise``).

This module holds the numbers, amounts, dates, département and postal codes, e-mails and
phone numbers; the closed lists of words (yes/no, priority, types, equipment, state) live in
``choices`` and the empty cell and the cell as text in ``cell_text``. Every name is
importable from here, as the validators do (``from . import values as v``).
"""

from __future__ import annotations

import datetime as dt
import re
from typing import Any

from ..territory import (
    TOWNS_ELSEWHERE,
    departement_code,
    departement_of_chief_town,
    departement_of_postal_code,
    departements,
    is_corsica,
    suggest_departement,
)
from ..textnorm import SPACES, fold
from .cell_text import Fault, is_empty, text
from .choices import Choice, boolean, donor_type, material, priority, state, structure_type

__all__ = [
    "EMAIL_PATTERN",
    "EXCEL_EPOCH",
    "Choice",
    "Fault",
    "amount",
    "boolean",
    "chief_town_hint",
    "date",
    "departement",
    "donor_type",
    "email",
    "is_empty",
    "material",
    "phone",
    "postal_code",
    "priority",
    "state",
    "structure_type",
    "text",
    "whole_number",
]

EXCEL_EPOCH = dt.date(1899, 12, 30)  # day 0 of Excel's serial dates after February 1900
_SERIAL_MIN, _SERIAL_MAX = 25569, 73051  # 1970-01-01 .. 2099-12-31
_NUMBER = re.compile(r"^[+-]?\d+(?:[.,]\d+)?$")
_STRIP_IN_NUMBERS = str.maketrans("", "", SPACES + "'’")
_ISO_DATE = re.compile(r"^(\d{4})([-/.])(\d{1,2})\2(\d{1,2})(?:[ T].*)?$")  # 2020/04/21 too
_DAY_FIRST = re.compile(r"^(\d{1,2})[/.-](\d{1,2})[/.-](\d{4}|\d{2})(?:\s.*)?$")
_NO_YEAR = re.compile(r"^(\d{1,2})[/.-](\d{1,2})$")
_LEADING_WORD = re.compile(r"(?i)^(?:le|du|the)\s+")
# Month names and their usual abbreviations, French and English, as ``textnorm.fold`` leaves
# them (lower case, no accent, no dot): "avril", "avr.", "April", "Apr", "févr.", "août".
_MONTHS = {
    name: number
    for number, names in enumerate(
        (
            ("janvier", "janv", "jan", "january"),
            ("fevrier", "fevr", "fev", "feb", "february"),
            ("mars", "mar", "march"),
            ("avril", "avr", "apr", "april"),
            ("mai", "may"),
            ("juin", "jun", "june"),
            ("juillet", "juil", "jul", "july"),
            ("aout", "aou", "aug", "august"),
            ("septembre", "sept", "sep", "september"),
            ("octobre", "oct", "october"),
            ("novembre", "nov", "november"),
            ("decembre", "dec", "december"),
        ),
        start=1,
    )
    for name in names
}
_WEEKDAYS = frozenset(
    {
        "lundi",
        "mardi",
        "mercredi",
        "jeudi",
        "vendredi",
        "samedi",
        "dimanche",
        "monday",
        "tuesday",
        "wednesday",
        "thursday",
        "friday",
        "saturday",
        "sunday",
        "le",
        "the",
        "of",
        "du",
        "mon",
        "tue",
        "wed",
        "thu",
        "fri",
        "sat",
        "sun",
    }
)
_DAY_WORD = re.compile(r"^(\d{1,2})(?:er|e|eme|st|nd|rd|th)?$")
EMAIL_PATTERN = (
    r"[A-Za-z0-9.!#$%&'*+/=?^_`{|}~-]+@[A-Za-z0-9](?:[A-Za-z0-9-]*[A-Za-z0-9])?"
    r"(?:\.[A-Za-z0-9](?:[A-Za-z0-9-]*[A-Za-z0-9])?)*\.[A-Za-z]{2,}"
)
_EMAIL = re.compile(f"^{EMAIL_PATTERN}$")


def _number(raw: Any) -> float | None:
    if isinstance(raw, bool):
        return None
    if isinstance(raw, int | float):
        return float(raw)
    if isinstance(raw, dt.date) and raw.year == 1900:
        # a number in a cell formatted as a date by mistake: 7 shows as 07/01/1900
        # (Excel counts a 29 February 1900 that never was: serials below 61 are one off)
        day = raw.date() if isinstance(raw, dt.datetime) else raw
        serial = (day - EXCEL_EPOCH).days
        return float(serial - 1 if day < dt.date(1900, 3, 1) else serial)
    if isinstance(raw, str):
        compact = raw.translate(_STRIP_IN_NUMBERS)
        if _NUMBER.match(compact):
            return float(compact.replace(",", "."))
    return None


def whole_number(raw: Any) -> tuple[int | None, Fault]:
    """A whole number >= 0: ``"1 200"`` (no-break spaces too) and ``"12,0"`` are fine."""
    if is_empty(raw):
        return None, None
    number = _number(raw)
    if number is None or number != number:  # NaN
        return None, ("not-number", {})
    if not number.is_integer():
        return None, ("fraction", {})
    if number < 0:
        return None, ("negative", {})
    return int(number), None


def amount(raw: Any) -> tuple[float | None, Fault]:
    """A positive number of euros (``"1 500,50 €"`` accepted)."""
    if is_empty(raw):
        return None, None
    if isinstance(raw, str):
        raw = raw.replace("€", "").replace("EUR", "").replace("eur", "")
    number = _number(raw)
    if number is None or number != number or number <= 0:
        return None, ("bad-amount", {})
    return round(number, 2), None


def date(raw: Any) -> tuple[dt.date | None, Fault]:
    """A date: a workbook date, an Excel serial, ``dd/mm/yyyy`` (day first), ISO (also
    ``2020/04/21``), or words as people write them: ``17 avril 2020``, ``1er mai 2020``,
    ``17 avr. 2020``, ``April 17, 2020``. A day without its year (``le 24/04``) is refused
    with the year to add."""
    if is_empty(raw):
        return None, None
    if isinstance(raw, dt.datetime):
        return raw.date(), None
    if isinstance(raw, dt.date):
        return raw, None
    if isinstance(raw, int | float) and not isinstance(raw, bool):
        if _SERIAL_MIN <= raw <= _SERIAL_MAX:
            return EXCEL_EPOCH + dt.timedelta(days=int(raw)), None
        return None, ("bad-date", {"hint": ""})
    if not isinstance(raw, str):
        return None, ("bad-date", {"hint": ""})
    value = _LEADING_WORD.sub("", raw.strip())
    match = _ISO_DATE.match(value)
    if match:
        year, _, month, day = match.groups()
        return _make_date(int(year), int(month), int(day))
    match = _DAY_FIRST.match(value)
    if match:
        day, month, year = (int(g) for g in match.groups())
        if year < 100:
            year += 2000 if year < 70 else 1900
        if month > 12 and day <= 12:
            return None, ("bad-date", {"hint": "hint-month-first"})
        return _make_date(year, month, day)
    if value.isdigit() and _SERIAL_MIN <= int(value) <= _SERIAL_MAX:
        return EXCEL_EPOCH + dt.timedelta(days=int(value)), None
    match = _NO_YEAR.match(value)
    if match:
        return _without_year(int(match.group(1)), int(match.group(2)))
    return _date_in_words(value)


def _date_in_words(value: str) -> tuple[dt.date | None, Fault]:
    """``17 avril 2020``, ``1er mai 2020``, ``April 17, 2020``, ``17 April 2020``."""
    words = [w for w in fold(value).split() if w not in _WEEKDAYS]
    months = [i for i, w in enumerate(words) if w in _MONTHS]
    if len(months) != 1 or len(words) not in (2, 3):
        return None, ("bad-date", {"hint": ""})
    at = months[0]
    month = _MONTHS[words[at]]
    rest = words[:at] + words[at + 1 :]
    day_match = _DAY_WORD.match(rest[0])
    if day_match is None:
        return None, ("bad-date", {"hint": ""})
    day = int(day_match.group(1))
    if len(rest) == 1:
        return _without_year(day, month)
    if not rest[1].isdigit() or len(rest[1]) not in (2, 4):
        return None, ("bad-date", {"hint": ""})
    year = int(rest[1])
    if year < 100:
        year += 2000 if year < 70 else 1900
    return _make_date(year, month, day)


def _without_year(day: int, month: int) -> tuple[dt.date | None, Fault]:
    """A day and a month with no year: refused, with the day written with this year as the
    example to follow (a request or a delivery of the current year is the likely case)."""
    year = dt.date.today().year
    try:
        dt.date(year if (day, month) != (29, 2) else 2024, month, day)
    except ValueError:
        return None, ("bad-date", {"hint": ""})
    return None, ("date-without-year", {"example": f"{day:02d}/{month:02d}/{year}"})


def _make_date(year: int, month: int, day: int) -> tuple[dt.date | None, Fault]:
    try:
        return dt.date(year, month, day), None
    except ValueError:
        return None, ("bad-date", {"hint": ""})


def departement(raw: Any) -> tuple[str | None, Fault]:
    """A département code from a code (``1`` -> ``01``, ``2a`` -> ``2A``) or a name."""
    if is_empty(raw):
        return None, None
    value = text(raw) or ""
    code = departement_code(value)
    if code:
        return code, None
    if is_corsica(value):
        return None, ("unknown-departement", {"hint": "hint-corsica"})
    if value.isdigit() and len(value) == 5:
        # A postal code in the département column: its first two digits (three overseas,
        # 20xxx split at 20200) name one département, so it is read as that one, with a
        # warning showing the cell (a few communes near a border carry a neighbour's code).
        found = departement_of_postal_code(value)
        if found:
            return found, (
                "departement-from-postal-code",
                {"found": found, "name": departements()[found].name},
            )
    if value.isdigit():
        return None, ("unknown-departement", {"hint": "hint-no-such-departement"})
    town = chief_town_hint(value)
    if town:  # « Marseille »: its département, said, not a look-alike name (« Moselle »)
        return None, ("unknown-departement", town)
    suggestion = suggest_departement(value)
    return None, ("unknown-departement", {"suggestion": suggestion} if suggestion else {})


def chief_town_hint(value: str) -> dict[str, Any] | None:
    """The hint for a département's chief town written where a département (or a zone) is
    expected: the town, its département's code and name; None for any other text."""
    town = departement_of_chief_town(value)
    if town is None:
        return None
    place = departements()[town]
    hint = {"hint": "hint-chief-town", "found": town, "name": place.name, "town": place.chief_town}
    other = TOWNS_ELSEWHERE.get(place.chief_town)
    if other:  # « Saint-Denis »: La Réunion's chief town, and a town of the 93
        hint.update(hint="hint-chief-town-or", other=other, other_name=departements()[other].name)
    return hint


def postal_code(raw: Any) -> tuple[str | None, Fault]:
    """Five digits; a code that lost its leading zero (``1000``) gets it back."""
    if is_empty(raw):
        return None, None
    value = (text(raw) or "").translate(_STRIP_IN_NUMBERS)
    if value.isdigit() and len(value) == 4:
        value = "0" + value
    if len(value) == 5 and value.isdigit() and value != "00000":
        return value, None
    return None, ("bad-postal-code", {})


def email(raw: Any) -> tuple[str | None, Fault]:
    if is_empty(raw):
        return None, None
    value = str(raw).strip().removeprefix("mailto:")
    if _EMAIL.match(value):
        return value, None
    return None, ("bad-email", {})


def phone(raw: Any) -> tuple[str | None, Fault]:
    """A French number, 10 digits or +33 and 9; Excel's lost leading zero put back."""
    if is_empty(raw):
        return None, None
    value = text(raw) or ""
    digits = value.replace(" ", "").replace(".", "")
    if len(digits) == 10 and digits.isdigit() and digits[0] == "0":
        return digits, None
    digits = re.sub(r"[\s.\-/()\u00a0\u202f]", "", value)
    if digits.startswith("+"):
        if re.fullmatch(r"\+\d{8,15}", digits):
            return digits, None
        return None, ("bad-phone", {})
    if digits.startswith("0033"):
        digits = "+" + digits[2:]
        return (digits, None) if len(digits) == 12 else (None, ("bad-phone", {}))
    if len(digits) == 9 and digits.isdigit() and digits[0] != "0":
        digits = "0" + digits
    if len(digits) == 10 and digits.isdigit() and digits.startswith("0"):
        return digits, None
    return None, ("bad-phone", {})
