"""``ordis demo``: the whole cycle on the bundled sample data, into a fresh folder, with its
tour; and the library function behind it."""

from __future__ import annotations

from pathlib import Path

from .conftest import invoke


def test_demo_writes_the_whole_cycle(demo: Path) -> None:
    for name in (
        "donnees/besoins.xlsx",
        "ordis.db",
        "envois/allocation.xlsx",
        "rapport/rapport.md",
        "rapport/communique.md",
        "rapport/rapport.html",
        "rapport/rapport.xlsx",
        "rapport/rapport.json",
    ):
        assert (demo / name).exists(), name
    returns = sorted((demo / "retours").iterdir())
    assert returns and all(p.name.startswith("expeditions_") for p in returns)


def test_demo_command_prints_the_tour(demo_printed: tuple[Path, str]) -> None:
    folder, printed = demo_printed  # the session's ``ordis demo --out folder``
    text = " ".join(printed.split())
    assert "ordinateurs livrés" in text and "ordis deliveries import" in text
    assert "rapport.html" in text
    before = sorted(p for p in folder.rglob("*"))
    again = invoke("demo", "--out", folder)
    assert again.exit_code == 2 and "dossier neuf" in " ".join(again.output.split())
    assert sorted(p for p in folder.rglob("*")) == before


def test_the_library_function_in_english(tmp_path: Path) -> None:
    import ordis_cli

    done = ordis_cli.run_demo(str(tmp_path / "demo"), "en")  # a path as text, as from a notebook
    assert Path(done.out) == tmp_path / "demo"
    assert "computers delivered" in done.headline and "livrés" not in done.headline
    assert all(Path(done.out, stop.path).exists() for stop in done.stops if stop.path)
