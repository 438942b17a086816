"""The files given to ``allocate`` against what the ledger already knows (SPEC §5).

The needs and donations files are the complete current lists. A structure that still lacks
something, a lot that still holds units, or a financial gift, known to the ledger but absent
from the files, would silently leave the figures (a weekly file holding only the new lots
once cut the stock from 1,655 laptops to 34): it stops the run (``missing-known-rows``)
unless the coordinator says ``--retire-missing``. A structure whose request is now below
what it was already shipped gets a warning (``request-below-shipped``).
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import TYPE_CHECKING

from ..allocation import Earlier
from ..messages import Lang, device_words, say
from ..messages.counting import number
from ..models import DEVICE_TYPES, Problem, Severity
from .store import Ledger, Retired

if TYPE_CHECKING:  # the ledger never loads the reading stack
    from ..allocation.inputs import Inputs


@dataclass(slots=True)
class KnownCheck:
    """What the files leave out, as problem records, and what retiring them would mean."""

    problems: list[Problem] = field(default_factory=list)
    retired: Retired = field(default_factory=Retired)


def _devices(counts: dict[str, int], lang: Lang) -> str:
    return ", ".join(f"{n} {device_words(d, n, lang)}" for d, n in counts.items() if n)


def check_known(
    ledger: Ledger,
    inputs: Inputs,
    earlier: Earlier,
    needs_file: str,
    donations_file: str,
    lang: Lang,
    retire: bool,
) -> KnownCheck:
    """Known rows absent from the files (errors, or warnings when ``retire``) and requests
    now below what was shipped (warnings)."""
    check = KnownCheck()
    severity = Severity.WARNING if retire else Severity.ERROR
    given = {s.id for s in inputs.structures}
    lacking: list[str] = []
    for ident, need in sorted(ledger.known_needs().items()):
        if ident in given:
            continue
        left = {
            d.value: max(0, n - earlier.given.get((ident, d), 0))
            for d, n in zip(DEVICE_TYPES, need, strict=True)
        }
        if any(left.values()):
            lacking.append(ident)
            check.problems.append(
                _absent(
                    "missing-known-structure" if not retire else "retired-structure",
                    severity,
                    needs_file,
                    ident,
                    lang,
                    left=_devices(left, lang),
                )
            )
    listed = {lot.id for lot in inputs.lots} | {gift.id for gift in inputs.gifts}
    holding: list[str] = []
    for ident, (device, quantity, euros) in sorted(ledger.known_lots().items()):
        if ident in listed:
            continue
        if device is not None and quantity is not None:
            left_units = quantity - earlier.taken.get(ident, 0)
            if left_units <= 0:
                continue
            what = _devices({device: left_units}, lang)
        elif euros:
            what = f"{number(euros, lang)} €"
        else:
            continue
        holding.append(ident)
        check.problems.append(
            _absent(
                "missing-known-lot" if not retire else "retired-lot",
                severity,
                donations_file,
                ident,
                lang,
                left=what,
            )
        )
    if retire:
        check.retired = Retired(tuple(lacking), tuple(holding))
    check.problems.extend(_below_shipped(inputs, earlier, needs_file, lang))
    return check


def _below_shipped(inputs: Inputs, earlier: Earlier, needs_file: str, lang: Lang) -> list[Problem]:
    found = []
    for structure in sorted(inputs.structures, key=lambda s: s.id):
        for device, asked in zip(DEVICE_TYPES, structure.need, strict=True):
            shipped = earlier.given.get((structure.id, device), 0)
            if shipped > asked:
                found.append(
                    Problem(
                        code="request-below-shipped",
                        severity=Severity.WARNING,
                        file=needs_file,
                        column=device.value,
                        value=structure.id,
                        message=say(
                            "request-below-shipped",
                            lang,
                            id=structure.id,
                            asked=asked,
                            shipped=shipped,
                            device=device_words(device.value, asked, lang),
                        ),
                    )
                )
    return found


def _absent(key: str, severity: Severity, file: str, ident: str, lang: Lang, left: str) -> Problem:
    # every absent row is one record, under the one stable code SPEC §5 names
    return Problem(
        code="missing-known-rows",
        severity=severity,
        file=file,
        value=ident,
        message=say(key, lang, id=ident, left=left),
    )
