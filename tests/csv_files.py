"""The small ``;``-separated files tests write by hand."""

from __future__ import annotations

from pathlib import Path


def write_csv(path: Path, header: str, *lines: str) -> Path:
    """``path`` holding ``header`` then ``lines``, one a line, UTF-8; returns ``path``."""
    path.write_text("\n".join((header, *lines)) + "\n", encoding="utf-8")
    return path
