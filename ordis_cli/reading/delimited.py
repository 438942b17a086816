"""CSV and text exports: encoding and delimiter detection, then blocks of rows.

A French Excel "CSV (séparateur : point-virgule)" is Windows-1252 with ``;``; other tools
write UTF-8 (with or without BOM), commas or tabs; Excel's "Texte Unicode" is UTF-16 with
tabs. Bytes that are not valid UTF-8 in an otherwise UTF-8 file are read as Windows-1252.

The header is looked for in a sample read with the ``csv`` module; the data rows are then
parsed by pandas' C parser, every cell as text (no type guessing: ``01000`` stays
``01000``), which is several times faster than the ``csv`` module on large files.
"""

from __future__ import annotations

import codecs
import csv
import io
import re
from collections import Counter
from collections.abc import Iterator
from pathlib import Path
from typing import Any

from ..errors import ReadingError
from ..messages import Lang, say
from ..textnorm import column_letter
from . import limits
from .source import Numbered, RawBlock, first_rows, too_many_rows

_SAMPLE_BYTES = 256 * 1024
_DELIMITERS = (";", "\t", ",")
_FALLBACK = "ordis-cp1252"
_WIDER = re.compile(r"Expected \d+ fields in line \d+, saw (\d+)")


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


class CsvSource:
    """A delimited text file."""

    name = None
    text_only = True

    def __init__(self, path: Path, lang: Lang) -> None:
        self.path = path
        self.lang = lang
        with path.open("rb") as handle:
            sample = handle.read(_SAMPLE_BYTES)
            complete = not handle.read(1)
        self.encoding = detect_encoding(sample)
        self.errors = _FALLBACK if self.encoding.startswith("utf-8") else "replace"
        text = sample.decode(self.encoding, errors="replace")
        if not complete:
            text = text[: text.rfind("\n") + 1]  # drop the row the sample cut
        self.delimiter = detect_delimiter(text)
        try:
            self._sample = list(csv.reader(io.StringIO(text, newline=""), delimiter=self.delimiter))
        except csv.Error as exc:
            raise self._corrupted(_parser_detail(str(exc), lang)) from exc
        widest = max((len(row) for row in self._sample), default=0)
        if widest > limits.MAX_COLUMNS:  # also when no header is found in so many columns
            raise ReadingError(
                "too-many-columns",
                say("too-many-columns", lang, sheet="-", column=column_letter(widest - 1)),
                str(path),
            )

    def head(self, wanted: int) -> list[Numbered]:
        return first_rows(iter(self._sample), wanted)

    def rows(self) -> Iterator[list[Any]]:
        with self.path.open("rb") as raw:
            text = io.TextIOWrapper(raw, encoding=self.encoding, errors=self.errors, newline="")
            try:
                yield from csv.reader(text, delimiter=self.delimiter)
            except (csv.Error, UnicodeError) as exc:
                raise self._corrupted(_parser_detail(str(exc), self.lang)) from exc

    def _corrupted(self, detail: str) -> ReadingError:
        return ReadingError(
            "corrupted-file", say("corrupted-file", self.lang, detail=detail), str(self.path)
        )

    def blocks(self, header_row: int, positions: dict[str, int], size: int) -> Iterator[RawBlock]:
        import pandas as pd  # only CSV files need it: imported on first use

        width = max([len(r) for r in self._sample] + [max(positions.values(), default=0) + 1])
        done = 0
        while True:
            try:
                for chunk in self._chunks(pd, header_row + done, width, size):
                    first = header_row + done + 1
                    last = first + len(chunk) - 1
                    if last > limits.MAX_SHEET_ROWS:
                        raise too_many_rows(str(self.path), None, last, self.lang)
                    columns = {name: chunk[i].tolist() for name, i in positions.items()}
                    done += len(chunk)
                    yield list(range(first, last + 1)), columns
                return
            except pd.errors.EmptyDataError:
                return
            except pd.errors.ParserError as exc:
                wider = _WIDER.search(str(exc))
                if not wider:
                    raise self._corrupted(_parser_detail(str(exc), self.lang)) from exc
                width = int(wider.group(1))
                if width > limits.MAX_COLUMNS:
                    raise ReadingError(
                        "too-many-columns",
                        say(
                            "too-many-columns",
                            self.lang,
                            sheet="-",
                            column=column_letter(width - 1),
                        ),
                        str(self.path),
                    ) from exc
            except (csv.Error, UnicodeError, ValueError, OverflowError) as exc:
                raise self._corrupted(_parser_detail(str(exc), self.lang)) from exc

    def _chunks(self, pd: Any, skip: int, width: int, size: int) -> Iterator[Any]:
        reader = pd.read_csv(
            self.path,
            sep=self.delimiter,
            header=None,
            names=list(range(width)),
            skiprows=skip,
            dtype=str,
            na_filter=False,
            keep_default_na=False,
            skip_blank_lines=False,
            chunksize=size,
            engine="c",
            quotechar='"',
            encoding=self.encoding,
            encoding_errors=self.errors,
            index_col=False,
        )
        with reader:
            yield from reader


def _parser_detail(text: str, lang: Lang) -> str:
    """The CSV parser's complaint, in the user's words where we know it."""
    if "EOF inside string" in text or "unexpected end of data" in text:
        return (
            "CSV : un guillemet ouvert n'est jamais fermé"
            if lang == "fr"
            else "CSV: a quotation mark is opened and never closed"
        )
    return f"CSV : {text.strip()[:100]}"


_WORKBOOK_MAGIC = (b"PK\x03\x04", b"\xd0\xcf\x11\xe0")  # xlsx/ods archives, xls (OLE)


def warm_up(paths: list[Path]) -> None:
    """Import pandas here, once, when one of ``paths`` may be a text file: a reading child
    forked without it would import it again for every file (0.3 s each)."""
    for path in paths:
        try:
            with path.open("rb") as handle:
                head = handle.read(4)
        except OSError:
            continue
        if not head.startswith(_WORKBOOK_MAGIC):
            import pandas  # noqa: F401  # kept loaded for the children to come

            return
