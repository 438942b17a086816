"""Press texts a press officer can publish, in every week of the operation and in both
languages (SPEC §6): the Markdown report, the communiqué and the HTML page at week 0 (nothing
delivered yet), week 1 and a late week, read back from the files ``ordis report`` writes;
rapport.xlsx's key figures as numbers, its charts in reading order on one page each; the HTML
charts' legends, ticks and week labels."""

from __future__ import annotations

import datetime as dt
import re
import zipfile
from pathlib import Path

import openpyxl
import pytest

from ordis_cli.actions.report import write_report
from ordis_cli.allocation.policy import Coordination
from ordis_cli.report import press
from ordis_cli.report.charts import nice_ticks
from ordis_cli.report.figures import PRIVATE_SHIPPER, Details, Figures, RegionFigures, Week
from ordis_cli.territory import regions

from .conftest import invoke
from .once import sheet_names

WEEKS = {"week0": "2020-04-21", "week1": "2020-04-25", "late": "2020-05-15"}
FILES = ("rapport.md", "communique.md", "rapport.html")
# what a published text must never say, in any week or language
NEVER = [
    "0 équipements livrés",
    "0 équipement livré aux",
    "0 devices delivered",
    "0 structures ont",
    "0 structures",
    "1 particuliers",
    "1 donateurs",
    "1 lignes",
    "1 structures",
    "1 équipements",
    "1 homes",
    "1 devices",
    "collectivite",
    "reconditionneur ",
    "(opérateur) (",
    "None",
    "nan",
    "{{",
    "}}",
    "{%",
    " 0 particulier",
]


def _forbidden(text: str) -> list[str]:
    """The phrases of ``NEVER`` in ``text``: a number stands alone ("10 structures" is not
    "0 structures"), a word too ("financial" holds no "nan")."""
    found = []
    for phrase in NEVER:
        pattern = re.escape(phrase)
        if phrase[0].isdigit():
            pattern = r"(?<![\d\u202f,.])" + pattern
        if phrase[-1].isalpha():
            pattern += r"\b"
        if phrase[0].isalpha():
            pattern = r"\b" + pattern
        if re.search(pattern, text):
            found.append(phrase)
    return found


FRENCH_GROUPING = re.compile(r"\d[\u202f\u00a0 ]\d{3}")
POLICY = (
    '[coordination]\nnom = "Claire Martin"\nemail = "presse@ordis.example"\n'
    'telephone = "01 23 45 67 89"\nville = "Paris"\n'
)


@pytest.fixture(scope="module")
def reports(demo: Path, tmp_path_factory: pytest.TempPathFactory) -> dict[tuple[str, str], Path]:
    """The demo's ledger reported at week 0, week 1 and a late week, in both languages, with
    the policy's [coordination] (city and press contact)."""
    root = tmp_path_factory.mktemp("press")
    policy = root / "politique.toml"
    policy.write_text(POLICY, encoding="utf-8")
    folders = {}
    for week, day in WEEKS.items():
        for lang in ("fr", "en"):
            out = root / f"{week}-{lang}"
            result = invoke(
                "report",
                "--ledger",
                demo / "ordis.db",
                "--as-of",
                day,
                "--out",
                out,
                "--lang",
                lang,
                "--policy",
                policy,
                "--quiet",
            )
            assert result.exit_code == 0, result.output
            folders[week, lang] = out
    return folders


def _visible(path: Path) -> str:
    text = path.read_text(encoding="utf-8")
    if path.suffix == ".html":  # the words a reader sees, not the markup
        text = re.sub(r"<style>.*?</style>", " ", text, flags=re.S)
        text = re.sub(r"<[^>]+>", " ", text).replace("&lt;", "<").replace("&#39;", "'")
    return text.replace("\\", "")


@pytest.mark.parametrize("week", list(WEEKS))
@pytest.mark.parametrize("lang", ["fr", "en"])
def test_no_forbidden_phrase_in_any_week(
    reports: dict[tuple[str, str], Path], week: str, lang: str
) -> None:
    for name in FILES:
        text = _visible(reports[week, lang] / name)
        found = _forbidden(text)
        assert found == [], (week, lang, name, found)
        if lang == "en":
            assert not FRENCH_GROUPING.search(text), (name, FRENCH_GROUPING.search(text))
            assert "\u202f" not in text and " : " not in text.replace("«", "")


def test_week_zero_speaks_of_what_is_on_its_way(reports: dict[tuple[str, str], Path]) -> None:
    french = (reports["week0", "fr"] / "communique.md").read_text(encoding="utf-8")
    english = (reports["week0", "en"] / "communique.md").read_text(encoding="utf-8")
    assert french.startswith("# Plus de 3\u202f000 équipements en route vers les enfants")
    assert english.startswith("# More than 3,000 devices on their way to children in care")
    assert "livrés aux" not in french.splitlines()[0]
    assert "Les premières livraisons sont attendues" in french
    assert "first deliveries are expected" in english
    report = (reports["week0", "fr"] / "rapport.md").read_text(encoding="utf-8")
    assert "**3\u202f012 équipements en route, aucune livraison confirmée" in report
    assert "- **0** structure équipée" in report  # French: 0 takes the singular
    html = _visible(reports["week0", "en"] / "rapport.html")
    assert "devices on their way" in html and "Devices on their way, by region" in html
    assert re.search(r"3,012 +devices on their way", html)  # the key figure before deliveries


def test_late_week_communique_reads_as_a_press_release(
    reports: dict[tuple[str, str], Path],
) -> None:
    french = (reports["late", "fr"] / "communique.md").read_text(encoding="utf-8")
    english = (reports["late", "en"] / "communique.md").read_text(encoding="utf-8")
    assert french.startswith("# Plus de 1\u202f")
    assert "ordinateurs livrés aux enfants de l'Aide sociale à l'enfance" in french
    assert "**Paris, le 15 mai 2020 —**" in french
    assert "**Paris, 15 May 2020 —**" in english
    # régions with their article, partners named with what they delivered, the contact last
    assert "en Île-de-France" in french
    assert re.search(r"Relais Numérique Solidaire \(1\u202f\d{3} équipements\)", french)
    assert re.search(r"Relais Numérique Solidaire \(1,\d{3} devices\)", english)
    assert french.rstrip().endswith(
        "Contact presse : Claire Martin — presse@ordis.example — 01 23 45 67 89"
    )
    assert english.rstrip().endswith(
        "Press contact: Claire Martin — presse@ordis.example — 01 23 45 67 89"
    )
    assert "ainsi que 6 particuliers" in french and "6 private donors" in english
    assert "collectivités locales" in french and "local authorities" in english
    # English written for English readers, not the French sentences word for word
    assert "Since the operation began" not in english and "leads, with" in english
    assert "Depuis le lancement" in french
    # no private shipper, no private donor's name in the partners' paragraph
    partners = next(line for line in french.splitlines() if "partenaires logistiques" in line)
    assert "particulier" not in partners and "Donateurs non nommés" not in partners


def test_week_one_agrees_numbers_and_nouns(reports: dict[tuple[str, str], Path]) -> None:
    french = (reports["week1", "fr"] / "communique.md").read_text(encoding="utf-8")
    assert "560 équipements ont été remis" in french
    assert "supplémentaires sont en cours d'acheminement" in french
    report = (reports["week1", "en"] / "rapport.md").read_text(encoding="utf-8")
    assert "| W17 (20 Apr) |" in report


def test_no_contact_paragraph_without_a_policy(demo: Path, tmp_path: Path) -> None:
    out = tmp_path / "r"
    result = invoke(
        "report", "--ledger", demo / "ordis.db", "--as-of", "2020-05-15", "--out", out, "-f", "md"
    )
    assert result.exit_code == 0
    text = (out / "communique.md").read_text(encoding="utf-8")
    assert "Contact" not in text and "**Le 15 mai 2020 —**" in text
    missing = invoke("report", "--ledger", demo / "ordis.db", "--policy", tmp_path / "no.toml")
    assert missing.exit_code == 2 and "no.toml" in missing.output


def _tiny(delivered: int, private_shipper: bool = True) -> tuple[Figures, Details]:
    """One structure served in La Réunion, one lot from one private donor."""
    units = {"portable": delivered, "fixe": 0, "tablette": 0, "box_4g": 0}
    sent = {"portable": 1, "fixe": 0, "tablette": 0, "box_4g": 0}
    figures = Figures(
        as_of=dt.date(2020, 6, 1),
        delivered=units,
        dispatched=sent,
        structures_equipped="< 3" if delivered else 0,
        coverage=0.5 * delivered,
        by_region={
            "La Réunion": RegionFigures(
                delivered=units, dispatched=sent, structures_equipped="< 3" if delivered else 0
            )
        },
        weekly=[Week(week="2020-W23", delivered=delivered, cumulative=delivered)],
        financial_eur=0,
        lost={"portable": 0, "fixe": 0, "tablette": 0, "box_4g": 0},
    )
    shipper = PRIVATE_SHIPPER if private_shipper else "Transports Réunion"
    details = Details(
        by_partner={shipper: sent},
        partner_progress={shipper: {"delivered": delivered, "pending": 1 - delivered}},
        by_donor_type={"particulier": sent},
        donors=[],
        private_donors=1,
        private_units=1,
        requested={"portable": 2, "fixe": 0, "tablette": 0, "box_4g": 0},
        runs=1,
    )
    return figures, details


@pytest.mark.parametrize("delivered", [0, 1])
@pytest.mark.parametrize("lang", ["fr", "en"])
def test_one_of_everything_is_singular(tmp_path: Path, delivered: int, lang: str) -> None:
    figures, details = _tiny(delivered)
    out = tmp_path / "r"
    write_report(figures, details, out, ("md", "html"), lang, Coordination())  # type: ignore[arg-type]
    for name in FILES:
        text = _visible(out / name)
        assert _forbidden(text) == [], (name, text)
    press_text = (out / "communique.md").read_text(encoding="utf-8")
    if lang == "fr":
        assert "1 particulier" in press_text and "Contact" not in press_text
        first = "# 1 ordinateur livré aux" if delivered else "# 1 équipement en route vers"
        assert press_text.startswith(first)
        assert ("à La Réunion" in press_text) and "Donateurs non nommés" not in press_text
        if delivered:
            assert "Au total, moins de 3 structures ont déjà reçu du matériel" in press_text
        assert "- 1 donateur particulier : 1 équipement" in (out / "rapport.md").read_text()
    else:
        first = "# 1 computer delivered to" if delivered else "# 1 device on its way to"
        assert press_text.startswith(first) and "1 private donor" in press_text
        if delivered:
            assert "So far, fewer than 3 homes have received equipment" in press_text


def test_region_articles_cover_the_eighteen_regions() -> None:
    names = {region.name for region in regions().values()}
    assert names == set(press.REGION_IN_FR)
    assert press.in_region("Île-de-France", "fr") == "en Île-de-France"
    assert press.in_region("Hauts-de-France", "fr") == "dans les Hauts-de-France"
    assert press.in_region("Grand Est", "fr") == "dans le Grand Est"
    assert press.in_region("La Réunion", "fr") == "à La Réunion"
    assert press.in_region("Mayotte", "fr") == "à Mayotte"
    assert press.in_region("Provence-Alpes-Côte d'Azur", "fr") == "en Provence-Alpes-Côte d'Azur"
    assert press.in_region("Bretagne", "en") == "in Bretagne"
    assert press.dateline(dt.date(2020, 5, 1), "Lyon", "fr") == "Lyon, le 1er mai 2020 —"
    assert press.dateline(dt.date(2020, 5, 15), "Paris", "en") == "Paris, 15 May 2020 —"


def test_workbook_key_figures_are_numbers(reports: dict[tuple[str, str], Path]) -> None:
    path = reports["late", "fr"] / "rapport.xlsx"
    book = openpyxl.load_workbook(path)
    sheet = book["chiffres"]
    facts = {row[0].value: row[1] for row in sheet.iter_rows(min_row=12) if row[0].value}
    assert facts["Équipements livrés"].value == 2278
    assert isinstance(facts["Structures équipées"].value, int)
    coverage = facts["Des besoins couverts"]
    assert 0 < coverage.value < 1 and coverage.number_format == "0 %"
    money = facts["De dons financiers"]
    assert isinstance(money.value, float) and "€" in money.number_format
    regions_sheet = book["regions"]
    assert all(
        isinstance(row[1].value, int) and isinstance(row[2].value, int)
        for row in regions_sheet.iter_rows(min_row=2)
    )
    assert [c.value for c in book["semaines"]["A"][1:3]] == ["S17 (20/04)", "S18 (27/04)"]
    with zipfile.ZipFile(path) as archive:
        charts = {n: archive.read(n).decode() for n in archive.namelist() if "charts/chart" in n}
        sheets = [archive.read(f"xl/worksheets/sheet{i}.xml").decode() for i in (1, 2, 3)]
    bar = next(text for text in charts.values() if '<c:barDir val="bar"/>' in text)
    assert '<c:orientation val="maxMin"/>' in bar  # the first région on top, as in the table
    for xml in sheets:  # each chart sheet prints on one page
        assert '<pageSetUpPr fitToPage="1"/>' in xml
        assert 'orientation="landscape"' in xml and 'fitToHeight="0"' not in xml


def test_the_english_workbook_has_english_sheets_and_its_charts_read_them(
    reports: dict[tuple[str, str], Path],
) -> None:
    """The sheets of rapport.xlsx were French whatever the language."""
    path = reports["late", "en"] / "rapport.xlsx"
    assert sheet_names(path) == ["figures", "regions", "weeks", "partners", "donors"]
    assert sheet_names(reports["late", "fr"] / "rapport.xlsx") == [
        "chiffres",
        "regions",
        "semaines",
        "partenaires",
        "donateurs",
    ]
    with zipfile.ZipFile(path) as archive:
        charts = [archive.read(n).decode() for n in archive.namelist() if "charts/chart" in n]
    assert charts and all("chiffres" not in c and "semaines" not in c for c in charts)
    assert any("figures!$A$5" in c for c in charts) and any("weeks!$A$2" in c for c in charts)


def test_private_donors_row_counts_their_units(reports: dict[tuple[str, str], Path]) -> None:
    book = openpyxl.load_workbook(reports["late", "fr"] / "rapport.xlsx")
    last = list(book["donateurs"].iter_rows(values_only=True))[-1]
    assert last[0] == "6 donateurs particuliers" and isinstance(last[1], int) and last[1] > 0
    report = (reports["late", "fr"] / "rapport.md").read_text(encoding="utf-8")
    assert f"- 6 donateurs particuliers : {last[1]} équipements" in report
    assert "- Horizon Mobile (opérateur) : " in report


def test_html_charts_legends_ticks_and_weeks(reports: dict[tuple[str, str], Path]) -> None:
    html = (reports["late", "fr"] / "rapport.html").read_text(encoding="utf-8")
    swatches = re.findall(r'<rect class="swatch"[^>]*fill="(#[0-9a-f]{6})"', html)
    assert swatches and "#6b7280" not in swatches and len(set(swatches)) == 4
    ticks = re.findall(
        r'text-anchor="end" font-size="11" fill="#6b7280" font-weight="normal">([\d\u202f]+)<', html
    )
    values = [int(t.replace("\u202f", "")) for t in ticks]
    assert values == [0, 500, 1000, 1500, 2000, 2500]
    assert ">S17<" in html and ">20/04<" in html and ">S20<" in html and ">11/05<" in html
    assert nice_ticks(1983) == [0, 500, 1000, 1500, 2000]
    assert nice_ticks(2500) == [0, 500, 1000, 1500, 2000, 2500]
    assert all(
        str(step)[0] in "125" and set(str(step)[1:]) <= {"0"}
        for top in (7, 38, 120, 999, 4321, 76_543)
        for step in [nice_ticks(top)[1]]
    )
