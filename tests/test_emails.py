"""``allocate --emails`` (SPEC §4): one RFC 5322 message per partner with a contact_email,
addressed to it, from the coordination, its workbook attached; nothing is sent."""

from __future__ import annotations

import json
from email import policy
from email.message import EmailMessage
from email.parser import BytesParser
from pathlib import Path
from typing import cast

from .commands import small_run
from .conftest import allocate


def parsed(path: Path) -> EmailMessage:
    with path.open("rb") as handle:
        return cast(EmailMessage, BytesParser(policy=policy.default).parse(handle))


def test_one_message_per_partner_with_an_email_its_workbook_attached(tmp_path: Path) -> None:
    out = small_run(tmp_path, "--emails")
    # Sud has no contact_email: its workbook, no message
    assert sorted(p.name for p in (out / "courriels").iterdir()) == ["relais.eml"]
    message = parsed(out / "courriels" / "relais.eml")
    assert message["To"] == "envois@relais.example.org"
    assert message["From"] == message["Reply-To"] == "coordination@ordis.example"
    assert message["Subject"] == "Allocation n° 1 du 20/04/2020 : 1 envois à livrer (2 appareils)"
    body = message.get_body(("plain",))
    assert body is not None
    text = body.get_content()
    for said in (
        "« expeditions_relais.xlsx »",
        "- 2 portables",
        "« Livré le »",
        "« Quantité livrée »",
        "« Écart »",
        "« perdu »",
        "« Commentaire »",
        "renvoyez-nous le classeur",
        "Claire Martin — coordination@ordis.example",
    ):
        assert said in text, said
    attached = list(message.iter_attachments())
    assert [a.get_filename() for a in attached] == ["expeditions_relais.xlsx"]
    assert attached[0].get_content() == (out / "expeditions_relais.xlsx").read_bytes()
    assert (
        attached[0].get_content_type()
        == "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
    )


def test_english_message_and_json_summary(tmp_path: Path) -> None:
    out = small_run(tmp_path, "--emails", lang="en")
    message = parsed(out / "courriels" / "relais.eml")
    assert message["Subject"] == "Run 1 of 20/04/2020: 1 shipments to deliver (2 devices)"
    body = message.get_body(("plain",))
    assert body is not None and "“Delivered on”" in body.get_content()
    assert "“lost” or “out of order”" in body.get_content()


def test_the_sample_run_writes_them_and_lists_them(tmp_path: Path) -> None:
    done = allocate(tmp_path, "--emails", "--format", "json")
    assert done.exit_code == 0, done.output
    files = json.loads(done.stdout)["files"]
    emails = {Path(f["path"]).name: f["partner"] for f in files if f["path"].endswith(".eml")}
    assert emails["outre-mer-connect.eml"] == "Outre-mer Connect"
    assert len(emails) == 5  # the five partners of the sample with a contact_email
    for name in emails:
        message = parsed(tmp_path / "envois" / "courriels" / name)
        assert message["To"] and "@" in message["To"] and message["From"] is None
        assert (
            next(message.iter_attachments()).get_content()
            == (tmp_path / "envois" / f"expeditions_{Path(name).stem}.xlsx").read_bytes()
        )


def test_without_the_option_no_message(tmp_path: Path) -> None:
    out = small_run(tmp_path)
    assert not (out / "courriels").exists()
