"""The Python API (SPEC §8): the README's example runs as written, every exported name
resolves, ``import ordis_cli`` stays light, the results equal the JSON outputs; and the layout
rules the API stands on (one actions module per command, a ledger without the reading stack)."""

from __future__ import annotations

import datetime as dt
import json
import re
import subprocess
import sys
from pathlib import Path

import pytest

import ordis_cli
from ordis_cli.ledger import Ledger

from .commands import sample_allocate_request
from .conftest import ROOT, invoke
from .processes import forking_pythons

SAMPLE = ROOT / "sample_data"
HEAVY = ("pandas", "openpyxl", "python_calamine")


def _python_api_section() -> str:
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    start = readme.index("\n## Python API\n")
    return readme[start : readme.index("\n## ", start + 1)]


def _modules_after(statement: str) -> set[str]:
    """The top-level modules loaded by ``statement`` in a fresh interpreter."""
    found = subprocess.run(
        [sys.executable, "-c", f"{statement}; import sys; print(' '.join(sys.modules))"],
        capture_output=True,
        text=True,
        check=True,
        cwd=ROOT,
    )
    return set(found.stdout.split())


def test_the_readme_example_runs_and_prints_what_the_readme_shows(tmp_path: Path) -> None:
    section = _python_api_section()
    code = re.search(r"```python\n(.*?)```", section, re.S)
    shown = re.search(r"```text\n(.*?)```", section, re.S)
    assert code and shown
    # run from elsewhere, the sample folder named by its absolute path
    source = code.group(1).replace('Path("sample_data")', f"Path({str(SAMPLE)!r})")
    assert source != code.group(1)
    with forking_pythons():  # the program, in a child forked from this process
        ran = subprocess.run(
            [sys.executable, "-c", source], capture_output=True, text=True, cwd=tmp_path
        )
    assert ran.returncode == 0, ran.stderr
    assert ran.stdout.rstrip("\n") == shown.group(1).rstrip("\n")
    assert list(tmp_path.iterdir()) == []  # a dry run writes nothing, not even a ledger


def test_every_exported_name_resolves_and_is_listed() -> None:
    exported = set(ordis_cli.__all__) - {"__version__"}
    assert exported == set(ordis_cli._EXPORTS)
    for name in exported:
        assert getattr(ordis_cli, name) is not None, name
    assert exported <= set(dir(ordis_cli))
    assert {n for n in dir(ordis_cli) if not n.startswith("__")} == exported  # nothing else
    assert callable(ordis_cli.validate_files) and callable(ordis_cli.run_allocation)
    with pytest.raises(AttributeError, match="no_such_function"):
        ordis_cli.no_such_function  # type: ignore[attr-defined]  # noqa: B018


def test_the_package_ships_its_type_information() -> None:
    assert (ROOT / "ordis_cli" / "py.typed").is_file()
    assert '"py.typed"' in (ROOT / "pyproject.toml").read_text(encoding="utf-8")


def test_import_ordis_cli_loads_no_pandas_nor_the_readers() -> None:
    subprocess.run(
        [sys.executable, "-c", "import ordis_cli, sys; assert 'pandas' not in sys.modules"],
        check=True,
        cwd=ROOT,
    )
    assert not _modules_after("import ordis_cli") & {*HEAVY, "pydantic", "typer"}


def test_the_ledger_loads_neither_the_reading_nor_the_validation_stack() -> None:
    loaded = _modules_after(
        "import ordis_cli.ledger, ordis_cli.ledger.known, ordis_cli.ledger.recovery"
    )
    assert not loaded & set(HEAVY)
    assert not {m for m in loaded if m.startswith(("ordis_cli.reading", "ordis_cli.validation"))}


def test_one_actions_module_per_command() -> None:
    actions = {p.stem for p in (ROOT / "ordis_cli" / "actions").glob("*.py")} - {"__init__"}
    commands = {p.stem for p in (ROOT / "ordis_cli" / "cli").glob("*.py")}
    assert actions == {
        "validate",
        "allocate",
        "deliveries",
        "runs",
        "report",
        "demo",
        "sample",
        "shipments",
        "ledger",
    }
    assert actions <= commands


def test_results_equal_the_json_outputs(tmp_path: Path) -> None:
    request = sample_allocate_request(tmp_path / "ordis.db", out=tmp_path / "envois")
    result = ordis_cli.run_allocation(request)
    assert result.summary is not None and result.summary.run == 1
    ledger = tmp_path / "ordis.db"

    listed = invoke("runs", "list", "--ledger", ledger, "--format", "json")
    assert listed.exit_code == 0, listed.output
    assert json.loads(listed.stdout) == [r.model_dump() for r in ordis_cli.list_runs(ledger)]

    shown = invoke("runs", "show", "1", "--ledger", ledger, "--format", "json")
    assert shown.exit_code == 0, shown.output
    assert json.loads(shown.stdout) == ordis_cli.show_run(ledger, 1).model_dump()

    figures, _ = ordis_cli.report_figures(ledger, dt.date(2020, 5, 15))
    assert figures.model_dump()  # the same model rapport.json is written from


def test_ledger_run_is_the_one_row_runs_lists(tmp_path: Path) -> None:
    for out in ("a", "b"):
        ordis_cli.run_allocation(sample_allocate_request(tmp_path / "ordis.db", out=tmp_path / out))
    ordis_cli.cancel_run(tmp_path / "ordis.db", 1)
    with Ledger(tmp_path / "ordis.db", "read") as ledger:
        every = ledger.runs()
        assert [r.id for r in every] == [1, 2] and every[0].status != every[1].status
        assert [ledger.run(r.id) for r in every] == every
        assert ledger.run(3) is None


def test_paths_and_ledgers_may_be_given_as_text(
    monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    """From a notebook, paths come as text: every function that takes a file, a folder or a
    ledger takes it as ``str`` too (a ledger's text may be a path or a ``postgresql://`` URL).
    The finding: ``run_demo("d")``, ``write_sample``, ``write_report``, ``write_pending``,
    ``copy_ledger`` and ``upgrade_ledger`` failed on ``str`` with an AttributeError."""
    monkeypatch.chdir(tmp_path)
    files = ordis_cli.write_sample("donnees", structures=6, lots=4)
    assert [Path(f).name for f in files] == ["besoins.xlsx", "dons.xlsx", "partenaires.xlsx"]
    request = ordis_cli.AllocateRequest(
        needs=["donnees/besoins.xlsx"],
        donations=["donnees/dons.xlsx"],
        partners="donnees/partenaires.xlsx",
        ledger="ordis.db",
        out="envois",
        policy=ordis_cli.Policy(date=dt.date(2020, 4, 20)),
    )
    assert ordis_cli.run_allocation(request).summary is not None
    returned = sorted(str(p) for p in Path("envois").glob("expeditions_*.xlsx"))
    assert ordis_cli.import_deliveries(returned, "ordis.db", "fr").ok
    figures, details = ordis_cli.report_figures("ordis.db", dt.date(2020, 5, 1))
    written = ordis_cli.write_report(figures, details, "rapport", ("md", "json"), "fr")
    assert [p.name for p in written] == ["rapport.md", "communique.md", "rapport.json"]
    with pytest.raises(ordis_cli.WriteError) as refused:  # never over what is there
        ordis_cli.write_report(figures, details, "rapport", ("md",), "fr")
    assert str(refused.value) == f"rapport: {refused.value.message}"  # says which path
    pending = ordis_cli.pending_deliveries("ordis.db")
    assert ordis_cli.write_pending(pending, "relances.xlsx", "fr") == Path("relances.xlsx")
    assert ordis_cli.copy_ledger("ordis.db", "copie.db").rows["runs"] == 1
    assert ordis_cli.upgrade_ledger("copie.db").upgraded is False
    assert [r.id for r in ordis_cli.list_runs("copie.db")] == [1]


def test_one_file_alone_a_day_as_text_and_unknown_formats(
    monkeypatch: pytest.MonkeyPatch, tmp_path: Path, sample_run: Path
) -> None:
    """Helper's findings: ``validate_files("besoins.xlsx", …)`` read the letters of the name
    as 12 paths, and ``write_report(…, "md", …)`` or ``("pdf",)`` wrote an empty folder and
    said nothing; ``report_figures(ledger, "2020-05-15")`` raised AttributeError. One path
    alone is one file; a day may be given as text; the formats are those of ``--format``, as
    a list or as its text (``"md,json"``), and any other is a ``UsageError``, nothing
    written."""
    monkeypatch.chdir(tmp_path)
    alone = ordis_cli.validate_files(str(SAMPLE / "besoins.xlsx"), ordis_cli.ValidationOptions())
    assert [Path(f.path).name for f in alone.files] == ["besoins.xlsx"] and alone.ok
    options = ordis_cli.ValidationOptions()
    assert len(ordis_cli.validate_files(SAMPLE / "dons.xlsx", options).files) == 1
    figures, details = ordis_cli.report_figures(sample_run / "ordis.db", dt.date(2020, 5, 1))
    # a day given as text, as a notebook types it, is the same day
    assert ordis_cli.report_figures(sample_run / "ordis.db", "01/05/2020") == (figures, details)
    pending = ordis_cli.pending_deliveries(sample_run / "ordis.db", as_of="2020-05-01")
    assert pending.as_of == "2020-05-01"
    with pytest.raises(ordis_cli.UsageError) as refused:
        ordis_cli.report_figures(sample_run / "ordis.db", "demain", "en")
    assert refused.value.code == "bad-day-given"
    assert str(refused.value) == "“demain” is not a date: write it 2020-04-20 or 20/04/2020."
    written = ordis_cli.write_report(figures, details, "rapport", "md,json", "fr")
    assert [p.name for p in written] == ["rapport.md", "communique.md", "rapport.json"]
    for wrong in (("pdf",), "md,docx", ()):
        with pytest.raises(ordis_cli.UsageError) as refused:
            ordis_cli.write_report(figures, details, "autre", wrong, "en")
        assert refused.value.code == "bad-report-format" and "possible formats" in str(
            refused.value
        )
    assert not Path("autre").exists()
