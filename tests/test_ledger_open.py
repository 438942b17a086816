"""Opening the ledger (SPEC §1, §5; issue 7, item 8): read-only commands open it read-only and
never create or change anything; what is not a usable ledger (empty, not SQLite, another
program's database, another format, a missing table or column, damaged pages, values a hand
edit made impossible) is refused untouched by every command with exit 2 and a message saying
what is wrong; every ledger has an identity. Every ledger here is built or broken in code.

SQLite only (file modes, read-only folders, ``mode=ro``, SQLite's pages and hand edits of its
untyped columns); the PostgreSQL ledger's opening — read-only sessions, no ledger in an empty
database, an unusable server — is tested in test_shared_ledger.py."""

from __future__ import annotations

import json
import os
import sqlite3
import stat
import uuid
from collections.abc import Callable, Iterator
from contextlib import closing
from pathlib import Path
from typing import Any

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from ordis_cli.actions.runs import list_runs
from ordis_cli.ledger import Ledger, LedgerError, opening
from ordis_cli.ledger.checks import first_bad_value

from .commands import allocate_files, one_need_one_lot
from .conftest import invoke, sha256
from .depth import examples

DATE = "2020-04-20"


def build_ledger(path: Path) -> Path:
    """A small ledger as ``allocate`` leaves it: one run, three shipments (one delivered),
    the needs and the lots."""
    with Ledger(path, "create") as ledger, ledger.transaction() as db:
        db.execute(
            "INSERT INTO runs (created_at, run_date, policy, version, out_dir, "
            "shipments, units) VALUES ('2020-04-20T08:00:00+00:00', ?, '{}', '1', "
            "'envois', 3, 6)",
            (DATE,),
        )
        db.executemany(
            "INSERT INTO shipments (id, run_id, lot_id, structure_id, departement, donor, "
            "donor_type, device, counted_as, quantity, shipper, round, distance_km, "
            "delivered_on, delivered_quantity) VALUES (?, 1, ?, ?, ?, 'Nexora', 'entreprise', "
            "?, ?, ?, 'Emmaüs Connect', '1', 12.5, ?, ?)",
            [
                ("E1-00001", "D1", "S1", "69", "portable", "portable", 2, "2020-04-22", 2),
                ("E1-00002", "D1", "S2", "13", "portable", "portable", 2, None, None),
                ("E1-00003", "D2", "S2", "13", "tablette", "tablette", 2, None, None),
            ],
        )
        db.executemany(
            "INSERT INTO needs VALUES (?, ?, 'MECS', '1', 1, '2020-04-01', 12, ?, 0, ?, 0, 1)",
            [("S1", "69", 2, 0), ("S2", "13", 3, 2)],
        )
        db.executemany(
            "INSERT INTO lots VALUES (?, 'Nexora', 'entreprise', ?, ?, '69', NULL, NULL, NULL, 1)",
            [("D1", "portable", 10), ("D2", "tablette", 4)],
        )
    return path


def every_command(folder: Path) -> dict[str, list[str | Path]]:
    """Each command that opens the ledger, with the arguments it needs besides --ledger."""
    needs, donations = one_need_one_lot(folder)
    return {
        "allocate": [
            "allocate",
            "--needs",
            needs,
            "--donations",
            donations,
            "--out",
            folder / "envois",
            "--date",
            DATE,
        ],
        "deliveries import": ["deliveries", "import", needs],
        "runs list": ["runs", "list"],
        "runs show": ["runs", "show", "1"],
        "runs cancel": ["runs", "cancel", "1"],
        "report": ["report", "--as-of", DATE, "--out", folder / "rapport"],
    }


def listing(folder: Path) -> dict[str, str]:
    return {p.name: sha256(p) for p in folder.iterdir() if p.is_file()}


def one_line(text: str) -> str:
    return " ".join(text.split())


def refused_untouched(ledger: Path, expected: str, lang: str = "fr") -> None:
    """Every command refuses ``ledger`` with exit 2 and ``expected`` in its message, and
    leaves the ledger's folder byte for byte as it was."""
    folder = ledger.parent
    commands = every_command(folder)
    before = listing(folder)
    for name, arguments in commands.items():
        result = invoke(*arguments, "--ledger", ledger, "--lang", lang)
        assert result.exit_code == 2, (name, result.output)
        assert expected in one_line(result.output), (name, result.output)
        assert str(ledger) in one_line(result.output), name
        assert "Traceback" not in result.output
        assert listing(folder) == before, name
    assert not (folder / "envois").exists() and not (folder / "rapport").exists()


# --- files that are not ledgers -----------------------------------------------------------


def test_empty_file_is_refused_and_left_empty(tmp_path: Path) -> None:
    ledger = tmp_path / "ordis.db"
    ledger.write_bytes(b"")
    refused_untouched(ledger, "fichier vide (0 octet)")
    refused_untouched(ledger, "empty file (0 bytes)", lang="en")
    assert ledger.read_bytes() == b""


def test_file_that_is_not_sqlite_is_refused(tmp_path: Path) -> None:
    ledger = tmp_path / "ordis.db"
    ledger.write_text("id_structure;nom\nS1;MECS\n", encoding="utf-8")
    refused_untouched(ledger, "n'est pas une base SQLite")


@pytest.mark.parametrize(
    ("name", "table", "row"),
    [
        ("contacts.sqlite", "people (name TEXT, phone TEXT)", "people VALUES ('Ana', '06')"),
        # a table named as ordis' own does not make a file a ledger
        ("other.db", "meta (key TEXT PRIMARY KEY, value TEXT)", "meta VALUES ('owner', 'x')"),
    ],
)
def test_a_sqlite_file_of_another_program_is_refused_untouched(
    tmp_path: Path, name: str, table: str, row: str
) -> None:
    ledger = tmp_path / name
    with closing(sqlite3.connect(ledger)) as db, db:
        db.execute(f"CREATE TABLE {table}")
        db.execute(f"INSERT INTO {row}")
    refused_untouched(ledger, "n'est pas un registre ordis")
    refused_untouched(ledger, "is not an ordis ledger", lang="en")
    with closing(sqlite3.connect(ledger)) as db:
        tables = [r[0] for r in db.execute("SELECT name FROM sqlite_master WHERE type='table'")]
    assert tables == [table.split()[0]]  # no ordis table added


def test_a_folder_given_as_ledger(tmp_path: Path) -> None:
    result = invoke("runs", "list", "--ledger", tmp_path)
    assert result.exit_code == 2 and "c'est un dossier" in one_line(result.output)


def test_missing_ledger_in_english(tmp_path: Path) -> None:
    result = invoke("runs", "list", "--ledger", tmp_path / "absent.db", "--lang", "en")
    assert result.exit_code == 2 and "ledger not found" in one_line(result.output)
    assert not (tmp_path / "absent.db").exists()


@settings(
    max_examples=examples(30),
    deadline=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture],
)
@given(
    content=st.one_of(
        st.binary(max_size=3000), st.binary(max_size=3000).map(lambda b: opening.SQLITE_HEADER + b)
    )
)
def test_no_bytes_but_a_ledger_open_in_any_mode(tmp_path: Path, content: bytes) -> None:
    """Whatever the bytes, opening refuses with a LedgerError and changes none of them."""
    ledger = tmp_path / f"{uuid.uuid4().hex}.db"
    ledger.write_bytes(content)
    for mode in ("read", "write", "create"):
        with pytest.raises(LedgerError):
            Ledger(ledger, mode)  # type: ignore[arg-type]
        assert ledger.read_bytes() == content


# --- ledgers of another format, incomplete, damaged or edited by hand -------------------


def test_other_format_is_refused(tmp_path: Path) -> None:
    ledger = build_ledger(tmp_path / "ordis.db")
    with sqlite3.connect(ledger) as db:
        db.execute("UPDATE meta SET value = '9' WHERE key = 'schema'")
    db.close()
    refused_untouched(ledger, "registre au format 9, cette version d'ordis lit le format 3")


def _sql(*statements: str) -> Callable[[sqlite3.Connection], None]:
    def edit(db: sqlite3.Connection) -> None:
        db.execute("PRAGMA ignore_check_constraints = ON")
        for statement in statements:
            db.execute(statement)

    return edit


HAND_EDITS: dict[str, tuple[Callable[[sqlite3.Connection], None], list[str]]] = {
    "dropped column": (
        _sql("ALTER TABLE shipments DROP COLUMN comment"),
        ["la colonne « comment » manque dans la table « shipments »"],
    ),
    "renamed table": (_sql("ALTER TABLE runs RENAME TO runs_old"), ["la table « runs » manque"]),
    "scanner": (
        _sql("UPDATE shipments SET device = 'scanner' WHERE id = 'E1-00002'"),
        [
            "table « shipments », ligne E1-00002, colonne « device », valeur « scanner »",
            "portable, fixe, tablette ou box_4g",
        ],
    ),
    "text quantity": (
        _sql("UPDATE shipments SET quantity = 'deux' WHERE id = 'E1-00003'"),
        ["ligne E1-00003, colonne « quantity », valeur « deux »"],
    ),
    "negative quantity": (
        _sql("UPDATE needs SET portable = -4 WHERE structure_id = 'S2'"),
        ["table « needs », ligne S2, colonne « portable », valeur « -4 »"],
    ),
    "unknown status": (
        _sql("UPDATE runs SET status = 'paused'"),
        ["table « runs », ligne 1, colonne « status », valeur « paused »"],
    ),
    "orphan shipment": (
        _sql("UPDATE shipments SET run_id = 7 WHERE id = 'E1-00001'"),
        ["ligne E1-00001, colonne « run_id », valeur « 7 »"],
    ),
    "unknown département": (
        _sql("UPDATE shipments SET departement = '99'"),
        ["colonne « departement », valeur « 99 »"],
    ),
    "date": (
        _sql("UPDATE shipments SET delivered_on = '22/04/2020' WHERE id = 'E1-00001'"),
        ["colonne « delivered_on », valeur « 22/04/2020 »"],
    ),
}


@pytest.mark.parametrize("edit", list(HAND_EDITS))
def test_hand_edited_ledger_is_refused_by_every_command(tmp_path: Path, edit: str) -> None:
    ledger = build_ledger(tmp_path / "ordis.db")
    change, expected = HAND_EDITS[edit]
    with sqlite3.connect(ledger) as db:
        change(db)
    db.close()
    for text in expected:
        refused_untouched(ledger, text)


def test_hand_edit_in_english(tmp_path: Path) -> None:
    ledger = build_ledger(tmp_path / "ordis.db")
    with sqlite3.connect(ledger) as db:
        db.execute("UPDATE shipments SET device = 'scanner' WHERE id = 'E1-00002'")
    db.close()
    result = invoke("runs", "list", "--ledger", ledger, "--lang", "en")
    assert result.exit_code == 2
    assert (
        "table “shipments”, row E1-00002, column “device”, value “scanner”; expected: "
        "portable, fixe, tablette or box_4g"
    ) in one_line(result.output)


def test_damaged_pages_are_refused(tmp_path: Path) -> None:
    ledger = build_ledger(tmp_path / "ordis.db")
    with sqlite3.connect(ledger) as db:
        db.execute("PRAGMA wal_checkpoint(TRUNCATE)")
        page = db.execute(
            "SELECT rootpage FROM sqlite_master WHERE name = 'shipments_by_run'"
        ).fetchone()[0]
        size = db.execute("PRAGMA page_size").fetchone()[0]
    db.close()
    with ledger.open("r+b") as file:
        file.seek((page - 1) * size)
        file.write(b"\x0d\xff\xff\x7f" * (size // 4))
    refused_untouched(ledger, "registre endommagé")


def test_checks_find_nothing_on_a_ledger_ordis_wrote(tmp_path: Path) -> None:
    needs, donations = one_need_one_lot(tmp_path)
    ledger = tmp_path / "ordis.db"
    done = allocate_files(needs, donations, ledger, "--out", tmp_path / "envois", "--date", DATE)
    assert done.exit_code == 0
    with Ledger(ledger, "read") as opened:
        assert first_bad_value(opened.db) is None
    assert list_runs(ledger)[0].units == 2


# --- opening modes ---------------------------------------------------------------------


def test_read_only_commands_change_nothing(tmp_path: Path) -> None:
    ledger = build_ledger(tmp_path / "ordis.db")
    before = sha256(ledger)
    for arguments in (
        ["runs", "list"],
        ["runs", "show", "1"],
        ["report", "--as-of", DATE, "--out", tmp_path / "rapport"],
    ):
        result = invoke(*arguments, "--ledger", ledger)
        assert result.exit_code == 0, result.output
    assert sha256(ledger) == before
    with (
        Ledger(ledger, "read") as opened,
        pytest.raises(sqlite3.OperationalError, match="readonly"),
    ):
        opened.db.execute("CREATE TABLE anything (x)")


@pytest.fixture
def read_only(tmp_path: Path) -> Iterator[Callable[[Path], None]]:
    """chmod paths read-only, and back at the end so that pytest can clean up."""
    changed: list[Path] = []

    def make(path: Path) -> None:
        changed.append(path)
        path.chmod(
            stat.S_IRUSR
            | stat.S_IRGRP
            | stat.S_IROTH
            | (stat.S_IXUSR | stat.S_IXGRP | stat.S_IXOTH if path.is_dir() else 0)
        )

    yield make
    for path in changed:
        path.chmod(0o755 if path.is_dir() else 0o644)


def _reads_back(ledger: Path, out: Path) -> None:
    listed = invoke("runs", "list", "--ledger", ledger, "--format", "json")
    assert listed.exit_code == 0, listed.output
    assert [run["units"] for run in json.loads(listed.stdout)] == [6]
    assert invoke("runs", "show", "1", "--ledger", ledger).exit_code == 0
    report = invoke(
        "report", "--as-of", "2020-04-30", "--out", out, "--format", "json", "--ledger", ledger
    )
    assert report.exit_code == 0, report.output
    assert json.loads(report.stdout)["delivered"]["portable"] == 2


def test_read_only_file_is_readable(tmp_path: Path, read_only: Callable[[Path], None]) -> None:
    ledger = build_ledger(tmp_path / "ordis.db")
    read_only(ledger)
    before = sha256(ledger)
    _reads_back(ledger, tmp_path / "rapport")
    assert sha256(ledger) == before
    if os.geteuid() != 0:  # root writes whatever the mode
        refused = invoke("runs", "cancel", "1", "--ledger", ledger)
        assert refused.exit_code == 2 and "lecture seule" in one_line(refused.output)


def test_wal_ledger_in_a_read_only_folder_is_readable(
    tmp_path: Path, read_only: Callable[[Path], None]
) -> None:
    folder = tmp_path / "partage"
    folder.mkdir()
    ledger = build_ledger(folder / "ordis.db")
    assert not (folder / "ordis.db-wal").exists()  # closed cleanly: all in the file
    read_only(ledger)
    read_only(folder)
    _reads_back(ledger, tmp_path / "rapport")
    assert sorted(p.name for p in folder.iterdir()) == ["ordis.db"]


def test_create_mode_makes_a_ledger_with_an_identity(tmp_path: Path) -> None:
    (tmp_path / "a").mkdir()
    first = Ledger(tmp_path / "a" / "ordis.db", "create")
    second = Ledger(tmp_path / "b.db", "create")
    assert first.identity and second.identity and first.identity != second.identity
    assert uuid.UUID(first.identity).version == 4
    first.close()
    second.close()
    with Ledger(tmp_path / "a" / "ordis.db", "read") as again:
        assert again.identity == first.identity


def _older_ledger(path: Path) -> Path:
    """A format-2 ledger of an earlier ordis: no identity, none of the tables added since."""
    build_ledger(path)
    with sqlite3.connect(path) as db:
        db.execute("DELETE FROM meta WHERE key = 'ledger_id'")
        for table in ("run_outputs", "retired"):
            db.execute(f"DROP TABLE IF EXISTS {table}")
    db.close()
    return path


def test_older_ledger_read_as_it_is_then_completed_on_first_write(tmp_path: Path) -> None:
    ledger = _older_ledger(tmp_path / "ordis.db")
    before = sha256(ledger)
    with Ledger(ledger, "read") as opened:
        assert opened.identity is None
        assert opened.db.execute("SELECT count(*) FROM run_outputs").fetchone()[0] == 0
    _reads_back(ledger, tmp_path / "rapport")
    assert sha256(ledger) == before
    with Ledger(ledger, "write") as opened:
        identity = opened.identity
    assert identity is not None
    with sqlite3.connect(ledger) as db:
        tables = {r[0] for r in db.execute("SELECT name FROM sqlite_master")}
        stored = db.execute("SELECT value FROM meta WHERE key = 'ledger_id'").fetchone()[0]
    db.close()
    assert {"run_outputs", "retired"} <= tables and stored == identity
    with Ledger(ledger, "write") as opened:
        assert opened.identity == identity  # given once, kept


@pytest.mark.parametrize(
    ("where", "said"),
    [
        ("absent/ordis.db", "le dossier {tmp}/absent n'existe pas"),
        ("besoins.csv/ordis.db", "{tmp}/besoins.csv est un fichier, pas un dossier"),
        ("besoins.csv/sous/ordis.db", "{tmp}/besoins.csv est un fichier, pas un dossier"),
    ],
)
def test_a_new_ledger_in_no_folder_says_why(tmp_path: Path, where: str, said: str) -> None:
    """« --ledger besoins.xlsx/x.db » said the folder besoins.xlsx did not exist."""
    needs, donations = one_need_one_lot(tmp_path)
    done = allocate_files(needs, donations, tmp_path / where, "--out", tmp_path / "envois")
    assert done.exit_code == 2
    assert said.format(tmp=tmp_path) in " ".join(done.output.split()), done.output
    assert not (tmp_path / "envois").exists() and needs.is_file()


def test_a_link_to_no_ledger_is_refused_and_makes_nothing(tmp_path: Path) -> None:
    """A ledger that is a link to nothing: SQLite left an empty file where it pointed, and
    the next run called that file an empty ledger."""
    needs, donations = one_need_one_lot(tmp_path)
    (tmp_path / "ordis.db").symlink_to("nowhere.db")
    done = allocate_files(needs, donations, tmp_path / "ordis.db", "--out", tmp_path / "envois")
    assert done.exit_code == 2
    assert "ce lien mène à nowhere.db, qui n'existe pas" in " ".join(done.output.split())
    assert not (tmp_path / "nowhere.db").exists() and not (tmp_path / "envois").exists()


def test_write_mode_needs_an_existing_ledger(tmp_path: Path) -> None:
    with pytest.raises(LedgerError) as caught:
        Ledger(tmp_path / "absent.db", "write", "en")
    assert caught.value.code == "no-ledger" and caught.value.exit_code == 2
    assert not (tmp_path / "absent.db").exists()


def test_busy_ledger_says_another_command_is_writing(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    ledger = build_ledger(tmp_path / "ordis.db")
    monkeypatch.setattr(opening, "BUSY_TIMEOUT_MS", 50)
    holder = sqlite3.connect(ledger, isolation_level=None)
    holder.execute("BEGIN IMMEDIATE")
    try:
        with (
            Ledger(ledger, "write", "en") as opened,
            pytest.raises(LedgerError) as caught,
            opened.transaction(),
        ):
            pass
        assert caught.value.code == "ledger-busy"
        assert "another ordis command is writing" in caught.value.message
        with Ledger(ledger, "read") as reader:  # readers are never blocked
            assert reader.runs()[0].units == 6
    finally:
        holder.execute("ROLLBACK")
        holder.close()


def test_sqlite_failure_inside_a_ledger_block_is_a_ledger_error(tmp_path: Path) -> None:
    ledger = build_ledger(tmp_path / "ordis.db")
    with pytest.raises(LedgerError) as caught, Ledger(ledger, "read", "en") as opened:
        opened.db.execute("DELETE FROM runs")
    assert caught.value.code == "ledger-read-only" and caught.value.path == str(ledger)


def _flip(content: bytes, position: int, value: int) -> bytes:
    return content[:position] + bytes([value]) + content[position + 1 :]


@settings(
    max_examples=examples(20),
    deadline=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture],
)
@given(data=st.data())
def test_a_flipped_byte_is_read_or_refused(tmp_path: Path, data: Any) -> None:
    """A ledger with one byte changed anywhere either reads as before or is refused with a
    LedgerError: never another exception."""
    pristine = tmp_path / "pristine.db"
    if not pristine.exists():
        build_ledger(pristine)
    content = pristine.read_bytes()
    position = data.draw(st.integers(0, len(content) - 1))
    ledger = tmp_path / f"{uuid.uuid4().hex}.db"
    ledger.write_bytes(_flip(content, position, data.draw(st.integers(0, 255))))
    try:
        runs = list_runs(ledger)
    except LedgerError as error:
        assert error.exit_code == 2 and error.path == str(ledger)
    else:
        assert len(runs) <= 1


def _create_and_read_identity(path: str, start: Any, out: Any) -> None:
    start.wait()
    try:
        with Ledger(Path(path), "create") as ledger:
            out.put(ledger.identity)
    except Exception as exc:  # reported to the parent, which fails the test
        out.put(f"error: {exc}")


def test_commands_creating_one_ledger_at_once_share_it(tmp_path: Path) -> None:
    """Two allocations started together on a new ledger: the second once saw a 0-byte file
    (the first one's, half-made) and stopped. A ledger now appears whole or not at all."""
    import multiprocessing

    context = multiprocessing.get_context("fork")
    start, out = context.Barrier(4), context.Queue()
    path = tmp_path / "ordis.db"
    workers = [
        context.Process(target=_create_and_read_identity, args=(str(path), start, out))
        for _ in range(4)
    ]
    for worker in workers:
        worker.start()
    for worker in workers:
        worker.join(60)
    identities = {out.get(timeout=5) for _ in workers}
    assert len(identities) == 1 and not next(iter(identities)).startswith("error")
    assert [p.name for p in tmp_path.iterdir()] == ["ordis.db"]  # no temporary left


def _killed_in_the_middle_of_a_write(ledger: Path) -> None:
    """A process that dies half way through a transaction, after SQLite has written part of
    it into the file (a small cache makes it spill): the journal stays beside the ledger."""
    pid = os.fork()
    if pid == 0:
        try:
            db = sqlite3.connect(ledger, isolation_level=None)
            db.execute("PRAGMA cache_size = 1")
            db.execute("BEGIN IMMEDIATE")
            db.execute("UPDATE shipments SET delivered_on = '2020-05-01', delivered_quantity = 99")
        finally:
            os._exit(0)
    os.waitpid(pid, 0)


def test_a_write_cut_short_is_never_read_as_figures(run_copy: Path) -> None:
    """Attack finding: ``deliveries import`` killed half way left ``ordis.db-journal``; the
    commands that only read opened the file as it was (half of the import in it) and
    printed deliveries nobody recorded, or called the ledger damaged. They now refuse it
    (``ledger-interrupted``, exit 2, nothing touched) and ``ledger upgrade`` undoes the
    write: the figures are those of the last command that finished."""
    ledger = run_copy / "ordis.db"
    before = json.loads(invoke("runs", "list", "--ledger", ledger, "--format", "json").stdout)
    _killed_in_the_middle_of_a_write(ledger)
    journal = run_copy / "ordis.db-journal"
    assert journal.stat().st_size > 0
    files = {p.name: sha256(p) for p in (ledger, journal)}
    for command in (("runs", "list"), ("report", "--format", "json"), ("deliveries", "pending")):
        refused = invoke(*command, "--ledger", ledger)
        assert refused.exit_code == 2, (command, refused.output)
        assert "une écriture du registre a été interrompue" in " ".join(refused.output.split())
        assert "ordis ledger upgrade" in refused.output
    english = invoke("runs", "list", "--ledger", ledger, "--lang", "en")
    assert "a write to the ledger was interrupted" in " ".join(english.output.split())
    assert {p.name: sha256(p) for p in (ledger, journal)} == files
    undone = invoke("ledger", "upgrade", "--ledger", ledger, "--format", "json")
    assert undone.exit_code == 0, undone.output
    assert json.loads(undone.stdout)["interrupted_write_undone"] is True
    assert not journal.exists()
    after = json.loads(invoke("runs", "list", "--ledger", ledger, "--format", "json").stdout)
    assert after == before


def test_a_new_ledger_refused_by_its_folder_is_named_not_its_scratch_file(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """A ledger is made under a hidden temporary name beside it: a folder refusing it named
    that file (« /sys/kernel/.x.db-0sr_q2_5.new : écriture refusée »), not the ledger."""

    def refused(*args: Any, **kwargs: Any) -> Any:
        raise PermissionError(13, "Permission denied", str(tmp_path / ".ordis.db-x.new"))

    needs, donations = one_need_one_lot(tmp_path)
    monkeypatch.setattr("ordis_cli.atomic.tempfile.mkstemp", refused)
    done = allocate_files(needs, donations, tmp_path / "ordis.db", "--out", tmp_path / "o")
    said = " ".join(done.output.split())
    assert done.exit_code == 2 and f"{tmp_path / 'ordis.db'}: impossible d'ouvrir" in said, said
    assert ".new" not in said and "permission refusée" in said
    assert not (tmp_path / "o").exists()
