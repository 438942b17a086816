"""Reading coordinators' files: byte inspection, workbooks, CSV, header and kind detection."""

from .table import Table, open_table

__all__ = ["Table", "open_table"]
