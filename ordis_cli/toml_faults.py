"""Where a settings file (the allocation policy, ``--columns``) breaks TOML's syntax, and
what is wrong there, in the user's language: tomllib says it in English only."""

from __future__ import annotations

import re
import tomllib

from .messages import Lang, say

_AT = re.compile(r" \(at line (?P<line>\d+), column (?P<column>\d+)\)$")
_AT_END = " (at end of document)"

# tomllib's sentence -> the catalogue's, for the faults people make by hand; another
# sentence is said as "syntax not recognised" in French, and as tomllib says it in English
_FAULTS: tuple[tuple[re.Pattern[str], str], ...] = tuple(
    (re.compile(pattern), key)
    for pattern, key in (
        (r"^Invalid value$", "hint-toml-value"),
        (r"^Expected '=' after a key", "hint-toml-equals"),
        (r"^Expected '(?P<bracket>\]\]?)' at the end of a", "hint-toml-table-name"),
        (r"^Unclosed array$", "hint-toml-list"),
        (r"^Unclosed inline table$", "hint-toml-inline-table"),
        (
            r"^(Unterminated string|Illegal character '\\n'|Expected \"'(?:'')?\")$",
            "hint-toml-string",
        ),
        (
            r"^(Invalid hex value|Escaped character is not a Unicode scalar value)$",
            "hint-toml-escape",
        ),
        (
            r"^(Cannot overwrite a value|Cannot declare .* twice|Cannot redefine namespace|"
            r"Cannot mutate immutable namespace|Duplicate inline table key)",
            "hint-toml-twice",
        ),
        (r"^Invalid statement$", "hint-toml-statement"),
        (r"^Expected newline or end of document after a statement$", "hint-toml-line-end"),
        (r"^Unescaped '\\' in a string$", "hint-toml-backslash"),
        (r"^Invalid date or datetime$", "hint-toml-date"),
        (
            r"^(Illegal character|Found invalid character|Invalid initial character)",
            "hint-toml-character",
        ),
    )
)


def syntax_fault(error: tomllib.TOMLDecodeError, text: str, lang: Lang) -> tuple[int, str]:
    """The line of ``error`` in ``text`` and what is wrong there, in ``lang``: the column
    and the fault (« colonne 10 : « ] » attendu à la fin du nom de la table »), or the end
    of the file (an unclosed list, a value missing)."""
    message = str(error)
    found = _AT.search(message)
    if found is None:  # what was opened is never closed, or the last value is missing
        what = message.removesuffix(_AT_END)
        fault = say("hint-toml-unfinished", lang) if what == "Invalid value" else _fault(what, lang)
        return len(text.splitlines()) or 1, say("hint-toml-at-end", lang, fault=fault)
    what = message[: found.start()]
    fault = _fault(what, lang)
    return int(found["line"]), say("hint-toml-at", lang, column=found["column"], fault=fault)


def _fault(what: str, lang: Lang) -> str:
    for pattern, key in _FAULTS:
        found = pattern.match(what)
        if found is not None:
            return say(key, lang, **found.groupdict())
    return what if lang == "en" else say("hint-toml-other", lang)


def toml_text(value: object, *, inside: bool = False) -> str:
    """``value`` as a TOML file writes it (``[1, 2]``, ``{ fixe = 1 }``, ``true``), to quote
    a value at fault as the person wrote it rather than as Python prints it; a text alone
    is shown bare (the message puts it in quotes), inside a list or table in ``"…"``."""
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, str):
        return '"' + value.replace("\\", "\\\\").replace('"', '\\"') + '"' if inside else value
    if isinstance(value, list | tuple):
        return "[" + ", ".join(toml_text(item, inside=True) for item in value) + "]"
    if isinstance(value, dict):
        pairs = ", ".join(f"{key} = {toml_text(item, inside=True)}" for key, item in value.items())
        return "{ " + pairs + " }" if pairs else "{}"
    if hasattr(value, "isoformat"):
        return str(value.isoformat())
    return str(value)


def key_line(text: str, keys: tuple[str, ...]) -> int | None:
    """The line of the TOML ``text`` where ``keys`` (``("cap",)``, ``("coordination",
    "telephone")``, ``("besoins", "Nb. portables")``) is given: its table's header (or a
    deeper table's, ``[besoins.x.y]`` for ``("besoins", "x")``), or its ``key = …`` line,
    dotted or not, under the table above it; None where it cannot be told."""
    table: tuple[str, ...] = ()
    for number, line in enumerate(text.splitlines(), 1):
        name, equals = _key_of(line)
        if name is None:
            continue
        if not equals:  # [table] or [[table]]
            table = name
            if table[: len(keys)] == keys:
                return number
        elif len(table) < len(keys):
            given = (*table, *name)
            shorter = min(len(given), len(keys))  # « nom.prenom = … » gives the key « nom »
            if given[:shorter] == keys[:shorter]:
                return number
    return None


def _key_of(line: str) -> tuple[tuple[str, ...] | None, bool]:
    """The dotted name a TOML line gives, as its parts (quotes removed: « "Nb. portables" »
    is one part), and whether it is a ``key = value`` line rather than a ``[table]``;
    ``(None, False)`` for a line of neither (blank, comment, a list's continuation)."""
    written = line.strip()
    is_table = written.startswith("[")
    parts, current, quote = [], "", ""
    for char in written.lstrip("[") if is_table else written:
        if quote:
            if char == quote:
                quote = ""
            else:
                current += char
        elif char in "\"'":
            quote = char
        elif char == ".":
            parts.append(current.strip())
            current = ""
        elif char in ("]", "#") or (char == "=" and not is_table):
            parts.append(current.strip())
            if char == "=" or is_table:
                return tuple(parts), char == "="
            return None, False
        else:
            current += char
    return None, False
