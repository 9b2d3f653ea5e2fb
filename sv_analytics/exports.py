"""Typed tables as CSV and XLSX files that keep their numbers and their context.

XLSX: sheet *Gegevens* holds real numbers and dates (Excel number formats that a Dutch
Excel shows as ``1.234,5``, ``16,3%`` and ``mrt 2018``), the text ``<5`` only in suppressed
cells, and no screen-only columns; sheet *Toelichting* records what was chosen (gemeente,
kern, period, target group, peildatum), the data version and export moment, the demo note
for fictional data, the table's own notes, and the definition, unit and source of every
indicator in the table (from the registry: the same texts the pages show), always with the
registry's entry on the protection of small counts.

Every file is **protected**, whoever exports and whatever the screen showed: the values come
from :meth:`Table.export`, which rounds the protected counts to multiples of 5, shows 1–4 as
``<5`` and derives rates and shares from the rounded counts (:mod:`sv_analytics.privacy`).
There is deliberately no way to ask this module for an exact file.

CSV for Dutch Excel: ``;`` separator, decimal comma, dates as ``2018-03-12`` (ISO, which
Excel reads as a date), UTF-8 with BOM; percentages in percent units with ``(%)`` in the
header. The CSV carries only the table; its context is in the XLSX.

No Streamlit here.
"""

from __future__ import annotations

import csv
import io
from collections.abc import Sequence
from dataclasses import dataclass, field
from datetime import date, datetime

from openpyxl import Workbook
from openpyxl.styles import Alignment, Font
from openpyxl.utils import get_column_letter

from sv_analytics import fmt, indicators, privacy
from sv_analytics.tables import Column, Table
from sv_analytics.texts import t

DEMO_NOTE = "Demo — fictieve gegevens: deze cijfers zijn verzonnen en zeggen niets over de echte kernen."
DATA_SHEET, NOTES_SHEET = "Gegevens", "Toelichting"

#: Excel number formats per column kind. Excel stores the format with '.' thousands and ','
#: decimals swapped to the reader's locale: a Dutch Excel shows 1.234,5 and "mrt 2018".
COUNT_FORMAT = "#,##0"
DATE_FORMAT = "d mmm yyyy"
MONTH_FORMAT = "mmm yyyy"
DATETIME_FORMAT = "d mmm yyyy hh:mm"


def number_format(column: Column) -> str | None:
    """The Excel number format of a column, or None for text."""
    decimals = "." + "0" * column.decimals if column.decimals else ""
    return {
        "count": COUNT_FORMAT,
        "year": "0",
        "number": f"#,##0{decimals}",
        "percent": f"0{decimals}%",
        "date": DATE_FORMAT,
        "month": MONTH_FORMAT,
        "datetime": DATETIME_FORMAT,
    }.get(column.kind)


@dataclass(frozen=True)
class ExportContext:
    """What the reader of an exported file needs to know besides the numbers."""

    title: str
    choices: Sequence[tuple[str, str]] = ()  # ("Gemeente", "Deventer"), ("Periode", "jan 2017 – dec 2018")
    demo: bool = False
    data_version: int | None = None
    source_note: str | None = None
    exported_at: datetime = field(default_factory=lambda: datetime.now().replace(microsecond=0))


# ------------------------------------------------------------------------------------ CSV
def _csv_header(column: Column) -> str:
    return column.label if column.kind != "percent" or "%" in column.label else f"{column.label} (%)"


def _csv_cell(value: object, column: Column) -> str:
    if value is None:
        return ""
    if value == privacy.SUPPRESSED or isinstance(value, str):
        return str(value)
    if isinstance(value, bool):
        return "ja" if value else "nee"
    if isinstance(value, datetime):
        return value.strftime("%Y-%m-%d %H:%M")
    if isinstance(value, date):
        return value.isoformat()
    if column.kind in ("count", "year"):
        return str(int(value))
    if isinstance(value, (int, float)):
        text = f"{value:.{column.decimals}f}" if column.kind in ("number", "percent") else str(value)
        return text.replace(".", ",")
    return str(value)


def to_csv_bytes(table: Table) -> bytes:
    """The table as CSV for a Dutch Excel (``;``, decimal comma, BOM)."""
    columns = table.exported_columns
    rows = table.export()
    buffer = io.StringIO()
    writer = csv.writer(buffer, delimiter=";", lineterminator="\r\n")
    writer.writerow([_csv_header(c) for c in columns])
    for values in rows.itertuples(index=False):
        writer.writerow([_csv_cell(v, c) for v, c in zip(values, columns, strict=True)])
    return buffer.getvalue().encode("utf-8-sig")


# ----------------------------------------------------------------------------------- XLSX
def _xlsx_value(value: object, column: Column) -> object:
    if column.kind == "percent" and isinstance(value, (int, float)) and not isinstance(value, bool):
        return value / 100  # Excel percent cells hold fractions
    if isinstance(value, bool):
        return "ja" if value else "nee"
    return value


def _write_data(sheet, table: Table) -> None:
    columns = table.exported_columns
    sheet.append([c.label for c in columns])
    for cell in sheet[1]:
        cell.font = Font(bold=True)
    formats = [number_format(c) for c in columns]
    for values in table.export().itertuples(index=False):
        sheet.append([_xlsx_value(v, c) for v, c in zip(values, columns, strict=True)])
    for index, (column, number) in enumerate(zip(columns, formats, strict=True), start=1):
        letter = get_column_letter(index)
        for cell in sheet[letter][1:]:
            if number and not isinstance(cell.value, str):
                cell.number_format = number
            if isinstance(cell.value, str) and cell.value == privacy.SUPPRESSED:
                cell.alignment = Alignment(horizontal="right")
        shown = [len(column.label)] + [len(str(c.value or "")) for c in sheet[letter][1:200]]
        sheet.column_dimensions[letter].width = min(max(10, max(shown) + 2), 50)
    sheet.freeze_panes = "A2"


def _write_notes(sheet, table: Table, context: ExportContext) -> None:
    sheet.append([context.title])
    sheet["A1"].font = Font(bold=True, size=13)
    if context.demo:
        sheet.append([DEMO_NOTE])
        sheet.cell(sheet.max_row, 1).font = Font(bold=True, color="9C2B00")
    sheet.append([])
    sheet.append(["Selectie"])
    sheet.cell(sheet.max_row, 1).font = Font(bold=True)
    for label, value in context.choices:
        sheet.append([label, value])
    moment = f"{fmt.day(context.exported_at.date())} {context.exported_at:%H:%M}"
    sheet.append(["Geëxporteerd", moment])
    if context.data_version is not None:
        sheet.append(["Gegevensversie", context.data_version])
    if context.source_note:
        sheet.append(["Bron", context.source_note])
    for note in table.notes:
        sheet.append(["Let op", note])
    if table.protects:
        sheet.append([t("privacy.export_label"), t("privacy.export_note")])
    sheet.append([])
    sheet.append(["Indicator", "Definitie", "Berekening", "Eenheid", "Bron", "Let op"])
    for cell in sheet[sheet.max_row]:
        cell.font = Font(bold=True)
    for code in dict.fromkeys([*table.indicator_codes, indicators.PRIVACY_METHOD]):
        ind = indicators.get(code)
        sheet.append([ind.name, ind.definition, ind.formula, ind.unit, ind.source, ind.caveats])
    for column, width in zip("ABCDEF", (28, 60, 50, 14, 40, 50), strict=True):
        sheet.column_dimensions[column].width = width


def to_xlsx_bytes(table: Table, context: ExportContext) -> bytes:
    """The table on *Gegevens* (typed cells) and its context on *Toelichting*."""
    book = Workbook()
    data = book.active
    data.title = DATA_SHEET
    _write_data(data, table)
    _write_notes(book.create_sheet(NOTES_SHEET), table, context)
    buffer = io.BytesIO()
    book.save(buffer)
    return buffer.getvalue()
