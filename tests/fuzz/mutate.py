"""Deterministic mutants of the sample files: mutant ``i`` of seed ``s`` is always the same.

Each mutant starts from one file of ``sample_data/`` or ``tests/data/`` and goes through one
mutator chosen among those that fit its format: bytes flipped, truncated or inserted; an
archive member's compressed bytes corrupted or its compression method changed; a member's
XML edited and the archive recompressed (huge declared dimensions and far cell references in
both quote styles, summed ODS repeats, cells of a few MB, entity declarations after a long
comment, shared strings out of range, a hundred and more sheets, merged areas over the whole
sheet, slices of XML dropped or doubled); CSV with unclosed quotes, NULs, UTF-16, invalid
bytes, mixed delimiters, lone CRs, too many columns, long values. Mutants stay small on disk
(a long string compresses to a few KB in an archive) so that a run is fast.
"""

from __future__ import annotations

import io
import random
import re
import string
import zipfile
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
FORMATS = {".xlsx", ".ods", ".xls", ".csv", ".txt"}
BASES = sorted(
    p
    for folder in (ROOT / "sample_data", ROOT / "tests" / "data")
    for p in folder.iterdir()
    if p.suffix in FORMATS
)
# the samples of a few KB (tests/data): the suite's short run mutates only these
SMALL_BASES = [p for p in BASES if p.stat().st_size <= 16 * 1024]
_MB = 1024 * 1024
_FAR_REFS = (
    "XFD1048576",
    "GR1000020",
    "A1048577",
    "ZZ999999",
    "XFE1",
    "A99999999999",
    "AAAA1",
    "B2000000",
)


def _far_ref(rng: random.Random) -> str:
    """A reference far away: one of the classic ones, or random letters and row beyond or
    near the limits."""
    if rng.random() < 0.5:
        return rng.choice(_FAR_REFS)
    letters = "".join(rng.choice(string.ascii_uppercase) for _ in range(rng.randint(1, 4)))
    return f"{letters}{rng.choice((rng.randint(1, 2_000_000), rng.randint(1, 10**12)))}"


@dataclass(frozen=True)
class Mutant:
    index: int
    base: str  # file name of the sample it comes from
    mutator: str
    suffix: str
    data: bytes


Mutator = Callable[[random.Random, bytes], bytes]


# --- any file -----------------------------------------------------------------------------


def flip_bytes(rng: random.Random, data: bytes) -> bytes:
    out = bytearray(data)
    for _ in range(rng.randint(1, 24)):
        out[rng.randrange(len(out))] = rng.randrange(256)
    return bytes(out)


def truncate(rng: random.Random, data: bytes) -> bytes:
    return data[: rng.randrange(len(data))]


def insert_bytes(rng: random.Random, data: bytes) -> bytes:
    at = rng.randrange(len(data) + 1)
    return data[:at] + rng.randbytes(rng.randint(1, 64)) + data[at:]


def zero_block(rng: random.Random, data: bytes) -> bytes:
    at = rng.randrange(len(data))
    size = rng.randint(1, 4096)
    return data[:at] + bytes(min(size, len(data) - at)) + data[at + size :]


def flip_header_bytes(rng: random.Random, data: bytes) -> bytes:
    """Flips in the first 4 KB: an OLE .xls keeps its allocation tables there."""
    out = bytearray(data)
    for _ in range(rng.randint(1, 8)):
        out[rng.randrange(min(4096, len(out)))] = rng.randrange(256)
    return bytes(out)


# --- archives (xlsx, ods) -------------------------------------------------------------------


def _members(data: bytes) -> list[zipfile.ZipInfo]:
    with zipfile.ZipFile(io.BytesIO(data)) as archive:
        return archive.infolist()


def corrupt_member(rng: random.Random, data: bytes) -> bytes:
    """Flip bytes inside one member's compressed data, leaving the archive's structure."""
    info = rng.choice(_members(data))
    name_length = int.from_bytes(data[info.header_offset + 26 : info.header_offset + 28], "little")
    extra_length = int.from_bytes(data[info.header_offset + 28 : info.header_offset + 30], "little")
    start = info.header_offset + 30 + name_length + extra_length
    if info.compress_size == 0:
        return flip_bytes(rng, data)
    out = bytearray(data)
    for _ in range(rng.randint(1, 6)):
        out[start + rng.randrange(info.compress_size)] = rng.randrange(256)
    return bytes(out)


def change_compression(rng: random.Random, data: bytes) -> bytes:
    """A member's compression method set to one zipfile does not know, or to stored."""
    info = rng.choice(_members(data))
    out = bytearray(data)
    method = rng.choice((0, 1, 12, 14, 93, 99)).to_bytes(2, "little")
    out[info.header_offset + 8 : info.header_offset + 10] = method
    return bytes(out)


def _rewrite(data: bytes, member: str, change: Callable[[bytes], bytes]) -> bytes:
    target = io.BytesIO()
    with (
        zipfile.ZipFile(io.BytesIO(data)) as old,
        zipfile.ZipFile(target, "w", zipfile.ZIP_DEFLATED) as new,
    ):
        for info in old.infolist():
            content = old.read(info.filename)
            if info.filename == member:
                content = change(content)
            # the member's own date, not today's: the same mutant has the same bytes
            dated = zipfile.ZipInfo(info.filename, date_time=info.date_time)
            new.writestr(dated, content, zipfile.ZIP_DEFLATED)
    return target.getvalue()


def _xml_member(rng: random.Random, data: bytes, *preferred: str) -> str:
    names = [i.filename for i in _members(data)]
    wanted = [n for n in names if any(re.fullmatch(p, n) for p in preferred)]
    return rng.choice(wanted or [n for n in names if n.endswith(".xml")] or names)


_SHEETS = (r"xl/worksheets/sheet\d+\.xml", r"content\.xml")


def _quote(rng: random.Random, value: str) -> str:
    return f"'{value}'" if rng.random() < 0.5 else f'"{value}"'


def _edit(
    rng: random.Random, data: bytes, change: Callable[[bytes], bytes], *preferred: str
) -> bytes:
    return _rewrite(data, _xml_member(rng, data, *preferred), change)


def huge_dimension(rng: random.Random, data: bytes) -> bytes:
    ref = _quote(rng, f"A1:{_far_ref(rng)}")

    def change(xml: bytes) -> bytes:
        new, count = re.subn(
            rb"<dimension\s+ref=(\"[^\"]*\"|'[^']*')", f"<dimension ref={ref}".encode(), xml
        )
        return (
            new
            if count
            else xml.replace(b"<sheetData", f"<dimension ref={ref}/><sheetData".encode(), 1)
        )

    return _edit(rng, data, change, *_SHEETS)


def far_reference(rng: random.Random, data: bytes) -> bytes:
    """One cell (or row) reference moved far away, in either quote style and case."""
    far = _far_ref(rng)
    far = far.lower() if rng.random() < 0.2 else far

    def change(xml: bytes) -> bytes:
        places = list(re.finditer(rb"\sr=\"[^\"]*\"", xml))
        if not places:
            return xml
        place = rng.choice(places)
        value = far if rng.random() < 0.7 else far.lstrip(string.ascii_letters)
        return xml[: place.start()] + f" r={_quote(rng, value)}".encode() + xml[place.end() :]

    return _edit(rng, data, change, r"xl/worksheets/sheet\d+\.xml")


def ods_repeats(rng: random.Random, data: bytes) -> bytes:
    """Repeat counts on several rows and cells, each within a limit, summed beyond it."""

    def change(xml: bytes) -> bytes:
        out = xml
        for tag, attribute in (
            (b"<table:table-row", b"table:number-rows-repeated"),
            (b"<table:table-cell", b"table:number-columns-repeated"),
        ):
            places = [m.end() for m in re.finditer(re.escape(tag), out)]
            for at in sorted(rng.sample(places, min(len(places), rng.randint(1, 6))), reverse=True):
                count = rng.choice(
                    (2, 1000, 300_000, 1_048_576, 16_384, 2**31, rng.randint(2, 2_000_000))
                )
                out = (
                    out[:at] + b" " + attribute + b"=" + _quote(rng, str(count)).encode() + out[at:]
                )
        return out

    return _edit(rng, data, change, r"content\.xml")


def long_string(rng: random.Random, data: bytes) -> bytes:
    """One text of a few MB (it compresses to a few KB)."""
    text = (rng.choice(("x", "é", "ab ", "<", "&amp;")) * rng.randint(_MB, 4 * _MB)).encode()

    def change(xml: bytes) -> bytes:
        places = list(re.finditer(rb"<(t|text:p|v)(\s[^>]*)?>([^<]*)<", xml))
        if not places:
            return xml
        place = rng.choice(places)
        return xml[: place.start(3)] + text[: 4 * _MB] + xml[place.end(3) :]

    return _edit(rng, data, change, r"xl/sharedStrings\.xml", *_SHEETS)


def entity_declaration(rng: random.Random, data: bytes) -> bytes:
    comment = b"<!--" + b"c" * rng.choice((10, 70_000, 9 * _MB // 8)) + b"-->"
    doctype = b'<!DOCTYPE x [<!ENTITY e "' + b"e" * rng.randint(1, 100) + b'">]>'

    def change(xml: bytes) -> bytes:
        end = xml.find(b"?>") + 2 if xml.startswith(b"<?xml") else 0
        return xml[:end] + comment + doctype + xml[end:]

    return _edit(rng, data, change)


def bad_values(rng: random.Random, data: bytes) -> bytes:
    """Cell values and types that do not fit: shared string index out of range, errors,
    booleans with text, dates that are not dates, numbers beyond a double."""
    replacement = rng.choice(
        (
            b"999999999",
            b"-1",
            b"1e308",
            b"1e999",
            b"NaN",
            b"",
            b"abc",
            b"99999999999999999999999",
            b"0x10",
            b"\xff\xfe",
        )
    )
    kind = rng.choice((b"s", b"e", b"b", b"d", b"n", b"str", b"inlineStr", b"zz"))

    def change(xml: bytes) -> bytes:
        out = re.sub(
            rb"<v>[^<]*</v>",
            lambda m: b"<v>" + replacement + b"</v>" if rng.random() < 0.3 else m.group(0),
            xml,
        )
        return re.sub(
            rb"\st=\"[a-zA-Z]*\"",
            lambda m: b' t="' + kind + b'"' if rng.random() < 0.3 else m.group(0),
            out,
        )

    return _edit(rng, data, change, *_SHEETS)


def many_sheets(rng: random.Random, data: bytes) -> bytes:
    count = rng.randint(90, 600)

    def change(xml: bytes) -> bytes:
        found = re.search(rb"<sheet\s[^>]*/>", xml)
        if not found:
            return xml
        copies = b"".join(
            re.sub(rb'name="[^"]*"', f'name="S{i}"'.encode(), found.group(0)) for i in range(count)
        )
        return xml[: found.end()] + copies + xml[found.end() :]

    return _edit(rng, data, change, r"xl/workbook\.xml")


def whole_sheet_merge(rng: random.Random, data: bytes) -> bytes:
    ref = _quote(rng, f"A1:{_far_ref(rng)}")
    block = f'<mergeCells count="1"><mergeCell ref={ref}/></mergeCells>'.encode()
    return _edit(
        rng,
        data,
        lambda xml: xml.replace(b"</sheetData>", b"</sheetData>" + block, 1),
        r"xl/worksheets/sheet\d+\.xml",
    )


def xml_slices(rng: random.Random, data: bytes) -> bytes:
    """Drop, double or swap slices of one member's XML."""

    def change(xml: bytes) -> bytes:
        if len(xml) < 2:
            return xml
        a, b = sorted(rng.sample(range(len(xml)), 2))
        action = rng.randrange(3)
        if action == 0:
            return xml[:a] + xml[b:]
        if action == 1:
            return xml[:b] + xml[a:b] * rng.randint(2, 50) + xml[b:]
        return xml[:a] + xml[b:] + xml[a:b]

    return _edit(rng, data, change)


# --- CSV ------------------------------------------------------------------------------------


def _line_at(rng: random.Random, data: bytes) -> int:
    ends = [m.end() for m in re.finditer(rb"\n", data)] or [len(data)]
    return rng.choice(ends)


def unclosed_quote(rng: random.Random, data: bytes) -> bytes:
    at = _line_at(rng, data)
    return data[:at] + b'"' + data[at:]


def nul_bytes(rng: random.Random, data: bytes) -> bytes:
    out = bytearray(data)
    for _ in range(rng.randint(1, 20)):
        out.insert(rng.randrange(len(out) + 1), 0)
    return bytes(out)


def odd_encoding(rng: random.Random, data: bytes) -> bytes:
    text = data.decode("utf-8", errors="replace")
    choice = rng.randrange(5)
    if choice == 0:
        return text.encode("utf-16")
    if choice == 1:
        return text.encode("utf-32-le")
    if choice == 2:
        return b"\xef\xbb\xbf\xef\xbb\xbf" + data  # two BOMs
    if choice == 3:  # invalid UTF-8 and a cp1252 mix
        return data.replace(b"e", b"\xe9", rng.randint(1, 50)) + b"\xc3\x28\xa0\xa1"
    return text.encode("cp1252", errors="replace")


def mixed_delimiters(rng: random.Random, data: bytes) -> bytes:
    old = rng.choice((b";", b","))
    new = rng.choice((b"\t", b",", b";", b"|", b"; ;"))
    return re.sub(re.escape(old), lambda m: new if rng.random() < 0.3 else m.group(0), data)


def line_endings(rng: random.Random, data: bytes) -> bytes:
    return data.replace(b"\r\n", b"\n").replace(b"\n", rng.choice((b"\r", b"\r\r\n", b"\x85")))


def wide_rows(rng: random.Random, data: bytes) -> bytes:
    columns = rng.choice((201, 1000, 20_000))
    row = b";".join(f"c{i}".encode() for i in range(columns))
    at = rng.choice((0, _line_at(rng, data)))
    return data[:at] + row + b"\n" + data[at:]


def long_value(rng: random.Random, data: bytes) -> bytes:
    at = _line_at(rng, data)
    return data[:at] + b"x" * (rng.randint(1, 3) * _MB) + data[at:]


ANY: dict[str, Mutator] = {
    "flip_bytes": flip_bytes,
    "truncate": truncate,
    "insert_bytes": insert_bytes,
    "zero_block": zero_block,
}
ARCHIVE: dict[str, Mutator] = {
    "corrupt_member": corrupt_member,
    "change_compression": change_compression,
    "huge_dimension": huge_dimension,
    "far_reference": far_reference,
    "long_string": long_string,
    "entity_declaration": entity_declaration,
    "bad_values": bad_values,
    "xml_slices": xml_slices,
}
XLSX: dict[str, Mutator] = {"many_sheets": many_sheets, "whole_sheet_merge": whole_sheet_merge}
ODS: dict[str, Mutator] = {"ods_repeats": ods_repeats}
XLS: dict[str, Mutator] = {"flip_header_bytes": flip_header_bytes}
CSV: dict[str, Mutator] = {
    "unclosed_quote": unclosed_quote,
    "nul_bytes": nul_bytes,
    "odd_encoding": odd_encoding,
    "mixed_delimiters": mixed_delimiters,
    "line_endings": line_endings,
    "wide_rows": wide_rows,
    "long_value": long_value,
}
BY_SUFFIX = {
    ".xlsx": {**ARCHIVE, **XLSX},
    ".ods": {**ARCHIVE, **ODS},
    ".xls": XLS,
    ".csv": CSV,
    ".txt": CSV,
}


def _every_mutator_once(seed: int, bases: list[Path]) -> list[tuple[str, str]]:
    """The first mutants of ``seed``: each mutator once, on one format it fits (drawn), in
    an order of the seed; each format of ``bases`` among them."""
    rng = random.Random(f"{seed}:every-mutator")
    suffixes = sorted({p.suffix for p in bases})
    fits = {
        name: [s for s in suffixes if name in ANY or name in BY_SUFFIX[s]]
        for name in sorted({*ANY, *(n for s in suffixes for n in BY_SUFFIX[s])})
    }
    while True:
        plan = [(rng.choice(formats), name) for name, formats in fits.items()]
        if {suffix for suffix, _ in plan} == set(suffixes):
            rng.shuffle(plan)
            return plan


def mutant(seed: int, index: int, bases: list[Path] | None = None) -> Mutant:
    """Mutant ``index`` of ``seed``: same arguments, same bytes. The first ones draw each
    mutator once (``_every_mutator_once``); the others draw a format, then one of its
    mutators, the format's own twice as often as the blind ones."""
    rng = random.Random(f"{seed}:{index}")
    bases = bases or BASES
    first = _every_mutator_once(seed, bases)
    if index < len(first):
        suffix, name = first[index]
    else:  # a format first: the one .ods is mutated as often as the .xlsx
        suffix = rng.choice(sorted({p.suffix for p in bases}))
        name = rng.choice([*ANY, *BY_SUFFIX[suffix], *BY_SUFFIX[suffix]])
    base = rng.choice([p for p in bases if p.suffix == suffix])
    data = base.read_bytes()
    mutate = BY_SUFFIX[suffix].get(name) or ANY[name]
    data = mutate(rng, data) if data else data
    # now and then a few blind flips on top (not on an archive: its checksums would refuse
    # it before any XML is read)
    if data and base.suffix not in (".xlsx", ".ods") and rng.random() < 0.3:
        data = flip_bytes(rng, data)
        name += "+flip_bytes"
    return Mutant(index, base.name, name, base.suffix, data)
