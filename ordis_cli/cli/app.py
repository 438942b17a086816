"""The ``ordis`` application: one Typer command per module."""

from __future__ import annotations

import sys

import typer

from . import common, deliveries, ledger, runs, shipments
from .allocate import allocate
from .common import group_language
from .demo import demo
from .report import report
from .sample import sample
from .validate import validate

app = typer.Typer(
    name="ordis",
    help=(
        "ordis : la logistique d'une opération de dons d'ordinateurs aux structures de "
        "l'Aide sociale à l'enfance, sur tableurs.\n\n"
        "Pour commencer : ordis demo\n\n"
        "Exemple : ordis validate sample_data/besoins.xlsx sample_data/dons.xlsx "
        "sample_data/partenaires.xlsx"
    ),
    no_args_is_help=True,
    add_completion=False,
    pretty_exceptions_enable=False,
    rich_markup_mode=None,
    context_settings={"help_option_names": ["-h", "--help"]},
)


def _version(value: bool) -> None:
    if value:
        from .. import __version__  # importlib.metadata: only when asked

        typer.echo(f"ordis {__version__}")
        raise typer.Exit()


@app.callback()
def root(
    ctx: typer.Context,
    version: bool = typer.Option(
        False, "--version", callback=_version, is_eager=True, help="Affiche la version et quitte."
    ),
    lang: common.LangOpt = None,
) -> None:
    """ordis (``--lang`` as in ``common.group_language``)."""
    group_language(ctx, lang)


app.command("validate")(validate)
app.command("allocate")(allocate)
app.add_typer(deliveries.app, name="deliveries")
app.add_typer(runs.app, name="runs")
app.add_typer(shipments.app, name="shipments")
app.add_typer(ledger.app, name="ledger")
app.command("report")(report)
app.command("demo")(demo)
app.command("sample")(sample)


def _quiet_unraisable(unraisable: sys.UnraisableHookArgs) -> None:
    """An error Python can only report while collecting garbage (a library's half-written
    archive closed on a full disk, after the command already said what failed) is not
    printed as a traceback; ``--debug`` shows it."""


def main() -> None:
    """The ``ordis`` program: its help and usage errors in the language asked for."""
    from .language import run

    if "--debug" not in sys.argv:
        sys.unraisablehook = _quiet_unraisable
    _streams_even_if_closed()
    sys.exit(run(sys.argv[1:]))


def _streams_even_if_closed() -> None:
    """Started with stdout or stderr closed (``ordis … >&-``), Python has none: what would
    be printed there goes nowhere, and the command still does its work and says its code."""
    import os
    from pathlib import Path

    # open for the process's whole life
    if sys.stdout is None:
        sys.stdout = Path(os.devnull).open("w", encoding="utf-8")  # noqa: SIM115
    if sys.stderr is None:
        sys.stderr = Path(os.devnull).open("w", encoding="utf-8")  # noqa: SIM115
