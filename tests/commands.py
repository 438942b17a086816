"""``ordis`` commands as the tests run them in-process (``conftest.invoke``), each with the
arguments every call of it gives said once; what a test varies comes after, in ``extra``.
Each returns the ``invoke`` result (``exit_code``, ``stdout``, ``output``). And the sample
allocation as the library takes it (``sample_allocate_request``); a small allocation of two
partners, its workbooks written (``small_run``)."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from .conftest import DATE, SAMPLE, invoke
from .csv_files import write_csv


def allocate_files(needs: Path, donations: Path, ledger: str | Path, *extra: str | Path) -> Any:
    """``ordis allocate`` of the test's own ``needs`` and ``donations`` files."""
    return invoke(
        "allocate", "--needs", needs, "--donations", donations, "--ledger", ledger, *extra
    )


def one_need_one_lot(folder: Path) -> tuple[Path, Path]:
    """A needs file and a donations file in ``folder``: S1 (Lyon) asks 2 laptops, Nexora
    gives a lot D1 of 5 in the Rhône."""
    needs = write_csv(
        folder / "besoins.csv",
        "id_structure;nom_structure;departement;adresse;code_postal;commune;portables",
        "S1;MECS A;69;1 rue A;69001;Lyon;2",
    )
    donations = write_csv(
        folder / "dons.csv",
        "id_don;donateur;materiel;quantite;departement",
        "D1;Nexora;portable;5;69",
    )
    return needs, donations


def import_returned(workbook: Path, ledger: str | Path, *extra: str | Path) -> Any:
    """``ordis deliveries import`` of a partner's returned ``workbook``."""
    return invoke("deliveries", "import", workbook, "--ledger", ledger, *extra)


def pending(ledger: str | Path, *extra: str | Path) -> Any:
    """``ordis deliveries pending``."""
    return invoke("deliveries", "pending", "--ledger", ledger, *extra)


def report(ledger: str | Path, *extra: str | Path) -> Any:
    """``ordis report``."""
    return invoke("report", "--ledger", ledger, *extra)


def sample_allocate_request(ledger: Path, **more: Any) -> Any:
    """``ordis_cli.AllocateRequest`` of the sample data on ``ledger``; ``more``: its other
    fields (``out``, ``policy``, ``dry_run``…)."""
    import ordis_cli

    return ordis_cli.AllocateRequest(
        needs=SAMPLE / "besoins.xlsx",
        donations=SAMPLE / "dons.xlsx",
        partners=SAMPLE / "partenaires.xlsx",
        ledger=ledger,
        **more,
    )


# a small allocation: two structures, three lots, two partners, the coordination's contact
SMALL_NEEDS = (
    "id_structure;nom_structure;departement;adresse;code_postal;commune;contact_nom;"
    "contact_email;portables;tablettes\n"
    "S1;MECS Les Tilleuls;69;1 rue A;69001;Lyon;Léa Roux;lea@s1.example.org;5;1\n"
    "S2;Foyer Le Phare;13;2 rue B;13001;Marseille;;;0;2\n"
)
SMALL_DONATIONS = (
    "id_don;donateur;materiel;quantite;etat;departement;partenaire;adresse_retrait;"
    "contact_retrait;disponible_le\n"
    "D1;Nexora;portable;2;neuf;69;Relais;5 quai du Port, Lyon;Marc 0478000000;\n"
    "D2;Nexora;portable;1;reconditionne;69;Relais;;;30/04/2020\n"
    "D3;Datavia;tablette;3;neuf;13;Sud;;;\n"
)
SMALL_PARTNERS = (
    "partenaire;zone;contact_email\nRelais;national;envois@relais.example.org\nSud;13;\n"
)
SMALL_POLICY = (
    '[coordination]\nnom = "Claire Martin"\nemail = "coordination@ordis.example"\n'
    'telephone = "01 23 45 67 89"\n'
)


def small_run(tmp: Path, *extra: str, lang: str = "fr") -> Path:
    """An allocation of the small inputs above into ``tmp/out``; its folder."""
    for name, text in (
        ("besoins.csv", SMALL_NEEDS),
        ("dons.csv", SMALL_DONATIONS),
        ("partenaires.csv", SMALL_PARTNERS),
        ("politique.toml", SMALL_POLICY),
    ):
        (tmp / name).write_text(text, encoding="utf-8")
    done = invoke(
        "allocate",
        "--needs",
        tmp / "besoins.csv",
        "--donations",
        tmp / "dons.csv",
        "--partners",
        tmp / "partenaires.csv",
        "--policy",
        tmp / "politique.toml",
        "--ledger",
        tmp / "ordis.db",
        "--out",
        tmp / "out",
        "--date",
        DATE,
        "--lang",
        lang,
        "--quiet",
        *extra,
    )
    assert done.exit_code == 0, done.output
    return tmp / "out"
