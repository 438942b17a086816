"""Normalisers for single cell values.

Each takes a raw cell (``str`` from a CSV; ``str``, ``float``, ``int``, ``bool``,
``date``/``datetime`` from a workbook) and returns ``(clean, fault)``: the clean value
(``None`` when the cell is empty) and ``None``, or ``(code, fields)`` naming what is wrong
for the message catalogue. They are pure, so the validators call them once per distinct
raw value (see ``columns.normalise``).
"""

from __future__ import annotations

import datetime as dt
import difflib
import re
from typing import Any

from ..models import DeviceType
from ..territory import departement_code, suggest_departement
from ..textnorm import SPACES, alias_key

Fault = tuple[str, dict[str, Any]] | None

_EXCEL_EPOCH = dt.date(1899, 12, 30)
_SERIAL_MIN, _SERIAL_MAX = 25569, 73051  # 1970-01-01 .. 2099-12-31
_NUMBER = re.compile(r"^[+-]?\d+(?:[.,]\d+)?$")
_STRIP_IN_NUMBERS = str.maketrans("", "", SPACES + "'’")
_ISO_DATE = re.compile(r"^(\d{4})-(\d{1,2})-(\d{1,2})(?:[ T].*)?$")
_DAY_FIRST = re.compile(r"^(\d{1,2})[/.-](\d{1,2})[/.-](\d{4}|\d{2})(?:\s.*)?$")
EMAIL_PATTERN = (r"[A-Za-z0-9.!#$%&'*+/=?^_`{|}~-]+@[A-Za-z0-9](?:[A-Za-z0-9-]*[A-Za-z0-9])?"
                 r"(?:\.[A-Za-z0-9](?:[A-Za-z0-9-]*[A-Za-z0-9])?)*\.[A-Za-z]{2,}")
_EMAIL = re.compile(f"^{EMAIL_PATTERN}$")


def is_empty(raw: Any) -> bool:
    return raw is None or raw == "" or (isinstance(raw, str) and raw.isspace())


_ODD_SPACES = re.compile("  |[\t\n\r\u00a0\u202f\u2009]")


def text(raw: Any) -> str | None:
    """Trimmed text, inner runs of spaces folded; numbers as a person reads them
    (``750012345.0`` -> ``"750012345"``)."""
    if raw.__class__ is str:
        value = raw.strip()
        if not value:
            return None
        if _ODD_SPACES.search(value):
            return " ".join(value.split())
        return value
    if is_empty(raw):
        return None
    if isinstance(raw, float) and raw.is_integer():
        return str(int(raw))
    if isinstance(raw, dt.datetime):
        return raw.date().isoformat() if not raw.time() else raw.isoformat(sep=" ")
    if isinstance(raw, dt.date):
        return raw.isoformat()
    return " ".join(str(raw).split())


def _number(raw: Any) -> float | None:
    if isinstance(raw, bool):
        return None
    if isinstance(raw, int | float):
        return float(raw)
    if isinstance(raw, dt.date) and raw.year == 1900:
        # a number in a cell formatted as a date by mistake: 7 shows as 07/01/1900
        # (Excel counts a 29 February 1900 that never was: serials below 61 are one off)
        day = raw.date() if isinstance(raw, dt.datetime) else raw
        serial = (day - _EXCEL_EPOCH).days
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
    """A date: a workbook date, an Excel serial, ``dd/mm/yyyy`` (day first), ISO."""
    if is_empty(raw):
        return None, None
    if isinstance(raw, dt.datetime):
        return raw.date(), None
    if isinstance(raw, dt.date):
        return raw, None
    if isinstance(raw, int | float) and not isinstance(raw, bool):
        if _SERIAL_MIN <= raw <= _SERIAL_MAX:
            return _EXCEL_EPOCH + dt.timedelta(days=int(raw)), None
        return None, ("bad-date", {"hint": ""})
    if not isinstance(raw, str):
        return None, ("bad-date", {"hint": ""})
    value = raw.strip()
    match = _ISO_DATE.match(value)
    if match:
        year, month, day = (int(g) for g in match.groups())
        return _make_date(year, month, day)
    match = _DAY_FIRST.match(value)
    if match:
        day, month, year = (int(g) for g in match.groups())
        if year < 100:
            year += 2000 if year < 70 else 1900
        if month > 12 and day <= 12:
            return None, ("bad-date", {"hint": "hint-month-first"})
        return _make_date(year, month, day)
    if value.isdigit() and _SERIAL_MIN <= int(value) <= _SERIAL_MAX:
        return _EXCEL_EPOCH + dt.timedelta(days=int(value)), None
    return None, ("bad-date", {"hint": ""})


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
    if value.isdigit():
        return None, ("unknown-departement", {"hint": "hint-no-such-departement"})
    suggestion = suggest_departement(value)
    return None, ("unknown-departement", {"suggestion": suggestion} if suggestion else {})


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


_BOOLEANS = {
    "oui": True, "o": True, "yes": True, "y": True, "1": True, "x": True, "vrai": True,
    "true": True, "non": False, "n": False, "no": False, "0": False, "faux": False,
    "false": False, "aucun": False, "sans": False,
}


def boolean(raw: Any) -> tuple[bool | None, Fault]:
    if is_empty(raw):
        return None, None
    if isinstance(raw, bool):
        return raw, None
    key = alias_key(text(raw) or "")
    if key in _BOOLEANS:
        return _BOOLEANS[key], None
    return None, ("bad-boolean", {})


class Choice:
    """A closed list of values, each with aliases; unknown values get a suggestion."""

    def __init__(self, fault: str, aliases: dict[str, tuple[str, ...]]) -> None:
        self.fault = fault
        self._keys: dict[str, str] = {}
        for value, names in aliases.items():
            for name in (value, *names):
                self._keys[alias_key(name)] = value

    def __call__(self, raw: Any) -> tuple[str | None, Fault]:
        if is_empty(raw):
            return None, None
        key = alias_key(text(raw) or "")
        if key in self._keys:
            return self._keys[key], None
        close = difflib.get_close_matches(key, list(self._keys), n=1, cutoff=0.7)
        fields = {"suggestion": self._keys[close[0]]} if close else {}
        return None, (self.fault, fields)


priority = Choice("bad-priority", {
    "urgente": ("urgent", "tres urgent", "tres urgente", "prioritaire", "p1", "1"),
    "haute": ("high", "elevee", "haut", "importante", "p2", "2"),
    "normale": ("normal", "standard", "basse", "low", "moyenne", "p3", "3"),
})

structure_type = Choice("unknown-structure-type", {
    "MECS": ("maison d enfants a caractere social", "maison d enfant", "mecs"),
    "foyer de l'enfance": ("foyer", "foyer departemental de l enfance", "fde", "cde",
                           "centre departemental de l enfance"),
    "lieu de vie": ("lieu de vie et d accueil", "lva", "lvs"),
    "placement familial": ("assistant familial", "assistante familiale", "famille d accueil",
                           "service de placement familial", "spf"),
    "pouponnière": ("pouponniere",),
    "autre": ("other", "autres", "divers"),
})

donor_type = Choice("unknown-donor-type", {
    "entreprise": ("societe", "ste", "company", "business", "firm", "corporate", "sa", "sas",
                   "sasu", "sarl", "eurl", "pme", "tpe", "eti", "groupe", "grand groupe",
                   "entreprise privee", "mecenat d entreprise"),
    "fondation": ("foundation", "fonds de dotation", "fondation d entreprise",
                  "endowment fund", "fonds"),
    "association": ("asso", "assoc", "association loi 1901", "ong", "ngo", "charity",
                    "non profit", "nonprofit", "organisme caritatif", "club service"),
    "particulier": ("particuliere", "un particulier", "une particuliere", "particulier prive",
                    "personne physique", "personne privee", "personne", "individuel",
                    "individuelle", "individu", "indiv", "individual", "private",
                    "private individual", "private person", "private donor", "person",
                    "prive", "privee", "donateur prive", "donatrice privee",
                    "donateur particulier", "donatrice particuliere", "don de particulier",
                    "don particulier", "citoyen", "citoyenne", "benevole"),
    "reconditionneur": ("reconditionneur solidaire", "refurbisher", "atelier",
                        "reconditionnement", "recycleur", "ressourcerie", "recyclerie",
                        "atelier de reconditionnement"),
    "collectivite": ("collectivite territoriale", "collectivite locale", "mairie", "commune",
                     "ville", "departement", "region", "conseil departemental",
                     "conseil general", "conseil regional", "metropole", "agglomeration",
                     "communaute de commune", "intercommunalite", "local authority",
                     "municipality", "council"),
    "etat": ("ministere", "administration", "government", "state", "prefecture",
             "service de l etat", "etat francais"),
})

material = Choice("unknown-material", {
    DeviceType.LAPTOP.value: ("ordinateur portable", "pc portable", "laptop", "notebook",
                              "portable", "ultraportable", "chromebook", "macbook"),
    DeviceType.DESKTOP.value: ("ordinateur fixe", "pc fixe", "poste fixe", "desktop",
                               "unite centrale", "tour", "ordinateur de bureau", "pc de bureau"),
    DeviceType.TABLET.value: ("tablet", "ipad", "tablette tactile", "tablette numerique"),
    DeviceType.BOX_4G.value: ("box", "box 4g", "routeur 4g", "cle 4g", "modem 4g", "4g",
                              "hotspot", "hotspot 4g", "routeur", "clef 4g", "4g box",
                              "4g router", "dongle 4g"),
})

state = Choice("unknown-state", {
    "neuf": ("new", "neuve", "neufs"),
    "reconditionne": ("reconditionnee", "refurbished", "occasion", "used", "remis a neuf"),
})
