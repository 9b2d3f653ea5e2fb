"""Which importer a file is for: the monitoring workbook, or a public data file.

An .xlsx that has the workbook's Toelichting sheet or any of its data sheets is a workbook
(so a damaged workbook still gets the workbook's precise messages); an .xlsx that is not a
valid zip, or whose zip is refused by the package check, also goes to the workbook
importer, whose checks explain what is wrong. Everything else is tried as a public
CBS/RIVM/PDOK file.

Why not calamine here: routing runs in the server process, before any sandbox, so it reads
only the zip's central directory and the small xl/workbook.xml, with bounded effort
(:func:`sv_analytics.ingest.xlsx.sheet_names`).
"""

from __future__ import annotations

from pathlib import Path

from sv_analytics.errors import ValidationError
from sv_analytics.ingest import workbook_spec, xlsx


def workbook_sheets() -> frozenset[str]:
    """The sheet names that make an .xlsx a monitoring workbook, from the spec as it is now."""
    return frozenset({workbook_spec.INFO_SHEET, *(sheet.name for sheet in workbook_spec.SHEETS)})


def is_workbook(path: Path, name: str | None = None) -> bool:
    name = name or path.name
    if not name.lower().endswith(".xlsx"):
        return False
    try:
        with path.open("rb") as handle:
            head = handle.read(8)
        if not head.startswith(xlsx.ZIP_MAGIC):
            return True
        sheets = set(xlsx.sheet_names(path, name))
    except (ValidationError, OSError):  # unreadable or refused: let the workbook importer explain
        return True
    return bool(sheets & workbook_sheets())
