"""Dispatch workbooks: one per logistics partner and the team's allocation workbook —
their columns, their rows and their writing (the allocate command itself is in
``actions/allocate.py``)."""
