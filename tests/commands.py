"""``ordis`` commands as the tests run them in-process (``conftest.invoke``), each with the
arguments every call of it gives said once; what a test varies comes after, in ``extra``.
Each returns the ``invoke`` result (``exit_code``, ``stdout``, ``output``). And the sample
allocation as the library takes it (``sample_allocate_request``)."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from .conftest import SAMPLE, invoke
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
