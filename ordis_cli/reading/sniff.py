"""Recognise a file by its bytes and refuse the hostile or broken ones before parsing.

``inspect_file`` returns the format to read the file with ("xlsx", "ods", "xls", "csv")
or raises ``ReadingError`` with its own message for: a missing or empty file, a PDF or a
picture, an HTML page saved as ``.xls``, a password-protected workbook, a truncated or
corrupted archive, an archive that unpacks too large or at a suspicious ratio, XML with
entity declarations, a sheet whose declared range or cell references go beyond the limits.
"""

from __future__ import annotations

import html
import lzma
import re
import struct
import zipfile
import zlib
from pathlib import Path
from typing import IO, Literal

from ..errors import ReadingError
from ..messages import Lang, say
from ..messages.counting import number
from ..system_reasons import system_reason
from ..textnorm import column_letter
from . import limits, xml_scan
from .quoting import shorten

Format = Literal["xlsx", "ods", "xls", "csv"]

_OLE2 = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"
_IMAGES = (
    (b"\x89PNG\r\n\x1a\n", "PNG"),
    (b"\xff\xd8\xff", "JPEG"),
    (b"GIF87a", "GIF"),
    (b"GIF89a", "GIF"),
    (b"II*\x00", "TIFF"),
    (b"MM\x00*", "TIFF"),
    (b"BM", "BMP"),
)
_HTML_MARKERS = (b"<html", b"<!doctype html", b"<table", b"<head", b"<body", b"<meta")
_ODS_MIME = b"application/vnd.oasis.opendocument.spreadsheet"
_SHEET_MEMBER = re.compile(r"^xl/worksheets/[^/]+\.xml$")


def inspect_file(path: Path, lang: Lang) -> Format:
    """The format of ``path``, after checking it is safe to hand to a parser."""
    name = str(path)
    if not path.exists():
        raise ReadingError("file-not-found", say("file-not-found", lang), name)
    if not path.is_file():
        raise ReadingError("not-a-file", say("not-a-file", lang), name)
    try:
        with path.open("rb") as handle:
            head = handle.read(8192)
    except OSError as exc:
        raise ReadingError(
            "unreadable-file", say("unreadable-file", lang, detail=system_reason(exc, lang)), name
        ) from exc
    if not head:
        raise ReadingError("empty-file", say("empty-file", lang), name)
    if head.startswith((b"PK\x03\x04", b"PK\x05\x06")):
        return _inspect_zip(path, lang)
    if head.startswith(_OLE2):
        return _inspect_ole2(path, lang)
    if head.startswith(b"%PDF"):
        raise ReadingError("pdf-file", say("pdf-file", lang), name)
    if head.startswith(b"RIFF") and head[8:12] == b"WEBP":
        raise ReadingError("image-file", say("image-file", lang, format="WEBP"), name)
    for magic, label in _IMAGES:
        if head.startswith(magic):
            raise ReadingError("image-file", say("image-file", lang, format=label), name)
    lowered = head.lstrip(b"\xef\xbb\xbf \t\r\n").lower()
    if lowered.startswith(b"<") and any(m in lowered for m in _HTML_MARKERS):
        raise ReadingError("html-file", say("html-file", lang), name)
    if lowered.startswith(b"<?xml"):
        detail = say("term-xml-file", lang)
        raise ReadingError("unsupported-file", say("unsupported-file", lang, detail=detail), name)
    utf16 = head.startswith((b"\xff\xfe", b"\xfe\xff"))
    if b"\x00" in head and not utf16:
        raise ReadingError("binary-text", say("binary-text", lang), name)
    return "csv"


def _corrupted(path: Path, lang: Lang, detail: str) -> ReadingError:
    return ReadingError("corrupted-file", say("corrupted-file", lang, detail=detail), str(path))


def _inspect_ole2(path: Path, lang: Lang) -> Format:
    """An OLE2 container is either a legacy .xls or an encrypted OOXML workbook."""
    with path.open("rb") as handle:
        data = handle.read(4 * 1024 * 1024)
    if (
        "EncryptionInfo".encode("utf-16-le") in data
        or "EncryptedPackage".encode("utf-16-le") in data
    ):
        raise ReadingError("encrypted-file", say("encrypted-file", lang), str(path))
    return "xls"


# What a damaged archive raises while it is read: a bad header or CRC, a truncated or
# corrupted deflate stream, an unsupported compression method, an encrypted member...
ARCHIVE_ERRORS: tuple[type[BaseException], ...] = (
    zipfile.BadZipFile,
    zipfile.LargeZipFile,
    zlib.error,
    NotImplementedError,
    EOFError,
    OSError,
    ValueError,
    RuntimeError,
    struct.error,
    UnicodeDecodeError,
    IndexError,
    OverflowError,
    lzma.LZMAError,
    MemoryError,
)


def _inspect_zip(path: Path, lang: Lang) -> Format:
    try:
        return _inspect_archive(path, lang)
    except ReadingError:
        raise
    except ARCHIVE_ERRORS as exc:
        raise _corrupted(path, lang, archive_detail(exc, lang)) from exc


def archive_detail(exc: BaseException, lang: Lang) -> str:
    """What went wrong in an archive, in a few words a person can act on."""
    if isinstance(exc, NotImplementedError):
        return say("term-archive-method", lang)
    if isinstance(exc, RuntimeError) and "encrypted" in str(exc):
        return say("term-archive-encrypted", lang)
    if isinstance(exc, zlib.error | EOFError | lzma.LZMAError):
        return say("term-archive-data", lang)
    return say("term-archive-damaged", lang)


def _inspect_archive(path: Path, lang: Lang) -> Format:
    try:
        archive = zipfile.ZipFile(path)
    except ARCHIVE_ERRORS as exc:
        detail = say("term-archive-truncated", lang)
        raise _corrupted(path, lang, detail) from exc
    with archive:
        members = archive.infolist()
        _check_sizes(path, members, lang)
        names = {m.filename for m in members}
        if "xl/workbook.xml" in names or "xl/workbook.bin" in names:
            fmt: Format = "xlsx"
        elif "content.xml" in names and _read_prefix(archive, "mimetype", 100).startswith(
            _ODS_MIME
        ):
            fmt = "ods"
        else:
            detail = (
                "archive ZIP qui n'est pas un classeur"
                if lang == "fr"
                else "ZIP archive that is not a workbook"
            )
            raise ReadingError(
                "unsupported-file", say("unsupported-file", lang, detail=detail), str(path)
            )
        titles = _sheet_titles(archive, path, lang) if fmt == "xlsx" else {}
        for member in members:
            if not member.is_dir():
                _scan_member(path, archive, member.filename, fmt, titles, lang)
        return fmt


def _scan_member(
    path: Path, archive: zipfile.ZipFile, name: str, fmt: Format, titles: dict[str, str], lang: Lang
) -> None:
    try:
        with archive.open(name) as handle:
            if name in titles or _SHEET_MEMBER.match(name):
                xml_scan.check_sheet(handle)
            elif fmt == "ods" and name == "content.xml":
                if xml_scan.check_ods_content(handle) > limits.MAX_SHEETS:
                    raise _too_many_sheets(path, lang)
            elif _looks_like_xml(handle):
                xml_scan.check_entities(handle)
    except xml_scan.EntityFound:
        raise ReadingError(
            "xml-entities", say("xml-entities", lang, member=shorten(name, 80, lang)), str(path)
        ) from None
    except xml_scan.TooFar as far:
        title = titles.get(name, "-" if fmt == "ods" else shorten(name, 80))
        raise _too_far(path, title, far, lang) from None


def _looks_like_xml(handle: IO[bytes]) -> bool:
    """Whether a member may be XML (pictures and other binary parts are not scanned)."""
    start = handle.read(512)
    handle.seek(0)
    return b"<" in start


def _too_many_sheets(path: Path, lang: Lang) -> ReadingError:
    return ReadingError(
        "too-many-sheets", say("too-many-sheets", lang, limit=limits.MAX_SHEETS), str(path)
    )


def _check_sizes(path: Path, members: list[zipfile.ZipInfo], lang: Lang) -> None:
    total = sum(m.file_size for m in members)
    if total > limits.MAX_UNPACKED_BYTES:
        raise ReadingError(
            "archive-too-large",
            say(
                "archive-too-large",
                lang,
                size=_figure(total // (1024 * 1024), lang),
                limit=_figure(limits.MAX_UNPACKED_BYTES // (1024 * 1024), lang),
            ),
            str(path),
        )
    compressed = sum(m.compress_size for m in members)
    sizes = [(m.filename, m.file_size, m.compress_size) for m in members]
    for name, size, stored in [*sizes, ("*", total, compressed)]:
        if size < limits.RATIO_MIN_BYTES:
            continue
        ratio = size / max(stored, 1)
        if ratio > limits.MAX_RATIO:
            raise ReadingError(
                "archive-ratio",
                say("archive-ratio", lang, member=shorten(name, 80, lang), ratio=int(ratio)),
                str(path),
            )


def _read_prefix(archive: zipfile.ZipFile, name: str, size: int) -> bytes:
    try:
        with archive.open(name) as handle:
            return handle.read(size)
    except KeyError:
        return b""


_SHEET_ENTRY = re.compile(rb"<(?:[\w.-]+:)?sheet\s[^>]*>")
_RELATION = re.compile(rb"<(?:[\w.-]+:)?Relationship\s[^>]*>")
_ATTRIBUTE = re.compile(rb"""([\w:.-]+)\s*=\s*(?:"([^"]*)"|'([^']*)')""")


def _attributes(element: bytes) -> dict[bytes, bytes]:
    return {name: double or single for name, double, single in _ATTRIBUTE.findall(element)}


def _sheet_titles(archive: zipfile.ZipFile, path: Path, lang: Lang) -> dict[str, str]:
    """Archive member -> the sheet's title as a person sees it (``Besoins``, not ``sheet1``)."""
    workbook = _read_prefix(archive, "xl/workbook.xml", 1 << 20)
    relations = _read_prefix(archive, "xl/_rels/workbook.xml.rels", 1 << 20)
    targets: dict[bytes, str] = {}
    for element in _RELATION.findall(relations):
        found = _attributes(element)
        target = found.get(b"Target", b"").decode("utf-8", "replace").lstrip("/")
        targets[found.get(b"Id", b"")] = target if target.startswith("xl/") else f"xl/{target}"
    entries = _SHEET_ENTRY.findall(workbook)
    if len(entries) > limits.MAX_SHEETS:
        raise _too_many_sheets(path, lang)
    titles: dict[str, str] = {}
    for element in entries:
        found = _attributes(element)
        member = targets.get(found.get(b"r:id", b""))
        if member:
            title = html.unescape(found.get(b"name", b"").decode("utf-8", "replace"))
            titles[member] = shorten(title, 80)
    return titles


def _too_far(path: Path, sheet: str, far: xml_scan.TooFar, lang: Lang) -> ReadingError:
    extent = far.extent
    if far.what == "rows":
        return ReadingError(
            "too-many-rows", say("too-many-rows", lang, sheet=sheet, rows=extent.rows), str(path)
        )
    if far.what == "columns":
        column = column_letter(min(extent.columns, 10**5) - 1)
        return ReadingError(
            "too-many-columns", say("too-many-columns", lang, sheet=sheet, column=column), str(path)
        )
    return ReadingError(
        "too-many-cells",
        say(
            "too-many-cells",
            lang,
            sheet=sheet,
            cell=extent.cell(),
            rows=_figure(extent.rows, lang),
            columns=extent.columns,
            limit=_figure(limits.MAX_CELLS, lang),
        ),
        str(path),
    )


def _figure(count: int, lang: Lang) -> str:
    return number(count, lang)
