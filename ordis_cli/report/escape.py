"""Text from the data made inert in each output format.

Names come from coordinators' spreadsheets and may hold anything: ``<script>``, a Markdown
link, a ``|`` that would break a table, control or bidi characters that hide or reverse what
follows. Every name is cleaned (``names.clean_name``) before it reaches a report; then each
format escapes what it would interpret: Markdown here (``md``), HTML by jinja2's
autoescape, XLSX by writing text cells as text (``xlsx_safety``), JSON by its encoder.
"""

from __future__ import annotations

import re
from typing import Any

from ..names import drop_invisible

# Everything CommonMark or GitHub Markdown reads as markup inside a line: emphasis, code,
# links and images, raw HTML and entities, table cells, strikethrough, the escape itself.
_INLINE = re.compile(r"([\\`*_\[\]<>|~&])")
# What starts a block when it comes first: headings, lists, quotes, setext underlines,
# an ordered list's "1." or "1)".
_LEADING = re.compile(r"^(\s*)([#+\-=>]|\d+(?=[.)]))")


def md(value: Any) -> str:
    """``value`` as literal Markdown text: one line, every markup character escaped."""
    text = drop_invisible(str(value)) if value is not None else ""
    text = _INLINE.sub(r"\\\1", text)
    match = _LEADING.match(text)
    if match:
        start = match.end()
        if match.group(2).isdigit():  # "1." -> "1\." : the number stays, the list goes
            text = text[:start] + "\\" + text[start:]
        else:
            text = text[: match.start(2)] + "\\" + text[match.start(2) :]
    return text
