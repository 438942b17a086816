"""Options shared by every command, the consoles, and the guard that maps failures to
exit codes (0 ok, 1 invalid data, 2 unusable input or usage, 3 internal error).

Light on purpose: every command's module imports it when the program starts, so rich's
console is imported when a command first prints (``tests/test_startup.py``)."""

from __future__ import annotations

import os
import sys
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from enum import StrEnum
from typing import IO, TYPE_CHECKING, Annotated, Any, cast

import typer
from typer.exceptions import TyperException

from ..atomic import failed_path, os_error_in, write_error
from ..errors import OrdisError
from ..ledger.location import ledger_location
from ..messages import Lang, default_lang, say
from ..policy_words import EitherLanguage
from ..system_reasons import system_reason
from .streams import nowhere

if TYPE_CHECKING:
    from rich.console import Console


class OutputFormat(StrEnum):
    TEXT = "text"
    JSON = "json"


class LangOption(EitherLanguage):
    """``--lang``: fr or en, in any case (``--lang EN``, as ``ORDIS_LANG=EN`` is read)."""

    FR = "fr"
    EN = "en"


# The options every command shares, used as ``common.LedgerOpt``… Typer reads a command's
# options from its signature alone, so each command ends its signature with the ones it takes
# (``ledger``, ``output``, ``lang``, ``quiet``, ``debug``) and then resolves ``lang`` and enters
# ``guarded``: those few lines, alike in every command, are the CLI's declared repetition.
FormatOpt = Annotated[
    OutputFormat,
    typer.Option("--format", "-f", help="text (tableau lisible) ou json (sur stdout, seul)."),
]
LangOpt = Annotated[
    LangOption | None,
    typer.Option("--lang", help="Langue des messages : fr (défaut) ou en. Aussi ORDIS_LANG."),
]
QuietOpt = Annotated[bool, typer.Option("--quiet", "-q", help="N'affiche que le résumé.")]
LedgerOpt = Annotated[
    Any,  # Path or LedgerUrl (``ledger_location``): Typer takes no union of types
    typer.Option(
        "--ledger",
        envvar="ORDIS_LEDGER",
        parser=ledger_location,  # a postgresql:// URL stays a URL (a Path would fold its //)
        metavar="PATH|URL",
        help="Registre des allocations et livraisons : fichier SQLite (allocate le crée au "
        "besoin) ou postgresql://utilisateur@hôte:port/base (registre partagé).",
    ),
]
DebugOpt = Annotated[
    bool, typer.Option("--debug", help="Affiche la trace Python complète en cas d'erreur.")
]

DATE_FORMATS = ("%Y-%m-%d", "%d/%m/%Y")  # 2020-04-20 or 20/04/2020


def date_option(name: str, help: str) -> Any:
    """A date option (``--date``, ``--as-of``): ISO or as the French write it, as its help
    says (``help_english`` says it in English)."""
    return typer.Option(
        name, formats=list(DATE_FORMATS), help=f"{help} Écrite 2020-04-20 ou 20/04/2020."
    )


def columns_option(help: str) -> Any:
    """``--columns TOML``: the user's own headers mapped to ordis' columns."""
    return typer.Option("--columns", metavar="TOML", help=help)


def group_language(ctx: typer.Context, lang: LangOpt = None) -> None:
    """The callback of ``ordis`` and of the groups ``runs``, ``deliveries``…: ``--lang``
    given there (``ordis --lang en runs list``) holds for the command below it, unless the
    command is given its own; the help and usage errors read it from the arguments before
    they are parsed (``cli/language.py``)."""
    if lang is not None:
        ctx.meta[_CHOSEN_LANG] = lang


_CHOSEN_LANG = "ordis.lang"


def resolve_lang(option: LangOption | None) -> Lang:
    """The command's own ``--lang``, else one given to ``ordis`` or its group, else
    ``ORDIS_LANG``, else French."""
    if option is None:
        from typer._click.globals import get_current_context

        context = get_current_context(silent=True)
        option = context.meta.get(_CHOSEN_LANG) if context is not None else None
    if option is None:
        return default_lang()
    return "en" if option is LangOption.EN else "fr"


def stdout_console() -> Console:
    """The results' console (see ``_console``)."""
    return _console(stderr=False)


def stderr_console() -> Console:
    """Refusals and progress (see ``_console``)."""
    return _console(stderr=True)


def _console(stderr: bool) -> Console:
    """Lines folded to a terminal's width; into a pipe or a file, each line whole (rich
    would fold them at 80 columns, mid-sentence or mid-path, for a program or a log to
    read); tables are laid out at the width either way."""
    from rich.console import Console

    # never markup: a partner, a file or a hand-edited ledger may write "[/]" or "[bold]"
    if stderr:
        console = Console(stderr=True, highlight=False, markup=False)
    else:
        output = cast("IO[str]", _Output(sys.stdout))  # writes and flushes, the rest passes
        console = Console(file=output, highlight=False, markup=False)
    console.soft_wrap = not console.is_terminal
    console.on_broken_pipe = lambda: _reader_gone(console)  # type: ignore[method-assign]
    return console


def _reader_gone(console: Console | None = None) -> None:
    """The program reading the output went away (``ordis validate … | head -1``): what is
    left to print goes nowhere, and the command finishes with its own exit code (rich
    would exit 1, the code of invalid data)."""
    if console is not None:
        console.quiet = True
    nowhere(sys.stderr if console is not None and console.stderr else sys.stdout)


class OutputLost(Exception):
    """stdout could not be written (a full disk, ``> /dev/full``): the system's reason is
    its ``__cause__``. Not a path of the command's own (it had said « . »)."""


class _Output:
    """stdout for a console: a write that fails, but for a reader gone away (which rich
    handles), is ``OutputLost``."""

    def __init__(self, stream: Any) -> None:
        self._stream = stream

    def write(self, text: str) -> int:
        try:
            return int(self._stream.write(text))
        except BrokenPipeError:
            raise
        except OSError as exc:
            raise OutputLost from exc

    def flush(self) -> None:
        try:
            self._stream.flush()
        except BrokenPipeError:
            raise
        except OSError as exc:
            raise OutputLost from exc

    def __getattr__(self, name: str) -> Any:  # isatty, fileno, encoding…
        return getattr(self._stream, name)


def echo(text: str) -> None:
    """``typer.echo`` of a result (JSON) on stdout, finishing as ``_reader_gone`` says when
    nobody reads it any more."""
    if sys.stdout is None:  # started with stdout closed (``>&-``)
        return
    try:
        typer.echo(text)
        sys.stdout.flush()
    except BrokenPipeError:
        _reader_gone()
    except OSError as exc:
        raise OutputLost from exc


def show_progress(quiet: bool) -> bool:
    return not quiet and sys.stderr.isatty() and not os.environ.get("CI")


def answered(output: OutputFormat, quiet: bool, as_json: Callable[[], str]) -> bool:
    """Print the JSON result when asked; True when nothing more is to be printed (JSON, or
    ``--quiet``)."""
    if output is OutputFormat.JSON:
        echo(as_json())
        return True
    return quiet


@contextmanager
def stages(quiet: bool) -> Iterator[Callable[[str], None]]:
    """A spinner on stderr whose text the body updates at each stage; silent with
    ``--quiet`` or when stderr is not a terminal."""
    if not show_progress(quiet):
        yield lambda _: None
        return
    with stderr_console().status("") as status:
        yield status.update


@contextmanager
def guarded(debug: bool, lang: Lang) -> Iterator[None]:
    """Run a command body: an ``OrdisError`` becomes its message and exit code; anything
    unexpected becomes exit 3 with a short message (the traceback only with ``--debug``)."""
    try:
        yield
    except (typer.Exit, TyperException):  # usage errors: Typer reports them, exit 2
        raise
    except OrdisError as error:
        if debug:
            raise
        _fail(str(error))  # ``path: message`` when it is about a path
        raise typer.Exit(error.exit_code) from None
    except KeyboardInterrupt:
        raise typer.Exit(130) from None
    except OutputLost as lost:
        if debug:
            raise
        reason = lost.__cause__
        said = system_reason(reason, lang) if isinstance(reason, OSError) else ""
        _fail(say("term-output-lost", lang, reason=said))
        raise typer.Exit(2) from None
    except Exception as error:
        if debug:
            raise
        system = os_error_in(error)
        if system is not None:  # a path the command could not write or read: never exit 3
            written = write_error(failed_path(system), system, lang)
            _fail(str(written))
            raise typer.Exit(2) from None
        _fail(say("term-internal-error", lang, kind=type(error).__name__))
        raise typer.Exit(3) from None


def _fail(message: str) -> None:
    """One line on stderr; paths and values are printed as they are (a ``[`` in a file name
    is not rich markup)."""
    from rich.text import Text

    try:
        stderr_console().print(Text.assemble(("ordis ", "bold red"), message), highlight=False)
    except OSError:  # stderr closed or full: the exit code still says it
        nowhere(sys.stderr)
