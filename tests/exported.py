"""Read a typed table's exports back as a user's Excel would, and check what every export owes.

One reader for all table tests (tests/test_<feature>_tables.py): :func:`read_xlsx` writes the
table with ``exports.to_xlsx_bytes``, opens it with openpyxl and asserts the rules that hold
for every exported table — exactly the exported columns (no links, no screen-only text), a
number where the kind is a number (with its Excel number format), a date cell where it is a
date, ``<5`` only in protected columns, the Toelichting with title, choices, demo note and the
definition of every indicator. The tests then compare the numbers with their own SQL.
"""

from __future__ import annotations

import csv
import io
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date, datetime

import openpyxl
from openpyxl.cell.cell import Cell

from sv_analytics import exports, indicators, privacy, tables
from sv_analytics.tables import Table

DATE_FORMATS = {exports.DATE_FORMAT, exports.MONTH_FORMAT, exports.DATETIME_FORMAT}


def is_number(value: object) -> bool:
    return isinstance(value, (int, float)) and not isinstance(value, bool)


@dataclass(frozen=True)
class Exported:
    """An exported table read back: header, cells per row, the Toelichting rows (no empty cells)."""

    header: list[str]
    cells: list[list[Cell]]
    notes: list[list[object]]

    @property
    def rows(self) -> list[dict[str, object]]:
        """Values per row, by header."""
        return [{h: c.value for h, c in zip(self.header, row, strict=True)} for row in self.cells]

    @property
    def cell_rows(self) -> list[dict[str, Cell]]:
        return [dict(zip(self.header, row, strict=True)) for row in self.cells]

    def column(self, label: str) -> list[object]:
        index = self.header.index(label)
        return [row[index].value for row in self.cells]

    @property
    def named_notes(self) -> dict[object, list[object]]:
        return {row[0]: row for row in self.notes if row}


def assert_typed(cell: Cell, column: tables.Column) -> None:
    """The cell holds what its column's kind promises (or is empty, or a protected ``<5``)."""
    value = cell.value
    where = (column.label, cell.coordinate, value)
    if value is None:
        return
    if value == privacy.SUPPRESSED:
        assert column.protected_by, where
    elif column.kind in ("count", "year"):
        assert type(value) is int, where
        assert cell.number_format == exports.number_format(column), where
    elif column.kind in ("number", "percent"):
        assert is_number(value) and cell.number_format == exports.number_format(column), where
    elif column.kind in tables.DATE_KINDS:
        assert cell.is_date and isinstance(value, (date, datetime)) and cell.number_format in DATE_FORMATS, (
            where
        )
    elif column.kind == "bool":
        assert value in ("ja", "nee"), where
    else:
        assert isinstance(value, str) and "?kern=" not in value, where


def read_xlsx(
    table: Table, title: str = "Test", *, choices: Sequence[tuple[str, str]] = (), demo: bool = False
) -> Exported:
    """The table's XLSX export read back with openpyxl, after the checks every export must pass."""
    context = exports.ExportContext(title=title, choices=tuple(choices), demo=demo, data_version=3)
    book = openpyxl.load_workbook(io.BytesIO(exports.to_xlsx_bytes(table, context)))
    assert book.sheetnames == [exports.DATA_SHEET, exports.NOTES_SHEET]
    sheet = book[exports.DATA_SHEET]
    header = [c.value for c in sheet[1]]
    assert header == [c.label for c in table.exported_columns]
    assert not {c.label for c in table.columns if c.kind == "link" or not c.export} & set(header)
    assert list(table.display().columns) == [c.label for c in table.screen_columns]
    cells = [list(row) for row in sheet.iter_rows(min_row=2)]
    assert len(cells) == len(table)
    for index, column in enumerate(table.exported_columns):
        for row in cells:
            assert_typed(row[index], column)
    notes = [
        [v for v in row if v is not None] for row in book[exports.NOTES_SHEET].iter_rows(values_only=True)
    ]
    found = Exported(header, cells, notes)
    assert notes[0] == [title]
    assert ([exports.DEMO_NOTE] in notes) is demo
    for label, value in choices:
        assert [label, value] in notes
    assert found.named_notes["Gegevensversie"][1] == 3
    for code in table.indicator_codes:
        indicator = indicators.get(code)
        assert found.named_notes[indicator.name][1] == indicator.definition, code
    return found


def xlsx(table: Table, title: str = "Test") -> tuple[list[str], list[dict[str, object]], list[list[object]]]:
    """Shorthand of :func:`read_xlsx`: header, values per row by header, Toelichting rows."""
    found = read_xlsx(table, title)
    return found.header, found.rows, found.notes


def csv_rows(table: Table) -> list[dict[str, str]]:
    """The table's CSV export as a Dutch Excel reads it (``;``, UTF-8 with BOM)."""
    data = exports.to_csv_bytes(table)
    assert data.startswith(b"\xef\xbb\xbf")
    return list(csv.DictReader(io.StringIO(data.decode("utf-8-sig")), delimiter=";"))
