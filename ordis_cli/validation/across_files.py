"""The rules across the files of one command (``validate_inputs``): a lot id in two donations
files and one structure in two needs files with two départements are errors (the files are
read as one list); a partner named in donations but absent from the partners file is a
warning, with the partners file's closest name."""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterator
from typing import Any

from ..models import FileReport
from ..textnorm import close_matches
from .base import ROW, KindValidator
from .donations import DonationsValidator
from .needs import NeedsValidator
from .partners import PartnersValidator


def check_across_files(results: list[tuple[FileReport, Any]]) -> None:
    """Rules across files: a lot id in two donations files, and one structure in two needs
    files with two départements, are errors (the files are read as one list); a partner
    named in donations but absent from the partners file is a warning."""
    _across_files(results)
    known: dict[str, str] | None = None  # the partners file's names: key -> as written
    for _, validator in results:
        if isinstance(validator, PartnersValidator):
            known = {**(known or {}), **validator.spellings}
    if known is None:
        return
    for report, validator in results:
        if not isinstance(validator, DonationsValidator):
            continue
        reporter = validator.report
        before = len(reporter.problems)
        for key, (name, row) in validator.partners.items():
            if key not in known:
                # a misspelt partner would ship everywhere without its capacity: say whom
                close = close_matches(key, known, n=1, cutoff=0.8)
                fields = {"suggestion": known[close[0]]} if close else {}
                reporter.add("unknown-partner", row, "partenaire", name, **fields)
        report.add(reporter.problems[before:])


def _across_files(results: list[tuple[FileReport, Any]]) -> None:
    """Each lot id and each structure's département as the first file gave them; a later
    file that repeats the lot, or gives the structure another département, hears of it."""
    lots: dict[str, tuple[str, int]] = {}
    structures: dict[str, tuple[str, str, int]] = {}
    kinds = Counter(type(validator) for _, validator in results)
    for report, validator in results:
        if not isinstance(validator, DonationsValidator | NeedsValidator):
            continue
        if kinds[type(validator)] < 2:  # one file of its kind: nothing to compare it with
            continue
        reporter = validator.report
        before = len(reporter.problems)
        if isinstance(validator, DonationsValidator):
            for ident, row in _first_rows(validator, "id_don"):
                first = lots.setdefault(ident, (report.path, row))
                if first[0] != report.path:
                    reporter.add(
                        "lot-in-two-files",
                        row,
                        "id_don",
                        ident,
                        first_file=first[0],
                        first_row=first[1],
                    )
        else:
            for (ident, dept), row in _first_rows(validator, "id_structure", "departement"):
                seen = structures.setdefault(ident, (dept, report.path, row))
                if seen[1] != report.path and seen[0] != dept:
                    reporter.add(
                        "structure-in-two-files",
                        row,
                        "departement",
                        dept,
                        structure=ident,
                        other=seen[0],
                        first_file=seen[1],
                        first_row=seen[2],
                    )
        report.add(reporter.problems[before:])


def _first_rows(validator: KindValidator, *columns: str) -> Iterator[tuple[Any, int]]:
    """Each value of ``columns`` (one column: the value, else a tuple) with the first row
    that holds it, from the validator's kept columns (``keep_data``, as ``allocate`` reads).
    Without them (a validator back from a contained child keeps no index of its rows) there
    is nothing to compare: ``validate`` checks each file alone."""
    seen: set[Any] = set()
    for block in validator.kept or []:
        values = [block[column] for column in columns if block.get(column) is not None]
        if len(values) != len(columns):
            continue
        for index, row in enumerate(block[ROW]):
            key = values[0][index] if len(columns) == 1 else tuple(v[index] for v in values)
            if key is None or (len(columns) > 1 and None in key) or key in seen:
                continue
            seen.add(key)
            yield key, row
