"""Helpers to make monitoring workbooks for tests: a small valid one, and edits of it."""

from __future__ import annotations

from pathlib import Path

import duckdb
from openpyxl import load_workbook

from sv_analytics.ingest import template
from sv_analytics.ingest.workbook_spec import EXAMPLE_HEADER, SHEETS


def valid_workbook(conn: duckdb.DuckDBPyConnection, path: Path, kern: str = "bathmen") -> Path:
    """The template's example rows turned into real rows: a small, valid workbook."""
    path.write_bytes(template.build_workbook(conn, kern))
    book = load_workbook(path)
    for spec in SHEETS:
        sheet = book[spec.name]
        for row in range(2, sheet.max_row + 1):
            sheet.cell(row, 1).value = None
    book.save(path)
    return path


def export_workbook(conn: duckdb.DuckDBPyConnection, path: Path, kern: str, **period) -> Path:
    path.write_bytes(template.build_workbook(conn, kern, with_data=True, **period))
    return path


def column_of(sheet, header: str) -> int:
    for cell in sheet[1]:
        if cell.value and str(cell.value).rstrip(" *") == header:
            return cell.column
    raise KeyError(header)


def set_cell(
    path: Path, sheet_name: str, header: str, row: int, value: object, *, as_text: bool = False
) -> Path:
    """Set one cell by sheet, column header and row (row 2 = first data row)."""
    book = load_workbook(path)
    sheet = book[sheet_name]
    cell = sheet.cell(row, column_of(sheet, header))
    cell.value = value
    if as_text:  # keep a leading '=' as text instead of a formula
        cell.data_type = "s"
    book.save(path)
    return path


def header_of(path: Path, sheet_name: str) -> list[str]:
    book = load_workbook(path, read_only=True)
    return [c.value for c in next(book[sheet_name].iter_rows(max_row=1))]


__all__ = ["EXAMPLE_HEADER", "export_workbook", "set_cell", "valid_workbook"]
