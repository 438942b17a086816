"""One catalogue of problem codes: every code the source raises has its sentence in both
languages there, and the README's list of codes is exactly the catalogue's."""

from __future__ import annotations

import re

from ordis_cli.messages import WARNING_CODES, problem_codes

from .conftest import ROOT

_RAISED = re.compile(
    r"""(?:\.add|_problem|Error|ledger_error|_refused)\(\s*"([a-z0-9]+(?:-[a-z0-9]+)+)"|"""
    r"""code="([a-z0-9]+(?:-[a-z0-9]+)+)\""""
)
_LISTED = re.compile(r"`([a-z0-9]+(?:-[a-z0-9]+)+)`")


def _readme_lists() -> tuple[set[str], set[str]]:
    text = (ROOT / "README.md").read_text(encoding="utf-8")
    errors = text[text.index("\nErrors: `") : text.index("\nWarnings (exit 0")]
    warnings = text[text.index("\nWarnings (exit 0") :]
    warnings = warnings[: warnings.index("\n\n", 2)]
    return set(_LISTED.findall(errors)), set(_LISTED.findall(warnings))


def test_every_raised_code_is_in_the_catalogue() -> None:
    raised: set[str] = set()
    for path in (ROOT / "ordis_cli").rglob("*.py"):
        for found in _RAISED.findall(path.read_text(encoding="utf-8")):
            raised.add(found[0] or found[1])
    assert len(raised) > 60
    assert raised - problem_codes() == set()


def test_the_readme_lists_exactly_the_catalogues_codes() -> None:
    errors, warnings = _readme_lists()
    codes = problem_codes()
    assert errors | warnings == codes
    assert warnings == codes & WARNING_CODES and not errors & WARNING_CODES
