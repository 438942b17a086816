"""Every normalisation of SPEC §2, value by value, and round-trips with Hypothesis."""

from __future__ import annotations

import datetime as dt

import pytest
from hypothesis import given
from hypothesis import strategies as st

from ordis_cli.textnorm import alias_key, column_index, column_letter, header_key
from ordis_cli.validation import values as v
from ordis_cli.validation.base import email, identifier, phone
from ordis_cli.validation.columns import normalise

NNBSP = "\u202f"
NBSP = "\u00a0"


@pytest.mark.parametrize(
    ("raw", "expected"),
    [
        (3, 3),
        (3.0, 3),
        ("3", 3),
        (" 12 ", 12),
        ("12,0", 12),
        ("12.0", 12),
        (f"1{NNBSP}200", 1200),
        (f"1{NBSP}200", 1200),
        ("1 200", 1200),
        ("0", 0),
        ("", None),
        ("   ", None),
        (None, None),
        # numbers in cells formatted as dates by mistake
        (dt.datetime(1900, 1, 7), 7),
        (dt.date(1900, 2, 10), 41),
        (dt.date(1900, 4, 9), 100),
    ],
)
def test_whole_number_accepts(raw: object, expected: int | None) -> None:
    assert v.whole_number(raw) == (expected, None)


@pytest.mark.parametrize(
    ("raw", "fault"),
    [
        ("-2", "negative"),
        (-1.0, "negative"),
        ("1,5", "fraction"),
        (2.5, "fraction"),
        ("deux", "not-number"),
        ("12 pcs", "not-number"),
        (True, "not-number"),
        ("1.2.3", "not-number"),
    ],
)
def test_whole_number_refuses(raw: object, fault: str) -> None:
    value, found = v.whole_number(raw)
    assert value is None
    assert found is not None and found[0] == fault


@pytest.mark.parametrize(
    ("raw", "expected"),
    [
        (dt.datetime(2020, 4, 15, 0, 0), dt.date(2020, 4, 15)),
        (dt.date(2020, 4, 15), dt.date(2020, 4, 15)),
        (43936, dt.date(2020, 4, 15)),
        (43936.0, dt.date(2020, 4, 15)),
        ("43936", dt.date(2020, 4, 15)),
        ("15/04/2020", dt.date(2020, 4, 15)),
        ("15/04/20", dt.date(2020, 4, 15)),
        ("5/4/2020", dt.date(2020, 4, 5)),
        ("15-04-2020", dt.date(2020, 4, 15)),
        ("15.04.2020", dt.date(2020, 4, 15)),
        ("2020-04-15", dt.date(2020, 4, 15)),
        ("2020-04-15T10:00:00", dt.date(2020, 4, 15)),
        ("15/04/2020 10:30", dt.date(2020, 4, 15)),
        ("03/04/2020", dt.date(2020, 4, 3)),
    ],  # day first, never month first
)
def test_dates(raw: object, expected: dt.date) -> None:
    assert v.date(raw) == (expected, None)


@pytest.mark.parametrize(
    "raw", ["31/02/2020", "2020-13-01", "avril", "avril 2020", 12, True, dt.time(10, 0)]
)
def test_bad_dates(raw: object) -> None:
    value, fault = v.date(raw)
    assert value is None and fault is not None and fault[0] == "bad-date"


def test_month_first_dates_get_a_hint() -> None:
    assert v.date("04/25/2020") == (None, ("bad-date", {"hint": "hint-month-first"}))


@pytest.mark.parametrize(
    ("raw", "expected"),
    [
        (1000, "01000"),
        ("1000", "01000"),
        (1000.0, "01000"),
        ("01000", "01000"),
        ("75 011", "75011"),
        ("20090", "20090"),
    ],
)
def test_postal_codes(raw: object, expected: str) -> None:
    assert v.postal_code(raw) == (expected, None)


@pytest.mark.parametrize("raw", ["690", "ABCDE", "750011", "00000"])
def test_bad_postal_codes(raw: str) -> None:
    assert v.postal_code(raw) == (None, ("bad-postal-code", {}))


def test_departement_faults_carry_hints() -> None:
    assert v.departement(1.0) == ("01", None)
    assert v.departement("100") == (
        None,
        ("unknown-departement", {"hint": "hint-no-such-departement"}),
    )
    assert v.departement("Bouches du Rone") == (
        None,
        ("unknown-departement", {"suggestion": "13 Bouches-du-Rhône"}),
    )


@pytest.mark.parametrize(
    ("raw", "expected"),
    [
        ("01 23 45 67 89", "0123456789"),
        ("01.23.45.67.89", "0123456789"),
        (123456789, "0123456789"),
        ("+33 1 23 45 67 89", "+33123456789"),
        ("0033 1 23 45 67 89", "+33123456789"),
        ("01-23-45-67-89", "0123456789"),
    ],
)
def test_phones(raw: object, expected: str) -> None:
    assert v.phone(raw) == (expected, None)
    if isinstance(raw, str):
        assert normalise([raw], phone) == ([expected], [])


@pytest.mark.parametrize("raw", ["12 34", "abc", "+33", "1234567890123"])
def test_bad_phones(raw: str) -> None:
    assert v.phone(raw)[1] is not None
    assert normalise([raw], phone)[1] == [(0, ("bad-phone", {}))]


@pytest.mark.parametrize(
    "raw", ["a@b.fr", "prenom.nom@structure.exemple.org", "mailto:x@y.com", "o'neil+tag@ex.co.uk"]
)
def test_emails(raw: str) -> None:
    assert v.email(raw)[1] is None


@pytest.mark.parametrize("raw", ["contact@", "@x.fr", "a b@x.fr", "a@b", "a@@b.fr"])
def test_bad_emails(raw: str) -> None:
    assert v.email(raw) == (None, ("bad-email", {}))
    assert normalise([raw], email)[1] == [(0, ("bad-email", {}))]


@pytest.mark.parametrize(
    ("raw", "expected"),
    [
        ("oui", True),
        ("OUI", True),
        ("Yes", True),
        ("x", True),
        ("1", True),
        (True, True),
        ("non", False),
        ("No", False),
        ("0", False),
        ("Sans", False),  # had been folded to « san » and refused
        ("aucun", False),
        (False, False),
        ("", None),
    ],
)
def test_booleans(raw: object, expected: bool | None) -> None:
    assert v.boolean(raw) == (expected, None)


def test_choices_and_suggestions() -> None:
    assert v.priority("Urgent") == ("urgente", None)
    assert v.priority("urgnte") == (None, ("bad-priority", {"suggestion": "urgente"}))
    # a negated value is never offered its opposite
    for negated in ("non urgent", "Not urgent", "peu urgent", "non prioritaire", "sans urgence"):
        assert v.priority(negated) == (None, ("bad-priority", {})), negated
    assert v.material("Ordinateurs portables") == ("portable", None)
    assert v.material("PC fixe") == ("fixe", None)
    assert v.material("iPad") == ("tablette", None)
    assert v.material("Clé 4G") == ("box_4g", None)
    assert v.material("routeur 4G") == ("box_4g", None)
    assert v.material("tablete") == (None, ("unknown-material", {"suggestion": "tablette"}))
    assert v.structure_type("Pouponniere") == ("pouponnière", None)
    # the English words the English message offers are taken
    assert v.structure_type("Foster care") == ("placement familial", None)
    assert v.structure_type("Children's home") == ("MECS", None)
    assert v.structure_type("Emergency shelter") == ("foyer de l'enfance", None)
    assert v.donor_type("Reconditionneur solidaire") == ("reconditionneur", None)
    assert v.state("reconditionné") == ("reconditionne", None)


def test_text_folds_spaces_and_numbers() -> None:
    assert v.text(f"  MECS{NBSP}{NBSP}Les  Tilleuls ") == "MECS Les Tilleuls"
    assert v.text(750012345.0) == "750012345"
    assert v.text("   ") is None
    clean, faults = normalise(["  a  b ", "c", "", f"d{NNBSP}e"], identifier)
    assert clean == ["a b", "c", None, "d e"] and faults == []


def test_normalise_keeps_true_and_one_apart() -> None:
    clean, faults = normalise([1.0, True, "1"], v.whole_number)
    assert clean == [1, None, 1]
    assert faults == [(1, ("not-number", {}))]


def test_header_keys() -> None:
    assert header_key("Département") == header_key("DEPARTEMENTS") == "departement"
    assert header_key("Box 4G") == header_key("box_4g") == "box4g"
    assert header_key("Nombre d'enfants") == header_key("nombre_d_enfant")
    assert alias_key("Ordinateurs portables") == alias_key("ordinateur-portable")


# --- round-trips -------------------------------------------------------------------------


@given(st.integers(min_value=0, max_value=10**9), st.sampled_from(["", " ", NBSP, NNBSP]))
def test_thousands_round_trip(number: int, separator: str) -> None:
    text = f"{number:,}".replace(",", separator)
    assert v.whole_number(text) == (number, None)
    assert v.whole_number(f"{number},0") == (number, None)


@given(st.dates(min_value=dt.date(1970, 1, 2), max_value=dt.date(2099, 12, 31)))
def test_date_round_trip(day: dt.date) -> None:
    assert v.date(day.strftime("%d/%m/%Y")) == (day, None)
    assert v.date(day.isoformat()) == (day, None)
    serial = (day - dt.date(1899, 12, 30)).days
    assert v.date(float(serial)) == (day, None)


@given(st.sampled_from(sorted(__import__("ordis_cli.territory", fromlist=["x"]).departements())))
def test_departement_round_trip(code: str) -> None:
    from ordis_cli.territory import departements

    assert v.departement(code) == (code, None)
    assert v.departement(code.lstrip("0") or code) == (code, None)
    assert v.departement(departements()[code].name.upper()) == (code, None)
    if code.isdigit():
        assert v.departement(float(code)) == (code, None)


@given(st.integers(min_value=1000, max_value=99999))
def test_postal_code_round_trip(number: int) -> None:
    assert v.postal_code(number) == (f"{number:05d}", None)


@given(st.integers(min_value=0, max_value=300))
def test_column_letters_round_trip(index: int) -> None:
    assert column_index(column_letter(index)) == index


@given(st.lists(st.text(alphabet="ab \u00a0\t", max_size=6), max_size=20))
def test_fast_text_path_equals_slow_path(cells: list[str]) -> None:
    fast, _ = normalise(cells, identifier)
    assert fast == [v.text(cell) for cell in cells]
