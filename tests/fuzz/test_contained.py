"""The parser runs in a contained child: an abort, an exhaustion or a hang inside it makes the
file unreadable (exit 2 with its code), never ordis; normal results are the same contained or
not. The fake parsers replace ``open_table`` where the validation calls it."""

from __future__ import annotations

import datetime as dt
import json
import os
import resource
import shutil
import signal
import time
from pathlib import Path
from typing import Any, NoReturn

import pytest

import ordis_cli
from ordis_cli.actions.validate import ValidationOptions, validate_files
from ordis_cli.models import Kind
from ordis_cli.reading import contained
from ordis_cli.validation import service
from ordis_cli.validation.service import validate_inputs

from ..commands import sample_allocate_request
from ..conftest import DATA, ROOT, invoke
from ..test_deliveries import fill

pytestmark = pytest.mark.contained  # see conftest.read_in_process

SPREADSHEETS = {".xlsx", ".xls", ".ods", ".csv", ".txt"}
SAMPLES = sorted((ROOT / "sample_data").iterdir()) + sorted(
    p for p in DATA.iterdir() if p.suffix in SPREADSHEETS
)
# the messy exports too: the modules marked ``in_process`` rely on this equality
EVERY_FILE = SAMPLES + sorted(
    p for p in (DATA / "real_world").iterdir() if p.suffix in SPREADSHEETS
)


def _aborts(*_: Any) -> NoReturn:
    os.abort()


def _segfaults(*_: Any) -> NoReturn:
    os.kill(os.getpid(), signal.SIGSEGV)
    time.sleep(10)
    raise AssertionError("not reached")


def _allocates_without_bound(*_: Any) -> NoReturn:
    hoard = []
    while True:
        hoard.append(bytearray(64 * 1024 * 1024))


def _rust_allocation_failure(*_: Any) -> NoReturn:
    """As calamine does on a corrupted .xls: the allocator's message, a backtrace, abort."""
    os.write(2, b"memory allocation of 2147483648 bytes failed\nstack backtrace:\n")
    for frame in range(400):
        os.write(2, f"  {frame}: std::alloc::rust_oom\n             at ./src/alloc.rs\n".encode())
    os.abort()


def _hangs(*_: Any) -> NoReturn:
    time.sleep(60)
    raise AssertionError("not reached")


def _internal_bug(*_: Any) -> NoReturn:
    raise KeyError("a bug in ordis")


@pytest.fixture
def good(tmp_path: Path) -> Path:
    path = tmp_path / "besoins.csv"
    path.write_bytes((ROOT / "sample_data" / "besoins_erreurs.csv").read_bytes())
    return path


# short limits, so that a test takes a second: 256 MB more than the parent maps, 1 s
SHORT = contained.Containment(extra_bytes=256 * 1024 * 1024, base_seconds=1.0, seconds_per_mb=0.0)
# the same, with time to fill 256 MB on a loaded machine: a verdict of memory, not of time
ROOMY = contained.Containment(extra_bytes=256 * 1024 * 1024, base_seconds=20.0, seconds_per_mb=0.0)


def _limits_for(code: str) -> contained.Containment:
    return SHORT if code == "parser-timeout" else ROOMY


def _with_fake_parser(monkeypatch: pytest.MonkeyPatch, fake: Any) -> None:
    real = service.open_table

    def open_table(path: Path, *args: Any) -> Any:
        if Path(path).name.startswith("hostile"):
            return fake(path, *args)
        return real(path, *args)

    monkeypatch.setattr(service, "open_table", open_table)


@pytest.mark.parametrize(
    ("fake", "code", "detail"),
    [
        (_aborts, "parser-crashed", "SIGABRT"),
        (_segfaults, "parser-crashed", "SIGSEGV"),
        (_allocates_without_bound, "parser-memory", "256 Mo"),
        (_rust_allocation_failure, "parser-memory", "256 Mo"),
        (_hangs, "parser-timeout", "en 1 seconde."),
    ],
)
def test_a_failing_parser_makes_the_file_unreadable_not_ordis(
    monkeypatch: pytest.MonkeyPatch,
    tmp_path: Path,
    good: Path,
    fake: Any,
    code: str,
    detail: str,
) -> None:
    _with_fake_parser(monkeypatch, fake)
    monkeypatch.setattr(contained, "DEFAULT", _limits_for(code))
    hostile = tmp_path / "hostile.xlsx"
    hostile.write_bytes(b"whatever")
    limit_before = resource.getrlimit(resource.RLIMIT_AS)
    started = time.monotonic()
    report = validate_files([hostile, good], ValidationOptions())
    assert time.monotonic() - started < 20
    broken, fine = report.files
    assert not broken.readable and [p.code for p in broken.issues] == [code]
    assert detail in broken.issues[0].message.replace("\u202f", " ")
    # the parent went on with the next file and is as it was
    assert fine.readable and fine.kind is Kind.NEEDS and fine.rows > 300
    assert resource.getrlimit(resource.RLIMIT_AS) == limit_before

    if code != "parser-timeout":  # a hang waits its whole second: the others show the French
        result = invoke("validate", hostile, good)
        assert result.exit_code == 2
        assert "Fichier illisible" in result.stdout + result.stderr
    english = invoke("validate", hostile, "--lang", "en", "--format", "json")
    assert english.exit_code == 2
    (issue,) = json.loads(english.stdout)["files"][0]["issues"]
    assert issue["code"] == code and issue["message"].startswith("Unreadable file")
    if code == "parser-timeout":  # one second, in the singular in both languages
        assert "within 1 second." in issue["message"]


def test_an_internal_error_in_the_child_stays_an_internal_error(
    monkeypatch: pytest.MonkeyPatch,
    tmp_path: Path,
) -> None:
    _with_fake_parser(monkeypatch, _internal_bug)
    hostile = tmp_path / "hostile.csv"
    hostile.write_text("a;b\n")
    with pytest.raises(KeyError) as raised:
        validate_files([hostile], ValidationOptions())
    assert any("contained child" in note for note in raised.value.__notes__)
    result = invoke("validate", hostile)
    assert result.exit_code == 3 and "KeyError" in result.stdout + result.stderr
    assert "Traceback" not in result.stdout + result.stderr


def test_memory_error_in_process_is_parser_memory_too(
    monkeypatch: pytest.MonkeyPatch,
    tmp_path: Path,
) -> None:
    def exhausted(*_: Any) -> NoReturn:
        raise MemoryError

    _with_fake_parser(monkeypatch, exhausted)
    monkeypatch.setenv(contained.SWITCH, "0")
    hostile = tmp_path / "hostile.csv"
    hostile.write_text("a;b\n")
    report = validate_files([hostile], ValidationOptions(lang="en"))
    assert [p.code for p in report.files[0].issues] == ["parser-memory"]
    assert "1,024 MB" in report.files[0].issues[0].message


def _as_json(paths: list[Path], **options: Any) -> list[dict[str, Any]]:
    report = validate_files(paths, ValidationOptions(**options))
    return [json.loads(f.model_dump_json()) for f in report.files]


@pytest.mark.parametrize("lang", ["fr", "en"])
def test_results_are_the_same_contained_or_not(
    monkeypatch: pytest.MonkeyPatch,
    lang: str,
) -> None:
    assert contained.available()
    inside = _as_json(EVERY_FILE, lang=lang)
    monkeypatch.setenv(contained.SWITCH, "0")
    assert not contained.available()
    assert _as_json(EVERY_FILE, lang=lang) == inside
    assert any(f["issues"] for f in inside) and len(inside) == len(EVERY_FILE)


def test_kept_data_and_cross_file_rules_come_back(monkeypatch: pytest.MonkeyPatch) -> None:
    files: list[tuple[Path, Kind | None]] = [
        (ROOT / "sample_data" / "besoins.xlsx", Kind.NEEDS),
        (ROOT / "sample_data" / "dons_erreurs.csv", Kind.DONATIONS),
        (ROOT / "sample_data" / "partenaires.xlsx", Kind.PARTNERS),
    ]
    options = ValidationOptions(keep_data=True)
    report, validators = validate_inputs(files, options)
    monkeypatch.setenv(contained.SWITCH, "0")
    report_here, validators_here = validate_inputs(files, options)
    assert report.model_dump() == report_here.model_dump()
    assert "unknown-partner" in {p.code for p in report.files[1].issues}
    for travelled, here in zip(validators, validators_here, strict=True):
        assert travelled is not None and here is not None
        assert travelled.kept == here.kept and travelled.kept


def test_progress_is_reported_from_the_child(good: Path) -> None:
    seen: list[tuple[str, int]] = []
    validate_files(
        [good], ValidationOptions(block_rows=100), lambda path, rows: seen.append((path, rows))
    )
    assert seen and seen[-1][0] == str(good) and seen[-1][1] > 300
    assert [rows for _, rows in seen] == sorted(rows for _, rows in seen)


def test_deadline_grows_with_the_file() -> None:
    limits = contained.Containment()
    assert limits.seconds_for(0) == 120.0
    assert limits.seconds_for(200 * 1024 * 1024) == 320.0


def _counting_forks(monkeypatch: pytest.MonkeyPatch) -> list[int]:
    forks: list[int] = []
    real = os.fork

    def fork() -> int:
        pid = real()
        if pid:
            forks.append(pid)
        return pid

    monkeypatch.setattr(os, "fork", fork)
    return forks


def test_one_child_reads_every_file_when_none_fails(
    monkeypatch: pytest.MonkeyPatch, tmp_path: Path, good: Path
) -> None:
    forks = _counting_forks(monkeypatch)
    copies = []
    for number in range(4):
        copy = tmp_path / f"besoins-{number}.csv"
        copy.write_bytes(good.read_bytes())
        copies.append(copy)
    report = validate_files(copies, ValidationOptions())
    assert len(forks) == 1
    assert [f.rows for f in report.files] == [report.files[0].rows] * 4 and report.files[0].rows


@pytest.mark.parametrize(
    ("fake", "code", "children"),
    [
        # the child dies on the second file: it is tried again first in a fresh child,
        # dies again (its verdict), and a third child reads the last file
        (_aborts, "parser-crashed", 3),
        (_allocates_without_bound, "parser-memory", 3),
        # a hang is the file's own: no second try, the next child reads the last file
        (_hangs, "parser-timeout", 2),
    ],
)
def test_a_failing_file_among_others_gets_its_own_verdict(
    monkeypatch: pytest.MonkeyPatch,
    tmp_path: Path,
    good: Path,
    fake: Any,
    code: str,
    children: int,
) -> None:
    _with_fake_parser(monkeypatch, fake)
    monkeypatch.setattr(contained, "DEFAULT", _limits_for(code))
    forks = _counting_forks(monkeypatch)
    hostile = tmp_path / "hostile.xlsx"
    hostile.write_bytes(b"whatever")
    after = tmp_path / "apres.csv"
    after.write_bytes(good.read_bytes())
    report = validate_files([good, hostile, after], ValidationOptions())
    before, broken, last = report.files
    assert [p.code for p in broken.issues] == [code] and not broken.readable
    assert before.readable and last.readable and before.rows == last.rows > 300
    assert len(forks) == children


def test_a_dry_run_and_an_import_are_the_same_contained_or_not(
    monkeypatch: pytest.MonkeyPatch, sample_run: Path, tmp_path: Path
) -> None:
    """What the command tests, reading in their own process (``conftest.read_in_process``),
    rely on: the plan of the sample data and the import of a partner's returned workbook
    come out the same from a contained child."""

    def both() -> tuple[dict[str, Any], dict[str, Any]]:
        folder = tmp_path / str(contained.available())
        shutil.copytree(sample_run, folder)
        plan = ordis_cli.run_allocation(
            sample_allocate_request(tmp_path / f"{folder.name}.db", dry_run=True)
        )
        returned = fill(folder, "retour.xlsx", {"livre_le@2": dt.datetime(2020, 4, 24)})
        done = ordis_cli.import_deliveries(
            [returned], folder / "ordis.db", "fr", today=dt.date(2020, 5, 1)
        )
        recorded = json.loads(done.model_dump_json().replace(str(folder), "<dossier>"))
        return json.loads(plan.model_dump_json()), recorded

    inside = both()
    monkeypatch.setattr(contained, "available", lambda: False)
    assert both() == inside
    assert inside[0]["summary"]["shipments"] > 300 and inside[1]["files"][0]["new"] == 1
