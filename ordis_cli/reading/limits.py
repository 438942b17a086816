"""The limits a file must respect before any parser sees it (SPEC §2), and the limits the
third-party parser runs under (``contained``)."""

MAX_DATA_ROWS = 1_000_000
HEADER_SEARCH_ROWS = 20
# A sheet may hold a few title rows above the header, so rows are counted with that margin.
MAX_SHEET_ROWS = MAX_DATA_ROWS + HEADER_SEARCH_ROWS
MAX_COLUMNS = 200
# What calamine allocates is the sheet's extent, farthest row × farthest column, whatever
# lies between: a million rows of 20 columns (a needs file has 18), not A1 with GR1000020.
MAX_CELLS = MAX_SHEET_ROWS * 20
MAX_SHEETS = 100
MAX_UNPACKED_BYTES = 2 * 1024 * 1024 * 1024
MAX_RATIO = 100
# Below this size a member's ratio says nothing (a tiny repetitive XML part compresses well).
RATIO_MIN_BYTES = 1024 * 1024
# XML members are scanned in chunks of this size, each with the end of the one before.
SCAN_CHUNK_BYTES = 8 * 1024 * 1024
SCAN_OVERLAP_BYTES = 64
# A value quoted in a message is cut to this many characters.
QUOTED_CHARS = 200

# The child process that runs the workbook parser: address space it may add to what it
# inherits, and how long the parent waits for each answer before stopping it.
PARSER_EXTRA_ADDRESS_SPACE = 1024 * 1024 * 1024
PARSER_SECONDS = 120.0
