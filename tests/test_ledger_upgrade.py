"""``ordis ledger upgrade``: a ledger of format 2 (every ledger written before issue 9) is
copied aside, then brought to format 3 in one transaction; every other command on it says
to run the upgrade; a current ledger is left as it is. SQLite only (the copy aside); the
upgrade of a PostgreSQL ledger, in one transaction, is tested in test_shared_ledger.py."""

from __future__ import annotations

import json
import shutil
import sqlite3
from pathlib import Path

from ordis_cli.ledger.migrations import STEPS
from ordis_cli.ledger.opening import SCHEMA_VERSION

from .conftest import invoke, sha256


def format_2(current: Path, target: Path) -> Path:
    """A copy of ``current`` as ordis wrote ledgers before format 3: without the columns
    format 3 added, marked format 2."""
    shutil.copyfile(current, target)
    db = sqlite3.connect(target, isolation_level=None)
    db.execute("ALTER TABLE shipments DROP COLUMN gap")
    db.execute("ALTER TABLE shipments DROP COLUMN cancelled_at")
    db.execute("UPDATE meta SET value = '2' WHERE key = 'schema'")
    db.close()
    return target


def test_upgrade_from_format_2(sample_run: Path, tmp_path: Path) -> None:
    old = format_2(sample_run / "ordis.db", tmp_path / "ordis.db")
    original = sha256(old)
    for command in (
        ["runs", "list"],
        ["report", "--format", "json"],
        ["shipments", "cancel", "E1-00001"],
    ):
        refused = invoke(*command, "--ledger", old)
        assert refused.exit_code == 2, command
        assert "ordis ledger upgrade" in " ".join(refused.output.split())
    assert sha256(old) == original
    done = invoke("ledger", "upgrade", "--ledger", old)
    assert done.exit_code == 0, done.output
    [backup] = tmp_path.glob("ordis.avant-format-3-*.db")
    assert str(backup.name) in done.output and "format 2 au format 3" in done.output
    with sqlite3.connect(backup) as copy, sqlite3.connect(sample_run / "ordis.db") as source:
        # the copy is the ledger as it was: format 2, the same shipments
        assert copy.execute("SELECT value FROM meta WHERE key = 'schema'").fetchone() == ("2",)
        assert (
            copy.execute("SELECT id, quantity FROM shipments ORDER BY id").fetchall()
            == source.execute("SELECT id, quantity FROM shipments ORDER BY id").fetchall()
        )
    with sqlite3.connect(old) as db:
        assert db.execute("SELECT value FROM meta WHERE key = 'schema'").fetchone() == ("3",)
        columns = {row[1] for row in db.execute("PRAGMA table_info(shipments)")}
        assert {"gap", "cancelled_at"} <= columns
    listed = invoke("runs", "list", "--ledger", old, "--format", "json")
    assert listed.exit_code == 0 and json.loads(listed.stdout)[0]["id"] == 1
    # once current: nothing to do, nothing changed, no second copy
    upgraded = sha256(old)
    again = invoke("ledger", "upgrade", "--ledger", old, "--format", "json")
    assert again.exit_code == 0
    assert json.loads(again.stdout) == {
        "ledger": str(old),
        "found": "3",
        "now": "3",
        "backup": None,
        "upgraded": False,
        "interrupted_write_undone": False,
    }
    assert sha256(old) == upgraded and len(list(tmp_path.glob("ordis.avant-*"))) == 1
    english = invoke("ledger", "upgrade", "--ledger", old, "--lang", "en")
    assert "already in format 3" in english.output


def test_a_backup_never_overwrites(sample_run: Path, tmp_path: Path) -> None:
    old = format_2(sample_run / "ordis.db", tmp_path / "ordis.db")
    first = format_2(sample_run / "ordis.db", tmp_path / "second.db")
    for path in (old, first):
        assert invoke("ledger", "upgrade", "--ledger", path).exit_code == 0
    # a second format-2 ledger of the same name, upgraded within the same second
    again = format_2(sample_run / "ordis.db", tmp_path / "ordis.db.tmp")
    again.replace(old)
    assert invoke("ledger", "upgrade", "--ledger", old).exit_code == 0
    assert len(list(tmp_path.glob("ordis.avant-format-3-*.db"))) == 2


def test_what_is_not_an_upgradable_ledger_is_refused(tmp_path: Path) -> None:
    missing = invoke("ledger", "upgrade", "--ledger", tmp_path / "absent.db")
    assert missing.exit_code == 2 and "registre introuvable" in missing.output
    newer = tmp_path / "newer.db"
    db = sqlite3.connect(newer)
    db.executescript(
        "CREATE TABLE meta (key TEXT PRIMARY KEY, value TEXT NOT NULL);"
        "INSERT INTO meta VALUES ('schema', '9');"
    )
    db.close()
    before = sha256(newer)
    refused = invoke("ledger", "upgrade", "--ledger", newer)
    assert refused.exit_code == 2 and "format 9" in refused.output
    assert sha256(newer) == before and list(tmp_path.iterdir()) == [newer]


def test_migrations_are_one_step_per_format() -> None:
    assert [step.to for step in STEPS] == [str(n) for n in range(3, int(SCHEMA_VERSION) + 1)]


LEDGERS = Path(__file__).parent / "data" / "ledgers"


def test_a_ledger_written_by_the_format_2_code_keeps_its_history(tmp_path: Path) -> None:
    """The fixture was written by ordis itself when ledgers were format 2 (see
    tests/data/ledgers/README.md): once upgraded, runs, shipments, deliveries and the report
    say what that version said — except ``dispatched``, which no longer counts the units a
    line closed short gave back (SPEC §5), and the new ``lost``, zero."""
    expected = json.loads((LEDGERS / "format-2.expected.json").read_text(encoding="utf-8"))
    ledger = tmp_path / "ordis.db"
    shutil.copyfile(LEDGERS / "format-2.db", ledger)
    with sqlite3.connect(ledger) as db:
        before = db.execute(
            "SELECT id, run_id, lot_id, structure_id, device, quantity, shipper, delivered_on,"
            " delivered_quantity, comment FROM shipments ORDER BY id"
        ).fetchall()
    done = invoke("ledger", "upgrade", "--ledger", ledger, "--lang", "en")
    assert done.exit_code == 0, done.output
    [backup] = tmp_path.glob("ordis.before-format-3-*.db")  # in English, its name too
    assert backup.name in " ".join(done.output.split())
    with sqlite3.connect(ledger) as db:
        after = db.execute(
            "SELECT id, run_id, lot_id, structure_id, device, quantity, shipper, delivered_on,"
            " delivered_quantity, comment FROM shipments ORDER BY id"
        ).fetchall()
        given_back = dict(
            db.execute(
                "SELECT device, SUM(quantity - delivered_quantity) FROM shipments "
                "WHERE delivered_on IS NOT NULL AND gap IS NULL GROUP BY device"
            ).fetchall()
        )
    assert after == before and len(after) == 725
    runs = json.loads(invoke("runs", "list", "--ledger", ledger, "--format", "json").stdout)
    assert runs == expected["runs_list"]
    shown = json.loads(invoke("runs", "show", "1", "--ledger", ledger, "--format", "json").stdout)
    assert shown == expected["runs_show_1"]
    report = json.loads(
        invoke(
            "report", "--ledger", ledger, "--as-of", expected["report_as_of"], "--format", "json"
        ).stdout
    )
    old = expected["report"]
    for key in ("as_of", "delivered", "structures_equipped", "coverage", "weekly"):
        assert report[key] == old[key], key
    assert report["financial_eur"] == old["financial_eur"]
    assert report["lost"] == {"portable": 0, "fixe": 0, "tablette": 0, "box_4g": 0}
    for device, units in old["dispatched"].items():
        assert report["dispatched"][device] == units - given_back.get(device, 0)
