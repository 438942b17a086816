"""A message laid out in a terminal without a line break inside a quoted value.

rich breaks a line at any space, the no-break ones included (``\\s`` in its word pattern), so
« Nom de la structure » could end a line on « and start the next on "structure »". ``Unbroken``
lays the words out itself: a quoted value (« … », “…”, up to ``QUOTE_CHARS`` characters) is
one word; only a word wider than the column is folded.
"""

from __future__ import annotations

import re

from rich.cells import cell_len
from rich.console import Console, ConsoleOptions, RenderResult
from rich.measure import Measurement
from rich.text import Text

QUOTE_CHARS = 60
_WORD = re.compile(rf"(?:«[^»]{{0,{QUOTE_CHARS}}}»|“[^”]{{0,{QUOTE_CHARS}}}”|\S)+|\n")


class Unbroken:
    """A paragraph whose quoted values never break across lines."""

    def __init__(self, text: str, style: str = "") -> None:
        self.text = text
        self.style = style
        self.words = _WORD.findall(text)

    def lines(self, width: int) -> list[str]:
        lines: list[str] = []
        line = ""
        for word in self.words:
            if word == "\n":
                lines.append(line)
                line = ""
            elif line and cell_len(line) + 1 + cell_len(word) > width:
                lines.append(line)
                line = word
            else:
                line = f"{line} {word}" if line else word
        lines.append(line)
        return lines

    def __rich_measure__(self, console: Console, options: ConsoleOptions) -> Measurement:
        longest = max((cell_len(w) for w in self.words), default=0)
        return Measurement(
            min(longest, options.max_width), min(cell_len(self.text), options.max_width)
        )

    def __rich_console__(self, console: Console, options: ConsoleOptions) -> RenderResult:
        text = Text("\n".join(self.lines(options.max_width)), style=self.style, overflow="fold")
        yield text
