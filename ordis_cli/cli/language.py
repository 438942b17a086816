"""The language of the command line, decided before the options are parsed.

Help is printed, and usage errors raised, before a command's ``--lang`` reaches its body, so
``run()`` decides the language from ``--lang`` in the arguments (``--lang en`` or
``--lang=en``) or ``ORDIS_LANG`` (French by default), then:

- builds the command tree with its help in that language: French is written where each
  command is declared, English comes from ``help_english`` (keyed by command path and
  option); in French the help layout of the parser is drawn by ``FrenchHelpFormatter``;
- prints a usage error itself, in that language, with exit code 2 as click does.

It also keeps start-up quick: Typer converts every option's value with a pydantic
``TypeAdapter`` built the first time the option is processed, even when the value is absent
or the default, so ``ordis allocate --help`` would import pydantic for ``ordis --lang`` alone
and ``ordis runs list`` for its defaults. The converter is built here only when a value is
given (``ConvertWhenGiven``); what the conversion does, its result and its error messages are
Typer's own.
"""

from __future__ import annotations

import os
import re
from collections.abc import Sequence
from dataclasses import dataclass, field
from enum import StrEnum
from pathlib import Path
from typing import Any

import typer.main
from typer._click.core import Command, Context, ParameterSource
from typer._click.exceptions import ClickException, NoArgsIsHelpError, NoSuchOption, UsageError
from typer._coercion import RuntimeParam, TypeDescriptor, build_runtime_param
from typer.core import TyperGroup, TyperOption, _TyperParameter
from typer.exceptions import Abort

from ..messages import Lang, say
from .click_french import FrenchHelpFormatter, english_usage_error, french_usage_error
from .help_english import ARGUMENT_WORDS, HELP_ENGLISH, EnglishHelpFormatter
from .streams import to_stderr


def language_from_argv(argv: Sequence[str]) -> Lang:
    """``--lang en`` / ``--lang=en`` among the arguments, else ``ORDIS_LANG``, else French.
    Anything but a word starting with "en" is French, as ``ORDIS_LANG`` is read; a
    ``--lang`` that is neither language (``--lang de``, refused as a usage error) leaves
    ``ORDIS_LANG`` to say in which language the refusal is said."""
    chosen = os.environ.get("ORDIS_LANG", "fr")
    for index, argument in enumerate(argv):
        if argument == "--":
            break
        given = None
        if argument == "--lang" and index + 1 < len(argv):
            given = argv[index + 1]
        elif argument.startswith("--lang="):
            given = argument.partition("=")[2]
        if given is not None and given.strip().lower() in ("fr", "en"):
            chosen = given
    return "en" if chosen.strip().lower().startswith("en") else "fr"


class FrenchContext(Context):
    formatter_class = FrenchHelpFormatter


class EnglishContext(Context):
    formatter_class = EnglishHelpFormatter


def walk(command: Command, path: str = "") -> list[tuple[str, Command]]:
    """Every command of the tree with its path ("" for ``ordis``, "runs list"…)."""
    found = [(path, command)]
    if isinstance(command, TyperGroup):
        for name, sub in command.commands.items():
            found += walk(sub, f"{path} {name}".strip())
    return found


def help_key(path: str, param: object) -> str:
    """The catalogue key of an option ("allocate --needs") or argument ("runs show run")."""
    name = (
        max(param.opts, key=len)
        if isinstance(param, TyperOption)
        else getattr(param, "name", "") or ""
    )
    return f"{path} {name}".strip()


@dataclass(frozen=True)
class ConvertWhenGiven(RuntimeParam):
    """Typer's converter of one parameter, built when a value is first given: an absent value
    (None) is answered by ``RuntimeParam.coerce`` itself, without a converter, and the
    parameter's own default (the very object declared, unchanged by a conversion: checked by
    tests/test_startup.py) is passed through as it is. A value from the command line or an
    environment variable (``ORDIS_LEDGER``…) is converted."""

    descriptor: TypeDescriptor
    built: list[RuntimeParam] = field(default_factory=list, compare=False)

    def _coerce_value(self, value: Any, param: _TyperParameter, ctx: Context) -> Any:
        if (
            value is param.default
            and param.name is not None
            and ctx.get_parameter_source(param.name) is ParameterSource.DEFAULT
        ):
            return value
        parser = getattr(self.descriptor.parameter_info, "parser", None)
        if parser is not None and isinstance(value, str):  # --ledger: a path or a URL
            return parser(value)
        plain = _plain(self.descriptor.annotation, value)
        if plain is not None:
            return plain
        if not self.built:
            self.built.append(build_runtime_param(self.descriptor))
        return self.built[0]._coerce_value(value, param=param, ctx=ctx)


def _plain(annotation: object, value: object) -> object | None:
    """``value`` as Typer's converter gives it, for the plain types it converts as Python
    does (a path, a text, a member of a text enumeration named by its value); else None, and
    the converter is built (other types, or a value it refuses, with its own message)."""
    if annotation is Path and isinstance(value, str | Path):
        return Path(value)
    if annotation is str and isinstance(value, str):
        return value
    if isinstance(annotation, type) and issubclass(annotation, StrEnum) and isinstance(value, str):
        try:  # its value, or another name the enumeration takes (``EitherLanguage``)
            return annotation(value)
        except ValueError:
            return None
    return None


def convert_when_given(command: Command, help_names: list[str] | None = None) -> None:
    """``ConvertWhenGiven`` for every parameter of ``command`` and the commands under it,
    their help options included (made here, with the names they inherit, as click would make
    them when first parsing)."""
    names = command.context_settings.get("help_option_names", help_names)
    help_option = command.get_help_option(Context(command, help_option_names=names))
    for param in [*command.params, *([help_option] if help_option is not None else [])]:
        if isinstance(param, _TyperParameter) and param._runtime_param is None:
            described = param.type_descriptor
            param._runtime_param = ConvertWhenGiven(
                described.parameter_info, described.annotation, described
            )
    if isinstance(command, TyperGroup):
        for sub in command.commands.values():
            convert_when_given(sub, names)


def _english(path: str, command: Command) -> None:
    english = HELP_ENGLISH.get(path)
    if english is not None:
        command.help = english
        command.short_help = None
    for param in command.params:
        key = help_key(path, param)
        text = HELP_ENGLISH.get(key) or HELP_ENGLISH.get("* " + key.rpartition(" ")[2])
        if text is not None and hasattr(param, "help"):
            param.help = text


def localized_command(lang: Lang) -> Command:
    """The ``ordis`` command tree with its help in ``lang``."""
    from .app import app  # the commands import their whole stack: only when run

    command = typer.main.get_command(app)
    convert_when_given(command)
    for path, each in walk(command):
        if lang == "en":
            _english(path, each)
            each.context_class = EnglishContext
        else:
            each.context_class = FrenchContext
    return command


def show_usage_error(error: ClickException, lang: Lang, argv: Sequence[str] = ()) -> None:
    """What click prints for a usage error (of the command line ``argv``), in ``lang``."""
    if isinstance(error, NoArgsIsHelpError):  # it prints the help
        error.show()
        return
    lines = []
    context = error.ctx if isinstance(error, UsageError) else None
    if context is not None:
        lines.append(context.get_usage())
        if context.command.get_help_option(context) is not None:
            helping = f"{context.command_path} {context.help_option_names[0]}"
            lines.append(
                f"Try '{helping}' for help.\n"
                if lang == "en"
                else f"Essayez « {helping} » pour l'aide."
            )
    if lang == "en":
        lines.append(f"Error: {english_usage_error(error.format_message(), ARGUMENT_WORDS)}")
    else:
        lines.append(f"Erreur : {french_usage_error(error.format_message())}")
    if context is not None and _files_after_a_repeatable_option(error, context):
        lines.append(say("term-repeat-the-option", lang))
    if isinstance(error, NoSuchOption) and re.fullmatch(r"-\d+", error.option_name):
        # click reads "-12" as the options -1 and -2 and names the first: quote what was typed
        typed = [a for a in argv if re.fullmatch(r"-\d+", a) and a.startswith(error.option_name)]
        value = typed[0] if typed else error.option_name
        lines.append(say("term-negative-number", lang, value=value))
    to_stderr("\n".join(lines))


def _files_after_a_repeatable_option(error: ClickException, context: Context) -> bool:
    """Values left over by a command with an option given once per value (``--needs a.xlsx
    b.xlsx``, as a shell's ``*.xlsx`` writes it)."""
    return error.format_message().startswith("Got unexpected extra argument") and any(
        getattr(parameter, "multiple", False) for parameter in context.command.params
    )


def run(argv: Sequence[str]) -> int:
    """Run ``ordis`` on ``argv`` (the arguments after the name) in the language they ask
    for; the exit code."""
    lang = language_from_argv(argv)
    command = localized_command(lang)
    try:
        code = command.main(args=list(argv), prog_name="ordis", standalone_mode=False)
    except ClickException as error:
        show_usage_error(error, lang, argv)
        return error.exit_code
    except Abort:
        to_stderr(say("term-aborted", lang))
        return 1
    return code if isinstance(code, int) else 0
