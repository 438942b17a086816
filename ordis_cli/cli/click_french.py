"""The sentences of the command-line parser (Typer's bundled click) in French.

Typer builds them with f-strings, so they cannot be looked up by template: the help layout
is translated by ``FrenchHelpFormatter`` (usage prefix, headings, the help option's text and
the bracketed extras), and a usage error's final message by the patterns of
``USAGE_ERRORS``, tried in order. A message no pattern matches stays as it is;
``tests/test_languages.py`` runs each usage error ordis can meet and looks for English words.
"""

from __future__ import annotations

import re

from typer._click.formatting import HelpFormatter

from ..policy_words import ENGLISH_OF

HEADINGS = {"Options": "Options", "Arguments": "Arguments", "Commands": "Commandes"}
HELP_TEXTS = {
    "Show this message and exit.": "Affiche cette aide et quitte.",
    "Show the version and exit.": "Affiche la version et quitte.",
}
_METAVARS = {
    "<path>": "<chemin>",
    "<Path>": "<chemin>",  # a Path argument with its own parser (ledger copy SRC DST)
    "<int range>": "<entier>",
    "<int>": "<entier>",
    "<list[Path]>": "<chemins>",
    "<list[str]>": "<texte>",
    "<str>": "<texte>",
    "<%Y-%m-%d|%d/%m/%Y>": "<date>",  # 2020-04-20 ou 20/04/2020
    "PATH|URL": "CHEMIN|URL",  # --ledger
}
_EXTRAS = (
    (re.compile(r"\bdefault: "), "défaut : "),
    (re.compile(r"\[required\]"), "[obligatoire]"),
    (re.compile(r"\benv var: "), "variable d'environnement : "),
)


# Typer writes a required argument in a usage line as ``{files}``: a person reads a word
ARGUMENT_WORDS = {"files": "FICHIERS", "run": "N°", "ids": "ID_ENVOI"}
_BRACED = re.compile(r"\{(\w+)\}")


def plain_arguments(args: str, words: dict[str, str]) -> str:
    """A usage line's ``{name}`` arguments as the word ``words`` gives, else ``NAME``."""
    return _BRACED.sub(lambda m: words.get(m.group(1), m.group(1).upper()), args)


def argument_term(term: str, words: dict[str, str]) -> str:
    """A help line's term naming an argument (``files... <chemins>``) with the usage line's
    word for it (``FICHIERS... <chemins>``); an option's term as it is."""
    name = term.partition(" ")[0].removesuffix("...")
    word = words.get(name)
    return term if word is None else word + term[len(name) :]


class FrenchHelpFormatter(HelpFormatter):
    """click's help layout with French words."""

    def write_usage(self, prog: str, args: str = "", prefix: str | None = None) -> None:
        args = plain_arguments(args, ARGUMENT_WORDS).replace(
            "COMMAND [ARGS]", "COMMANDE [ARGUMENTS]"
        )
        super().write_usage(prog, args, "Utilisation : " if prefix is None else prefix)

    def write_heading(self, heading: str) -> None:
        self.write(f"{'':>{self.current_indent}}{HEADINGS.get(heading, heading)} :\n")

    def write_dl(self, rows: object, col_max: int = 30, col_spacing: int = 2) -> None:
        french = []
        for term, text in rows:  # type: ignore[attr-defined]
            text = HELP_TEXTS.get(text, text)
            for pattern, replacement in _EXTRAS:
                text = pattern.sub(replacement, text)
            for english, metavar in _METAVARS.items():
                term = term.replace(english, metavar)
            french.append((argument_term(term, ARGUMENT_WORDS), text))
        super().write_dl(french, col_max, col_spacing)


# (click's English pattern, French, plain English or None to keep click's) for the whole
# message; a value message inside "Invalid value for …: " is rewritten on its own by the
# same list. Plain English replaces the parser's own wording (pydantic's "Value error, ",
# "Input should be…", strftime patterns) with what a coordinator reads.
USAGE_ERRORS: tuple[tuple[re.Pattern[str], str, str | None], ...] = tuple(
    (re.compile(pattern, re.DOTALL), french, english)
    for pattern, french, english in (
        (
            r"^No such option: (?P<name>\S+) \(Possible options: (?P<others>.+)\)$",
            "Option inconnue : {name} (options possibles : {others})",
            None,
        ),
        (r"^No such option: (?P<name>.+)$", "Option inconnue : {name}", None),
        (
            r"^No such command (?P<name>.+?)\. Did you mean (?P<others>.+)\?$",
            "Commande inconnue : {name}. Vouliez-vous dire {others} ?",
            None,
        ),
        (r"^No such command (?P<name>.+)\.$", "Commande inconnue : {name}.", None),
        (r"^Missing command\.$", "Commande manquante.", None),
        (r"^Missing option (?P<name>.+?)\.(?P<more>.*)$", "Option manquante : {name}.{more}", None),
        (
            r"^Missing argument (?P<name>.+?)\.(?P<more>.*)$",
            "Argument manquant : {name}.{more}",
            "Missing argument {name}.{more}",
        ),
        (
            r"^Missing parameter (?P<name>.+?)\.(?P<more>.*)$",
            "Paramètre manquant : {name}.{more}",
            None,
        ),
        (
            r"^Got unexpected extra argument(?:s|\(s\))? \((?P<args>.*)\)$",
            "Argument(s) en trop : ({args})",
            None,
        ),
        (
            r"^Option (?P<name>\S+) requires an argument\.$",
            "L'option {name} attend une valeur.",
            None,
        ),
        (
            r"^Option (?P<name>\S+) requires (?P<n>\d+) arguments\.$",
            "L'option {name} attend {n} valeurs.",
            None,
        ),
        (
            r"^Option (?P<name>\S+) does not take a value\.$",
            "L'option {name} ne prend pas de valeur.",
            None,
        ),
        (
            r"^Invalid value for (?P<name>.+?): (?P<message>.+)$",
            "Valeur invalide pour {name} : {message}",
            "Invalid value for {name}: {message}",
        ),
        (
            r"^Invalid value: (?P<message>.+)$",
            "Valeur invalide : {message}",
            "Invalid value: {message}",
        ),
        (r"^Value error, (?P<message>.+)$", "{message}", "{message}"),
        (
            r"^Input should be a valid integer.*$",
            "un nombre entier est attendu.",
            "a whole number is expected.",
        ),
        (r"^Input should be a valid number.*$", "un nombre est attendu.", "a number is expected."),
        (
            r"^Input should be greater than or equal to (?P<n>\S+)$",
            "au moins {n} est attendu.",
            "at least {n} is expected.",
        ),
        (
            r"^Input should be less than or equal to (?P<n>\S+)$",
            "au plus {n} est attendu.",
            "at most {n} is expected.",
        ),
        (
            r"^Input should be greater than (?P<n>\S+)$",
            "plus de {n} est attendu.",
            "more than {n} is expected.",
        ),
        (
            r"^Input should be a valid .*$",
            "cette valeur n'est pas valide.",
            "this value is not valid.",
        ),
        (
            r"^(?P<value>.+) does not match the formats? (?P<formats>.+)\.$",
            "{value} n'est pas une date : écrivez-la 2020-04-20 ou 20/04/2020.",
            "{value} is not a date: write it 2020-04-20 or 20/04/2020.",
        ),
        (
            r"^(?:Value )?(?P<value>.+) is not a valid (?:int|integer|float)\.$",
            "{value} n'est pas un nombre valide.",
            None,
        ),
        (
            r"^(?:Value )?(?P<value>.+) is not a valid (?P<kind>\w+)\.$",
            "{value} n'est pas une valeur valide.",
            None,
        ),
        (
            r"^(?P<value>.+) is not one of (?P<choices>.+)\.$",
            "{value} n'est pas l'une des valeurs {choices}.",
            "{value} is not one of {choices}.",
        ),
        (
            r"^(?P<value>.+) is not in the range (?P<range>.+)\.$",
            "{value} n'est pas dans l'intervalle {range}.",
            None,
        ),
    )
)
_NESTED = ("message",)


def french_usage_error(message: str) -> str:
    """A usage error's message in French (unchanged when no pattern knows it); an argument
    named by the word of the usage line (``'FICHIERS'``, not Typer's ``'files'``)."""
    return _rewritten(message, False, ARGUMENT_WORDS).replace("' or '", "', '")


def english_usage_error(message: str, words: dict[str, str]) -> str:
    """A usage error's message in plain English (unchanged when no pattern knows it); an
    argument named by ``words``, those of the English usage line."""
    return _rewritten(message, True, words)


def _rewritten(message: str, english: bool, words: dict[str, str]) -> str:
    for pattern, in_french, in_english in USAGE_ERRORS:
        found = pattern.match(message)
        if found is not None:
            written = in_english if english else in_french
            if written is None:
                return message
            fields = found.groupdict()
            for name in _NESTED:
                if name in fields:
                    fields[name] = _rewritten(fields[name], english, words)
            # 'files' -> 'FICHIERS'; an option ('--date') and a command typed stay
            if "name" in fields and not message.startswith("No such command"):
                fields["name"] = _QUOTED_ARGUMENT.sub(
                    lambda m: f"'{words.get(m.group(1), m.group(1))}'", fields["name"]
                )
            if english and "choices" in fields:  # 'departement' -> 'department'
                fields["choices"] = _QUOTED_ARGUMENT_IN.sub(
                    lambda m: f"'{ENGLISH_OF.get(m.group(1), m.group(1))}'", fields["choices"]
                )
            return written.format(**fields)
    return message


_QUOTED_ARGUMENT = re.compile(r"^'(\w+)'$")
_QUOTED_ARGUMENT_IN = re.compile(r"'(\w+)'")
