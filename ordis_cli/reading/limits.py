"""The limits a file must respect before any parser sees it (SPEC §2)."""

MAX_DATA_ROWS = 1_000_000
HEADER_SEARCH_ROWS = 20
# A sheet may hold a few title rows above the header, so rows are counted with that margin.
MAX_SHEET_ROWS = MAX_DATA_ROWS + HEADER_SEARCH_ROWS
MAX_COLUMNS = 200
MAX_UNPACKED_BYTES = 500 * 1024 * 1024
MAX_RATIO = 100
# Below this size a member's ratio says nothing (a tiny repetitive XML part compresses well).
RATIO_MIN_BYTES = 1024 * 1024
XML_PROLOG_BYTES = 64 * 1024
