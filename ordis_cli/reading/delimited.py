"""CSV and text exports: encoding and delimiter detection, streamed row by row.

A French Excel "CSV (séparateur : point-virgule)" is Windows-1252 with ``;``; other tools
write UTF-8 (with or without BOM), commas or tabs; Excel's "Texte Unicode" is UTF-16 with
tabs. Bytes that are not valid UTF-8 in an otherwise UTF-8 file are read as Windows-1252.
"""

from __future__ import annotations

import codecs
import csv
import io
from collections import Counter
from collections.abc import Iterator
from pathlib import Path

from .workbook import SheetRows

_SAMPLE_BYTES = 256 * 1024
_DELIMITERS = (";", "\t", ",")
_FALLBACK = "ordis-cp1252"


def _cp1252_fallback(error: UnicodeError) -> tuple[str, int]:
    assert isinstance(error, UnicodeDecodeError)
    bad = error.object[error.start : error.end]
    return bad.decode("cp1252", errors="replace"), error.end


codecs.register_error(_FALLBACK, _cp1252_fallback)
csv.field_size_limit(1 << 24)


def detect_encoding(sample: bytes) -> str:
    if sample.startswith(codecs.BOM_UTF8):
        return "utf-8-sig"
    if sample.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)):
        return "utf-16"
    decoder = codecs.getincrementaldecoder("utf-8")()
    try:
        decoder.decode(sample, final=False)
    except UnicodeDecodeError:
        return "cp1252"
    return "utf-8"


def detect_delimiter(text: str) -> str:
    """The delimiter that splits the most sample lines into the same number (>1) of fields."""
    lines = text.splitlines()[:60]
    if len(lines) > 1:
        lines = lines[:-1]  # the last sampled line may be cut short
    best, best_score = ";", (0, 0)
    for delimiter in _DELIMITERS:
        widths = Counter(len(r) for r in csv.reader(lines, delimiter=delimiter) if any(r))
        widths.pop(1, None)
        if not widths:
            continue
        width, count = widths.most_common(1)[0]
        score = (count, width)
        if score > best_score:
            best, best_score = delimiter, score
    return best


def read_delimited(path: Path) -> SheetRows:
    with path.open("rb") as handle:
        sample = handle.read(_SAMPLE_BYTES)
    encoding = detect_encoding(sample)
    errors = _FALLBACK if encoding.startswith("utf-8") else "replace"
    text_sample = sample.decode(encoding, errors=errors if encoding != "cp1252" else "replace")
    delimiter = detect_delimiter(text_sample)
    return SheetRows(None, _rows(path, encoding, errors, delimiter), 0)


def _rows(path: Path, encoding: str, errors: str, delimiter: str) -> Iterator[list[str]]:
    with path.open("rb") as raw:
        text = io.TextIOWrapper(raw, encoding=encoding, errors=errors, newline="")
        yield from csv.reader(text, delimiter=delimiter)
