"""``run_demo``: the whole cycle on the bundled sample data, in a fresh folder.

Validate the sample files, allocate, let the partners fill in part of their workbooks as a
partner would (dates typed in several ways, a few partial quantities, a comment), import
those returns, and write the report. Every step goes through the same library functions
as the commands, and the tour says which command does each.
"""

from __future__ import annotations

import datetime as dt
import random
import shutil
from collections.abc import Callable
from pathlib import Path

from pydantic import BaseModel

from ..allocation import Policy
from ..arguments import PathLike
from ..atomic import output_folder, write_error
from ..fictional.returns import fill_like_a_partner
from ..messages import Lang, has, say
from .allocate import AllocateRequest, run_allocation
from .deliveries import import_deliveries
from .report import FORMATS, report_figures, write_report
from .sample import write_sample
from .validate import ValidationOptions, validate_files

RUN_DATE = dt.date(2020, 4, 20)
REPORT_DATE = dt.date(2020, 5, 15)
SAMPLE_FILES = ("besoins.xlsx", "dons.xlsx", "partenaires.xlsx")


class TourStop(BaseModel):
    path: str
    what: str
    command: str


class DemoResult(BaseModel):
    out: str
    stops: list[TourStop]
    headline: str


def bundled_samples() -> Path | None:
    folder = Path(__file__).resolve().parents[2] / "sample_data"  # the repository's
    return folder if all((folder / name).exists() for name in SAMPLE_FILES) else None


def run_demo(
    out: PathLike | None, lang: Lang, step: Callable[[str], None] | None = None
) -> DemoResult:
    """Play the whole cycle into ``out`` (absent or empty; default ``./ordis-demo``, or the
    next free name). A failure removes what the demo wrote: no half-played folder stays."""
    target = output_folder(None if out is None else Path(out), Path("ordis-demo"), lang)
    existed = target.exists()
    try:
        target.mkdir(parents=True, exist_ok=True)
    except OSError as exc:
        raise write_error(target, exc, lang) from exc
    try:
        return _play(target, lang, step or (lambda _: None))
    except BaseException:
        for entry in [*target.iterdir()] if existed else [target]:
            if entry.is_dir() and not entry.is_symlink():
                shutil.rmtree(entry, ignore_errors=True)
            else:
                entry.unlink(missing_ok=True)
        raise


def _play(out: Path, lang: Lang, step: Callable[[str], None]) -> DemoResult:
    data, ledger = out / "donnees", out / "ordis.db"
    data.mkdir()
    step("data")
    samples = bundled_samples()
    if samples is not None:
        for name in SAMPLE_FILES:
            shutil.copyfile(samples / name, data / name)
    else:  # an installed ordis without the repository: the same files, made again
        write_sample(data)
    needs, donations, partners = (data / name for name in SAMPLE_FILES)
    step("validate")
    validate_files([needs, donations, partners], ValidationOptions(lang=lang))
    step("allocate")
    allocation = run_allocation(
        AllocateRequest(
            needs=[needs],
            donations=[donations],
            partners=partners,
            ledger=ledger,
            out=out / "envois",
            policy=Policy(date=RUN_DATE),
            lang=lang,
        )
    )
    assert allocation.summary is not None
    step("returns")
    returns = out / "retours"
    returns.mkdir()
    rng = random.Random(2020)
    for path in sorted(Path(f.path) for f in allocation.summary.files if f.partner):
        fill_like_a_partner(path, returns / path.name, rng, RUN_DATE, lang=lang)
    step("import")
    import_deliveries(sorted(returns.iterdir()), ledger, lang, today=REPORT_DATE)
    step("report")
    figures, details = report_figures(ledger, REPORT_DATE)
    written = write_report(figures, details, out / "rapport", FORMATS, lang)
    from ..report.render import context

    headline = str(context(figures, details, lang)["headline_sentence"])
    stops = [
        TourStop(
            path=str(data),
            what=say("term-demo-data", lang),
            command="ordis validate donnees/*.xlsx",
        ),
        TourStop(
            path=str(out / "envois"),
            what=say("term-demo-dispatch", lang, count=len(allocation.summary.files) - 1),
            command=f"ordis allocate --needs donnees/besoins.xlsx --donations "
            f"donnees/dons.xlsx --partners donnees/partenaires.xlsx --date {RUN_DATE}",
        ),
        TourStop(path=str(ledger), what=say("term-demo-ledger", lang), command="ordis runs list"),
        TourStop(
            path=str(returns),
            what=say("term-demo-returns", lang),
            command="ordis deliveries import retours/*.xlsx",
        ),
        *[
            TourStop(
                path=str(p),
                what=_describe(p.name, lang),
                command=f"ordis report --as-of {REPORT_DATE} --out rapport",
            )
            for p in written
        ],
    ]
    return DemoResult(out=str(out), stops=stops, headline=headline)


def _describe(name: str, lang: Lang) -> str:
    key = f"term-demo-{name}"
    return say(key, lang) if has(key) else name
