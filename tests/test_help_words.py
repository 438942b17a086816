"""Help names a value by what a person types (``<path>``, ``<chemin>``, ``<date>``), never
by its Python type (``<list[Path]>``, ``<str>``) or a strftime pattern, in both languages."""

from __future__ import annotations

import re

import pytest
from typer._click.core import Command

from ordis_cli.cli.language import localized_command, walk

TYPED = re.compile(r"<[^>]*(?:\[|%|\bstr\b|\bint\b|Path)[^>]*>")


@pytest.mark.parametrize("lang", ["fr", "en"])
def test_every_help_names_values_in_plain_words(lang: str) -> None:
    tree = localized_command(lang)  # type: ignore[arg-type]
    seen = 0
    for path, command in walk(tree):
        if not isinstance(command, Command) or command.hidden:
            continue
        text = command.get_help(
            command.make_context(f"ordis {path}".strip(), [], resilient_parsing=True)
        )
        assert not TYPED.search(text), (path, TYPED.findall(text))
        seen += len(re.findall(r"<[^>]+>", text))
    assert seen > 40  # the values are named, just in plain words
