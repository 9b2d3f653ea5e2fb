"""Which importer a file is for: the monitoring workbook, or a public data file.

An .xlsx that has the workbook's Toelichting sheet or any of its data sheets is a workbook
(so a damaged workbook still gets the workbook's precise messages); an .xlsx that is not a
valid zip also goes to the workbook importer, whose sniffing explains what the file is.
Everything else is tried as a public CBS/RIVM/PDOK file.
"""

from __future__ import annotations

from pathlib import Path

from python_calamine import CalamineWorkbook

from sv_analytics.ingest import xlsx
from sv_analytics.ingest.workbook_spec import INFO_SHEET, SHEETS

WORKBOOK_SHEETS = frozenset({INFO_SHEET, *(s.name for s in SHEETS)})


def is_workbook(path: Path, name: str | None = None) -> bool:
    name = name or path.name
    if not name.lower().endswith(".xlsx"):
        return False
    try:
        with path.open("rb") as handle:
            head = handle.read(8)
        if not head.startswith(xlsx.ZIP_MAGIC):
            return True
        sheets = set(CalamineWorkbook.from_path(str(path)).sheet_names)
    except Exception:  # unreadable: let the workbook importer explain
        return True
    return bool(sheets & WORKBOOK_SHEETS)
