"""Start-up: loading the command line, and asking for help, imports none of the heavy stack
(pandas, openpyxl, pydantic…); each command imports what it runs when it runs. Speed itself
is shown by ``benchmarks/startup.py``, not timed here."""

from __future__ import annotations

import json
from pathlib import Path

from ordis_cli.allocation.policy import Scope
from ordis_cli.cli.choices import REPORT_FORMATS, ScopeChoice
from ordis_cli.report.render import FORMATS

from .processes import ROOT, run_benchmark, run_ordis, run_python

HEAVY = ("pandas", "openpyxl", "pydantic", "xlsxwriter", "python_calamine", "jinja2", "numpy")


def _loaded(code: str) -> list[str]:
    """The heavy modules a fresh interpreter holds after running ``code``."""
    probe = (
        f"{code}\nimport sys, json\n"
        f"print(json.dumps(sorted(m for m in {HEAVY!r} if m in sys.modules)))"
    )
    done = run_python("-c", probe)
    assert done.returncode == 0, done.stderr
    loaded: list[str] = json.loads(done.stdout.splitlines()[-1])
    return loaded


def test_loading_the_command_line_imports_nothing_heavy() -> None:
    assert _loaded("import ordis_cli.cli.app") == []


def test_help_of_a_command_imports_nothing_heavy() -> None:
    """Typer converts option values with pydantic: ``cli/language.py`` builds a converter only
    for a value given, so the help of a subcommand (the ``--lang`` of ``ordis`` processed
    first, absent) loads none of it."""
    for argv in (
        ["allocate", "--help"],
        ["runs", "list", "-h"],
        ["report", "--lang", "en", "--help"],
    ):
        code = (
            "import contextlib, io\nfrom ordis_cli.cli.language import run\n"
            f"with contextlib.redirect_stdout(io.StringIO()):\n    assert run({argv!r}) == 0"
        )
        assert _loaded(code) == [], argv


def test_help_runs() -> None:
    done = run_ordis("--help")
    assert done.returncode == 0, done.stderr
    assert "allocate" in done.stdout and "runs" in done.stdout


def test_light_choices_are_those_of_their_home_modules() -> None:
    assert [c.value for c in ScopeChoice] == [s.value for s in Scope]
    assert REPORT_FORMATS == FORMATS


def test_benchmark_smoke_run(sample_run: Path) -> None:
    """``benchmarks/startup.py`` runs each command once, on the session's ledger (a demo of
    its own is ``ordis demo``, tested in test_demo.py)."""
    ledger = sample_run / "ordis.db"
    done = run_benchmark("startup.py", "--quick", "--ledger", ledger, fork_pythons=False)
    assert done.returncode == 0, done.stderr
    assert "ordis runs list (ledger given)" in done.stdout
    assert "python -c pass" in done.stdout and "ordis allocate --help" in done.stdout


def test_listing_the_runs_of_a_ledger_imports_nothing_heavy(sample_run: Path) -> None:
    """``ordis runs list`` on a real ledger, its path given on the command line (a value
    converted without pydantic: ``cli/language.py``), the other options left to their
    defaults (passed through as declared), the results plain dataclasses, the device types
    from ``devices.py``: none of the heavy stack is loaded."""
    ledger = sample_run / "ordis.db"
    for argv in (
        ["runs", "list", "--ledger", str(ledger)],
        ["--lang", "en", "runs", "list", "--ledger", str(ledger), "-f", "json"],
    ):
        code = (
            "import contextlib, io, sys\nfrom ordis_cli.cli.app import main\n"
            f"sys.argv = ['ordis', *{argv!r}]\nout = io.StringIO()\n"
            "with contextlib.redirect_stdout(out):\n"
            "    try:\n        main()\n    except SystemExit as done:\n"
            "        assert done.code in (0, None), done.code\n"
            "assert ('Run' if '--lang' in sys.argv else 'N°') in out.getvalue() or "
            "out.getvalue().startswith('[')\n"
        )
        assert _loaded(code) == [], argv


def test_defaults_pass_through_as_declared() -> None:
    """Every option's default is what Typer's converter would make of it: passing it through
    unconverted (``ConvertWhenGiven``) changes nothing."""
    import typer.main
    from typer._click.core import Context
    from typer._coercion import build_runtime_param
    from typer.core import _TyperParameter

    from ordis_cli.cli.app import app
    from ordis_cli.cli.language import walk

    checked = 0
    for _, command in walk(typer.main.get_command(app)):
        for param in command.params:
            if (
                not isinstance(param, _TyperParameter)
                or param.default is None
                or callable(param.default)
            ):
                continue
            converted = build_runtime_param(param.type_descriptor).coerce(
                param.default, param=param, ctx=Context(command)
            )
            assert type(converted) is type(param.default) and converted == param.default, param.name
            checked += 1
    assert checked > 20


def test_an_environment_value_is_still_converted(tmp_path: Path) -> None:
    """``ORDIS_LEDGER`` is a value given: converted to a path (a missing ledger named)."""
    import os

    env = {
        **os.environ,
        "ORDIS_LEDGER": str(tmp_path / "absent.db"),
        "ORDIS_LANG": "en",
        "COLUMNS": "400",
    }  # wide enough that the path is never folded
    done = run_ordis("runs", "list", env=env)
    assert done.returncode == 2
    assert f"{tmp_path / 'absent.db'}: ledger not found" in done.stderr, done.stderr


def test_validating_without_annotate_loads_no_workbook_writer() -> None:
    """openpyxl (0.4 s to import) is for ``--annotate`` only; XlsxWriter for the outputs."""
    code = (
        "import contextlib, io, sys\nfrom ordis_cli.cli.app import main\n"
        f"sys.argv = ['ordis', 'validate', {str(ROOT / 'sample_data' / 'besoins.xlsx')!r}, '-q']\n"
        "with contextlib.redirect_stdout(io.StringIO()):\n"
        "    try:\n        main()\n    except SystemExit as done:\n"
        "        assert done.code in (0, None), done.code\n"
    )
    loaded = _loaded(code)
    assert "python_calamine" in loaded  # it did read the workbook
    assert "openpyxl" not in loaded and "xlsxwriter" not in loaded, loaded
