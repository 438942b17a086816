"""``ordis demo``: the whole cycle on the bundled sample data, into a fresh folder, with its
tour; and the library function behind it."""

from __future__ import annotations

from pathlib import Path

from .conftest import invoke, rows, sheets


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
    from ordis_cli.dispatch.columns import PARTNER

    done = ordis_cli.run_demo(str(tmp_path / "demo"), "en")  # a path as text, as from a notebook
    assert Path(done.out) == tmp_path / "demo"
    assert "computers delivered" in done.headline and "livrés" not in done.headline
    assert all(Path(done.out, stop.path).exists() for stop in done.stops if stop.path)
    comment = PARTNER.index("commentaire")
    comments = {  # the partners' comments too (they were French in the English demo)
        line[comment]
        for path in (tmp_path / "demo" / "retours").iterdir()
        for line in rows(path, "shipments")[1:]
        if line[comment]
    }
    assert comments == {"one device arrived damaged, sent back to the donor"}


def test_a_partners_return_changes_only_what_it_typed_in(demo: Path) -> None:
    """The demo's returns (``fictional/returns.py``): each is its dispatch workbook with
    dates, quantities and comments typed into the columns a partner fills in, and nothing
    else changed, member for member and cell for cell."""
    import zipfile

    from ordis_cli.dispatch.columns import PARTNER

    fill_from = PARTNER.index("livre_le")
    typed = 0
    for returned in sorted((demo / "retours").iterdir()):
        sent = demo / "envois" / returned.name
        with zipfile.ZipFile(sent) as before, zipfile.ZipFile(returned) as after:
            assert before.namelist() == after.namelist()
            changed = [n for n in before.namelist() if before.read(n) != after.read(n)]
            assert changed in ([], ["xl/worksheets/sheet2.xml"]), changed
        old, new = sheets(sent), sheets(returned)
        assert list(old) == list(new) == ["a_lire", "expeditions"]
        assert old["a_lire"] == new["a_lire"]
        for was, now in zip(old["expeditions"], new["expeditions"], strict=True):
            assert was[:fill_from] == now[:fill_from]
            typed += sum(v is not None for v in now[fill_from:])
    assert typed > 500
