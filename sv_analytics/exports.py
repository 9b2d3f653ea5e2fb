"""Tables as CSV and XLSX files for reports and slides, with their definitions attached.

CSV for Dutch Excel: ``;`` separator, decimal comma, UTF-8 with BOM. XLSX: the table on
sheet *Gegevens* and a sheet *Toelichting* with the definition of every indicator used
(from the indicator registry, the same texts the pages show) and, for demo data, the
statement that the figures are fictional.
"""

from __future__ import annotations

import io
from collections.abc import Iterable

import pandas as pd
from openpyxl.styles import Font

from sv_analytics import indicators

DEMO_NOTE = "Demo — fictieve gegevens: deze cijfers zijn verzonnen en zeggen niets over de echte kernen."


def to_csv_bytes(frame: pd.DataFrame) -> bytes:
    return frame.to_csv(index=False, sep=";", decimal=",").encode("utf-8-sig")


def to_xlsx_bytes(
    frame: pd.DataFrame, *, title: str, indicator_codes: Iterable[str] = (), demo: bool = False
) -> bytes:
    """The table plus a Toelichting sheet (title, demo note, indicator definitions)."""
    buffer = io.BytesIO()
    with pd.ExcelWriter(buffer, engine="openpyxl") as writer:
        frame.to_excel(writer, sheet_name="Gegevens", index=False)
        sheet = writer.book.create_sheet("Toelichting")
        sheet.append([title])
        sheet["A1"].font = Font(bold=True, size=13)
        if demo:
            sheet.append([DEMO_NOTE])
        sheet.append([])
        sheet.append(["Indicator", "Definitie", "Berekening", "Eenheid", "Bron", "Let op"])
        for cell in sheet[sheet.max_row]:
            cell.font = Font(bold=True)
        for code in indicator_codes:
            ind = indicators.get(code)
            sheet.append([ind.name, ind.definition, ind.formula, ind.unit, ind.source, ind.caveats])
        for column, width in zip("ABCDEF", (28, 60, 50, 14, 40, 50), strict=True):
            sheet.column_dimensions[column].width = width
        data_sheet = writer.book["Gegevens"]
        for column_cells in data_sheet.columns:
            width = max(len(str(c.value or "")) for c in column_cells[:200])
            data_sheet.column_dimensions[column_cells[0].column_letter].width = min(max(10, width + 2), 50)
    return buffer.getvalue()
