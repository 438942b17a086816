"""Recognise a file by its bytes and refuse the hostile or broken ones before parsing.

``inspect_file`` returns the format to read the file with ("xlsx", "ods", "xls", "csv")
or raises ``ReadingError`` with its own message for: a missing or empty file, a PDF or a
picture, an HTML page saved as ``.xls``, a password-protected workbook, a truncated or
corrupted archive, an archive that unpacks too large or at a suspicious ratio, XML with
entity declarations, a sheet whose declared range or cell references go beyond the limits.
"""

from __future__ import annotations

import html
import re
import zipfile
from pathlib import Path
from typing import Literal

from ..errors import ReadingError
from ..messages import Lang, say
from ..textnorm import column_index
from . import limits

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
_DOCTYPE = re.compile(rb"<!\s*(?:DOCTYPE|ENTITY)", re.IGNORECASE)
_DIMENSION = re.compile(rb'<dimension\s+ref="([A-Z]+)(\d+)(?::([A-Z]+)(\d+))?"')
# A cell or row reference beyond column GR (the 200th) or at row 1,000,000 and above. The
# pattern starts with a literal so that the regex engine can skip ahead between candidates.
_FAR_REF = re.compile(rb'r="(?:[A-Z]{3}|[H-Z][A-Z]|G[S-Z]|[A-Z]{0,3}\d{7})')
_REF = re.compile(rb'r="([A-Z]*)(\d+)"')
_SHEET_MEMBER = re.compile(r"^xl/worksheets/[^/]+\.xml$")
_SCAN_BYTES = 8 * 1024 * 1024
_OVERLAP = 32


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
            "unreadable-file", say("unreadable-file", lang, detail=exc.strerror), name
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
        detail = "XML" if lang == "en" else "fichier XML"
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
    if "EncryptionInfo".encode("utf-16-le") in data or "EncryptedPackage".encode(
        "utf-16-le"
    ) in data:
        raise ReadingError("encrypted-file", say("encrypted-file", lang), str(path))
    return "xls"


def _inspect_zip(path: Path, lang: Lang) -> Format:
    try:
        archive = zipfile.ZipFile(path)
    except (zipfile.BadZipFile, OSError, ValueError) as exc:
        detail = "archive tronquée" if lang == "fr" else "truncated archive"
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
        try:
            for member in members:
                if member.filename.endswith((".xml", ".rels", ".vml")):
                    _check_prolog(path, archive, member.filename, lang)
            if fmt == "ods":
                _check_ods_extent(path, archive, lang)
            if fmt == "xlsx":
                titles = _sheet_titles(archive)
                for member in members:
                    if _SHEET_MEMBER.match(member.filename):
                        title = titles.get(member.filename, member.filename)
                        _check_sheet_extent(path, archive, member.filename, title, lang)
        except (zipfile.BadZipFile, OSError, EOFError, ValueError) as exc:
            raise _corrupted(path, lang, str(exc)[:80]) from exc
        return fmt


def _check_sizes(path: Path, members: list[zipfile.ZipInfo], lang: Lang) -> None:
    total = sum(m.file_size for m in members)
    if total > limits.MAX_UNPACKED_BYTES:
        raise ReadingError(
            "archive-too-large",
            say(
                "archive-too-large",
                lang,
                size=total // (1024 * 1024),
                limit=limits.MAX_UNPACKED_BYTES // (1024 * 1024),
            ),
            str(path),
        )
    for member in members:
        if member.file_size < limits.RATIO_MIN_BYTES:
            continue
        ratio = member.file_size / max(member.compress_size, 1)
        if ratio > limits.MAX_RATIO:
            raise ReadingError(
                "archive-ratio",
                say("archive-ratio", lang, member=member.filename, ratio=int(ratio)),
                str(path),
            )


def _read_prefix(archive: zipfile.ZipFile, name: str, size: int) -> bytes:
    try:
        with archive.open(name) as handle:
            return handle.read(size)
    except KeyError:
        return b""


def _check_prolog(path: Path, archive: zipfile.ZipFile, name: str, lang: Lang) -> None:
    """Entity declarations can only stand before the root element: read up to it."""
    prolog = _read_prefix(archive, name, limits.XML_PROLOG_BYTES)
    end = _root_start(prolog)
    if _DOCTYPE.search(prolog if end is None else prolog[:end]):
        raise ReadingError("xml-entities", say("xml-entities", lang, member=name), str(path))


_PROLOG_ITEM = re.compile(rb"\s*(?:<\?.*?\?>|<!--.*?-->)", re.DOTALL)


def _root_start(prolog: bytes) -> int | None:
    """Offset of the root element's ``<`` (after declarations, comments, PIs), if seen."""
    pos = 3 if prolog.startswith(b"\xef\xbb\xbf") else 0
    while True:
        match = _PROLOG_ITEM.match(prolog, pos)
        if not match:
            break
        pos = match.end()
    rest = prolog[pos:].lstrip()
    if rest.startswith(b"<!"):
        return None
    return len(prolog) - len(rest)


_SHEET_ENTRY = re.compile(rb"<(?:\w+:)?sheet\s[^>]*>")
_RELATION = re.compile(rb"<(?:\w+:)?Relationship\s[^>]*>")
_ATTRIBUTE = re.compile(rb'([\w:]+)="([^"]*)"')


def _attributes(element: bytes) -> dict[bytes, bytes]:
    return dict(_ATTRIBUTE.findall(element))


def _sheet_titles(archive: zipfile.ZipFile) -> dict[str, str]:
    """Archive member -> the sheet's title as a person sees it (``Besoins``, not ``sheet1``)."""
    workbook = _read_prefix(archive, "xl/workbook.xml", 1 << 20)
    relations = _read_prefix(archive, "xl/_rels/workbook.xml.rels", 1 << 20)
    targets: dict[bytes, str] = {}
    for element in _RELATION.findall(relations):
        found = _attributes(element)
        target = found.get(b"Target", b"").decode("utf-8", "replace").lstrip("/")
        targets[found.get(b"Id", b"")] = target if target.startswith("xl/") else f"xl/{target}"
    titles: dict[str, str] = {}
    for element in _SHEET_ENTRY.findall(workbook):
        found = _attributes(element)
        member = targets.get(found.get(b"r:id", b""))
        if member:
            titles[member] = html.unescape(found.get(b"name", b"").decode("utf-8", "replace"))
    return titles


def _check_sheet_extent(path: Path, archive: zipfile.ZipFile, name: str, sheet: str,
                        lang: Lang) -> None:
    """Refuse a sheet whose declared range or cell references reach beyond the limits.

    python-calamine sizes a sheet from its farthest cell and aborts the whole process when
    that is too far (a cell at XFD1048576), so every reference is scanned before it reads.
    """
    with archive.open(name) as handle:
        head = handle.read(_SCAN_BYTES)
        dim = _DIMENSION.search(head[: limits.XML_PROLOG_BYTES])
        if dim:
            col = (dim.group(3) or dim.group(1)).decode()
            _check_extent(path, sheet, col, int(dim.group(4) or dim.group(2)), lang)
        chunk, tail = head, b""
        while chunk:
            # a reference cut by the chunk boundary is found in the overlap
            for data in (tail + chunk[:_OVERLAP], chunk):
                for match in _FAR_REF.finditer(data):
                    ref = _REF.match(data, match.start())
                    if ref:
                        _check_extent(path, sheet, ref.group(1).decode() or "A",
                                      int(ref.group(2)), lang)
            tail = chunk[-_OVERLAP:]
            chunk = handle.read(_SCAN_BYTES)


_ODS_REPEAT = re.compile(rb'number-(rows|columns)-repeated="(\d+)"')


def _check_ods_extent(path: Path, archive: zipfile.ZipFile, lang: Lang) -> None:
    """An ODS row or cell repeated past the limits is refused when it holds a value (empty
    repeated rows and columns are how LibreOffice pads every sheet, and are harmless)."""
    with archive.open("content.xml") as handle:
        data = handle.read()
    for match in _ODS_REPEAT.finditer(data):
        count = int(match.group(2))
        rows = match.group(1) == b"rows"
        if count <= (limits.MAX_SHEET_ROWS if rows else limits.MAX_COLUMNS):
            continue
        end = data.find(b"</table:table-row>" if rows else b">", match.end())
        if b"office:value-type" not in data[match.end() : end if end > 0 else None]:
            continue
        if rows:
            raise ReadingError("too-many-rows",
                               say("too-many-rows", lang, sheet="-", rows=f"{count:,}"),
                               str(path))
        raise ReadingError("too-many-columns",
                           say("too-many-columns", lang, sheet="-", column=str(count)),
                           str(path))


def _check_extent(path: Path, sheet: str, column: str, row: int, lang: Lang) -> None:
    if row > limits.MAX_SHEET_ROWS:
        raise ReadingError(
            "too-many-rows", say("too-many-rows", lang, sheet=sheet, rows=row), str(path)
        )
    if column_index(column) >= limits.MAX_COLUMNS:
        raise ReadingError(
            "too-many-columns",
            say("too-many-columns", lang, sheet=sheet, column=column),
            str(path),
        )
