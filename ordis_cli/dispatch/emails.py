"""``allocate --emails``: one ready-to-send message per partner that has a ``contact_email``
(SPEC §4), ``courriels/<partner>.eml`` (RFC 5322, standard library ``email``), its workbook
attached. Nothing is sent: a coordinator opens the file in a mail client (``X-Unsent: 1``
opens it as a draft in Outlook and Thunderbird), reads it and sends it.

The text comes from ``templates/courriel.<lang>.txt.j2``: its first line is the subject,
then an empty line, then the body.
"""

from __future__ import annotations

import datetime as dt
from collections import Counter
from collections.abc import Sequence
from email.message import EmailMessage
from email.policy import SMTP
from pathlib import Path
from typing import Any

import jinja2

from ..allocation.policy import Coordination
from ..messages import Lang, device_words
from ..models import DEVICE_TYPES
from ..names import name_key
from ..report.render import templates_folder
from ..xlsx_safety import clean_text
from .columns import PARTNER, gap_values, plain_headers, sheet_name
from .partner_workbook import contact_text

XLSX = ("application", "vnd.openxmlformats-officedocument.spreadsheetml.sheet")
FOLDER = "courriels"


def _one_line(text: str) -> str:
    return " ".join(clean_text(text).split())


def message_for(
    partner: str,
    email: str,
    workbook: Path,
    lines: Sequence[Any],
    run: tuple[int, dt.date],
    coordination: Coordination,
    lang: Lang,
    environment: jinja2.Environment,
) -> EmailMessage:
    """The message to ``partner`` at ``email`` about its ``lines`` (``DispatchLine``s), with
    ``workbook`` attached."""
    units: Counter[str] = Counter()
    for line in lines:
        units[line.materiel] += line.quantite
    by_type = [
        (device_words(d.value, units[d.value], lang), units[d.value])
        for d in DEVICE_TYPES
        if units[d.value]
    ]
    named = dict(zip(PARTNER, plain_headers(PARTNER, lang), strict=True))
    lost, broken = gap_values(lang)
    text = environment.get_template(f"courriel.{lang}.txt.j2").render(
        partner=_one_line(partner),
        run=run[0],
        run_date=run[1].strftime("%d/%m/%Y"),
        workbook=workbook.name,
        lines=len(lines),
        units=sum(units.values()),
        by_type=by_type,
        structures=len({line.id_structure for line in lines}),
        fill=named,
        lost=lost,
        broken=broken,
        sheet=sheet_name("expeditions", lang),
        read_me=sheet_name("a_lire", lang),
        coordination=coordination,
        contact=contact_text(coordination, lang),
    )
    subject, _, body = text.partition("\n\n")
    message = EmailMessage(policy=SMTP)
    message["To"] = email
    if coordination.email:
        message["From"] = coordination.email
        message["Reply-To"] = coordination.email
    message["Subject"] = _one_line(subject)
    message["X-Unsent"] = "1"
    message.set_content(body.strip() + "\n")
    message.add_attachment(
        workbook.read_bytes(), maintype=XLSX[0], subtype=XLSX[1], filename=workbook.name
    )
    return message


def write_emails(
    staging: Path,
    workbooks: dict[str, str],
    by_shipper: dict[str, Any],
    partner_emails: dict[str, str],
    run: tuple[int, dt.date],
    coordination: Coordination,
    lang: Lang,
) -> list[tuple[str, str]]:
    """Write ``courriels/<name>.eml`` in ``staging`` for each shipper (workbook file name in
    ``workbooks``) that has an e-mail; the files written, relative to ``staging``, with
    their partner."""
    environment = jinja2.Environment(
        loader=jinja2.FileSystemLoader(templates_folder()),
        undefined=jinja2.StrictUndefined,
        autoescape=False,
        keep_trailing_newline=True,
    )
    written: list[tuple[str, str]] = []
    for shipper, name in workbooks.items():
        email = partner_emails.get(name_key(shipper))
        if not email:
            continue
        lines = [entry[0] for entry in by_shipper[shipper]]
        message = message_for(
            shipper, email, staging / name, lines, run, coordination, lang, environment
        )
        folder = staging / FOLDER
        folder.mkdir(exist_ok=True)
        target = f"{FOLDER}/{Path(name).stem.removeprefix('expeditions_')}.eml"
        (staging / target).write_bytes(message.as_bytes())
        written.append((target, shipper))
    return written
