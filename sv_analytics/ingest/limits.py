"""Every cap on an uploaded file, in one place, with the reason for each number.

Why caps at all: the readers behind the importers (python-calamine, openpyxl, zlib) trust
the file. One cell at XFD1048576 makes calamine allocate a dense 1,048,576 × 16,384 grid
(512 GB: the process aborts), a 1 MB zip inflates to 1 GiB, and openpyxl pads every row up
to the far column (CPU for half an hour). The caps below are checked on the raw zip and the
raw sheet XML *before* a reader sees the file (``xlsx.check_package``), and the reader then
runs in a child process with an address-space and time limit (``sandbox.run_limited``), so
an unforeseen case ends in a Dutch refusal instead of a dead server.

How the numbers were chosen (measured on this project's files, see bench/bench_hostile.py):

* the legit 100,000-row monitoring workbook (bench/make_big_workbook.py) is 7.1 MB; its
  Deelname sheet inflates to 63 MB (ratio 9:1), the largest member ratio seen is 15:1,
  it has 58 zip members; the child that reads it peaks at about 205 MB RSS;
* the real RIVM 50090NED sample (../shared/reference) is 61 rows × 43 columns (A1:AQ61);
  a full national 50090NED download is about 17,000 regions per age group, a CBS kwb file
  about 17,000 rows × 120 columns.
"""

from __future__ import annotations

from dataclasses import dataclass

from sv_analytics import fmt

MIB = 1024 * 1024

# ----------------------------------------------------------------------------- any file
#: Largest file any importer accepts, in the browser (the browser's own limit in .streamlit/config.toml is higher on purpose, so that the page says it in Dutch; ui/uploads.py)
#: and on the command line alike. A workbook at the row caps below stays far under it.
MAX_FILE_BYTES = 50 * MIB
#: How the size limit is written in Dutch messages.
MAX_FILE_TEXT = "50 MB"

# ----------------------------------------------------------------------------- zip container
#: Zip members of one .xlsx. Excel writes 10–100 (58 for the monitoring template); a
#: million tiny members would cost hundreds of MB just to list.
MAX_ZIP_MEMBERS = 2_000
#: Size of the zip central directory, checked before Python's zipfile lists it.
MAX_CENTRAL_DIRECTORY_BYTES = 2 * MIB
#: Declared uncompressed size of one member. The Deelname sheet at its row cap (240,101
#: rows × 23 columns) is about 160 MB of XML when written by openpyxl, less by Excel.
MAX_MEMBER_BYTES = 256 * MIB
#: Sum of the declared uncompressed sizes of all members.
MAX_TOTAL_BYTES = 400 * MIB
#: Uncompressed / compressed size of a member larger than RATIO_MIN_BYTES. Real sheets
#: compress 5–20:1; deflate's ceiling is about 1,030:1, which is what zip bombs use.
MAX_RATIO = 100
#: Members smaller than this may compress better (tiny, repetitive XML is harmless).
RATIO_MIN_BYTES = 1 * MIB

# ----------------------------------------------------------------------------- XML members
#: Compressed bytes fed to zlib per step, and the most it may return per step: the scanner
#: never holds more than one step (plus a carried partial tag) of a large member in memory.
#: Small steps are also the fastest here (they stay in the CPU cache): 0.8 s of checks for
#: the 63 MB Deelname sheet at 256 KiB, 1.1 s at 4 MiB.
INFLATE_INPUT_BYTES = 64 * 1024
INFLATE_OUTPUT_BYTES = 256 * 1024
#: Longest run without a tag boundary (a tag, or a cell's text) inside a sheet's cells; one
#: longer than this plus one step is refused. Excel's longest cell text is 32,767
#: characters (under 128 KB of XML); calamine holds such a run in memory at once.
MAX_CARRY_BYTES = 1 * MIB
#: Sheets listed in xl/workbook.xml. The template has 18; each sheet may use its own caps,
#: so their number bounds the whole workbook's grid (calamine makes one grid per sheet).
MAX_SHEETS = 100
#: Formula cells reported one by one; beyond this the workbook is refused as a whole.
MAX_FORMULA_CELLS = 10_000
#: Entries of xl/sharedStrings.xml (calamine keeps each as a separate string).
MAX_SHARED_STRINGS = 1_000_000


@dataclass(frozen=True)
class SheetCaps:
    """The farthest cell a sheet may use: ``rows`` (1-based, header included) × ``columns``."""

    rows: int
    columns: int

    def outside(self, column: int, row: int) -> bool:
        """Whether the cell (1-based column and row) lies beyond the caps."""
        return column > self.columns or row > self.rows

    def text(self) -> str:
        """The caps as a refusal states them (Dutch)."""
        return f"hoogstens {fmt.number(self.rows)} rijen en {fmt.number(self.columns)} kolommen"


@dataclass(frozen=True)
class BookCaps:
    """Caps per sheet name, and the caps of every sheet not named (unknown sheets included).

    ``scope`` ends the Dutch sentence "… ligt buiten het bereik …" of a refusal.
    """

    sheets: dict[str, SheetCaps]
    default: SheetCaps
    scope: str

    def of(self, sheet: str | None) -> SheetCaps:
        return self.sheets.get(sheet or "", self.default)


# ----------------------------------------------------------------------------- monitoring workbook
#: The plausible maximum of *data* rows per sheet is declared with the sheet itself
#: (workbook_spec.Sheet.max_rows: Deelname and Doorverwijzingen 5,000 activities × 48 months
#: of 2016–2019, lists a projectleider types by hand 5,000, the short lists less); this is
#: the fallback.
WORKBOOK_DEFAULT_DATA_ROWS = 5_000
#: Rows on top of the data rows: the header, the template's example rows, rows left empty.
WORKBOOK_ROW_SLACK = 100
#: Columns on top of the spec's columns and the first (Voorbeeld/marker) column, so that a
#: user's extra column still gets the validator's precise "onbekende kolom" message.
WORKBOOK_COLUMN_SLACK = 5
#: Toelichting (labels in A, values in B, text), Lijsten (one column per closed list),
#: and any sheet the template does not have.
WORKBOOK_OTHER_SHEETS = SheetCaps(rows=5_000, columns=100)


def workbook_caps() -> BookCaps:
    """The monitoring workbook's caps, derived from workbook_spec.SHEETS *now*.

    Why at call time: the spec gains sheets and columns (another sheet, another column is
    one line there); caps computed at import time would refuse the new template.
    """
    from sv_analytics.ingest import workbook_spec

    sheets = {}
    for sheet in workbook_spec.SHEETS:
        data_rows = sheet.max_rows or WORKBOOK_DEFAULT_DATA_ROWS
        sheets[sheet.name] = SheetCaps(
            rows=1 + data_rows + WORKBOOK_ROW_SLACK,
            columns=1 + len(sheet.columns) + WORKBOOK_COLUMN_SLACK,
        )
    return BookCaps(sheets, WORKBOOK_OTHER_SHEETS, "van het sjabloon")


# ----------------------------------------------------------------------------- public files
#: Any sheet of a public CBS/RIVM .xlsx: a national kwb or 50090NED file has about 17,000
#: rows per year (× 3 age groups for RIVM = 51,000) and up to ~130 columns; twice that.
PUBLIC_SHEET = SheetCaps(rows=120_000, columns=260)


def public_caps() -> BookCaps:
    """Caps of a public-data workbook: every sheet alike (the data sheet's name varies)."""
    return BookCaps({}, PUBLIC_SHEET, "dat voor een publiek gegevensbestand is toegestaan")


# ----------------------------------------------------------------------------- the reading child
#: Address space of the child that reads a file (RLIMIT_AS), on top of what the child has
#: mapped when it starts (the interpreter and the preloaded readers: ~400 MB mapped, ~65 MB
#: resident, shared with the fork server). Measured: reading the 100,000-row workbook grows
#: it by ~140 MB (+ ~40 MB to send the result; peak RSS 205 MB); a Deelname sheet filled
#: to its row cap (240,000 rows × 17 columns) by ~330 MB (peak RSS 390 MB). 432 MiB fits
#: both, and start + limit keeps any reader's peak RSS at about 500 MB whatever the file.
#: The hostile corpus is refused by the package check long before (child peak ≤ 90 MB).
READER_MEMORY_BYTES = 432 * MIB
#: Extra address space of the child that reads *and validates* a monitoring workbook and
#: builds its table rows (ingest/workbook.validate_offline): the 100,000-row workbook's
#: records and its 1.3 million table rows come on top of reading. Hostile files never get
#: this far: the package checks refuse them first, within the same child.
VALIDATE_MEMORY_BYTES = 2048 * MIB
#: Wall-clock seconds a reader may take. Reading the 100,000-row workbook takes 4–5 s here, a
#: national kwb xlsx (16,000 rows × 120 columns) 10 s; the limit leaves room for a shared,
#: busy machine (the CPU-time backstop, RLIMIT_CPU, is this plus 2 s). Hostile files never
#: need it: the package check refuses them within about a second.
READER_SECONDS = 60.0
