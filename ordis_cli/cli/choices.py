"""The choices of command-line options whose home module is heavy to import.

Typer reads each command's signature when the program starts, so the types and defaults named
there must come from modules that load neither pydantic nor pandas nor openpyxl. The values
here are the same as in their home modules (``tests/test_startup.py`` checks it); a command
converts to the real type in its body, once it has imported what it runs.
"""

from __future__ import annotations

from ..policy_words import EitherLanguage


class ScopeChoice(EitherLanguage):
    """``allocate --scope``: the values of ``allocation.policy.Scope``."""

    DEPARTEMENT = "departement"
    REGION = "region"
    NATIONAL = "national"


# ``report --format``: the values of ``report.render.FORMATS``, in the same order
REPORT_FORMATS: tuple[str, ...] = ("md", "html", "xlsx", "json")
