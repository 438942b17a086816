"""Results of a contained child handed over as they arrive (``run_contained_many(on_done=)``):
the parent works on one file while the child reads the next, the parent's time away never
counts against the child, and a failure of the parent's own work stops the child."""

from __future__ import annotations

import os
import time
from pathlib import Path
from typing import Any

import pytest

from ordis_cli.errors import ReadingError
from ordis_cli.reading import contained, contained_watch

pytestmark = [
    pytest.mark.skipif(not contained.available(), reason="contained reading: Linux"),
    pytest.mark.contained,  # see conftest.read_in_process
]

# one second a file: a parent away longer than that must not make the child's file late
BRIEF = contained.Containment(extra_bytes=256 * 1024 * 1024, base_seconds=1.0, seconds_per_mb=0)


def _waits_for(marker: Path, seconds: float) -> contained.Work[str]:
    """A work that answers whether ``marker`` appeared within ``seconds`` (the child sees
    the files the parent writes)."""

    def work(_: Any) -> str:
        until = time.monotonic() + seconds
        while time.monotonic() < until:
            if marker.exists():
                return "seen"
            time.sleep(0.01)
        return "never"

    return work


def test_the_parent_works_on_a_result_while_the_child_reads_the_next(tmp_path: Path) -> None:
    marker = tmp_path / "recorded"
    given: list[tuple[int, Any]] = []

    def on_done(index: int, result: Any) -> None:
        given.append((index, result))
        if index == 0:
            marker.touch()  # what the second work waits for: only seen if given now

    works = [lambda _: {"file": 0}, _waits_for(marker, 0.8)]
    found = contained.run_contained_many(
        works, ["a", "b"], "fr", containment=BRIEF, on_done=on_done
    )
    assert found == [{"file": 0}, "seen"]
    assert [index for index, _ in given] == [0, 1]
    assert given[0][1] is found[0]  # the very object returned


def test_time_the_parent_spends_is_not_the_childs(tmp_path: Path) -> None:
    def slow_parent(index: int, _: Any) -> None:
        if index == 0:
            time.sleep(1.2)  # longer than a file's whole deadline

    works = [lambda _: "one", lambda _: "two"]
    found = contained.run_contained_many(
        works, ["a", "b"], "fr", containment=BRIEF, on_done=slow_parent
    )
    assert found == ["one", "two"]
    # the rule itself, whatever the messages the parent found waiting when it came back:
    # the deadline of the file the child is on moves by the time the parent was away
    child = contained_watch.Child(0, 0, [0, 0], BRIEF, lambda index, _: time.sleep(0.3))
    child._take(("start", 0), [None, None], None)
    before = child.deadline
    child._take(("done", 0, "one"), [None, None], None)
    assert child.deadline >= before + 0.3


def test_a_failure_of_the_parents_work_stops_the_child_and_is_raised(tmp_path: Path) -> None:
    started = tmp_path / "started"

    def second(_: Any) -> str:
        (tmp_path / "pid").write_text(str(os.getpid()))
        (tmp_path / "pid").rename(started)  # whole when it appears
        time.sleep(30)
        return "late"

    def failing(index: int, _: Any) -> None:
        while not started.exists():  # the child is on the second work
            time.sleep(0.01)
        raise RuntimeError("ledger gone")

    began = time.monotonic()
    with pytest.raises(RuntimeError, match="ledger gone"):
        contained.run_contained_many([lambda _: "first", second], ["a", "b"], "fr", on_done=failing)
    assert time.monotonic() - began < 10  # the child was stopped, not waited for
    child = int(started.read_text())
    with pytest.raises(ProcessLookupError):
        os.kill(child, 0)  # stopped and reaped


def test_a_file_that_fails_is_not_given_and_the_others_are(tmp_path: Path) -> None:
    given: list[int] = []

    def hangs(_: Any) -> str:
        time.sleep(30)
        return "never"

    found = contained.run_contained_many(
        [lambda _: "one", hangs, lambda _: "three"],
        ["a", "b", "c"],
        "fr",
        containment=BRIEF,
        on_done=lambda index, _: given.append(index),
    )
    assert given == [0, 2]
    assert found[0] == "one" and found[2] == "three"
    assert isinstance(found[1], ReadingError) and found[1].code == "parser-timeout"
