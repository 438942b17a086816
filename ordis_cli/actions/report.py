"""``ordis report``: the week's figures from the ledger (``report_figures``), written as
Markdown, HTML, XLSX and JSON (``write_report``). ``Figures`` is what ``rapport.json`` holds.
``ordis report --donor NAME``: one organisation's page (``donor_report_figures``,
``write_donor_report``; ``DonorFigures`` is what ``rapport-donateur.json`` holds).
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Iterable
from pathlib import Path

from ..allocation.policy import Coordination
from ..arguments import PathLike, day_given
from ..atomic import staged_folder
from ..errors import UsageError
from ..ledger import Ledger
from ..ledger.location import LedgerPath
from ..messages import Lang, say
from ..report.donor import DonorFigures, DonorRefused, donor_figures
from ..report.donor import context as donor_context
from ..report.figures import Details, Figures, compute
from ..report.render import FORMATS, context, environments
from ..report.workbook import write_workbook

__all__ = [
    "DONOR_FORMATS",
    "FORMATS",
    "Details",
    "DonorFigures",
    "DonorRefused",
    "Figures",
    "donor_report_figures",
    "report_figures",
    "write_donor_report",
    "write_report",
]

DONOR_FORMATS = ("md", "html", "json")


def chosen_formats(
    formats: str | Iterable[str], possible: tuple[str, ...], lang: Lang
) -> tuple[str, ...]:
    """The formats asked for, as ``--format`` writes them (``"md,html"``) or as a list; none,
    or one not among ``possible``: ``UsageError`` (exit 2), nothing written."""
    parts = formats.split(",") if isinstance(formats, str) else list(formats)
    chosen = tuple(part.strip().lower() for part in parts if part.strip())
    if not chosen or any(fmt not in possible for fmt in chosen):
        shown = formats if isinstance(formats, str) else ",".join(parts)
        message = say("bad-report-format", lang, formats=", ".join(possible), value=shown)
        raise UsageError("bad-report-format", message)
    return chosen


def report_figures(
    ledger_path: LedgerPath | str, as_of: dt.date | str, lang: Lang = "fr"
) -> tuple[Figures, Details]:
    """The figures as of ``as_of`` (what ``rapport.json`` holds) and the details only the
    rendered formats use; the ledger is opened read-only (``LedgerError``, exit 2)."""
    day = day_given(as_of, lang)
    with Ledger(ledger_path, "read", lang) as ledger:  # SQLite failures: LedgerError
        return compute(ledger, day)


def write_report(
    figures: Figures,
    details: Details,
    target: PathLike,
    formats: str | Iterable[str],
    lang: Lang,
    coordination: Coordination | None = None,
) -> list[Path]:
    """Write the chosen formats into ``target`` (absent or an empty folder: see
    ``atomic.output_folder``) through a staging folder: the files appear together, or none
    do (``WriteError`` naming the path, exit 2). Return the paths written. ``coordination``
    (the policy's ``[coordination]``) gives the communiqué its city and press contact."""
    formats, folder = chosen_formats(formats, FORMATS, lang), Path(target)
    values = context(figures, details, lang, coordination)
    templates = environments()
    names = {
        "md": [("rapport.md", "rapport.md.j2"), ("communique.md", "communique.md.j2")],
        "html": [("rapport.html", "rapport.html.j2")],
    }
    written: list[str] = []
    with staged_folder(folder, lang) as staging:
        for fmt in formats:
            if fmt in names:
                for name, template in names[fmt]:
                    text = templates[fmt].get_template(template).render(**values)
                    if fmt == "md":  # a paragraph left out leaves no run of blank lines
                        text = re.sub(r"\n{3,}", "\n\n", text).strip() + "\n"
                    (staging / name).write_text(text, encoding="utf-8")
                    written.append(name)
            elif fmt == "xlsx":
                write_workbook(staging / "rapport.xlsx", values)
                written.append("rapport.xlsx")
            elif fmt == "json":
                (staging / "rapport.json").write_text(
                    figures.model_dump_json(indent=2) + "\n", encoding="utf-8"
                )
                written.append("rapport.json")
    return [folder / name for name in written]


def donor_report_figures(
    ledger_path: LedgerPath | str, donor: str, as_of: dt.date | str, lang: Lang = "fr"
) -> DonorFigures:
    """What the lots of the organisation ``donor`` became as of ``as_of`` (its name matched
    as ordis matches names). Unknown donor: ``UsageError`` (exit 2) naming the closest known
    organisations; a private donor or one without a donor type: ``DonorRefused`` (exit 1)."""
    day = day_given(as_of, lang)
    with Ledger(ledger_path, "read", lang) as ledger:
        return donor_figures(ledger, donor, day, lang)


def write_donor_report(
    figures: DonorFigures, target: PathLike, formats: str | Iterable[str], lang: Lang
) -> list[Path]:
    """Write the donor's page (``rapport-donateur.html``, ``.md``, ``.json``, among
    ``DONOR_FORMATS``) into ``target`` through a staging folder, as ``write_report`` does."""
    formats, folder = chosen_formats(formats, DONOR_FORMATS, lang), Path(target)
    values = donor_context(figures, lang)
    templates = environments()
    written: list[str] = []
    with staged_folder(folder, lang) as staging:
        for fmt in formats:
            name = f"rapport-donateur.{fmt}"
            if fmt == "json":
                text = figures.model_dump_json(indent=2) + "\n"
            else:
                # the operation's templates, in their donor-page branch
                text = templates[fmt].get_template(f"rapport.{fmt}.j2").render(**values)
                if fmt == "md":
                    text = re.sub(r"\n{3,}", "\n\n", text).strip() + "\n"
            (staging / name).write_text(text, encoding="utf-8")
            written.append(name)
    return [folder / name for name in written]
