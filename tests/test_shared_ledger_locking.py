"""Two coordinators at once on a PostgreSQL ledger (issue 13, SPEC §7): every writing
transaction takes the ledger's advisory lock, so four ``ordis allocate`` processes started
together never allocate a unit twice (the second waits, then sees the first one's run), a
writer that waits too long says the ledger is busy, and readers never wait."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from .conftest import allocate_arguments, invoke, ledger_rows
from .pg_server import PASSWORD
from .processes import ForkedOrdis


@pytest.mark.contained  # each process reads its files as ordis does, in a contained child
def test_four_coordinators_allocating_at_once(postgres_url: str, tmp_path: Path) -> None:
    """Four ``ordis allocate`` processes on one new PostgreSQL ledger at once: the ledger is
    made once, each run waits for the one before, sees it, and allocates nothing new."""
    processes = [
        ForkedOrdis(*allocate_arguments(postgres_url, "--format", "json", "--out", out))
        for out in (str(tmp_path / f"out{n}") for n in range(4))
    ]
    finished = [p.wait() for p in processes]
    outputs = [(f.stdout, f.stderr) for f in finished]
    assert [f.returncode for f in finished] == [0, 0, 0, 0], outputs
    results = sorted((json.loads(out) for out, _ in outputs), key=lambda r: r["run"])
    assert [r["run"] for r in results] == [1, 2, 3, 4]
    assert results[0]["shipments"] > 0
    assert [r["shipments"] for r in results[1:]] == [0, 0, 0]
    over = ledger_rows(
        postgres_url,
        "SELECT l.id FROM lots l JOIN (SELECT lot_id, SUM(quantity) AS used FROM shipments"
        " GROUP BY lot_id) s ON s.lot_id = l.id WHERE s.used > l.quantity",
    )
    assert over == []
    [(total,)] = ledger_rows(postgres_url, "SELECT SUM(quantity) FROM shipments")
    [(supply,)] = ledger_rows(postgres_url, "SELECT SUM(quantity) FROM lots")
    assert total == sum(results[0]["allocated"].values()) <= supply
    for _, errors in outputs:
        assert PASSWORD not in errors


def test_a_writer_waits_for_the_lock_then_says_busy(
    pg_run: tuple[Path, str], monkeypatch: pytest.MonkeyPatch
) -> None:
    """Another writer holds the ledger's lock: a command that writes waits (here 0.3 s instead
    of two minutes), then says the ledger is busy, nothing changed; reading never waits."""
    import psycopg

    from ordis_cli.ledger import postgres

    _, url = pg_run
    monkeypatch.setattr(postgres, "LOCK_TIMEOUT", "300ms")
    with psycopg.connect(url, autocommit=True) as other:
        other.execute(f"SELECT pg_advisory_lock({postgres.LOCK_KEY})")
        busy = invoke("runs", "cancel", "1", "--yes", "--ledger", url)
        assert busy.exit_code == 2 and "registre occupé" in busy.output
        assert invoke("runs", "list", "--ledger", url).exit_code == 0
    assert ledger_rows(url, "SELECT status FROM runs") == [("active",)]
