"""Builders of hostile and broken files, made at test time (some would be too large to
commit, and every one is clearer as code than as an opaque blob)."""

from __future__ import annotations

import io
import re
import struct
import zipfile
from pathlib import Path

import openpyxl

SHEET = "xl/worksheets/sheet1.xml"


def small_workbook(path: Path) -> Path:
    book = openpyxl.Workbook()
    sheet = book.active
    assert sheet is not None
    sheet.append(["id_structure", "nom_structure", "departement", "portables"])
    sheet.append(["S1", "MECS Les Tilleuls", "69", 2])
    book.save(path)
    return path


def rewrite_member(source: Path, target: Path, member: str, change: object) -> Path:
    """Copy the archive ``source`` to ``target`` with ``change(bytes) -> bytes`` applied to
    one member."""
    assert callable(change)
    with zipfile.ZipFile(source) as old, zipfile.ZipFile(target, "w", zipfile.ZIP_DEFLATED) as new:
        for info in old.infolist():
            data = old.read(info.filename)
            if info.filename == member:
                data = change(data)
            new.writestr(info, data)
    return target


def far_cell(tmp: Path, ref: str) -> Path:
    """A sheet with one more cell at ``ref`` (e.g. XFD1048576)."""
    row = re.match(r"[A-Z]+(\d+)", ref)
    assert row
    return with_rows(tmp, "far.xlsx", f'<row r="{row.group(1)}"><c r="{ref}"><v>1</v></c></row>')


def with_rows(tmp: Path, name: str, rows: str) -> Path:
    """The small workbook with the sheet XML ``rows`` added at the end of its data."""
    extra = f"{rows}</sheetData>".encode()
    return rewrite_member(
        small_workbook(tmp / "base.xlsx"),
        tmp / name,
        SHEET,
        lambda d: d.replace(b"</sheetData>", extra),
    )


def declared_range(tmp: Path, ref: str) -> Path:
    return rewrite_member(
        small_workbook(tmp / "base.xlsx"),
        tmp / "dimension.xlsx",
        SHEET,
        lambda d: re.sub(rb'<dimension ref="[^"]*"', f'<dimension ref="{ref}"'.encode(), d),
    )


def entity_expansion(tmp: Path) -> Path:
    doctype = (
        b'<?xml version="1.0"?><!DOCTYPE lolz [<!ENTITY lol "lol">'
        b'<!ENTITY lol2 "&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;">]>'
    )
    return rewrite_member(
        small_workbook(tmp / "base.xlsx"),
        tmp / "entities.xlsx",
        SHEET,
        lambda d: doctype + re.sub(rb"^<\?xml[^>]*\?>", b"", d),
    )


def zip_bomb(tmp: Path) -> Path:
    """A member that unpacks to 20 MB from about 20 kB: a ratio near 1000:1."""
    path = small_workbook(tmp / "bomb.xlsx")
    with zipfile.ZipFile(path, "a", zipfile.ZIP_DEFLATED) as archive:
        archive.writestr("xl/media/padding.bin", b"\0" * (20 * 1024 * 1024))
    return path


def declared_huge(tmp: Path) -> Path:
    """An archive whose directory declares a 3 GB member (the sizes lie)."""
    path = small_workbook(tmp / "huge.xlsx")
    data = bytearray(path.read_bytes())
    central = data.rfind(b"PK\x01\x02")
    # uncompressed size of the last member of the central directory (offset 24)
    struct.pack_into("<I", data, central + 24, 3 * 1024 * 1024 * 1024)
    struct.pack_into("<I", data, central + 20, 1024 * 1024 * 1024)
    path.write_bytes(bytes(data))
    return path


def truncated(tmp: Path) -> Path:
    data = small_workbook(tmp / "whole.xlsx").read_bytes()
    path = tmp / "coupe.xlsx"
    path.write_bytes(data[: len(data) // 2])
    return path


def encrypted(tmp: Path) -> Path:
    from msoffcrypto.format.ooxml import OOXMLFile

    plain = small_workbook(tmp / "plain.xlsx")
    out = io.BytesIO()
    with plain.open("rb") as handle:
        OOXMLFile(handle).encrypt("secret", out)
    path = tmp / "protege.xlsx"
    path.write_bytes(out.getvalue())
    return path


def not_a_workbook(tmp: Path) -> Path:
    path = tmp / "document.xlsx"
    with zipfile.ZipFile(path, "w") as archive:
        archive.writestr("word/document.xml", "<w:document/>")
    return path


def named(tmp: Path, name: str, data: bytes) -> Path:
    path = tmp / name
    path.write_bytes(data)
    return path


PDF = b"%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n"
PNG = b"\x89PNG\r\n\x1a\n" + b"\0" * 64
JPEG = b"\xff\xd8\xff\xe0" + b"\0" * 64
HTML = (
    b"<html><head><meta charset='utf-8'></head><body><table><tr><td>id_structure</td>"
    b"</tr></table></body></html>"
)
OLE2_GARBAGE = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\x07" * 2048


def ods_repeat(tmp: Path, rows: int, columns: int) -> Path:
    """The fixture .ods with one more row, repeated ``rows`` times, of a value repeated over
    ``columns`` cells."""
    source = Path(__file__).parent / "data" / "besoins.ods"
    extra = (
        f'<table:table-row table:number-rows-repeated="{rows}"><table:table-cell '
        f'table:number-columns-repeated="{columns}" office:value-type="string">'
        "<text:p>x</text:p></table:table-cell></table:table-row></table:table>"
    ).encode()
    return rewrite_member(
        source, tmp / "repete.ods", "content.xml", lambda d: d.replace(b"</table:table>", extra, 1)
    )


def quoted_far_cell(tmp: Path, quoted: str) -> Path:
    """A cell whose reference is written ``quoted`` (``r='XFD1048576'``, ``r = "A1"``…)."""
    return with_rows(tmp, "quoted.xlsx", f'<row r="7"><c {quoted}><v>1</v></c></row>')


def two_far_cells(tmp: Path) -> Path:
    """A1 and GR1000020: each within the limits, together a 200-million-cell extent."""
    return with_rows(tmp, "loin.xlsx", '<row r="1000020"><c r="GR1000020"><v>1</v></c></row>')


def entity_after_comment(tmp: Path) -> Path:
    """An entity declaration after a 70 KB comment, past where a prolog scan would stop."""
    comment = b"<!--" + b"x" * 70_000 + b"-->"
    doctype = b'<!DOCTYPE x [<!ENTITY e "e">]>'
    return rewrite_member(
        small_workbook(tmp / "base.xlsx"),
        tmp / "entite.xlsx",
        SHEET,
        lambda d: re.sub(
            rb"^(<\?xml[^>]*\?>)?", lambda m: (m.group(1) or b"") + comment + doctype, d, count=1
        ),
    )


def too_many_sheets(tmp: Path, count: int) -> Path:
    entries = "".join(
        f'<sheet name="S{i}" sheetId="{i + 2}" r:id="rId{i + 99}"/>' for i in range(count)
    ).encode()
    return rewrite_member(
        small_workbook(tmp / "base.xlsx"),
        tmp / "feuilles.xlsx",
        "xl/workbook.xml",
        lambda d: d.replace(b"</sheets>", entries + b"</sheets>"),
    )


def ods_rows(tmp: Path, rows: list[tuple[int, list[int]]]) -> Path:
    """The fixture .ods with more rows: each ``(rows repeated, [cells repeated, …])``, every
    cell holding a value; the counts are each within the limits."""
    extra = b""
    for repeat, cells in rows:
        row = "".join(
            f'<table:table-cell table:number-columns-repeated="{c}" '
            'office:value-type="string"><text:p>x</text:p></table:table-cell>'
            for c in cells
        )
        extra += (
            f'<table:table-row table:number-rows-repeated="{repeat}">{row}</table:table-row>'
        ).encode()
    source = Path(__file__).parent / "data" / "besoins.ods"
    return rewrite_member(
        source,
        tmp / "somme.ods",
        "content.xml",
        lambda d: d.replace(b"</table:table>", extra + b"</table:table>", 1),
    )


def damaged_member(tmp: Path, how: str) -> Path:
    """The small workbook with its sheet's compressed bytes damaged (``how`` = "zlib") or its
    compression method set to one nobody supports (``how`` = "method")."""
    path = small_workbook(tmp / "abime.xlsx")
    data = bytearray(path.read_bytes())
    local = data.find(b"PK\x03\x04" + bytes(data[4:6]))
    while local >= 0:
        name_length, extra_length = struct.unpack_from("<HH", data, local + 26)
        name = bytes(data[local + 30 : local + 30 + name_length])
        if name == SHEET.encode():
            start = local + 30 + name_length + extra_length
            if how == "zlib":
                data[start : start + 40] = b"\xff" * 40
            else:
                struct.pack_into("<H", data, local + 8, 99)
                central = data.find(b"PK\x01\x02", start)
                while central >= 0:
                    if SHEET.encode() in data[central + 46 : central + 46 + len(SHEET)]:
                        struct.pack_into("<H", data, central + 10, 99)
                    central = data.find(b"PK\x01\x02", central + 4)
            break
        local = data.find(b"PK\x03\x04", local + 4)
    path.write_bytes(bytes(data))
    return path
