"""The command line's help in English, keyed by command path ("" is ``ordis`` itself,
"runs list"…) and by option or argument ("allocate --needs", "runs show run"; "* --lang" for
an option every command shares). French is written where each command is declared;
``tests/test_languages.py`` checks every command and option has its English here.
"""

from __future__ import annotations

from typer._click.formatting import HelpFormatter

from .click_french import argument_term, plain_arguments

# Typer names a value by its Python type (``<list[Path]>``); English help names it by what a
# person types, as French help does (``click_french._METAVARS``).
PLAIN_METAVARS = {
    "<list[Path]>": "<paths>",
    "<Path>": "<path>",
    "<list[str]>": "<text>",
    "<str>": "<text>",
    "<int range>": "<number>",
    "<int>": "<number>",
    "<%Y-%m-%d|%d/%m/%Y>": "<date>",  # a date, as 2020-04-20 or 20/04/2020
    "JOURS": "DAYS",  # deliveries pending --older-than
    "SORTIE": "OUT",  # validate --annotate
    # the policy's choices by their English words (policy_words.py: both are taken)
    "<departement|region|national>": "<department|region|national>",
    "<equitable|demande>": "<equitable|demand>",
    "<glouton|optimal>": "<greedy|optimal>",
}


ARGUMENT_WORDS = {"files": "FILES", "run": "RUN", "ids": "SHIPMENT_IDS"}


class EnglishHelpFormatter(HelpFormatter):
    """click's help layout, values named in plain words."""

    def write_usage(self, prog: str, args: str = "", prefix: str | None = None) -> None:
        super().write_usage(prog, plain_arguments(args, ARGUMENT_WORDS), prefix)

    def write_dl(self, rows: object, col_max: int = 30, col_spacing: int = 2) -> None:
        plain = []
        for term, text in rows:  # type: ignore[attr-defined]
            for typed, metavar in PLAIN_METAVARS.items():
                term = term.replace(typed, metavar)
            plain.append((argument_term(term, ARGUMENT_WORDS), text))
        super().write_dl(plain, col_max, col_spacing)


HELP_ENGLISH: dict[str, str] = {
    "": (
        "ordis: the logistics of a computer donation drive to child welfare (Aide sociale à "
        "l'enfance) facilities, on spreadsheets.\n\n"
        "To begin: ordis demo\n\n"
        "Example: ordis validate sample_data/besoins.xlsx sample_data/dons.xlsx "
        "sample_data/partenaires.xlsx"
    ),
    "--version": "Show the version and exit.",
    "* --format": "text (readable table) or json (on stdout, alone).",
    "* --lang": "Language of the messages: fr (default) or en. Also ORDIS_LANG.",
    "* --quiet": "Print the summary only.",
    "* --debug": "Print the full Python traceback on an error.",
    "* --ledger": (
        "Ledger of the runs and deliveries: an SQLite file (allocate creates it when needed) "
        "or postgresql://user@host:port/dbname (a shared ledger)."
    ),
    "validate": (
        "Check files of needs, donations, partners or deliveries.\n\n"
        "Prints every problem (file, sheet, row, cell, value, what is expected) and writes "
        "nothing, except with --annotate.\n\n"
        "Example: ordis validate sample_data/besoins.xlsx sample_data/dons.xlsx\n\n"
        "Exit codes: 0 valid (warnings allowed), 1 errors in the data, 2 unusable file or "
        "wrong command, 3 internal error."
    ),
    "validate files": "Files .xlsx, .xlsm, .xls, .ods, .csv.",
    "validate --kind": "Kind of the files when the header is not enough: needs, donations, "
    "partners, deliveries.",
    "validate --sheet": "Sheet to read (by default, the one whose header fits best; never a "
    "hidden sheet).",
    "validate --strict": "Warnings count as errors.",
    "validate --columns": "Your own headers (a form's questions…) mapped to ordis' columns, "
    "one table per kind: [besoins], [dons], [partenaires], [livraisons] "
    "(or needs, donations, partners, deliveries; see the README).",
    "validate --details": "List every cell of a repeated problem, instead of the first ones "
    "and “(+n)”.",
    "validate --annotate": "Write an annotated copy (highlighted cells, comments, a sheet of "
    "the problems): OUT.xlsx for one file, else a folder.",
    "allocate": (
        "Match lots to facilities, write one workbook per partner and record the run in the "
        "ledger.\n\n"
        "In rounds of growing distance (department, region, country), by priority; every "
        "line says why. A new run only serves what earlier runs have not already covered.\n\n"
        "Example: ordis allocate --needs sample_data/besoins.xlsx --donations "
        "sample_data/dons.xlsx --partners sample_data/partenaires.xlsx --date 2020-04-20\n\n"
        "Exit codes: 0 run done, 1 invalid data, 2 unusable file or wrong command, "
        "3 internal error."
    ),
    "allocate --needs": "File of needs (repeatable: the files make one list).",
    "allocate --donations": "File of donations (repeatable: the files make one list).",
    "allocate --partners": "File of partners (areas, capacities).",
    "allocate --out": "Folder of the workbooks (default: ./dispatch-<date>).",
    "allocate --scope": "Widest scope: department (or departement), region or national (default).",
    "allocate --cap": "At most N units of a type per facility and per run.",
    "allocate --share": "How facilities of one priority share scarce stock: equitable "
    "(default: by number of children, none left with nothing while another gets all) or "
    "demand (or demande: each in turn takes its whole request).",
    "allocate --method": "greedy (or glouton, the default: rounds of widening distance) or "
    "optimal (a solver "
    "gives the most units to urgent, then high, then normal priority, then the fewest "
    "kilometres).",
    "allocate --compare": "Compare greedy+demand, greedy+equitable and optimal side by side "
    "(devices by priority, facilities served, lowest share, device-kilometres, time) without "
    "writing or recording anything.",
    "allocate --substitute": "Substitution in a last round, e.g. desktop=laptop (repeatable).",
    "allocate --date": "Date of the run (default: today); lots available later are left aside. "
    "Written 2020-04-20 or 20/04/2020.",
    "allocate --policy": "TOML file: scope, cap, date, [substitutions], [coordination] "
    "(nom, email, telephone).",
    "allocate --dry-run": "Print the summary without writing or recording anything.",
    "allocate --columns": "Your own headers (a form's questions…) mapped to ordis' columns: "
    "[besoins], [dons], [partenaires] (see the README).",
    "allocate --retire-missing": "Retire the facilities and lots the ledger knows but the "
    "files no longer hold (otherwise the run stops).",
    "allocate --emails": "Also write courriels/<partner>.eml: a message ready to send to "
    "each partner with a contact_email, its workbook attached "
    "(nothing is sent).",
    "report": (
        "Write the week's figures: Markdown report, draft press release, HTML page with "
        "charts, Excel workbook with charts, JSON. Figures summed by region, naming no "
        "facility.\n\n"
        "Example: ordis report --as-of 2020-05-15 --out rapport --policy politique.toml\n\n"
        "The --out folder must be missing or empty: a folder that already holds files is "
        "never changed. Without --out: ./rapport-<date>, or -2, -3… when it exists.\n\n"
        "With --donor NAME: one donor's page (rapport-donateur.html, .md, .json in "
        "./rapport-<donor>-<date>), naming no other donor and no facility.\n\n"
        "Exit codes: 0 report written, 1 --donor names a private donor (never named), "
        "2 ledger not found, unknown donor, --out folder not empty, writing "
        "impossible (full disk, read-only folder) or wrong command, 3 internal error."
    ),
    "report --as-of": "Date of the figures (default: today). Written 2020-04-20 or 20/04/2020.",
    "report --format": "md, html, xlsx, json, separated by commas (default: all four; with "
    "--donor: md, html, json); json alone is printed on stdout.",
    "report --donor": "One donor's page (an organisation): what its lots became, by type, "
    "region and week, its share of the operation. Name as in the donations file (case, "
    "accents and punctuation do not matter).",
    "report --out": "Folder of the reports (default: ./rapport-<date>).",
    "report --policy": "Policy TOML file: its [coordination] table (nom, email, telephone, "
    "ville) gives the press contact and the press release's city.",
    "demo": (
        "Play the whole cycle on the sample data, in a new folder: checking, allocation, "
        "workbooks filled in by the partners, import of the deliveries, report; then walk "
        "through what was written.\n\n"
        "Example: ordis demo --out ordis-demo\n\n"
        "Exit codes: 0 done, 2 folder not empty or wrong command, 3 internal error."
    ),
    "demo --out": "New folder to write everything into (default: ./ordis-demo).",
    "sample": (
        "Write made-up but realistic files of needs, donations and partners.\n\n"
        "Example: ordis sample --out trial --structures 1000 --lots 400 --seed 7\n\n"
        "Exit codes: 0 files written, 2 wrong command, 3 internal error."
    ),
    "sample --out": "Folder to write the files into.",
    "sample --structures": "Number of facilities.",
    "sample --lots": "Number of donated lots.",
    "sample --seed": "Seed: same options, same files.",
    "sample --file-format": "xlsx or csv (French Excel export: Windows-1252, semicolon).",
    "sample --with-errors": "Add the coordinators' typical mistakes.",
    "deliveries": (
        "Deliveries returned by the partners, and the lines still to deliver.\n\n"
        "Example: ordis deliveries import returns/*.xlsx"
    ),
    "deliveries import": (
        "Record the deliveries of the workbooks the partners returned (Delivered on, "
        "Delivered quantity, Gap, Comment). All or nothing per file; importing the same file "
        "again changes nothing.\n\n"
        "Example: ordis deliveries import returns/expeditions_relais.xlsx\n\n"
        "Every line is checked against the ledger (its Shipment id with its Lot id, Structure "
        "id, Equipment and Quantity); a workbook from another ledger (sheet read_me or a_lire) is "
        "refused.\n\n"
        "Exit codes: 0 recorded, 1 a file refused (unknown shipment, a line that does not "
        "match its shipment, a workbook from another ledger, a date in the future or before "
        "the run, a quantity below zero or above the shipment…), 2 unusable file, "
        "3 internal error."
    ),
    "deliveries import files": "Dispatch workbooks filled in by the partners.",
    "deliveries import --columns": "Your own headers mapped to ordis' columns, under "
    "[livraisons] (see the README).",
    "deliveries pending": (
        "List, per partner, the lines shipped and not yet delivered: run, date shipped, age "
        "in days, the partner's comment. The list to chase.\n\n"
        "Example: ordis deliveries pending --older-than 7\n\n"
        "The ledger is only read. With --format xlsx a workbook (a summary sheet per "
        "partner, then every line) is written, never over an existing file.\n\n"
        "Exit codes: 0 list printed or written (even empty), 2 ledger not found, unknown "
        "partner, existing --out file or wrong command, 3 internal error."
    ),
    "deliveries pending --partner": "One partner only (case and accents ignored).",
    "deliveries pending --older-than": "Only the lines shipped more than N days ago.",
    "deliveries pending --as-of": "Date of the list (default: today). Written 2020-04-20 or "
    "20/04/2020.",
    "deliveries pending --format": "text, json, or xlsx (a chasing list as a workbook).",
    "deliveries pending --out": "Workbook to write with --format xlsx (default: "
    "./chasing-<date>.xlsx).",
    "runs": ("History of the runs: list, show, cancel.\n\nExample: ordis runs list"),
    "runs list": (
        "List the runs of the ledger.\n\n"
        "Example: ordis runs list --ledger ordis.db\n\n"
        "Exit codes: 0 ok, 2 unusable ledger, 3 internal error."
    ),
    "runs show": (
        "Detail a run: input files (SHA-256), policy, lines by partner and equipment, "
        "deliveries.\n\n"
        "Example: ordis runs show 1\n\n"
        "Exit codes: 0 ok, 2 unknown run or unusable ledger, 3 internal error."
    ),
    "runs show run": "Number of the run.",
    "runs cancel": (
        "Cancel a run: what was not delivered goes back to the needs and the stock. Asks for "
        "confirmation, except with --yes; with no terminal, --yes is required.\n\n"
        "Example: ordis runs cancel 2 --dry-run, then ordis runs cancel 2 --yes\n\n"
        "Exit codes: 0 cancelled (or --dry-run), 1 refused (already cancelled or fully "
        "delivered, or confirmation declined), 2 unknown run, unusable ledger or no "
        "confirmation possible without --yes, 3 internal error."
    ),
    "runs cancel --yes": "Cancel without asking for confirmation.",
    "runs cancel --dry-run": "Say what would be freed, without changing anything.",
    "runs cancel run": "Number of the run.",
    "shipments": ("Shipment lines one by one: cancel.\n\nExample: ordis shipments cancel E1-0003"),
    "shipments cancel": (
        "Cancel shipment lines not yet delivered: their units go back to the lot and to the "
        "facility's need for the next run. All or nothing: if one line cannot be cancelled "
        "(unknown, delivered, of a cancelled run, already cancelled), nothing is changed and "
        "each one is said.\n\n"
        "Example: ordis shipments cancel E1-0003 E1-0007 --ledger ordis.db\n\n"
        "Exit codes: 0 cancelled, 1 refused (nothing was changed), 2 unusable ledger, "
        "3 internal error."
    ),
    "shipments cancel ids": "Identifiers of the lines (Shipment id, e.g. E1-00025).",
    "ledger": (
        "The ledger itself: upgrade, copy.\n\nExample: ordis ledger upgrade --ledger ordis.db"
    ),
    "ledger copy source": "Ledger to copy: an SQLite file or postgresql://…",
    "ledger copy target": (
        "A new ledger: a free path, or a PostgreSQL database without ordis tables."
    ),
    "ledger copy": (
        "Copy a whole ledger into a new one, such as the SQLite file of the first weeks into the "
        "team's PostgreSQL database (or back), in one transaction, then check the copy: same "
        "rows, same report figures. The destination must be new: a free path, or a database "
        "without ordis tables.\n\n"
        "Example: ordis ledger copy ordis.db postgresql://coordination@server/ordis\n\n"
        "Exit codes: 0 copied and checked, 1 the copy differs (nothing is kept), 2 unusable "
        "ledger or destination not new, 3 internal error."
    ),
    "ledger upgrade": (
        "Bring a ledger of an earlier format up to date: the file is copied aside first "
        "(never over a file), then upgraded in one transaction. A ledger already up to date "
        "is not changed.\n\n"
        "Example: ordis ledger upgrade --ledger ordis.db\n\n"
        "Exit codes: 0 upgraded or already up to date, 2 unusable ledger (not found, not a "
        "ledger, a newer format, damaged, copy impossible), 3 internal error."
    ),
}
