"""``--columns FILE.toml``: headers of one's own mapped to columns, per kind (SPEC §2).

Web forms (Google Forms, Framaforms, Typeform…) export their questions as headers ("Nom de
votre structure", "Nombre d'ordinateurs portables souhaités"). A mapping file says, per kind
of file, which column each such header stands for::

    [besoins]
    "Nom de votre structure" = "nom_structure"
    "Nombre d'ordinateurs portables souhaités" = "portables"

Tables: ``besoins``, ``dons``, ``partenaires``, ``livraisons`` (or ``needs``, ``donations``,
``partners``, ``deliveries``). A header is matched as every header is (case, accents, spaces,
punctuation and a trailing ``s`` ignored), before the built-in aliases. A mapping file that
cannot be used (missing, bad TOML, unknown kind or column, a value that is not a column name)
is refused before any input file is read: ``UsageError``, exit 2, naming the file and line.
A mapped header absent from an input file of that kind is a warning there
(``mapped-header-absent``): one mapping serves every weekly export, and a question dropped
from the form must not stop the run; a required column it stood for is still an error
(``missing-column``), and a quantity header left unmapped still is (``unmapped-quantity-column``).
"""

from __future__ import annotations

import tomllib
from collections.abc import Mapping
from dataclasses import dataclass, field
from pathlib import Path

from .errors import UsageError
from .messages import Lang, say
from .models import Kind
from .schema import column_names
from .textnorm import header_key
from .toml_faults import key_line, syntax_fault, toml_text

__all__ = ["KIND_NAMES", "ColumnMapping", "load_mapping"]

KIND_NAMES: dict[str, Kind] = {
    "besoins": Kind.NEEDS,
    "needs": Kind.NEEDS,
    "dons": Kind.DONATIONS,
    "donations": Kind.DONATIONS,
    "partenaires": Kind.PARTNERS,
    "partners": Kind.PARTNERS,
    "livraisons": Kind.DELIVERIES,
    "deliveries": Kind.DELIVERIES,
}


@dataclass(frozen=True, slots=True)
class ColumnMapping:
    """Per kind: header key -> (column name, the header as the mapping file writes it)."""

    path: str = ""
    tables: dict[Kind, dict[str, tuple[str, str]]] = field(default_factory=dict)

    def keys(self, kind: Kind | None) -> dict[str, str] | None:
        """Header key -> column for files of ``kind`` (None when nothing is mapped)."""
        table = self.tables.get(kind) if kind is not None else None
        return {key: column for key, (column, _) in table.items()} if table else None

    def headers(self, kind: Kind) -> list[tuple[str, str]]:
        """(header as written in the mapping, header key) of ``kind``."""
        return [(text, key) for key, (_, text) in self.tables.get(kind, {}).items()]

    @classmethod
    def from_dict(
        cls, tables: Mapping[str, Mapping[str, str]], lang: Lang = "fr", path: str = ""
    ) -> ColumnMapping:
        """A mapping from Python: ``{"besoins": {"Nom de votre structure": "nom_structure"}}``
        (kinds and columns checked as in a file; ``UsageError`` when one is unknown)."""
        return _build(tables, path or "<dict>", lang, "")


def load_mapping(path: Path, lang: Lang = "fr") -> ColumnMapping:
    """Read a mapping file; ``UsageError`` (exit 2) with its file and line when unusable."""
    try:
        raw = path.read_bytes()
    except OSError:
        raise UsageError(
            "columns-file-missing", say("columns-file-missing", lang, path=str(path))
        ) from None
    try:
        text = raw.decode("utf-8-sig")
        data = tomllib.loads(text)
    except UnicodeDecodeError:
        detail = say("hint-toml-not-utf8", lang)
        raise UsageError(
            "columns-bad-toml",
            say("columns-bad-toml", lang, path=str(path), line=1, detail=detail),
        ) from None
    except tomllib.TOMLDecodeError as error:
        line, detail = syntax_fault(error, text, lang)
        raise UsageError(
            "columns-bad-toml",
            say("columns-bad-toml", lang, path=str(path), line=line, detail=detail),
        ) from None
    return _build(data, str(path), lang, text)


def _build(data: Mapping[str, object], path: str, lang: Lang, text: str) -> ColumnMapping:
    tables: dict[Kind, dict[str, tuple[str, str]]] = {}
    for kind_name, table in data.items():
        kind = KIND_NAMES.get(kind_name.strip().lower())
        line = _line(text, kind_name)
        if kind is None:
            raise UsageError(
                "columns-unknown-kind",
                say(
                    "columns-unknown-kind",
                    lang,
                    path=path,
                    line=line,
                    value=kind_name,
                    kinds="besoins, dons, partenaires, livraisons",
                ),
            )
        if not isinstance(table, dict):
            raise UsageError(
                "columns-not-table",
                say("columns-not-table", lang, path=path, line=line, value=kind_name),
            )
        known = column_names(kind)
        mapped = tables.setdefault(kind, {})
        for header, column in table.items():
            line = _line(text, kind_name, header)
            if isinstance(column, dict):  # [besoins.x] or [besoins.x.y]: a table too deep
                raise UsageError(
                    "columns-nested-table",
                    say(
                        "columns-nested-table",
                        lang,
                        path=path,
                        line=line,
                        value=f"{kind_name}.{header}",
                        kind=kind_name,
                    ),
                )
            if not isinstance(column, str) or column.strip() not in known:
                raise UsageError(
                    "columns-unknown-column",
                    say(
                        "columns-unknown-column",
                        lang,
                        path=path,
                        line=line,
                        header=header,
                        value=toml_text(column),
                        kind=kind_name,
                        columns=", ".join(known),
                    ),
                )
            key = header_key(header)
            if not key:
                raise UsageError(
                    "columns-empty-header",
                    say("columns-empty-header", lang, path=path, line=line, column=column),
                )
            mapped[key] = (column.strip(), header)
    return ColumnMapping(path, tables)


def _line(text: str, *keys: str) -> str:
    """The line of the file where ``keys`` (a kind, or a kind and a header) is given, "?"
    if it cannot be told (a mapping given as a dictionary)."""
    found = key_line(text, keys)
    return str(found) if found else "?"
